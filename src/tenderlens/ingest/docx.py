"""Ingest, DOCX: body paragraphs and tables in document order, headers and footers, black-highlighted or
block-character redactions, split into logical pages at explicit page breaks.

The XML is walked directly (python-docx opens the package and resolves parts) because the reading order,
page breaks inside runs, merged table cells and redaction formatting all live below python-docx's API.
Automatic list numbering ("1.1", "(a)") is not in the text of a paragraph; ``docx_numbering`` renders it so
that quotes carry the clause numbers a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from tenderlens.exceptions import InputFileError, ResourceLimitError
from tenderlens.ingest.docx_numbering import Numbering
from tenderlens.ingest.marks import block_marks
from tenderlens.ingest.text import A4_HEIGHT, A4_WIDTH
from tenderlens.model import Line, Page, RedactionMark
from tenderlens.options import AuditOptions

_P, _TBL, _SDT, _R, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:r"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR, _NBH = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_SDT_CONTENT, _TYPE, _VAL, _FILL = qn("w:sdtContent"), qn("w:type"), qn("w:val"), qn("w:fill")
# Containers whose runs are not part of the visible paragraph text: deleted revisions, the Fallback copy of
# alternate content (Word writes text boxes twice), drawings and embedded objects.
_SKIP = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:drawing", "w:pict", "w:object", "w:rPr", "w:pPr"))
_SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_BLACK = frozenset({"000000", "black"})
_PAGE_BREAK = "\f"
# A section break starts a new page unless it is "continuous"; the default type is nextPage.
_NEW_PAGE_SECTIONS = frozenset({"nextPage", "oddPage", "evenPage"})


@dataclass
class _PageBuilder:
    lines: list[Line] = field(default_factory=list)
    marks: list[RedactionMark] = field(default_factory=list)


def read_docx(path: Path, options: AuditOptions) -> tuple[tuple[Page, ...], dict[str, str]]:
    """Logical pages and core-property metadata of a DOCX file.

    Raises:
        InputFileError: python-docx cannot open the package (damaged ZIP, missing parts, bad XML).
        ResourceLimitError: more explicit pages than ``options.max_pages``.
    """
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml and zip errors for bad files.
        raise InputFileError(f"{path.name} is not a readable Word document ({err}).") from err
    body = document.element.body
    breaks = sum(1 for br in body.iter(_BR) if br.get(_TYPE) == "page") + sum(
        1 for _ in body.iter(qn("w:pageBreakBefore"))
    )
    if breaks + 1 > options.max_pages:
        raise ResourceLimitError(f"{path.name} has at least {breaks + 1} pages; the limit is {options.max_pages}.")
    try:
        reader = _Reader(Numbering.from_document(document))
        pages = [_PageBuilder()]
        for item in reader.blocks(body):
            if item is None:
                pages.append(_PageBuilder())
            else:
                pages[-1].lines.append(item[0])
                pages[-1].marks.extend(item[1])
        headers, footers = _furniture(document, reader)
    except (
        KeyError,
        ValueError,
        etree.LxmlError,
    ) as err:  # a part or relationship python-docx cannot resolve
        raise InputFileError(f"{path.name} has a damaged part ({err}).") from err
    # A break at the very end (often before a final section break) prints no page.
    while len(pages) > 1 and not pages[-1].lines:
        pages.pop()
    pages[0].lines[:0] = [line for line, _ in headers]
    pages[0].marks.extend(mark for _, marks in headers for mark in marks)
    pages[-1].lines.extend(line for line, _ in footers)
    pages[-1].marks.extend(mark for _, marks in footers for mark in marks)
    width, height = _page_size(document)
    result = tuple(
        Page(
            number=number,
            width=width,
            height=height,
            text_source="docx",
            lines=tuple(page.lines),
            marks=(*page.marks, *block_marks(page.lines)),
        )
        for number, page in enumerate(pages, start=1)
    )
    return result, _metadata(document)


_Block = tuple[Line, list[RedactionMark]] | None  # None is a page break


class _Reader:
    """Walks body XML into Lines (one per paragraph or table row) and page breaks."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering

    def blocks(self, container: object) -> Iterator[_Block]:
        for child in container.iterchildren():  # type: ignore[attr-defined]
            if child.tag == _P:
                yield from self.paragraph(child)
            elif child.tag == _TBL:
                yield from self.table(child)
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)

    def paragraph(self, p: object) -> Iterator[_Block]:
        ppr = p.find(qn("w:pPr"))  # type: ignore[attr-defined]
        if ppr is not None and _on(ppr.find(qn("w:pageBreakBefore"))):
            yield None
        label = self.numbering.label(p)
        marks: list[RedactionMark] = []
        parts: list[str] = [f"{label} "] if label else []
        for run in _runs(p):
            text = _run_text(run)
            if _blacked_out(run) and text.strip(_PAGE_BREAK + " \t\n"):
                marks.append(RedactionMark(kind="docx_highlight", text=text.strip()))
            parts.append(text)
        for i, chunk in enumerate("".join(parts).split(_PAGE_BREAK)):
            if i:
                yield None
            for text in chunk.split("\n"):
                if text.strip():
                    yield Line(text=text.rstrip(), bbox=None), marks
                    marks = []
        if ppr is not None:
            sect = ppr.find(qn("w:sectPr"))
            if sect is not None:
                kind = sect.find(qn("w:type"))
                if kind is None or kind.get(_VAL, "nextPage") in _NEW_PAGE_SECTIONS:
                    yield None

    def table(self, tbl: object) -> Iterator[_Block]:
        for tr in tbl.iterchildren(_TR):  # type: ignore[attr-defined]
            cells: list[str] = []
            marks: list[RedactionMark] = []
            for tc in tr.iterchildren(_TC):
                texts: list[str] = []
                for block in self.blocks(tc):
                    if block is not None:
                        texts.append(block[0].text)
                        marks.extend(block[1])
                cells.append(" ".join(" ".join(texts).split()))
            if any(cells):
                yield Line(text=" | ".join(cells), bbox=None, table_row=tuple(cells)), marks


def _runs(element: object) -> Iterator[object]:
    """Runs of a paragraph in document order, through hyperlinks, insertions, smart tags and fields."""
    for child in element.iterchildren():  # type: ignore[attr-defined]
        if child.tag == _R:
            yield child
        elif child.tag not in _SKIP and isinstance(child.tag, str):
            yield from _runs(child)


def _run_text(run: object) -> str:
    parts: list[str] = []
    for child in run.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR:
            parts.append(_PAGE_BREAK if child.get(_TYPE) == "page" else "\n")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NBH:
            parts.append("-")
    return "".join(parts)


def _blacked_out(run: object) -> bool:
    """Black highlight or black shading: the usual ways to "redact" in Word, leaving the text in the file."""
    rpr = run.find(qn("w:rPr"))  # type: ignore[attr-defined]
    if rpr is None:
        return False
    highlight = rpr.find(qn("w:highlight"))
    if highlight is not None and highlight.get(_VAL) in _BLACK:
        return True
    shading = rpr.find(qn("w:shd"))
    return shading is not None and (shading.get(_FILL) or "").lower() in _BLACK


def _on(element: object) -> bool:
    """An OOXML on/off property: present and not switched off with ``w:val="0"``/``false``."""
    return element is not None and element.get(_VAL, "1") not in ("0", "false", "off")  # type: ignore[attr-defined]


def _furniture(
    document: DocxDocument, reader: _Reader
) -> tuple[list[tuple[Line, list[RedactionMark]]], list[tuple[Line, list[RedactionMark]]]]:
    """Distinct header and footer lines of all sections, printed once: headers on page 1, footers last."""
    found: dict[str, list[tuple[Line, list[RedactionMark]]]] = {"header": [], "footer": []}
    seen: set[str] = set()
    for section in document.sections:
        for kind in ("header", "footer"):
            for part in (
                getattr(section, kind),
                getattr(section, f"first_page_{kind}"),
                getattr(section, f"even_page_{kind}"),
            ):
                if part.is_linked_to_previous:
                    continue
                for block in reader.blocks(part._element):
                    if block is not None and block[0].text not in seen:
                        seen.add(block[0].text)
                        found[kind].append(block)
    return found["header"], found["footer"]


def _page_size(document: DocxDocument) -> tuple[float, float]:
    section = document.sections[0] if len(document.sections) else None
    if section is None or section.page_width is None or section.page_height is None:
        return A4_WIDTH, A4_HEIGHT
    return float(section.page_width.pt), float(section.page_height.pt)


def _metadata(document: DocxDocument) -> dict[str, str]:
    props = document.core_properties
    values = {
        "Title": props.title,
        "Author": props.author,
        "Subject": props.subject,
        "Keywords": props.keywords,
    }
    return {k: v.strip() for k, v in values.items() if v and v.strip()}
