"""One regression test per fixed bug, named after the bug (pdfplumber's test_issues.py). Say where it was found."""

from __future__ import annotations

import pytest

from tenderlens import __version__
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode


@pytest.mark.parametrize(
    "argv",
    [["scan", "x.pdf", "--ocr", "bogus"], ["scan", "x.pdf", "--no-such-option"], ["no-such-command"], ["scan"]],
    ids=["bad-choice", "unknown-option", "unknown-command", "missing-argument"],
)
def test_usage_error_is_bad_args_not_internal_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: Typer >= 0.26 vendors Click, so ``except click.ClickException`` in cli.run never matched and
    every usage error ended as "internal error", exit 15."""
    assert run(argv) == ExitCode.bad_args
    err = capsys.readouterr().err
    assert err.startswith("tenderlens: ") and "internal error" not in err
    assert len(err.strip().splitlines()) == 1


def test_version_flag_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: ``tenderlens --version`` stopped at "Missing command" (exit 15) before the callback ran."""
    assert run(["--version"]) == ExitCode.ok
    assert capsys.readouterr().out.strip() == f"tenderlens {__version__}"


def test_batch_status_line_is_not_wrapped_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: the Ctrl-C line "interrupted: finished documents are in PATH; run the same command to resume"
    was folded at 80 columns in the middle of a long path, so logs (and the resume test, from a clone in a
    deep folder) could not find it."""
    from tenderlens.batch.progress import BatchProgress

    line = "interrupted: finished documents are in /" + "deep/" * 40 + "results.sqlite; run the same command to resume"
    with BatchProgress(10) as progress:
        progress.console.print(line)
    assert capsys.readouterr().err == line + "\n"
