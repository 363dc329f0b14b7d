"""Redaction stage: rasterise a page (pypdfium2) and check what a reader actually sees inside a box.

The render check is the final word on a vector box: a clipping path can hide a drawn rectangle, a "ring" can
leave a window onto visible text, a white rectangle can sit under a black image. Whatever the content stream
says, a redaction is only real if the rendered area is one solid colour.
"""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from tenderlens.model import BBox

RGB = tuple[int, int, int]


def render_rgb(
    page: pdfium.PdfPage,
    scale: float,
    *,
    grayscale: bool = False,
    annots: bool = True,
    smooth_images: bool = False,
) -> np.ndarray:
    """The displayed page as an ``(h, w, 3)`` RGB array (``(h, w)`` when ``grayscale``). Vector edges are not
    anti-aliased, so box edges stay crisp; ``smooth_images`` keeps one-pixel lines of a 300 dpi scan from
    vanishing when it is drawn at a lower resolution."""
    bitmap = page.render(
        scale=scale,
        grayscale=grayscale,
        draw_annots=annots,
        no_smoothtext=True,
        no_smoothpath=True,
        no_smoothimage=not smooth_images,
        rev_byteorder=True,
        may_draw_forms=False,
    )
    array = bitmap.to_numpy()
    if grayscale:
        return array.reshape(array.shape[0], array.shape[1]) if array.ndim == 3 else array
    return array[:, :, :3]


def solid_colour(
    image: np.ndarray, bbox: BBox, scale: float, ignore: list[BBox] | None = None, tolerance: int = 32
) -> RGB | None:
    """The colour filling ``bbox`` (display points) in ``image`` when at least 97% of its interior is within
    ``tolerance`` of one colour, else ``None``. Areas in ``ignore`` (the glyphs of a label such as "s.43"
    printed on the box) are left out of the count."""
    pixels = _interior(image, bbox, scale, ignore or [])
    if pixels is None:
        return None
    median = np.median(pixels, axis=0)
    if np.mean(np.all(np.abs(pixels - median) <= tolerance, axis=1)) < SOLID:
        return None
    return _rgb(median)


def dark_colour(
    image: np.ndarray, bbox: BBox, scale: float, ignore: list[BBox] | None = None, dark: float = 110
) -> RGB | None:
    """The median colour of ``bbox`` when at least 97% of its interior is dark, else ``None``. Unlike
    :func:`solid_colour` this accepts a black bar overdrawn with grey cross-hatching (x-ray's
    bad_cross_hatched_redactions.pdf), which hides the text just as well."""
    pixels = _interior(image, bbox, scale, ignore or [])
    if pixels is None:
        return None
    lum = pixels[:, 0] * 0.299 + pixels[:, 1] * 0.587 + pixels[:, 2] * 0.114 if pixels.shape[1] == 3 else pixels[:, 0]
    if np.mean(lum <= dark) < SOLID:
        return None
    return _rgb(np.median(pixels, axis=0))


SOLID = 0.97
"""Share of a box's interior that must show the box colour: leaves room for stray edge pixels only."""


def _interior(image: np.ndarray, bbox: BBox, scale: float, ignore: list[BBox]) -> np.ndarray | None:
    """The pixels inside ``bbox`` less a one-pixel rim (edge pixels blend with the neighbours), as an
    ``(n, channels)`` int array, without those inside ``ignore``."""
    h, w = image.shape[:2]
    x0, y0 = max(int(np.ceil(bbox[0] * scale)) + 1, 0), max(int(np.ceil(bbox[1] * scale)) + 1, 0)
    x1, y1 = min(int(np.floor(bbox[2] * scale)) - 1, w), min(int(np.floor(bbox[3] * scale)) - 1, h)
    if x1 - x0 < 1 or y1 - y0 < 1:
        return None
    region = image[y0:y1, x0:x1].reshape(y1 - y0, x1 - x0, -1).astype(np.int16)
    keep = np.ones(region.shape[:2], dtype=bool)
    for box in ignore:
        ix0, iy0 = max(int(box[0] * scale) - x0 - 1, 0), max(int(box[1] * scale) - y0 - 1, 0)
        ix1, iy1 = int(np.ceil(box[2] * scale)) - x0 + 1, int(np.ceil(box[3] * scale)) - y0 + 1
        keep[iy0:iy1, ix0:ix1] = False
    pixels = region[keep]
    return pixels if len(pixels) else None


def _rgb(values: np.ndarray) -> RGB:
    v = [int(x) for x in values]
    return (v[0], v[0], v[0]) if len(v) == 1 else (v[0], v[1], v[2])
