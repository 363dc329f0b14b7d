"""Redaction stage, pictures: page images with every redaction box outlined and every leak marked, so an
officer can see at a glance what is hidden and what still shows through (``tenderlens redactions FILE --png
DIR``)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tenderlens.exceptions import FileAccessError
from tenderlens.model import BBox, RedactionReport
from tenderlens.redaction.pdf import open_pdf
from tenderlens.redaction.render import render_rgb

SCALE = 1.5
BOX_COLOUR = (255, 140, 0)
"""RGB orange: a redaction box."""
LEAK_COLOUR = (220, 0, 0)
"""RGB red: a box with text still under it."""


def write_pngs(path: str | Path, report: RedactionReport, out_dir: str | Path) -> list[Path]:
    """Write one PNG per page that has a redaction box or a leak, named ``<stem>-p<page>.png``.

    Boxes are outlined in orange, leaks in red with the label "LEAK". Only PDFs have page images; for DOCX
    and text files nothing is written and the list is empty.

    Raises:
        FileAccessError: ``out_dir`` cannot be created or written.
        InputFileError, EncryptedPdfError: the PDF cannot be opened.
    """
    path = Path(path)
    if path.suffix.lower() != ".pdf" and not _is_pdf(path):
        return []
    pages = sorted(
        {b.page for b in report.box_list}
        | {leak.page for leak in report.leaky if leak.page is not None and leak.bbox is not None}
    )
    if not pages:
        return []
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileAccessError(f"{out}: {err.strerror}") from err
    written = []
    with open_pdf(path) as pdf:
        for number in pages:
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            image = np.ascontiguousarray(render_rgb(page, SCALE, smooth_images=True))
            page.close()
            for box in report.box_list:
                if box.page == number and box.bbox is not None:
                    _outline(image, box.bbox, BOX_COLOUR, 2)
            for leak in report.leaky:
                if leak.page == number and leak.bbox is not None:
                    _outline(image, leak.bbox, LEAK_COLOUR, 4)
                    x, y = round(leak.bbox[0] * SCALE), max(round(leak.bbox[1] * SCALE) - 6, 12)
                    cv2.putText(image, "LEAK", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.5, LEAK_COLOUR, 2)
            target = out / f"{path.stem}-p{number:03d}.png"
            if not cv2.imwrite(str(target), cv2.cvtColor(image, cv2.COLOR_RGB2BGR)):
                raise FileAccessError(f"{target}: cannot write the image.")
            written.append(target)
    return written


def _outline(image: np.ndarray, bbox: BBox, colour: tuple[int, int, int], thickness: int) -> None:
    x0, y0, x1, y1 = (round(v * SCALE) for v in bbox)
    cv2.rectangle(image, (x0 - 2, y0 - 2), (x1 + 2, y1 + 2), colour, thickness)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(1024).lstrip().startswith(b"%PDF")
    except OSError:
        return False
