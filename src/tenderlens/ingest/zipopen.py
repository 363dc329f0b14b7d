"""Ingest, ZIP containers (DOCX and tender packs): open a ZIP whatever its member names hold.

Python's ``zipfile`` decodes every name when it opens the archive, so one name flagged UTF-8 (general-purpose
bit 11) but holding other bytes raises ``UnicodeDecodeError`` for the whole file (issue 15: a Windows tool wrote
cp1252 bytes and set the flag; TenderLens stopped with exit 15). :func:`open_zip` reads the central directory
itself, and for such a name only clears the flag in what ``zipfile`` reads, so the name decodes as cp437 (every
byte maps to a character) and the member is read like any other. The file on disk is never changed.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from tenderlens.exceptions import InputFileError

UTF8_FLAG = 0x800
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_LOCAL_FLAG_OFFSET = 6
_CENTRAL_FLAG_OFFSET = 8
# The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
_TAIL = _EOCD.size + 0xFFFF


def open_zip(path: Path) -> zipfile.ZipFile:
    """``path`` opened as a ZIP, tolerating member names flagged UTF-8 that are not (see the module text).

    Raises:
        InputFileError: not a ZIP, damaged or truncated.
    """
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputFileError(f"{path.name}: {err.strerror or err}.") from err
    try:
        patches = _flag_patches(handle)
        return zipfile.ZipFile(_PatchedReader(handle, patches) if patches else handle)
    except (zipfile.BadZipFile, OSError, struct.error, EOFError, ValueError) as err:
        handle.close()
        raise InputFileError(f"{path.name} is a damaged or truncated ZIP file ({err}).") from err


def display_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author meant it: UTF-8 when the bytes are UTF-8 (flagged or not; many Windows and
    macOS tools forget the flag), else cp437, the code page of old DOS and Windows zips (also used for a name
    wrongly flagged UTF-8, since its real code page is unknown and cp437 keeps every byte)."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    return raw.decode("utf-8") if _is_utf8(raw) else info.filename


def _flag_patches(handle: BinaryIO) -> dict[int, int]:
    """Byte offset -> replacement byte that clears bit 11 for every member whose flagged name is not UTF-8."""
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(max(0, size - _TAIL))
    tail = handle.read()
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or at + _EOCD.size > len(tail):
        return {}  # not our business: zipfile reports the damage (or finds a ZIP64 record) itself
    _, _, _, _, count, cd_size, cd_offset, _ = _EOCD.unpack_from(tail, at)
    eocd_offset = size - len(tail) + at
    # Bytes prepended to the archive (a self-extractor stub) shift every recorded offset by the same amount.
    shift = eocd_offset - cd_size - cd_offset
    if shift < 0 or count == 0xFFFF or cd_offset == 0xFFFFFFFF:
        return {}
    handle.seek(cd_offset + shift)
    directory = handle.read(cd_size)
    patches: dict[int, int] = {}
    pos = 0
    while pos + _CENTRAL.size <= len(directory) and directory[pos : pos + 4] == _CENTRAL_SIGNATURE:
        fields = _CENTRAL.unpack_from(directory, pos)
        flags, name_len, extra_len, comment_len, local_offset = (
            fields[5],
            fields[12],
            fields[13],
            fields[14],
            fields[18],
        )
        name = directory[pos + _CENTRAL.size : pos + _CENTRAL.size + name_len]
        if flags & UTF8_FLAG and not _is_utf8(name):
            cleared = (flags & ~UTF8_FLAG) >> 8
            patches[cd_offset + shift + pos + _CENTRAL_FLAG_OFFSET + 1] = cleared
            patches[local_offset + shift + _LOCAL_FLAG_OFFSET + 1] = cleared
        pos += _CENTRAL.size + name_len + extra_len + comment_len
    return patches


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _PatchedReader(io.RawIOBase):
    """A read-only view of ``handle`` with a few single bytes replaced (the flags :func:`_flag_patches` chose)."""

    def __init__(self, handle: BinaryIO, patches: dict[int, int]) -> None:
        super().__init__()
        self._handle = handle
        self._patches = patches

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._handle.seek(offset, whence)

    def tell(self) -> int:
        return self._handle.tell()

    def read(self, size: int | None = -1) -> bytes:
        start = self._handle.tell()
        data = self._handle.read(-1 if size is None else size)
        hits = [offset for offset in self._patches if start <= offset < start + len(data)]
        if not hits:
            return data
        patched = bytearray(data)
        for offset in hits:
            patched[offset - start] = self._patches[offset]
        return bytes(patched)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._handle.close()
        super().close()
