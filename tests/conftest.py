"""Shared pytest fixtures: real documents written by the builder modules into temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pdf_builders

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder beside the checkout (skips when it is absent)."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def clauses_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three text pages of headings and numbered clauses (see ``pdf_builders.clause_layout``)."""
    return pdf_builders.build_clauses_pdf(tmp_path_factory.mktemp("pdf") / "clauses.pdf", pages=3)


@pytest.fixture(scope="session")
def two_column_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page whose two columns are written row by row across both columns."""
    return pdf_builders.build_two_column_pdf(tmp_path_factory.mktemp("pdf") / "two-column.pdf")


@pytest.fixture(scope="session")
def table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sentence followed by a ruled award-criteria table."""
    return pdf_builders.build_table_pdf(tmp_path_factory.mktemp("pdf") / "table.pdf")


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clauses page rasterised to an image-only PDF (no text layer): needs OCR."""
    folder = tmp_path_factory.mktemp("pdf")
    source = pdf_builders.build_clauses_pdf(folder / "source.pdf", pages=1)
    return pdf_builders.rasterise_pdf(source, folder / "scanned.pdf")


@pytest.fixture(scope="session")
def mixed_pdf(tmp_path_factory: pytest.TempPathFactory, scanned_pdf: Path) -> Path:
    """Page 1 from a text layer, page 2 scanned (image only), page 3 text again."""
    folder = tmp_path_factory.mktemp("pdf")
    text = pdf_builders.build_clauses_pdf(folder / "text.pdf", pages=1)
    return pdf_builders.join_pdfs(folder / "mixed.pdf", text, scanned_pdf, text)


@pytest.fixture(scope="session")
def tender_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Word tender with header/footer, numbering, a table, redactions and a page break."""
    return pdf_builders.build_docx(tmp_path_factory.mktemp("docx") / "tender.docx")


# Headless Chromium for the browser tests (report and web app). Debian's chromium is installed by
# scripts/setup.sh --test; Playwright drives it and never downloads a browser. Nothing may reach out: no
# component updates, no sync, no background requests.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A Playwright Chromium browser; skipped outside CI when Chromium is absent, a failure in CI."""
    if not CHROMIUM.exists():
        if not os.environ.get("CI"):
            pytest.skip(f"{CHROMIUM} is not installed (apt install chromium); CI installs it")
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
