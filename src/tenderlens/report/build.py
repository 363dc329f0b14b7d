"""Report stage: assemble the stage outputs (document, clause findings, redaction, social value) into one
:class:`Report` with a summary: counts by status, an explained score, a verdict and the top actions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tenderlens import __version__
from tenderlens.model import (
    GAP_STATUSES,
    STATUSES,
    Action,
    Document,
    DocumentInfo,
    Finding,
    RedactionReport,
    Report,
    Span,
    Summary,
)
from tenderlens.report.leaks import leak_places

if TYPE_CHECKING:
    from tenderlens.clauses import ClauseResult

SCHEMA_VERSION = "1.0"
"""Version of the JSON report's shape (``schema/report.schema.json``); the major part changes on breaking
changes."""

_ACTION_ORDER = ("contrary", "missing", "partial")
_JUNK_TITLES = {"untitled", "document", "document1", "title", "none", "slide 1"}
_FILE_NAME = re.compile(r"\.(docx?|pdf|odt|rtf|txt)$", re.IGNORECASE)
_MAX_ACTIONS = 3
_SCORE_WEIGHT = {"present": 1.0, "partial": 0.5, "contrary": 0.0, "missing": 0.0}


def build_report(
    document: Document,
    spans: tuple[Span, ...],
    clause_result: ClauseResult,
    redaction: RedactionReport,
) -> Report:
    """Assemble the :class:`Report`. Reads every stage's output; adds the document facts and the summary.

    Takes no options: what the summary depends on (the heavy-redaction threshold) is already in ``redaction``.
    """
    return Report(
        schema_version=SCHEMA_VERSION,
        tenderlens_version=__version__,
        checklist_version=clause_result.checklist_version,
        engine=clause_result.engine,
        document=_document_info(document, spans),
        applicability=clause_result.applicability,
        findings=clause_result.findings,
        redaction=redaction,
        social_value=clause_result.social_value,
        placeholders=clause_result.placeholders,
        summary=summarise(clause_result.findings, redaction),
        warnings=document.warnings + clause_result.warnings + redaction.warnings,
    )


def _document_info(document: Document, spans: Sequence[Span]) -> DocumentInfo:
    return DocumentInfo(
        path=document.path,
        sha256=document.sha256,
        format=document.format,
        pages=len(document.pages),
        ocr_pages=document.ocr_pages,
        clauses=len({s.clause_ref for s in spans if s.clause_ref}),
        title=_title(document, spans),
    )


def _title(document: Document, spans: Sequence[Span]) -> str | None:
    """The metadata title when an author set one, else the first unnumbered heading on page 1."""
    # Producers fill the Title field with junk: reportlab writes "untitled", Word "Microsoft Word - x.docx".
    meta = document.metadata.get("Title", "").strip()
    junk = meta.lower() in _JUNK_TITLES or meta.startswith("Microsoft Word -") or _FILE_NAME.search(meta)
    if meta and not junk:
        return meta
    return next((s.text for s in spans if s.kind == "heading" and s.page == 1 and not s.clause_ref), None)


def summarise(findings: Sequence[Finding], redaction: RedactionReport) -> Summary:
    """Counts by status, the score and its explanation, the verdict sentence and the top actions."""
    counts: dict[str, int] = {status: sum(1 for f in findings if f.status == status) for status in STATUSES}
    applicable = len(findings) - counts["not_applicable"]
    needs = sum(counts[s] for s in GAP_STATUSES)
    score, explained = _score(counts, applicable)
    return Summary(
        counts=counts,
        applicable=applicable,
        needs_attention=needs,
        score=score,
        score_explained=explained,
        verdict=_verdict(needs, applicable, len(findings)),
        top_actions=_actions(findings, redaction),
    )


def _score(counts: dict[str, int], applicable: int) -> tuple[float, str]:
    rule = "Each applicable safeguard counts 1 when present, 0.5 when partial and 0 when missing or contrary"
    if applicable == 0:
        return 100.0, f"{rule}; no safeguard applies to this document, so there is nothing to lose points on."
    points = sum(weight * counts[status] for status, weight in _SCORE_WEIGHT.items())
    score = round(100.0 * points / applicable, 1)
    parts = ", ".join(f"{counts[s]} {s}" for s in ("present", "partial", "missing", "contrary") if counts[s])
    return score, f"{rule}: {parts} gives {points:g} of {applicable} points = {score:g}/100."


def _verdict(needs: int, applicable: int, total: int) -> str:
    if applicable == 0:
        return f"None of the {total} safeguards applies to this document."
    if needs == 0:
        return f"All {applicable} applicable safeguards are in place." if applicable > 1 else (
            "The applicable safeguard is in place."
        )  # fmt: skip
    noun = "safeguard" if applicable == 1 else "safeguards"
    verb = "needs" if needs == 1 else "need"
    return f"{needs} of {applicable} applicable {noun} {verb} attention."


def _actions(findings: Sequence[Finding], redaction: RedactionReport) -> tuple[Action, ...]:
    actions = []
    if redaction.leaky:
        where = leak_places(redaction)
        n = len(redaction.leaky)
        which = "redaction that leaves" if n == 1 else f"{n} redactions that leave"
        actions.append(
            Action(
                "redaction",
                f"Fix the {which} the hidden text in the file ({where}): remove the text itself, not "
                "only cover it, and publish the file again.",
            )
        )
    gaps = sorted((f for f in findings if f.status in _ACTION_ORDER), key=lambda f: _ACTION_ORDER.index(f.status))
    actions.extend(Action(f.category, _action_text(f)) for f in gaps[:_MAX_ACTIONS])
    return tuple(actions)


def _action_text(finding: Finding) -> str:
    first = next((e for e in finding.evidence if e.status == finding.status), None)
    where = "the clause"
    if first is not None:
        where = f"clause {first.clause} on page {first.page}" if first.clause else f"the text on page {first.page}"
    if finding.status == "contrary":
        return f"{finding.title}: rewrite {where}, which works against it, and add the suggested clause."
    if finding.status == "partial":
        return (
            f"{finding.title}: make {where} binding, replacing weak terms such as 'should' or 'where "
            "possible' with 'shall', and cover what the suggested clause covers."
        )
    return f"{finding.title}: add a clause; start from the suggested wording."
