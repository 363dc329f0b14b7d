"""The one entry point: ``audit(path)`` runs ingest -> segment -> redaction / clauses -> report.

The CLI, the batch runner and the web app are thin faces over this call; so is a notebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tenderlens import ingest
from tenderlens.model import Document, RedactionReport, Report
from tenderlens.options import AuditOptions


def read(path: str | Path, options: AuditOptions | None = None, **kwargs: Any) -> Document:
    """Read a PDF, DOCX, text or Markdown file into a :class:`Document` (OCR where needed).

    Raises:
        FileAccessError, UnsupportedFormatError, InputFileError, EncryptedPdfError, EmptyDocumentError,
        ResourceLimitError, MissingDependencyError.
    """
    opts = _options(options, kwargs)
    return ingest.read_document(Path(path), opts)


def audit(path: str | Path, options: AuditOptions | None = None, **kwargs: Any) -> Report:
    """Audit one document and return its responsibility-gap :class:`Report`.

    Args:
        path: a PDF, DOCX, TXT or Markdown file.
        options: an :class:`AuditOptions`; keyword arguments override its fields
            (``audit("x.pdf", ocr="never")``).

    Raises:
        TenderLensError subclasses (see ``tenderlens.exceptions``); never a backend exception.
    """
    from tenderlens.clauses.checklist import load_checklist

    opts = _options(options, kwargs)
    checklist = load_checklist(opts.checklist)
    document = ingest.read_document(Path(path), opts)
    return audit_document(document, opts, checklist=checklist)


def analyse_redaction(path: str | Path, options: AuditOptions | None = None, **kwargs: Any) -> RedactionReport:
    """Only the redaction stage: how much is hidden, where, on what ground, and any leaks."""
    from tenderlens import redaction, segment

    opts = _options(options, kwargs)
    document = ingest.read_document(Path(path), opts)
    return redaction.analyse(document, segment.segment(document), opts)


def audit_document(document: Document, options: AuditOptions | None = None, **kwargs: Any) -> Report:
    """Audit an already-read :class:`Document` (used by ``eval`` on corpus documents).

    ``checklist`` may be passed as a keyword to reuse a loaded checklist."""
    # The later stages are imported here, not at the top, so that ``read`` (``tenderlens text``) loads ingest only.
    from tenderlens import clauses, redaction, segment
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.report.build import build_report

    checklist = kwargs.pop("checklist", None)
    opts = _options(options, kwargs)
    checklist = checklist or load_checklist(opts.checklist)
    spans = segment.segment(document)
    redaction_report = redaction.analyse(document, spans, opts)
    clause_result = clauses.analyse(spans, checklist, opts)
    return build_report(document, spans, clause_result, redaction_report, checklist)


def _options(options: AuditOptions | None, overrides: dict[str, Any]) -> AuditOptions:
    opts = options or AuditOptions()
    return opts.with_changes(**overrides) if overrides else opts
