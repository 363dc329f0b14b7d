"""The command-line face: parses arguments, builds AuditOptions, calls the API and renders; no analysis here.

Errors: every ``TenderLensError`` becomes one line on stderr and its documented exit code (README, "Exit
codes"); a traceback only with ``--debug``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from tenderlens import __version__
from tenderlens.batch.commands import register as register_batch
from tenderlens.cli_options import (
    DEFAULTS,
    ChecklistOpt,
    EngineOpt,
    FileArg,
    Format,
    HeavyThresholdOpt,
    MaxPagesOpt,
    ModelOpt,
    OcrOpt,
    options_from,
)
from tenderlens.exceptions import ExitCode, GapsFoundError, TenderLensError
from tenderlens.web.commands import register as register_web

app = typer.Typer(
    name="tenderlens",
    help="Read tender and contract documents and report responsibility gaps: explainability, data ownership, "
    "FOI, inclusion, impact evaluation, social-value weighting and redaction.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
checklist_app = typer.Typer(help="Export or validate the checklist (the safeguards TenderLens looks for).")
app.add_typer(checklist_app, name="checklist")


T = TypeVar("T")
_state = {"debug": False}


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"tenderlens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version)
    ] = False,
) -> None:
    # --version is eager: without a command the group stops at "Missing command" before this runs.
    _state["debug"] = debug


@app.command()
def scan(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="A PDF, DOCX, TXT or Markdown file; or a folder, a ZIP or several files for one pack report.",
            show_default=False,
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here instead of stdout.")] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Exit with code 7 when the report has any of: missing, partial, contrary, leak, heavy, placeholder, "
            "low_weighting (comma-separated). For checking drafts before publication.",
        ),
    ] = "",
    checklist: ChecklistOpt = None,
    engine: EngineOpt = DEFAULTS.engine,
    model: ModelOpt = None,
    ocr: OcrOpt = DEFAULTS.ocr,
    max_pages: MaxPagesOpt = DEFAULTS.max_pages,
    heavy_threshold: HeavyThresholdOpt = DEFAULTS.heavy_threshold,
) -> None:
    """Audit one document, or a whole tender pack, and print its responsibility-gap report."""
    from tenderlens.api import audit
    from tenderlens.pack.faces import is_pack, scan_pack
    from tenderlens.report import fail_on_values, gate, render

    wanted = fail_on_values(fail_on)
    opts = options_from(checklist, engine, model, ocr, max_pages, heavy_threshold=heavy_threshold)
    if is_pack(files):
        content, reasons = _with_status("Auditing the pack", lambda: scan_pack(files, opts, fmt.value, wanted))
        _emit(content, out)
    else:
        file = files[0]
        report = _with_status(f"Auditing {file.name}", lambda: audit(file, opts))
        _emit(render(report, fmt.value), out)
        reasons = gate(report, wanted)
    if reasons:
        raise GapsFoundError("; ".join(reasons))


@app.command()
def text(file: FileArg, ocr: OcrOpt = DEFAULTS.ocr, max_pages: MaxPagesOpt = DEFAULTS.max_pages) -> None:
    """Print the text TenderLens read, in reading order, with page markers (check what the tool saw)."""
    from tenderlens.api import read

    document = _with_status(f"Reading {file.name}", lambda: read(file, options_from(ocr=ocr, max_pages=max_pages)))
    for page in document.pages:
        typer.echo(f"=== page {page.number} ({page.text_source}) ===")
        typer.echo(page.text)


@app.command()
def redactions(
    file: FileArg,
    png: Annotated[
        Path | None, typer.Option("--png", help="Write page images with boxes and leaks marked here.")
    ] = None,
    ocr: OcrOpt = DEFAULTS.ocr,
    heavy_threshold: HeavyThresholdOpt = DEFAULTS.heavy_threshold,
) -> None:
    """Report how much of a document is redacted, where, on what grounds, and any leaking redactions (JSON)."""
    import dataclasses
    import json

    from tenderlens.api import analyse_redaction

    opts = options_from(ocr=ocr, heavy_threshold=heavy_threshold)
    result = _with_status(f"Checking redactions in {file.name}", lambda: analyse_redaction(file, opts))
    typer.echo(json.dumps(dataclasses.asdict(result), indent=2))
    if png is not None:
        from tenderlens.redaction.pictures import write_pngs

        for written in write_pngs(file, result, png):
            typer.echo(f"wrote {written}", err=True)


@checklist_app.command("export")
def checklist_export(
    out: Annotated[Path | None, typer.Argument(help="Where to write the YAML (stdout if omitted).")] = None,
) -> None:
    """Copy the bundled checklist so you can adapt it (another jurisdiction, a stricter policy)."""
    from tenderlens.clauses.checklist import bundled_text

    _emit(bundled_text(), out)


@checklist_app.command("validate")
def checklist_validate(path: Annotated[Path, typer.Argument(help="A checklist YAML file.")]) -> None:
    """Check a checklist file; prints its version and categories, or the first error."""
    from tenderlens.clauses.checklist import load_checklist

    checklist = load_checklist(path)
    typer.echo(f"{path}: valid, version {checklist.version}, categories: {', '.join(checklist.category_ids)}")


@app.command()
def train(
    corpus: Annotated[
        list[Path] | None,
        typer.Option(help="Corpus folder(s) with train/dev/test splits (repeat the option for several)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write the trained models.")] = Path("models"),
    splits: Annotated[str, typer.Option(help="Comma-separated corpus splits to train on.")] = "train,dev",
    judge: Annotated[bool, typer.Option(help="Also fine-tune the clause judge (needs the 'train' extra).")] = True,
    sentences: Annotated[
        Path, typer.Option(help="Folder of contrast sets (labelled sentence groups) trained on beside the corpora.")
    ] = Path("corpora/sentences"),
) -> None:
    """Train the clause models on the corpora (train + dev splits; test stays held out). Fixed seeds."""
    from tenderlens.clauses.classify import load_classic
    from tenderlens.learn.corpus import TRAINING_CORPORA, iter_documents
    from tenderlens.learn.scope_train import train_scopes
    from tenderlens.learn.sentence_bank import load_sentence_bank
    from tenderlens.learn.train import train_classic

    chosen = tuple(s.strip() for s in splits.split(",") if s.strip())
    folders = [f for f in corpus or TRAINING_CORPORA if f.is_dir()]
    docs = [d for folder in folders for d in iter_documents(folder, splits=chosen)]
    bank = load_sentence_bank(sentences)
    typer.echo(f"wrote {train_classic(docs, out, bank)}")
    typer.echo(f"wrote {train_scopes(docs, out)}")
    if judge:
        from tenderlens.learn.judge_train import train_judge

        classic = load_classic(out.resolve())
        typer.echo(f"wrote {train_judge(docs, out, classic, bank, log=lambda line: typer.echo(line, err=True))}")


@app.command("eval")
def evaluate_cmd(
    corpus: Annotated[
        list[Path] | None,
        typer.Argument(help="Labelled corpus folder(s); each is reported apart. Default: synthetic and real."),
    ] = None,
    split: Annotated[str, typer.Option(help="Comma-separated splits to evaluate.")] = "test",
    engine: Annotated[str, typer.Option(help="classic, transformer, or all (side by side).")] = "classic",
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List every document-level mistake.")] = False,
    cv: Annotated[
        int,
        typer.Option(
            "--cv",
            help="Grouped K-fold cross-validation over --split of all corpora pooled (each document scored by "
            "models fitted without it; --engine transformer also fine-tunes a judge per fold, about 15 minutes "
            "each). Use with --split train,dev to choose settings without touching test.",
        ),
    ] = 0,
    sentences: Annotated[
        Path, typer.Option(help="Contrast sets trained on in each --cv fold, as `tenderlens train` does.")
    ] = Path("corpora/sentences"),
) -> None:
    """Per-category precision/recall/F1, document-level status accuracy and a confusion matrix."""
    from tenderlens.learn.corpus import TRAINING_CORPORA
    from tenderlens.learn.evaluate import cross_validate, evaluate
    from tenderlens.learn.scoreboard import print_evaluation
    from tenderlens.learn.sentence_bank import load_sentence_bank

    splits = [s.strip() for s in split.split(",") if s.strip()]
    folders = [f for f in corpus or TRAINING_CORPORA if f.is_dir()]
    if cv:
        bank = load_sentence_bank(sentences)
        results = cross_validate(
            folders, splits, folds=cv, engine=engine, bank=bank, log=lambda line: typer.echo(line, err=True)
        )
    else:
        engines = ["classic", "transformer"] if engine == "all" else [engine]
        results = [evaluate(folder, splits, name) for folder in folders for name in engines]
    print_evaluation(results, splits, json_out, show_errors)


def _with_status(label: str, work: Callable[[], T]) -> T:
    if not sys.stderr.isatty():
        return work()
    from rich.console import Console

    with Console(stderr=True).status(f"{label}…"):
        return work()


def _emit(content: str, out: Path | None) -> None:
    if out is None:
        typer.echo(content)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8")
    except OSError as exc:
        from tenderlens.exceptions import FileAccessError

        raise FileAccessError(f"cannot write {out}: {exc.strerror or exc}") from exc
    typer.echo(f"wrote {out}", err=True)


register_web(app)
register_batch(app)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (what tests call in-process)."""
    command = typer.main.get_command(app)
    try:
        # Without standalone mode Typer returns (rather than raises) the code of typer.Exit and of Ctrl-C (130).
        code = command.main(args=argv, prog_name="tenderlens", standalone_mode=False)
    except TenderLensError as err:
        if _state["debug"]:
            raise
        typer.echo(f"tenderlens: {type(err).__name__}: {err}", err=True)
        return int(err.exit_code)
    except typer.TyperException as exc:
        # Typer >= 0.26 vendors Click: its usage errors (unknown option, bad choice) are TyperExceptions, not
        # click.ClickException, so catching the click package's classes let them through as internal errors.
        typer.echo(f"tenderlens: {exc.format_message()} (see --help)", err=True)
        return int(ExitCode.bad_args)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("tenderlens: interrupted", err=True)
        return int(ExitCode.interrupted)
    except Exception as exc:
        if _state["debug"]:
            raise
        typer.echo(
            f"tenderlens: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            err=True,
        )
        return int(ExitCode.internal_error)
    return code if isinstance(code, int) else int(ExitCode.ok)


def main() -> None:
    sys.exit(run())
