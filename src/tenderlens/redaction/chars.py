"""Redaction stage, PDF side: the characters of a page's text layer (pypdfium2 textpage) with the paint
order, colour and visibility of the text object that drew each one."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tenderlens.redaction.content import PageContent, handle_key
from tenderlens.redaction.transform import Rect


@dataclass(frozen=True)
class PageChars:
    """Parallel arrays, one row per textpage character (pdfium's index order = reading order)."""

    text: str
    boxes: np.ndarray
    """``(n, 4)`` glyph boxes ``(left, bottom, right, top)``, PDF user space; NaN for generated characters."""
    seq: np.ndarray
    """Paint order of the drawing text object (-1 when unknown)."""
    colour: np.ndarray
    """``(n, 3)`` RGB of the glyphs."""
    visible: np.ndarray
    """False for invisible text (render mode 3, the OCR layer of a scan) and clipping-only text."""
    form: np.ndarray
    """The Form XObject that drew the character (0 for the page itself)."""

    def __len__(self) -> int:
        return len(self.text)

    def centres_in(self, rect: Rect) -> np.ndarray:
        """Indices of characters whose glyph centre lies inside ``rect``.

        This is the centre-line test: a glyph counts as covered when the box covers the middle of its
        height at the middle of its width. Comparing box areas instead misfires on real files, where
        text-extraction boxes sit several points off the drawn glyphs and a bar over one line grazes the
        ascenders of the line below.
        """
        cx = (self.boxes[:, 0] + self.boxes[:, 2]) / 2
        cy = (self.boxes[:, 1] + self.boxes[:, 3]) / 2
        inside = (cx > rect[0]) & (cx < rect[2]) & (cy > rect[1]) & (cy < rect[3])
        return np.flatnonzero(inside)


def read_chars(textpage: pdfium.PdfTextPage, content: PageContent) -> PageChars:
    n = max(textpage.count_chars(), 0)
    boxes = np.full((n, 4), np.nan)
    seq = np.full(n, -1, dtype=np.int64)
    colour = np.zeros((n, 3), dtype=np.int16)
    visible = np.ones(n, dtype=bool)
    form = np.zeros(n, dtype=np.uint64)
    chars: list[str] = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw = textpage.raw
    for i in range(n):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        chars.append(chr(code) if 0 < code < 0x110000 else "\ufffd")
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        if pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            boxes[i] = (left.value, bottom.value, right.value, top.value)
        owner = content.texts.get(handle_key(pdfium_c.FPDFText_GetTextObject(raw, i)))
        if owner is not None:
            seq[i] = owner.seq
            colour[i] = owner.colour
            visible[i] = owner.visible
            form[i] = owner.form
    return PageChars("".join(chars), boxes, seq, colour, visible, form)
