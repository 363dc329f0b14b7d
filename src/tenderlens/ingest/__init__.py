"""Ingest stage: a file on disk -> a :class:`~tenderlens.model.Document` of Pages, Lines and Words.

``read_document`` checks access and limits before any work, decides the format from the bytes (``sniff``),
and hands over to the reader for that format: ``pdf`` (pypdfium2, with ``tables`` and ``ocr``), ``docx``
(python-docx) or ``text``. Backend errors become TenderLens errors here and nowhere else.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tenderlens.exceptions import EmptyDocumentError, FileAccessError, ResourceLimitError
from tenderlens.ingest.pdf import read_pdf
from tenderlens.ingest.sniff import sniff
from tenderlens.ingest.text import read_text
from tenderlens.model import Document
from tenderlens.options import AuditOptions

__all__ = ["file_sha256", "read_document"]

_CHUNK = 1 << 20


def read_document(path: Path, options: AuditOptions | None = None, *, sha256: str | None = None) -> Document:
    """Read a PDF, DOCX, text or Markdown file.

    Reads: the file. Adds: pages with lines (and words with boxes for PDFs), ``text_source`` per page
    (``layer``, ``ocr``, ``docx``, ``text`` or ``none``), DOCX redaction marks, metadata and warnings.

    Args:
        path: the file; its format is decided from its bytes, not its extension.
        options: ``ocr``, ``ocr_language``, ``max_pages`` and ``max_bytes`` are used.
        sha256: the file's :func:`file_sha256` when the caller has it already (the batch runner hashes each
            file before dispatch); it is then not read a second time to hash it.

    Raises:
        FileAccessError: missing, a directory or unreadable.
        ResourceLimitError: over ``max_bytes`` or ``max_pages`` (checked before extraction).
        UnsupportedFormatError: not a PDF, DOCX or text file.
        InputFileError: corrupt or truncated; EncryptedPdfError: password-protected;
        EmptyDocumentError: no pages or no text on any page.
        MissingDependencyError: a page needs OCR and Tesseract is absent.
    """
    options = options or AuditOptions()
    path = Path(path)
    size = _check_access(path)
    if size > options.max_bytes:
        raise ResourceLimitError(f"{path.name} is {size:,} bytes; the limit is {options.max_bytes:,}.")
    try:
        fmt = sniff(path)
        digest = sha256 or file_sha256(path)
        if fmt == "pdf":
            content = read_pdf(path, options)
            pages, metadata, warnings = content.pages, content.metadata, content.warnings
        elif fmt == "docx":
            from tenderlens.ingest.docx import read_docx  # python-docx and lxml load only for DOCX files

            pages, metadata = read_docx(path, options)
            warnings = ()
        else:
            pages, metadata, warnings = read_text(path, fmt, options), {}, ()
    except PermissionError as err:
        raise FileAccessError(f"{path}: permission denied.") from err
    except OSError as err:
        raise FileAccessError(f"{path}: {err.strerror or err}.") from err
    if not any(line.text.strip() for page in pages for line in page.lines):
        hint = " It looks scanned and OCR is off (--ocr never)." if options.ocr == "never" and fmt == "pdf" else ""
        raise EmptyDocumentError(f"{path.name} has {len(pages)} page(s) and no text.{hint}")
    return Document(path=str(path), sha256=digest, format=fmt, pages=pages, metadata=metadata, warnings=warnings)


def _check_access(path: Path) -> int:
    """The file's size in bytes, after checking it exists, is a file and can be opened."""
    try:
        if not path.exists():
            raise FileAccessError(f"{path}: no such file.")
        if path.is_dir():
            raise FileAccessError(f"{path} is a directory, not a document.")
        with path.open("rb"):
            pass
        return path.stat().st_size
    except PermissionError as err:
        raise FileAccessError(f"{path}: permission denied.") from err
    except OSError as err:
        raise FileAccessError(f"{path}: {err.strerror or err}.") from err


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, hex: ``Document.sha256``, and the batch store's key.

    Raises:
        OSError: the file cannot be read.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
