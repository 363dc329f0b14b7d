"""Ruled tables from pdfium's path objects give the cells pdfplumber's table finder gives (pdfplumber is the test
oracle here: ingestion never imports it)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import pdf_builders
from tenderlens.ingest.edges import page_edges
from tenderlens.ingest.pdf import page_words
from tenderlens.ingest.tables import TableRow, table_rows

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = [
    ["Criterion", "Weighting", "Notes"],
    ["Quality", "60%", "Method statements scored 0-5 by three evaluators"],
    ["Price", "30%", "Lowest compliant price scores full marks"],
    ["Social value", "10%", "PPN 06/20 themes"],
]
# Each style is a trap for the edge reader: a full grid; a box plus rules between rows only (no inner vertical
# rules: one column per row); thick rules drawn as filled rectangles; shaded header cells (fills with no stroke)
# over a grid; a spanned heading row; inner grid without an outer box; and wrapped multi-line cells.
STYLES: dict[str, list[tuple[object, ...]]] = {
    "grid": [("GRID", (0, 0), (-1, -1), 0.75, colors.black)],
    "box and row rules": [
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.grey),
    ],
    "thick grid": [("GRID", (0, 0), (-1, -1), 2.5, colors.black)],
    "shaded header": [
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ],
    "spanned title": [("SPAN", (0, 0), (-1, 0)), ("GRID", (0, 0), (-1, -1), 0.75, colors.black)],
    "inner grid only": [("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black)],
}


def _build(path: Path, style: list[tuple[object, ...]], wrapped: bool = False) -> Path:
    body = getSampleStyleSheet()["BodyText"]
    rows: list[list[object]] = [list(row) for row in CRITERIA]
    if style is STYLES["spanned title"]:
        rows = [["Award criteria", "", ""], *rows]
    if wrapped:
        rows = [[Paragraph(str(cell), body) for cell in row] for row in rows]
    # Cells wide enough for their text: a word that overflows its cell is kept whole in the cell holding its
    # centre, where pdfplumber cuts it at the rule ("scored 0-5 b").
    table = Table(rows, colWidths=[120, 80, 150 if wrapped else 260])
    table.setStyle(TableStyle(style))
    story = [Paragraph("The award criteria are set out below.", body), Spacer(1, 12), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _ours(path: Path) -> list[list[TableRow]]:
    pdf = pdfium.PdfDocument(path)
    try:
        found = []
        for page in pdf:
            left, _, _, top = page.get_cropbox()
            textpage = page.get_textpage()
            words = [w for line in page_words(textpage, left, top) for w in line]
            found.append(table_rows(page_edges(page.raw, left, top), words))
            textpage.close()
            page.close()
        return found
    finally:
        pdf.close()


def _pdfplumber(path: Path) -> list[list[TableRow]]:
    pdfplumber = pytest.importorskip("pdfplumber")
    from tenderlens.geometry import union

    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page_rows: list[TableRow] = []
            for table in page.find_tables():
                rows = []
                for row, cells in zip(table.rows, table.extract(), strict=True):
                    values = tuple(" ".join((cell or "").split()) for cell in cells)
                    boxes = [c for c in row.cells if c is not None]
                    if boxes and any(values):
                        rows.append((union(boxes), values))
                if len(rows) >= 2 and max(len(v) for _, v in rows) >= 2:
                    page_rows.extend(rows)
            found.append(page_rows)
    return found


def _assert_same(path: Path) -> int:
    ours, theirs = _ours(path), _pdfplumber(path)
    assert [[cells for _, cells in page] for page in ours] == [[cells for _, cells in page] for page in theirs]
    for page_ours, page_theirs in zip(ours, theirs, strict=True):
        for (box, _), (their_box, _) in zip(page_ours, page_theirs, strict=True):
            assert box == pytest.approx(their_box, abs=0.01)
    return sum(len(page) for page in ours)


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line cells", "wrapped cells"])
def test_cells_equal_pdfplumber_on_reportlab_tables(tmp_path: Path, style: str, wrapped: bool) -> None:
    rows = _assert_same(_build(tmp_path / "table.pdf", STYLES[style], wrapped))
    # Without vertical rules (or without the outer box closing the cells) there is no grid of two columns.
    assert rows == (
        0 if style in ("box and row rules", "inner grid only") else len(CRITERIA) + (style == "spanned title")
    )


def test_cells_equal_pdfplumber_on_the_fixture_table(table_pdf: Path) -> None:
    assert _assert_same(table_pdf) == len(pdf_builders.TABLE_ROWS)


@pytest.mark.parametrize("name", ["draft-tender-ai-triage.pdf", "redacted-contract.pdf"])
def test_cells_equal_pdfplumber_on_the_examples(name: str) -> None:
    _assert_same(ROOT / "examples" / name)


def test_pages_without_tables_give_none(clauses_pdf: Path) -> None:
    assert _assert_same(clauses_pdf) == 0
