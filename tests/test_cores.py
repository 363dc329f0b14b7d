"""One document on every core: ``cores.split_map`` and the clauses stage it splits give what one process gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

import pdf_builders
import redaction_builders
from tenderlens import cores

pytestmark = pytest.mark.skipif(os.cpu_count() == 1, reason="needs two cores to split")


def _pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


def _fresh_python(code: str, *args: str, **env: str) -> str:
    """Run ``code`` in a new interpreter: split_map stays serial in a process where other threads run, and this
    test process may hold some (Dask's offload and IO loop threads outlive the Dask tests)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    return done.stdout


_SPLIT = """
import json, os
from tenderlens import cores
cores.MIN_CHUNK = 10
print(json.dumps([os.getpid(), cores.split_map(lambda xs: [(x * x, os.getpid()) for x in xs], list(range(45)))]))
"""


def test_split_map_keeps_order_and_runs_chunks_in_other_processes() -> None:
    parent, results = json.loads(_fresh_python(_SPLIT, **{cores.CORES_ENV: "2"}))
    assert [square for square, _ in results] == [i * i for i in range(45)]
    assert {pid for _, pid in results[:23]} == {parent}
    assert {pid for _, pid in results[23:]} - {parent}, "the second chunk ran in the parent"


@pytest.mark.parametrize("why", ["one core", "short list", "threads running"])
def test_split_map_stays_in_this_process(why: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cores.CORES_ENV, "1" if why == "one core" else "2")
    monkeypatch.setattr(cores, "MIN_CHUNK", 100 if why == "short list" else 10)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    if why == "threads running":
        worker.start()
    try:
        results = cores.split_map(_pids, list(range(45)))
    finally:
        stop.set()
    assert {pid for _, pid in results} == {os.getpid()}


_COUNT_FORKS = """
import json, sys
from pathlib import Path
from tenderlens import cores

forks = []
class Counted(cores.ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        forks.append(1)
        super().__init__(*args, **kwargs)

cores.ProcessPoolExecutor = Counted
"""

_SCAN = (
    _COUNT_FORKS
    + """
import tenderlens
from tenderlens.report import render

cores.MIN_CHUNK = 3
print(render(tenderlens.audit(Path(sys.argv[1]), engine=sys.argv[2], redaction=False), "json"))
print(len(forks))
"""
)


@pytest.mark.parametrize("engine", ["classic", "transformer"])
def test_a_scan_split_over_cores_reports_what_one_core_reports(engine: str, clauses_pdf: Path) -> None:
    def scan(cores_wanted: str) -> tuple[str, int]:
        *report, forks = _fresh_python(_SCAN, str(clauses_pdf), engine, **{cores.CORES_ENV: cores_wanted}).splitlines()
        return "\n".join(report), int(forks)

    (one, serial), (two, split) = scan("1"), scan("2")
    assert (serial, split) == (0, 1)
    assert two == one


_READ = (
    _COUNT_FORKS
    + """
from tenderlens.ingest import pdf
from tenderlens.options import AuditOptions

pdf.MIN_PAGES_PER_CORE = 2
pages = pdf.read_pdf(Path(sys.argv[1]), AuditOptions()).pages
words = [[[w.text, w.bbox] for line in p.lines for w in line.words] for p in pages]
print(json.dumps([[p.number, p.text_source, page_words] for p, page_words in zip(pages, words)]))
print(len(forks))
"""
)


def _same_on_one_core_and_two(code: str, path: Path) -> list[list[object]]:
    """The pages ``code`` prints for ``path``, checked equal on one core and on two, with one fork for two cores."""

    def run(cores_wanted: str) -> tuple[list[list[object]], int]:
        pages, forks = _fresh_python(code, str(path), **{cores.CORES_ENV: cores_wanted}).splitlines()
        return json.loads(pages), int(forks)

    (one, serial), (two, split) = run("1"), run("2")
    assert (serial, split) == (0, 1)
    assert two == one
    return two


def test_text_layers_read_on_every_core_give_the_pages_one_core_reads(tmp_path: Path, mixed_pdf: Path) -> None:
    """Layer pages come back from another process as they would be read here; the scanned page is OCRed here."""
    pack = pdf_builders.join_pdfs(tmp_path / "pack.pdf", pdf_builders.build_table_pdf(tmp_path / "t.pdf"), mixed_pdf)

    two = _same_on_one_core_and_two(_READ, pack)
    assert [source for _, source, _ in two] == ["layer", "layer", "ocr", "layer"]
    assert all(words for _, _, words in two)


_RAISE = """
from tenderlens import cores
from tenderlens.exceptions import InputFileError

def job(items):
    if 3 in items:
        raise InputFileError("x.pdf: page 4 is damaged.")
    return list(items)

cores.MIN_CHUNK = 2
try:
    cores.split_map(job, list(range(4)))
except InputFileError as err:
    print(err)
"""


def test_issue13_an_error_raised_in_another_process_keeps_its_message() -> None:
    """A TenderLens error crosses processes by pickle: rebuilt from its args, its message was said twice."""
    said = _fresh_python(_RAISE, **{cores.CORES_ENV: "2"}).strip()
    assert said == "Cannot read this document. x.pdf: page 4 is damaged."


_REDACT = (
    _COUNT_FORKS
    + """
from tenderlens.redaction import pdf

pdf.MIN_PAGES_PER_CORE = 2
pages = pdf.analyse_pdf(sys.argv[1], 12)
print(json.dumps([[p.number, [[b.kind, b.bbox] for b in p.boxes], [[k.kind, k.text] for k in p.leaks]] for p in pages]))
print(len(forks))
"""
)


def test_redaction_on_every_core_finds_what_one_core_finds(tmp_path: Path) -> None:
    """The redaction stage's page pass returns from other processes the boxes and leaks one process finds."""
    pack = redaction_builders.build_benchmark_pdf(tmp_path / "redacted.pdf", pages=12)

    two = _same_on_one_core_and_two(_REDACT, pack)
    assert sum(len(boxes) for _, boxes, _ in two) == 5  # pages 1, 6, 11 and 1, 8 of build_benchmark_pdf
    assert any(leaks for _, _, leaks in two)
