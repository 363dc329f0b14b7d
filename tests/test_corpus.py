"""The annotated corpus is consistent: document labels follow from sentence labels and scope (corpora/README.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tenderlens.learn.corpus import CATEGORIES, TRAINING_CORPORA, iter_documents
from tenderlens.model import SENTENCE_STATUSES

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "documents"
SCOPE_OF = {
    "explainability": "automated_decisions",
    "data_ownership": "data_processing",
    "inclusion": "public_facing",
    "impact_evaluation": "technology_or_service",
}
DOCS = list(iter_documents(CORPUS))
PROBES = list(iter_documents(CORPUS.parent / "probe", ("probe",)))


def test_corpus_size_and_split_by_document() -> None:
    splits = Counter(d.split for d in DOCS)
    assert sum(splits.values()) >= 60, splits
    assert all(splits[s] > 0 for s in ("train", "dev", "test")), splits
    sentences = [s for d in DOCS for s in d.sentences()]
    assert len(sentences) >= 2000
    assert len({d.id for d in DOCS}) == len(DOCS)


def test_no_test_sentence_copies_a_training_sentence() -> None:
    # Schedule titles and stock one-liners ("Call-Off Schedule 5 (Pricing Details)", "This Contract is governed
    # by the law of England and Wales.") repeat across real contracts; longer sentences must not.
    seen = {s.text.strip().lower() for d in DOCS if d.split in ("train", "dev") for s in d.sentences()}
    copied = [
        s.text
        for d in DOCS
        if d.split == "test"
        for s in d.sentences()
        if len(s.text.split()) >= 12 and s.text.strip().lower() in seen
    ]
    assert not copied, copied


def test_probe_documents_are_kept_apart_from_training() -> None:
    # Written by authors who never saw the engine (corpora/probe/README.md): evaluated apart, never trained on.
    assert len(PROBES) >= 20 and all(d.split == "probe" and d.id.startswith("probe-") for d in PROBES)
    assert not {d.id for d in PROBES} & {d.id for d in DOCS}
    assert all("probe" not in str(folder) for folder in TRAINING_CORPORA)


@pytest.mark.parametrize("doc", DOCS + PROBES, ids=lambda d: d.id)
def test_document_labels_follow_the_annotation_rules(doc) -> None:
    assert doc.path.stem == doc.id and doc.path.parent.name == doc.split
    assert set(doc.labels) == set(CATEGORIES)
    for sentence in doc.sentences():
        for cat, status in sentence.labels.items():
            assert cat in CATEGORIES and status in SENTENCE_STATUSES, (sentence.text, cat, status)
    for cat in CATEGORIES:
        scope = SCOPE_OF.get(cat)
        if scope and not doc.scope.get(scope, True):
            expected = "not_applicable"
        else:
            found = {s.labels[cat] for s in doc.sentences() if cat in s.labels}
            expected = next((st for st in ("contrary", "present", "partial") if st in found), "missing")
        assert doc.labels[cat] == expected, f"{doc.id}: {cat}"


def test_contrast_sets_are_valid_and_copy_no_test_sentence() -> None:
    from tenderlens.learn.sentence_bank import load_sentence_bank

    bank = load_sentence_bank(CORPUS.parent / "sentences")
    assert len(bank) >= 500
    for sentence in bank:
        for cat, status in sentence.labels.items():
            assert cat in CATEGORIES and status in SENTENCE_STATUSES, (sentence.text, cat, status)
    real_tests = list(iter_documents(CORPUS.parent / "real" / "documents", ("test",)))
    held_out = {s.text.strip().lower() for d in [*DOCS, *real_tests] if d.split == "test" for s in d.sentences()}
    copied = [s.text for s in bank if len(s.text.split()) >= 12 and s.text.strip().lower() in held_out]
    assert not copied, copied
