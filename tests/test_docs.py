"""The README is the manual: it must name every exit code, category id, CLI command and checklist field."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from tenderlens.clauses.checklist import bundled_text
from tenderlens.cli import app
from tenderlens.exceptions import ExitCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_exit_code_is_documented() -> None:
    for code in ExitCode:
        assert f"| {int(code)} | `{code.name}` |" in README, code


def test_every_category_id_is_documented() -> None:
    raw = yaml.safe_load(bundled_text())
    for category in raw["categories"]:
        assert f"`{category['id']}`" in README, category["id"]
    for extra in ("social_value_weighting", "redaction"):
        assert f"`{extra}`" in README


def test_every_cli_command_is_documented() -> None:
    command = typer.main.get_command(app)
    names = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        children = getattr(sub, "commands", None)
        names += [f"tenderlens {name} {child}" for child in children] if children else [f"tenderlens {name}"]
    assert len(names) >= 10
    for name in names:
        assert f"`{name}" in README, name


def test_every_checklist_field_is_documented() -> None:
    raw = yaml.safe_load(bundled_text())
    fields = set(raw) | {f for c in raw["categories"] for f in c} | {f for s in raw["scopes"] for f in s}
    fields |= set(raw["modality"]) | set(raw["social_value"]) | {f for p in raw["placeholders"] for f in p}
    for name in sorted(fields):
        assert f"`{name}`" in README or f".{name}`" in README or f"`{name}[]`" in README, name
