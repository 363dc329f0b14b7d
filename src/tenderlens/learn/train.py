"""Training: fit the classic sentence classifiers on the corpus train split and save them as plain arrays
(``clause-classic.npz`` + ``clause-classic.vocab.json``, see ``clauses/classic.py``); the transformer heads with skops.

Reproducible: fixed seeds, sorted input, deterministic solvers. ``tenderlens train`` calls :func:`train_classic`.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from tenderlens.clauses.classic import ARRAYS_FILE, VOCAB_FILE, ClassicBundle
from tenderlens.clauses.classify import STATUSES, ClassicModel, SentenceScores
from tenderlens.learn.corpus import CATEGORIES, LabelledSentence, iter_documents
from tenderlens.learn.export import export_classic

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
    vectoriser = features().fit([s.text for s in sentences])
    x = vectoriser.transform([s.text for s in sentences])
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


def _train_sentences(corpus: Path, splits: tuple[str, ...]) -> tuple[int, list[LabelledSentence]]:
    docs = list(iter_documents(corpus, splits=splits))
    return len(docs), [s for d in docs for s in d.sentences()]


def train_classic(corpus: Path, out_dir: Path, splits: tuple[str, ...] = TRAIN_SPLITS) -> Path:
    """Train on ``splits`` of ``corpus`` and write ``out_dir/clause-classic.npz`` and ``.vocab.json`` plus the
    card data (``clause-classic.json``); returns the ``.npz`` path."""
    n_docs, sentences = _train_sentences(corpus, splits)
    metadata = {
        "trained_on": f"{n_docs} documents, {len(sentences)} sentences ({'+'.join(splits)} splits)",
        "labelled_sentences": sum(1 for s in sentences if s.labels),
        "seed": SEED,
    }
    bundle = replace(fit_classic(sentences), metadata=metadata)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = bundle.save(out_dir)
    info = dict(metadata, file=f"{ARRAYS_FILE} + {VOCAB_FILE}", trained_at=datetime.now(UTC).strftime("%Y-%m-%d"))
    (out_dir / "clause-classic.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target


def out_of_fold_scores(sentences: list[LabelledSentence], folds: int = 5) -> list[SentenceScores]:
    """Classic-model scores for each training sentence from a model that did not see its document, so the
    transformer head learns how far to trust the classic model on unseen text."""
    doc_ids = sorted({s.doc_id for s in sentences})
    fold_of = {doc: i % folds for i, doc in enumerate(doc_ids)}
    scores: list[SentenceScores | None] = [None] * len(sentences)
    for fold in range(folds):
        held = [i for i, s in enumerate(sentences) if fold_of[s.doc_id] == fold]
        model = ClassicModel(fit_classic([s for s in sentences if fold_of[s.doc_id] != fold]))
        for i, sc in zip(held, model.score([sentences[i].text for i in held]), strict=True):
            scores[i] = sc
    return [sc for sc in scores if sc is not None]


def train_transformer_head(
    corpus: Path, out_dir: Path, model_path: Path | None = None, splits: tuple[str, ...] = TRAIN_SPLITS
) -> Path:
    """Train the transformer engine's heads on embeddings + out-of-fold classic scores; write them with skops."""
    import skops.io as sio

    from tenderlens.clauses.embed import HEAD_FILE, load_embedder, stacked_features

    n_docs, sentences = _train_sentences(corpus, splits)
    texts = [s.text for s in sentences]
    features = stacked_features(load_embedder(model_path).embed(texts), out_of_fold_scores(sentences), CATEGORIES)
    y_topic = np.array([[1 if c in s.labels else 0 for c in CATEGORIES] for s in sentences])
    topic = OneVsRestClassifier(
        LogisticRegression(C=2.0, class_weight="balanced", max_iter=3000, random_state=SEED)
    ).fit(features, y_topic)
    rows = [(i, st) for i, s in enumerate(sentences) for st in set(s.labels.values())]
    status = LogisticRegression(C=2.0, class_weight="balanced", max_iter=3000, random_state=SEED).fit(
        features[[i for i, _ in rows]], [st for _, st in rows]
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / HEAD_FILE
    sio.dump(
        {"topic": topic, "status": status, "categories": list(CATEGORIES)},
        target,
        compression=zipfile.ZIP_DEFLATED,
        compresslevel=9,
    )
    info = {
        "file": HEAD_FILE,
        "trained_on": f"{n_docs} documents, {len(sentences)} sentences ({'+'.join(splits)} splits)",
        "features": f"{features.shape[1]} (embedding + classic out-of-fold probabilities)",
        "seed": SEED,
    }
    (out_dir / "clause-transformer-head.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target
