"""The HTML report as a file: document text is escaped, nothing is loaded from outside, the verdict and the
safeguards table are there, and the structure an assistive technology needs (lang, landmarks, headings in
order, table headers, a labelled chart) is in place."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from report_builders import HOSTILE, IMG, SCRIPT, clean_report, make_report
from tenderlens.report import render
from tenderlens.report.html import redaction_chart


class Page(HTMLParser):
    """Collects tags, attributes, headings, text and table rows of one HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_text = int(tag[1]), []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading, " ".join("".join(self._heading_text).split())))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading:
            self._heading_text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def all_text(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def html() -> str:
    return render(make_report(), "html")


def test_document_text_is_escaped(html: str) -> None:
    assert "<script" not in html.lower()
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;b&gt;AI triage&lt;/b&gt;" in html  # the title too
    page = Page(html)
    assert SCRIPT in page.all_text() and IMG in page.all_text()  # shown as text, character for character
    assert not [t for t, _ in page.tags if t in ("script", "img", "iframe", "object", "embed", "b")]


def test_self_contained(html: str) -> None:
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "xlink:href", "data", "poster"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), f"<{tag} {name}={value!r}> loads from outside"
            assert not value.startswith(("javascript:", "file:")), value
    assert not [t for t, _ in page.tags if t in ("link", "script", "iframe", "base")]
    assert "url(" not in html and "@import" not in html
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp["content"] or "")


def test_verdict_actions_and_safeguards_table(html: str) -> None:
    page = Page(html)
    text = page.all_text()
    assert "3 of 4 applicable safeguards need attention." in text
    assert "Score: 37.5 out of 100" in text
    assert "Warning: 1 redaction leaks the hidden text." in text
    table = next(i for i, r in enumerate(page.rows) if r[:2] == ["Safeguard", "Status"])
    body = page.rows[table + 1 : table + 6]
    assert [(r[0], r[1]) for r in body] == [
        ("Explainability of automated decisions", "✗ Contrary"),
        ("Ownership and control of public data", "◐ Partial"),
        ("Freedom of Information and contract transparency", "✓ Present"),
        ("Accessibility and digital inclusion", "! Missing"),
        ("Evaluation of impact and performance", "– Not applicable"),
    ]
    assert body[0][3] == "Page 3, clause 4.2" and body[3][3] == "None found"


def test_each_gap_has_evidence_suggestion_why_and_questions(html: str) -> None:
    report = make_report()
    text = Page(html).all_text()
    for f in report.findings:
        assert f.title in text
        if f.status in ("missing", "partial", "contrary"):
            assert " ".join((f.suggestion or "").split()) in text
            assert " ".join(f.why_it_matters.split()) in text
            assert all(q in text for q in f.questions)
    assert "Page 3, clause 4.2 · contrary · individual explanation" in text
    assert "No clause found. Looked for: WCAG 2.2 AA" in text


def test_redaction_leak_social_value_and_placeholders(html: str) -> None:
    text = Page(html).all_text()
    assert "Page 2: “Northern Data Hosting Ltd”" in text
    assert "14% of the document is redacted: 4 boxes and 1 text marker" in text
    assert "FOIA s.43 Commercial interests" in text
    assert "Below minimum Less than the 10% minimum." in text and "5%" in text
    assert "[Insert contract start date]" in text
    assert "Public Services (Social Value) Act 2012" in text  # the section's own why-line


def test_accessible_structure(html: str) -> None:
    page = Page(html)
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag["lang"] == "en"
    names = [t for t, _ in page.tags]
    assert {"header", "nav", "main", "footer"} <= set(names)
    assert page.tags[names.index("a")][1]["href"] == "#main"  # the skip link comes first
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), page.headings
    svg = next(a for t, a in page.tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "chart-title chart-desc"
    assert all(a.get("scope") in ("col", "row") for t, a in page.tags if t == "th")
    assert names.count("caption") == names.count("table")


def test_print_styles_present(html: str) -> None:
    assert "@media print" in html and "print-color-adjust: exact" in html


def test_clean_report_reads_as_all_clear() -> None:
    text = Page(render(clean_report(), "html")).all_text()
    assert "All 5 applicable safeguards are in place." in text
    assert "leaks the hidden text" not in text and "Leaking redactions" not in text
    assert "No page has a redaction." in text
    assert "None found: no “[Insert …]”" in text


def test_chart_bars_scale_with_the_share_redacted() -> None:
    chart = redaction_chart(make_report(pages=40).redaction)
    bars = {b.page: b for b in chart.bars}
    assert len(bars) == 40
    assert bars[1].height == 0 and bars[2].height > 0 and bars[3].height == pytest.approx(chart.plot_height / 2)
    assert bars[2].leak and not bars[3].leak
    assert sum(b.show_page for b in chart.bars) <= 25 and bars[1].show_page and bars[40].show_page
    assert all(chart.left <= b.x and b.x + b.width <= chart.left + chart.plot_width for b in chart.bars)


def test_hostile_text_in_every_field_is_escaped() -> None:
    report = make_report(quote=HOSTILE, title=SCRIPT, leak_text=SCRIPT, placeholder=f"[Insert {SCRIPT}]")
    html = render(report, "html")
    assert "<script" not in html.lower()
    assert html.count("&lt;script&gt;") >= 5


def test_what_was_searched_for_is_said_once() -> None:
    report = make_report()
    searched = report.finding("inclusion").searched_for
    reason = f"Searched 40 sentences and found nothing. Looked for: {'; '.join(searched)}."
    findings = tuple(replace(f, reason=reason) if f.category == "inclusion" else f for f in report.findings)
    report = replace(report, findings=findings)
    assert render(report, "html").count(searched[0]) == 1
    assert render(report, "md").count(searched[0]) == 1
