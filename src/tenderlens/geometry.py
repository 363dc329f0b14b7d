"""Plain box geometry shared by every stage (ingest layout and tables, segment, redaction): union,
intersection, area, containment and distance.

A box is ``(x0, y0, x1, y1)`` with ``x0 <= x1`` and ``y0 <= y1``: the model's ``BBox`` (top-left origin) and
pdfium's user-space ``Rect`` (bottom-left origin) alike, since nothing here depends on which way y points.
"""

from __future__ import annotations

from collections.abc import Iterable

from tenderlens.model import BBox


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding every box in ``boxes`` (which must not be empty)."""
    iterator = iter(boxes)
    x0, top, x1, bottom = next(iterator)
    for b in iterator:
        if b[0] < x0:
            x0 = b[0]
        if b[1] < top:
            top = b[1]
        if b[2] > x1:
            x1 = b[2]
        if b[3] > bottom:
            bottom = b[3]
    return (x0, top, x1, bottom)


def bounds(points: list[tuple[float, float]]) -> BBox:
    """The smallest box holding every point (which must not be empty)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersection(a: BBox, b: BBox) -> BBox | None:
    """The box two boxes share, or ``None`` when they only touch or are apart."""
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def contains(outer: BBox, inner: BBox, slack: float = 0.0) -> bool:
    """Whether ``inner`` lies inside ``outer`` grown by ``slack`` on every side."""
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def width(r: BBox) -> float:
    return r[2] - r[0]


def height(r: BBox) -> float:
    return abs(r[3] - r[1])


def area(r: BBox) -> float:
    return max(0.0, r[2] - r[0]) * max(0.0, abs(r[3] - r[1]))


def gap(a: BBox, b: BBox) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return (dx * dx + dy * dy) ** 0.5
