"""Evaluation output: print ``tenderlens eval`` figures as tables (rich) and optionally write them as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tenderlens.learn.evaluate import EvalResult
from tenderlens.model import STATUSES


def print_evaluation(
    results: Sequence[EvalResult], splits: Sequence[str], json_out: Path | None, show_errors: bool
) -> None:
    console = Console()
    for result in results:
        _print_one(console, result, splits, show_errors)
    if len(results) > 1:
        _print_comparison(console, results)
    if json_out:
        json_out.write_text(json.dumps([r.as_dict() for r in results], indent=2) + "\n", encoding="utf-8")


def _print_one(console: Console, r: EvalResult, splits: Sequence[str], show_errors: bool) -> None:
    console.print(
        f"[bold]Engine {r.engine}[/] on {r.source} ({'+'.join(splits)}): {r.documents} documents, "
        f"{r.sentences} sentences"
    )
    table = Table(title="Sentence level (is this sentence about the safeguard?)")
    for col in ("category", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="right" if col != "category" else "left")
    for cat, prf in r.sentence_prf.items():
        table.add_row(cat, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", str(prf.tp + prf.fn))
    console.print(table)
    console.print(f"Sentence status accuracy (where the category is right): {r.sentence_status_accuracy:.3f}")
    console.print(
        f"Document status accuracy: [bold]{r.doc_accuracy:.3f}[/]   gap F1: [bold]{r.gap.f1:.3f}[/] "
        f"(P {r.gap.precision:.3f} R {r.gap.recall:.3f})   contrary precision: [bold]{r.contrary_precision:.3f}[/] "
        f"recall: [bold]{r.contrary_recall:.3f}[/]   applicability: {r.applicability_accuracy:.3f}   "
        f"weighting read right: {r.weighting_accuracy:.3f}"
    )
    console.print("False present: " + ", ".join(f"{c} {n}" for c, n in r.false_present.items()))
    console.print("False missing: " + ", ".join(f"{c} {n}" for c, n in r.false_missing.items()))
    console.print("By category: " + ", ".join(f"{c} {v:.3f}" for c, v in r.doc_accuracy_by_category.items()))
    matrix = Table(title="Confusion matrix (rows: label, columns: predicted)")
    matrix.add_column("label")
    for st in STATUSES:
        matrix.add_column(st, justify="right")
    for gold in STATUSES:
        matrix.add_row(gold, *(str(r.confusion[gold][p]) for p in STATUSES))
    console.print(matrix)
    console.print(
        f"Speed: {r.sentences_per_second:,.0f} sentences/s (classifier), "
        f"{r.pages_per_second:,.1f} pages/s (full analysis)"
    )
    if show_errors:
        for line in r.errors:
            console.print(f"  {line}", highlight=False)


def _print_comparison(console: Console, results: Sequence[EvalResult]) -> None:
    table = Table(title="Engines and sources side by side")
    for col in (
        "engine",
        "source",
        "documents",
        "doc accuracy",
        "gap F1",
        "contrary P",
        "contrary R",
        "false present",
        "false missing",
        "applicability",
        "macro sentence F1",
        "sentences/s",
        "pages/s",
    ):
        table.add_column(col)
    for r in results:
        macro = sum(p.f1 for p in r.sentence_prf.values()) / len(r.sentence_prf)
        table.add_row(
            r.engine,
            r.source,
            str(r.documents),
            f"{r.doc_accuracy:.3f}",
            f"{r.gap.f1:.3f}",
            f"{r.contrary_precision:.3f}",
            f"{r.contrary_recall:.3f}",
            str(sum(r.false_present.values())),
            str(sum(r.false_missing.values())),
            f"{r.applicability_accuracy:.3f}",
            f"{macro:.3f}",
            f"{r.sentences_per_second:,.0f}",
            f"{r.pages_per_second:,.1f}",
        )
    console.print(table)
