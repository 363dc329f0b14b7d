"""Batch face, per-document step: one ``tenderlens.audit`` call -> a small picklable :class:`Outcome`.

The same function runs in a local worker process and on a Dask worker. It holds no analysis: it calls the API,
flattens the frozen ``Report`` into table rows for the store and keeps the full JSON report beside them.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from typing import Any

from tenderlens.exceptions import ExitCode, TenderLensError
from tenderlens.model import Report
from tenderlens.options import AuditOptions

Row = dict[str, Any]


@dataclass(frozen=True)
class Task:
    """One document to audit: ``key`` is the sha256 of its bytes, computed by the parent before dispatch."""

    key: str
    path: str
    options: AuditOptions


@dataclass(frozen=True)
class ErrorInfo:
    """Why a document has no report. ``error_class`` is the exception's class name (or ``Timeout`` /
    ``WorkerCrashed`` / ``NotFound`` / ``DownloadError`` for failures the batch layer sees itself)."""

    error_class: str
    exit_code: int
    message: str

    @classmethod
    def from_exception(cls, exc: BaseException) -> ErrorInfo:
        if isinstance(exc, TenderLensError):
            code = exc.exit_code
        elif isinstance(exc, MemoryError):
            # RLIMIT_AS in the worker turns a decompression bomb into a MemoryError, not a swapping machine.
            return cls("MemoryError", int(ExitCode.resource_limit), "the document exceeded the memory limit")
        else:
            code = ExitCode.internal_error
        return cls(type(exc).__name__, int(code), str(exc) or type(exc).__name__)


@dataclass(frozen=True)
class Outcome:
    """What comes back from a worker: rows for each store table, or an error."""

    key: str
    document: Row
    findings: tuple[Row, ...] = ()
    redaction: Row | None = None
    report_json: str | None = None
    error: ErrorInfo | None = None
    pages: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def failed(key: str, error: ErrorInfo, seconds: float = 0.0) -> Outcome:
    """The outcome for a document that produced no report."""
    return Outcome(key=key, document={}, error=error, seconds=seconds)


def audit_task(task: Task) -> Outcome:
    """Audit one document; never raises for a document problem (the error becomes the outcome)."""
    from tenderlens.api import audit
    from tenderlens.report.json import to_json

    started = time.perf_counter()
    try:
        report = audit(task.path, task.options, sha256=task.key)
    except Exception as exc:  # a failed document is data: the batch goes on
        return failed(task.key, ErrorInfo.from_exception(exc), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    return Outcome(
        key=task.key,
        document=document_row(report),
        findings=tuple(finding_rows(report)),
        redaction=redaction_row(report),
        report_json=to_json(report),
        pages=report.document.pages,
        seconds=seconds,
        peak_rss_mb=peak_rss_mb(),
    )


def document_row(report: Report) -> Row:
    """Columns of the ``documents`` table that come from the report."""
    social = report.social_value
    return {
        "format": report.document.format,
        "pages": report.document.pages,
        "ocr_pages": len(report.document.ocr_pages),
        "title": report.document.title,
        "engine": report.engine,
        "checklist_version": report.checklist_version,
        "score": report.summary.score,
        "verdict": report.summary.verdict,
        "needs_attention": report.summary.needs_attention,
        "placeholders": len(report.placeholders),
        "social_value_percent": social.weighting_percent,
        "social_value_meets_minimum": social.meets_minimum,
        "warnings": len(report.warnings),
    }


def finding_rows(report: Report) -> list[Row]:
    """One row per safeguard, with the first piece of evidence a reader would check."""
    rows = []
    for finding in report.findings:
        first = finding.evidence[0] if finding.evidence else None
        rows.append(
            {
                "category": finding.category,
                "status": finding.status,
                "confidence": finding.confidence,
                "evidence": len(finding.evidence),
                "page": first.page if first else None,
                "clause": first.clause if first else None,
                "quote": first.quote if first else None,
                "reason": finding.reason,
            }
        )
    return rows


def redaction_row(report: Report) -> Row:
    """The redaction figures; leaked text itself stays in the JSON report, only its pages are listed here."""
    red = report.redaction
    return {
        "redacted_fraction": red.redacted_fraction,
        "boxes": red.boxes,
        "leaks": len(red.leaky),
        "leak_pages": ",".join(str(p) for p in red.leak_pages),
        "leak_kinds": ",".join(sorted({leak.kind for leak in red.leaky})),
        "unexplained_boxes": red.unexplained_boxes,
        "grounds": ",".join(sorted({g.code for g in red.grounds})),
        "heavy": red.heavy,
        "pages_blacked_out": sum(1 for p in red.pages if p.blacked_out),
        "markers": red.markers,
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
