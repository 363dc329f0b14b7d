"""Clauses stage: segment Spans -> applicability, per-safeguard Findings, placeholders and social-value weighting.

``analyse`` is the stage function called by ``tenderlens.api``; the pieces live in named modules:
``checklist`` (load and validate the checklist data file), ``applicability`` (scopes), ``match`` (checklist
patterns with modality and negation), ``classify`` (the trained sentence classifiers), ``decide`` (sentence
labels -> a document-level Finding), ``placeholders`` and ``weighting``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenderlens.clauses.applicability import decide_scopes
from tenderlens.clauses.checklist import Checklist
from tenderlens.clauses.classify import SentenceModel, get_engine
from tenderlens.clauses.decide import decide_finding, label_sentences
from tenderlens.clauses.match import compiled
from tenderlens.clauses.placeholders import find_placeholders
from tenderlens.clauses.weighting import read_social_value
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


def analyse(
    spans: tuple[Span, ...], checklist: Checklist, options: AuditOptions, model: SentenceModel | None = None
) -> ClauseResult:
    """Run the clauses stage. Reads segment Spans; adds scopes, findings, placeholders and social value.

    ``model`` overrides the engine named in ``options`` (evaluation passes a freshly fitted one)."""
    model = model or get_engine(options.engine, options.model_path)
    matches = compiled(checklist).match(s.text for s in spans)
    scores = model.score([s.text for s in spans])
    scopes = decide_scopes(spans, matches, checklist)
    scope_by_id = {s.scope: s for s in scopes}
    labels = label_sentences(spans, matches, scores, checklist.category_ids)
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
        engine=model.name,
    )
