"""Builders for the web tests: a short text tender, a real PNG (the classic wrong type), an empty file,
a truncated and a locked PDF, and a hand-made multipart body for uploads sent without a Content-Length."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image

import pdf_builders

TEXT_TENDER = """Invitation to Tender: Housing Repairs Scheduling System

1. Specification
1.1 The Supplier shall provide a system that uses an algorithm to prioritise repair requests from tenants.
1.2 The Supplier shall explain each automated priority decision to the affected tenant in plain English on
request within ten Working Days.

2. Data
2.1 All Council Data, and all data derived from it, remains the property of the Council.
2.2 The Supplier shall return all Council Data in an open machine-readable format on expiry.

3. Freedom of Information
3.1 The Supplier acknowledges that the Council is subject to the Freedom of Information Act 2000.
"""


def build_text_tender(path: Path) -> Path:
    path.write_text(TEXT_TENDER, encoding="utf-8")
    return path


def build_png(path: Path) -> Path:
    """A genuine PNG image, whatever name the caller gives it."""
    Image.new("RGB", (40, 20), (200, 30, 30)).save(path, format="PNG")
    return path


def build_empty(folder: Path) -> Path:
    """``empty.pdf``: zero bytes."""
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def build_cut_pdf(folder: Path) -> Path:
    """``cut.pdf``: the first third of a real PDF; the header is right, the cross-reference table is gone."""
    data = pdf_builders.build_clauses_pdf(folder / "full.pdf").read_bytes()
    path = folder / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    return path


def build_locked_pdf(folder: Path) -> Path:
    """``locked.pdf``: a text PDF that needs a user password to open."""
    return pdf_builders.build_pdf_lines(folder / "locked.pdf", [["The Supplier shall comply."]], encrypt="pw")


BOUNDARY = "tenderlens-test-boundary"


def multipart_chunks(filename: str, content: bytes, chunk: int = 16 * 1024) -> Iterator[bytes]:
    """A multipart/form-data body with one ``file`` part, yielded in chunks so that httpx sends it chunked,
    without a Content-Length header (use with ``content-type: multipart/form-data; boundary=BOUNDARY``)."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    body = head + content + f"\r\n--{BOUNDARY}--\r\n".encode()
    for start in range(0, len(body), chunk):
        yield body[start : start + chunk]
