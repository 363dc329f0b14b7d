"""Batch face, display: the live progress bar (rich, on stderr) and the summary printed at the end."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tenderlens.batch.runner import BatchCounts


class BatchProgress:
    """Documents/s, pages/s, ETA and errors so far. Documents an earlier run already did are taken off the
    total rather than counted as done, so the rate and ETA describe real work. Silent when stderr is not a
    terminal (CI logs get the summary only)."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.console = console or stderr_console()
        self._total = total
        self._progress = Progress(
            TextColumn("auditing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rates]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[errors]} errors, {task.fields[skipped]} already done"),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self._task = self._progress.add_task("batch", total=total, rates="", errors=0, skipped=0)

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._progress.stop()

    def __call__(self, counts: BatchCounts) -> None:
        not_needed = counts.skipped + counts.duplicates
        self._progress.update(
            self._task,
            total=max(0, self._total - not_needed),
            completed=counts.audited + counts.errors,
            rates=f"{counts.docs_per_second:.1f} docs/s, {counts.pages_per_second:.1f} pages/s",
            errors=counts.errors,
            skipped=not_needed,
        )


def stderr_console() -> Console:
    """A rich Console on stderr that never wraps a line when stderr is not a terminal (a log, a pipe, a test):
    rich would otherwise fold at 80 columns, in the middle of a long path."""
    console = Console(stderr=True)
    console.soft_wrap = not console.is_terminal
    return console


def summary_text(counts: BatchCounts, db: Path) -> str:
    """The lines printed when a batch ends."""
    lines = [
        f"audited {counts.audited:,} document(s), {counts.pages:,} page(s), in {counts.seconds:.1f} s "
        f"({counts.docs_per_second:.2f} docs/s, {counts.pages_per_second:.2f} pages/s)",
        f"errors: {counts.errors:,} (stored as rows; see `tenderlens export --db {db}`)",
    ]
    if counts.skipped:
        lines.append(f"skipped: {counts.skipped:,} already in {db} (use --force to redo them)")
    if counts.duplicates:
        lines.append(f"duplicates: {counts.duplicates:,} input(s) with the same bytes as another, audited once")
    if counts.peak_rss_mb:
        lines.append(f"peak memory of a worker: {counts.peak_rss_mb:,.0f} MB")
    lines.append(f"results: {db}")
    return "\n".join(lines)
