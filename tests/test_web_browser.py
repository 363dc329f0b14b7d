"""The web page end to end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): upload an
example draft and read the verdict, with the mouse, with the keyboard only, by drag and drop and without
JavaScript; errors are announced; labels and colour contrast meet WCAG 2.2 AA."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Route, expect

import web_builders
from tenderlens import audit
from tenderlens.web.app import create_app
from tenderlens.web.settings import WebSettings

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "draft-tender-ai-triage.pdf"
AUDIT_TIMEOUT_MS = 60_000

# Every text node's colour against the first opaque background behind it: 4.5:1, or 3:1 for large text
# (24px, or 18.66px bold). Returns the failures as strings.
CONTRAST_JS = """
() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], .visually-hidden, svg")) continue;
    const a = lum(rgb(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const text = node.textContent.trim().slice(0, 40);
    if (ratio < needed) failures.push(`${ratio.toFixed(2)} < ${needed}: ${text}`);
  }
  return failures;
}
"""

FOCUS_ORDER_JS = """
() => {
  const positive = document.querySelector("[tabindex]:not([tabindex='-1']):not([tabindex='0'])");
  if (positive) return ["positive tabindex"];
  return [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex='0']")]
    .filter((el) => !el.disabled && el.getClientRects().length)
    .map((el) => [el.closest("main") ? "report" : el.closest(".tl-web") ? "bar" : "", el.textContent.trim()]);
}
"""

UNLABELLED_JS = """
() => [...document.querySelectorAll("input, select, textarea, button")]
  .filter((el) => el.type !== "hidden" && !(el.labels && el.labels.length) && !el.textContent.trim())
  .map((el) => el.outerHTML)
"""


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-work")


@pytest.fixture(scope="module")
def server(work_dir: Path) -> Iterator[str]:
    """uvicorn in a thread on 127.0.0.1, on a port the OS chose (the socket is bound before the server
    starts, so no other process can take the port in between)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(WebSettings(work_dir=work_dir)), log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    web.should_exit = True
    thread.join(timeout=20)
    sock.close()


@pytest.fixture(scope="module")
def expected_verdict() -> str:
    return audit(EXAMPLE).summary.verdict


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def assert_no_upload_left(work_dir: Path) -> None:
    assert list(work_dir.iterdir()) == [], "an upload outlived its request"


@pytest.mark.slow
def test_upload_shows_the_verdict_and_offers_downloads(
    page: Page, server: str, expected_verdict: str, work_dir: Path
) -> None:
    page.goto(server)
    page.set_input_files("#file", EXAMPLE)
    # Hold the upload until the busy message has been seen: the audit can now answer before a check could run.
    held: list[Route] = []
    page.route("**/scan", lambda route: held.append(route))
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("this can take a minute for scanned documents")
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    verdict = page.locator("[data-testid=verdict]")
    expect(verdict).to_have_text(expected_verdict, timeout=AUDIT_TIMEOUT_MS)
    # Focus moves to the report, as after a page load, so a screen reader starts reading it.
    assert page.evaluate("document.activeElement.id") == "main"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON report").click()
    assert download.value.suggested_filename == "draft-tender-ai-triage-tenderlens.json"
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert report["summary"]["verdict"] == expected_verdict
    assert report["document"]["path"] == EXAMPLE.name
    assert_no_upload_left(work_dir)


@pytest.mark.slow
def test_keyboard_only(page: Page, server: str, expected_verdict: str) -> None:
    page.goto(server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "file"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    with page.expect_file_chooser() as chooser:
        # Chromium opens the chooser on the Space key's release; without a pause between press and release
        # it sometimes misses it (about 1 in 8 runs).
        page.keyboard.press("Space", delay=100)
    chooser.value.set_files(EXAMPLE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "submit"
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=verdict]")).to_have_text(expected_verdict, timeout=AUDIT_TIMEOUT_MS)
    # Focus order is document order (no positive tabindex): the report's own skip link first, then the
    # download bar, then the report itself.
    stops: list[list[str]] = page.evaluate(FOCUS_ORDER_JS)
    assert stops[0] == ["", "Skip to the report"]
    regions = [region for region, _ in stops if region]
    assert regions[:4] == ["bar"] * 4 and set(regions[4:]) == {"report"}
    assert stops[[region for region, _ in stops].index("bar")][1].startswith("Download JSON report")


@pytest.mark.slow
def test_drag_and_drop(page: Page, server: str, tmp_path: Path) -> None:
    tender = web_builders.build_text_tender(tmp_path / "repairs.txt")
    page.goto(server)
    data = page.evaluate_handle(
        """(text) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], "repairs.txt", { type: "text/plain" }));
            return transfer;
        }""",
        tender.read_text(encoding="utf-8"),
    )
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": data})
    expect(page.locator("#status")).to_have_text("Selected repairs.txt.")
    page.click("#submit")
    expect(page.locator("[data-testid=verdict]")).to_have_text(audit(tender).summary.verdict, timeout=AUDIT_TIMEOUT_MS)


@pytest.mark.slow
def test_without_javascript_the_form_still_works(browser: Browser, server: str, expected_verdict: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server)
    page.set_input_files("#file", EXAMPLE)
    page.click("#submit")
    expect(page.locator("[data-testid=verdict]")).to_have_text(expected_verdict, timeout=AUDIT_TIMEOUT_MS)
    assert page.url.endswith("/scan")
    context.close()


def test_wrong_type_is_announced_and_focused(page: Page, server: str, tmp_path: Path, work_dir: Path) -> None:
    png = web_builders.build_png(tmp_path / "tender.pdf")
    page.goto(server)
    page.set_input_files("#file", png)
    page.click("#submit")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("PNG image")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    # The choice survives, so the user can fix it without starting again.
    assert page.evaluate("document.getElementById('file').files.length") == 1
    assert_no_upload_left(work_dir)


def test_missing_file_is_caught_before_upload(page: Page, server: str) -> None:
    page.goto(server)
    page.click("#submit")
    expect(page.locator("#error-message")).to_have_text("Choose a document to check.")
    assert page.evaluate("document.activeElement.id") == "file"


@pytest.mark.slow
def test_labels_and_contrast(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(server)
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert page.evaluate(UNLABELLED_JS) == []
    assert page.evaluate(CONTRAST_JS) == []
    page.click("#submit")
    assert page.evaluate(CONTRAST_JS) == [], "the error state"
    page.set_input_files("#file", web_builders.build_text_tender(tmp_path / "t.txt"))
    page.click("#submit")
    expect(page.locator("[data-testid=verdict]")).to_be_visible(timeout=AUDIT_TIMEOUT_MS)
    assert page.evaluate(CONTRAST_JS) == [], "the report page"
