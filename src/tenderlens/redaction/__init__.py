"""Redaction stage (ingest -> segment -> **redaction** / clauses -> report): how much of a document is hidden,
where, on what ground, and whether it really is hidden.

Reads: the ``Document`` (and, for a PDF, the file at ``document.path`` again, through pypdfium2, for its
drawing order, annotations and page images, and its bytes for the hidden places) and the segment ``Span`` s
(for cited grounds). Adds: a ``RedactionReport``: boxes, leaks (text still under a box or in a hidden place,
each with its ``kind``), grounds, per-page and overall redacted fractions, and whether the redaction is heavy.

Steps, one module each: ``boxes`` (vector boxes), ``annotations``, ``images`` (dark pictures over text),
``invisible`` (white or invisible text), ``scanned`` (boxes in page images), ``markers`` (text markers and
DOCX highlight), ``leaks``, ``hidden`` (earlier revisions, metadata, bookmarks, comments, form fields,
attachments, tags), ``grounds``, ``measure``; ``pictures`` draws them.
"""

from __future__ import annotations

from tenderlens.model import Document, Leak, Page, RedactionBox, RedactionReport, Span
from tenderlens.options import AuditOptions
from tenderlens.redaction.grounds import attach_grounds, find_grounds
from tenderlens.redaction.hidden import HiddenText, find_hidden_text
from tenderlens.redaction.leaks import is_meaningful
from tenderlens.redaction.markers import find_markers
from tenderlens.redaction.measure import PageInput, measure
from tenderlens.redaction.pdf import PdfPageFindings, analyse_pdf

__all__ = ["analyse", "empty_report"]


def analyse(document: Document, spans: tuple[Span, ...], options: AuditOptions) -> RedactionReport:
    """Find and measure the redactions in ``document``.

    Args:
        document: the ingested document; a PDF is re-opened from ``document.path``.
        spans: the segmented sentences, searched for cited exemptions.
        options: ``redaction`` (False returns :func:`empty_report`), ``render_check`` and
            ``heavy_threshold`` are used.

    Raises:
        InputFileError, EncryptedPdfError: the PDF at ``document.path`` cannot be opened again.
    """
    if not options.redaction:
        return empty_report(options.heavy_threshold)
    pdf_pages = (
        analyse_pdf(document.path, len(document.pages), options.render_check) if document.format == "pdf" else []
    )
    found = {p.number: p for p in pdf_pages}
    boxes: list[RedactionBox] = []
    leaks: list[Leak] = []
    inputs: list[PageInput] = []
    markers = 0
    for page in document.pages:
        page_boxes, page_leaks, hidden_chars = _page_boxes(page, found.get(page.number))
        markers += sum(1 for b in page_boxes if b.kind in ("marker", "docx_highlight"))
        boxes.extend(page_boxes)
        leaks.extend(page_leaks)
        inputs.append(_page_input(page, found.get(page.number), page_boxes, hidden_chars))
    hidden = HiddenText()
    if pdf_pages:
        invisible = [leak for p in pdf_pages for leak in p.invisible]
        displays = {p.number: p.display for p in pdf_pages if p.display is not None}
        hidden = find_hidden_text(document, boxes, leaks, invisible, displays)
        leaks.extend(hidden.leaks)
    grounds = find_grounds(spans, boxes)
    boxes = attach_grounds(boxes, grounds)
    counts: dict[int, int] = {}
    for box in boxes:
        counts[box.page] = counts.get(box.page, 0) + 1
    measured = measure(inputs, counts, geometric=document.format == "pdf")
    return RedactionReport(
        redacted_fraction=measured.fraction,
        pages=measured.pages,
        boxes=len(boxes),
        box_list=tuple(boxes),
        leaky=tuple(leaks),
        grounds=tuple(g.ground for g in grounds),
        unexplained_boxes=sum(1 for b in boxes if b.ground is None),
        heavy=measured.fraction >= options.heavy_threshold,
        heavy_threshold=options.heavy_threshold,
        markers=markers,
        warnings=hidden.warnings,
    )


def empty_report(heavy_threshold: float) -> RedactionReport:
    """The report of a stage that did not run: nothing found, nothing measured."""
    return RedactionReport(
        redacted_fraction=0.0,
        pages=(),
        boxes=0,
        box_list=(),
        leaky=(),
        grounds=(),
        unexplained_boxes=0,
        heavy=False,
        heavy_threshold=heavy_threshold,
    )


def _page_boxes(page: Page, pdf: PdfPageFindings | None) -> tuple[list[RedactionBox], list[Leak], int]:
    """Boxes and leaks on one page: the PDF findings, text markers and ingest's marks. Ingest's ``marker``
    marks (block-character runs) are the runs that :func:`find_markers` reads from the lines with the same
    detector (``ingest.marks``), in line order among the other text markers; so only the other kinds (DOCX
    black highlight) are taken from ``page.marks``."""
    boxes = list(pdf.boxes) if pdf else []
    leaks = list(pdf.leaks) if pdf else []
    hidden_chars = 0
    for marker in find_markers(page):
        boxes.append(RedactionBox(page=page.number, bbox=marker.bbox, kind="marker"))
        hidden_chars += marker.chars
    for mark in page.marks:
        if mark.kind == "marker":
            continue
        boxes.append(RedactionBox(page=page.number, bbox=mark.bbox, kind=mark.kind))
        hidden_chars += len(mark.text)
        # Black highlight hides nothing: the words are still in the file, one click from readable.
        if mark.kind == "docx_highlight" and is_meaningful(mark.text):
            leaks.append(Leak(page=page.number, bbox=mark.bbox or (0.0, 0.0, 0.0, 0.0), text=mark.text))
    return boxes, leaks, hidden_chars


def _page_input(page: Page, pdf: PdfPageFindings | None, boxes: list[RedactionBox], hidden: int) -> PageInput:
    visible = max(sum(len(line.text) for line in page.lines) - hidden, 0)
    return PageInput(
        number=page.number,
        width=pdf.width if pdf else page.width,
        height=pdf.height if pdf else page.height,
        boxes=tuple(b.bbox for b in boxes if b.bbox is not None),
        text_lines=tuple(line.bbox for line in page.lines if line.bbox is not None),
        text_area=pdf.image_text_area if pdf else None,
        blacked_out=pdf.blacked_out if pdf else False,
        hidden_chars=hidden,
        visible_chars=visible,
    )
