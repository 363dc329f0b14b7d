"""The one entry point: ``audit(path)`` runs ingest -> segment -> redaction / clauses -> report.

The CLI, the batch runner and the web app are thin faces over this call; so is a notebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tenderlens import ingest
from tenderlens.model import Document, PackReport, RedactionReport, Report, Span
from tenderlens.options import AuditOptions

if TYPE_CHECKING:
    from tenderlens.clauses.checklist import Checklist
    from tenderlens.pack.archive import PackLimits


def read(path: str | Path, options: AuditOptions | None = None, **kwargs: Any) -> Document:
    """Read a PDF, DOCX, text or Markdown file into a :class:`Document` (OCR where needed).

    Raises:
        FileAccessError, UnsupportedFormatError, InputFileError, EncryptedPdfError, EmptyDocumentError,
        ResourceLimitError, MissingDependencyError.
    """
    opts = _options(options, kwargs)
    return ingest.read_document(Path(path), opts)


def audit(path: str | Path, options: AuditOptions | None = None, *, sha256: str | None = None, **kwargs: Any) -> Report:
    """Audit one document and return its responsibility-gap :class:`Report`.

    Args:
        path: a PDF, DOCX, TXT or Markdown file.
        options: an :class:`AuditOptions`; keyword arguments override its fields
            (``audit("x.pdf", ocr="never")``).
        sha256: the file's digest when the caller has computed it already (``ingest.file_sha256``).

    Raises:
        TenderLensError subclasses (see ``tenderlens.exceptions``); never a backend exception.
    """
    from tenderlens.clauses.checklist import load_checklist

    opts = _options(options, kwargs)
    checklist = load_checklist(opts.checklist)
    document = ingest.read_document(Path(path), opts, sha256=sha256)
    return audit_document(document, opts, checklist=checklist)


def analyse_redaction(path: str | Path, options: AuditOptions | None = None, **kwargs: Any) -> RedactionReport:
    """Only the redaction stage: how much is hidden, where, on what ground, and any leaks."""
    from tenderlens import redaction, segment

    opts = _options(options, kwargs)
    document = ingest.read_document(Path(path), opts)
    return redaction.analyse(document, segment.segment(document), opts)


def audit_document(
    document: Document, options: AuditOptions | None = None, *, checklist: Checklist | None = None, **kwargs: Any
) -> Report:
    """Audit an already-read :class:`Document` (used by ``eval`` on corpus documents).

    Args:
        document: as :func:`read` returns it.
        options: as for :func:`audit`; keyword arguments override its fields.
        checklist: an already loaded checklist to reuse; ``None`` loads ``options.checklist``.
    """
    # The later stages are imported here, not at the top, so that ``read`` (``tenderlens text``) loads ingest only.
    from tenderlens import segment
    from tenderlens.clauses.checklist import load_checklist

    opts = _options(options, kwargs)
    checklist = checklist or load_checklist(opts.checklist)
    return audit_spans(document, segment.segment(document), opts, checklist)


def audit_spans(document: Document, spans: tuple[Span, ...], options: AuditOptions, checklist: Checklist) -> Report:
    """The redaction and clauses stages and the report, for a document already segmented."""
    from tenderlens import clauses, redaction
    from tenderlens.report.build import build_report

    redaction_report = redaction.analyse(document, spans, options)
    clause_result = clauses.analyse(spans, checklist, options)
    return build_report(document, spans, clause_result, redaction_report)


def audit_pack(
    paths: str | Path | Sequence[str | Path],
    options: AuditOptions | None = None,
    limits: PackLimits | None = None,
    **kwargs: Any,
) -> PackReport:
    """Audit a tender pack as a whole and return one :class:`PackReport`.

    Args:
        paths: a folder, a ZIP, or several files (ZIPs among them are extracted).
        options: as for :func:`audit`; each file is audited with them, reusing one checklist and model.
        limits: the pack's file-count and total-size limits (:class:`~tenderlens.pack.archive.PackLimits`).

    Files that cannot be audited (unsupported, corrupt, encrypted, over a page limit) are listed in
    ``skipped`` with the reason, and the rest is read.

    Raises:
        FileAccessError: a path does not exist. InputFileError: a damaged ZIP. ArchiveLimitError: over
        ``limits`` or a ZIP bomb. ArchiveError: nothing in the pack could be audited.
    """
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.pack.run import run_pack

    opts = _options(options, kwargs)
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    return run_pack([Path(p) for p in given], opts, load_checklist(opts.checklist), limits)


def _options(options: AuditOptions | None, overrides: dict[str, Any]) -> AuditOptions:
    opts = options or AuditOptions()
    return opts.with_changes(**overrides) if overrides else opts
