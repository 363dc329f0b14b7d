"""Building the report from real stage outputs, the summary (counts, score, verdict, top actions) and the
pre-publication gate behind ``--fail-on``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import tenderlens
from pdf_builders import build_clauses_pdf
from report_builders import finding, make_report, redaction, social_value
from tenderlens import segment
from tenderlens.clauses import ClauseResult
from tenderlens.clauses.checklist import load_checklist
from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import Status
from tenderlens.report import GATE_VALUES, gate
from tenderlens.report.build import SCHEMA_VERSION, build_report, summarise


def test_build_report_from_a_real_document(tmp_path: Path) -> None:
    document = tenderlens.read(build_clauses_pdf(tmp_path / "contract.pdf", pages=2))
    spans = segment.segment(document)
    findings = (finding("explainability", "missing"), finding("foi", "present"))
    clause_result = ClauseResult(
        (), findings, (), social_value(None), engine="classic", checklist_version=load_checklist().version
    )
    report = build_report(document, spans, clause_result, redaction(""))
    assert report.schema_version == SCHEMA_VERSION
    assert report.tenderlens_version == tenderlens.__version__
    assert report.checklist_version == load_checklist().version
    info = report.document
    assert (info.path, info.sha256, info.format, info.pages) == (document.path, document.sha256, "pdf", 2)
    # Both pages repeat clauses 1.1-2.2: distinct clause numbers, not clause spans, are counted.
    refs = {s.clause_ref for s in spans if s.clause_ref}
    assert info.clauses == len(refs) >= 4
    assert info.title is None  # reportlab's "untitled" and numbered section headings are not titles
    assert report.findings == findings and report.summary.verdict == "1 of 2 applicable safeguards needs attention."


@pytest.mark.parametrize(
    ("meta_title", "expected"),
    [("Cloud Hosting ITT 2026/07", "Cloud Hosting ITT 2026/07"), ("Microsoft Word - itt_v3.docx", None)],
)
def test_title_from_metadata_unless_junk(tmp_path: Path, meta_title: str, expected: str | None) -> None:
    path = tmp_path / "itt.pdf"
    canvas = Canvas(str(path))
    canvas.setTitle(meta_title)
    canvas.drawString(72, 760, "The Council invites tenders for cloud hosting.")
    canvas.save()
    document = tenderlens.read(path)
    clause_result = ClauseResult((), (), (), social_value(None), engine="classic", checklist_version="test")
    report = build_report(document, segment.segment(document), clause_result, redaction(""))
    assert report.document.title == expected


def _statuses(*statuses: Status) -> tuple:
    ids = ("explainability", "data_ownership", "foi", "inclusion", "impact_evaluation")
    return tuple(finding(cat, st) for cat, st in zip(ids, statuses, strict=True))


def test_summary_counts_score_and_verdict() -> None:
    findings = _statuses("contrary", "partial", "present", "missing", "not_applicable")
    s = summarise(findings, redaction(""))
    assert s.counts == {"present": 1, "partial": 1, "contrary": 1, "missing": 1, "not_applicable": 1}
    assert (s.applicable, s.needs_attention) == (4, 3)
    assert s.verdict == "3 of 4 applicable safeguards need attention."
    assert s.score == 37.5
    assert "1.5 of 4 points = 37.5/100" in s.score_explained


@pytest.mark.parametrize(
    ("statuses", "verdict", "score"),
    [
        (("present",) * 5, "All 5 applicable safeguards are in place.", 100),
        (("not_applicable",) * 4 + ("present",), "The applicable safeguard is in place.", 100),
        (("not_applicable",) * 5, "None of the 5 safeguards applies to this document.", 100),
        (("missing",) + ("not_applicable",) * 4, "1 of 1 applicable safeguard needs attention.", 0),
    ],
)
def test_verdict_wording(statuses: tuple[Status, ...], verdict: str, score: float) -> None:
    s = summarise(_statuses(*statuses), redaction(""))
    assert (s.verdict, s.score) == (verdict, score)


def test_top_actions_leak_first_then_contrary_missing_partial() -> None:
    findings = _statuses("partial", "missing", "partial", "contrary", "missing")
    actions = summarise(findings, redaction("Acme Ltd")).top_actions
    assert [a.category for a in actions] == ["redaction", "inclusion", "data_ownership", "impact_evaluation"]
    assert "page 2" in actions[0].text
    assert actions[1].text.startswith("Accessibility and digital inclusion: rewrite clause 4.2 on page 3,")
    assert actions[2].text == "Ownership and control of public data: add a clause; start from the suggested wording."
    without_leak = summarise(findings, redaction("")).top_actions
    assert len(without_leak) == 3 and without_leak[0].category == "inclusion"


def test_gate_reasons() -> None:
    report = make_report()  # contrary, partial, present, missing, n/a; a leak; 5% social value; a placeholder
    assert gate(report, set()) == []
    assert gate(report, {"missing"}) == ["inclusion is missing"]
    assert gate(report, {"contrary", "partial"}) == [
        "explainability is contrary",
        "data_ownership is partial",
    ]
    assert gate(report, {"leak"}) == ["1 redaction(s) leak hidden text (page 2)"]
    assert gate(report, {"placeholder"}) == ["1 placeholder(s) left in the text"]
    assert gate(report, {"low_weighting"}) == ["social-value weighting 5%, below the 10% minimum"]
    assert gate(report, {"heavy"}) == []
    heavy = replace(report, redaction=replace(report.redaction, heavy=True))
    assert gate(heavy, {"heavy"}) == ["14% of the document is redacted (threshold 25%)"]
    assert len(gate(report, set(GATE_VALUES))) == 6


def test_gate_passes_a_clean_draft_and_rejects_unknown_values() -> None:
    report = make_report({c: "present" for c in ("explainability", "foi")}, leak_text="", placeholder="")
    report = replace(report, social_value=social_value(12.0))
    assert gate(report, set(GATE_VALUES)) == []
    with pytest.raises(BadArgumentsError, match="unknown value"):
        gate(report, {"missing", "typo"})
