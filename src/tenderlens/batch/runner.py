"""Batch face, orchestration: jobs -> (download, hash, skip what is done) -> runner -> one store write each.

The parent process is the only writer. It hashes each file before dispatch, so a re-run skips every document
already in the store (``force`` redoes them, ``retry_errors`` redoes the failed ones) and a file met twice
under two names is audited once. Jobs are pulled lazily as workers free up: at most one document per worker is
in flight, which is all a killed batch can lose."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Literal

from tenderlens.batch import warm
from tenderlens.batch.download import DownloadSettings, Fetcher
from tenderlens.batch.pool import Limits, WorkerPool
from tenderlens.batch.sources import Job
from tenderlens.batch.store import Store
from tenderlens.batch.work import ErrorInfo, Outcome, Task, audit_task, failed
from tenderlens.exceptions import ExitCode, TenderLensError
from tenderlens.ingest import file_sha256
from tenderlens.options import AuditOptions

RunnerName = Literal["local", "dask"]
WARM_MODULES = ("tenderlens.batch.work", "tenderlens.api", "tenderlens.batch.warm")


@dataclass(frozen=True)
class BatchSettings:
    """How to run a batch (everything but the audit options and the inputs)."""

    workers: int
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    retry_errors: bool = False
    runner: RunnerName = "local"
    scheduler: str | None = None
    download: DownloadSettings | None = None


@dataclass
class BatchCounts:
    """What a run did: ``skipped`` were done by an earlier run, ``duplicates`` repeat another input."""

    total: int = 0
    audited: int = 0
    errors: int = 0
    skipped: int = 0
    duplicates: int = 0
    pages: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return (self.audited + self.errors) / self.seconds if self.seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


Listener = Callable[[BatchCounts], None]
Runner = Callable[[Iterable[Task]], Iterator[tuple[Task, Outcome]]]


def run_batch(
    jobs: list[Job],
    store: Store,
    options: AuditOptions,
    settings: BatchSettings,
    command: str = "",
    listener: Listener | None = None,
) -> BatchCounts:
    """Audit every job into ``store`` and return the counts. ``listener`` is called after each document.

    Raises:
        TenderLensError: the batch itself cannot run (database, Dask scheduler); documents never raise.
        KeyboardInterrupt: Ctrl-C or SIGTERM; documents already written stay written.
    """
    counts = BatchCounts(total=len(jobs))
    notify = listener or (lambda _: None)
    run_id = store.begin_run(command)
    started = time.perf_counter()
    in_flight: dict[str, Job] = {}
    fetcher = Fetcher(settings.download) if settings.download else None

    submitted: set[str] = set()

    def prepare(job: Job) -> Task | None:
        located = _locate(job, fetcher)
        key = located if isinstance(located, ErrorInfo) else _sha256_or_error(located)
        if isinstance(key, ErrorInfo):
            store.save_unread(job.source, job.context, key, run_id)
            counts.errors += 1
        elif key in submitted:
            counts.duplicates += 1
        elif _is_done(store.status(key), settings):
            counts.skipped += 1
        else:
            submitted.add(key)
            in_flight[key] = job
            return Task(key=key, path=str(located), options=options)
        return None

    def tasks() -> Iterator[Task]:
        for job in jobs:
            task = prepare(job)
            if task is not None:
                yield task
            else:
                counts.seconds = time.perf_counter() - started
                notify(counts)

    with _sigterm_as_interrupt():
        for task, outcome in _runner(settings, options)(tasks()):
            job = in_flight.pop(task.key)
            store.save(job.source, task.path, job.context, outcome, run_id)
            counts.audited += outcome.ok
            counts.errors += not outcome.ok
            counts.pages += outcome.pages
            counts.peak_rss_mb = max(counts.peak_rss_mb, outcome.peak_rss_mb)
            counts.seconds = time.perf_counter() - started
            notify(counts)
    counts.seconds = time.perf_counter() - started
    store.end_run(run_id, counts.audited, counts.errors, counts.skipped)
    return counts


def _runner(settings: BatchSettings, options: AuditOptions) -> Runner:
    if settings.runner == "dask":
        from tenderlens.batch.dask_runner import run_dask

        return lambda tasks: run_dask(tasks, settings.scheduler, settings.workers, settings.limits.timeout)
    warm.prepare(options)
    pool = WorkerPool(audit_task, _pool_failure, settings.workers, settings.limits, preload=WARM_MODULES)
    return pool.map_unordered


def _pool_failure(task: Task, error: ErrorInfo) -> Outcome:
    return failed(task.key, error)


def _locate(job: Job, fetcher: Fetcher | None) -> Path | ErrorInfo:
    if job.path is not None:
        return job.path
    if fetcher is None:
        return ErrorInfo(
            "NotFound",
            int(ExitCode.file_access),
            "no local copy under --documents-dir; pass --download to fetch it",
        )
    try:
        return fetcher.fetch(job.source)
    except TenderLensError as exc:
        return ErrorInfo.from_exception(exc)


def _is_done(status: str | None, settings: BatchSettings) -> bool:
    if status is None or settings.force:
        return False
    return not (settings.retry_errors and status == "error")


def _sha256_or_error(path: Path) -> str | ErrorInfo:
    try:
        return file_sha256(path)
    except OSError as exc:
        return ErrorInfo("FileAccessError", int(ExitCode.file_access), f"{path}: {exc.strerror or exc}")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """``kill PID`` stops a batch as cleanly as Ctrl-C: workers are stopped, written rows stay."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (a notebook's worker thread): leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
