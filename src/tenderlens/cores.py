"""Shared by the stages: how many cores one document may use, and a pure function over a long list split across
them in forked processes (one scan of a long tender uses the machine; a batch worker uses one core)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

CORES_ENV = "TENDERLENS_CORES"
"""Cores for one document: all of them by default; batch workers set 1, since they already run one per core."""
MIN_CHUNK = 600
"""Fewest items worth sending to another process (about 0.25 s of clause rules and scoring, against about
0.05 s to fork and to return the results)."""

T = TypeVar("T")
R = TypeVar("R")
_job: Callable[[Sequence[Any]], list[Any]] | None = None


def cores() -> int:
    """Cores one document may use: ``TENDERLENS_CORES``, else every core of the machine."""
    return max(1, int(os.environ.get(CORES_ENV) or os.cpu_count() or 1))


def split_map(job: Callable[[Sequence[T]], list[R]], items: Sequence[T], min_chunk: int | None = None) -> list[R]:
    """``job(items)``, computed in up to :func:`cores` contiguous chunks at once and joined in order; a chunk has
    at least ``min_chunk`` items (default :data:`MIN_CHUNK`, sized for sentences).

    ``job`` must return one result per item and depend on nothing but its argument and memory it reads (the
    chunks run in forked copies of this process, so loaded models are shared, not pickled; only the items and
    the results cross). It runs in this process alone where forking is not safe or not worth it: one core, a
    list shorter than two chunks, a platform without ``fork``, or other Python threads running (a
    web server), whose locks a forked child could inherit held.
    """
    workers = min(cores(), len(items) // (min_chunk or MIN_CHUNK))
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return job(items)
    size = -(-len(items) // workers)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(chunks) - 1, mp_context=context, initializer=_install, initargs=(job,)) as pool:
        # Forked workers inherit ``job`` through the initializer's arguments, which fork does not pickle. What they
        # inherit is frozen out of their garbage collector, whose full passes would otherwise touch, and so copy,
        # every page of the parent's heap (loaded models included).
        gc.freeze()
        try:
            futures = [pool.submit(_run, chunk) for chunk in chunks[1:]]
        finally:
            gc.unfreeze()
        results = job(chunks[0])
        for future in futures:
            results.extend(future.result())
    return results


def map_interleaved(job: Callable[[Sequence[int]], list[R]], count: int, min_chunk: int) -> list[R]:
    """``job`` over the indices ``0 … count - 1`` (pages), each process taking every k-th one, so that heavy items
    that cluster (a tender's table or scanned pages) are spread over the cores; results in index order."""
    order = sorted(range(count), key=lambda index: index % cores())
    by_index = dict(zip(order, split_map(job, order, min_chunk), strict=True))
    return [by_index[index] for index in range(count)]


def _install(job: Callable[[Sequence[Any]], list[Any]]) -> None:
    global _job
    _job = job


def _run(chunk: Sequence[Any]) -> list[Any]:
    assert _job is not None, "split_map's initializer did not run"
    return _job(chunk)
