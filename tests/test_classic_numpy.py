"""The classic engine without scikit-learn: numpy TF-IDF + dot product gives scikit-learn's probabilities."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tenderlens.clauses.classic import ARRAYS_FILE, VOCAB_FILE, ClassicBundle, ClassicModel
from tenderlens.learn.corpus import CATEGORIES, iter_documents
from tenderlens.learn.export import export_classic
from tenderlens.learn.train import features
from tenderlens.model import SENTENCE_STATUSES

ROOT = Path(__file__).resolve().parents[1]
# Texts that exercise the analyzers' edges: short words (shorter than an n-gram), runs of whitespace, case,
# punctuation-only "words", non-ASCII letters, an empty text and a text with no known n-gram.
EDGE_TEXTS = [
    "",
    "zzqx",
    "A  b\tc\n\nd   The Contractor SHALL explain the logic of any automated decision.",
    "Personal Data — données personnelles: (i) ‘the Authority’s data’; 12.3.",
    "... ;; !!",
]


@pytest.fixture(scope="module")
def fitted() -> tuple[object, object, object, list[str]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    docs = list(iter_documents(ROOT / "corpora" / "documents", splits=("train",)))
    sentences = [s for d in docs[:30] for s in d.sentences()]
    texts = [s.text for s in sentences]
    union = features().fit(texts)
    x = union.transform(texts)
    y = np.array([[1 if c in s.labels else 0 for c in CATEGORIES] for s in sentences])
    topic = OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=500)).fit(x, y)
    rows = [(i, st) for i, s in enumerate(sentences) for st in sorted(set(s.labels.values()))]
    status = LogisticRegression(C=8.0, max_iter=500).fit(x[[i for i, _ in rows]], [st for _, st in rows])
    held = [s.text for d in docs[30:40] for s in d.sentences()] + EDGE_TEXTS
    return union, topic, status, held


def test_numpy_probabilities_equal_scikit_learn(fitted: tuple[object, object, object, list[str]]) -> None:
    union, topic, status, held = fitted
    model = ClassicModel(export_classic(union, topic, status, list(CATEGORIES)))  # type: ignore[arg-type]
    ours_topic, ours_status = model.probabilities(held)
    x = union.transform(held)  # type: ignore[attr-defined]
    order = [list(status.classes_).index(s) for s in SENTENCE_STATUSES]  # type: ignore[attr-defined]
    assert np.abs(ours_topic - topic.predict_proba(x)).max() < 1e-9  # type: ignore[attr-defined]
    assert np.abs(ours_status - status.predict_proba(x)[:, order]).max() < 1e-9  # type: ignore[attr-defined]


def test_saved_bundle_round_trips_without_pickle(
    fitted: tuple[object, object, object, list[str]], tmp_path: Path
) -> None:
    union, topic, status, held = fitted
    bundle = export_classic(union, topic, status, list(CATEGORIES), {"seed": 1})  # type: ignore[arg-type]
    bundle.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ARRAYS_FILE, VOCAB_FILE])
    with np.load(tmp_path / ARRAYS_FILE, allow_pickle=False) as arrays:
        assert all(arrays[name].dtype == np.float64 for name in arrays.files)
    loaded = ClassicModel(ClassicBundle.load(tmp_path))
    assert loaded.metadata == {"seed": 1}
    for ours, theirs in zip(loaded.probabilities(held), ClassicModel(bundle).probabilities(held), strict=True):
        assert np.array_equal(ours, theirs)


def test_shipped_model_scores_without_importing_scikit_learn() -> None:
    code = (
        "import sys; from tenderlens.clauses.classify import load_classic; "
        "s = load_classic().score(['The Contractor shall explain each automated decision to people.'])[0]; "
        "print(max(s.topic, key=s.topic.get), round(sum(s.status.values()), 9), "
        "any(m.startswith(('sklearn', 'skops', 'scipy')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["explainability", "1.0", "False"]
