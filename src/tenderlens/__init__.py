"""TenderLens: responsibility-gap reports for public technology tenders and contracts.

    >>> import tenderlens
    >>> report = tenderlens.audit("examples/draft-tender-ai-triage.pdf")
    >>> report.finding("explainability").status
    'partial'

The names below are imported lazily, so ``import tenderlens`` (and ``tenderlens --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "audit": "tenderlens.api",
    "audit_document": "tenderlens.api",
    "audit_pack": "tenderlens.api",
    "PackReport": "tenderlens.model",
    "analyse_redaction": "tenderlens.api",
    "read": "tenderlens.api",
    "AuditOptions": "tenderlens.options",
    "ExitCode": "tenderlens.exceptions",
    "TenderLensError": "tenderlens.exceptions",
    "Document": "tenderlens.model",
    "Evidence": "tenderlens.model",
    "Finding": "tenderlens.model",
    "Report": "tenderlens.model",
    "Span": "tenderlens.model",
}

__all__ = [
    "AuditOptions",
    "Document",
    "Evidence",
    "ExitCode",
    "Finding",
    "PackReport",
    "Report",
    "Span",
    "TenderLensError",
    "__version__",
    "analyse_redaction",
    "audit",
    "audit_document",
    "audit_pack",
    "read",
]

if TYPE_CHECKING:
    from tenderlens.api import analyse_redaction, audit, audit_document, audit_pack, read
    from tenderlens.exceptions import ExitCode, TenderLensError
    from tenderlens.model import Document, Evidence, Finding, PackReport, Report, Span
    from tenderlens.options import AuditOptions


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tenderlens' has no attribute {name!r}")
