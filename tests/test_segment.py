"""Segmentation on real files: sentences with their page, clause number and heading; numbering forms;
abbreviations; sentences joined over line and page breaks; table rows; and the quoting rule (every span is
a verbatim, whitespace-normalised quote of its page) on generated documents and the CCS contract pack."""

from __future__ import annotations

from pathlib import Path

import pytest

import pdf_builders
from tenderlens.ingest import read_document
from tenderlens.model import Document, Span
from tenderlens.options import AuditOptions
from tenderlens.segment import normalise, segment
from tenderlens.segment.furniture import furniture_lines
from tenderlens.segment.numbering import ClauseState, match_clause_start
from tenderlens.tokens import tokenizer

NEVER = AuditOptions(ocr="never")


def spans_of(path: Path) -> tuple[Document, tuple[Span, ...]]:
    document = read_document(path, NEVER)
    return document, segment(document)


def assert_quotes_are_verbatim(document: Document, spans: tuple[Span, ...]) -> None:
    """The quoting rule of ``tenderlens.segment``, checked span by span."""
    pages = {page.number: page for page in document.pages}
    furniture = furniture_lines(document)

    def body(number: int) -> list[tuple[int, int]]:
        """(start, end) offsets of the page's body lines (running headers and footers left out)."""
        offsets, position = [], 0
        for index, line in enumerate(pages[number].lines):
            if (number, index) not in furniture:
                offsets.append((position, position + len(line.text)))
            position += len(line.text) + 1
        return offsets

    for span in spans:
        assert span.text == normalise(span.text) and span.text, span
        if span.end_page is None:
            assert normalise(pages[span.page].text[span.start : span.end]) == span.text, span
            continue
        parts = [(span.page, span.start, body(span.page)[-1][1])]
        parts += [(n, body(n)[0][0], body(n)[-1][1]) for n in range(span.page + 1, span.end_page)]
        parts.append((span.end_page, body(span.end_page)[0][0], span.end))
        assert span.text == normalise(" ".join(pages[n].text[a:b] for n, a, b in parts)), span


def by_text(spans: tuple[Span, ...]) -> dict[str, Span]:
    return {span.text: span for span in spans}


def write_text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_every_sentence_has_its_page_clause_and_heading(clauses_pdf: Path) -> None:
    document, spans = spans_of(clauses_pdf)
    sentences = [s for s in spans if s.kind == "sentence"]
    expected = [
        (page, number, sentence)
        for page in (1, 2, 3)
        for number, texts in pdf_builders.clause_layout(page)
        for sentence in texts
    ]
    assert [(s.page, s.clause_ref, s.text) for s in sentences] == expected
    for span in sentences:
        assert span.heading == pdf_builders.clause_heading(span.page)
        assert span.bbox is not None and span.bbox[1] > 80
    headings = [(s.page, s.clause_ref, s.text) for s in spans if s.kind == "heading"]
    assert headings == [(p, str(p), pdf_builders.clause_heading(p)) for p in (1, 2, 3)]
    assert not any("Page 1 of 3" in s.text for s in spans)  # page furniture is not a sentence
    assert_quotes_are_verbatim(document, spans)


def test_abbreviations_and_clause_numbers_do_not_split_sentences(tmp_path: Path) -> None:
    text = (
        "4.2 Requests under s.43 of the Act (e.g. for prices) are answered, i.e. within 20 days. "
        "See Annex No. 4 and para. 2.3 of the Guidance, cl. 7.1 and Sch. 2 for details. "
        "Costs of the Supplier etc. are excluded.\n"
    )
    _, spans = spans_of(write_text(tmp_path, "abbrev.txt", text))
    assert [s.text for s in spans] == [
        "Requests under s.43 of the Act (e.g. for prices) are answered, i.e. within 20 days.",
        "See Annex No. 4 and para. 2.3 of the Guidance, cl. 7.1 and Sch. 2 for details.",
        "Costs of the Supplier etc. are excluded.",
    ]
    assert {s.clause_ref for s in spans} == {"4.2"}


def test_numbering_forms_and_nested_list_items(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "SCHEDULE 3 – DATA",
            "The Supplier shall protect data.",
            "Clause 7 Data Protection",
            "7.1 The Supplier shall:",
            "(a) keep data in the UK;",
            "(b) delete data on request, either:",
            "(i) within 30 days; or",
            "(ii) at the end of the Term;",
            "(c) report breaches;",
            "(d) train staff; (e) audit; (f) log; (g) encrypt; and",
            "(h) appoint a data officer;",
            "(i) name a deputy.",
            "Section 5 – Reporting",
            "The Supplier shall report monthly.",
            "Paragraph 2.1 The Authority may audit the Supplier.",
            "2.3.4 Records are kept for six years.",
            "Clause 9 applies to all records.",
        ]
    )
    document, spans = spans_of(write_text(tmp_path, "numbering.txt", text))
    refs = {s.text: s.clause_ref for s in spans}
    assert refs["SCHEDULE 3 – DATA"] == "SCHEDULE 3"
    assert refs["The Supplier shall protect data."] == "SCHEDULE 3"
    assert refs["Clause 7 Data Protection"] == "7"
    assert refs["The Supplier shall:"] == "7.1"
    assert refs["keep data in the UK;"] == "7.1(a)"
    assert refs["within 30 days; or"] == "7.1(b)(i)"
    assert refs["at the end of the Term;"] == "7.1(b)(ii)"
    assert refs["report breaches;"] == "7.1(c)"
    assert refs["appoint a data officer;"] == "7.1(h)"
    assert refs["name a deputy."] == "7.1(i)"  # after (h), "(i)" is a letter, not a Roman one
    assert refs["Section 5 – Reporting"] == "5"
    assert refs["The Supplier shall report monthly."] == "5"
    assert refs["The Authority may audit the Supplier."] == "2.1"
    assert refs["Records are kept for six years."] == "2.3.4"
    # "Clause 9 applies" is a sentence about clause 9, not the start of it.
    assert refs["Clause 9 applies to all records."] == "2.3.4"
    headings = {s.text for s in spans if s.kind == "heading"}
    assert headings == {"SCHEDULE 3 – DATA", "Clause 7 Data Protection", "Section 5 – Reporting"}
    assert by_text(spans)["report breaches;"].heading == "Clause 7 Data Protection"
    assert_quotes_are_verbatim(document, spans)


def test_list_items_keep_the_lead_in_they_complete(tmp_path: Path) -> None:
    # Read alone, "(a) use Authority Data to train models" says the opposite of the clause it belongs to.
    text = "\n".join(
        [
            "4. Authority Data",
            "4.1 The Supplier shall not:",
            "(a) use Authority Data to train models offered to other customers;",
            "(b) transfer it outside the United Kingdom, either:",
            "(i) directly; or",
            "(ii) through a Subcontractor; or",
            "(c) keep it after exit.",
            "4.2 The Supplier shall return all Authority Data on exit.",
            "4.10 Nothing in this clause limits clause 9:",
            "4.11 The Buyer may audit the Supplier.",
        ]
    )
    _, spans = spans_of(write_text(tmp_path, "lists.txt", text))
    spans_by_text = by_text(spans)
    lead = {t: s.lead_in for t, s in spans_by_text.items()}
    assert lead["use Authority Data to train models offered to other customers;"] == "The Supplier shall not:"
    assert lead["keep it after exit."] == "The Supplier shall not:"
    assert lead["through a Subcontractor; or"] == (
        "The Supplier shall not: transfer it outside the United Kingdom, either:"
    )
    assert lead["The Supplier shall return all Authority Data on exit."] is None
    assert lead["The Buyer may audit the Supplier."] is None  # "4.11" is not numbered below "4.10"
    item = spans_by_text["keep it after exit."]
    assert item.text == "keep it after exit."  # evidence still quotes the item alone
    assert item.reading == "The Supplier shall not: keep it after exit."


@pytest.mark.parametrize(
    ("line", "kind", "label", "rest"),
    [
        ("12.3 The Supplier", "number", "12.3", "The Supplier"),
        ("7. DEFINITIONS", "number", "7", "DEFINITIONS"),
        (
            "Call-Off Schedule 1 (Transparency Reports)",
            "schedule",
            "Call-Off Schedule 1",
            "(Transparency Reports)",
        ),
        ("Annex A: Pricing", "schedule", "Annex A", "Pricing"),
        ("(iv) the Term", "sub", "(iv)", "the Term"),
        ("b) the Buyer", "sub", "(b)", "the Buyer"),
        ("CLAUSE 12", "number", "12", ""),
    ],
)
def test_clause_starts(line: str, kind: str, label: str, rest: str) -> None:
    start = match_clause_start(line)
    assert start is not None and (start.kind, start.label, start.rest) == (kind, label, rest)


@pytest.mark.parametrize("line", ["30 days after the date", "2019 was a good year", "Section 5 of the Act applies."])
def test_not_clause_starts(line: str) -> None:
    assert match_clause_start(line) is None


def test_roman_or_letter_depends_on_the_list_in_force() -> None:
    state = ClauseState()
    for line in ("3.1 Text", "(a) one"):
        state = state.enter(match_clause_start(line))  # type: ignore[arg-type]
    assert state.enter(match_clause_start("(i) x")).ref == "3.1(a)(i)"  # type: ignore[arg-type]
    for line in ("(b) two", "(c) three", "(d) four", "(e) five", "(f) six", "(g) seven", "(h) eight"):
        state = state.enter(match_clause_start(line))  # type: ignore[arg-type]
    assert state.enter(match_clause_start("(i) nine")).ref == "3.1(i)"  # type: ignore[arg-type]


def test_a_wrapped_line_starting_with_a_number_is_not_a_clause(tmp_path: Path) -> None:
    lines = [
        "1.1 The Supplier shall pay every undisputed invoice received from a Sub-contractor within",
        "30 days of receipt, and shall publish its payment performance each quarter on its website.",
        "1.2 The Buyer may audit payment records.",
    ]
    for path in (
        pdf_builders.build_pdf_lines(tmp_path / "wrap.pdf", [lines]),
        write_text(tmp_path, "wrap.txt", "\n".join(lines)),
    ):
        document, spans = spans_of(path)
        assert [(s.clause_ref, s.text) for s in spans] == [
            ("1.1", normalise(" ".join(lines[:2])[4:])),
            ("1.2", "The Buyer may audit payment records."),
        ]
        assert_quotes_are_verbatim(document, spans)


def test_a_sentence_running_over_a_page_break_is_one_span(tmp_path: Path) -> None:
    first = [f"{n}.1 Filler clause number {n} of the agreement is agreed." for n in range(1, 4)]
    first += [
        "4.1 The Supplier shall give the Authority a written explanation of any automated decision",
        "about a person on request, free of charge and within",
    ]
    second = ["twenty Working Days of the request.", "4.2 The Authority may publish it."]
    path = pdf_builders.build_pdf_lines(tmp_path / "carry.pdf", [first, second], footers=True)
    document, spans = spans_of(path)
    carried = next(s for s in spans if s.text.startswith("The Supplier shall give"))
    assert carried.text.endswith("free of charge and within twenty Working Days of the request.")
    assert (carried.page, carried.end_page, carried.clause_ref) == (1, 2, "4.1")
    assert carried.bbox is not None and carried.bbox[3] < 200  # the box of its part on the first page
    assert by_text(spans)["The Authority may publish it."].page == 2
    assert not any("Page" in s.text for s in spans)
    assert_quotes_are_verbatim(document, spans)


def test_two_column_sentences_are_whole(two_column_pdf: Path) -> None:
    document, spans = spans_of(two_column_pdf)
    texts = [s.text for s in spans if s.kind == "sentence"]
    assert texts == [*pdf_builders.LEFT_COLUMN, *pdf_builders.RIGHT_COLUMN]
    assert_quotes_are_verbatim(document, spans)


def test_table_rows_become_table_row_spans(table_pdf: Path, tmp_path: Path) -> None:
    document, spans = spans_of(table_pdf)
    assert [s.text for s in spans if s.kind == "table_row"] == [" | ".join(r) for r in pdf_builders.TABLE_ROWS]
    assert [s.cells for s in spans if s.kind == "table_row"] == [tuple(r) for r in pdf_builders.TABLE_ROWS]
    assert all(s.bbox is not None for s in spans) and all(s.cells is None for s in spans if s.kind != "table_row")
    assert_quotes_are_verbatim(document, spans)
    markdown = write_text(tmp_path, "table.md", "# Award\n\n| Criterion | Weight |\n|---|---|\n| Price | 30% |\n")
    document, spans = spans_of(markdown)
    assert [(s.kind, s.text) for s in spans] == [
        ("heading", "# Award"),
        ("table_row", "Criterion | Weight"),
        ("table_row", "Price | 30%"),
    ]
    assert_quotes_are_verbatim(document, spans)
    # Cells are kept as read, so a row written without spaces round its pipes is not one cell of text.
    _, spans = spans_of(write_text(tmp_path, "tight.md", "|Criterion|Weight|\n|---|---|\n|Social value|10%|\n"))
    assert [(s.text, s.cells) for s in spans] == [
        ("Criterion|Weight", ("Criterion", "Weight")),
        ("Social value|10%", ("Social value", "10%")),
    ]


def test_docx_spans_keep_logical_pages_and_numbering(tender_docx: Path) -> None:
    document, spans = spans_of(tender_docx)
    found = by_text(spans)
    assert found["Schedule 3 – Data and Transparency"].kind == "heading"
    assert (found[pdf_builders.DOCX_PAGE_ONE[0]].clause_ref, found[pdf_builders.DOCX_PAGE_ONE[0]].page) == (
        "1.1",
        1,
    )
    assert found[pdf_builders.DOCX_PAGE_ONE[1]].clause_ref == "1.2"
    assert (found[pdf_builders.DOCX_PAGE_TWO].clause_ref, found[pdf_builders.DOCX_PAGE_TWO].page) == (
        "2.1",
        2,
    )
    assert found["Social value | 10% | PPN 06/20 themes"].kind == "table_row"
    assert found["Second automatically numbered item."].clause_ref == "2"
    assert_quotes_are_verbatim(document, spans)


def test_the_tokenizer_is_built_once() -> None:
    assert tokenizer() is tokenizer()


@pytest.mark.slow
def test_quotes_stay_verbatim_on_the_redaction_benchmark_pdfs(shared_dir: Path) -> None:
    # Traps: court filings number every line in the margin ("26" between two halves of a sentence), scanned
    # bulletins carry noisy OCR layers, and x-ray's files draw boxes over text in every way they can.
    paths = sorted((shared_dir / "benchmarks" / "redaction").rglob("*.pdf"))
    assert len(paths) >= 30
    for path in paths:
        document, spans = spans_of(path)
        assert spans, path.name
        assert_quotes_are_verbatim(document, spans)


@pytest.mark.slow
def test_the_ccs_contract_pack_segments_into_numbered_clauses(shared_dir: Path) -> None:
    folder = shared_dir / "realdocs" / "uk-ccs-contract-2017"
    numbered = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx")):
        document, spans = spans_of(path)
        assert any(s.kind == "sentence" for s in spans), path.name
        assert_quotes_are_verbatim(document, spans)
        numbered += any(s.clause_ref for s in spans)
    assert numbered >= 40  # all but the contents matrix and the award form have numbered clauses
    _, spans = spans_of(folder / "Core Terms FM1.4 CCSv2.7 161117.docx")
    refs = {s.clause_ref for s in spans}
    assert {"1.1", "2.3", "3.2.1", "4.4"} <= refs
    found = by_text(spans)
    assert found["CCS has paid one penny to the Supplier to legally form the Framework Contract."].clause_ref == "2.3"
    _, pdf_spans = spans_of(folder / "example-terms-and-conditions.pdf")
    assert len({s.clause_ref for s in pdf_spans if s.clause_ref}) > 100


def test_inserted_clause_numbers_with_a_letter_start_their_own_clauses(tmp_path: Path) -> None:
    # Probe round 8 (an NHS contract variation): "6B.9.1", "6B.9.2" ran together into one sentence, so a protective
    # and a contrary clause were read as one.
    text = "\n".join(
        [
            "6B.9 Sub-processing",
            "6B.9.1 The Provider shall ensure that the sub-processor uses Personal Data only to run the platform.",
            "6B.9.2 The Commissioner agrees that the sub-processor may use chat content to improve its products.",
            "14A.2 The Provider shall report monthly.",
        ]
    )
    _, spans = spans_of(write_text(tmp_path, "variation.txt", text))
    refs = {s.text: s.clause_ref for s in spans}
    assert (
        refs["The Provider shall ensure that the sub-processor uses Personal Data only to run the platform."]
        == "6B.9.1"
    )
    assert (
        refs["The Commissioner agrees that the sub-processor may use chat content to improve its products."] == "6B.9.2"
    )
    assert refs["The Provider shall report monthly."] == "14A.2"
