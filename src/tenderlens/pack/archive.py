"""Pack stage, input: a ZIP tender pack -> its documents, extracted into a private temporary folder.

Archives come from strangers, so every member is distrusted. Members are written under generated names
(``0001.pdf``), never under their own, so no name can reach outside the folder; names that try (``../``,
absolute, ``C:``, backslashes) are still refused and listed. The whole archive is refused (``ArchiveLimitError``)
for the bombs: too many entries, too many bytes declared or actually written, or entries that overlap (one
compressed kernel referenced many times, see https://www.bamsoftware.com/hacks/zipbomb/). Single members that
cannot be read (encrypted, unsupported compression, corrupt, symbolic links, nested archives) are listed as
skipped with the reason and the rest is read. The folder (mode 0700) is removed when the ``with`` block ends.
"""

from __future__ import annotations

import itertools
import lzma
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tenderlens.exceptions import ArchiveLimitError, InputFileError
from tenderlens.ingest.zipopen import display_name, open_zip
from tenderlens.model import SkippedFile

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
FOLDER_PREFIX = "tenderlens-pack-"
_CHUNK = 1 << 20
_LOCAL_HEADER = 30
_ENCRYPTED = 0x1
# Office and OpenDocument files are ZIPs too; these entries make a ZIP a document rather than a pack.
_DOCUMENT_MARKERS = frozenset({"[Content_Types].xml", "mimetype"})
_OS_METADATA = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_OTHER_ARCHIVES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"PK\x03\x04", "ZIP"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (0, b"Rar!\x1a\x07", "RAR"),
    (257, b"ustar", "tar"),
)
OS_METADATA_REASON = "operating-system metadata (macOS or Windows), not a document."
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


@dataclass(frozen=True)
class PackLimits:
    """Limits on a pack as a whole (each document also has ``AuditOptions.max_pages`` and ``max_bytes``)."""

    max_files: int = 500
    max_total_bytes: int = 1 << 30


@dataclass(frozen=True)
class PackMember:
    """A document to audit: ``name`` as the pack names it (for reports), ``path`` where it can be read."""

    name: str
    path: Path


def is_archive(path: Path) -> bool:
    """True for a ZIP that is a pack rather than one document (a DOCX, XLSX or ODT is a ZIP too).

    A ZIP is recognised by its first bytes before anything else: a stored PDF as its first member puts
    ``%PDF-`` inside the first kilobyte, and a PDF check that ran first took the pack for that PDF (issue 15)."""
    with path.open("rb") as handle:
        if not handle.read(4).startswith(ZIP_MAGIC):
            return False
    try:
        with open_zip(path) as archive:
            return not _DOCUMENT_MARKERS & set(archive.namelist())
    except InputFileError:
        return True  # a damaged pack is still a pack: extract_archive says what is wrong with it


@contextmanager
def extract_archive(
    path: Path, limits: PackLimits | None = None, work_dir: Path | None = None
) -> Iterator[tuple[list[PackMember], list[SkippedFile]]]:
    """Extract the documents of the ZIP at ``path``; yields them and the members skipped, with reasons.

    Raises:
        InputFileError: not a ZIP, damaged or truncated.
        ArchiveLimitError: over ``limits`` (entries, bytes) or overlapping entries (a ZIP bomb).
    """
    limits = limits or PackLimits()
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=work_dir))
    try:
        with open_zip(path) as archive:
            infos = archive.infolist()
            _check_bomb(path.name, infos, limits)
            members: list[PackMember] = []
            skipped: list[SkippedFile] = []
            written = 0
            for index, info in enumerate(infos, start=1):
                if info.is_dir():
                    continue
                name = display_name(info).replace("\\", "/")
                refusal = _refusal(name, info)
                if refusal:
                    skipped.append(SkippedFile(name, refusal))
                    continue
                target = folder / f"{index:04d}{_suffix(name)}"
                outcome = _extract(archive, info, target, limits.max_total_bytes - written, path.name)
                if isinstance(outcome, str):
                    skipped.append(SkippedFile(name, outcome))
                    continue
                written += outcome
                nested = _archive_kind(target)
                if nested:
                    target.unlink()
                    skipped.append(SkippedFile(name, f"a nested {nested} archive; extract it and add its files."))
                    continue
                members.append(PackMember(name, target))
        yield members, skipped
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_bomb(label: str, infos: list[zipfile.ZipInfo], limits: PackLimits) -> None:
    if len(infos) > limits.max_files:
        raise ArchiveLimitError(f"{label} has {len(infos):,} entries; the limit is {limits.max_files:,}.")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise ArchiveLimitError(
            f"{label} would extract to {declared:,} bytes; the limit is {limits.max_total_bytes:,}."
        )
    # An entry's data starts after its local header and runs for compress_size bytes; the next entry cannot
    # start before that ends. The name and extra field lengths are left out, so this never flags a normal ZIP.
    ordered = sorted(infos, key=lambda info: info.header_offset)
    for first, second in itertools.pairwise(ordered):
        if second.header_offset < first.header_offset + _LOCAL_HEADER + first.compress_size:
            raise ArchiveLimitError(f"{label} has overlapping entries (a ZIP bomb); it was not extracted.")


def os_metadata(name: str) -> bool:
    """True for the files macOS and Windows add beside documents (``__MACOSX/``, ``._*``, ``.DS_Store``)."""
    parts = PurePosixPath(name).parts
    base = parts[-1] if parts else ""
    return "__MACOSX" in parts or base.startswith("._") or base.lower() in _OS_METADATA


def _refusal(name: str, info: zipfile.ZipInfo) -> str | None:
    """Why a member is not extracted at all, or ``None``."""
    parts = PurePosixPath(name).parts
    if os_metadata(name):
        return OS_METADATA_REASON
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        return "unsafe path (absolute, or outside the archive); not extracted."
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link; links are not followed."
    if info.flag_bits & _ENCRYPTED:
        return "encrypted (password-protected); remove the password and add the file again."
    return None


def _suffix(name: str) -> str:
    # Kept because ingest tells Markdown from plain text by it; anything odd is dropped.
    suffix = PurePosixPath(name).suffix
    return suffix.lower() if _SAFE_SUFFIX.match(suffix) else ""


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int, label: str) -> int | str:
    """Bytes written to ``target``, or why the member could not be read (``target`` is then removed)."""
    written = 0
    try:
        with (
            archive.open(info) as source,
            os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out,
        ):
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > budget:
                    raise ArchiveLimitError(f"{label} extracts to more bytes than its limit allows.")
                out.write(chunk)
    except NotImplementedError as err:
        target.unlink(missing_ok=True)
        return f"compressed with a method TenderLens cannot read ({err})."
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as err:
        target.unlink(missing_ok=True)
        return f"corrupt member ({err})."
    except ArchiveLimitError:
        target.unlink(missing_ok=True)
        raise
    return written


def _archive_kind(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(512)
    for offset, magic, kind in _OTHER_ARCHIVES:
        if head[offset : offset + len(magic)] == magic:
            return kind if kind != "ZIP" or is_archive(path) else None
    return None
