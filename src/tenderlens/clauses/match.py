"""Clauses stage, rules: match checklist terms (on lemmas) and wording patterns (regex) in each sentence.

Terms are matched with spaCy's PhraseMatcher on lower-cased lemmas, so a checklist author writes a phrase once
in any inflection (``=profiling`` opts a term out: that form only). Contrary, reference and distractor patterns
are regular expressions, because their meaning lives in word order ("shall not be required to disclose the
logic"). Modality is read here too: it decides between a binding obligation (present) and weak wording (partial).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tenderlens.clauses.checklist import Checklist
from tenderlens.exceptions import MissingDependencyError

_LEMMA_NORM = "tenderlens_lemma_norm"
EXACT_PREFIX = "="
"""A checklist term written ``=word`` matches that word form only (case-insensitive), not its other inflections."""


@cache
def lemma_pipeline() -> Language:
    """A blank English tokenizer that writes each token's lower-cased lemma into ``NORM``.

    Lemmas come from the lookup table of ``spacy-lookups-data`` (no model download), looked up on the lower-cased
    word: the table is case-sensitive, and tenders capitalise defined terms ("Personal Data" must match
    "personal data"). PhraseMatcher then matches on NORM.
    """
    from spacy.lookups import load_lookups

    nlp = spacy.blank("en")
    try:
        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, OSError, ImportError) as exc:
        raise MissingDependencyError(
            "spaCy lemma tables are missing: install the 'spacy-lookups-data' package."
        ) from exc

    def lemma_norm(doc: Doc) -> Doc:
        for token in doc:
            lower = token.lower_
            # Short words, acronyms and contractions keep their form: the table maps "AI" and "'s" to "have".
            lemma = table.get(lower, lower) if token.is_alpha and len(lower) > 3 and not token.is_upper else lower
            # Suppletive entries ("well" -> "good", "better" -> "well") would let "goods" match "as well".
            token.norm_ = lemma if lemma[:3] == lower[:3] else lower
        return doc

    if not Language.has_factory(_LEMMA_NORM):
        Language.component(_LEMMA_NORM, func=lemma_norm)
    nlp.add_pipe(_LEMMA_NORM)
    return nlp


@dataclass(frozen=True)
class CategoryMatch:
    """What the rules saw of one category in one sentence."""

    signals: frozenset[str] = frozenset()
    contrary: bool = False
    reference: bool = False
    distractor: bool = False


@dataclass(frozen=True)
class SentenceMatch:
    """Rule evidence for one sentence: per-category matches, scope term hits and modality."""

    categories: dict[str, CategoryMatch]
    scopes: dict[str, tuple[str, ...]]
    negative_scopes: dict[str, tuple[str, ...]]
    strong: bool
    weak: bool


class Matcher:
    """A checklist compiled for matching; build once per checklist and reuse (see :func:`compiled`)."""

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.nlp = lemma_pipeline()
        self._terms = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._exact_terms = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for cat in checklist.categories:
            for sig in cat.signals:
                self._add(f"cat|{cat.id}|{sig.id}", sig.terms)
        for scope in checklist.scopes:
            self._add(f"scope|{scope.id}|+", scope.terms)
            self._add(f"scope|{scope.id}|-", scope.negative_terms)
        self._regex = {
            cat.id: (_compile(cat.contrary), _compile(cat.references), _compile(cat.distractors))
            for cat in checklist.categories
        }
        self._scope_patterns = {
            scope.id: tuple(re.compile(p, re.IGNORECASE) for p in scope.patterns) for scope in checklist.scopes
        }
        self._strong = _word_alternation(checklist.modality.strong)
        self._weak = _word_alternation(checklist.modality.weak)

    def _add(self, key: str, phrases: Sequence[str]) -> None:
        # "=profiling" matches that form only; a lemma match would also take "profiles".
        exact = [p[1:] for p in phrases if p.startswith(EXACT_PREFIX)]
        lemma = [p for p in phrases if not p.startswith(EXACT_PREFIX)]
        if lemma:
            self._terms.add(key, list(self.nlp.pipe(lemma)))
        if exact:
            self._exact_terms.add(key, list(self.nlp.make_doc(p) for p in exact))

    def match(self, texts: Iterable[str]) -> list[SentenceMatch]:
        """Rule matches for each text, in order."""
        texts = list(texts)
        return [self._one(text, doc) for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=256), strict=True)]

    def _one(self, text: str, doc: Doc) -> SentenceMatch:
        signals: dict[str, set[str]] = {}
        scopes: dict[str, list[str]] = {}
        negative: dict[str, list[str]] = {}
        for match_id, start, end in (*self._terms(doc), *self._exact_terms(doc)):
            kind, ident, sub = self.nlp.vocab.strings[match_id].split("|")
            phrase = doc[start:end].text
            if kind == "cat":
                signals.setdefault(ident, set()).add(sub)
            elif sub == "+":
                scopes.setdefault(ident, []).append(phrase)
            else:
                negative.setdefault(ident, []).append(phrase)
        for scope_id, patterns in self._scope_patterns.items():
            for pattern in patterns:
                found = pattern.search(text)
                if found:
                    scopes.setdefault(scope_id, []).append(found.group(0))
        categories = {}
        for cat_id, (contrary, references, distractors) in self._regex.items():
            categories[cat_id] = CategoryMatch(
                signals=frozenset(signals.get(cat_id, ())),
                contrary=_search(contrary, text),
                reference=_search(references, text),
                distractor=_search(distractors, text),
            )
        return SentenceMatch(
            categories=categories,
            scopes={k: tuple(v) for k, v in scopes.items()},
            negative_scopes={k: tuple(v) for k, v in negative.items()},
            strong=bool(self._strong and self._strong.search(text)),
            weak=bool(self._weak and self._weak.search(text)),
        )


@cache
def compiled(checklist: Checklist) -> Matcher:
    """The :class:`Matcher` for a checklist, built once per process."""
    return Matcher(checklist)


def _compile(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """One alternation per family: a single search per sentence instead of one per pattern (5x faster here)."""
    if not patterns:
        return ()
    return (re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),)


def _search(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _word_alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
