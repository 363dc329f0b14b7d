"""Test-document builders for the ingest and segment tests (and benchmarks/extract.py): genuine PDFs written
with reportlab and pypdfium2, and DOCX files written with python-docx, into a folder the caller owns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

FONT = "Helvetica"
SIZE = 10.0
LEADING = 13.0
MARGIN = 56.0

# Clause bodies; each page numbers them afresh ("3.1", "3.2", ...) and starts at a different one, as real
# pages do. Sentences carry the traps segmentation must survive: abbreviations ("e.g.", "s.43", "No.",
# "para."), cross-references to other clause numbers and long sentences that wrap over several lines.
CLAUSES: tuple[tuple[str, ...], ...] = (
    (
        "The Supplier shall provide the Services in accordance with this Contract.",
        "The Authority may request information under s.43 of the Freedom of Information Act 2000 at any time "
        "during the Term and the Supplier shall respond within ten Working Days.",
    ),
    (
        "Personal data (e.g. names and addresses) remains the property of the Authority.",
        "The Supplier shall return all Authority Data on expiry, i.e. within 30 days of termination, in an "
        "open machine-readable format agreed with the Authority.",
    ),
    (
        "The Supplier shall explain each automated decision to the affected person in plain English.",
        "Explanations shall follow Annex No. 4 and para. 2.3 of the Guidance.",
    ),
    ("The Authority shall publish an evaluation of the impact of the system within 12 months of go-live.",),
)
TITLES = ("Services", "Authority Data", "Explainability", "Evaluation", "Transparency", "Inclusion", "Exit")


def clause_layout(page: int) -> list[tuple[str, tuple[str, ...]]]:
    """The numbered clauses written on ``page`` (1-based): ``[("3.1", sentences), ...]``."""
    order = CLAUSES[(page - 1) % len(CLAUSES) :] + CLAUSES[: (page - 1) % len(CLAUSES)]
    return [(f"{page}.{j}", sentences) for j, sentences in enumerate(order, start=1)]


def clause_heading(page: int) -> str:
    return f"{page}. {TITLES[(page - 1) % len(TITLES)].upper()}"


def _write_wrapped(canvas: Canvas, x: float, y: float, text: str, width: float) -> float:
    """Draw ``text`` wrapped to ``width`` from baseline ``y``; return the baseline below the last line."""
    for line in simpleSplit(text, FONT, SIZE, width):
        canvas.drawString(x, y, line)
        y -= LEADING
    return y


def build_clauses_pdf(path: Path, pages: int = 1) -> Path:
    """A text PDF: each page has a bold numbered heading (:func:`clause_heading`), the numbered clauses of
    :func:`clause_layout` and a "Page n of N" footer."""
    canvas = Canvas(str(path), pagesize=A4)
    width = A4[0] - 2 * MARGIN
    for page in range(1, pages + 1):
        y = A4[1] - MARGIN - 20
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(MARGIN, y, clause_heading(page))
        y -= 2 * LEADING
        canvas.setFont(FONT, SIZE)
        for number, sentences in clause_layout(page):
            canvas.drawString(MARGIN, y, number)
            y = _write_wrapped(canvas, MARGIN + 30, y, " ".join(sentences), width - 30) - LEADING / 2
        canvas.drawString(A4[0] / 2 - 20, 30, f"Page {page} of {pages}")
        canvas.showPage()
    canvas.save()
    return path


def build_pdf_lines(
    path: Path,
    pages: Sequence[Sequence[str]],
    encrypt: str | StandardEncryption | None = None,
    footers: bool = False,
) -> Path:
    """A text PDF with one string per line, one list of lines per page; ``encrypt`` is a user password (or a
    reportlab ``StandardEncryption``) and ``footers`` prints "Page n of N" at the foot of each page."""
    canvas = Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number, lines in enumerate(pages, start=1):
        canvas.setFont(FONT, SIZE)
        y = A4[1] - MARGIN
        for line in lines:
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        if footers:
            canvas.drawString(A4[0] / 2 - 20, 30, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return path


# Two columns of a council report, written ROW BY ROW across both columns (as some reporting tools do), so
# that content order interleaves the columns and only geometry gives the reading order.
LEFT_COLUMN = (
    "The Council will publish the algorithm used to allocate school places together with a plain English "
    "explanation of how each factor is weighted in the decision.",
    "Parents may ask for a human review of any allocation within twenty days of the decision letter.",
)
RIGHT_COLUMN = (
    "All data collected through the admissions portal remains the property of the Council and may not be "
    "reused by the Supplier for training other products.",
    "An independent evaluation of the outcomes for disabled children will be published every year.",
)


def build_two_column_pdf(path: Path) -> Path:
    """One page: a full-width heading, then :data:`LEFT_COLUMN` and :data:`RIGHT_COLUMN` side by side."""
    canvas = Canvas(str(path), pagesize=A4)
    gutter = 24.0
    column = (A4[0] - 2 * MARGIN - gutter) / 2
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(MARGIN, A4[1] - MARGIN, "SCHOOL ADMISSIONS SYSTEM: SUMMARY OF COMMITMENTS AND SAFEGUARDS")
    left = [line for text in LEFT_COLUMN for line in [*simpleSplit(text, FONT, SIZE, column), ""]]
    right = [line for text in RIGHT_COLUMN for line in [*simpleSplit(text, FONT, SIZE, column), ""]]
    canvas.setFont(FONT, SIZE)
    y = A4[1] - MARGIN - 2 * LEADING
    for left_line, right_line in zip(left, right + [""] * (len(left) - len(right)), strict=False):
        canvas.drawString(MARGIN, y, left_line)
        canvas.drawString(MARGIN + column + gutter, y, right_line)
        y -= LEADING
    for right_line in right[len(left) :]:
        canvas.drawString(MARGIN + column + gutter, y, right_line)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    return path


DEFINITIONS = (
    (
        "Emergency Maintenance of the Authority System",
        "ad hoc and unplanned maintenance provided by the Supplier where either Party reasonably suspects "
        "that the system has or may have developed a fault",
    ),
    (
        "Algorithmic Decision Support Tool",
        "any model, rule set or automated process used to reach or support a decision about a person, "
        "including its training data, parameters and documentation",
    ),
    (
        "Specially Written Software and Materials",
        "any software and supporting material created by the Supplier specifically for the purposes of "
        "this Contract, and any modifications made to it",
    ),
) * 3


def build_definitions_pdf(path: Path) -> Path:
    """An unruled two-column definitions table: wrapped terms on the left, wrapped meanings on the right,
    each row starting on a shared baseline (the layout of Word's definitions schedules)."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(FONT, SIZE)
    y = A4[1] - MARGIN
    for term, meaning in DEFINITIONS:
        terms = simpleSplit(f'"{term}"', FONT, SIZE, 150)
        meanings = simpleSplit(meaning, FONT, SIZE, 290)
        for i, line in enumerate(terms):
            canvas.drawString(MARGIN, y - i * LEADING, line)
        for i, line in enumerate(meanings):
            canvas.drawString(MARGIN + 190, y - i * LEADING, line)
        y -= (max(len(terms), len(meanings)) + 0.5) * LEADING
    canvas.showPage()
    canvas.save()
    return path


TABLE_ROWS = (
    ("Criterion", "Weighting", "Notes"),
    ("Quality", "60%", "Method statements"),
    ("Price", "30%", "Whole-life cost"),
    ("Social value", "10%", "PPN 06/20 themes"),
)
TABLE_INTRO = "The award criteria and their weightings are set out in the table below."


def build_table_pdf(path: Path) -> Path:
    """One page: a sentence, then :data:`TABLE_ROWS` as a ruled table (every cell boxed)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    table = Table([list(row) for row in TABLE_ROWS], colWidths=[140, 90, 160])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.75, colors.black)]))
    story = [Paragraph(TABLE_INTRO, getSampleStyleSheet()["Normal"]), Spacer(1, 12), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def rasterise_pdf(source: Path, target: Path, dpi: int = 200) -> Path:
    """A scanned copy of ``source``: each page rendered to pixels with pypdfium2 and wrapped in a PDF page
    that holds only the image (no text layer), as a photocopier would produce."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            images.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target


def join_pdfs(target: Path, *sources: Path) -> Path:
    """One PDF holding every page of ``sources`` in order (for mixed text and scanned documents)."""
    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for source in sources:
        part = pdfium.PdfDocument(source)
        joined.import_pages(part)
        part.close()
    joined.save(target)
    joined.close()
    return target


def build_zero_page_pdf(path: Path) -> Path:
    """A syntactically valid PDF whose page tree is empty."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.save(path)
    document.close()
    return path


def build_blank_pdf(path: Path, pages: int = 2) -> Path:
    """Pages with nothing on them: no text layer and no image to OCR."""
    canvas = Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        canvas.showPage()
    canvas.save()
    return path


# ------------------------------------------------------------------------------------------------ DOCX

DOCX_HEADER = "OFFICIAL-SENSITIVE: COMMERCIAL"
DOCX_FOOTER = "Crown Copyright 2024"
DOCX_REDACTED = "Acme Analytics Ltd"
DOCX_PAGE_ONE = (
    "The Supplier shall explain every automated decision to the person affected.",
    "Personal data remains the property of the Authority at all times.",
)
DOCX_PAGE_TWO = "The Authority shall publish an annual evaluation of the service."


def build_docx(path: Path) -> Path:
    """A Word tender: header and footer, a heading, typed clause numbers, an automatically numbered list
    (numbers only in numbering.xml), a table, a black-highlighted name, a "█" overtyped name, and an
    explicit page break before the last clause."""
    import docx
    from docx.enum.text import WD_BREAK, WD_COLOR_INDEX

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = DOCX_HEADER
    section.footer.paragraphs[0].text = DOCX_FOOTER
    document.add_heading("Schedule 3 – Data and Transparency", level=1)
    document.add_paragraph(f"1.1\t{DOCX_PAGE_ONE[0]}")
    document.add_paragraph(f"1.2\t{DOCX_PAGE_ONE[1]}")
    document.add_paragraph("First automatically numbered item.", style="List Number")
    document.add_paragraph("Second automatically numbered item.", style="List Number")
    paragraph = document.add_paragraph("The incumbent supplier is ")
    paragraph.add_run(DOCX_REDACTED).font.highlight_color = WD_COLOR_INDEX.BLACK
    paragraph.add_run(" and its sub-contractor is ")
    paragraph.add_run("████████")
    paragraph.add_run(".")
    table = document.add_table(rows=len(TABLE_ROWS), cols=len(TABLE_ROWS[0]))
    for row, values in zip(table.rows, TABLE_ROWS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph(f"2.1\t{DOCX_PAGE_TWO}")
    document.save(str(path))
    return path
