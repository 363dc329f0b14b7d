"""Batch face, local runner: load the pipeline once in the fork server, so every worker starts warm.

Only the fork server that starts batch workers imports this module (``WorkerPool(preload=...)``). Loading the
checklist and the language models takes seconds; done once here, every worker, and every replacement after a
crash, a timeout or recycling, is forked with them loaded and shares their memory pages copy-on-write. The
fork server inherits the parent's environment and nothing else, so :func:`prepare` passes the options that
decide which models to load through an environment variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tenderlens.cores import CORES_ENV
from tenderlens.options import AuditOptions

ENV = "TENDERLENS_BATCH_WARM"
# One document per worker and one worker per core: library thread pools would only oversubscribe the CPU, and
# an OpenMP pool created during the warm-up would not survive the fork (libgomp is not fork-safe).
_SINGLE_THREADED = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    CORES_ENV: "1",
}


def prepare(options: AuditOptions) -> None:
    """Set, in the parent and before the first worker starts, what the fork server will warm up."""
    for name, value in _SINGLE_THREADED.items():
        os.environ.setdefault(name, value)
    wanted = {"checklist": options.checklist, "engine": options.engine, "model_path": options.model_path}
    os.environ[ENV] = json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in wanted.items()})


def _warm_up() -> None:
    raw = os.environ.get(ENV)
    if not raw:
        return
    from tenderlens.warm import warm_up

    try:
        wanted = json.loads(raw)
        options = AuditOptions(
            checklist=Path(wanted["checklist"]) if wanted["checklist"] else None,
            engine=wanted["engine"],
            model_path=Path(wanted["model_path"]) if wanted["model_path"] else None,
        )
        warm_up(options)
    except Exception:  # a failed warm-up costs only time: each worker then loads for itself
        return


_warm_up()
