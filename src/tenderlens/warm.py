"""Faces, start-up: load what every audit needs (checklist, tokenizer rules, lemma table, sentence model) once,
so a server's or a batch worker's first document is as fast as the rest."""

from __future__ import annotations

from tenderlens.model import Document, Line, Page
from tenderlens.options import AuditOptions

_TEXT = "1. The Supplier shall explain each automated decision and return all Authority Data on expiry."


def warm_up(options: AuditOptions | None = None) -> None:
    """Audit a one-line document with ``options`` and render it, which loads and caches everything a real audit
    loads lazily. Raises what ``audit_document`` raises (a missing model, an invalid checklist)."""
    from tenderlens.api import audit_document
    from tenderlens.ingest import pdf  # noqa: F401  (pypdfium2 and the PDF modules, imported once here)
    from tenderlens.report import render

    page = Page(number=1, width=595.0, height=842.0, text_source="text", lines=(Line(_TEXT, None),))
    report = audit_document(Document(path="warm-up.txt", sha256="", format="text", pages=(page,)), options)
    render(report, "json")
