"""Clauses stage: segment Spans -> applicability, per-safeguard Findings, placeholders and social-value weighting.

``analyse`` is the stage function called by ``tenderlens.api``; the pieces live in named modules:
``checklist`` (load and validate the checklist data file), ``applicability`` (scopes), ``match`` (checklist
patterns with modality and negation), ``classify`` (the trained sentence classifiers), ``decide`` (sentence
labels -> a document-level Finding), ``placeholders`` and ``weighting``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenderlens.model import Finding, Placeholder, ScopeFinding, SocialValue


@dataclass(frozen=True)
class ClauseResult:
    """What the clauses stage adds: read by ``report.build``."""

    applicability: tuple[ScopeFinding, ...]
    findings: tuple[Finding, ...]
    placeholders: tuple[Placeholder, ...]
    social_value: SocialValue
    engine: str
