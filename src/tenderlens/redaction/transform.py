"""Redaction stage, PDF side: from pdfium's user space to the page as displayed (matrices and
:class:`DisplayTransform`); plain box geometry is ``tenderlens.geometry``.

Two coordinate systems meet here. pypdfium2 reports page objects and characters in PDF user space
(``Rect`` = ``(x0, y0, x1, y1)``, bottom-left origin, before /Rotate and the crop box are applied); the report
uses the model's ``BBox`` (``(x0, top, x1, bottom)``, top-left origin of the page as displayed). A
:class:`DisplayTransform` converts one into the other.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tenderlens.geometry import bounds
from tenderlens.model import BBox

Rect = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` in PDF user space, bottom-left origin."""

Matrix = tuple[float, float, float, float, float, float]
"""A PDF affine matrix ``(a, b, c, d, e, f)``: ``x' = a*x + c*y + e``, ``y' = b*x + d*y + f``."""

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` first, then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def transform_rect(m: Matrix, rect: Rect) -> Rect:
    """The axis-aligned bounds of ``rect`` mapped through ``m``."""
    return bounds([apply(m, x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])])


@dataclass(frozen=True)
class DisplayTransform:
    """Maps PDF user space to the page as displayed (crop box and /Rotate applied), in points, top-left
    origin: the same space as a ``page.render(scale=1)`` bitmap."""

    matrix: Matrix
    width: float
    height: float

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> DisplayTransform:
        w, h = page.get_size()
        # FPDF_DeviceToPage takes integer device pixels, so sample a large virtual device to keep precision.
        k = 64.0
        size_x, size_y = round(w * k), round(h * k)
        pts = []
        for dx, dy in ((0, 0), (size_x, 0), (0, size_y)):
            px, py = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDF_DeviceToPage(page, 0, 0, size_x, size_y, 0, dx, dy, px, py)
            pts.append((px.value, py.value))
        (ox, oy), (ax, ay), (bx, by) = pts
        # Device -> page: p = o + u*(a-o)/size_x + v*(b-o)/size_y, u,v in points*k. Invert that 2x2 map.
        m00, m10 = (ax - ox) / w, (ay - oy) / w  # page delta per display point along x
        m01, m11 = (bx - ox) / h, (by - oy) / h  # page delta per display point along y (down)
        det = m00 * m11 - m01 * m10
        ia, ib, ic, id_ = m11 / det, -m10 / det, -m01 / det, m00 / det
        e = -(ia * ox + ic * oy)
        f = -(ib * ox + id_ * oy)
        return cls((ia, ib, ic, id_, e, f), w, h)

    def bbox(self, rect: Rect) -> BBox:
        x0, top, x1, bottom = transform_rect(self.matrix, rect)
        return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))

    def rect(self, bbox: BBox) -> Rect:
        """The inverse of :meth:`bbox`: a displayed box back in PDF user space."""
        a, b, c, d, e, f = self.matrix
        det = a * d - b * c
        inverse = (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)
        return transform_rect(inverse, (bbox[0], bbox[1], bbox[2], bbox[3]))
