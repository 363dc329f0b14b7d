"""Ingest, first step: decide a file's format from its bytes, never from its extension.

A PNG renamed ``tender.pdf`` or a spreadsheet renamed ``.docx`` must fail here with a clear message rather
than deep inside a backend. Only text files use the extension, to tell Markdown from plain text.
"""

from __future__ import annotations

from pathlib import Path

from tenderlens.exceptions import InputFileError, UnsupportedFormatError
from tenderlens.ingest.zipopen import open_zip
from tenderlens.model import DocumentFormat

HEAD_BYTES = 8192
# The PDF spec lets readers accept junk before the header; Acrobat looks in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024
# DEL and the five bytes Windows-1252 leaves undefined; 0x80-0x9F are otherwise smart quotes and dashes.
_CP1252_HOLES = frozenset(b"\x7f\x81\x8d\x8f\x90\x9d")
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

# Magic numbers of formats people send instead of a document, so the message can say what the file is.
_KNOWN_OTHERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file; save it as .docx or PDF"),
)


def sniff(path: Path) -> DocumentFormat:
    """The format of the file at ``path``: ``pdf``, ``docx``, ``text`` or ``markdown``.

    Raises:
        UnsupportedFormatError: the bytes are not a PDF, a DOCX or text.
        InputFileError: the file is empty.
    """
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise InputFileError(f"{path.name} is empty (0 bytes).")
    # ZIP first: a ZIP whose first member is a stored PDF has "%PDF-" within its first kilobyte (issue 15).
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    for magic, what in _KNOWN_OTHERS:
        if head.startswith(magic):
            raise UnsupportedFormatError(f"{path.name} is {what}.")
    if looks_like_text(head):
        return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"
    raise UnsupportedFormatError(f"{path.name} is binary data of an unknown kind.")


def looks_like_text(head: bytes) -> bool:
    """True when ``head`` decodes as UTF-8, UTF-16 (with a BOM) or Windows-1252/latin-1 with almost no
    control characters (random bytes are about 12% controls)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        # The head may end mid-character; drop at most three trailing bytes of a split UTF-8 sequence.
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3:
            return True
    controls = sum(1 for b in head if (b < 0x20 and b not in b"\t\n\r\f\v") or b in _CP1252_HOLES)
    return controls <= len(head) // 100


def _sniff_zip(path: Path) -> DocumentFormat:
    with open_zip(path) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise UnsupportedFormatError(f"{path.name} is an Excel workbook; export it as PDF.")
    if "content.xml" in names:
        raise UnsupportedFormatError(f"{path.name} is an OpenDocument file; save it as .docx or PDF.")
    raise UnsupportedFormatError(
        f"{path.name} is a ZIP archive, not a Word document; audit it as a tender pack (`tenderlens scan "
        "PACK.zip`, or tenderlens.audit_pack)."
    )
