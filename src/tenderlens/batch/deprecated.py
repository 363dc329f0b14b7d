"""Batch face, CLI: the option spellings of 0.1 kept for one release, each with a one-line notice on stderr.

In 0.1 ``batch --engine`` chose where documents run (local, dask) and ``--classifier`` chose the clause engine,
while ``scan --engine`` chose the clause engine. Now ``--runner`` chooses where documents run and ``--engine``
means the clause engine everywhere. Delete this module (and its two uses in ``commands``) in 0.3."""

from __future__ import annotations

from typing import Literal, cast, get_args

import typer

from tenderlens.cli_options import DEFAULTS
from tenderlens.exceptions import BadArgumentsError
from tenderlens.options import Engine

OldRunner = Literal["local", "dask"]
OLD_RUNNERS: tuple[OldRunner, ...] = get_args(OldRunner)
BatchEngine = Literal[Engine, OldRunner]
"""What ``batch --engine`` accepts: the clause engines, plus the old runner names (deprecated, not shown)."""
ENGINE_METAVAR = "<" + "|".join(get_args(Engine)) + ">"


def resolve(engine: BatchEngine | None, classifier: Engine | None, runner: str | None) -> tuple[Engine, str]:
    """The clause engine and the runner asked for (``None``: not on the command line), old spellings included.

    Raises:
        BadArgumentsError: an old spelling is given together with its new one (``--engine dask --runner
            local``, ``--classifier classic --engine transformer``).
    """
    if engine in OLD_RUNNERS:
        old, engine = engine, None
        if runner is not None:
            raise BadArgumentsError(f"--engine {old} is the old spelling of --runner {old}; give only --runner.")
        _notice(f"--engine {old} is deprecated, use --runner {old} (--engine now chooses the clause engine).")
        runner = old
    if classifier is not None:
        if engine is not None:
            raise BadArgumentsError("--classifier is the old spelling of --engine; give only --engine.")
        _notice(f"--classifier is deprecated, use --engine {classifier}.")
        engine = classifier
    return cast(Engine, engine or DEFAULTS.engine), runner or OLD_RUNNERS[0]


def _notice(text: str) -> None:
    typer.echo(f"tenderlens: {text}", err=True)
