"""Batch face, CLI: the ``batch``, ``export`` and ``summary`` commands; parse, build options, call, print.

``register(app)`` adds them to the main Typer app (``tenderlens.cli`` calls it). Only ``tenderlens.cli``
imports this module: it reuses the CLI's option types and ``options_from`` so every face builds AuditOptions
the same way."""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tenderlens.batch import deprecated
from tenderlens.cli_options import (
    DEFAULTS,
    ENGINE_HELP,
    ChecklistOpt,
    HeavyThresholdOpt,
    MaxPagesOpt,
    ModelOpt,
    OcrOpt,
    options_from,
)
from tenderlens.exceptions import BadArgumentsError, FileAccessError
from tenderlens.options import Engine

DEFAULT_DB = Path("results.sqlite")
DEFAULT_MEMORY_MB = 4096


class Runner(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class ExportTable(StrEnum):
    documents = "documents"
    findings = "findings"
    packs = "packs"


DbOpt = Annotated[Path, typer.Option("--db", help="The SQLite results file (created if absent).")]


def _default_workers() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def batch(
    ctx: typer.Context,
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files, folders (searched recursively for PDF, DOCX, TXT and Markdown) or OCDS data "
            "(.json release/record packages, .jsonl/.ndjson lines of releases).",
            show_default=False,
        ),
    ],
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", help="Worker processes (default: all cores).", show_default=False),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds one document may take.")] = 300.0,
    memory_limit: Annotated[
        int, typer.Option("--memory-limit", help="Address space per worker in MB (0: no limit).")
    ] = DEFAULT_MEMORY_MB,
    tasks_per_worker: Annotated[
        int, typer.Option("--tasks-per-worker", help="Replace a worker after this many documents.")
    ] = 200,
    force: Annotated[bool, typer.Option("--force", help="Audit again documents already in --db.")] = False,
    retry_errors: Annotated[
        bool, typer.Option("--retry-errors", help="Audit again documents that failed in an earlier run.")
    ] = False,
    documents_dir: Annotated[
        Path | None, typer.Option("--documents-dir", help="Where local copies of OCDS document links are.")
    ] = None,
    download: Annotated[
        bool, typer.Option("--download", help="Fetch OCDS document links with no local copy over HTTP(S).")
    ] = False,
    download_dir: Annotated[
        Path | None,
        typer.Option("--download-dir", help="Download cache (default: beside --db).", show_default=False),
    ] = None,
    max_download_mb: Annotated[int, typer.Option("--max-download-mb", help="Refuse larger downloads.")] = 100,
    delay: Annotated[float, typer.Option("--delay", help="Seconds between two requests to one host.")] = 1.0,
    retries: Annotated[int, typer.Option("--retries", help="Retries of a failed download.")] = 3,
    runner: Annotated[
        Runner | None,
        typer.Option("--runner", help="Run on local processes or a Dask cluster.", show_default=Runner.local.value),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, tcp://HOST:PORT (default: a local cluster)."),
    ] = None,
    engine: Annotated[
        deprecated.BatchEngine | None,
        typer.Option("--engine", metavar=deprecated.ENGINE_METAVAR, help=ENGINE_HELP, show_default=DEFAULTS.engine),
    ] = None,
    classifier: Annotated[Engine | None, typer.Option("--classifier", hidden=True)] = None,
    checklist: ChecklistOpt = None,
    model: ModelOpt = None,
    ocr: OcrOpt = DEFAULTS.ocr,
    max_pages: MaxPagesOpt = DEFAULTS.max_pages,
    heavy_threshold: HeavyThresholdOpt = DEFAULTS.heavy_threshold,
) -> None:
    """Audit many documents in parallel into a SQLite file; run it again to resume.

    A document that cannot be read, hangs past --timeout, runs out of memory or crashes its worker becomes one
    error row (class, exit code, message) and the batch goes on: document errors are data, and the command
    exits 0 unless the batch itself fails (bad arguments, unwritable --db, unreachable scheduler). Documents
    already in --db (same bytes) are skipped. Ctrl-C loses only the documents in flight (exit 130).
    """
    from tenderlens.batch.download import DownloadSettings
    from tenderlens.batch.packs import build_packs
    from tenderlens.batch.pool import Limits
    from tenderlens.batch.progress import BatchProgress, summary_text
    from tenderlens.batch.runner import BatchSettings, run_batch
    from tenderlens.batch.sources import collect
    from tenderlens.batch.store import Store
    from tenderlens.clauses.checklist import load_checklist

    clause_engine, run_on = deprecated.resolve(engine, classifier, runner and runner.value)
    if run_on == Runner.local and scheduler:
        raise BadArgumentsError("--scheduler needs --runner dask.")
    if timeout <= 0 or memory_limit < 0 or tasks_per_worker < 1 or (workers is not None and workers < 1):
        raise BadArgumentsError("--timeout, --workers and --tasks-per-worker must be positive, --memory-limit >= 0.")
    options = options_from(checklist, clause_engine, model, ocr, max_pages, heavy_threshold=heavy_threshold)
    settings = BatchSettings(
        workers=workers or _default_workers(),
        limits=Limits(timeout=timeout, memory_mb=memory_limit, tasks_per_worker=tasks_per_worker),
        force=force,
        retry_errors=retry_errors,
        runner=Runner(run_on).value,
        scheduler=scheduler,
        download=DownloadSettings(
            folder=download_dir or db.with_name(db.name + ".downloads"),
            max_bytes=max_download_mb * 1024 * 1024,
            delay=delay,
            retries=retries,
        )
        if download
        else None,
    )
    jobs = collect(inputs, documents_dir)
    command = json.dumps(ctx.params, default=str)
    with Store(db) as store, BatchProgress(len(jobs)) as progress:
        try:
            counts = run_batch(jobs, store, options, settings, command=command, listener=progress)
        except KeyboardInterrupt:
            progress.console.print(f"interrupted: finished documents are in {db}; run the same command to resume")
            raise
        packs = build_packs(store, load_checklist(options.checklist), options)
    typer.echo(summary_text(counts, db), err=True)
    if packs:
        typer.echo(f"{packs:,} contracting process(es) (OCDS ocid) audited as packs: `--table packs`", err=True)


def export(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (default: stdout; Parquet needs a file).")
    ] = None,
    table: Annotated[
        ExportTable,
        typer.Option(
            "--table",
            help="documents: one row per document; findings: one row per document and safeguard; packs: one row "
            "per OCDS contracting process (its documents audited as one pack).",
        ),
    ] = ExportTable.documents,
) -> None:
    """Export batch results: one row per document (path, sha256, OCDS context, status per safeguard,
    redaction, social-value weighting, error), or the findings in long form."""
    from tenderlens.batch.export import export as write_export
    from tenderlens.batch.store import Store

    with Store(_existing(db)) as store:
        count = write_export(store, table.value, fmt.value, out)
    if out is not None:
        typer.echo(f"wrote {count:,} row(s) to {out}", err=True)


def summary(
    db: DbOpt = DEFAULT_DB,
    html: Annotated[Path, typer.Option("--html", help="Write the HTML report here (and a .csv beside it).")] = Path(
        "summary.html"
    ),
) -> None:
    """Corpus report: share of documents with each safeguard present, partial, contrary or missing; redaction
    histogram; leaks; worst documents; breakdown by buyer (OCDS); as one HTML page with a CSV beside it."""
    from tenderlens.batch.store import Store
    from tenderlens.batch.summary import write_summary

    with Store(_existing(db)) as store:
        for written in write_summary(store, html):
            typer.echo(f"wrote {written}", err=True)


def _existing(db: Path) -> Path:
    if not db.is_file():
        raise FileAccessError(f"{db} does not exist; run `tenderlens batch INPUT... --db {db}` first.")
    return db


def register(app: typer.Typer) -> None:
    """Add ``batch``, ``export`` and ``summary`` to the TenderLens CLI."""
    for name, command in (("batch", batch), ("export", export), ("summary", summary)):
        app.command(name, help=_help_text(command))(command)


def _help_text(command: Callable[..., None]) -> str:
    # Rich help keeps single newlines; a docstring wrapped for the source would print as ragged lines.
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
