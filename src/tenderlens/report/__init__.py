"""Report stage: build the :class:`~tenderlens.model.Report` and render it (JSON, Markdown, HTML, text), plus
the pre-publication gate used by ``--fail-on``.

``build`` assembles the report from the stage outputs; ``json``, ``markdown``, ``html`` and ``text`` read only
the Report; ``schema`` generates the JSON Schema of the JSON form; ``wording`` holds the words they share.
"""

from __future__ import annotations

from collections.abc import Callable

from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import Report
from tenderlens.report.gate import GATE_VALUES, gate
from tenderlens.report.html import to_html
from tenderlens.report.json import to_json
from tenderlens.report.markdown import to_markdown
from tenderlens.report.text import to_text

FORMATS: dict[str, Callable[[Report], str]] = {
    "json": to_json,
    "md": to_markdown,
    "html": to_html,
    "text": to_text,
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


__all__ = ["FORMATS", "GATE_VALUES", "gate", "render", "to_html", "to_json", "to_markdown", "to_text"]
