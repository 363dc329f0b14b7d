"""Hidden-text leaks (issue 14): every place where text that the pages no longer show survives, found on a real
PDF fixture per kind (builders in tests/hidden_builders.py), plus the controls that must stay clean, and every
face the leaks reach (JSON, HTML, Markdown, gate, batch rows)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

import hidden_builders as hb
import redaction_builders as rb
from report_builders import make_report
from tenderlens.batch.store import Store
from tenderlens.batch.work import redaction_row
from tenderlens.ingest import read_document
from tenderlens.model import RedactionReport
from tenderlens.options import AuditOptions
from tenderlens.redaction import analyse
from tenderlens.redaction.hidden.objects import read_places
from tenderlens.redaction.hidden.revisions import removed_text
from tenderlens.report import render
from tenderlens.report.gate import gate
from tenderlens.segment import segment

PRICE = rb.SECRET
REDACTED = (rb.BODY[0], hb.REDACTED_LINE, *rb.BODY[2:])
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "report.schema.json"

Build = Callable[[Path], Path]


def report_for(path: Path) -> RedactionReport:
    document = read_document(path, AuditOptions(ocr="never"))
    return analyse(document, segment(document), AuditOptions())


LEAKY: dict[str, tuple[Build, str, int | None]] = {
    # kind -> (builder, recovered text, page)
    "earlier_revision": (lambda p: hb.append_revision(hb.clean_pdf(p), REDACTED, bar=True), PRICE, 1),
    "metadata": (lambda p: hb.with_metadata(hb.redacted_pdf(p), f"Price {PRICE}", "Contract"), f"Price {PRICE}", None),
    "outline": (lambda p: hb.with_bookmarks(hb.redacted_pdf(p), "Audit", f"Price: {PRICE}"), f"Price: {PRICE}", None),
    "annotation": (
        lambda p: hb.with_comment(hb.redacted_pdf(p), f"Agreed price {PRICE}, do not publish"),
        f"Agreed price {PRICE}, do not publish",
        1,
    ),
    "form_field": (lambda p: hb.with_field(hb.redacted_pdf(p), PRICE, hidden=True), PRICE, 1),
    "embedded_file": (
        lambda p: hb.with_attachment(hb.redacted_pdf(p), "unredacted.txt", "\n".join(rb.BODY)),
        PRICE,
        None,
    ),
    "actual_text": (lambda p: hb.with_tag(hb.redacted_pdf(p), PRICE), PRICE, 1),
    "image_over_text": (hb.picture_over_text, PRICE, 1),
    "invisible_text": (lambda p: hb.invisible_words(p, "white"), PRICE, 1),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hidden")


@pytest.mark.parametrize("kind", sorted(LEAKY))
def test_each_hidden_place_leaks_on_its_fixture(folder: Path, kind: str) -> None:
    build, text, page = LEAKY[kind]
    report = report_for(build(folder / f"{kind}.pdf"))
    hidden = [leak for leak in report.leaky if leak.kind == kind]
    assert [(leak.text, leak.page) for leak in hidden] == [(text, page)], report.leaky
    assert {leak.kind for leak in report.leaky} == {kind}  # nothing else in the file is reported
    assert hidden[0].found_in and hidden[0].fix


def test_earlier_revision_names_the_revision(folder: Path) -> None:
    report = report_for(hb.append_revision(hb.clean_pdf(folder / "revised.pdf"), REDACTED, bar=True))
    (leak,) = report.leaky
    assert leak.found_in.startswith("an earlier revision kept by an incremental save: revision 1 of 2")


def test_invisible_render_mode_text_leaks_too(folder: Path) -> None:
    report = report_for(hb.invisible_words(folder / "mode3.pdf", "invisible"))
    assert [(leak.kind, leak.text) for leak in report.leaky] == [("invisible_text", PRICE)]


def test_unapplied_redact_annotation_and_ocr_layer_kinds(folder: Path) -> None:
    redact = report_for(rb.annotated_pdf(folder / "redact.pdf", "Redact", None))
    black = report_for(rb.annotated_pdf(folder / "black.pdf", "Highlight", (0, 0, 0)))
    scan = report_for(rb.scanned_page(folder / "scan.pdf"))
    assert [leak.kind for leak in redact.leaky] == ["redact_annotation"]
    assert [leak.kind for leak in black.leaky] == ["under_box"]  # a black highlight is a box like any other
    assert {leak.kind for leak in scan.leaky} == {"ocr_layer_under_box"}
    assert any("Authority may audit" in leak.text for leak in scan.leaky)


CONTROLS: dict[str, Build] = {
    # A document that withholds nothing reports nothing, whatever its hidden places hold.
    "unredacted-with-every-place-filled": lambda p: hb.with_tag(
        hb.with_attachment(
            hb.with_comment(
                hb.with_bookmarks(
                    hb.with_metadata(hb.clean_pdf(p), "Draft v3 for legal review", "Prepared by the commercial team"),
                    "Introduction",
                    "Annex: pricing model",
                ),
                "Check this with legal before signing",
            ),
            "notes.txt",
            "Internal notes: negotiate the service credits",
        ),
        "Bid evaluation",
    ),
    "incremental-save-that-only-adds": lambda p: hb.append_revision(
        hb.redacted_pdf(p), ("Filed 12 March 2026, document 7", *REDACTED), bar=True
    ),
    "ordinary-bookmarks-and-metadata": lambda p: hb.with_bookmarks(
        hb.with_metadata(hb.redacted_pdf(p), rb.BODY[0], "Contract for a case management system"),
        "Delivery",
        "Service credits",
        "Audit",
    ),
    "normal-form-field": lambda p: hb.with_field(hb.redacted_pdf(p), "Kim Lee, procurement lead", hidden=False),
    "tag-repeating-the-page": lambda p: hb.with_tag(hb.redacted_pdf(p), "case management system"),
    "ocr-layer-over-a-scan-without-boxes": lambda p: rb.scanned_page(p, boxes=False),
    "picture-under-the-text": lambda p: hb.picture_over_text(p, before_text=True),
    "white-text-without-redactions": lambda p: hb.invisible_words(p, "white", redacted_elsewhere=False),
}


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_controls_stay_clean(folder: Path, name: str) -> None:
    report = report_for(CONTROLS[name](folder / f"{name}.pdf"))
    assert report.leaky == ()
    assert report.warnings == ()


def test_damaged_input_becomes_a_warning_not_a_backend_error(folder: Path) -> None:
    places, warnings = read_places(b"%PDF-1.7\nthis is not a PDF")
    assert places == [] and len(warnings) == 1 and "not checked" in warnings[0]
    data = hb.append_revision(hb.clean_pdf(folder / "cut.pdf"), REDACTED, bar=True).read_bytes()
    # The first revision's end marker survives, the rest of the file is cut off mid-object.
    leaks, warnings = removed_text(data[: len(data) - 40])
    assert leaks == [] and warnings == []  # only one complete revision left: nothing to compare


@pytest.fixture(scope="module")
def hidden_report(folder: Path) -> RedactionReport:
    """The metadata fixture with a hostile bookmark: markup in recovered text must come out inert."""
    path = hb.with_bookmarks(
        hb.with_metadata(hb.redacted_pdf(folder / "faces.pdf"), f"Price {PRICE}", "Contract"),
        f"<script>alert(1)</script> *{PRICE}* | [x](http://evil)",
    )
    return report_for(path)


def test_json_carries_kind_text_and_fix_and_validates(hidden_report: RedactionReport) -> None:
    report = replace(make_report(), redaction=hidden_report)
    data = json.loads(render(report, "json"))
    kinds = {leak["kind"] for leak in data["redaction"]["leaky"]}
    assert kinds == {"metadata", "outline"}
    assert all(leak["page"] is None and leak["bbox"] is None for leak in data["redaction"]["leaky"])
    assert {leak["text"] for leak in data["redaction"]["leaky"]} >= {f"Price {PRICE}"}
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).validate(data)
    # An old consumer's fields are still there, with the same meaning for leaks under boxes.
    old = dataclasses.asdict(make_report())["redaction"]["leaky"][0]
    assert {"page", "bbox", "text"} <= set(old) and old["kind"] == "under_box"


def test_html_and_markdown_show_a_section_per_kind_safely(hidden_report: RedactionReport) -> None:
    report = replace(make_report(), redaction=hidden_report)
    html = render(report, "html")
    assert "In the document properties" in html and "In the bookmarks" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = render(report, "md")
    assert "### In the document properties" in markdown and "### In the bookmarks" in markdown
    assert "\\*4,250,000 pounds\\*" in markdown and "\\[x\\](http://evil)" in markdown


def test_fail_on_leak_covers_every_kind(hidden_report: RedactionReport) -> None:
    report = replace(make_report(), redaction=hidden_report)
    assert gate(report, {"leak"}) == ["2 redaction(s) leak hidden text (2 outside the pages)"]


def test_batch_row_lists_the_kinds_and_an_old_results_database_gains_the_column(
    hidden_report: RedactionReport, tmp_path: Path
) -> None:
    row = redaction_row(replace(make_report(), redaction=hidden_report))
    assert row["leaks"] == 2 and row["leak_kinds"] == "metadata,outline" and row["leak_pages"] == ""
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as db:
        db.execute("CREATE TABLE redactions (sha256 TEXT PRIMARY KEY, leaks INTEGER, leak_pages TEXT)")
    with Store(old) as store:
        columns = {r[1] for r in store.query("PRAGMA table_info(redactions)")}
    assert "leak_kinds" in columns
