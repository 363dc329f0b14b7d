"""Segment stage: a Document's pages -> Spans (headings, sentences, table rows) with page, clause and heading.

Reads ``Page.lines`` (text, boxes, table cells). Adds nothing to the Document; returns Spans in reading order.
``segment`` walks the body lines here (paragraphs, headings, table rows); the pieces live in named modules:
``furniture`` (running headers, footers and page numbers, left out), ``numbering`` (the clause number in
force) and ``sentences`` (where sentences begin and end).

Quoting rule (used for every piece of evidence): ``normalise`` collapses each run of whitespace, line breaks
included, into one space and strips the ends. A span's ``text`` is the normalised source text, and
``normalise(page.text[start:end]) == text`` for every span that lies on one page. A sentence that runs over a
page break is one span: ``page``/``start`` give where it begins, ``end_page``/``end`` where it ends, and its
text is the normalised tail of the first page joined to the head of the next, without the running headers and
footers printed between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from tenderlens.geometry import union
from tenderlens.model import BBox, Document, Line, Span, SpanKind
from tenderlens.segment.furniture import furniture_lines
from tenderlens.segment.lists import lead_ins
from tenderlens.segment.numbering import ClauseStart, ClauseState, match_clause_start
from tenderlens.segment.sentences import ends_sentence, sentence_bounds

_HEADING_MAX_CHARS = 90
_HEADING_MAX_WORDS = 12
_NUMBERED_TITLE_WORDS = 8
# A line that reaches this share of its column's width was wrapped by the layout, not ended by the author.
WRAP_SHARE = 0.75
MIN_COLUMN_LINES = 3
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_BULLET = re.compile(r"\s*[•●▪◦‣∙·○□➢►✓\-–*]\s+")
# Bullet glyphs no wrapped sentence starts with; a dash or asterisk may be either.
_GLYPH_BULLET = re.compile(r"\s*[•●▪◦‣∙·○□➢►✓]\s+")


def normalise(text: str) -> str:
    """The quoting normalisation: every run of whitespace (line and page breaks too) becomes one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class _Piece:
    """A slice of one body line: ``text == page.text[offset:offset + len(text)]``."""

    page: int
    offset: int
    text: str
    line: Line
    line_offset: int


@dataclass
class _Paragraph:
    pieces: list[_Piece]
    clause_ref: str | None
    heading: str | None


def segment(doc: Document) -> tuple[Span, ...]:
    """Spans of ``doc`` in reading order: headings, sentences and table rows.

    Each sentence carries its page, ``clause_ref`` (the innermost clause number in force, e.g. "2.3(a)",
    "Schedule 3") and ``heading`` (the nearest heading above it). Sentences run on across line and page
    breaks inside a paragraph; running headers and footers are left out. See the module docstring for the
    quoting rule that ``Span.text`` and the offsets follow.
    """
    items: list[Span | _Paragraph] = []
    state = ClauseState()
    heading: str | None = None
    paragraph: _Paragraph | None = None
    for piece, gap, wrapped in _body(doc):
        if piece.line.table_row is not None:
            paragraph = None
            items.append(_table_span(piece, state.ref, heading))
            continue
        start = None if wrapped else match_clause_start(piece.text)
        if start is not None:
            state = state.enter(start)
        if not wrapped and (start is None or start.kind != "sub") and _is_heading(piece.text, start):
            state = state.after_heading() if start is None else state
            heading = normalise(piece.text)
            items.append(_span(piece, 0, len(piece.text), "heading", state.ref, heading))
            paragraph = None
            continue
        label = len(piece.text) - len(start.rest) if start else 0
        if bullet := (_GLYPH_BULLET if wrapped else _BULLET).match(piece.text, label):
            label = bullet.end()
        if label:
            piece = _Piece(piece.page, piece.offset + label, piece.text[label:], piece.line, label)
        if paragraph is None or gap or label:
            paragraph = _Paragraph([], state.ref, heading)
            items.append(paragraph)
        if piece.text.strip():
            paragraph.pieces.append(piece)
    return _with_lead_ins(tuple(_expand(items)))


def _with_lead_ins(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Each sentence with the lead-in of the list it belongs to (``segment/lists.py``); headings and table rows end
    a list."""
    out = list(spans)
    run: list[int] = []
    for i in [*range(len(spans)), len(spans)]:
        if i < len(spans) and spans[i].kind == "sentence":
            run.append(i)
            continue
        found = lead_ins([spans[j].text for j in run], [spans[j].clause_ref for j in run])
        for j, lead in zip(run, found, strict=True):
            if lead:
                out[j] = replace(spans[j], lead_in=lead)
        run = []
    return tuple(out)


def _body(doc: Document) -> Iterator[tuple[_Piece, bool, bool]]:
    """Body lines (running headers and footers removed), each with whether a paragraph break precedes it
    and whether it continues a line that wrapped (the previous line ran to the right edge of its column
    without ending a sentence: a number at its start is then part of the sentence, not a clause number)."""
    furniture = furniture_lines(doc)
    every_line_a_paragraph = doc.format == "docx"
    previous_wraps = False
    for page in doc.pages:
        offset = 0
        # A page break is not a paragraph break: the sentence at the foot of a page goes on overleaf.
        blank_before = False
        prev_box: BBox | None = None
        full_width = _full_width_test(page.lines)
        for index, line in enumerate(page.lines):
            start, offset = offset, offset + len(line.text) + 1
            if (page.number, index) in furniture:
                continue
            if not line.text.strip():
                blank_before = True
                continue
            gap = every_line_a_paragraph or blank_before or _vertical_gap(prev_box, line.bbox)
            yield _Piece(page.number, start, line.text, line, 0), gap, previous_wraps and not gap
            blank_before, prev_box = False, line.bbox
            previous_wraps = line.table_row is None and not ends_sentence(line.text) and full_width(line)


def _full_width_test(lines: Sequence[Line]) -> Callable[[Line], bool]:
    """A test for "this line runs (nearly) to the right edge of its column", from the page's geometry.

    With boxes, a line's column is the set of lines overlapping it horizontally; without (text, DOCX), the
    page's longest line stands for the column width."""
    boxes = [line.bbox for line in lines if line.bbox is not None and line.text.strip()]
    if not boxes:
        longest = max((len(line.text.rstrip()) for line in lines), default=0)
        return lambda line: longest < 40 or len(line.text.rstrip()) >= WRAP_SHARE * longest

    def test(line: Line) -> bool:
        if line.bbox is None:
            return True
        x0, _, x1, _ = line.bbox
        column = [b for b in boxes if b[0] < x1 and b[2] > x0]
        if len(column) < MIN_COLUMN_LINES:
            return False  # a lone title or signature line shows no column width to wrap at
        left, right = min(b[0] for b in column), max(b[2] for b in column)
        return x1 >= left + WRAP_SHARE * (right - left)

    return test


def _vertical_gap(above: BBox | None, below: BBox | None) -> bool:
    """Whether two consecutive lines are separated by more than ordinary leading (a paragraph break).

    A negative gap means reading order jumped up the page (the next column), where sentences do continue."""
    if above is None or below is None:
        return False
    return below[1] - above[3] > 0.5 * (below[3] - below[1])


def _is_heading(text: str, start: ClauseStart | None) -> bool:
    """Whether a line reads as a heading: short, not closed by punctuation, and either capitalised
    throughout ("DATA PROTECTION", "Data Protection") or a clause number with a short title
    ("7 Definitions used in the contract", "Schedule 3 – Data")."""
    if _MD_HEADING.match(text):
        return True
    body = (start.rest if start else text).strip()
    if not body or len(text.strip()) > _HEADING_MAX_CHARS or len(body.split()) > _HEADING_MAX_WORDS:
        return start is not None and start.kind == "schedule" and not body
    if body[-1] in ".,;:" or not any(c.isalpha() for c in body) or _BULLET.match(text):
        return False
    if start is not None and body.lstrip("(")[:1].isupper() and len(body.split()) <= _NUMBERED_TITLE_WORDS:
        return True
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", body) if len(w) > 3]
    return bool(words) and body[0].isupper() and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _table_span(piece: _Piece, clause_ref: str | None, heading: str | None) -> Span:
    """A table row quoted as its cells joined by " | " (Markdown rows without their outer pipes), keeping
    the cells themselves."""
    text = piece.text
    start = len(text) - len(text.lstrip(" \t|"))
    end = len(text.rstrip(" \t|"))
    cells = tuple(normalise(cell) for cell in piece.line.table_row or ())
    return _span(piece, start, max(start, end), "table_row", clause_ref, heading, cells)


def _span(
    piece: _Piece,
    start: int,
    end: int,
    kind: SpanKind,
    clause_ref: str | None,
    heading: str | None,
    cells: tuple[str, ...] | None = None,
) -> Span:
    return Span(
        text=normalise(piece.text[start:end]),
        page=piece.page,
        kind=kind,
        clause_ref=clause_ref,
        heading=heading,
        bbox=_bbox(piece, start, end),
        start=piece.offset + start,
        end=piece.offset + end,
        cells=cells,
    )


def _expand(items: Sequence[Span | _Paragraph]) -> Iterator[Span]:
    """Headings and table rows as they are; paragraphs split into sentence spans."""
    for item in items:
        if isinstance(item, Span):
            yield item
            continue
        text = " ".join(p.text for p in item.pieces)
        for start, end in sentence_bounds(text):
            yield from _sentence_span(item, text, start, end)


def _sentence_span(paragraph: _Paragraph, text: str, start: int, end: int) -> Iterator[Span]:
    """The span for characters ``start:end`` of ``text``, the paragraph's pieces joined by single spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    position = 0
    first: tuple[_Piece, int] | None = None
    last: tuple[_Piece, int] | None = None
    boxes: list[BBox] = []
    for piece in paragraph.pieces:
        lo, hi = max(start, position), min(end, position + len(piece.text))
        if lo < hi:
            first = first or (piece, lo - position)
            last = (piece, hi - position)
            if piece.page == first[0].page and (box := _bbox(piece, lo - position, hi - position)):
                boxes.append(box)
        position += len(piece.text) + 1
    if first is None or last is None:
        return
    yield Span(
        text=normalise(text[start:end]),
        page=first[0].page,
        kind="sentence",
        clause_ref=paragraph.clause_ref,
        heading=paragraph.heading,
        bbox=union(boxes) if boxes else None,
        start=first[0].offset + first[1],
        end=last[0].offset + last[1],
        end_page=last[0].page if last[0].page != first[0].page else None,
    )


def _bbox(piece: _Piece, start: int, end: int) -> BBox | None:
    """The box of characters ``start:end`` of a piece: its words' boxes when the line is made of them."""
    line = piece.line
    boxes = [w.bbox for w in line.words if w.bbox is not None]
    if not boxes:
        return line.bbox
    if line.table_row is not None or line.text != " ".join(w.text for w in line.words):
        return line.bbox
    lo, hi = piece.line_offset + start, piece.line_offset + end
    position = 0
    chosen: list[BBox] = []
    for word in line.words:
        if word.bbox is not None and position < hi and position + len(word.text) > lo:
            chosen.append(word.bbox)
        position += len(word.text) + 1
    return union(chosen) if chosen else line.bbox
