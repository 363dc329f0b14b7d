"""Batch face, CLI: the option spellings of 0.1 kept for one release, each with a one-line notice on stderr.

In 0.1 ``batch --engine`` chose where documents run (local, dask) and ``--classifier`` chose the clause engine,
while ``scan --engine`` chose the clause engine. Now ``--runner`` chooses where documents run and ``--engine``
means the clause engine everywhere. Delete this module (and its two uses in ``commands``) in 0.3."""

from __future__ import annotations

from enum import StrEnum

import typer

from tenderlens.cli_options import Engine
from tenderlens.exceptions import BadArgumentsError

OLD_RUNNERS = ("local", "dask")
ENGINE_METAVAR = "<" + "|".join(Engine) + ">"


class BatchEngine(StrEnum):
    """What ``batch --engine`` accepts: the clause engines, plus the old runner names (deprecated, not shown)."""

    classic = Engine.classic.value
    transformer = Engine.transformer.value
    auto = Engine.auto.value
    local = "local"
    dask = "dask"


def resolve(engine: BatchEngine | None, classifier: Engine | None, runner: str | None) -> tuple[Engine, str]:
    """The clause engine and the runner asked for (``None``: not on the command line), old spellings included.

    Raises:
        BadArgumentsError: an old spelling is given together with its new one (``--engine dask --runner
            local``, ``--classifier classic --engine transformer``).
    """
    if engine is not None and engine.value in OLD_RUNNERS:
        old, engine = engine.value, None
        if runner is not None:
            raise BadArgumentsError(f"--engine {old} is the old spelling of --runner {old}; give only --runner.")
        _notice(f"--engine {old} is deprecated, use --runner {old} (--engine now chooses the clause engine).")
        runner = old
    if classifier is not None:
        if engine is not None:
            raise BadArgumentsError("--classifier is the old spelling of --engine; give only --engine.")
        _notice(f"--classifier is deprecated, use --engine {classifier.value}.")
        engine = BatchEngine(classifier.value)
    return Engine(engine.value if engine else Engine.classic.value), runner or OLD_RUNNERS[0]


def _notice(text: str) -> None:
    typer.echo(f"tenderlens: {text}", err=True)
