"""A batch killed mid-run (kill -9, or Ctrl-C) keeps every finished document whole, and running the same
command again finishes the rest: exact row counts, no duplicates, nothing half-written."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_builders import write_corpus
from tenderlens.exceptions import ExitCode

COUNT = 60
CATEGORIES = 5


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return int(con.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _start(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tenderlens", "batch", str(folder), "--db", str(db), "--workers", "2"]
    command += ["--engine", "classic"]  # the lightest models: this test is about the store
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stop_after(process: subprocess.Popen[bytes], db: Path, done: int, how: signal.Signals) -> None:
    deadline = time.monotonic() + 120
    while _count(db, "SELECT COUNT(*) FROM documents") < done:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.02)
    process.send_signal(how)


def _assert_whole(db: Path) -> int:
    """Every stored document has all its rows; returns how many are stored."""
    documents = _count(db, "SELECT COUNT(*) FROM documents")
    assert _count(db, "SELECT COUNT(*) FROM documents WHERE status = 'ok'") == documents
    assert _count(db, "SELECT COUNT(*) FROM findings") == CATEGORIES * documents
    assert _count(db, "SELECT COUNT(*) FROM reports") == documents
    assert _count(db, "SELECT COUNT(*) FROM redactions") == documents
    assert _count(db, "SELECT COUNT(DISTINCT path) FROM documents") == documents
    return documents


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_killed_batch_resumes_to_exact_counts(tmp_path: Path, how: signal.Signals) -> None:
    folder, db = tmp_path / "corpus", tmp_path / "results.sqlite"
    write_corpus(folder, COUNT)

    first = _start(folder, db)
    _stop_after(first, db, done=3, how=how)
    _, err = first.communicate(timeout=60)
    if how == signal.SIGKILL:
        assert first.returncode == -signal.SIGKILL
    else:
        assert b"run the same command to resume" in err
        assert first.returncode == ExitCode.interrupted

    kept = _assert_whole(db)
    assert 3 <= kept < COUNT, "the batch must be stopped mid-run for this test to mean anything"

    second = _start(folder, db)
    _, err = second.communicate(timeout=300)
    assert second.returncode == ExitCode.ok, err.decode()

    assert _assert_whole(db) == COUNT
    assert _count(db, "SELECT skipped FROM runs ORDER BY id DESC LIMIT 1") == kept
    assert _count(db, "SELECT audited FROM runs ORDER BY id DESC LIMIT 1") == COUNT - kept
    assert f"audited {COUNT - kept} document(s)".encode() in err
