"""Pack stage, input: what the user gave (a folder, a ZIP, or several files) -> the pack's documents.

Folders are walked recursively in name order; a ZIP given directly is extracted (``archive``); an archive
found inside a folder is listed as skipped rather than opened, as inside a ZIP. Symbolic links are not
followed. The file-count and total-size limits of :class:`PackLimits` hold for the pack as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tenderlens.exceptions import ArchiveLimitError, FileAccessError
from tenderlens.model import SkippedFile
from tenderlens.pack.archive import OS_METADATA_REASON, PackLimits, PackMember, extract_archive, is_archive, os_metadata


@contextmanager
def gather(
    paths: Sequence[Path], limits: PackLimits | None = None, work_dir: Path | None = None
) -> Iterator[tuple[list[PackMember], list[SkippedFile]]]:
    """The documents of the pack given as ``paths``, and what was skipped; extracted files are removed on exit.

    Raises:
        FileAccessError: a path does not exist.
        InputFileError: a ZIP is damaged; ArchiveLimitError: over ``limits`` or a ZIP bomb.
    """
    limits = limits or PackLimits()
    members: list[PackMember] = []
    skipped: list[SkippedFile] = []
    with ExitStack() as stack:
        for path in paths:
            if not path.exists():
                raise FileAccessError(f"{path}: no such file or folder.")
            if path.is_dir():
                _walk(path, members, skipped)
            elif is_archive(path):
                found, passed = stack.enter_context(extract_archive(path, limits, work_dir))
                prefix = f"{path.name}/" if len(paths) > 1 else ""
                members += [PackMember(prefix + m.name, m.path) for m in found]
                skipped += [SkippedFile(prefix + s.path, s.reason, s.error) for s in passed]
            else:
                members.append(PackMember(path.name, path))
        _check_limits(members, limits)
        yield members, skipped


def _walk(folder: Path, members: list[PackMember], skipped: list[SkippedFile]) -> None:
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            skipped.append(SkippedFile(name, "a symbolic link; links are not followed."))
        elif path.is_dir():
            continue
        elif os_metadata(name):
            skipped.append(SkippedFile(name, OS_METADATA_REASON))
        elif is_archive(path):
            skipped.append(SkippedFile(name, "an archive inside the pack; extract it and add its files."))
        else:
            members.append(PackMember(name, path))


def _check_limits(members: list[PackMember], limits: PackLimits) -> None:
    if len(members) > limits.max_files:
        raise ArchiveLimitError(f"The pack has {len(members):,} files; the limit is {limits.max_files:,}.")
    total = sum(m.path.stat().st_size for m in members)
    if total > limits.max_total_bytes:
        raise ArchiveLimitError(f"The pack holds {total:,} bytes; the limit is {limits.max_total_bytes:,}.")
