"""The redaction stage on generated documents, one case each (builders in tests/redaction_builders.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import pytest

import redaction_builders as rb
from tenderlens.ingest import read_document
from tenderlens.model import RedactionReport, Span
from tenderlens.options import AuditOptions
from tenderlens.redaction import analyse
from tenderlens.redaction.grounds import find_grounds
from tenderlens.redaction.leaks import is_meaningful
from tenderlens.redaction.markers import is_label
from tenderlens.redaction.pictures import LEAK_COLOUR, SCALE, write_pngs
from tenderlens.segment import segment


def report_for(path: Path, **options: object) -> RedactionReport:
    document = read_document(path, AuditOptions(ocr="never"))
    return analyse(document, segment(document), AuditOptions().with_changes(**options))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("redaction")


def pdf(folder: Path, *pages: Callable[..., None]) -> Path:
    return rb.build_pdf(folder / f"{'-'.join(p.__name__ for p in pages)}.pdf", *pages)


def test_black_box_over_text_is_a_leak_with_the_hidden_words(folder: Path) -> None:
    report = report_for(pdf(folder, rb.leaky_black_box))
    assert report.boxes == 1 and report.box_list[0].kind == "vector"
    (leak,) = report.leaky
    assert leak.text == rb.SECRET and leak.page == 1
    x, y, w, h = rb.word_box(1, rb.BODY[1], rb.SECRET)
    assert leak.bbox == pytest.approx((x, rb.HEIGHT - y - h, x + w, rb.HEIGHT - y), abs=0.5)


@pytest.mark.parametrize(
    "draw",
    [
        rb.shading_under_text,
        rb.white_box_over_text,
        rb.rules_and_underlines,
        rb.table_shading,
        rb.clipped_box,
    ],
    ids=["box-drawn-before-text", "white-box", "rules-and-underline", "table-shading", "clipped-away-box"],
)
def test_things_that_are_not_redactions(folder: Path, draw: Callable[..., None]) -> None:
    report = report_for(pdf(folder, draw))
    assert report.boxes == 0
    assert report.leaky == ()
    assert report.redacted_fraction == 0.0


@pytest.mark.parametrize("draw", [rb.cmyk_and_gray_boxes, rb.box_in_form], ids=["cmyk-and-grey", "form-xobject"])
def test_boxes_in_other_colour_spaces_and_in_forms_still_leak(folder: Path, draw: Callable[..., None]) -> None:
    texts = {leak.text for leak in report_for(pdf(folder, draw)).leaky}
    assert rb.SECRET in texts


def test_applied_redactions_with_label_and_ground(folder: Path) -> None:
    report = report_for(pdf(folder, rb.applied_redactions))
    assert report.boxes == 3
    assert report.leaky == ()  # the words are gone; the white "s.43" label on a bar is not a leak
    assert "FOIA s.43" in {g.code for g in report.grounds}
    assert all(g.page == 1 for g in report.grounds)
    assert {b.ground for b in report.box_list} == {"FOIA s.43"}
    assert report.unexplained_boxes == 0


def test_box_without_a_ground_is_unexplained(folder: Path) -> None:
    report = report_for(pdf(folder, rb.unexplained_box))
    assert report.boxes == 1 and report.grounds == () and report.unexplained_boxes == 1


def test_text_markers_count_as_boxes(folder: Path) -> None:
    report = report_for(pdf(folder, rb.text_markers))
    assert report.markers == 3
    assert [b.kind for b in report.box_list] == ["marker"] * 3
    assert all(b.bbox is not None for b in report.box_list)
    assert "commercially-sensitive" in {g.code for g in report.grounds}
    assert report.unexplained_boxes == 0
    assert 0 < report.redacted_fraction < 0.5


def test_blacked_out_page_counts_as_a_page_of_hidden_text(folder: Path) -> None:
    report = report_for(pdf(folder, rb.body, rb.blacked_out_page, rb.body))
    assert [p.blacked_out for p in report.pages] == [False, True, False]
    assert report.pages[1].fraction == 1.0
    assert report.box_list[0].kind == "page"
    # Hidden: one median page of text; visible: two such pages.
    assert report.redacted_fraction == pytest.approx(1 / 3, abs=0.01)


def _heavy_page(hidden_lines: int) -> rb.Draw:
    lines = rb.BODY * 2

    def draw(c: rb.Canvas) -> None:
        rb.write_lines(c, lines[hidden_lines:], first=hidden_lines)
        c.setFillColorRGB(0, 0, 0)
        for line in range(hidden_lines):
            width = rb.text_width(lines[line])
            c.rect(rb.LEFT, rb.baseline(line) - 3.5, width, rb.SIZE + 4, fill=1, stroke=0)

    draw.__name__ = f"hidden{hidden_lines}"
    return draw


def test_heavy_document_blacked_out_pages_count_as_page_capacity(folder: Path) -> None:
    """Regression for issue 14: three black pages among pages that are themselves half to three-quarters
    hidden. A black page used to weigh as much as another page's *visible* text, which undercounted the
    document (0.71 here, while its pages average 0.78); it now weighs a typical page's visible plus hidden
    text, so the document fraction is the mean of its (equal-sized) pages' fractions."""
    pages = (_heavy_page(5), rb.blacked_out_page, _heavy_page(7), rb.blacked_out_page, _heavy_page(9))
    pages += (rb.blacked_out_page, _heavy_page(6))
    report = report_for(rb.build_pdf(folder / "heavy-document.pdf", *pages))
    fractions = [p.fraction for p in report.pages]
    assert [p.blacked_out for p in report.pages] == [False, True, False, True, False, True, False]
    assert all(0.44 <= f <= 0.8 for f in fractions[::2]) and fractions[1::2] == [1.0, 1.0, 1.0]
    assert report.redacted_fraction == pytest.approx(sum(fractions) / len(fractions), abs=0.01)
    assert report.redacted_fraction > 0.75


def test_heavy_and_light_redaction_and_configurable_threshold(folder: Path) -> None:
    heavy = report_for(pdf(folder, rb.many_boxes))
    light = report_for(pdf(folder, rb.leaky_black_box))
    assert heavy.heavy and heavy.redacted_fraction > 0.8 and heavy.boxes == 11
    assert not light.heavy and 0 < light.redacted_fraction < 0.1
    assert light.heavy_threshold == AuditOptions().heavy_threshold
    stricter = report_for(pdf(folder, rb.leaky_black_box), heavy_threshold=0.04)
    assert stricter.heavy and stricter.heavy_threshold == 0.04


def test_unapplied_redact_annotation_leaks(folder: Path) -> None:
    report = report_for(rb.annotated_pdf(folder / "redact.pdf", "Redact", None))
    assert [b.kind for b in report.box_list] == ["annotation"]
    assert [leak.text for leak in report.leaky] == [rb.SECRET]


def test_black_highlight_annotation_leaks_but_yellow_is_markup(folder: Path) -> None:
    black = report_for(rb.annotated_pdf(folder / "black.pdf", "Highlight", (0, 0, 0)))
    yellow = report_for(rb.annotated_pdf(folder / "yellow.pdf", "Highlight", (1, 1, 0)))
    assert [leak.text for leak in black.leaky] == [rb.SECRET]
    assert yellow.boxes == 0 and yellow.leaky == ()


def test_scanned_page_black_boxes_and_white_outlined_box(folder: Path) -> None:
    report = report_for(rb.scanned_page(folder / "scan.pdf"))
    boxes = sorted(b.bbox for b in report.box_list if b.bbox)
    assert [b.kind for b in report.box_list] == ["image"] * 3
    expected = [(200, 111, 330, 126), (70, 307, 400, 324), (120, 480, 420, 540)]
    for got, want in zip(sorted(boxes, key=lambda b: b[1]), expected, strict=True):
        assert got == pytest.approx(want, abs=3)
    # The table (y 580-700) and the grey photograph (x 400-490, y 700-760) are not boxes.
    assert all(b[1] < 560 for b in boxes)
    # The OCR layer was made before line 10 was blacked out: its words are still under the bar.
    assert any("Authority may audit" in leak.text for leak in report.leaky)
    assert 0.1 < report.redacted_fraction < 0.6


def test_switched_off_stage_reports_nothing(folder: Path) -> None:
    report = report_for(pdf(folder, rb.leaky_black_box), redaction=False)
    assert report.boxes == 0 and report.leaky == () and report.pages == ()


def test_without_render_check_draw_order_still_decides(folder: Path) -> None:
    assert [leak.text for leak in report_for(pdf(folder, rb.leaky_black_box), render_check=False).leaky] == [rb.SECRET]
    assert report_for(pdf(folder, rb.shading_under_text), render_check=False).boxes == 0


def test_docx_black_highlight_is_a_leak_and_markers_count(folder: Path) -> None:
    report = report_for(rb.build_docx(folder / "highlight.docx", "four million pounds"))
    assert sorted(b.kind for b in report.box_list) == ["docx_highlight", "marker"]
    assert [leak.text for leak in report.leaky] == ["four million pounds"]
    assert "FOIA s.40" in {g.code for g in report.grounds}
    assert report.markers == 2 and 0 < report.redacted_fraction < 0.3


def test_plain_text_markers(folder: Path) -> None:
    report = report_for(rb.build_text(folder / "markers.txt"))
    assert report.markers == 2 and report.leaky == ()
    assert report.unexplained_boxes == 2


def test_pictures_outline_boxes_and_mark_leaks(folder: Path, tmp_path: Path) -> None:
    path = pdf(folder, rb.leaky_black_box)
    report = report_for(path)
    (png,) = write_pngs(path, report, tmp_path / "pics")
    image = cv2.cvtColor(cv2.imread(str(png)), cv2.COLOR_BGR2RGB)
    x0, y0, _, y1 = report.leaky[0].bbox
    edge = image[round((y0 + y1) / 2 * SCALE), round(x0 * SCALE) - 2]
    assert tuple(int(v) for v in edge) == LEAK_COLOUR
    assert write_pngs(path, report_for(pdf(folder, rb.body)), tmp_path / "none") == []
    docx = rb.build_docx(folder / "pics.docx", "four million pounds")
    assert write_pngs(docx, report_for(docx), tmp_path / "docx") == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Redacted under section 43(2) of the Freedom of Information Act 2000.", {"FOIA s.43"}),
        ("s.40", {"FOIA s.40"}),
        ("Exempt under regulation 12(5)(e) of the EIR.", {"EIR 12(5)(e)"}),
        ("Withheld under section 33 of FOISA.", {"FOISA s.33"}),
        ("Not published: Procurement Act 2023 s.94 applies.", {"PA2023 s.94"}),
        ("Personal data has been redacted.", {"personal-data"}),
        # Contract prose that merely mentions the words is not a ground.
        ("The Supplier shall process Personal Data only on instructions.", set()),
        ("Section 40 Insurance", set()),
        ("See section 24 of this Agreement.", set()),
    ],
)
def test_grounds_catalogue(text: str, codes: set[str]) -> None:
    found = find_grounds([Span(text=text, page=1, kind="sentence")], [])
    assert {g.ground.code for g in found} == codes


def test_labels_and_leak_text_rules() -> None:
    assert is_label("REDACTED") and is_label("s.43 FOIA")
    assert not is_label("Criterion 1 Weighting") and not is_label("03/23/2019")
    assert not is_meaningful(" , ") and not is_meaningful("XXXX XXXX") and not is_meaningful("a")
    assert not is_meaningful("Privileged") and is_meaningful("Jane Smith")
