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


_SCAN = """
import sys
from pathlib import Path
import tenderlens
from tenderlens import cores
from tenderlens.report import render

forks = []
class Counted(cores.ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        forks.append(1)
        super().__init__(*args, **kwargs)

cores.ProcessPoolExecutor, cores.MIN_CHUNK = Counted, 3
print(render(tenderlens.audit(Path(sys.argv[1]), engine=sys.argv[2], redaction=False), "json"))
print(len(forks))
"""


@pytest.mark.parametrize("engine", ["classic", "transformer"])
def test_a_scan_split_over_cores_reports_what_one_core_reports(engine: str, clauses_pdf: Path) -> None:
    def scan(cores_wanted: str) -> tuple[str, int]:
        *report, forks = _fresh_python(_SCAN, str(clauses_pdf), engine, **{cores.CORES_ENV: cores_wanted}).splitlines()
        return "\n".join(report), int(forks)

    (one, serial), (two, split) = scan("1"), scan("2")
    assert (serial, split) == (0, 1)
    assert two == one
