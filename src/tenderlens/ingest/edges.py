"""Ingest, PDF tables: the horizontal and vertical edges a page draws, read from pdfium's path objects.

The table finder (``tables.py``) works on the same edges as pdfplumber's "lines" strategy, which sees each path
through pdfminer: a two-point subpath is a line, a closed axis-aligned four-corner subpath is a rectangle (its
four sides) and anything else is a curve whose consecutive points may form edges (the closing side is not one).
Filled, stroked and invisible paths all count, as there. Coordinates are points from the crop box's top-left
corner, like the word boxes.
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
        for points, closed in _subpaths(path, matrix):
            edges.extend(_subpath_edges([(x - left, top - y) for x, y in points], closed))
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


def _subpaths(path: object, matrix: Matrix) -> Iterator[tuple[list[tuple[float, float]], bool]]:
    """The path's subpaths as page-space point lists, each with whether it was closed."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ref_x, ref_y = ctypes.byref(x), ctypes.byref(y)
    points: list[tuple[float, float]] = []
    closed = False
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ref_x, ref_y):
            continue
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO and points:
            yield points, closed
            points, closed = [], False
        px, py = x.value, y.value
        points.append((a * px + c * py + e, b * px + d * py + f))
        closed = closed or bool(pdfium_c.FPDFPathSegment_GetClose(segment))
    if points:
        yield points, closed


def _subpath_edges(points: list[tuple[float, float]], closed: bool) -> list[Edge]:
    """pdfminer's reading of one subpath (see the module docstring), as h/v edges."""
    if len(points) == 5 and points[4] == points[0]:
        points, closed = points[:4], True
    if closed and len(points) == 4 and _axis_aligned_box(points):
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
        if y0 == y1:
            edges.append(Edge(min(x0, x1), y0, max(x0, x1), y0))
        elif x0 == x1:
            edges.append(Edge(x0, min(y0, y1), x0, max(y0, y1)))
    return edges


def _axis_aligned_box(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
