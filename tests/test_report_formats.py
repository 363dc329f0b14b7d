"""The Markdown and terminal faces: the same report content, with document text that cannot break out of its
place (Markdown markup, table pipes, rich markup)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from report_builders import HOSTILE, make_report
from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import Ground
from tenderlens.report import FORMATS, render
from tenderlens.report.markdown import md_escape
from tenderlens.report.text import to_text


def test_markdown_has_verdict_table_and_sections() -> None:
    md = render(make_report(), "md")
    assert md.startswith("# TenderLens report: Draft ITT \\<b\\>AI triage\\</b\\>\n")
    assert "**3 of 4 applicable safeguards need attention.**" in md
    assert "| Explainability of automated decisions | ✗ Contrary | p. 3, clause 4.2 |" in md
    assert "| Accessibility and digital inclusion | ! Missing | none found |" in md
    for heading in (
        "## What to do first",
        "## Safeguards",
        "## Redaction",
        "## Social value weighting",
        "## Placeholders",
    ):
        assert f"\n{heading}\n" in md
    assert "- Page 2: “Northern Data Hosting Ltd”" in md
    assert "Weighting: **5%**" in md


def test_markdown_escapes_document_text() -> None:
    md = render(make_report(quote=HOSTILE), "md")
    assert not re.search(r"(?<!\\)[<>]", md.replace("\n> ", "\n").replace("\n>\n", "\n"))  # no raw HTML
    assert "\\<script\\>" in md
    assert "\\*this\\* \\| pipe" in md  # no emphasis, and the pipe cannot split a table row
    for line in md.splitlines():
        if line.startswith("| Explainability"):
            assert line.count(" | ") == 2


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a_b*c", "a\\_b\\*c"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("# heading\nnext line", "\\# heading next line"),
        ("`code` ~strike~ <b>", "\\`code\\` \\~strike\\~ \\<b\\>"),
        ("back\\slash | pipe", "back\\\\slash \\| pipe"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_terminal_text_prints_markup_as_written() -> None:
    text = to_text(make_report(quote=HOSTILE), width=100)
    assert "\x1b[" not in text
    assert "[bold]not[/bold]" in text and "<script>" in text
    assert "3 of 4 applicable safeguards need attention." in text
    assert "✗ Contrary" in text and "LEAK p. 2: Northern Data Hosting Ltd" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_terminal_colour_on_request() -> None:
    assert "\x1b[" in to_text(make_report(), color=True)


def test_every_format_renders_and_unknown_is_refused() -> None:
    report = make_report()
    assert set(FORMATS) == {"json", "md", "html", "text"}
    for fmt in FORMATS:
        assert "Northern Data Hosting Ltd" in render(report, fmt)
    with pytest.raises(BadArgumentsError, match="Unknown report format 'pdf'"):
        render(report, "pdf")


def test_grounds_cited_in_one_sentence_are_listed_once() -> None:
    report = make_report()
    quote = "Withheld under section 43 or section 40."
    grounds = (
        Ground("FOIA s.43", "FOIA s.43: Commercial interests", 2, quote),
        Ground("FOIA s.40", "FOIA s.40: Personal information", 2, quote),
    )
    report = replace(report, redaction=replace(report.redaction, grounds=grounds))
    md = render(report, "md")
    assert md.count(quote) == 1
    assert f"- FOIA s.43: Commercial interests; FOIA s.40: Personal information (page 2): “{quote}”" in md
    assert render(report, "html").count(quote) == 1
