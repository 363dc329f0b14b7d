"""The install is complete: every third-party package the code imports is declared in ``pyproject.toml``, and
the hand-written setuptools ``packages`` list names every package folder (``src/tenderlens/**``, ``models/``)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tenderlens"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_normal(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in requirements}


def _imports() -> dict[str, bool]:
    """Top-level name of every third-party import under src/ -> whether one of them is at module level."""
    found: dict[str, bool] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for root in {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - {"tenderlens"}:
                found[root] = found.get(root, False) or id(node) in module_level
    return found


def _distributions(module: str, installed: dict[str, list[str]]) -> set[str]:
    # An optional extra may not be installed here; its import name is then taken as its distribution name.
    return {_normal(d) for d in installed.get(module, [module])}


def test_every_imported_package_is_declared() -> None:
    """A module-level import needs a core dependency; a lazy import (inside a function) may come from an extra."""
    core = _names(PYPROJECT["project"]["dependencies"])
    extras = set().union(*(_names(r) for r in PYPROJECT["project"]["optional-dependencies"].values()))
    imports, installed = _imports(), packages_distributions()
    assert {"fastapi", "typer", "pydantic"} <= imports.keys()  # the scan sees the code
    undeclared = sorted(
        m for m, top in imports.items() if not _distributions(m, installed) & (core if top else core | extras)
    )
    assert undeclared == [], f"imported but not declared in pyproject.toml: {undeclared}"


def test_the_click_package_is_not_imported() -> None:
    """Typer >= 0.26 vendors Click: the click package's exceptions are not the ones Typer raises (issue 16)."""
    assert "click" not in _imports()


def _package_folders() -> set[str]:
    folders = {"tenderlens.models"} if (ROOT / "models" / "__init__.py").is_file() else set()
    for init in SRC.rglob("__init__.py"):
        relative = init.parent.relative_to(SRC.parent)
        if relative.parts[:2] != ("tenderlens", "models"):  # a local symlink to models/, installed from there
            folders.add(".".join(relative.parts))
    return folders


def test_setuptools_packages_list_every_package_folder() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert set(setuptools["packages"]) == _package_folders()
    assert setuptools["package-dir"] == {"": "src", "tenderlens.models": "models"}


@pytest.mark.parametrize("folder", sorted(p for p in SRC.rglob("*") if p.is_dir() and p.name != "__pycache__"))
def test_every_folder_with_code_is_a_package(folder: Path) -> None:
    """A folder of modules without ``__init__.py`` would be a namespace package that the list above misses."""
    if any(folder.glob("*.py")):
        assert (folder / "__init__.py").is_file()


def test_license_is_an_spdx_expression() -> None:
    """The table form (``{ text = ... }``) is deprecated and warns on every build."""
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
