"""Redaction stage, PDF side: white or invisible text. A redaction made by turning words white, or into
invisible text (render mode 3), removes them from the printed page and leaves them in the file.

Invisible text is also ordinary: the OCR layer of a scan, a search layer over a picture. So a run only counts
when nothing at all is drawn where it sits (the render shows one colour there), it is not on a scanned page
and not on a redaction box; and the redaction step reports it only in a document that withholds something.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pypdfium2 as pdfium

from tenderlens.geometry import bounds
from tenderlens.model import Leak
from tenderlens.redaction.boxes import RENDER_SCALE, WHITE, luminance
from tenderlens.redaction.chars import PageChars
from tenderlens.redaction.content import PageContent
from tenderlens.redaction.leaks import is_meaningful, make_leak, recovered_text
from tenderlens.redaction.render import render_rgb, solid_colour
from tenderlens.redaction.transform import DisplayTransform, Rect


def may_hold_invisible_text(content: PageContent) -> bool:
    """Whether any text object on the page is invisible or white (cheap: no characters read)."""
    return any(not t.visible or luminance(t.colour) >= WHITE for t in content.texts.values())


def find_invisible_text(
    page: pdfium.PdfPage, number: int, chars: PageChars, display: DisplayTransform, covered: Iterable[Rect]
) -> list[Leak]:
    """Runs of white or invisible characters that the rendered page does not show, outside ``covered``
    (the page's redaction boxes, whose own labels and hidden text are judged elsewhere)."""
    r, g, b = chars.colour.T
    unseen = ~chars.visible | (0.299 * r + 0.587 * g + 0.114 * b >= WHITE)
    for rect in covered:
        unseen[chars.centres_in(rect)] = False
    # Generated spaces join the words of a run; line breaks end it, so each run is measured on its own line.
    spaces = np.array([c == " " for c in chars.text], dtype=bool)
    unseen &= ~np.isnan(chars.boxes[:, 0]) | spaces
    runs = [run for run in _runs(np.flatnonzero(unseen)) if is_meaningful(recovered_text(chars, run))]
    if not runs:
        return []
    image = render_rgb(page, RENDER_SCALE, annots=False)
    found = []
    for run in runs:
        glyphs = [chars.boxes[i] for i in run if not np.isnan(chars.boxes[i][0])]
        rect = bounds([(g[0], g[1]) for g in glyphs] + [(g[2], g[3]) for g in glyphs])
        bbox = display.bbox(rect)
        if solid_colour(image, bbox, RENDER_SCALE) is not None:
            found.append(make_leak("invisible_text", number, recovered_text(chars, run), bbox))
    return found


def _runs(indices: np.ndarray) -> list[list[int]]:
    """Consecutive character indices grouped into runs (one run per unbroken stretch of text)."""
    runs: list[list[int]] = []
    for i in indices.tolist():
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
