"""Ingest, PDF tables: ruled tables found by pdfplumber become Lines whose ``table_row`` holds the cells.

pdfplumber parses a whole page with pdfminer, which is many times slower than pdfium, so ``pdf.py`` asks for
tables only on pages that draw rules, and this module opens the file with pdfplumber once, lazily, and closes
every page it touches.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pdfplumber

from tenderlens.ingest.layout import reading_order, union
from tenderlens.model import BBox, Line, Word

TableRow = tuple[BBox, tuple[str, ...]]
# pdfminer logs a warning for every odd construct it meets in real-world PDFs; they are not ours to show.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class TableFinder:
    """Ruled-table rows per page of one PDF, opening it with pdfplumber only when first asked."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pdf: pdfplumber.PDF | None = None
        self._failed = False

    def rows(self, index: int) -> list[TableRow]:
        """Rows (bbox, cell texts) of the ruled tables on page ``index`` (0-based), top to bottom.

        Tables are an enrichment: if pdfplumber cannot parse the page, the page keeps its plain lines."""
        if self._failed:
            return []
        try:
            if self._pdf is None:
                self._pdf = pdfplumber.open(self._path)
            page = self._pdf.pages[index]
            try:
                return [row for table in page.find_tables() for row in _table_rows(table)]
            finally:
                page.close()
        except Exception:  # pdfminer raises many unrelated types on odd files; the text layer suffices.
            self._failed = True
            return []

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _table_rows(table: pdfplumber.table.Table) -> list[TableRow]:
    texts = table.extract()
    rows: list[TableRow] = []
    for row, cells in zip(table.rows, texts, strict=False):
        boxes = [c for c in row.cells if c is not None]
        values = tuple(" ".join((cell or "").split()) for cell in cells)
        if boxes and any(values):
            rows.append((union(boxes), values))
    width = max((len(cells) for _, cells in rows), default=0)
    # A single filled rectangle (a redaction box) or a framed paragraph is not a table.
    return rows if len(rows) >= 2 and width >= 2 else []


def lines_with_tables(words: Sequence[Word], rows: Sequence[TableRow]) -> tuple[Line, ...]:
    """Lines in reading order where words inside a table row become one table-row Line per row.

    A table-row Line's text is its cells joined by ``" | "`` so that segmentation can quote it verbatim."""
    inside: list[list[Word]] = [[] for _ in rows]
    outside: list[Word] = []
    for word in words:
        assert word.bbox is not None
        hit = next((i for i, (box, _) in enumerate(rows) if _inside(word.bbox, box)), None)
        (outside if hit is None else inside[hit]).append(word)
    pending = sorted(
        (
            Line(text=" | ".join(cells), bbox=box, words=tuple(ws), table_row=cells)
            for (box, cells), ws in zip(rows, inside, strict=True)
        ),
        key=lambda line: line.bbox[1] if line.bbox else 0.0,
    )
    merged: list[Line] = []
    for line in reading_order([[word] for word in outside]):
        while (
            pending and line.bbox is not None and pending[0].bbox is not None and (pending[0].bbox[1] <= line.bbox[1])
        ):
            merged.append(pending.pop(0))
        merged.append(line)
    return (*merged, *pending)


def _inside(inner: BBox, outer: BBox) -> bool:
    """Whether the centre of ``inner`` lies in ``outer``."""
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]
