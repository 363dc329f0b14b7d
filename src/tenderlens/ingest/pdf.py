"""Ingest, PDF: pages read one at a time with pypdfium2 (text layer -> words -> Lines in reading order), with
ruled tables from the page's own path objects and OCR for pages whose text layer is unusable.

Only one pdfium page and text page are open at a time in a process and both are closed before the next page, so
memory stays flat on long documents; a long document's text layers are read on every core (``cores.map_interleaved``).
A page's paths are read as table edges only when a cheap look at their bounds suggests a ruled table
(``has_rules``; see ``edges.py`` and ``tables.py``).
"""

from __future__ import annotations

import ctypes
import re
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tenderlens.cores import map_interleaved
from tenderlens.exceptions import (
    EmptyDocumentError,
    EncryptedPdfError,
    InputFileError,
    ResourceLimitError,
    TenderLensError,
)
from tenderlens.ingest import ocr
from tenderlens.ingest.edges import page_edges
from tenderlens.ingest.layout import reading_order
from tenderlens.ingest.marks import block_marks
from tenderlens.ingest.tables import lines_with_tables, table_rows
from tenderlens.model import Line, Page, Word
from tenderlens.options import AuditOptions

_WORD = re.compile(r"\S+")
# pdfium reports a hyphen that ends a line as U+0002 and can emit other C0 controls from broken font
# encodings; map them one-for-one (keeping its line feeds) so character indices still match its char boxes.
_CLEAN = {i: " " for i in range(32) if i != 10} | {2: "-", 0xFFFE: " ", 0xFFFF: " "}
# A page "has usable text" when it has this many letters or digits and they are most of what is there;
# scanned pages often carry a lone page number or a few glyphs of garbage in their text layer.
MIN_ALNUM = 10
MIN_ALNUM_SHARE = 0.5
MIN_REAL_WORDS = 5
_REAL_WORD = re.compile(r"(?=[A-Za-z]{3,}$)[A-Za-z]*[AEIOUYaeiouy][A-Za-z]*")
_PUNCTUATION = ".,;:!?()[]'\"‘’“”"
# Table pre-check: a rule is a path thinner than RULE_WIDTH and longer than MIN_RULE_LENGTH (points).
RULE_WIDTH = 2.0
MIN_RULE_LENGTH = 10.0
MIN_CELL_BOXES = 4
MIN_PAGES_PER_CORE = 40
"""Fewest pages worth reading in another process (about 0.15 s of text layers and tables, against about 0.05 s
to fork and to return the pages); the redaction stage uses it too."""


@dataclass(frozen=True)
class PdfContent:
    """What ``read_pdf`` returns to ``read_document``."""

    pages: tuple[Page, ...]
    metadata: dict[str, str]
    warnings: tuple[str, ...]


def read_pdf(path: Path, options: AuditOptions, *, tables: bool = True) -> PdfContent:
    """Read every page of the PDF at ``path`` (see :class:`PdfFile`)."""
    with PdfFile(path, options, tables=tables) as pdf:
        pages = tuple(pdf.pages())
        metadata = pdf.metadata()
    return PdfContent(pages=pages, metadata=metadata, warnings=tuple(_warnings(pages, options)))


class PdfFile:
    """An open PDF, read one page at a time: at most one pdfium page per process is open at once, and pages sent to
    OCR are rendered, queued and returned in order, so memory stays flat however long the document.

    Args:
        path: the PDF.
        options: ``ocr``, ``ocr_language`` and ``max_pages`` are used.
        tables: detect ruled tables on pages that draw rules (off = text layer only).

    Raises:
        EncryptedPdfError, InputFileError, EmptyDocumentError (zero pages), ResourceLimitError (on opening);
        InputFileError, MissingDependencyError (OCR needed and Tesseract absent) while reading pages.
    """

    def __init__(self, path: Path, options: AuditOptions, *, tables: bool = True) -> None:
        self.path = path
        self.options = options
        self._document = _open(path)
        self._tables = tables
        self._ocr = ocr.OcrPool(options.ocr_language)
        count = len(self._document)
        if count == 0 or count > options.max_pages:
            self.close()
            if count == 0:
                raise EmptyDocumentError(f"{path.name} has zero pages.")
            raise ResourceLimitError(f"{path.name} has {count} pages; the limit is {options.max_pages}.")

    def __len__(self) -> int:
        return len(self._document)

    def __enter__(self) -> PdfFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def metadata(self) -> dict[str, str]:
        """The document information dictionary (Title, Author, Producer...), empty values left out."""
        return {k: str(v).strip() for k, v in self._document.get_metadata_dict(skip_empty=True).items()}

    def pages(self) -> Iterator[Page]:
        """Every page in order. The text layers of a long document are read on every core (``cores.map_interleaved``,
        each process opening the file for itself); pages that need OCR are then rendered here, one at a time."""
        layers = self._layers_on_every_core()
        pending: deque[Page | tuple[Page, Future[tuple[Line, ...]]]] = deque()
        window = 2 * self._ocr.workers
        for index in range(len(self)):
            with page_errors(self.path.name, index + 1):
                page = layers[index] if layers else _layer_page(self._document, index, self.options, self._tables)
                pending.append(page or self._submit_ocr(index))
            while pending and (len(pending) > window or _done(pending[0])):
                yield _finish(pending.popleft())
        while pending:
            yield _finish(pending.popleft())

    def close(self) -> None:
        self._ocr.close()
        self._document.close()

    def _layers_on_every_core(self) -> list[Page | None] | None:
        """Every page from its text layer (``None`` where it needs OCR), computed on every core; ``None`` when the
        document is too short to be worth it or OCR is forced."""
        if self.options.ocr == "force" or len(self) < 2 * MIN_PAGES_PER_CORE:
            return None
        job = partial(_layer_pages, self.path, self.options, self._tables)
        return map_interleaved(job, len(self), MIN_PAGES_PER_CORE)

    def _submit_ocr(self, index: int) -> tuple[Page, Future[tuple[Line, ...]]]:
        """The page without its lines and the OCR future that will supply them."""
        page = self._document[index]
        try:
            left, bottom, right, top = page.get_cropbox()
            blank = Page(number=index + 1, width=right - left, height=top - bottom, text_source="ocr")
            return blank, self._ocr.submit(page)
        finally:
            page.close()


def _layer_pages(path: Path, options: AuditOptions, tables: bool, indices: Sequence[int]) -> list[Page | None]:
    """:func:`_layer_page` of each page index, from the PDF opened anew (this may run in another process)."""
    with open_pdf(path) as document:
        results = []
        for index in indices:
            with page_errors(path.name, index + 1):
                results.append(_layer_page(document, index, options, tables))
        return results


def _layer_page(document: pdfium.PdfDocument, index: int, options: AuditOptions, tables: bool) -> Page | None:
    """Page ``index`` read from its text layer, with ruled tables; ``None`` when it should be read by OCR."""
    if options.ocr == "force":
        return None
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            pdfium_lines = page_words(textpage, left, top)
        finally:
            textpage.close()
        words = [word for line in pdfium_lines for word in line]
        if options.ocr == "auto" and not usable(words) and has_images(page):
            return None
        blank = Page(number=index + 1, width=right - left, height=top - bottom, text_source="none")
        if not words:
            return blank
        rows = table_rows(page_edges(page.raw, left, top), words) if tables and has_rules(page) else []
        lines = lines_with_tables(words, rows) if rows else tuple(reading_order(pdfium_lines))
        return replace(blank, text_source="layer", lines=lines, marks=tuple(block_marks(lines)))
    finally:
        page.close()


def _done(item: Page | tuple[Page, Future[tuple[Line, ...]]]) -> bool:
    return isinstance(item, Page) or item[1].done()


def _finish(item: Page | tuple[Page, Future[tuple[Line, ...]]]) -> Page:
    if isinstance(item, Page):
        return item
    page, future = item
    lines = future.result()
    return replace(page, lines=lines, marks=tuple(block_marks(lines)))


@contextmanager
def open_pdf(path: str | Path) -> Iterator[pdfium.PdfDocument]:
    """The PDF at ``path`` opened with pypdfium2 for a later stage (redaction), closed on exit.

    Raises:
        EncryptedPdfError, EmptyDocumentError, InputFileError: as :class:`PdfFile` (errors are mapped here, in
        ingest, and nowhere else).
    """
    document = _open(Path(path))
    try:
        yield document
    finally:
        document.close()


@contextmanager
def page_errors(name: str, number: int) -> Iterator[None]:
    """Map pdfium's error while working on page ``number`` of ``name`` to an ``InputFileError``."""
    try:
        yield
    except pdfium.PdfiumError as err:
        raise InputFileError(f"{name}: page {number} is damaged ({err}).") from err


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        # pdfium's error code is process-global and goes stale (a PDF with zero pages fails with "success"
        # or with the previous file's code), so the cause is read from the file instead.
        raise _diagnose(path, err) from err


def _diagnose(path: Path, err: Exception) -> TenderLensError:
    """The error to report for a PDF that pdfium would not open."""
    with path.open("rb") as handle:
        if any(b"/Encrypt" in chunk for chunk in iter(lambda: handle.read(1 << 20), b"")):
            return EncryptedPdfError(f"({path.name})")
    import pdfplumber  # only on this error path: pdfium's own error code cannot be trusted here

    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                return EmptyDocumentError(f"{path.name} has zero pages.")
    except Exception:  # pdfminer's many error types all mean the same here: the file is broken.
        pass
    return InputFileError(f"{path.name} is not a readable PDF: it is corrupt or truncated ({err}).")


def page_words(textpage: pdfium.PdfTextPage, left: float, top: float) -> list[list[Word]]:
    """Words of a text page, grouped into pdfium's lines (content order), with boxes in points from the crop
    box's top-left corner.

    A word's box comes from the loose (font-height) boxes of its first and last characters: two calls per
    word instead of one per character, which is most of why this is fast.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        # Characters outside the BMP or excluded by pdfium shift the text view; rebuild it char by char.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    text = text.translate(_CLEAN)
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    char_box, word_class, find_words = pdfium_c.FPDFText_GetLooseCharBox, Word, _WORD.finditer
    lines: list[list[Word]] = []
    offset = 0
    for chunk in text.split("\n"):
        words: list[Word] = []
        for match in find_words(chunk):
            start, end = match.span()
            char_box(raw, start + offset, ref)
            x0, y_top, y_bottom = rect.left, rect.top, rect.bottom
            char_box(raw, end + offset - 1, ref)
            x1, top_2, bottom_2 = rect.right, rect.top, rect.bottom
            if x1 < x0 or top_2 < y_bottom or bottom_2 > y_top:
                # The "word" runs over a line change that pdfium did not mark with whitespace: split it.
                words.extend(_split_by_char(raw, text, start + offset, end + offset, left, top))
                continue
            if top_2 > y_top:
                y_top = top_2
            if bottom_2 < y_bottom:
                y_bottom = bottom_2
            words.append(word_class(match.group(), (x0 - left, top - y_top, x1 - left, top - y_bottom)))
        if words:
            lines.append(words)
        offset += len(chunk) + 1
    return lines


def _split_by_char(raw: object, text: str, start: int, end: int, left: float, top: float) -> Iterator[Word]:
    rect = pdfium_c.FS_RECTF()
    chars: list[tuple[str, float, float, float, float]] = []
    for i in range(start, end):
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect))
        box = (rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)
        if chars and (box[0] < chars[-1][3] - 1 or box[1] >= chars[-1][4]):
            yield _word_of(chars)
            chars = []
        chars.append((text[i], *box))
    if chars:
        yield _word_of(chars)


def _word_of(chars: list[tuple[str, float, float, float, float]]) -> Word:
    return Word(
        "".join(c[0] for c in chars),
        (chars[0][1], min(c[2] for c in chars), chars[-1][3], max(c[4] for c in chars)),
    )


def usable(words: list[Word]) -> bool:
    """Whether a text layer is worth keeping rather than OCRing the page.

    Usable means mostly letters and digits (``MIN_ALNUM``, ``MIN_ALNUM_SHARE``) or at least ``MIN_REAL_WORDS``
    word-like tokens: the invisible OCR layers of scanned archives mix real words with long runs of
    "\\\\\\" and "////" read from hatching, and those words are still the best text the page has."""
    chars = "".join(w.text for w in words)
    alnum = sum(map(str.isalnum, chars))
    if alnum >= MIN_ALNUM and alnum >= MIN_ALNUM_SHARE * len(chars):
        return True
    real = sum(1 for w in words if _REAL_WORD.fullmatch(w.text.strip(_PUNCTUATION)))
    return real >= MIN_REAL_WORDS


def has_images(page: pdfium.PdfPage) -> bool:
    """Whether the page draws any image (directly or inside a form XObject): something OCR could read."""
    return any(kind == pdfium_c.FPDF_PAGEOBJ_IMAGE for kind, _ in _objects(page.raw))


def has_rules(page: pdfium.PdfPage) -> bool:
    """Whether the page draws a grid that could be a ruled table: a cheap pre-check before reading its edges.

    Word underlines hyperlinks and draws paragraph borders with paths too, so a few paths are not enough:
    it takes horizontal and vertical rules, or several boxes (cells drawn as rectangles)."""
    horizontal = vertical = boxes = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    for kind, obj in _objects(page.raw):
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if height < RULE_WIDTH and width > MIN_RULE_LENGTH:
            horizontal += 1
        elif width < RULE_WIDTH and height > MIN_RULE_LENGTH:
            vertical += 1
        elif width > MIN_RULE_LENGTH and height > RULE_WIDTH:
            boxes += 1
        if (horizontal >= 2 and vertical >= 2) or boxes >= MIN_CELL_BOXES:
            return True
    return False


def _objects(raw_page: object) -> Iterator[tuple[int, object]]:
    """``(type, handle)`` of every object on a page, looking inside form XObjects."""
    stack = [(raw_page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)]
    while stack:
        parent, count_fn, get_fn = stack.pop()
        for i in range(count_fn(parent)):
            obj = get_fn(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject))
            yield kind, obj


def _warnings(pages: tuple[Page, ...], options: AuditOptions) -> Iterator[str]:
    silent = [p.number for p in pages if not any(line.text.strip() for line in p.lines)]
    if silent and len(silent) < len(pages):
        hint = " (OCR is off)" if options.ocr == "never" else ""
        yield f"No text found on page(s) {_ranges(silent)}{hint}."
    ocr_pages = [p.number for p in pages if p.text_source == "ocr"]
    if ocr_pages and options.ocr == "auto":
        yield f"Page(s) {_ranges(ocr_pages)} had no usable text layer and were read by OCR."


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)
