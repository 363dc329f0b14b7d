"""Command-line options shared by every face that audits from a command line (``cli.py``,
``batch/commands.py``): the option types and ``options_from``, which turns parsed values into AuditOptions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tenderlens.options import AuditOptions


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    text = "text"


class Engine(StrEnum):
    classic = "classic"
    transformer = "transformer"
    auto = "auto"


class Ocr(StrEnum):
    auto = "auto"
    never = "never"
    force = "force"


FileArg = Annotated[Path, typer.Argument(help="A PDF, DOCX, TXT or Markdown file.", show_default=False)]
ChecklistOpt = Annotated[
    Path | None,
    typer.Option("--checklist", help="Your own checklist YAML (see `tenderlens checklist export`)."),
]
ENGINE_HELP = "Clause engine: classic (default, measured best), transformer, or auto (transformer if installed)."
EngineOpt = Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)]
ModelOpt = Annotated[Path | None, typer.Option("--model", help="Local sentence-transformer model folder.")]
OcrOpt = Annotated[Ocr, typer.Option("--ocr", help="OCR pages without text (auto), never, or every page (force).")]
HeavyThresholdOpt = Annotated[
    float,
    typer.Option("--heavy-threshold", help="Redacted share at which a document counts as heavily redacted."),
]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", help="Refuse documents with more pages than this.")]


def options_from(
    checklist: Path | None = None,
    engine: Engine = Engine.classic,
    model: Path | None = None,
    ocr: Ocr = Ocr.auto,
    max_pages: int = 5000,
    **extra: object,
) -> AuditOptions:
    """The AuditOptions for parsed command-line values (shared by every command that audits)."""
    return AuditOptions(
        checklist=checklist,
        engine=engine.value,
        model_path=model,
        ocr=ocr.value,
        max_pages=max_pages,
        **extra,  # type: ignore[arg-type]
    )
