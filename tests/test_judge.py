"""The clause judge and the engine registry: every shipped engine runs, the judge reads negation and modality the
way the annotation rules do, and a safeguard the judge never saw is judged from its checklist text alone."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import tenderlens
from tenderlens.clauses import label_spans
from tenderlens.clauses.checklist import Signal, load_checklist
from tenderlens.clauses.engines import ENGINES, get_engine, judge_available
from tenderlens.clauses.judge import JUDGE_LABELS, load_judge, safeguard_text
from tenderlens.exceptions import MissingDependencyError
from tenderlens.model import Span


def _labels(sentences: list[str], engine: str = "transformer", heading: str | None = None) -> dict[str, dict]:
    spans = [Span(text=t, page=1, kind="sentence", heading=heading) for t in sentences]
    _, labels = label_spans(spans, load_checklist(), get_engine(engine))
    out: dict[str, dict] = {t: {} for t in sentences}
    for lab in labels:
        out[lab.span.text][lab.category] = lab.status
    return out


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_shipped_engine_audits_a_document(name: str, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "1. The Supplier shall acknowledge that the Authority is subject to the Freedom of Information Act 2000 "
        "and shall assist it with every request for information within five Working Days.\n",
        encoding="utf-8",
    )
    report = tenderlens.audit(draft, engine=name)
    assert report.engine == name
    assert report.finding("foi").status == "present"
    assert report.finding("foi").evidence[0].quote.startswith("The Supplier shall acknowledge")


def test_auto_engine_is_the_transformer_when_its_judge_is_installed() -> None:
    assert judge_available()
    assert get_engine("auto").name == "transformer"


def test_a_missing_judge_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MissingDependencyError, match=r"clause-judge\.onnx"):
        load_judge(tmp_path)


def test_protective_negation_is_not_contrary() -> None:
    # Issue 12, class 1: "shall not use ... other than" protects the buyer.
    text = "The Supplier shall not use Authority Data for any purpose other than the performance of this Contract."
    assert _labels([text])[text].get("data_ownership") == "present"


def test_issue12_a_protective_list_item_is_read_with_its_lead_in() -> None:
    # Issue 12, class 1: "use Authority Data to train models offered to other customers" alone reads as contrary; it
    # is an item of "The Supplier shall not:", which protects the buyer.
    item = Span(
        "use Authority Data to train models offered to other customers;",
        1,
        "sentence",
        heading="4. Authority Data",
        lead_in="The Supplier shall not:",
    )
    _, labels = label_spans([item], load_checklist(), get_engine("transformer"))
    statuses = {lab.category: lab.status for lab in labels}
    assert statuses.get("data_ownership") == "present"


def test_a_refusal_to_explain_is_contrary() -> None:
    text = (
        "The Supplier shall not be required to disclose the logic, weightings or training data of the scoring "
        "model, which are its trade secrets."
    )
    assert _labels([text])[text].get("explainability") == "contrary"


def test_weak_wording_is_partial() -> None:
    text = "The Supplier should, where possible, ensure the online service meets WCAG 2.2 AA."
    assert _labels([text])[text].get("inclusion") == "partial"


def test_confidentiality_with_a_legal_carve_out_is_not_foi() -> None:
    # Issue 12, class 3: a confidentiality clause "except where required by law" names no FOI duty.
    text = (
        "Each party shall keep the other's Confidential Information secret, except where disclosure is required by law."
    )
    assert "foi" not in _labels([text])[text]


def test_a_safeguard_the_judge_never_saw_is_judged_from_its_checklist_text() -> None:
    base = load_checklist()
    carbon = dataclasses.replace(
        base.categories[0],
        id="carbon_reporting",
        title="Carbon reporting",
        signals=(Signal("emissions", "annual reporting of the supplier's carbon emissions", ("carbon emissions",)),),
        contrary=(),
        distractors=(),
        references=(),
    )
    checklist = dataclasses.replace(base, categories=(*base.categories, carbon))
    assert "Carbon reporting" in safeguard_text(carbon)
    spans = [
        Span("The Supplier shall report its carbon emissions to the Authority every year.", 1, "sentence"),
        Span("The Supplier shall invoice the Authority monthly in arrears.", 1, "sentence"),
    ]
    _, labels = label_spans(spans, checklist, get_engine("transformer"))
    judged = {(lab.span.text[:20], lab.category) for lab in labels}
    assert ("The Supplier shall r", "carbon_reporting") in judged
    assert ("The Supplier shall i", "carbon_reporting") not in judged


def test_judge_labels_are_the_documented_ones() -> None:
    assert JUDGE_LABELS == ("none", "present", "partial", "contrary")
    assert load_judge().card["labels"] == list(JUDGE_LABELS)
