"""The HTML report in a real browser (headless Chromium driven by Playwright): the verdict, the safeguards
table and the leak warning are visible, document text holding <script> shows as text and never runs, nothing
is fetched from the network, status colours meet WCAG AA contrast, the page reflows at 320 px and prints
without its navigation. Run on a built report, on every example document and on a generated hostile PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import tenderlens
from report_builders import SCRIPT, make_report
from tenderlens.report import render

pytestmark = pytest.mark.browser

# WCAG contrast of every text element against the background it is painted on (walking up to the first
# opaque ancestor). Large text (>= 24px, or >= 18.66px bold) needs 3:1, the rest 4.5:1.
CONTRAST_JS = """
() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const st = getComputedStyle(el);
    if (!own || st.visibility === 'hidden' || st.display === 'none' || el.closest('svg')) continue;
    const a = lum(rgb(st.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) failures.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} < ${need}`);
  }
  return failures;
}
"""


def open_report(browser: Browser, html: str, tmp_path: Path) -> tuple[Page, list[str]]:
    """Load the report from a file:// URL; also return the list of every URL the page requests."""
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, requests


def assert_readable_and_inert(page: Page, requests: list[str], leak: bool) -> None:
    verdict = page.get_by_test_id("verdict")
    assert verdict.is_visible() and "safeguard" in verdict.inner_text()
    table = page.get_by_test_id("safeguards")
    assert table.is_visible() and table.locator("tbody tr").count() == 5
    assert table.locator("tbody tr").first.locator("td").first.inner_text().strip()  # a status word, not colour only
    assert page.get_by_test_id("leak-warning").is_visible() is leak
    assert page.evaluate("window.__pwned") is None
    assert requests == [page.url], f"the report fetched {requests[1:]}"
    assert page.evaluate(CONTRAST_JS) == []


def test_built_report_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    page, requests = open_report(browser, render(make_report(), "html"), tmp_path)
    assert_readable_and_inert(page, requests, leak=True)
    assert page.get_by_text(SCRIPT).first.is_visible()  # the injected script is shown as text
    assert page.get_by_text("3 of 4 applicable safeguards need attention.").is_visible()

    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "Skip to the report" and focused[1] >= 0

    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page must reflow at 320 px"

    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.close()


def hostile_pdf(path: Path) -> Path:
    """A draft with a <script> string inside a placeholder (the report always quotes placeholders) and a black
    box drawn over text that is still there."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(56, 780, "Invitation to Tender: Resident Chatbot")
    canvas.setFont("Helvetica", 10)
    lines = [
        "1.1 The Council invites tenders for an AI chatbot that answers residents' questions on its website.",
        f"1.2 The Supplier shall log every message in the case system [Insert system name {SCRIPT}].",
        "1.3 The chatbot's hosting subcontractor is Secret Hosting Ltd.",
        "2.1 Tenders will be evaluated on Quality 60%, Price 30% and Social Value 10%.",
    ]
    for i, line in enumerate(lines):
        canvas.drawString(56, 740 - 18 * i, line)
    width = canvas.stringWidth("Secret Hosting Ltd", "Helvetica", 10)
    x = 56 + canvas.stringWidth("1.3 The chatbot's hosting subcontractor is ", "Helvetica", 10)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(x - 1, 740 - 36 - 3, width + 2, 13, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return path


@pytest.mark.slow
def test_hostile_pdf_end_to_end(browser: Browser, tmp_path: Path) -> None:
    report = tenderlens.audit(hostile_pdf(tmp_path / "hostile.pdf"))
    assert report.redaction.leaky, "the black box over live text must be found as a leak"
    assert any(SCRIPT in p.quote for p in report.placeholders)
    page, requests = open_report(browser, render(report, "html"), tmp_path)
    assert_readable_and_inert(page, requests, leak=True)
    assert page.get_by_text(SCRIPT).first.is_visible()
    page.close()


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".pdf", ".docx", ".txt", ".md"))


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_example_document_in_the_browser(browser: Browser, tmp_path: Path, example: Path) -> None:
    report = tenderlens.audit(example)
    page, requests = open_report(browser, render(report, "html"), tmp_path)
    assert_readable_and_inert(page, requests, leak=bool(report.redaction.leaky))
    if example.name == "redacted-contract.pdf":
        assert report.redaction.leaky and page.get_by_test_id("leaks").is_visible()
    page.close()
