"""Ingest on real files: text PDFs (clauses, two columns, a ruled table), scanned and mixed PDFs through
Tesseract, DOCX, text and Markdown, every kind of bad input, and the real Crown Commercial Service pack."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption

import pdf_builders
import tenderlens
from tenderlens.exceptions import (
    EmptyDocumentError,
    EncryptedPdfError,
    ExitCode,
    FileAccessError,
    InputFileError,
    MissingDependencyError,
    ResourceLimitError,
    TenderLensError,
    UnsupportedFormatError,
)
from tenderlens.ingest import ocr, read_document
from tenderlens.ingest.docx_numbering import format_number
from tenderlens.ingest.sniff import sniff
from tenderlens.model import Document
from tenderlens.options import AuditOptions
from tenderlens.segment import normalise

NEVER = AuditOptions(ocr="never")


def flat(document: Document) -> str:
    return normalise(" ".join(page.text for page in document.pages))


# ------------------------------------------------------------------------------------------ text PDFs


def test_every_sentence_of_a_text_pdf_is_extracted_on_its_page(clauses_pdf: Path) -> None:
    document = read_document(clauses_pdf, NEVER)
    assert document.format == "pdf" and len(document.pages) == 3
    for page in document.pages:
        text = normalise(page.text)
        assert page.text_source == "layer"
        assert pdf_builders.clause_heading(page.number) in text
        for number, sentences in pdf_builders.clause_layout(page.number):
            assert normalise(f"{number} {' '.join(sentences)}") in text


def test_pdf_lines_and_words_carry_boxes_in_points_from_the_top_left(clauses_pdf: Path) -> None:
    page = read_document(clauses_pdf, NEVER).pages[0]
    heading, first_clause = page.lines[0], page.lines[1]
    assert heading.text == pdf_builders.clause_heading(1)
    assert heading.bbox is not None and first_clause.bbox is not None
    # The builder draws the heading's baseline 76 pt below the top edge, at x = 56 pt.
    assert heading.bbox[0] == pytest.approx(pdf_builders.MARGIN, abs=1)
    assert 60 < heading.bbox[1] < 76 < heading.bbox[3] < 82
    assert heading.bbox[3] <= first_clause.bbox[1]
    assert [w.text for w in first_clause.words][:3] == ["1.1", "The", "Supplier"]
    assert all(w.bbox is not None and w.bbox[0] < w.bbox[2] and w.bbox[1] < w.bbox[3] for w in first_clause.words)
    xs = [w.bbox[0] for w in first_clause.words if w.bbox]
    assert xs == sorted(xs)
    assert page.width == pytest.approx(595.28, abs=0.1) and page.height == pytest.approx(841.89, abs=0.1)


def test_two_columns_written_row_by_row_are_read_column_by_column(two_column_pdf: Path) -> None:
    text = flat(read_document(two_column_pdf, NEVER))
    positions = [text.find(s) for s in (*pdf_builders.LEFT_COLUMN, *pdf_builders.RIGHT_COLUMN)]
    assert -1 not in positions, text
    assert positions == sorted(positions)
    assert text.startswith("SCHOOL ADMISSIONS SYSTEM")


def test_an_unruled_definitions_table_is_read_row_by_row(tmp_path: Path) -> None:
    # A gutter runs down the page, but the term column is mostly empty: it is not a second text column.
    page = read_document(pdf_builders.build_definitions_pdf(tmp_path / "defs.pdf"), NEVER).pages[0]
    assert page.lines[0].text.startswith('"Emergency Maintenance of the ad hoc and unplanned maintenance')


def test_a_ruled_table_becomes_table_row_lines(table_pdf: Path) -> None:
    page = read_document(table_pdf, NEVER).pages[0]
    rows = [line.table_row for line in page.lines if line.table_row is not None]
    assert rows == [tuple(row) for row in pdf_builders.TABLE_ROWS]
    assert normalise(page.lines[0].text) == pdf_builders.TABLE_INTRO
    assert "Social value | 10% | PPN 06/20 themes" in page.text


def test_table_detection_is_skipped_on_pages_without_rules(clauses_pdf: Path) -> None:
    assert all(line.table_row is None for page in read_document(clauses_pdf, NEVER).pages for line in page.lines)


def test_metadata_and_hash(clauses_pdf: Path) -> None:
    import hashlib

    document = read_document(clauses_pdf, NEVER)
    assert document.sha256 == hashlib.sha256(clauses_pdf.read_bytes()).hexdigest()
    assert document.metadata["Producer"].startswith("ReportLab")
    assert document.path == str(clauses_pdf)


def test_api_read_uses_the_ingest_stage(clauses_pdf: Path) -> None:
    document = tenderlens.read(clauses_pdf, ocr="never")
    assert isinstance(document, Document) and len(document.pages) == 3


# ----------------------------------------------------------------------------------------------- OCR


@pytest.mark.slow
def test_a_scanned_pdf_is_read_by_ocr_with_key_phrases_and_boxes(scanned_pdf: Path) -> None:
    document = read_document(scanned_pdf, AuditOptions(ocr="auto"))
    page = document.pages[0]
    assert page.text_source == "ocr" and document.ocr_pages == (1,)
    text = flat(document)
    for phrase in ("Freedom of Information Act 2000", "Authority Data", "automated decision", "go-live"):
        assert phrase in text
    # The clause-number column and the clause text share rows, as on the page.
    assert "1.2 Personal data" in text
    first = next(line for line in page.lines if line.text.startswith("1.1"))
    assert first.bbox is not None and first.bbox[0] == pytest.approx(pdf_builders.MARGIN, abs=4)
    assert any("OCR" in warning for warning in document.warnings)


@pytest.mark.slow
def test_a_mixed_document_ocrs_only_the_scanned_page(mixed_pdf: Path) -> None:
    document = read_document(mixed_pdf, AuditOptions(ocr="auto"))
    assert [p.text_source for p in document.pages] == ["layer", "ocr", "layer"]
    assert "Authority Data" in normalise(document.pages[1].text)


def test_ocr_never_leaves_a_scanned_page_empty(mixed_pdf: Path) -> None:
    document = read_document(mixed_pdf, NEVER)
    assert [p.text_source for p in document.pages] == ["layer", "none", "layer"]
    assert any("page(s) 2" in w for w in document.warnings)


def test_a_scanned_document_with_ocr_off_is_empty(scanned_pdf: Path) -> None:
    with pytest.raises(EmptyDocumentError, match="OCR is off"):
        read_document(scanned_pdf, NEVER)


@pytest.mark.slow
def test_ocr_force_reads_every_page_with_tesseract(clauses_pdf: Path, tmp_path: Path) -> None:
    one_page = pdf_builders.build_clauses_pdf(tmp_path / "one.pdf", pages=1)
    document = read_document(one_page, AuditOptions(ocr="force"))
    assert document.ocr_pages == (1,)
    assert "Freedom of Information Act 2000" in flat(document)


def test_missing_tesseract_is_a_missing_dependency_error(scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    ocr.tesseract_path.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match="Tesseract") as raised:
            read_document(scanned_pdf, AuditOptions(ocr="auto"))
        assert raised.value.exit_code == ExitCode.missing_dependency
    finally:
        ocr.tesseract_path.cache_clear()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_missing_ocr_language_is_a_missing_dependency_error(scanned_pdf: Path) -> None:
    with pytest.raises(MissingDependencyError, match="language"):
        read_document(scanned_pdf, AuditOptions(ocr="auto", ocr_language="xxx"))


def test_scanned_archive_pdfs_are_read_from_their_invisible_ocr_layer(shared_dir: Path) -> None:
    # These bulletins are page images under an OCR text layer; their layers are noisy ("\\\\\\", "////"
    # from hatching) but hold real words, so no page needs Tesseract except where the layer is pure noise.
    path = shared_dir / "benchmarks" / "redaction" / "scanned" / "cib_03448359.pdf"
    document = read_document(path, NEVER)
    assert [p.text_source for p in document.pages] == ["layer"] * 7
    assert "INTELLIGENCE BULLETIN" in flat(document)


# ---------------------------------------------------------------------------------------- DOCX, text


def test_docx_body_tables_header_footer_and_pages(tender_docx: Path) -> None:
    document = read_document(tender_docx, NEVER)
    assert document.format == "docx" and [p.text_source for p in document.pages] == ["docx", "docx"]
    first, second = (normalise(p.text) for p in document.pages)
    assert first.startswith(pdf_builders.DOCX_HEADER)
    assert "Schedule 3 – Data and Transparency" in first
    for sentence in pdf_builders.DOCX_PAGE_ONE:
        assert sentence in first
    # List numbers live in numbering.xml, not in the paragraph text; a reader sees them, so quotes do.
    assert "1. First automatically numbered item. 2. Second automatically numbered item." in first
    rows = [line.table_row for line in document.pages[0].lines if line.table_row]
    assert rows == [tuple(row) for row in pdf_builders.TABLE_ROWS]
    assert pdf_builders.DOCX_PAGE_TWO in second and pdf_builders.DOCX_PAGE_TWO not in first
    assert second.endswith(pdf_builders.DOCX_FOOTER)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (2, "lowerLetter", "b"), (28, "lowerLetter", "bb"),
     (3, "decimalZero", "03"), (7, "decimal", "7"), (5, "none", "")],
)  # fmt: skip
def test_word_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


def test_docx_black_highlight_and_block_characters_are_redaction_marks(tender_docx: Path) -> None:
    marks = read_document(tender_docx, NEVER).pages[0].marks
    assert {(m.kind, m.text) for m in marks} == {
        ("docx_highlight", pdf_builders.DOCX_REDACTED),
        ("marker", "████████"),
    }


def test_text_and_markdown_split_pages_at_form_feeds(tmp_path: Path) -> None:
    txt = tmp_path / "notes.txt"
    txt.write_text("1.1 The Supplier shall comply.\n\fSchedule 2 – Data\n2.1 Data stays in the UK.\n")
    document = read_document(txt, NEVER)
    assert document.format == "text" and [p.text_source for p in document.pages] == ["text", "text"]
    assert document.pages[1].text == "Schedule 2 – Data\n2.1 Data stays in the UK."
    md = tmp_path / "notes.md"
    md.write_text("# Award\n\n| Criterion | Weight |\n|---|---|\n| Quality | 60% |\n")
    markdown = read_document(md, NEVER)
    assert markdown.format == "markdown"
    assert [line.table_row for line in markdown.pages[0].lines if line.table_row] == [
        ("Criterion", "Weight"),
        ("Quality", "60%"),
    ]


def test_issue12_pipe_separated_lines_in_a_text_file_are_table_rows(tmp_path: Path) -> None:
    # Probe round 5: an evaluation table pasted into a .txt file was read as prose and headings, so its weightings
    # were lost. Two or more consecutive " | " lines are a table; a lone pipe in prose is not.
    path = tmp_path / "itt.txt"
    path.write_text(
        "Use the portal | not email.\n\nCriterion | Weighting\nQuality | 50%\nSocial Value | 10%\nTotal | | 100%\n"
        "8. The next clause.\n"
    )
    lines = read_document(path, NEVER).pages[0].lines
    assert [line.table_row for line in lines if line.table_row] == [
        ("Criterion", "Weighting"),
        ("Quality", "50%"),
        ("Social Value", "10%"),
        ("Total", "", "100%"),
    ]
    assert lines[0].table_row is None and lines[-1].table_row is None
    assert tenderlens.audit(path).social_value.weighting_percent == 10


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The fee is £40 per café visit – payable “monthly”.".encode("cp1252"))
    assert read_document(path, NEVER).pages[0].text == "The fee is £40 per café visit – payable “monthly”."


def test_format_comes_from_bytes_not_the_extension(tmp_path: Path, tender_docx: Path, clauses_pdf: Path) -> None:
    disguised_pdf = tmp_path / "contract.docx"
    disguised_pdf.write_bytes(clauses_pdf.read_bytes())
    disguised_docx = tmp_path / "contract.pdf"
    disguised_docx.write_bytes(tender_docx.read_bytes())
    assert sniff(disguised_pdf) == "pdf" and sniff(disguised_docx) == "docx"
    assert read_document(disguised_docx, NEVER).format == "docx"


# ------------------------------------------------------------------------------------------ bad input


def _png(path: Path) -> Path:
    Image.new("RGB", (40, 40), "white").save(path, format="PNG")
    return path


def _random(path: Path) -> Path:
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def _truncated(path: Path) -> Path:
    full = pdf_builders.build_clauses_pdf(path.with_name("full.pdf"), pages=3).read_bytes()
    path.write_bytes(full[: len(full) // 2])
    return path


def _corrupt(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(2000))
    return path


def _encrypted(path: Path) -> Path:
    return pdf_builders.build_pdf_lines(path, [["Secret commercial terms."]], encrypt="letmein")


def _xlsx(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("build", "name", "error", "code"),
    [
        (_png, "scan.pdf", UnsupportedFormatError, ExitCode.input_file),  # an image renamed .pdf
        (_random, "tender.pdf", UnsupportedFormatError, ExitCode.input_file),
        (_xlsx, "prices.docx", UnsupportedFormatError, ExitCode.input_file),
        (_empty, "empty.pdf", InputFileError, ExitCode.input_file),
        (_truncated, "cut.pdf", InputFileError, ExitCode.input_file),
        (_corrupt, "corrupt.pdf", InputFileError, ExitCode.input_file),
        (_encrypted, "locked.pdf", EncryptedPdfError, ExitCode.encrypted),
        (pdf_builders.build_zero_page_pdf, "nothing.pdf", EmptyDocumentError, ExitCode.input_file),
        (pdf_builders.build_blank_pdf, "blank.pdf", EmptyDocumentError, ExitCode.input_file),
    ],
)
def test_bad_input_raises_a_typed_one_line_error(
    tmp_path: Path, build: object, name: str, error: type[TenderLensError], code: ExitCode
) -> None:
    path = build(tmp_path / name)  # type: ignore[operator]
    with pytest.raises(error) as raised:
        read_document(path, AuditOptions())
    assert raised.value.exit_code == code
    message = str(raised.value)
    assert "\n" not in message and path.name in message


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    # Permissions-only encryption (no password to open) is common on published contracts: not an error.
    encryption = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    path = pdf_builders.build_pdf_lines(tmp_path / "owner.pdf", [["The Supplier shall comply."]], encryption)
    assert normalise(read_document(path, NEVER).pages[0].text) == "The Supplier shall comply."


def test_missing_file_and_directory_are_file_access_errors(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        read_document(tmp_path / "absent.pdf", NEVER)
    with pytest.raises(FileAccessError, match="directory"):
        read_document(tmp_path, NEVER)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_a_file_access_error(clauses_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "private.pdf"
    path.write_bytes(clauses_pdf.read_bytes())
    path.chmod(0)
    with pytest.raises(FileAccessError, match="permission"):
        read_document(path, NEVER)


def test_limits_are_checked_before_extraction(clauses_pdf: Path, tender_docx: Path, tmp_path: Path) -> None:
    with pytest.raises(ResourceLimitError, match="bytes") as raised:
        read_document(clauses_pdf, AuditOptions(max_bytes=1000))
    assert raised.value.exit_code == ExitCode.resource_limit
    with pytest.raises(ResourceLimitError, match="3 pages; the limit is 2"):
        read_document(clauses_pdf, AuditOptions(max_pages=2))
    with pytest.raises(ResourceLimitError, match="limit is 1"):
        read_document(tender_docx, AuditOptions(max_pages=1))
    text = tmp_path / "long.txt"
    text.write_text("Page one.\fPage two.\fPage three.")
    with pytest.raises(ResourceLimitError):
        read_document(text, AuditOptions(max_pages=2))


# ------------------------------------------------------------------------------------- real documents


def _real_documents(shared: Path) -> list[Path]:
    folder = shared / "realdocs" / "uk-ccs-contract-2017"
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx"))


@pytest.mark.slow
def test_the_ccs_contract_pack_reads_without_error(shared_dir: Path) -> None:
    documents = _real_documents(shared_dir)
    assert len(documents) >= 40
    for path in documents:
        document = read_document(path, NEVER)
        assert sum(len(page.text) for page in document.pages) > 300, path.name
        assert all(page.text_source in ("layer", "docx") for page in document.pages), path.name
