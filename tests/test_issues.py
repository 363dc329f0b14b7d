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
