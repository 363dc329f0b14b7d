"""Batch face, input: command-line INPUTs (files, folders, OCDS data) -> the list of :class:`Job` to audit.

Folders are walked recursively. A file is taken when its extension names a document type, or when its bytes
say PDF or DOCX (downloads often lose their extension); a ``.pdf`` that is really a PNG is still taken, so it
shows up as an error row instead of vanishing. OCDS files (``.json``, ``.jsonl``, ``.ndjson`` given as INPUT)
are expanded into their linked documents, each matched to a file under ``--documents-dir`` or left for
download."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tenderlens.batch.ocds import OCDS_SUFFIXES, OcdsContext, read_ocds
from tenderlens.exceptions import BadArgumentsError, TenderLensError
from tenderlens.ingest.sniff import sniff

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".text", ".md", ".markdown"})


@dataclass(frozen=True)
class Job:
    """One document to audit: ``source`` is its path or URL as found; ``path`` the local file once known."""

    source: str
    path: Path | None
    context: OcdsContext = field(default_factory=OcdsContext)


def collect(inputs: Iterable[Path], documents_dir: Path | None = None) -> list[Job]:
    """The jobs for every INPUT, in a stable order, each source once.

    Raises:
        BadArgumentsError: an INPUT does not exist, or an OCDS file is not OCDS.
        FileAccessError: an OCDS file cannot be read.
    """
    finder = LocalFinder(documents_dir) if documents_dir else None
    jobs: dict[str, Job] = {}
    for item in inputs:
        for job in _expand(Path(item), finder):
            jobs.setdefault(job.source, job)
    return list(jobs.values())


def _expand(item: Path, finder: LocalFinder | None) -> Iterator[Job]:
    if item.is_dir():
        for path in walk(item):
            yield Job(source=str(path), path=path)
    elif item.suffix.lower() in OCDS_SUFFIXES and item.is_file():
        for doc in read_ocds(item):
            local = finder.find(doc.url) if finder else None
            yield Job(source=doc.url, path=local, context=doc.context)
    elif item.exists():
        yield Job(source=str(item), path=item)
    else:
        raise BadArgumentsError(f"{item} does not exist.")


def walk(folder: Path) -> Iterator[Path]:
    """Document files under ``folder``, recursively and sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and _is_document(path):
                yield path


def _is_document(path: Path) -> bool:
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return True
    try:
        return sniff(path) in ("pdf", "docx")
    except (TenderLensError, OSError):
        return False


class LocalFinder:
    """Find the local copy of a document URL under a folder.

    Tries, in order: the mirrored layout ``DIR/host/path`` (what ``wget -x`` writes), ``DIR/path``, then the
    file name anywhere under ``DIR`` (percent-decoded: ``autorizaci%c3%b3n.pdf`` finds ``autorización.pdf``),
    and last a file whose stem is the URL's last segment (``/contracts/ocds-1`` finds ``ocds-1.pdf``). When
    several files share a name, the one whose folders match more of the URL path wins.
    """

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise BadArgumentsError(f"--documents-dir {root} is not a folder.")
        self.root = root
        self._by_name: dict[str, list[Path]] | None = None
        self._by_stem: dict[str, list[Path]] = {}

    def find(self, url: str) -> Path | None:
        parts = urlsplit(url)
        segments = [unquote(s) for s in parts.path.split("/") if s not in ("", ".", "..")]
        if not segments:
            return None
        for candidate in (self.root / parts.netloc / Path(*segments), self.root / Path(*segments)):
            if candidate.is_file():
                return candidate
        index = self._index()
        name = segments[-1]
        matches = index.get(name) or index.get(name.lower()) or self._by_stem.get(name.lower())
        if not matches:
            return None
        return max(matches, key=lambda p: _shared_tail(p.relative_to(self.root).parts, segments))

    def _index(self) -> dict[str, list[Path]]:
        if self._by_name is None:
            self._by_name = {}
            for path in walk(self.root):
                for key in {path.name, path.name.lower()}:
                    self._by_name.setdefault(key, []).append(path)
                self._by_stem.setdefault(path.stem.lower(), []).append(path)
        return self._by_name


def _shared_tail(local: tuple[str, ...], remote: list[str]) -> int:
    count = 0
    for a, b in zip(reversed(local), reversed(remote), strict=False):
        if a != b:
            break
        count += 1
    return count
