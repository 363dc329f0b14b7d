"""Redaction stage, PDF side: runs the box, annotation, picture, invisible-text, scanned-page and leak steps
over every page of a PDF opened with pypdfium2 (through ``ingest.pdf.open_pdf``, which maps its errors), and hands
back per-page findings for measurement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tenderlens.cores import map_interleaved
from tenderlens.geometry import area, intersection
from tenderlens.ingest.pdf import MIN_PAGES_PER_CORE, open_pdf, page_errors
from tenderlens.model import BBox, BoxKind, Leak, LeakKind, RedactionBox
from tenderlens.redaction.annotations import find_annotation_boxes
from tenderlens.redaction.boxes import find_vector_boxes
from tenderlens.redaction.chars import PageChars, read_chars
from tenderlens.redaction.content import PageContent, scan_page
from tenderlens.redaction.images import find_picture_boxes
from tenderlens.redaction.invisible import find_invisible_text, may_hold_invisible_text
from tenderlens.redaction.leaks import leak
from tenderlens.redaction.scanned import analyse_scan, is_scanned
from tenderlens.redaction.transform import DisplayTransform


@dataclass(frozen=True)
class PdfPageFindings:
    number: int
    width: float
    height: float
    boxes: tuple[RedactionBox, ...] = ()
    leaks: tuple[Leak, ...] = ()
    blacked_out: bool = False
    image_text_area: float | None = None
    """Visible text measured on the page image (scanned pages only)."""
    invisible: tuple[Leak, ...] = ()
    """White or invisible text that no box covers: a leak only in a document that withholds something."""
    display: DisplayTransform | None = None
    """User space -> displayed page, for placing the file's annotations and form fields against the boxes."""


@dataclass
class _LazyChars:
    page: pdfium.PdfPage
    content: PageContent
    _textpage: pdfium.PdfTextPage | None = None
    _chars: PageChars | None = field(default=None)

    def __call__(self) -> PageChars:
        if self._chars is None:
            self._textpage = self.page.get_textpage()
            self._chars = read_chars(self._textpage, self.content)
        return self._chars

    def close(self) -> None:
        if self._textpage is not None:
            self._textpage.close()


__all__ = ["PdfPageFindings", "analyse_pdf", "open_pdf"]


def analyse_pdf(path: str | Path, pages: int, render_check: bool = True) -> list[PdfPageFindings]:
    """Boxes, leaks and blacked-out pages for each of the ``pages`` pages (as ingest read them) of the PDF at
    ``path``; a long document's pages are analysed on every core (``cores.map_interleaved``, each process opening
    the file itself)."""
    return map_interleaved(partial(_analyse_pages, Path(path), render_check), pages, MIN_PAGES_PER_CORE)


def _analyse_pages(path: Path, render_check: bool, indices: Sequence[int]) -> list[PdfPageFindings]:
    """:func:`_analyse_page` of each page index, from the PDF opened anew (this may run in another process)."""
    with open_pdf(path) as pdf:
        results = []
        for index in indices:
            with page_errors(path.name, index + 1):
                page = pdf[index]
                try:
                    results.append(_analyse_page(page, index + 1, render_check))
                finally:
                    page.close()
        return results


def _analyse_page(page: pdfium.PdfPage, number: int, render_check: bool) -> PdfPageFindings:
    display = DisplayTransform.of(page)
    content = scan_page(page)
    chars = _LazyChars(page, content)
    try:
        boxes: list[RedactionBox] = []
        leaks: list[Leak] = []
        vector = find_vector_boxes(page, content, chars, display, render_check)
        for vbox in vector:
            boxes.append(RedactionBox(page=number, bbox=vbox.bbox, kind="page" if vbox.blackout else "vector"))
            found = leak(number, vbox.bbox, chars(), vbox.hidden) if vbox.hidden else None
            leaks.extend([found] if found else [])
        if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
            for abox in find_annotation_boxes(page, chars(), display):
                boxes.append(RedactionBox(page=number, bbox=abox.bbox, kind="annotation"))
                kind: LeakKind = "redact_annotation" if abox.unapplied else "under_box"
                found = leak(number, abox.bbox, chars(), abox.hidden, kind)
                leaks.extend([found] if found else [])
        for pbox in find_picture_boxes(page, content, chars, display):
            boxes.append(RedactionBox(page=number, bbox=pbox.bbox, kind="image"))
            found = leak(number, pbox.bbox, chars(), pbox.hidden, "image_over_text")
            leaks.extend([found] if found else [])
        blacked_out = any(v.blackout for v in vector)
        image_text_area = None
        invisible: list[Leak] = []
        scanned = is_scanned(content, display.width * display.height)
        if not scanned and may_hold_invisible_text(content):
            covered = [display.rect(b.bbox) for b in boxes if b.bbox is not None]
            invisible = find_invisible_text(page, number, chars(), display, covered)
        if scanned:
            scan = analyse_scan(page)
            image_text_area = scan.text_area
            blacked_out = blacked_out or scan.blacked_out
            for ibox in scan.boxes:
                if any(_overlap(ibox.bbox, b.bbox) for b in boxes):
                    continue  # the vector box drawn over the scan, seen again in the render
                box_kind: BoxKind = "page" if scan.blacked_out else "image"
                boxes.append(RedactionBox(page=number, bbox=ibox.bbox, kind=box_kind))
                rect = display.rect(ibox.bbox)
                found = leak(number, ibox.bbox, chars(), chars().centres_in(rect), "ocr_layer_under_box")
                leaks.extend([found] if found else [])
        return PdfPageFindings(
            number,
            display.width,
            display.height,
            tuple(boxes),
            tuple(leaks),
            blacked_out,
            image_text_area,
            tuple(invisible),
            display,
        )
    finally:
        chars.close()


def _overlap(a: BBox | None, b: BBox | None) -> bool:
    """Whether two boxes share at least half the smaller one: the same box found twice."""
    if a is None or b is None:
        return False
    common = intersection(a, b)
    return common is not None and area(common) >= 0.5 * min(area(a), area(b))
