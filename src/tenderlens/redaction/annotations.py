"""Redaction stage, PDF side: redactions made with annotations. An unapplied Redact annotation only marks the
area (the text stays in the file, and most viewers show it); a black Highlight or filled Square annotation
paints over the text without removing it. Both count as boxes, and any text under them is a leak."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tenderlens.geometry import intersection
from tenderlens.model import BBox
from tenderlens.redaction.boxes import DARK, luminance
from tenderlens.redaction.chars import PageChars
from tenderlens.redaction.transform import DisplayTransform, Rect

_COLOUR_KEYS = {
    pdfium_c.FPDF_ANNOT_HIGHLIGHT: pdfium_c.FPDFANNOT_COLORTYPE_Color,
    pdfium_c.FPDF_ANNOT_SQUARE: pdfium_c.FPDFANNOT_COLORTYPE_InteriorColor,
}


@dataclass(frozen=True)
class AnnotationBox:
    rect: Rect
    bbox: BBox
    hidden: tuple[int, ...]
    unapplied: bool
    """True for a Redact annotation (marked, never applied)."""


def find_annotation_boxes(page: pdfium.PdfPage, chars: PageChars, display: DisplayTransform) -> list[AnnotationBox]:
    """Boxes made by Redact annotations and by dark Highlight/Square annotations, clipped to the page."""
    page_rect: Rect = tuple(page.get_cropbox())
    boxes = []
    for rect, unapplied in _candidates(page):
        visible = intersection(rect, page_rect)
        if visible is None:
            continue
        hidden = tuple(int(i) for i in chars.centres_in(visible))
        boxes.append(AnnotationBox(visible, display.bbox(visible), hidden, unapplied))
    return boxes


def _candidates(page: pdfium.PdfPage) -> list[tuple[Rect, bool]]:
    found: list[tuple[Rect, bool]] = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype == pdfium_c.FPDF_ANNOT_REDACT:
                found.extend((rect, True) for rect in _rects(annot))
            elif subtype in _COLOUR_KEYS and _is_dark(annot, _COLOUR_KEYS[subtype]):
                found.extend((rect, False) for rect in _rects(annot))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return found


def _is_dark(annot: object, colour_type: int) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFAnnot_GetColor(annot, colour_type, r, g, b, a):
        return False  # no colour: a highlight defaults to yellow, a square to unfilled
    return a.value > 0 and luminance((r.value, g.value, b.value)) <= DARK


def _rects(annot: object) -> list[Rect]:
    """The annotation's quadrilaterals (one per highlighted line) or, failing those, its rectangle. A
    highlight across three lines has one overall rectangle that also covers the unmarked text beside it."""
    rects: list[Rect] = []
    for i in range(pdfium_c.FPDFAnnot_CountAttachmentPoints(annot)):
        q = pdfium_c.FS_QUADPOINTSF()
        if pdfium_c.FPDFAnnot_GetAttachmentPoints(annot, i, q):
            xs, ys = (q.x1, q.x2, q.x3, q.x4), (q.y1, q.y2, q.y3, q.y4)
            rects.append((min(xs), min(ys), max(xs), max(ys)))
    if rects:
        return rects
    r = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, r):
        return []
    return [(min(r.left, r.right), min(r.bottom, r.top), max(r.left, r.right), max(r.bottom, r.top))]
