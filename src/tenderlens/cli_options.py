"""Command-line options shared by every face that audits from a command line (``cli.py``,
``batch/commands.py``): the option types, whose choices and defaults are AuditOptions' own, and
``options_from``, which turns parsed values into AuditOptions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tenderlens.options import AuditOptions, Engine, OcrMode

DEFAULTS = AuditOptions()
"""What an option left off the command line means: the same as in the Python API."""


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    text = "text"


FileArg = Annotated[Path, typer.Argument(help="A PDF, DOCX, TXT or Markdown file.", show_default=False)]
ChecklistOpt = Annotated[
    Path | None,
    typer.Option("--checklist", help="Your own checklist YAML (see `tenderlens checklist export`)."),
]
ENGINE_HELP = "Clause engine: classic (default, measured best), transformer, or auto (transformer if installed)."
EngineOpt = Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)]
ModelOpt = Annotated[Path | None, typer.Option("--model", help="Local sentence-transformer model folder.")]
OcrOpt = Annotated[OcrMode, typer.Option("--ocr", help="OCR pages without text (auto), never, or every page (force).")]
HeavyThresholdOpt = Annotated[
    float,
    typer.Option("--heavy-threshold", help="Redacted share at which a document counts as heavily redacted."),
]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", help="Refuse documents with more pages than this.")]


def options_from(
    checklist: Path | None = DEFAULTS.checklist,
    engine: Engine = DEFAULTS.engine,
    model: Path | None = DEFAULTS.model_path,
    ocr: OcrMode = DEFAULTS.ocr,
    max_pages: int = DEFAULTS.max_pages,
    heavy_threshold: float = DEFAULTS.heavy_threshold,
) -> AuditOptions:
    """The AuditOptions for parsed command-line values (shared by every command that audits)."""
    return AuditOptions(
        checklist=checklist,
        engine=engine,
        model_path=model,
        ocr=ocr,
        max_pages=max_pages,
        heavy_threshold=heavy_threshold,
    )
