"""Report stage, Markdown face: the report for pasting into a ticket or an email. Document text is escaped,
so a quote holding ``<script>``, ``*`` or ``|`` shows as written and cannot break a table."""

from __future__ import annotations

import re

from tenderlens.model import Evidence, Leak, Report
from tenderlens.report.leaks import leaks_by_kind
from tenderlens.report.wording import (
    PLACEHOLDERS_WHY,
    REDACTION_WHY,
    SOCIAL_VALUE_QUESTIONS,
    SOCIAL_VALUE_WHY,
    STATUS_WORDS,
    THEME_LABELS,
    grouped_grounds,
    humanise,
    percent,
    redaction_summary,
    title_of,
)

# The characters CommonMark (and GitHub/GitLab tables) read as emphasis, links, raw HTML, headings, table
# cells or strike-through. Our own line prefixes ("> ", "- ") keep list and quote markers out of column 0.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Text safe to put anywhere in Markdown, table cells included: one line, markup characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    lines: list[str] = [f"# TenderLens report: {md_escape(title_of(report))}", ""]
    lines += _verdict(report)
    lines += ["## Safeguards", "", "| Safeguard | Status | Evidence |", "| --- | --- | --- |"]
    for f in report.findings:
        where = "; ".join(_where(e) for e in f.evidence[:3]) or "none found"
        lines.append(f"| {md_escape(f.title)} | {_status(f.status)} | {where} |")
    lines.append("")
    for f in report.findings:
        lines += [f"### {md_escape(f.title)}: {_status(f.status)}", "", md_escape(f.reason), ""]
        lines += _quotes(f.evidence)
        # The clauses stage may already list what it searched for in its reason; say it once.
        if not f.evidence and f.status != "not_applicable" and f.searched_for and f.searched_for[0] not in f.reason:
            lines += [f"No clause found. Looked for: {md_escape('; '.join(f.searched_for))}.", ""]
        if f.suggestion:
            lines += ["**What to add:**", "", f"> {md_escape(f.suggestion)}", ""]
        if f.status != "not_applicable":
            lines += [f"**Why it matters:** {md_escape(f.why_it_matters)}", ""]
        if f.questions:
            lines += ["**What could go wrong for people?**", ""]
            lines += [f"- {md_escape(q)}" for q in f.questions] + [""]
    lines += _redaction(report) + _social_value(report) + _placeholders(report)
    lines += [
        "---",
        "",
        f"TenderLens {report.tenderlens_version} · checklist {md_escape(report.checklist_version)} · engine "
        f"{md_escape(report.engine)} · {report.document.pages} pages · SHA-256 {report.document.sha256}.",
        "Automated reading: check each quote against the document before acting.",
    ]
    return "\n".join(lines) + "\n"


def _verdict(report: Report) -> list[str]:
    s = report.summary
    counts = ", ".join(f"{n} {STATUS_WORDS[k].label.lower()}" for k, n in s.counts.items() if n)
    lines = [
        f"**{md_escape(s.verdict)}** ({counts})",
        "",
        f"Score: **{s.score:g}/100**. {md_escape(s.score_explained)}",
        "",
    ]
    if report.redaction.leaky:
        lines += [
            f"> **Warning:** {len(report.redaction.leaky)} redaction(s) leak the hidden text; see Redaction.",
            "",
        ]
    if s.top_actions:
        lines += ["## What to do first", ""]
        lines += [f"{i}. {md_escape(a.text)}" for i, a in enumerate(s.top_actions, 1)] + [""]
    return lines


def _redaction(report: Report) -> list[str]:
    r = report.redaction
    lines = ["## Redaction", "", md_escape(redaction_summary(report)), ""]
    if r.leaky:
        lines += ["**Leaking redactions** (the hidden text is still in the file):", ""]
        for heading, leaks in leaks_by_kind(r.leaky):
            lines += [f"### {heading}", ""] + [f"- {_leak_line(leak)}" for leak in leaks] + [""]
    redacted = [p for p in r.pages if p.fraction > 0 or p.boxes]
    if redacted:
        lines += ["| Page | Share redacted | Boxes |", "| ---: | ---: | ---: |"]
        lines += [f"| {p.page} | {percent(p.fraction)} | {p.boxes} |" for p in redacted] + [""]
    grounds = grouped_grounds(r)
    if grounds:
        lines += [f"- {md_escape(labels)} (page {page}): “{md_escape(quote)}”" for labels, page, quote in grounds]
        lines.append("")
    return [*lines, f"**Why it matters:** {md_escape(REDACTION_WHY)}", ""]


def _leak_line(leak: Leak) -> str:
    page = f"Page {leak.page}: " if leak.page is not None else ""
    where = "" if leak.kind == "under_box" else f" Found in {md_escape(leak.found_in)}. {md_escape(leak.fix)}"
    return f"{page}“{md_escape(leak.text)}”{where}"


def _social_value(report: Report) -> list[str]:
    sv = report.social_value
    stated = f"**{sv.weighting_percent:g}%**" if sv.weighting_percent is not None else "**not stated**"
    themes = ", ".join(THEME_LABELS.get(t, humanise(t)) for t in sv.themes) or "none"
    lines = ["## Social value weighting", "", f"Weighting: {stated}. {md_escape(sv.reason)}", ""]
    lines += _quotes(sv.evidence)
    lines += [f"Responsible-technology themes in the social-value criteria: {md_escape(themes)}.", ""]
    lines += [f"**Why it matters:** {md_escape(SOCIAL_VALUE_WHY)}", ""]
    if sv.meets_minimum is False:
        lines += [f"- {md_escape(q)}" for q in SOCIAL_VALUE_QUESTIONS] + [""]
    return lines


def _placeholders(report: Report) -> list[str]:
    if not report.placeholders:
        return ["## Placeholders", "", "None found.", ""]
    lines = [
        "## Placeholders",
        "",
        md_escape(PLACEHOLDERS_WHY),
        "",
        "| Page | Clause | Text |",
        "| ---: | --- | --- |",
    ]
    for p in report.placeholders:
        lines.append(f"| {p.page} | {md_escape(p.clause or '–')} | {md_escape(p.quote)} |")
    return [*lines, ""]


def _quotes(evidence: tuple[Evidence, ...]) -> list[str]:
    lines = []
    for e in evidence:
        lines += [f"> {md_escape(e.quote)}", ">", f"> — {_where(e)}", ""]
    return lines


def _where(e: Evidence) -> str:
    return md_escape(e.where("p."))


def _status(status: str) -> str:
    word = STATUS_WORDS[status]
    return f"{word.icon} {word.label}"
