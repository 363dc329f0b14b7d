"""The Dask runner runs the same per-document function on a LocalCluster (worker processes) and stores exactly
the rows the local runner stores."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from batch_builders import write_bad_files, write_corpus
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

# Columns that depend on the run (timings, which process), not on the document.
RUN_COLUMNS = {"seconds"}


def _export(db: Path, out: Path) -> list[dict[str, str]]:
    assert run(["export", "--db", str(db), "--out", str(out)]) == ExitCode.ok
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    return [{k: v for k, v in row.items() if k not in RUN_COLUMNS} for row in rows]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_rows_as_local_processes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 8)
    write_bad_files(folder / "broken")
    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"

    assert run(["batch", str(folder), "--db", str(local_db), "--workers", "2"]) == ExitCode.ok
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask_runner = ["--runner", "dask", "--scheduler", cluster.scheduler_address]
        code = run(["batch", str(folder), "--db", str(dask_db), *dask_runner])
    assert code == ExitCode.ok

    local, dask = _export(local_db, tmp_path / "local.csv"), _export(dask_db, tmp_path / "dask.csv")
    assert len(local) == 11
    assert sum(r["status"] == "ok" for r in local) == 8
    assert dask == local


def test_scheduler_without_dask_runner_is_a_bad_argument(tmp_path: Path) -> None:
    code = run(["batch", str(tmp_path), "--db", str(tmp_path / "r.sqlite"), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == ExitCode.bad_args


def test_unreachable_scheduler_fails_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Supplier shall deliver.\n", encoding="utf-8")
    args = ["batch", str(tmp_path), "--db", str(tmp_path / "r.sqlite"), "--runner", "dask"]
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert run([*args, "--scheduler", "tcp://127.0.0.1:9"]) == ExitCode.bad_args
