"""Clauses stage: segment Spans -> applicability, per-safeguard Findings, placeholders and social-value weighting.

``analyse`` is the stage function called by ``tenderlens.api``; the pieces live in named modules:
``checklist`` (load and validate the checklist data file), ``applicability`` (scopes), ``match`` (checklist
patterns with modality and negation), ``classify`` (the TF-IDF sentence classifiers: the cheap first stage),
``judge`` (the fine-tuned clause judge: the second stage, on candidates only), ``engines`` (engines by name),
``decide`` (sentence labels -> a document-level Finding), ``parties`` (party names read as their roles),
``placeholders`` and ``weighting``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tenderlens.clauses.applicability import decide_scopes
from tenderlens.clauses.checklist import Checklist
from tenderlens.clauses.decide import SentenceLabel, decide_finding, judge_candidates, label_sentences
from tenderlens.clauses.engines import ClauseEngine, get_engine
from tenderlens.clauses.match import SentenceMatch, compiled
from tenderlens.clauses.parties import party_readings, reading_notice
from tenderlens.clauses.placeholders import find_placeholders
from tenderlens.clauses.scores import SentenceScores
from tenderlens.clauses.weighting import read_social_value
from tenderlens.cores import split_map
from tenderlens.model import Finding, Placeholder, ScopeFinding, SocialValue, Span
from tenderlens.options import AuditOptions


@dataclass(frozen=True)
class ClauseResult:
    """What the clauses stage adds: read by ``report.build``."""

    applicability: tuple[ScopeFinding, ...]
    findings: tuple[Finding, ...]
    placeholders: tuple[Placeholder, ...]
    social_value: SocialValue
    engine: str
    checklist_version: str
    """The version of the checklist the findings were judged against."""
    warnings: tuple[str, ...] = ()
    """What the reader should know about how the text was read (party names read as their roles)."""


def label_spans(
    spans: Sequence[Span], checklist: Checklist, engine: ClauseEngine, readings: Sequence[str] | None = None
) -> tuple[list[SentenceMatch], list[SentenceLabel]]:
    """The rule matches of every span and its sentence labels (which safeguard, which status) from ``engine``.

    ``readings``: what each span is read as, by default its text with the document's party names read as their roles
    (``parties``). Rules and sentence scores, most of the stage's time, run on every core for a long document
    (``split_map``)."""
    rules, model = compiled(checklist), engine.sentences

    def match_and_score(texts: Sequence[str]) -> list[tuple[SentenceMatch, SentenceScores]]:
        return list(zip(rules.match(texts), model.score(texts), strict=True))

    if readings is None:
        readings, _ = party_readings([s.reading for s in spans], checklist.parties)
    pairs = split_map(match_and_score, list(readings))
    matches, scores = [m for m, _ in pairs], [s for _, s in pairs]
    judgements = judge_candidates(engine.judge, spans, readings, matches, scores, checklist) if engine.judge else None
    return matches, label_sentences(spans, matches, scores, checklist.categories, judgements)


def analyse(
    spans: tuple[Span, ...], checklist: Checklist, options: AuditOptions, engine: ClauseEngine | None = None
) -> ClauseResult:
    """Run the clauses stage. Reads segment Spans; adds scopes, findings, placeholders and social value.

    ``engine`` overrides the engine named in ``options`` (evaluation passes a freshly fitted one)."""
    engine = engine or get_engine(options.engine, options.model_path)
    readings, aliases = party_readings([s.reading for s in spans], checklist.parties)
    matches, labels = label_spans(spans, checklist, engine, readings)
    scopes = decide_scopes(spans, matches, checklist, engine.scopes)
    scope_by_id = {s.scope: s for s in scopes}
    searched = sum(1 for s in spans if s.kind != "heading")
    findings = []
    for category in checklist.categories:
        # A category applies when ANY of its scopes holds; report the first one that does, else the first.
        relevant = [scope_by_id[s] for s in category.applies_if]
        scope = next((s for s in relevant if s.applies), relevant[0] if relevant else None)
        findings.append(
            decide_finding(category, [lab for lab in labels if lab.category == category.id], scope, searched)
        )
    return ClauseResult(
        applicability=scopes,
        findings=tuple(findings),
        placeholders=find_placeholders(spans, checklist),
        social_value=read_social_value(spans, checklist),
        engine=engine.name,
        checklist_version=checklist.version,
        warnings=tuple(w for w in (reading_notice(aliases),) if w),
    )
