"""The local batch engine survives what real corpora do to a worker: a hang, a crash, a segfault, a bomb.

These are the only batch tests that use a stand-in for the audit (``batch_doubles.behave``): a document that
hangs or kills its process on cue. Everything else runs real audits of generated files."""

from __future__ import annotations

import pytest

from batch_doubles import behave
from tenderlens.batch.pool import Limits, WorkerPool
from tenderlens.batch.work import ErrorInfo
from tenderlens.exceptions import ExitCode


def _failure(task: str, error: ErrorInfo) -> str:
    return f"{error.error_class}|{error.exit_code}|{error.message}"


def _run(tasks: list[str], workers: int, limits: Limits) -> dict[str, str]:
    pool: WorkerPool[str, str] = WorkerPool(behave, _failure, workers, limits)
    results = list(pool.map_unordered(tasks))
    assert sorted(t for t, _ in results) == sorted(tasks), "every task gets exactly one result"
    return dict(results)


def test_hang_crash_and_segfault_become_one_error_each_and_the_rest_finish() -> None:
    tasks = ["a", "hang", "b", "crash", "c", "segfault", "d"]
    results = _run(tasks, workers=2, limits=Limits(timeout=2.0))

    assert results["hang"].startswith(f"Timeout|{int(ExitCode.resource_limit)}|no result after 2 s")
    assert results["crash"] == f"WorkerCrashed|{int(ExitCode.internal_error)}|the worker process died (exit code 3)"
    assert results["segfault"].endswith("(signal SIGSEGV)")
    for name in "abcd":
        assert results[name].startswith(f"done:{name}:")


def test_memory_limit_turns_a_huge_allocation_into_memory_error() -> None:
    results = _run(["allocate", "a"], workers=1, limits=Limits(memory_mb=2048))
    assert results["allocate"] == "MemoryError"
    assert results["a"].startswith("done:a:")


def test_workers_are_recycled_after_tasks_per_worker() -> None:
    tasks = [f"t{i}" for i in range(6)]
    results = _run(tasks, workers=1, limits=Limits(tasks_per_worker=2))
    pids = {r.rsplit(":", 1)[1] for r in results.values()}
    assert len(pids) == 3


def test_an_interrupted_map_stops_its_workers() -> None:
    pool: WorkerPool[str, str] = WorkerPool(behave, _failure, 2, Limits(timeout=30.0))
    stream = pool.map_unordered(["a", "hang", "hang", "b"])
    first = next(stream)
    assert first[0] in {"a", "b", "hang"}
    processes = [w.process for w in pool._workers]
    stream.close()  # what Ctrl-C does to the generator: its finally block runs
    assert processes and not any(p.is_alive() for p in processes)


@pytest.mark.parametrize("workers", [1, 3])
def test_more_workers_than_tasks_or_fewer_both_finish(workers: int) -> None:
    assert len(_run(["x", "y"], workers=workers, limits=Limits())) == 2
