"""Report stage: build the :class:`~tenderlens.model.Report` and render it (JSON, Markdown, HTML, text), plus
the pre-publication gate used by ``--fail-on``.

``build`` assembles the report from the stage outputs; ``json``, ``markdown``, ``html`` and ``text`` read only
the Report; ``schema`` generates the JSON Schema of the JSON form; ``wording`` holds the words they share.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import Report
from tenderlens.report.gate import GATE_VALUES, fail_on_values, gate

# Renderers are imported when first used: HTML needs Jinja2 and text needs rich, which a JSON scan never loads.
_RENDERERS = {"to_json": "json", "to_markdown": "markdown", "to_html": "html", "to_text": "text"}


def _lazy(function: str) -> Callable[[Report], str]:
    def renderer(report: Report) -> str:
        return str(__getattr__(function)(report))

    renderer.__name__ = function
    return renderer


FORMATS: dict[str, Callable[[Report], str]] = {
    "json": _lazy("to_json"),
    "md": _lazy("to_markdown"),
    "html": _lazy("to_html"),
    "text": _lazy("to_text"),
}


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt``: ``json``, ``md``, ``html`` or ``text``.

    Raises:
        BadArgumentsError: an unknown format.
    """
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise BadArgumentsError(f"Unknown report format {fmt!r}; use {', '.join(FORMATS)}.") from None
    return renderer(report)


def __getattr__(name: str) -> Any:
    if name in _RENDERERS:
        return getattr(import_module(f"tenderlens.report.{_RENDERERS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "GATE_VALUES", "fail_on_values", "gate", "render", "to_html", "to_json", "to_markdown", "to_text"]
