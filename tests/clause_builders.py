"""Test-document builders for the clause-engine tests: text PDFs of headings and numbered clauses (reportlab),
with long clauses wrapped over several lines as real tenders are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

MARGIN = 60.0
LEADING = 13.0


def build_tender_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """One list of blocks per page. A block starting with "# " is a bold heading; any other block is a clause
    paragraph (its number, if any, written as part of the text) wrapped to the page width."""
    canvas = Canvas(str(path), pagesize=A4)
    width = A4[0] - 2 * MARGIN
    for blocks in pages:
        y = A4[1] - MARGIN
        for block in blocks:
            heading = block.startswith("# ")
            font = "Helvetica-Bold" if heading else "Helvetica"
            text = block[2:] if heading else block
            for line in simpleSplit(text, font, 10, width):
                canvas.setFont(font, 10)
                canvas.drawString(MARGIN, y, line)
                y -= LEADING
            y -= LEADING / 2
        canvas.showPage()
    canvas.save()
    return path


AI_SCOPE = (
    "1.1 The Council requires a machine learning system that produces a risk score for each housing benefit claim."
)
