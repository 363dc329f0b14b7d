"""Redaction stage, PDF side: dark pictures placed over live text. Some tools "redact" by stamping a black
image (a screenshot of a bar, a PNG stamp) on the page: the text under it is still in the file. The vector-box
step only knows filled paths and annotations, so pictures get their own check here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from tenderlens.geometry import area, height, intersection, width
from tenderlens.model import BBox
from tenderlens.redaction.boxes import DARK, MIN_SIDE, RENDER_SCALE
from tenderlens.redaction.chars import PageChars
from tenderlens.redaction.content import PageContent
from tenderlens.redaction.leaks import is_meaningful, recovered_text
from tenderlens.redaction.render import dark_colour, render_rgb
from tenderlens.redaction.scanned import SCAN_COVER
from tenderlens.redaction.transform import DisplayTransform, Rect


@dataclass(frozen=True)
class PictureBox:
    rect: Rect
    bbox: BBox
    hidden: tuple[int, ...]


def find_picture_boxes(
    page: pdfium.PdfPage, content: PageContent, chars: Callable[[], PageChars], display: DisplayTransform
) -> list[PictureBox]:
    """Pictures painted after some words and covering them with one dark colour.

    A page-sized picture is a scan (the scanned-page step reads it); a picture over nothing, or over text
    painted after it (a logo under a caption, a background), hides nothing and is left alone. The render
    check confirms that the picture really shows dark where it sits, so a photograph is never a box.
    """
    page_rect: Rect = tuple(page.get_cropbox())
    page_area = area(page_rect)
    candidates = [
        image
        for image in content.images
        if min(width(image.rect), height(image.rect)) >= MIN_SIDE and area(image.rect) < SCAN_COVER * page_area
    ]
    if not candidates:
        return []
    text = chars()
    found = []
    for image in candidates:
        clipped = intersection(image.rect, page_rect)
        if clipped is None:
            continue
        idx = text.centres_in(clipped)
        hidden = idx[text.seq[idx] < image.seq]
        if is_meaningful(recovered_text(text, hidden)):
            found.append(PictureBox(clipped, display.bbox(clipped), tuple(int(i) for i in hidden)))
    if not found:
        return []
    rendered = render_rgb(page, RENDER_SCALE, annots=False)
    return [box for box in found if _dark(rendered, box.bbox)]


def _dark(image: np.ndarray, bbox: BBox) -> bool:
    return dark_colour(image, bbox, RENDER_SCALE, dark=DARK) is not None
