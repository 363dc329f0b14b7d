"""Batch face, local runner: worker processes that each audit one document at a time and can be killed.

Why not ``concurrent.futures``: a hung or crashed document there costs the whole pool (``BrokenProcessPool``)
and a running task cannot be cancelled. Here every worker has its own pipe, so the parent can kill exactly the
worker that is over its time limit, record that document as an error, start a fresh worker and go on. Workers
are recycled after ``tasks_per_worker`` documents (memory stays flat whatever a parser leaks) and run under an
address-space limit (``RLIMIT_AS``), so a decompression bomb fails with ``MemoryError`` instead of swapping.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from tenderlens.batch.work import ErrorInfo
from tenderlens.exceptions import ExitCode

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Limits:
    """Per-document limits: ``timeout`` seconds, ``memory_mb`` of address space per worker (0 = none), and
    how many documents a worker handles before it is replaced."""

    timeout: float = 300.0
    memory_mb: int = 0
    tasks_per_worker: int = 200


@dataclass(eq=False)
class _Worker(Generic[T]):
    process: BaseProcess
    conn: Connection
    done: int = 0
    task: T | None = None
    deadline: float = field(default=float("inf"))


def _serve(conn: Connection, work: Callable[[T], R], memory_mb: int) -> None:
    """Worker loop: receive a task, send back ``work(task)``, until told to stop or the parent goes away."""
    # Ctrl-C reaches the whole process group; the parent decides what happens to workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(task))


class WorkerPool(Generic[T, R]):
    """Run ``work`` over tasks in ``workers`` processes; ``on_failure`` makes a timeout or crash a result.

    ``preload`` names modules for the fork server to import before it forks any worker.

    ``work`` must be a module-level function (it is pickled by reference) that returns a picklable value and
    does not raise for ordinary input problems.
    """

    def __init__(
        self,
        work: Callable[[T], R],
        on_failure: Callable[[T, ErrorInfo], R],
        workers: int,
        limits: Limits,
        preload: tuple[str, ...] = (),
    ) -> None:
        self._work = work
        self._on_failure = on_failure
        self._size = max(1, workers)
        self._limits = limits
        self._ctx = multiprocessing.get_context("forkserver")
        # Modules the fork server imports once, so a new worker starts in milliseconds, not seconds. Only the
        # first pool of a process sets them: the fork server then lives as long as the process.
        self._ctx.set_forkserver_preload(list(preload))
        self._workers: list[_Worker[T]] = []

    def map_unordered(self, tasks: Iterable[T]) -> Generator[tuple[T, R], None, None]:
        """Yield ``(task, result)`` as documents finish. Pulls a task only when a worker is free, so a lazy
        ``tasks`` iterator (hashing, downloading) is never run far ahead of the workers."""
        pending = iter(tasks)
        exhausted = False
        try:
            self._workers = [self._start() for _ in range(self._size)]
            while True:
                for worker in self._workers:
                    if worker.task is None and not exhausted:
                        task = next(pending, None)
                        if task is None:
                            exhausted = True
                        else:
                            self._assign(worker, task)
                busy = [w for w in self._workers if w.task is not None]
                if not busy:
                    return
                yield from self._collect(busy)
        finally:
            self.close()

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed."""
        for worker in self._workers:
            if worker.task is None and worker.process.is_alive():
                with suppress(OSError):
                    worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=2.0 if worker.task is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _start(self) -> _Worker[T]:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve, args=(child, self._work, self._limits.memory_mb), name="tenderlens-batch-worker"
        )
        process.daemon = True
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def _assign(self, worker: _Worker[T], task: T) -> None:
        worker.task = task
        worker.deadline = time.monotonic() + self._limits.timeout
        # A worker that died between tasks fails to receive; _collect then sees its sentinel: a crash.
        with suppress(OSError):
            worker.conn.send(task)

    def _collect(self, busy: list[_Worker[T]]) -> Iterator[tuple[T, R]]:
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout))
        now = time.monotonic()
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.conn in ready:
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    yield task, self._replace(worker, self._crash_error(worker))
                    continue
                worker.task = None
                worker.done += 1
                if worker.done >= self._limits.tasks_per_worker:
                    self._retire(worker)
                yield task, result
            elif worker.process.sentinel in ready:
                yield task, self._replace(worker, self._crash_error(worker))
            elif now >= worker.deadline:
                error = ErrorInfo(
                    "Timeout",
                    int(ExitCode.resource_limit),
                    f"no result after {self._limits.timeout:g} s; the worker was stopped",
                )
                yield task, self._replace(worker, error)

    def _crash_error(self, worker: _Worker[T]) -> ErrorInfo:
        worker.process.join(timeout=5.0)
        code = worker.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        if self._limits.memory_mb:
            # Native code that cannot allocate under RLIMIT_AS often aborts instead of raising MemoryError.
            how += f"; the memory limit was {self._limits.memory_mb} MB"
        return ErrorInfo("WorkerCrashed", int(ExitCode.internal_error), f"the worker process died ({how})")

    def _replace(self, worker: _Worker[T], error: ErrorInfo) -> R:
        """Kill ``worker`` (if still alive), put a fresh one in its place and return the failure result."""
        task = worker.task
        assert task is not None
        self._restart(worker, grace=0.0)
        return self._on_failure(task, error)

    def _retire(self, worker: _Worker[T]) -> None:
        with suppress(OSError):
            worker.conn.send(None)
        self._restart(worker, grace=5.0)

    def _restart(self, worker: _Worker[T], grace: float) -> None:
        worker.process.join(timeout=grace)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()
