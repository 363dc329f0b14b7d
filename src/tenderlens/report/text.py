"""Report stage, terminal face: the report laid out with rich (panels, a table of safeguards, quotes).

Document text goes in as :class:`rich.text.Text`, never as markup, so "[bold]" in a contract prints as
written.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tenderlens.model import Evidence, Leak, Report
from tenderlens.report.wording import (
    STATUS_WORDS,
    THEME_LABELS,
    humanise,
    percent,
    redaction_summary,
    title_of,
)

_STYLE = {
    "present": "green",
    "partial": "yellow",
    "contrary": "bold red",
    "missing": "red",
    "not_applicable": "dim",
}


def to_text(report: Report, color: bool = False, width: int = 100) -> str:
    """The report as terminal text; ``color=True`` adds ANSI colours (for an interactive terminal)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    for part in _parts(report):
        console.print(part)
    return out.getvalue()


def _parts(report: Report) -> list[RenderableType]:
    s = report.summary
    verdict = Text(s.verdict, style="bold")
    verdict.append(f"\nScore {s.score:g}/100. ", style="bold")
    verdict.append(s.score_explained)
    if report.redaction.leaky:
        verdict.append(f"\nWarning: {len(report.redaction.leaky)} redaction(s) leak the hidden text.", style="bold red")
    for i, action in enumerate(s.top_actions, 1):
        verdict.append(f"\n{i}. {action.text}")
    parts: list[RenderableType] = [
        Panel(verdict, title=Text(title_of(report)), title_align="left"),
        _table(report),
    ]
    for f in report.findings:
        if f.status in ("present", "not_applicable"):
            continue
        body: list[RenderableType] = [Text(f.reason)]
        body += _quotes(f.evidence)
        if f.suggestion:
            body.append(Text.assemble(("What to add: ", "bold"), f.suggestion))
        body.append(Text.assemble(("Why it matters: ", "bold"), f.why_it_matters))
        body += [Text(f"- {q}") for q in f.questions]
        parts.append(Panel(Group(*body), title=_status(f.status) + Text(f" {f.title}"), title_align="left"))
    parts.append(_redaction(report))
    parts.append(_social_value(report))
    if report.placeholders:
        lines = [Text(f"{p.where('p.')}: {p.quote}") for p in report.placeholders]
        parts.append(Panel(Group(*lines), title="Placeholders left in the draft", title_align="left"))
    return parts


def _table(report: Report) -> Table:
    table = Table(title="Safeguards", title_justify="left", expand=True)
    table.add_column("Safeguard")
    table.add_column("Status", no_wrap=True)
    table.add_column("Evidence")
    for f in report.findings:
        where = "; ".join(_where(e) for e in f.evidence[:3]) or "none found"
        table.add_row(Text(f.title), _status(f.status), Text(where))
    return table


def _redaction(report: Report) -> Panel:
    r = report.redaction
    body: list[RenderableType] = [Text(redaction_summary(report))]
    body += [Text(f"LEAK {_leak_where(leak)}: {leak.text}", style="bold red") for leak in r.leaky]
    pages = [p for p in r.pages if p.fraction > 0 or p.boxes]
    body += [Text(f"p. {p.page}: {percent(p.fraction)} redacted, {p.boxes} box(es)") for p in pages]
    return Panel(Group(*body), title="Redaction", title_align="left")


def _leak_where(leak: Leak) -> str:
    page = f"p. {leak.page}" if leak.page is not None else ""
    return page if leak.kind == "under_box" else f"{page} ({leak.found_in})".strip()


def _social_value(report: Report) -> Panel:
    sv = report.social_value
    stated = f"{sv.weighting_percent:g}%" if sv.weighting_percent is not None else "not stated"
    style = {True: "green", False: "red", None: "dim"}[sv.meets_minimum]
    themes = ", ".join(THEME_LABELS.get(t, humanise(t)) for t in sv.themes) or "none"
    body: list[RenderableType] = [
        Text.assemble(("Weighting: ", "bold"), (stated, style), f". {sv.reason}"),
        *_quotes(sv.evidence),
        Text(f"Responsible-technology themes: {themes}."),
    ]
    return Panel(Group(*body), title="Social value", title_align="left")


def _quotes(evidence: tuple[Evidence, ...]) -> list[Text]:
    return [Text.assemble(("  “", "dim"), e.quote, ("” ", "dim"), (_where(e), "dim")) for e in evidence]


def _where(e: Evidence) -> str:
    return e.where("p.", "cl.")


def _status(status: str) -> Text:
    word = STATUS_WORDS[status]
    return Text(f"{word.icon} {word.label}", style=_STYLE[status])
