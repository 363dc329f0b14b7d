"""Segment, page furniture: running headers, footers and page numbers of PDFs, which are not sentences and
must not split a sentence that runs over a page break.

A line among the first or last few of its page is furniture when it is a page number ("7", "Page 7 of 30",
"- 7 -"), or when it sits in the top or bottom band of the page and repeats there, digits aside, on at least
half of the pages (two pages for short documents); and only when furniture and blanks alone separate it from
the top or the bottom of the page.
"""

from __future__ import annotations

import re
from collections import Counter

from tenderlens.model import Document, Line, Page

BAND = 0.12
EDGE_LINES = 4
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,4}\s*\|\s*page$",
    re.IGNORECASE,
)


def furniture_lines(doc: Document) -> set[tuple[int, int]]:
    """``(page number, line index)`` of every furniture line of a PDF (none for DOCX and text files)."""
    if doc.format != "pdf":
        return set()
    found: set[tuple[int, int]] = set()
    keys: dict[tuple[int, int], str] = {}
    for page in doc.pages:
        for index, line, in_band in _edge_lines(page):
            key = re.sub(r"\d+", "#", " ".join(line.text.split())).lower()
            if _PAGE_NUMBER.match(key.replace("#", "1")):
                found.add((page.number, index))
            elif in_band:
                keys[(page.number, index)] = key
    pages_per_key = Counter(key for _, key in {(number, key) for (number, _), key in keys.items()})
    # Two pages suffice for a short document: a body line rarely repeats in the same margin band.
    threshold = max(2, len(doc.pages) / 2)
    found |= {place for place, key in keys.items() if pages_per_key[key] >= threshold}
    return {place for page in doc.pages for place in _outer_runs(page, found)}


def _outer_runs(page: Page, candidates: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The candidates that open or close the page with nothing but blanks and other furniture beside them.

    A number alone on a line in mid-page (a court filing's line numbers, a table cell) is not furniture:
    leaving it out would put a hole in the middle of a quoted sentence."""
    kept: list[tuple[int, int]] = []
    for order in (range(len(page.lines)), range(len(page.lines) - 1, -1, -1)):
        for index in order:
            if (page.number, index) in candidates:
                kept.append((page.number, index))
            elif page.lines[index].text.strip():
                break
    return kept


def _edge_lines(page: Page) -> list[tuple[int, Line, bool]]:
    """The first and last few non-blank lines of a page, with whether each lies in the top or bottom band
    (always true when the page has no geometry)."""
    indexed = [(i, line) for i, line in enumerate(page.lines) if line.text.strip()]
    chosen = indexed[:EDGE_LINES] + indexed[-EDGE_LINES:] if len(indexed) > 2 * EDGE_LINES else indexed
    result = []
    for index, line in chosen:
        in_band = True
        if line.bbox is not None and page.height > 0:
            top, bottom = line.bbox[1] / page.height, line.bbox[3] / page.height
            in_band = top <= BAND or bottom >= 1 - BAND
        result.append((index, line, in_band))
    return result
