"""Training: fit the classic sentence classifiers on the corpus train split and save them as plain arrays
(``clause-classic.npz`` + ``clause-classic.vocab.json``, see ``clauses/classic.py``).

Reproducible: fixed seeds, sorted input, deterministic solvers. ``tenderlens train`` calls :func:`train_classic`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from tenderlens.clauses.classic import ARRAYS_FILE, VOCAB_FILE, ClassicBundle
from tenderlens.learn.corpus import CATEGORIES, CorpusDocument, LabelledSentence
from tenderlens.learn.export import export_classic
from tenderlens.model import SENTENCE_STATUSES as STATUSES

SEED = 20261124


def features() -> FeatureUnion:
    """Word 1-3 grams (what the sentence says; modality lives in short sequences such as "not be required") and
    character 3-5 grams (robust to inflection and typos). Shared by both models, so a sentence is vectorised once."""
    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 3),
                    min_df=2,
                    max_features=30000,
                    sublinear_tf=True,
                    token_pattern=r"(?u)\b\w+\b",
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=30000, sublinear_tf=True
                ),
            ),
        ]
    )


def fit_classic(sentences: list[LabelledSentence]) -> ClassicBundle:
    """Fit both models; returns the bundle that :class:`~tenderlens.clauses.classify.ClassicModel` wraps."""
    vectoriser = features().fit([s.reading for s in sentences])
    x = vectoriser.transform([s.reading for s in sentences])
    y_topic = np.array([[1 if c in s.labels else 0 for c in CATEGORIES] for s in sentences])
    topic = OneVsRestClassifier(
        LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000, random_state=SEED)
    ).fit(x, y_topic)
    rows = [(i, status) for i, s in enumerate(sentences) for status in sorted(set(s.labels.values()))]
    status = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000, random_state=SEED).fit(
        x[[i for i, _ in rows]], [st for _, st in rows]
    )
    missing = set(STATUSES) - set(status.classes_)
    if missing:
        raise ValueError(f"The training corpus has no sentence with status {sorted(missing)}.")
    return export_classic(vectoriser, topic, status, list(CATEGORIES))


TRAIN_SPLITS = ("train", "dev")
"""The shipped models are fitted on train + dev once settings were chosen on dev; test stays held out."""


def train_classic(docs: Sequence[CorpusDocument], out_dir: Path, bank: Sequence[LabelledSentence] = ()) -> Path:
    """Fit on the sentences of ``docs`` and the contrast sets in ``bank``, and write ``out_dir/clause-classic.npz``
    and ``.vocab.json`` plus the card data (``clause-classic.json``); returns the ``.npz`` path."""
    sentences = [s for d in docs for s in d.sentences()] + list(bank)
    splits = sorted({d.split for d in docs})
    metadata = {
        "trained_on": f"{len(docs)} documents ({'+'.join(splits)} splits) and {len(bank)} contrast-set sentences, "
        f"{len(sentences)} sentences",
        "labelled_sentences": sum(1 for s in sentences if s.labels),
        "seed": SEED,
    }
    bundle = replace(fit_classic(sentences), metadata=metadata)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = bundle.save(out_dir)
    info = dict(metadata, file=f"{ARRAYS_FILE} + {VOCAB_FILE}", trained_at=datetime.now(UTC).strftime("%Y-%m-%d"))
    (out_dir / "clause-classic.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target
