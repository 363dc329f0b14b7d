"""Redaction stage, scanned pages: redaction boxes found in the page image (OpenCV), and the area of the
visible text lines measured from the same image.

Two styles occur in scanned public records: solid black fills, and WHITE boxes with a thin dark outline
(declassified US bulletins, many UK FOI releases) that a black-pixel detector never sees. What is not a box:
- table cells: their rules run on past the corners into the next cell; a redaction outline stops there;
- photographs and logos: not uniformly dark, or too small;
- the page frame, or a scanner's black border: touches the image edge, or encloses text;
- letters with a counter ("O", "D"): too small, and their holes are not rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from tenderlens.geometry import area
from tenderlens.model import BBox
from tenderlens.redaction.content import PageContent
from tenderlens.redaction.render import render_rgb

DPI = 150
SCALE = DPI / 72
INK = 200
"""Grey level below which a pixel is ink. Scans are drawn with smoothing, so a one-pixel 300 dpi outline comes
out mid-grey at 150 dpi."""
SCAN_COVER = 0.5
"""A page is scanned when one image covers at least this fraction of it."""
MIN_W, MIN_H = 18.0, 7.0
"""Points: the smallest box that can hide a word."""


@dataclass(frozen=True)
class ImageBox:
    bbox: BBox


@dataclass(frozen=True)
class ScanResult:
    boxes: list[ImageBox]
    text_area: float
    """Square points of visible text lines on the page image, outside the boxes."""
    blacked_out: bool


def is_scanned(content: PageContent, page_area: float) -> bool:
    return any(area(image.rect) >= SCAN_COVER * page_area for image in content.images)


def analyse_scan(page: pdfium.PdfPage) -> ScanResult:
    """Find the boxes on a scanned page and measure its visible text."""
    gray = render_rgb(page, SCALE, grayscale=True, annots=False, smooth_images=True)
    ink = (gray < INK).astype(np.uint8)
    h, w = ink.shape
    if _uniformly_dark(gray):
        whole = (0.0, 0.0, round(w / SCALE, 2), round(h / SCALE, 2))
        return ScanResult([ImageBox(whole)], 0.0, True)
    boxes = _filled(gray, ink) + _outlined(ink)
    boxes = _drop_nested(boxes)
    return ScanResult([ImageBox(_to_points(b)) for b in boxes], _text_area(ink, boxes), False)


Pixels = tuple[int, int, int, int]
"""``(x, y, w, h)`` in image pixels."""


def _to_points(box: Pixels) -> BBox:
    x, y, w, h = box
    return (round(x / SCALE, 2), round(y / SCALE, 2), round((x + w) / SCALE, 2), round((y + h) / SCALE, 2))


def _big_enough(w: int, h: int) -> bool:
    return w >= MIN_W * SCALE and h >= MIN_H * SCALE


def _at_edge(x: int, y: int, w: int, h: int, shape: tuple[int, ...]) -> bool:
    margin = 3
    return x <= margin or y <= margin or x + w >= shape[1] - margin or y + h >= shape[0] - margin


def _uniformly_dark(gray: np.ndarray) -> bool:
    """Black toner, not a photograph or a map: nearly every pixel dark, not just the average."""
    p50, p90 = np.percentile(gray, (50, 90))
    return bool(p50 < 60 and p90 < 100)


def _filled(gray: np.ndarray, ink: np.ndarray) -> list[Pixels]:
    import cv2  # OpenCV takes a while to import and only scanned pages need it

    # Opening with a kernel wider than any pen stroke leaves only solid areas: text, rules and hatching go.
    k = max(3, round(4 * SCALE))
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    found = []
    for label, (x, y, w, h, _count) in enumerate(stats[1:n], start=1):
        if not _big_enough(w, h) or _at_edge(x, y, w, h, ink.shape):
            continue
        x, y, w, h = _core(labels[y : y + h, x : x + w] == label, x, y)
        # A photograph or a map is solid too, but not a rectangle of near-uniform black.
        if (
            _big_enough(w, h)
            and ink[y : y + h, x : x + w].mean() >= 0.95
            and _uniformly_dark(gray[y : y + h, x : x + w])
        ):
            found.append((int(x), int(y), int(w), int(h)))
    return found


def _core(mask: np.ndarray, x: int, y: int) -> Pixels:
    """The rectangle of rows and columns that the component fills almost completely: letters touching a
    black bar survive the opening as bumps on its edges, which this trims off."""
    rows = np.flatnonzero(mask.mean(axis=1) >= 0.75)
    if len(rows) == 0:
        return (x, y, 0, 0)
    cols = np.flatnonzero(mask[rows[0] : rows[-1] + 1].mean(axis=0) >= 0.9)
    if len(cols) == 0:
        return (x, y, 0, 0)
    rows = np.flatnonzero(mask[:, cols[0] : cols[-1] + 1].mean(axis=1) >= 0.9)
    if len(rows) == 0:
        return (x, y, 0, 0)
    return (x + int(cols[0]), y + int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))


def _outlined(ink: np.ndarray) -> list[Pixels]:
    import cv2  # OpenCV takes a while to import and only scanned pages need it

    # Close hairline gaps in scanned outlines so each box encloses a hole.
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    clean = _despeckle(ink)
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    found = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0], strict=True):
        if parent < 0:
            continue  # an outer boundary; holes are what we want
        x, y, w, h = cv2.boundingRect(contour)
        if not _big_enough(w, h) or cv2.contourArea(contour) < 0.9 * w * h:
            continue
        inner = clean[y + 2 : y + h - 2, x + 2 : x + w - 2]
        if inner.size == 0 or inner.mean() > 0.003:
            continue  # a frame around text, a form field with its caption, a table cell with content
        if _is_grid_cell(closed, x, y, w, h):
            continue
        found.append((x - 1, y - 1, w + 2, h + 2))
    return found


def _is_grid_cell(ink: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether the box's edges run on past its corners, as the rules of a table do."""
    reach = max(4, round(5 * SCALE))
    rows, cols = ink.shape
    x0, y0, x1, y1 = x - 1, y - 1, x + w, y + h
    probes = [
        ink[max(y0 - 1, 0) : y0 + 2, max(x0 - reach, 0) : max(x0 - 1, 0)],  # top edge, to the left
        ink[max(y0 - 1, 0) : y0 + 2, x1 + 2 : min(x1 + reach, cols)],  # top edge, to the right
        ink[max(y1 - 1, 0) : y1 + 2, max(x0 - reach, 0) : max(x0 - 1, 0)],
        ink[max(y1 - 1, 0) : y1 + 2, x1 + 2 : min(x1 + reach, cols)],
        ink[max(y0 - reach, 0) : max(y0 - 1, 0), max(x0 - 1, 0) : x0 + 2],  # left edge, upwards
        ink[y1 + 2 : min(y1 + reach, rows), max(x0 - 1, 0) : x0 + 2],
        ink[max(y0 - reach, 0) : max(y0 - 1, 0), max(x1 - 1, 0) : x1 + 2],
        ink[y1 + 2 : min(y1 + reach, rows), max(x1 - 1, 0) : x1 + 2],
    ]
    continuing = sum(1 for p in probes if p.size and p.max(axis=1 if p.shape[0] > p.shape[1] else 0).mean() > 0.8)
    return continuing >= 3


def _drop_nested(boxes: list[Pixels]) -> list[Pixels]:
    def inside(a: Pixels, b: Pixels) -> bool:
        return (
            a[0] >= b[0] - 2 and a[1] >= b[1] - 2 and a[0] + a[2] <= b[0] + b[2] + 2 and a[1] + a[3] <= b[1] + b[3] + 2
        )

    return [
        box
        for i, box in enumerate(boxes)
        if not any(j != i and inside(box, other) and (box != other or j < i) for j, other in enumerate(boxes))
    ]


def _despeckle(ink: np.ndarray) -> np.ndarray:
    """Scanner noise removed: isolated specks smaller than a full stop."""
    import cv2  # OpenCV takes a while to import and only scanned pages need it

    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def _text_area(ink: np.ndarray, boxes: list[Pixels]) -> float:
    """Square points covered by text lines: ink smeared sideways into line blobs, kept when line-shaped."""
    import cv2  # OpenCV takes a while to import and only scanned pages need it

    visible = ink.copy()
    for x, y, w, h in boxes:
        visible[max(y - 2, 0) : y + h + 2, max(x - 2, 0) : x + w + 2] = 0
    visible = _despeckle(visible)
    smear = cv2.dilate(visible, np.ones((1, max(3, round(6 * SCALE))), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
    total = 0.0
    for _x, _y, w, h, count in stats[1:n]:
        line_height = h / SCALE
        if 4.0 <= line_height <= 36.0 and w >= 2 * h and count >= 0.25 * w * h:
            total += (w / SCALE) * line_height
    return float(total)
