"""TenderLens: responsibility-gap reports for public technology tenders and contracts.

    >>> import tenderlens
    >>> report = tenderlens.audit("draft-tender.pdf")
    >>> report.finding("explainability").status
"""

from tenderlens.api import audit, audit_document, read
from tenderlens.exceptions import ExitCode, TenderLensError
from tenderlens.model import Document, Evidence, Finding, Report, Span
from tenderlens.options import AuditOptions

__version__ = "0.1.0"

__all__ = [
    "AuditOptions",
    "Document",
    "Evidence",
    "ExitCode",
    "Finding",
    "Report",
    "Span",
    "TenderLensError",
    "__version__",
    "audit",
    "audit_document",
    "read",
]
