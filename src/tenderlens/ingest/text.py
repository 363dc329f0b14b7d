"""Ingest, plain text and Markdown: the file's lines, split into logical pages at form feeds.

Lines are kept verbatim (Markdown syntax included) so quotes match the file; a table row also gets its cells in
``Line.table_row`` so segmentation turns it into a table-row span. A table row is a Markdown row (``| a | b |``) or,
in either format, one of two or more consecutive lines whose cells are separated by " | " (a table pasted or
exported as text: "Quality | 60%").
"""

from __future__ import annotations

import re
from pathlib import Path

from tenderlens.exceptions import ResourceLimitError
from tenderlens.ingest.marks import block_marks
from tenderlens.model import DocumentFormat, Line, Page
from tenderlens.options import AuditOptions

# Text has no paper size; pages get A4 in points so page geometry is never zero.
A4_WIDTH, A4_HEIGHT = 595.28, 841.89
_MD_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_MD_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_CELL_SEPARATOR = " | "
MIN_PIPE_ROWS = 2
"""Consecutive " | " lines that make a table: one such line alone may be prose quoting a pipe."""


def read_text(path: Path, fmt: DocumentFormat, options: AuditOptions) -> tuple[Page, ...]:
    """Pages of a text or Markdown file; form feeds (``\\f``) start new pages.

    Raises:
        ResourceLimitError: more pages than ``options.max_pages``.
    """
    text = decode(path.read_bytes())
    chunks = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    if len(chunks) > options.max_pages:
        raise ResourceLimitError(f"{path.name} has {len(chunks)} pages; the limit is {options.max_pages}.")
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        lines = _pipe_tables([_line(raw, fmt) for raw in chunk.removesuffix("\n").split("\n")])
        marks = tuple(block_marks(lines))
        pages.append(Page(number, A4_WIDTH, A4_HEIGHT, text_source="text", lines=lines, marks=marks))
    return tuple(pages)


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (BOM optional), UTF-16 with a BOM, else Windows-1252 / latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _pipe_tables(lines: list[Line]) -> tuple[Line, ...]:
    """``lines`` with each run of at least ``MIN_PIPE_ROWS`` consecutive " | " lines read as table rows."""
    out = list(lines)
    run: list[int] = []
    for index, line in enumerate([*lines, Line(text="", bbox=None)]):
        if line.table_row is None and _CELL_SEPARATOR in line.text.strip():
            run.append(index)
            continue
        if len(run) >= MIN_PIPE_ROWS:
            for i in run:
                out[i] = Line(text=lines[i].text, bbox=None, table_row=_cells(lines[i].text))
        run = []
    return tuple(out)


def _line(raw: str, fmt: DocumentFormat) -> Line:
    if fmt == "markdown" and _MD_TABLE_ROW.match(raw) and not _MD_TABLE_RULE.match(raw):
        return Line(text=raw, bbox=None, table_row=_cells(raw))
    return Line(text=raw, bbox=None)


def _cells(row: str) -> tuple[str, ...]:
    """A table row's cells: the text between its pipes, the row's outer pipes (Markdown) dropped."""
    return tuple(cell.strip() for cell in row.strip().strip("|").split("|"))
