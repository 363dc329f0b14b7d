"""Test-document builders for the redaction tests (and benchmarks/redaction.py): genuine PDFs written with
reportlab (boxes, shading, rules, scans) and pypdfium2 (Redact and Highlight annotations), and DOCX files
written with python-docx, each holding one case the redaction stage must get right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from fpdf import FPDF
from fpdf.annotations import AnnotationDict
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
FONT, SIZE, LEADING, LEFT = "Helvetica", 11.0, 15.0, 72.0
TOP = HEIGHT - 80

BODY = (
    "The Supplier shall deliver the case management system by 1 April 2026.",
    "The total contract price is 4,250,000 pounds excluding VAT over five years.",
    "The account manager is Jane Smith, telephone 020 7946 0000.",
    "Service credits apply when availability falls below 99.5 per cent in a month.",
    "The Authority may audit the Supplier's records on ten Working Days' notice.",
    "The Supplier shall explain each automated decision in plain English.",
)
SECRET = "4,250,000 pounds"
"""The words that the leaky builders cover with a box."""

Draw = Callable[[Canvas], None]


def baseline(line: int) -> float:
    """The baseline (PDF units, bottom-left origin) of body line ``line`` (0-based)."""
    return TOP - line * LEADING


def write_lines(c: Canvas, lines: tuple[str, ...] = BODY, first: int = 0) -> None:
    c.setFont(FONT, SIZE)
    c.setFillColorRGB(0, 0, 0)
    for i, text in enumerate(lines):
        c.drawString(LEFT, baseline(first + i), text)


def word_box(line: int, text: str, word: str, pad: float = 1.5) -> tuple[float, float, float, float]:
    """``(x, y, w, h)`` in reportlab units of a box covering ``word`` on body line ``line``."""
    start = text.index(word)
    x = LEFT + text_width(text[:start])
    w = text_width(word)
    return (x - pad, baseline(line) - 3.5, w + 2 * pad, SIZE + 4.0)


def text_width(text: str) -> float:
    return stringWidth(text, FONT, SIZE)


def build_pdf(path: Path, *pages: Draw) -> Path:
    """A PDF with one page per ``Draw`` callback."""
    c = Canvas(str(path), pagesize=A4)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return path


def body(c: Canvas) -> None:
    write_lines(c)


def leaky_black_box(c: Canvas) -> None:
    """The classic failed redaction: text drawn, then a black box drawn over it."""
    write_lines(c)
    c.setFillColorRGB(0, 0, 0)
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)


def shading_under_text(c: Canvas) -> None:
    """A dark call-out box drawn first, with white text on top: a background, not a redaction."""
    x, y, w, h = word_box(1, BODY[1], BODY[1])
    c.setFillColorRGB(0.1, 0.1, 0.35)
    c.rect(x, y, w, h, fill=1, stroke=0)
    c.setFont(FONT, SIZE)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(LEFT, baseline(1), BODY[1])
    write_lines(c, BODY[2:], first=2)


def white_box_over_text(c: Canvas) -> None:
    """A white rectangle over words (a form field, white-out): invisible on a white page, not a redaction."""
    write_lines(c)
    c.setFillColorRGB(1, 1, 1)
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)


def rules_and_underlines(c: Canvas) -> None:
    """A horizontal rule, an underline and a thin vertical margin line: thin filled rectangles."""
    write_lines(c)
    c.setFillColorRGB(0, 0, 0)
    c.rect(LEFT, baseline(2) - 2, text_width(BODY[2]), 0.8, fill=1, stroke=0)
    c.rect(LEFT, baseline(6) + 4, WIDTH - 2 * LEFT, 1.5, fill=1, stroke=0)
    c.rect(LEFT - 12, baseline(5), 1.0, 6 * LEADING, fill=1, stroke=0)


def table_shading(c: Canvas) -> None:
    """A table whose header row and alternate rows are shaded grey under the cell text."""
    for row in range(5):
        y = baseline(row) - 4
        if row % 2 == 0:
            c.setFillColorRGB(0.35, 0.35, 0.35) if row == 0 else c.setFillColorRGB(0.9, 0.9, 0.9)
            c.rect(LEFT - 4, y, 420, LEADING, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1) if row == 0 else c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, baseline(row), f"Criterion {row}    Weighting {10 * row} per cent    Score 0-5")


def blacked_out_page(c: Canvas) -> None:
    """A whole page withheld: one black rectangle over the page, nothing left to read."""
    c.setFillColorRGB(0, 0, 0)
    c.rect(0, 0, WIDTH, HEIGHT, fill=1, stroke=0)


def applied_redactions(c: Canvas) -> None:
    """Properly applied redactions: the words are gone, black bars sit in the gaps, one bar carries a white
    "s.43" label, and the page cites its ground."""
    lines = (
        "The total contract price is " + " " * 40 + " excluding VAT.",
        "The account manager is " + " " * 20 + ", telephone " + " " * 24 + ".",
        "Redactions on this page are made under section 43(2) of the Freedom of Information Act 2000.",
    )
    write_lines(c, lines)
    c.setFillColorRGB(0, 0, 0)
    bars = ((0, "The total contract price is ", 40), (1, "The account manager is ", 20))
    bars += ((1, "The account manager is " + " " * 20 + ", telephone ", 24),)
    for line, before, spaces in bars:
        c.rect(
            LEFT + text_width(before) + 2,
            baseline(line) - 3.5,
            text_width(" " * spaces) - 4,
            SIZE + 4,
            fill=1,
            stroke=0,
        )
    c.setFillColorRGB(1, 1, 1)
    c.setFont(FONT, 8)
    c.drawString(LEFT + text_width(bars[0][1]) + 10, baseline(0), "s.43")


def unexplained_box(c: Canvas) -> None:
    """A black bar with no ground cited anywhere on the page."""
    write_lines(c, ("Key personnel for the contract are listed below.", "Project lead:"))
    c.setFillColorRGB(0, 0, 0)
    c.rect(LEFT + 80, baseline(1) - 3.5, 120, SIZE + 4, fill=1, stroke=0)


def text_markers(c: Canvas) -> None:
    """Redactions written as text, as word processors and some publishing tools leave them."""
    write_lines(
        c,
        (
            "The total contract price is [REDACTED] excluding VAT.",
            "The account manager is XXXXXXXX, telephone ██████████.",
            "Commercially sensitive information has been withheld.",
        ),
    )


def cmyk_and_gray_boxes(c: Canvas) -> None:
    """Black boxes in CMYK and device grey over text: colour spaces normalise to the same black."""
    write_lines(c)
    c.setFillColor(CMYKColor(0, 0, 0, 1))
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)
    c.setFillGray(0.05)
    c.rect(*word_box(2, BODY[2], "Jane Smith"), fill=1, stroke=0)


def clipped_box(c: Canvas) -> None:
    """A black box drawn inside a clipping path that excludes it: nothing is painted, the text shows."""
    write_lines(c)
    c.saveState()
    path = c.beginPath()
    path.rect(0, 0, 10, 10)
    c.clipPath(path, stroke=0, fill=0)
    c.setFillColorRGB(0, 0, 0)
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)
    c.restoreState()


def box_in_form(c: Canvas) -> None:
    """A black box drawn inside a Form XObject (as stamping tools do), over text on the page."""
    write_lines(c)
    c.beginForm("bar")
    c.setFillColorRGB(0, 0, 0)
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)
    c.endForm()
    c.doForm("bar")


def many_boxes(c: Canvas) -> None:
    """A heavily redacted page: most lines applied-redacted (no text left under the bars)."""
    write_lines(c, (BODY[0],))
    c.setFillColorRGB(0, 0, 0)
    for line in range(1, 12):
        c.rect(LEFT, baseline(line) - 3.5, 420, SIZE + 4, fill=1, stroke=0)


def scanned_page(path: Path, boxes: bool = True) -> Path:
    """A rasterised page: typed lines in a 150 dpi image with two black boxes, one white box with a dark
    outline, a table (a grid of cells, which is not a redaction) and a grey photograph-like patch; without
    ``boxes``, the same page unredacted."""
    scale = 150 / 72
    w, h = round(WIDTH * scale), round(HEIGHT * scale)
    img = np.full((h, w), 255, np.uint8)
    rng = np.random.default_rng(7)

    def px(v: float) -> int:
        return round(v * scale)

    for i, text in enumerate(BODY * 3):
        cv2.putText(img, text, (px(LEFT), px(100 + i * 22)), cv2.FONT_HERSHEY_SIMPLEX, 0.75, 0, 2)
    if boxes:
        cv2.rectangle(img, (px(200), px(111)), (px(330), px(126)), 0, -1)  # black box on line 1
        cv2.rectangle(img, (px(LEFT - 2), px(307)), (px(400), px(324)), 0, -1)  # black box over line 10
        cv2.rectangle(img, (px(120), px(480)), (px(420), px(540)), 255, -1)  # white box ...
        cv2.rectangle(img, (px(120), px(480)), (px(420), px(540)), 0, 2)  # ... with a dark outline
    for r in range(4):  # a 4 x 3 table: not redactions, even where cells are empty
        for col in range(3):
            cv2.rectangle(
                img,
                (px(LEFT + col * 100), px(580 + r * 30)),
                (px(LEFT + (col + 1) * 100), px(610 + r * 30)),
                0,
                2,
            )
    patch = rng.integers(40, 220, size=(px(60), px(90)), dtype=np.uint8)
    img[px(700) : px(760), px(400) : px(490)] = cv2.GaussianBlur(patch, (15, 15), 0)
    png = path.with_suffix(".png")
    cv2.imwrite(str(png), img)
    c = Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(str(png)), 0, 0, WIDTH, HEIGHT)
    # The invisible OCR layer of the scan, made before line 10 was blacked out: its words are still there.
    layer = c.beginText()
    layer.setTextRenderMode(3)
    layer.setFont(FONT, 12)
    for i, text in enumerate(BODY * 3):
        layer.setTextOrigin(LEFT, HEIGHT - 100 - i * 22)
        layer.textLine(text)
    c.drawText(layer)
    c.showPage()
    c.save()
    png.unlink()
    return path


def annotated_pdf(path: Path, subtype: str, colour: tuple[float, float, float] | None) -> Path:
    """The body text with one annotation (``Redact`` or ``Highlight``) over ``SECRET``, written by fpdf2
    (pdfium cannot create Redact annotations)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=SIZE)
    for i, text in enumerate(BODY):
        pdf.text(LEFT, HEIGHT - baseline(i), text)
    left, bottom, right, top = secret_rect()
    quad = [left, top, right, top, left, bottom, right, bottom]
    annot = AnnotationDict(
        subtype, x=left, y=top, width=right - left, height=top - bottom, quad_points=quad, color=colour
    )
    pdf.pages[pdf.page].add_annotation(annot)
    pdf.output(str(path))
    return path


def secret_rect() -> tuple[float, float, float, float]:
    """``(left, bottom, right, top)`` of the words ``SECRET`` on body line 1."""
    x, y, w, h = word_box(1, BODY[1], SECRET)
    return (x, y, x + w, y + h)


def build_docx(path: Path, highlighted: str, markers: bool = True) -> Path:
    """A DOCX with one run in black highlight (text still present) and, optionally, a [REDACTED] marker."""
    doc = DocxDocument()
    para = doc.add_paragraph("The total contract price is ")
    run = para.add_run(highlighted)
    run.font.highlight_color = WD_COLOR_INDEX.BLACK
    para.add_run(" excluding VAT.")
    if markers:
        doc.add_paragraph("The account manager is [REDACTED] under section 40 of the FOIA.")
    for text in BODY[3:]:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def build_text(path: Path) -> Path:
    path.write_text(
        "Clause 4. The total contract price is [REDACTED].\nThe account manager is █████████.\n"
        + "\n".join(BODY[3:])
        + "\n",
        encoding="utf-8",
    )
    return path


def build_benchmark_pdf(path: Path, pages: int = 200) -> Path:
    """A long text PDF with a leaky box on every fifth page and an applied bar on every seventh."""
    c = Canvas(str(path), pagesize=A4)
    lines = BODY * 7
    for n in range(pages):
        write_lines(c, lines)
        if n % 5 == 0:
            c.setFillColorRGB(0, 0, 0)
            c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)
        if n % 7 == 0:
            c.setFillColorRGB(0, 0, 0)
            c.rect(LEFT, baseline(len(lines) + 1) - 3.5, 300, SIZE + 4, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path
