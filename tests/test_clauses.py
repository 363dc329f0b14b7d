"""The clause engine on real PDFs: contrary, partial, distractors, incorporated schedules, not applicable,
placeholders, and evidence that is always a verbatim quote with page and clause."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tenderlens
from clause_builders import AI_SCOPE, build_tender_pdf
from tenderlens.model import Report


def _audit(tmp_path: Path, pages: list[list[str]]) -> Report:
    return tenderlens.audit(build_tender_pdf(tmp_path / "tender.pdf", pages), engine="classic")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _assert_verbatim(report: Report) -> None:
    document = tenderlens.read(report.document.path)
    pages = {p.number: _norm(p.text) for p in document.pages}
    for finding in report.findings:
        for ev in finding.evidence:
            assert _norm(ev.quote) in pages[ev.page], (finding.category, ev)


def test_contrary_clause_is_reported_with_page_clause_and_quote(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            ["# 1. Scope", AI_SCOPE],
            [
                "# 7. Intellectual property",
                "7.1 The Supplier shall deliver the System in accordance with the Specification.",
                "7.2 The Supplier shall not be required to disclose the logic of the scoring model or the weightings "
                "it applies to any person, including the Council.",
            ],
        ],
    )
    finding = report.finding("explainability")
    assert finding.status == "contrary"
    first = finding.evidence[0]
    assert first.page == 2
    assert first.clause == "7.2"
    assert first.quote.startswith("The Supplier shall not be required to disclose the logic")
    assert finding.suggestion and finding.questions
    _assert_verbatim(report)


def test_distractor_alone_leaves_the_safeguard_missing_and_says_what_was_searched(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            [
                "# 1. Scope",
                AI_SCOPE,
                "# 2. Instructions",
                "2.1 Bidders should explain their methodology for the implementation in no more than 500 words.",
            ]
        ],
    )
    finding = report.finding("explainability")
    assert finding.status == "missing"
    assert not finding.evidence
    assert "plain-language explanation" in finding.reason
    assert finding.searched_for


def test_weak_wording_is_partial(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            [
                "# 1. Scope",
                AI_SCOPE,
                "# 3. Transparency",
                "3.1 The Supplier should, where possible, provide an explanation of the main factors behind each risk "
                "score to the claimant.",
            ]
        ],
    )
    assert report.finding("explainability").status == "partial"


def test_incorporated_schedule_counts_as_evidence(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            [
                "# 1. Scope",
                AI_SCOPE,
                "1.2 The Supplier shall host Authority Data and personal data in the UK.",
                "# 9. Exit",
                "9.1 Call-Off Schedule 13 (Exit Management) applies to this Contract.",
            ]
        ],
    )
    finding = report.finding("data_ownership")
    assert finding.status == "present"
    assert any(ev.clause == "9.1" and "Exit Management" in ev.quote for ev in finding.evidence)


def test_goods_only_document_is_not_applicable_with_reasons(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            [
                "# Request for quotation: classroom furniture",
                "1.1 The Trust requires the supply and delivery of 240 stackable chairs and 60 desks (the Goods).",
                "1.2 All furniture shall meet BS EN 1729 and be delivered to three schools by 31 July.",
                "1.3 The furniture supplied must carry a ten-year warranty against manufacturing defects.",
                "2.1 The Trust is subject to the Freedom of Information Act 2000 and may disclose information about "
                "this quotation.",
            ]
        ],
    )
    for category in ("explainability", "data_ownership", "inclusion", "impact_evaluation"):
        finding = report.finding(category)
        assert finding.status == "not_applicable", category
        assert finding.reason
    assert report.finding("foi").status in ("present", "partial")


def test_a_back_office_service_that_says_it_has_no_users_is_not_public_facing(tmp_path: Path) -> None:
    report = _audit(
        tmp_path,
        [
            [
                "# 1. Scope",
                "1.1 The Council requires a hosted interface that sends the nightly payment file from its finance "
                "system to its bank and reconciles the returns.",
                "1.2 The interface runs unattended: no member of staff or the public will log in to it, and it has "
                "no user interface.",
                "1.3 The Supplier shall host the software and keep the payment records encrypted at rest.",
            ]
        ],
    )
    public = next(s for s in report.applicability if s.scope == "public_facing")
    assert not public.applies
    assert "negated" in public.reason
    assert public.evidence and public.evidence[0].clause == "1.2"
    assert report.finding("inclusion").status == "not_applicable"
    _assert_verbatim(report)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("4.1 The contract will start on [Insert contract start date] for three years.", "insert"),
        ("4.2 The closing date is TBC.", "to_be_confirmed"),
        ("4.3 [Buyer guidance: delete this clause if no data is processed.]", "guidance"),
    ],
)
def test_placeholders_are_reported(tmp_path: Path, text: str, kind: str) -> None:
    report = _audit(tmp_path, [["# 4. Timetable", text]])
    found = [p for p in report.placeholders if p.kind == kind]
    assert found and found[0].page == 1 and found[0].quote in text


def test_user_checklist_changes_the_verdict(tmp_path: Path) -> None:
    """The checklist is data: a user's copy with one more contrary phrase changes the verdict, no code change."""
    import yaml

    from tenderlens.clauses.checklist import bundled_text

    raw = yaml.safe_load(bundled_text())
    foi = next(c for c in raw["categories"] if c["id"] == "foi")
    foi["contrary"].append("publication of (this|the) contract is not permitted")
    path = tmp_path / "strict.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    pdf = build_tender_pdf(
        tmp_path / "t.pdf", [["# 5. Confidentiality", "5.1 Publication of this Contract is not permitted."]]
    )
    assert tenderlens.audit(pdf, checklist=path, engine="classic").finding("foi").status == "contrary"


def test_social_value_weighting_is_read_from_the_cells_a_table_row_keeps(tmp_path: Path) -> None:
    """A Markdown table written without spaces round its pipes quotes as "Social value|10%"; the row's own
    cells, not its quoted text split at " | ", give the weighting."""
    path = tmp_path / "criteria.md"
    path.write_text(
        "# Award criteria\n\n|Criterion|Weighting|\n|---|---|\n|Quality|60%|\n|Price|30%|\n|Social value|10%|\n"
    )
    social = tenderlens.audit(path, engine="classic").social_value
    assert (social.weighting_percent, social.meets_minimum) == (10.0, True)
    assert [e.quote for e in social.evidence] == ["Social value|10%"]


@pytest.mark.parametrize("engine", ["classic", "transformer"])
def test_supplier_performance_monitoring_alone_is_partial_impact_evaluation(tmp_path: Path, engine: str) -> None:
    # Issue 12, class 2: service levels and service reports manage the supplier; they do not evaluate what the
    # system did to the people it serves (checklist: present_requires, partial_reason).
    monitoring = [
        "# 6. Service levels",
        "6.1 The Supplier shall meet the Service Levels and shall provide a monthly service report showing "
        "availability, response times and resolution times against each of them.",
        "6.2 The Supplier shall credit the Council with Service Credits for each Service Level failure.",
    ]
    pdf = build_tender_pdf(tmp_path / "monitoring.pdf", [["# 1. Scope", AI_SCOPE], monitoring])
    finding = tenderlens.audit(pdf, engine=engine).finding("impact_evaluation")
    assert finding.status == "partial"
    assert finding.reason.startswith("Only supplier-performance monitoring")
    evaluation = [
        *monitoring,
        "6.3 Twelve months after go-live the Council shall evaluate the effect of the System on residents, "
        "including disabled residents, and publish the findings.",
    ]
    pdf = build_tender_pdf(tmp_path / "evaluation.pdf", [["# 1. Scope", AI_SCOPE], evaluation])
    assert tenderlens.audit(pdf, engine=engine).finding("impact_evaluation").status == "present"


@pytest.mark.parametrize("engine", ["classic", "transformer"])
def test_one_binding_clause_on_one_element_is_partial_and_a_second_makes_it_present(
    tmp_path: Path, engine: str
) -> None:
    # Partial is "some of it": one binding clause on one element of the safeguard (here: publication of the
    # contract) is not the whole FOI safeguard (decide.PRESENT_MIN_PARTS).
    one = ["# 12. Transparency", "12.1 The Authority shall publish this Contract on Contracts Finder."]
    pdf = build_tender_pdf(tmp_path / "one.pdf", [["# 1. Scope", AI_SCOPE], one])
    finding = tenderlens.audit(pdf, engine=engine).finding("foi")
    assert finding.status == "partial"
    assert finding.reason.startswith("Only one binding clause (page 2, clause 12.1)")
    assert "Not covered:" in finding.reason and finding.suggestion
    two = [
        *one,
        "12.2 The Supplier acknowledges that the Authority is subject to the Freedom of Information Act 2000 and "
        "shall transfer every request for information it receives to the Authority within two Working Days.",
    ]
    pdf = build_tender_pdf(tmp_path / "two.pdf", [["# 1. Scope", AI_SCOPE], two])
    assert tenderlens.audit(pdf, engine=engine).finding("foi").status == "present"


def test_issue12_a_supplier_named_by_its_trade_name_is_read_as_its_role(tmp_path: Path) -> None:
    """Issue 12, vendor paper in another author's style: the supplier is "CivicLoop" throughout, defined as the same
    party as "Vendor". Its reuse of the buyer's data works against data ownership as it would if the text said
    "the Vendor"; the evidence still quotes the sentence as printed, with the trade name."""
    clause = "5.4 CivicLoop may collect, use and disclose Aggregated Data to train and develop its products."
    report = _audit(
        tmp_path,
        [
            [
                "# 1. Definitions",
                '1.1 "Customer" means the County, and "CivicLoop" means CivicLoop, Inc., a Delaware corporation.',
                '1.2 "Vendor" means CivicLoop, Inc.',
                "1.3 The Vendor shall host the resident portal and process Customer Data for the Customer.",
            ],
            ["# 5. Data", clause],
        ],
    )
    finding = report.finding("data_ownership")
    assert finding.status == "contrary"
    assert finding.evidence[0].quote == clause.removeprefix("5.4 ")
    assert finding.evidence[0].clause == "5.4"
    assert "'CivicLoop' as 'Vendor'" in " ".join(report.warnings)
    _assert_verbatim(report)
