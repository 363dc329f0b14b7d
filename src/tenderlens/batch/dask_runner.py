"""Batch face, Dask runner: the same per-document function (``work.audit_task``) on a Dask cluster.

Results come back to the parent, which writes them to the same SQLite store as the local runner. Only as many
documents as the cluster has worker threads are in flight, so the per-document deadline starts roughly when
the document does. Limits differ from the local runner: Dask cannot kill a running task, so a document over
its time limit is recorded as a ``Timeout`` error and abandoned (its thread runs on until the worker is
restarted; start workers with ``--lifetime`` to recycle them), and a document that kills its worker three
times (``distributed.scheduler.allowed-failures``) comes back as ``KilledWorker``."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from tenderlens.batch.work import ErrorInfo, Outcome, Task, audit_task, failed
from tenderlens.exceptions import BadArgumentsError, ExitCode, MissingDependencyError


def run_dask(
    tasks: Iterable[Task], scheduler: str | None, workers: int, timeout: float
) -> Iterator[tuple[Task, Outcome]]:
    """Yield ``(task, outcome)`` as documents finish on the cluster at ``scheduler`` (``tcp://HOST:PORT``), or
    on a local cluster of ``workers`` processes when ``scheduler`` is ``None``.

    Raises:
        MissingDependencyError: dask or distributed is not installed.
        BadArgumentsError: the scheduler cannot be reached (within Dask's
            ``distributed.comm.timeouts.connect``, 30 s by default).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError(
            "--runner dask needs dask and distributed: pip install 'tenderlens[dask]'."
        ) from exc
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler))
            except OSError as exc:
                raise BadArgumentsError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        else:
            cluster = stack.enter_context(
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster))
        yield from _stream(client, tasks, timeout)


def _stream(client: Any, tasks: Iterable[Task], timeout: float) -> Iterator[tuple[Task, Outcome]]:
    from distributed import wait

    slots = max(1, sum(client.nthreads().values()))
    pending: dict[Any, tuple[Task, float]] = {}
    queue = iter(tasks)
    exhausted = False
    while True:
        while not exhausted and len(pending) < slots:
            task = next(queue, None)
            if task is None:
                exhausted = True
            else:
                future = client.submit(audit_task, task, pure=False)
                pending[future] = (task, time.monotonic() + timeout)
        if not pending:
            return
        nearest = min(deadline for _, deadline in pending.values())
        try:
            done = wait(
                list(pending), timeout=max(0.05, nearest - time.monotonic()), return_when="FIRST_COMPLETED"
            ).done
        except TimeoutError:
            done = set()
        for future in done:
            task, _ = pending.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # KilledWorker and friends: one error row, the batch goes on
                outcome = failed(task.key, ErrorInfo.from_exception(exc))
            yield task, outcome
        now = time.monotonic()
        for future, (task, deadline) in list(pending.items()):
            if now >= deadline:
                future.cancel()
                del pending[future]
                message = f"no result after {timeout:g} s on the Dask cluster; the task was abandoned"
                yield task, failed(task.key, ErrorInfo("Timeout", int(ExitCode.resource_limit), message))
