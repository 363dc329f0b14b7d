"""Clauses stage, verdicts: combine rule matches and model scores into sentence labels, then one Finding per
safeguard (present / partial / contrary / missing / not_applicable) with its evidence.

Sentence level, classic engine: a contrary pattern or an incorporated schedule decides directly; otherwise the
model's topic probability and the checklist terms are blended (``TOPIC_WEIGHT``) and compared with ``THRESHOLD``,
and the status comes from modality (weak wording makes it partial) and the status model. Transformer engine: the
same rules and probabilities only pick candidate (sentence, safeguard) pairs; the clause judge decides them, and a
doubtful verdict falls to the cautious one (``partial``), because a false ``contrary`` or ``present`` costs a
reader's trust more than a cautious ``partial``. The settings were chosen by grouped cross-validation over the
training documents (each scored by a judge fitted without it). Document level: ``contrary`` >
``present`` > ``partial`` > ``missing``, because one clause that does the opposite undermines the rest and must be
fixed before publication.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from tenderlens.clauses.checklist import Category, Checklist
from tenderlens.clauses.classify import SentenceScores
from tenderlens.clauses.judge import ClauseJudge, Judgement, context_text, safeguard_text
from tenderlens.clauses.match import CategoryMatch, SentenceMatch
from tenderlens.model import Evidence, Finding, ScopeFinding, SentenceStatus, Span, page_and_clause

TOPIC_WEIGHT = 0.6
"""Share of the model's topic probability in a sentence's relevance (the rest: a checklist term matched)."""
THRESHOLD = 0.5
"""Relevance at or above which a sentence counts as evidence for a category."""
DISTRACTOR_FACTOR = 0.35
CONTRARY_MODEL_MIN = 0.9
"""The status model alone calls a sentence contrary only above this probability (patterns decide otherwise). Chosen
by 5-fold cross-validation over train+dev: 0.7 to 0.9 leaves status accuracy unchanged (0.845 / 0.842) and lifts
contrary precision from 0.86 to 0.97."""
DOUBT_TOPIC_MIN = 0.35
"""Topic probability from which a sentence the status model calls contrary, though too weakly about the safeguard to
be evidence, still keeps it from being called ``present`` (``SentenceLabel.doubt``): contrary wording rarely uses a
safeguard's own terms ("the scoring method is the Contractor's know-how"). It used to make such a sentence
``contrary``; as doubt, grouped 5-fold cross-validation gives contrary precision 0.981 -> 0.990 (synthetic) at the same
false ``present`` count, status accuracy 0.891 -> 0.884 synthetic (one document) and 0.800 real (unchanged)."""
INCORPORATED = "incorporated_schedule"
"""The signal recorded for evidence that is a schedule incorporated by reference."""
JUDGE_WEIGHT = 0.25
"""Share of the judge's P(about the safeguard) in a candidate's relevance (the rest: the classic relevance)."""
JUDGE_RELEVANCE_MIN = 0.55
"""Relevance from which the judge's verdict counts."""
JUDGE_PATTERN_MIN = 0.35
"""Relevance from which a checklist contrary pattern makes the sentence contrary."""
JUDGE_CONTRARY_MIN = 0.6
"""The judge's P(contrary | about the safeguard) for a contrary verdict; doubt falls to partial."""
JUDGE_PRESENT_MIN = 0.7
"""The judge's P(present | about the safeguard) for a present verdict; doubt falls to partial."""
CONTRARY_AGREE_MIN = 0.5
"""The status model's P(contrary) that must back a judge's contrary verdict with no contrary pattern; otherwise it
is held at partial. Cross-validation: contrary precision 0.86 -> 0.97 at unchanged recall on synthetic text, and five
of six false contraries on real text gone."""
JUDGE_CANDIDATE_MIN = (JUDGE_RELEVANCE_MIN - JUDGE_WEIGHT) / ((1 - JUDGE_WEIGHT) * TOPIC_WEIGHT)
"""Classic topic probability from which a pair with no rule match goes to the judge: below it the blended relevance
cannot reach ``JUDGE_RELEVANCE_MIN`` even if the judge is sure, so judging it would change nothing."""
PRESENT_MIN_PARTS = 2
"""A document is ``present`` for a safeguard with at least this many binding clauses, or clauses covering this many
of its elements (checklist signals); one binding clause on one element is "some of it": ``partial``. An incorporated
schedule stands for its whole contents and is never thin. Grouped 5-fold cross-validation over train+dev: false
``present`` verdicts 61 -> 33 (synthetic) and 13 -> 1 (real); status accuracy 0.850 -> 0.854 and 0.722 -> 0.756;
gap F1 0.832 -> 0.870 and 0.841 -> 0.887 (with ``CLAUSE_MIN_WORDS`` and the checklist terms of 2026.12-uk.3)."""
_PRECEDENCE: tuple[SentenceStatus, ...] = ("contrary", "present", "partial")
_MAX_EVIDENCE = 5


@dataclass(frozen=True)
class SentenceLabel:
    span: Span
    category: str
    status: SentenceStatus
    score: float
    signal: str | None
    elements: frozenset[str] = frozenset()
    """Every checklist signal the sentence matched (``signal`` is the one shown with the evidence)."""
    held: bool = False
    """At most partial because it uses none of the category's ``present_requires`` terms (read as present, it is
    held at partial)."""
    doubt: bool = False
    """Partial because the status model alone reads it as contrary while it is only weakly about the safeguard: not
    proof of a contrary clause, but doubt enough that the safeguard is not called ``present`` (``decide_finding``)."""


Judgements = dict[tuple[int, str], Judgement]
"""The judge's verdicts by (sentence index, category id), for the candidate pairs only."""


def judge_candidates(
    judge: ClauseJudge,
    spans: Sequence[Span],
    readings: Sequence[str],
    matches: Sequence[SentenceMatch],
    scores: Sequence[SentenceScores],
    checklist: Checklist,
) -> Judgements:
    """Send the candidate pairs to the judge: a checklist term, contrary wording or an incorporated schedule for the
    safeguard, or a classic topic probability of at least ``JUDGE_CANDIDATE_MIN``. Everything else is boilerplate
    the judge never sees. ``readings``: what each span is read as (``parties``)."""
    keys = [
        (i, cat.id)
        for i, (span, match, score) in enumerate(zip(spans, matches, scores, strict=True))
        if span.kind != "heading"
        for cat in checklist.categories
        if _candidate(match.categories[cat.id], score.topic.get(cat.id, 0.0))
    ]
    safeguards = {c.id: safeguard_text(c) for c in checklist.categories}
    pairs = [(safeguards[cat], context_text(readings[i], spans[i].heading)) for i, cat in keys]
    return dict(zip(keys, judge.judge(pairs), strict=True))


def _candidate(m: CategoryMatch, topic: float) -> bool:
    return bool(m.signals or m.contrary or m.reference) or topic >= JUDGE_CANDIDATE_MIN


def label_sentences(
    spans: Sequence[Span],
    matches: Sequence[SentenceMatch],
    scores: Sequence[SentenceScores],
    categories: Sequence[Category],
    judgements: Judgements | None = None,
) -> list[SentenceLabel]:
    """Sentence-level labels: at most one per (sentence, category). With ``judgements`` (transformer engine) the
    judge decides; without them, the classic rules and probabilities do. Either way a present label that uses none
    of the category's ``present_requires`` terms is held at partial."""
    labels = []
    for i, (span, match, score) in enumerate(zip(spans, matches, scores, strict=True)):
        if span.kind == "heading" or not _is_clause(span.text):
            continue
        for cat in categories:
            if judgements is None:
                label = _label(span, cat.id, match, score)
            else:
                verdict = judgements.get((i, cat.id))
                label = _judged_label(span, cat.id, match, score, verdict) if verdict else None
            if label:
                m = match.categories[cat.id]
                labels.append(_held(replace(label, elements=m.signals), m))
    return labels


_BRACKETED = re.compile(r"\[[^\]]*\]")
_WORD = re.compile(r"[^\W\d_]{2,}")


CLAUSE_MIN_WORDS = 3
"""A span with fewer words than this outside brackets is not a clause and is never evidence: a template's bracketed
options ("[Not Applicable] or", "[Insert KPIs]", reported by placeholders) or a one-word table cell ("Other", "Data
warehousing"). Cross-validation over train+dev: real-text status accuracy 0.744 -> 0.756, synthetic unchanged."""


def _is_clause(text: str) -> bool:
    return len(_WORD.findall(_BRACKETED.sub(" ", text))) >= CLAUSE_MIN_WORDS


def _held(label: SentenceLabel, m: CategoryMatch) -> SentenceLabel:
    if label.status == "contrary" or m.may_be_present:
        return label
    return replace(label, status="partial", held=True)


def _judged_label(
    span: Span, cat: str, match: SentenceMatch, score: SentenceScores, j: Judgement
) -> SentenceLabel | None:
    # Whether the sentence is about the safeguard blends the judge with the classic relevance (topic model and
    # checklist terms): each is wrong on different sentences, and cross-validation favours the blend. Its status is
    # the judge's alone: the classic status model's "contrary" is the bag-of-words reading that calls "shall not use
    # Authority Data for any other purpose" contrary. A checklist contrary pattern, which reads word order, tips a
    # sentence the judge does not call present; weak wording caps present at partial, as in the classic engine.
    m = match.categories[cat]
    signal = sorted(m.signals)[0] if m.signals else None
    # For a safeguard of the user's own, which the topic model was never trained on, the judge stands in for it.
    topic = score.topic.get(cat, j.relevance)
    relevance = JUDGE_WEIGHT * j.relevance + (1 - JUDGE_WEIGHT) * _relevance(m, topic)
    about = max(j.relevance, 1e-9)
    contrary, present = j.contrary / about, j.present / about
    if m.reference and contrary < JUDGE_CONTRARY_MIN:
        return SentenceLabel(span, cat, _referenced(match), max(relevance, 0.85), signal or INCORPORATED)
    pattern = m.contrary and not m.distractor
    if pattern and relevance >= JUDGE_PATTERN_MIN and present < 0.5:
        return SentenceLabel(span, cat, "contrary", round(relevance, 3), signal)
    if relevance < JUDGE_RELEVANCE_MIN:
        return None
    status: SentenceStatus = "partial"
    if contrary >= JUDGE_CONTRARY_MIN:
        # Two keys for the costliest verdict: the judge and the status model (or a contrary pattern) must agree.
        # The judge alone calls "this website will not work with screen readers" in a guide contrary.
        agreed = (
            score.status["contrary"] >= CONTRARY_AGREE_MIN
            and not _contrary_elsewhere(match, cat)
            and not match.protective
        )
        status = "contrary" if pattern or agreed else "partial"
    elif present >= JUDGE_PRESENT_MIN and not match.weak:
        status = "present"
    return SentenceLabel(span, cat, status, round(relevance, 3), signal)


def _referenced(match: SentenceMatch) -> SentenceStatus:
    """A schedule or standard incorporated by reference binds only in binding words: "should support the Trust in
    preparing an Algorithmic Transparency Recording Standard record" is weak wording, ``partial``."""
    return "partial" if match.weak else "present"


def _relevance(m: CategoryMatch, topic: float) -> float:
    """The classic engine's relevance: topic probability blended with a checklist term, damped by a distractor."""
    relevance = TOPIC_WEIGHT * topic + (1 - TOPIC_WEIGHT) * (1.0 if m.signals else 0.0)
    return relevance * DISTRACTOR_FACTOR if m.distractor else relevance


def _label(span: Span, cat: str, match: SentenceMatch, score: SentenceScores) -> SentenceLabel | None:
    m = match.categories[cat]
    p = score.topic.get(cat, 0.0)
    signal = sorted(m.signals)[0] if m.signals else None
    if m.contrary and not m.distractor:
        return SentenceLabel(span, cat, "contrary", max(p, 0.9), signal)
    if m.reference:
        return SentenceLabel(span, cat, _referenced(match), max(p, 0.85), signal or INCORPORATED)
    relevance = _relevance(m, p)
    if relevance < THRESHOLD:
        if _doubtful(m, p, score):
            return SentenceLabel(span, cat, "partial", relevance, signal, doubt=True)
        return None
    status = _status(match, score)
    if status == "contrary" and (_contrary_elsewhere(match, cat) or match.protective or not m.may_be_present):
        # The bag-of-words "contrary" alone is no verdict where another safeguard's wording explains it, where the
        # sentence binds the supplier, or where it uses none of the words the safeguard's own clauses need
        # (``present_requires``: "algorithms shall be at the Supplier's discretion" read against impact evaluation).
        status = "partial"
    return SentenceLabel(span, cat, status, relevance, signal)


def _contrary_elsewhere(match: SentenceMatch, cat: str) -> bool:
    """Whether another safeguard's contrary wording explains the sentence: the status model's bag-of-words "contrary"
    then belongs to that one ("the Supplier may use aggregated usage and performance data to develop its products"
    works against data ownership, not impact evaluation), and is no second verdict."""
    return any(m.contrary and not m.distractor for other, m in match.categories.items() if other != cat)


def _doubtful(m: CategoryMatch, topic: float, score: SentenceScores) -> bool:
    # The status model's "contrary" on weak topic evidence is a bag-of-words reading ("The Supplier consents to the
    # terms of this deed" read against FOI), so it is never a contrary verdict; it is doubt, given only to the
    # safeguard the sentence is most likely about (an FOI veto must not also weigh on data ownership).
    return (
        not m.distractor
        and topic >= DOUBT_TOPIC_MIN
        and topic >= max(score.topic.values())
        and score.status["contrary"] >= CONTRARY_MODEL_MIN
    )


def _status(match: SentenceMatch, score: SentenceScores) -> SentenceStatus:
    if score.status["contrary"] >= CONTRARY_MODEL_MIN:
        return "contrary"
    if match.weak:
        return "partial"
    if match.strong:
        return "present"
    return "partial" if score.status["partial"] > score.status["present"] else "present"


def decide_finding(
    category: Category,
    labels: Sequence[SentenceLabel],
    scope: ScopeFinding | None,
    sentences_searched: int,
) -> Finding:
    """The document-level verdict for one category from its sentence labels and its scope."""
    finding = partial(
        Finding,
        category=category.id,
        title=category.title,
        searched_for=category.searched_for,
        why_it_matters=category.why,
    )
    # A scope decided only by the absence of its terms yields to a binding clause on the subject (the clause shows
    # the subject is in scope); a scope ruled out by goods/works wording, which comes with evidence, does not.
    overruled = (
        scope is not None
        and not scope.evidence
        and any(lab.status in ("present", "contrary") and lab.score >= 0.8 for lab in labels)
    )
    if scope is not None and not scope.applies and not overruled:
        return finding(
            status="not_applicable",
            evidence=scope.evidence,
            reason=f"{category.not_applicable_reason} {scope.reason}".strip(),
            confidence=0.8,
            suggestion=None,
        )
    by_status = {st: [lab for lab in labels if lab.status == st] for st in _PRECEDENCE}
    status = next((st for st in _PRECEDENCE if by_status[st]), None)
    if status is None:
        return finding(
            status="missing",
            evidence=(),
            reason=(
                f"Searched {sentences_searched} sentences and found no clause on {category.title.lower()}. "
                f"Looked for: {'; '.join(category.searched_for)}."
            ),
            confidence=0.75,
            suggestion=category.suggestion,
            questions=category.questions,
        )
    covered = {s for lab in labels for s in (*lab.elements, lab.signal) if s}
    uncovered = [s.description for s in category.signals if s.id not in covered]
    thin = status == "present" and _thin(by_status["present"], covered)
    doubts = [lab for lab in by_status["partial"] if lab.doubt]
    if status == "present" and (thin or doubts):
        status = "partial"
        by_status["partial"] = [*by_status["present"], *by_status["partial"]]
    # The clause the reason names comes first: a doubtful one, when there is one.
    deciding = sorted(by_status[status], key=lambda lab: (not lab.doubt, -lab.score))
    others = sorted((lab for lab in labels if lab not in deciding), key=lambda lab: -lab.score)
    chosen = (deciding + others)[:_MAX_EVIDENCE]
    evidence = tuple(Evidence.from_span(lab.span, lab.status, lab.signal) for lab in chosen)
    held = category.partial_reason if status == "partial" and all(lab.held for lab in deciding) else None
    if doubts and status == "partial":
        reason = _doubt_reason(doubts[0], by_status["present"])
    elif thin:
        reason = _thin_reason(by_status["present"][0], uncovered)
    else:
        reason = _reason(status, deciding, uncovered)
    return finding(
        status=status,
        evidence=evidence,
        reason=held or reason,
        confidence=round(max(lab.score for lab in deciding), 3),
        suggestion=None if status == "present" else category.suggestion,
        questions=() if status == "present" else category.questions,
    )


def _thin(present: Sequence[SentenceLabel], covered: set[str]) -> bool:
    """One binding clause on one element of the safeguard (see ``PRESENT_MIN_PARTS``)."""
    return len(present) < PRESENT_MIN_PARTS and len(covered) < PRESENT_MIN_PARTS and INCORPORATED not in covered


def _thin_reason(clause: SentenceLabel, uncovered: Sequence[str]) -> str:
    gaps = f" Not covered: {'; '.join(uncovered)}." if uncovered else ""
    return f"Only one binding clause ({_where(clause.span)}), on one part of the safeguard.{gaps}"


def _doubt_reason(doubt: SentenceLabel, present: Sequence[SentenceLabel]) -> str:
    binding = f" {len(present)} binding clause(s) found, first at {_where(present[0].span)}." if present else ""
    return (
        f"A clause at {_where(doubt.span)} may work against this safeguard: check it, and make the safeguard "
        f"explicit if it does.{binding}"
    )


def _where(span: Span) -> str:
    return page_and_clause(span.page, span.clause_ref)


def _reason(status: SentenceStatus, deciding: Sequence[SentenceLabel], uncovered: Sequence[str]) -> str:
    where = _where(deciding[0].span)
    n = len(deciding)
    if status == "contrary":
        return f"{n} clause(s) work against this safeguard, first at {where}; fix them before publication."
    if status == "partial":
        return f"Only weak or conditional wording ({n} clause(s), first at {where}); make it a binding obligation."
    # An incorporated schedule is evidence, but its contents are not in this document: say what the text itself
    # does not cover without claiming the schedule does not.
    by_schedule = any(lab.signal == INCORPORATED for lab in deciding)
    label = "Not covered in this text (the incorporated schedule may cover them)" if by_schedule else "Not covered"
    gaps = f" {label}: {'; '.join(uncovered)}." if uncovered else ""
    return f"{n} binding clause(s), first at {where}.{gaps}"
