"""Web face, upload: stream a multipart request body straight into a private folder, enforcing the size limit
as the bytes arrive (a Content-Length header can be absent or lie)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import BinaryIO

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import ClientDisconnect, Request

from tenderlens.exceptions import BadArgumentsError, ResourceLimitError

FILE_FIELD = "file"
# Room for the multipart boundaries, part headers and the small text fields around the file.
ENVELOPE_BYTES = 64 * 1024
_FIELD_BYTES = 4096
# A few text fields (the token) and up to 100 files of a tender pack; a larger pack can come as one ZIP.
_MAX_PARTS = 108
_UNSAFE = re.compile(r"[^\w.\-() ]+")


@dataclass(frozen=True)
class Upload:
    """The received document: where it was written, the (sanitised) name the user gave it, and its size."""

    path: Path
    filename: str
    size: int


def safe_filename(raw: str) -> str:
    """A name that is safe to create inside the private folder and to show back to the user.

    Keeps the extension, because ingest tells Markdown from plain text by it. Old browsers send the full
    client path (``C:\\Users\\...``), so only the last component is kept.
    """
    name = _UNSAFE.sub("_", PureWindowsPath(raw.replace("/", "\\")).name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem, suffix = stem[:100].strip(" ."), suffix[:12]
    return f"{stem or 'upload'}.{suffix}" if suffix else stem or "upload"


class _Receiver:
    """python-multipart callbacks that write the ``file`` part to disk and keep the small text fields."""

    def __init__(self, folder: Path, max_bytes: int, before_file: Callable[[Mapping[str, str]], None] | None) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.before_file = before_file
        self.fields: dict[str, str] = {}
        self.uploads: list[Upload] = []
        self._parts = 0
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._name = ""
        self._filename: str | None = None
        self._value = bytearray()
        self._out: BinaryIO | None = None
        self._size = 0

    def on_part_begin(self) -> None:
        self._parts += 1
        if self._parts > _MAX_PARTS:
            raise BadArgumentsError(f"Too many form fields; send only `{FILE_FIELD}`.")
        self._disposition, self._name, self._filename = b"", "", None
        self._value.clear()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name, self._header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = options.get(b"filename")
        # A browser sends an empty, nameless file part when no file was chosen.
        if self._name != FILE_FIELD or not raw_filename:
            return
        # Checked here, before a byte of the document is stored: fields that precede the file (the page's
        # token field) are known, and an unauthorised client cannot make the server write anything.
        if self.before_file is not None and not self.uploads:
            self.before_file(self.fields)
        # Several files make a tender pack; two with the same name get " (2)" rather than overwrite each other.
        self._filename = _unused(self.folder, safe_filename(raw_filename.decode("utf-8", "replace")))
        path = self.folder / self._filename
        self._out = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None:
            self._size += end - start
            if self._size > self.max_bytes:
                raise ResourceLimitError(f"The upload is larger than {describe_bytes(self.max_bytes)}.")
            self._out.write(data[start:end])
        elif len(self._value) + end - start <= _FIELD_BYTES:
            self._value += data[start:end]
        else:
            raise BadArgumentsError(f"The form field {self._name!r} is too long.")

    def on_part_end(self) -> None:
        if self._out is not None and self._filename is not None:
            self._out.close()
            self._out = None
            size = self._size - sum(u.size for u in self.uploads)
            self.uploads.append(Upload(self.folder / self._filename, self._filename, size))
        elif self._name:
            self.fields[self._name] = self._value.decode("utf-8", "replace")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


async def receive_upload(
    request: Request,
    folder: Path,
    max_bytes: int,
    before_file: Callable[[Mapping[str, str]], None] | None = None,
) -> list[Upload]:
    """Write the files sent in the multipart field ``file`` of ``request`` into ``folder`` (which the caller
    owns and removes). Several files, or one ZIP, are a tender pack.

    Args:
        request: a ``multipart/form-data`` request.
        folder: an existing private folder.
        max_bytes: the most bytes accepted, all files together.
        before_file: called with the text fields received so far just before the document is written; raise
            from it to refuse the upload (for example when the token is wrong).

    Raises:
        ResourceLimitError: the document (or the declared Content-Length) is over ``max_bytes``.
        BadArgumentsError: not multipart, malformed, or no file in the field ``file``.
    """
    content_type, params = parse_options_header(request.headers.get("content-type"))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise BadArgumentsError(f"Send the document as multipart/form-data in the field `{FILE_FIELD}`.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + ENVELOPE_BYTES:
        raise ResourceLimitError(f"The upload is larger than {describe_bytes(max_bytes)}.")
    receiver = _Receiver(folder, max_bytes, before_file)
    parser = MultipartParser(
        params[b"boundary"],
        {
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes + ENVELOPE_BYTES:
                raise ResourceLimitError(f"The upload is larger than {describe_bytes(max_bytes)}.")
            parser.write(chunk)
        parser.finalize()
    except FormParserError as err:
        raise BadArgumentsError("The upload was cut short or is not valid multipart/form-data.") from err
    except ClientDisconnect as err:
        raise BadArgumentsError("The upload stopped before it finished.") from err
    finally:
        receiver.close()
    if not receiver.uploads:
        raise BadArgumentsError(f"No document received: choose a file for the field `{FILE_FIELD}`.")
    return receiver.uploads


def _unused(folder: Path, name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    return candidate


def describe_bytes(size: int) -> str:
    """``52428800`` -> ``"50 MB"``, ``1536`` -> ``"1.5 KB"`` (binary units, as the limits are set)."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} bytes"
