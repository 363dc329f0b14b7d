"""Pack stage, faces: a :class:`PackReport` as JSON, Markdown, HTML or text.

The three human formats are written from one outline (headings, paragraphs, tables, lists), so they say the
same things in the same order; only the escaping differs. JSON is ``dataclasses.asdict``, the shape of
``schema/pack-report.schema.json``.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import CrossReference, PackEvidence, PackFinding, PackReport
from tenderlens.report.markdown import md_escape

Block = tuple[str, object]
"""("h1"|"h2"|"h3", text), ("p", text), ("ul", [text]) or ("table", Table)."""


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


def render_pack(report: PackReport, fmt: str) -> str:
    """The pack report in ``fmt``: ``json``, ``md``, ``html`` or ``text``.

    Raises:
        BadArgumentsError: an unknown format.
    """
    if fmt == "json":
        return json.dumps(dataclasses.asdict(report), indent=2, ensure_ascii=False)
    emitters: dict[str, Callable[[list[Block]], str]] = {"md": _markdown, "html": _html, "text": _text}
    if fmt not in emitters:
        raise BadArgumentsError(f"Unknown report format {fmt!r}; use json, {', '.join(emitters)}.")
    return emitters[fmt](outline(report))


def outline(report: PackReport) -> list[Block]:
    """What the human formats show, in order."""
    s = report.summary
    blocks: list[Block] = [
        ("h1", f"TenderLens pack report: {report.pack.path}"),
        (
            "p",
            f"{s.verdict} Score {s.score:g}/100. {report.pack.files} file(s) audited ({report.pack.pages} pages), "
            f"{report.pack.skipped} skipped.",
        ),
        ("ul", [a.text for a in s.top_actions]),
        ("h2", "Safeguards across the pack"),
        ("table", Table(("Safeguard", "Status", "Files with evidence"), [_row(f) for f in report.findings])),
    ]
    for f in report.findings:
        blocks += [("h3", f"{f.title}: {f.status.replace('_', ' ')}"), ("p", f.reason)]
        blocks.append(("ul", [_quote(e) for e in f.evidence]))
        if f.suggestion:
            blocks.append(("p", f"What to add: {f.suggestion}"))
    absent = [r for r in report.references if r.resolved_to is None]
    blocks += [("h2", "Documents cited but not in the pack"), ("ul", [_absent(r) for r in absent] or ["None."])]
    blocks += [("h2", "Social value"), ("p", report.social_value.reason)]
    r = report.redaction
    blocks += [
        ("h2", "Redaction"),
        ("p", f"{r.redacted_fraction:.1%} of {r.pages} pages redacted; {r.boxes} box(es), {r.leaks} leak(s)."),
        ("h2", "Files"),
        (
            "table",
            Table(
                ("File", "Pages", "Score", "Redacted", "Leaks", *(f.category for f in report.findings)),
                [
                    (
                        p.path,
                        str(p.pages),
                        f"{p.score:g}",
                        f"{p.redacted_fraction:.1%}",
                        str(p.leaks),
                        *(p.statuses.get(f.category, "") for f in report.findings),
                    )
                    for p in report.files
                ],
            ),
        ),
    ]
    if report.skipped:
        blocks += [("h2", "Skipped"), ("ul", [f"{k.path}: {k.reason}" for k in report.skipped])]
    return blocks


def _row(f: PackFinding) -> tuple[str, str, str]:
    files = ", ".join(f.files_with_evidence[:3]) + ("…" if len(f.files_with_evidence) > 3 else "")
    return (f.title, f.status.replace("_", " "), files or "none")


def _quote(e: PackEvidence) -> str:
    where = f"{e.file}, {e.where()}"
    target = f" (refers to {e.refers_to})" if e.refers_to else ""
    return f"[{e.status or 'context'}] {where}: “{e.quote}”{target}"


def _absent(r: CrossReference) -> str:
    where = f"{r.file}, {r.where()}"
    similar = f"; the pack has {r.similar}" if r.similar else ""
    return f"{r.cited_as}: cited {r.citations} time(s), first in {where}{similar}"


def _markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3"):
            out += ["#" * int(kind[1]) + " " + md_escape(str(value)), ""]
        elif kind == "p":
            out += [md_escape(str(value)), ""]
        elif kind == "ul":
            out += [f"- {md_escape(item)}" for item in _items(value)] + [""]
        elif isinstance(value, Table):
            out.append("| " + " | ".join(md_escape(h) for h in value.headers) + " |")
            out.append("|" + " --- |" * len(value.headers))
            out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in value.rows]
            out.append("")
    return "\n".join(out)


def _text(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3"):
            text = str(value)
            out += [text, ("=" if kind == "h1" else "-") * len(text)] if kind != "h3" else [f"* {text}"]
        elif kind == "p":
            out += [str(value), ""]
        elif kind == "ul":
            out += [f"  - {item}" for item in _items(value)] + [""]
        elif isinstance(value, Table):
            out += ["  " + " | ".join(row) for row in (value.headers, *value.rows)] + [""]
    return "\n".join(out)


def _html(blocks: list[Block]) -> str:
    esc = html.escape
    body: list[str] = []
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            body.append(f"<{kind}>{esc(str(value))}</{kind}>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in _items(value)) + "</ul>")
        elif isinstance(value, Table):
            head = "".join(f"<th>{esc(h)}</th>" for h in value.headers)
            rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in value.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    title = esc(str(blocks[0][1]))
    style = "body{font-family:sans-serif;max-width:70em;margin:auto}td,th{border:1px solid #999;padding:.2em .4em}"
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{style}</style></head><body><main id="main" tabindex="-1">\n'
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )


def _items(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
