"""Clauses stage, rules: match checklist terms (on lemmas) and wording patterns (regex) in each sentence.

Terms are matched as token sequences on lower-cased lemmas (spaCy's PhraseMatcher on ``NORM``, re-done over
``tenderlens.tokens`` so no spaCy is imported), so a checklist author writes a phrase once in any inflection
(``=profiling`` opts a term out: that form only). Contrary, reference and distractor patterns
are regular expressions, because their meaning lives in word order ("shall not be required to disclose the
logic"). Modality is read here too: it decides between a binding obligation (present) and weak wording (partial).
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from tenderlens.clauses.checklist import Checklist
from tenderlens.clauses.negation import is_denied, is_negated
from tenderlens.clauses.prefilter import Prefiltered
from tenderlens.exceptions import MissingDependencyError
from tenderlens.tokens import Tokens, tokenizer

EXACT_PREFIX = "="
"""A checklist term written ``=word`` matches that word form only (case-insensitive), not its other inflections."""


@cache
def lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (``spacy-lookups-data``, no model download), read once per process.

    Raises:
        MissingDependencyError: the ``spacy-lookups-data`` package is not installed.
    """
    try:
        from spacy_lookups_data import get_file

        with get_file("en_lemma_lookup.json.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
            table: dict[str, str] = json.load(f)
    except (ImportError, OSError, ValueError) as exc:
        raise MissingDependencyError(
            "spaCy lemma tables are missing: install the 'spacy-lookups-data' package."
        ) from exc
    return table


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold_quotes(text: str) -> str:
    """Typographic quotes as ASCII ones ("Buyer\u2019s" as "Buyer's"), one character for one, so offsets still hold:
    a checklist written with straight quotes matches a tender typeset with curly ones."""
    return text.translate(_QUOTES)


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_NUMBER_JOINER = "\u00b7"


def _join_numbers(text: str) -> str:
    """``text`` with the point inside a number ("Article 6.3", "99.5%") as a middle dot, one character for one: the
    wording that works against a safeguard, or distracts from it, is written ``[^.]{0,60}`` to stay in one
    sentence, and a cross-reference must not end it. Reference patterns read the text as printed
    (``schedule\\s+[0-9a-z.]+``)."""
    return _DECIMAL_POINT.sub(_NUMBER_JOINER, text) if "." in text else text


def lemma_norms(words: Sequence[str]) -> list[str]:
    """Each token's lower-cased lemma, looked up on the lower-cased word: the table is case-sensitive, and
    tenders capitalise defined terms ("Personal Data" must match "personal data"). Fold quotes first."""
    return list(map(_lemma_norm, words))


@lru_cache(maxsize=100_000)
def _lemma_norm(word: str) -> str:
    lower = word.lower()
    # Short words, acronyms and contractions keep their form: the table maps "AI" and "'s" to "have".
    lemma = lemma_table().get(lower, lower) if word.isalpha() and len(lower) > 3 and not word.isupper() else lower
    # Suppletive entries ("well" -> "good", "better" -> "well") would let "goods" match "as well".
    return lemma if lemma[:3] == lower[:3] else lower


class PhraseIndex:
    """Keyed token sequences (phrases), found in a token sequence as spaCy's PhraseMatcher finds them."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, ...], list[str]] = {}
        self._firsts: set[str] = set()
        self._prefixes: set[tuple[str, ...]] = set()
        """Every phrase's every beginning: a token sequence that is none of them cannot grow into a phrase."""

    def add(self, key: str, phrases: Sequence[Sequence[str]]) -> None:
        for phrase in phrases:
            if phrase:
                keys = self._keys.setdefault(tuple(phrase), [])
                if key not in keys:  # "triage" and "triaging" share a lemma: one match, as in spaCy
                    keys.append(key)
                self._firsts.add(phrase[0])
                self._prefixes.update(tuple(phrase[:end]) for end in range(1, len(phrase) + 1))

    def find(self, tokens: Sequence[str]) -> Iterator[tuple[str, int, int]]:
        """``(key, start, end)`` of every occurrence, by start then length (overlaps included)."""
        keys, firsts, prefixes = self._keys, self._firsts, self._prefixes
        for start in [i for i, token in enumerate(tokens) if token in firsts]:
            for end in range(start + 1, len(tokens) + 1):
                sequence = tuple(tokens[start:end])
                if sequence not in prefixes:
                    break
                for key in keys.get(sequence, ()):
                    yield key, start, end


@dataclass(frozen=True)
class CategoryMatch:
    """What the rules saw of one category in one sentence."""

    signals: frozenset[str] = frozenset()
    contrary: bool = False
    reference: bool = False
    distractor: bool = False
    may_be_present: bool = True
    """False when the category has ``present_requires`` terms and the sentence uses none of them."""


_NOTHING = {m: m for m in (CategoryMatch(), CategoryMatch(may_be_present=False))}
"""The outcomes of a category that matched nothing, each as one shared object."""


@dataclass(frozen=True)
class SentenceMatch:
    """Rule evidence for one sentence: per-category matches, scope term hits and modality."""

    categories: dict[str, CategoryMatch]
    scopes: dict[str, tuple[str, ...]]
    negative_scopes: dict[str, tuple[str, ...]]
    negated_scopes: dict[str, tuple[str, ...]]
    """Scope terms the sentence negates ("has no user interface"): set aside, neither for nor against."""
    strong: bool
    weak: bool
    protective: bool = False
    """A duty that binds the supplier (checklist ``modality.protective``)."""


class Matcher:
    """A checklist compiled for matching; build once per checklist and reuse (see :func:`compiled`)."""

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self._tokenizer = tokenizer()
        self._terms = PhraseIndex()
        self._exact_terms = PhraseIndex()
        for cat in checklist.categories:
            for sig in cat.signals:
                self._add(f"cat|{cat.id}|{sig.id}", sig.terms)
            self._add(f"gate|{cat.id}|+", cat.present_requires)
        self._gated = {cat.id for cat in checklist.categories if cat.present_requires}
        for scope in checklist.scopes:
            self._add(f"scope|{scope.id}|+", scope.terms)
            self._add(f"scope|{scope.id}|-", scope.negative_terms)
        self._contrary = {
            cat.id: tuple(
                (
                    re.compile(_at_word_start(rule.pattern), re.IGNORECASE),
                    _negating(rule.pattern),
                    re.compile(rule.unless, re.IGNORECASE) if rule.unless else None,
                )
                for rule in cat.contrary
            )
            for cat in checklist.categories
        }
        self._regex = {
            cat.id: (
                _compile([rule.pattern for rule in cat.contrary]),
                _compile(cat.references),
                _compile(cat.distractors),
            )
            for cat in checklist.categories
        }
        self._scope_patterns = {
            scope.id: tuple(Prefiltered(re.compile(_at_word_start(p), re.IGNORECASE)) for p in scope.patterns)
            for scope in checklist.scopes
        }
        self._strong = _word_alternation(checklist.modality.strong)
        self._weak = _word_alternation(checklist.modality.weak)
        self._protective = _compile(checklist.modality.protective)

    def _add(self, key: str, phrases: Sequence[str]) -> None:
        # "=profiling" matches that form only; a lemma match would also take "profiles".
        words = [
            (p.startswith(EXACT_PREFIX), self._tokenizer(fold_quotes(p.removeprefix(EXACT_PREFIX))).words)
            for p in phrases
        ]
        self._terms.add(key, [lemma_norms(w) for exact, w in words if not exact])
        self._exact_terms.add(key, [[t.lower() for t in w] for exact, w in words if exact])

    def match(self, texts: Iterable[str]) -> list[SentenceMatch]:
        """Rule matches for each text, in order."""
        matches = []
        for text in texts:
            folded = fold_quotes(text)
            matches.append(self._one(text, folded, self._tokenizer(folded)))
        return matches

    def _one(self, text: str, folded: str, tokens: Tokens) -> SentenceMatch:
        """``folded`` is ``text`` with :func:`fold_quotes`, and ``tokens`` its tokens; quotes come from ``text``."""
        signals: dict[str, set[str]] = {}
        opened: set[str] = set()
        scopes: dict[str, list[str]] = {}
        negative: dict[str, list[str]] = {}
        negated: dict[str, list[str]] = {}
        words, starts = tokens
        terms = (
            *self._terms.find(lemma_norms(words)),
            *self._exact_terms.find([w.lower() for w in words]),
        )
        for key, start, end in terms:
            kind, ident, sub = key.split("|")
            phrase = text[starts[start] : starts[end - 1] + len(words[end - 1])]
            if kind == "cat":
                signals.setdefault(ident, set()).add(sub)
            elif kind == "gate":
                opened.add(ident)
            elif sub == "+":
                (negated if is_negated(words, start, end) else scopes).setdefault(ident, []).append(phrase)
            else:
                negative.setdefault(ident, []).append(phrase)
        for scope_id, patterns in self._scope_patterns.items():
            for pattern in patterns:
                found = pattern.search(folded)
                if found:
                    first = bisect_right(starts, found.start()) - 1
                    last = bisect_right(starts, found.end() - 1)
                    where = negated if is_negated(words, first, last) else scopes
                    where.setdefault(scope_id, []).append(text[found.start() : found.end()])
        categories = {}
        lower = folded.lower()
        running = _join_numbers(folded)
        running_lower = running.lower()
        for cat_id, (contrary, references, distractors) in self._regex.items():
            seen = CategoryMatch(
                signals=frozenset(signals.get(cat_id, ())),
                contrary=_search(contrary, running, running_lower) and self._affirmed(cat_id, running, tokens),
                reference=_search(references, folded, lower),
                distractor=_search(distractors, running, running_lower),
                may_be_present=cat_id not in self._gated or cat_id in opened,
            )
            # Most sentences match nothing of most categories: one shared object for each such outcome keeps
            # the results small, and cheap to return from another process (pickle stores it once).
            categories[cat_id] = _NOTHING.get(seen, seen)
        return SentenceMatch(
            categories=categories,
            scopes={k: tuple(v) for k, v in scopes.items()},
            negative_scopes={k: tuple(v) for k, v in negative.items()},
            negated_scopes={k: tuple(v) for k, v in negated.items()},
            strong=bool(self._strong and self._strong.search(folded)),
            weak=bool(self._weak and self._weak.search(folded)),
            protective=_search(self._protective, folded, lower),
        )

    def _affirmed(self, cat_id: str, folded: str, tokens: Tokens) -> bool:
        """Whether a contrary pattern of the category matches ``folded`` and is not itself negated or forbidden
        (``negation.is_denied``) or undone by its ``unless`` wording. Run only on the few sentences the category's
        contrary family matched."""
        words, starts = tokens
        for pattern, negating, unless in self._contrary[cat_id]:
            if unless is not None and unless.search(folded):
                continue
            for found in pattern.finditer(folded):
                first = bisect_right(starts, found.start()) - 1
                end = bisect_right(starts, found.end() - 1)
                if not is_denied(words, max(first, 0), end, negating):
                    return True
        return False


_NEGATION_WORD = re.compile(r"\b(not|no|never|without|cannot|neither|nor)\b|n't")


def _negating(pattern: str) -> bool:
    """Whether a checklist pattern says a negation itself ("shall not be disclosed", "no obligation"); escapes such
    as ``\\b`` and ``\\s`` are read as the breaks they are."""
    return _NEGATION_WORD.search(re.sub(r"\\.", " ", pattern)) is not None


@cache
def compiled(checklist: Checklist) -> Matcher:
    """The :class:`Matcher` for a checklist, built once per process."""
    return Matcher(checklist)


@dataclass(frozen=True)
class _Family:
    """One family of checklist patterns (a category's contrary, references or distractors) as one alternation: a
    single search per sentence instead of one per pattern (5x faster here). A family written without capitals,
    as the bundled checklist is, is searched case-sensitively in the lower-cased sentence, which lets the regular
    expression engine skip ahead on literal text (about twice as fast as ``re.IGNORECASE``)."""

    pattern: Prefiltered
    lowered: bool

    def search(self, text: str, lower: str) -> bool:
        return self.pattern.search(lower if self.lowered else text) is not None


_WORD_FIRST = re.compile(r"\(?\w")
"""A pattern whose first character to match is a word character (``supplier``, ``(logic|model)``)."""


def _at_word_start(pattern: str) -> str:
    """A pattern that begins with a word matches only at the start of a word: ``(model|rules)`` must not fire inside
    "remodelled" or "subrules"; a pattern that begins otherwise (``\\b``, ``(?<!…)``, ``\\s``) is kept as written."""
    return rf"\b(?:{pattern})" if _WORD_FIRST.match(pattern) else pattern


def _compile(patterns: Sequence[str]) -> tuple[_Family, ...]:
    if not patterns:
        return ()
    joined = "|".join(f"(?:{_at_word_start(p)})" for p in patterns)
    if _has_capitals(joined):
        return (_Family(Prefiltered(re.compile(joined, re.IGNORECASE)), lowered=False),)
    return (_Family(Prefiltered(re.compile(joined)), lowered=True),)


def _has_capitals(pattern: str) -> bool:
    """Capital letters other than escapes (``\\S``, ``\\W``, ``\\B``…): a case-sensitive part (``(?-i:…)``) or a class
    such as ``[A-Z]`` needs the original text."""
    return re.search(r"[A-Z]", re.sub(r"\\.", "", pattern)) is not None


def _search(families: Sequence[_Family], text: str, lower: str) -> bool:
    return any(f.search(text, lower) for f in families)


def _word_alternation(words: Sequence[str]) -> Prefiltered | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return Prefiltered(re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE))
