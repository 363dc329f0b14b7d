"""Ingest, PDF tables: the horizontal and vertical edges a page draws, read from pdfium's path objects.

The table finder (``tables.py``) works on the same edges as pdfplumber's "lines" strategy, which sees each
subpath through pdfminer: its points are the end points of its segments (Bézier control points left out) plus
the start point again when it is closed; two points are a line (horizontal when level, otherwise counted as
vertical at its left end, as pdfplumber does); four straight sides closing an axis-aligned box are a rectangle
(its four sides); anything else is a curve whose consecutive points form an edge when level or plumb. Filled,
stroked and invisible paths all count, as there. Coordinates are points from the crop box's top-left corner,
like the word boxes.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12


class Edge(NamedTuple):
    """A horizontal (``top == bottom``) or vertical (``x0 == x1``) edge, in points from the top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.top == self.bottom


def page_edges(raw_page: object, left: float, top: float) -> list[Edge]:
    """Every horizontal and vertical edge drawn by the path objects of a page, forms included."""
    edges: list[Edge] = []
    for path, matrix in _paths(raw_page):
        for subpath in _subpaths(path, matrix):
            points = [(x - left, top - y) for x, y in subpath.points]
            edges.extend(_subpath_edges(subpath._replace(points=points)))
    return edges


def _paths(raw_page: object) -> Iterator[tuple[object, Matrix]]:
    """Path objects with their page-space matrices, descending into form XObjects."""
    stack: list[tuple[object, bool, Matrix, int]] = [(raw_page, False, IDENTITY, 0)]
    fs_matrix = pdfium_c.FS_MATRIX()
    while stack:
        parent, is_form, outer, depth = stack.pop()
        count = pdfium_c.FPDFFormObj_CountObjects(parent) if is_form else pdfium_c.FPDFPage_CountObjects(parent)
        for i in range(count):
            obj = pdfium_c.FPDFFormObj_GetObject(parent, i) if is_form else pdfium_c.FPDFPage_GetObject(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            if not pdfium_c.FPDFPageObj_GetMatrix(obj, fs_matrix):
                continue
            m = fs_matrix
            matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, matrix
            elif depth < MAX_FORM_DEPTH:
                stack.append((obj, True, matrix, depth + 1))


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class Subpath(NamedTuple):
    """pdfminer's view of a subpath: page-space end points, closed or not, and whether any segment is curved."""

    points: list[tuple[float, float]]
    closed: bool
    curved: bool


def _subpaths(path: object, matrix: Matrix) -> Iterator[Subpath]:
    """The path's subpaths in page space."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ref_x, ref_y = ctypes.byref(x), ctypes.byref(y)
    current = Subpath([], False, False)
    bezier_points = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ref_x, ref_y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and current.points:
            yield current
            current = Subpath([], False, False)
        closed = current.closed or bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            # pdfium lists a curve's two control points and its end point; pdfminer keeps the end point only.
            bezier_points += 1
            current = current._replace(curved=True, closed=closed)
            if bezier_points % 3:
                continue
        px, py = x.value, y.value
        current.points.append((a * px + c * py + e, b * px + d * py + f))
        current = current._replace(closed=closed)
    if current.points:
        yield current


def _subpath_edges(subpath: Subpath) -> list[Edge]:
    """pdfminer's and pdfplumber's reading of one subpath (see the module docstring), as edges."""
    points = subpath.points
    if subpath.closed and points[-1] != points[0]:
        points = [*points, points[0]]
    if not subpath.curved and (len(points) == 2 or (subpath.closed and len(points) == 3)):
        (x0, y0), (x1, y1) = points[0], points[1]
        if y0 == y1:
            return [Edge(min(x0, x1), y0, max(x0, x1), y0)]
        return [Edge(min(x0, x1), min(y0, y1), min(x0, x1), max(y0, y1))]
    if not subpath.curved and len(points) == 5 and points[4] == points[0] and _axis_aligned_box(points[:4]):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        return [
            Edge(x0, top, x1, top),
            Edge(x0, bottom, x1, bottom),
            Edge(x0, top, x0, bottom),
            Edge(x1, top, x1, bottom),
        ]
    edges = []
    for (x0, y0), (x1, y1) in pairwise(points):
        if x0 == x1:
            edges.append(Edge(x0, min(y0, y1), x0, max(y0, y1)))
        elif y0 == y1:
            edges.append(Edge(min(x0, x1), y0, max(x0, x1), y0))
    return edges


def _axis_aligned_box(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
