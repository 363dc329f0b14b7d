"""Redaction stage, hidden text: earlier revisions. An incremental save appends the changes to the end of the
file and keeps everything before them, so text deleted in a later revision ("redacted" by editing it out) is
still in the file: any tool that cuts the file at the earlier end-of-file marker shows it again.

Each revision ends with ``startxref <offset> %%EOF``; the file up to that marker is the revision, and pdfium
opens it like any PDF. A linearised file also has a first-page marker (offset 0), which is not a revision.
Text present in an earlier revision's page and absent from the final page is reported; a revision that only
adds (a signature, a stamp, a filled form) removes nothing and reports nothing.
"""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium

from tenderlens.model import Leak
from tenderlens.redaction.hidden.visible import MAX_TEXT, tokens
from tenderlens.redaction.leaks import is_meaningful, make_leak

_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
MAX_REVISIONS = 50
"""Only the latest revisions are compared: a file saved thousands of times is not read thousands of times."""


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets where each revision ends (the last is the whole file's), linearisation markers left out."""
    return [m.end() for m in _END.finditer(data) if int(m.group(1)) > 0]


def removed_text(data: bytes) -> tuple[list[Leak], list[str]]:
    """Text of earlier revisions that the final revision no longer has, one leak per removed run, named after
    the latest revision that still holds it; plus warnings for revisions pdfium could not open."""
    ends = revision_ends(data)
    if len(ends) < 2:
        return [], []
    final, warning = _page_words(data)
    if final is None:
        return [], [f"Earlier revisions not checked: {warning}"]
    everything = Counter(w.lower() for page in final for w in page)
    found: dict[tuple[int, str], Leak] = {}
    warnings: list[str] = []
    total = len(ends)
    for number, end in list(enumerate(ends[:-1], start=1))[-MAX_REVISIONS:]:
        earlier, warning = _page_words(data[:end])
        if earlier is None:
            warnings.append(f"Revision {number} of {total} could not be read: {warning}")
            continue
        for page_number, page in enumerate(earlier, start=1):
            same_layout = len(earlier) == len(final)
            kept = Counter(w.lower() for w in final[page_number - 1]) if same_layout else everything
            for run in _missing_runs(page, kept):
                where = f"revision {number} of {total} (the file's first {end:,} bytes), page {page_number}"
                text = run if len(run) <= MAX_TEXT else run[:MAX_TEXT] + " …"
                found[(page_number, run)] = make_leak("earlier_revision", page_number, text, where=where)
    return list(found.values()), warnings


def _missing_runs(page: list[str], kept: Counter[str]) -> list[str]:
    """Runs of consecutive words of ``page`` that ``kept`` (lower-cased) cannot account for, in reading
    order."""
    kept = Counter(kept)
    runs: list[list[str]] = [[]]
    for word in page:
        if kept[word.lower()] > 0:
            kept[word.lower()] -= 1
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(word)
    return [text for text in (" ".join(run) for run in runs) if is_meaningful(text)]


def _page_words(data: bytes) -> tuple[list[list[str]] | None, str]:
    """Each page's words as written, or ``None`` and the reason when pdfium cannot open ``data``."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        return None, str(err)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(tokens(textpage.get_text_range()))
            textpage.close()
            page.close()
        return pages, ""
    except pdfium.PdfiumError as err:
        return None, str(err)
    finally:
        pdf.close()
