"""Accuracy is measured, not asserted: the held-out test split must not drop below the recorded baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tenderlens.learn.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "models" / "eval-baseline.json").read_text(encoding="utf-8"))
TOLERANCE = 0.005  # rounding in the recorded figures


@pytest.fixture(scope="module")
def classic() -> dict:
    return evaluate(ROOT / "corpora" / "documents", ["test"], "classic").as_dict()


def test_test_split_does_not_drop_below_the_baseline(classic: dict) -> None:
    base = BASELINE["engines"]["classic"]
    assert classic["document_status_accuracy"] >= base["document_status_accuracy"] - TOLERANCE
    assert classic["gap_detection"]["f1"] >= base["gap_f1"] - TOLERANCE
    assert classic["contrary_recall"] >= base["contrary_recall"] - TOLERANCE
    assert classic["weighting_accuracy"] >= base["weighting_accuracy"] - TOLERANCE
    macro = sum(v["f1"] for v in classic["sentence_level"].values()) / len(classic["sentence_level"])
    assert macro >= base["macro_sentence_f1"] - TOLERANCE


def test_real_text_test_split_does_not_drop_below_the_baseline() -> None:
    base = BASELINE["real"]["classic"]
    real = evaluate(ROOT / "corpora" / "real" / "documents", ["test"], "classic").as_dict()
    assert real["documents"] == base["documents"]
    assert real["document_status_accuracy"] >= base["document_status_accuracy"] - TOLERANCE
    assert real["contrary_precision"] >= base["contrary_precision"] - TOLERANCE
    assert real["applicability_accuracy"] >= base["applicability_accuracy"] - TOLERANCE


def test_every_evidence_quote_in_the_test_split_is_verbatim() -> None:
    import re

    from tenderlens.api import audit_document
    from tenderlens.learn.corpus import iter_documents
    from tenderlens.options import AuditOptions

    options = AuditOptions(engine="classic", redaction=False)
    checked = 0
    for doc in iter_documents(ROOT / "corpora" / "documents", ("test",)):
        document = doc.to_document()
        pages = {p.number: re.sub(r"\s+", " ", p.text) for p in document.pages}
        for finding in audit_document(document, options).findings:
            for ev in finding.evidence:
                assert ev.quote in pages[ev.page], (doc.id, finding.category, ev.quote)
                checked += 1
    assert checked > 50
