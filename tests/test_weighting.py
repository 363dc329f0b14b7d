"""Social-value weighting is read from the evaluation criteria however they are written: tables, inline lines,
nested criteria, marks, sub-criteria, or not at all; numbers that are not weightings are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

import tenderlens
from tenderlens import segment
from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.weighting import read_social_value
from tenderlens.model import Span


def s(text: str, kind: str = "sentence", page: int = 1, clause: str | None = None) -> Span:
    return Span(text=text, page=page, kind=kind, clause_ref=clause)  # type: ignore[arg-type]


def rows(*texts: str) -> list[Span]:
    return [s(t, "table_row") for t in texts]


# (case, spans, weighting_percent, meets_minimum). Each case names the trap it holds.
CASES: list[tuple[str, list[Span], float | None, bool | None]] = [
    ("inline line with pipes", [s("Quality 55% | Price 35% | Social value 10%")], 10, True),
    (
        "a long criterion name before its points (probe, US RFP)",
        [
            s("Proposals will be scored out of a total of 100 points, allocated as follows."),
            s(
                "Responsible Use of Technology, Equity and Accessibility, including explanation of Risk Scores, "
                "fairness testing, data stewardship and language access: 8 points."
            ),
            s("Financial Proposal: 30 points."),
        ],
        8,
        False,
    ),
    (
        "the total line, not a stage's points available (probe, Ontario RFP)",
        [
            s(
                "Proponents that score less than 42 of the 60 points available for the Technical Proposal will not "
                "proceed."
            ),
            s("Technical Proposal: 60 points."),
            s("Social and Community Benefits: 8 points."),
            s("Price: 22 points."),
            s("Total: 100 points."),
        ],
        8,
        False,
    ),
    ("nested inside quality", [s("Quality 60% (including Social Value 10%) and Price 40%.")], 10, True),
    (
        "nested in a table cell",
        rows("Criterion | Weighting", "Quality (including Social Value 10%) | 60%", "Price | 40%"),
        10,
        True,
    ),
    (
        "table with percentages",
        rows("Criterion | Weighting", "Quality | 60%", "Price | 35%", "Social value | 5%"),
        5,
        False,
    ),
    (
        "table, bare numbers, % in header",
        rows("Criterion | Weighting (%)", "Quality | 60", "Price | 30", "Social value | 10"),
        10,
        True,
    ),
    (
        "description column with days",
        rows(
            "Criterion | Description | Weighting",
            "Quality | Method | 60%",
            "Social value | Reply within 10 working days | 10%",
            "Price | Cost | 30%",
        ),
        10,
        True,
    ),
    ("marks out of 100", [s("Social value will be worth 15 marks out of 100.")], 15, True),
    ("score as a fraction", [s("Social value: 12/100")], 12, True),
    (
        "marks with a total row",
        rows("Criterion | Marks", "Technical | 90", "Price | 45", "Social value | 15", "Total | 150"),
        10,
        True,
    ),
    (
        "marks, total from the column",
        rows("Criterion | Marks", "Technical | 90", "Price | 45", "Social value | 15"),
        10,
        True,
    ),
    (
        "marks, total in a sentence",
        [s("Bids are scored out of a total of 200 marks."), s("Social value: 15 marks.")],
        7.5,
        False,
    ),
    ("per cent in words", [s("The social value criterion carries a weighting of 10 per cent.")], 10, True),
    ("number in words", [s("Social value: ten per cent.")], 10, True),
    ("percentage before the label", [s("A 10% weighting will be applied to social value.")], 10, True),
    ("list with numbers first", [s("Weightings: 60% Quality, 30% Price, 10% Social Value.")], 10, True),
    (
        "sentence list",
        [s("Tenders will be evaluated on Quality (60%), Price (30%) and Social Value (10%).")],
        10,
        True,
    ),
    (
        "share of the quality score",
        [s("Quality 50%, Price 50%."), s("Social value is 20% of the quality score.")],
        10,
        True,
    ),
    (
        "sub-criteria rows that sum",
        rows(
            "Criterion | Weighting",
            "Quality | 60%",
            "Social value - local jobs | 4%",
            "Social value - digital inclusion | 6%",
            "Price | 30%",
        ),
        10,
        True,
    ),
    (
        "total row with its sub-criteria",
        rows(
            "Criterion | Weighting",
            "Quality | 60%",
            "Social value | 10%",
            "Social value: skills | 5%",
            "Social value: inclusion | 5%",
            "Price | 30%",
        ),
        10,
        True,
    ),
    (
        "empty label row over sub-rows",
        rows(
            "Criterion | Weighting",
            "Quality | 60%",
            "Social value |",
            "Local jobs | 4%",
            "Accessibility | 6%",
            "Price | 30%",
        ),
        10,
        True,
    ),
    (
        "heading over sub-criteria",
        [
            s("Social value", "heading"),
            s("5.1 Employment and skills (4%)"),
            s("5.2 Reduce carbon emissions by 20% by 2030."),
            s("5.3 Digital inclusion (2%)"),
            s("Price", "heading"),
            s("Price 30%"),
        ],
        6,
        False,
    ),
    ("criteria without social value", [s("Quality 70% | Price 30%")], None, False),
    (
        "social value named, not weighted",
        [s("Quality 70% (including social value) | Price 30%")],
        None,
        False,
    ),
    ("flattened table: 60% is quality's", [s("Quality 60% Social value Price 40%")], None, False),
    ("zero weighting", [s("Quality 70% | Price 30% | Social value 0%")], 0, False),
    (
        "no evaluation criteria (a contract)",
        [s("The Supplier shall pay a 10% deposit within 10 working days.")],
        None,
        None,
    ),
    (
        "deposit next to social value",
        [s("Social value commitments: the Supplier shall pay a 10% deposit.")],
        None,
        None,
    ),
    (
        "KPI target in social value",
        [s("Social value KPI: 20% of new hires are local residents.")],
        None,
        None,
    ),
    ("days, not a weighting", [s("Social value reports are due within 10 working days.")], None, None),
    (
        "the Act, not a criterion",
        [s("The Public Services (Social Value) Act 2012, section 1 (10% of ...) applies.")],
        None,
        None,
    ),
    ("availability is not a criterion", [s("Technical support availability 99.5%.")], None, None),
    (
        "parent weight in a table row is quality's",
        rows("Criterion | Weighting", "Quality (including methodology and social value) | 50%", "Price | 50%"),
        None,
        False,
    ),
    (
        "parent weight inline is quality's",
        [s("Award criteria: Quality 60% (comprising technical merit, social value and sustainability), Price 40%.")],
        None,
        False,
    ),
    (
        "a sibling's weight before a comma",
        [s("Quality 50%, made up of: delivery 30%, social value (assessed within quality), staff 20%; Price 50%.")],
        None,
        False,
    ),
]


def test_parent_criterion_weight_names_the_parent() -> None:
    # Issue 12, class 6: "Quality 50%" with social value one unweighted part of it is no social-value weighting.
    spans = tuple(rows("Criterion | Weighting", "Quality (covering delivery and social value) | 50%", "Price | 50%"))
    sv = read_social_value(spans, load_checklist())
    assert sv.weighting_percent is None
    assert "'Quality' criterion (50%" in sv.reason
    assert sv.evidence and "social value" in sv.evidence[0].quote


def test_parent_criterion_named_in_a_separate_sentence_holds_the_weight() -> None:
    # Issue 12, class 6: the weight is in the table and the inclusion in a sentence below it.
    spans = (
        *rows("Criterion | Weighting", "Quality | 50%", "Price | 50%"),
        s("The Quality criterion includes technical merit, delivery and social value.", page=2),
    )
    sv = read_social_value(spans, load_checklist())
    assert sv.weighting_percent is None and sv.meets_minimum is False
    assert "'Quality' criterion (50%" in sv.reason
    assert any("includes technical merit" in e.quote for e in sv.evidence)
    # Named without words of inclusion, social value is only unweighted, not part of Quality.
    loose = (*rows("Criterion | Weighting", "Quality | 50%", "Price | 50%"), s("Social value will be discussed."))
    assert "Quality" not in read_social_value(loose, load_checklist()).reason


def test_issue12_social_value_said_to_have_no_weighting_of_its_own_is_not_given_the_shared_figure() -> None:
    # Probe round 5: a question weighted 15% covers "mobilisation and social value", and the document says so.
    table = rows(
        "Question | Topic | Weighting (% of total)",
        "Q1 | Service delivery model, mobilisation and social value | 15%",
        "Q2 | Ticket triage and routing | 10%",
    )
    said = s(
        "Social value commitments, such as local recruitment, will be considered as part of the answer to Q1 and "
        "are not given a separate weighting.",
        page=3,
        clause="C1.3",
    )
    sv = read_social_value((*table, said), load_checklist())
    assert sv.weighting_percent is None and sv.meets_minimum is False
    assert "no weighting of its own (page 3, clause C1.3)" in sv.reason and "15%" in sv.reason
    assert [e.quote for e in sv.evidence][:2] == [said.text, table[1].text]
    # Unweighted parts of a weighted social-value criterion leave its own weighting standing.
    parts = s("The themes below are not given a separate weighting.")
    weighted = read_social_value((*rows("Criterion | Weighting", "Social value | 10%"), parts), load_checklist())
    assert weighted.weighting_percent == 10


@pytest.mark.parametrize(("case", "spans", "percent", "meets"), CASES, ids=[c[0] for c in CASES])
def test_weighting_is_read(case: str, spans: list[Span], percent: float | None, meets: bool | None) -> None:
    sv = read_social_value(tuple(spans), load_checklist())
    assert sv.weighting_percent == percent, sv.reason
    assert sv.meets_minimum is meets, sv.reason
    assert sv.minimum_percent == 10
    if percent is not None:
        assert sv.evidence, "a weighting must quote where it was read"
        labels = load_checklist().social_value.labels
        assert any(label in e.quote.lower() for label in labels for e in sv.evidence)


def test_evidence_and_reason_name_page_and_clause() -> None:
    spans = (s("Intro.", page=1), s("Quality 60% | Price 35% | Social value 5%", page=4, clause="7.1"))
    sv = read_social_value(spans, load_checklist())
    assert [(e.page, e.clause, e.quote) for e in sv.evidence] == [(4, "7.1", spans[1].text)]
    assert "page 4, clause 7.1" in sv.reason and "below the 10% minimum" in sv.reason


def test_conflicting_weightings_are_reported() -> None:
    spans = (s("Social value 10%"), s("Social value will be weighted at 5%."))
    sv = read_social_value(spans, load_checklist())
    assert sv.weighting_percent == 10
    assert "Other weightings stated: 5%" in sv.reason


def test_themes_come_from_the_social_value_criteria_only() -> None:
    spans = (
        s("The Supplier shall protect personal data and publish an accessibility statement."),
        s("Social value (10%)", "heading"),
        s("Bidders should explain how their algorithm is transparent to residents."),
        s("Pricing", "heading"),
        s("Price 30%, Quality 60%."),
    )
    sv = read_social_value(spans, load_checklist())
    assert sv.weighting_percent == 10
    assert sv.themes == ("transparency",)


def test_minimum_comes_from_the_checklist() -> None:
    from dataclasses import replace

    checklist = load_checklist()
    strict = replace(checklist, social_value=replace(checklist.social_value, minimum_percent=15))
    sv = read_social_value((s("Quality 55% | Price 35% | Social value 10%"),), strict)
    assert sv.meets_minimum is False and sv.minimum_percent == 15


def _criteria_pdf(path: Path, table: list[list[str]] | None, paragraphs: list[str]) -> Path:
    styles = getSampleStyleSheet()
    story: list = [Paragraph("7. Evaluation", styles["Heading2"])]
    story += [Paragraph(p, styles["BodyText"]) for p in paragraphs]
    if table:
        t = Table(table, colWidths=[200, 120])
        t.setStyle(
            TableStyle([("GRID", (0, 0), (-1, -1), 0.75, "black"), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")])
        )
        story.append(t)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize(
    ("table", "paragraphs", "percent"),
    [
        ([["Criterion", "Weighting"], ["Quality", "60%"], ["Price", "35%"], ["Social value", "5%"]], [], 5),
        (
            None,
            ["7.1 Tenders are evaluated as follows: Quality 60% (including Social Value 10%), Price 40%."],
            10,
        ),
        ([["Criterion", "Marks"], ["Technical", "90"], ["Price", "45"], ["Social value", "15"]], [], 10),
        (None, ["7.1 The lowest price wins. A deposit of 10% is payable on award."], None),
    ],
    ids=["ruled table", "nested inline", "marks table", "none"],
)
def test_weighting_from_a_real_pdf(
    tmp_path: Path, table: list[list[str]] | None, paragraphs: list[str], percent: float | None
) -> None:
    path = _criteria_pdf(tmp_path / "itt.pdf", table, paragraphs)
    spans = segment.segment(tenderlens.read(path))
    sv = read_social_value(spans, load_checklist())
    assert sv.weighting_percent == percent, sv.reason
    if percent is not None:
        assert sv.evidence[0].page == 1


def test_issue12_a_long_word_before_a_criterion_name_is_not_read_as_its_number() -> None:
    """The criterion-line reader first checks that only a clause number stands before the label. Its first pattern,
    a repeated group of up to three letters, took any words for numbering, and before a punctuation mark it failed
    only after splitting them every possible way (22 letters took 30 s). One clause number, or nothing, may stand
    there."""
    name = "Responsible use of technology, " + "including " * 14 + "fairness testing: 8 points."
    spans = (s("Pneumonoultramicroscopicsilicovolcanoconiosis " + name), s("Total: 100 points."))
    assert read_social_value(spans, load_checklist()).weighting_percent is None
    assert read_social_value((s("5.2.5 " + name), spans[1]), load_checklist()).weighting_percent == 8
