"""Clauses stage, learned: the classic engine (TF-IDF n-grams + logistic regression) as plain arrays.

Stored as two files in ``models/``: ``clause-classic.npz`` (idf weights, coefficients and intercepts, float64) and
``clause-classic.vocab.json`` (settings, categories and each vectoriser's n-grams in column order). Loading is
one ``numpy.load`` and one ``json.load``, no pickle and no scikit-learn; scoring is ``tfidf.linear_scores``
followed by a logistic (topic, one-vs-rest) and a softmax (status, multinomial). ``learn/export.py`` builds a
bundle from fitted scikit-learn objects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tenderlens.clauses.scores import SentenceScores
from tenderlens.clauses.tfidf import Vectoriser, linear_scores
from tenderlens.model import SENTENCE_STATUSES

ARRAYS_FILE = "clause-classic.npz"
VOCAB_FILE = "clause-classic.vocab.json"
FORMAT = "tenderlens-classic/1"


@dataclass(frozen=True)
class ClassicBundle:
    """Everything the classic engine needs: two vectorisers and the two linear models over their features."""

    vectorisers: tuple[Vectoriser, ...]
    topic_coef: np.ndarray
    topic_intercept: np.ndarray
    status_coef: np.ndarray
    status_intercept: np.ndarray
    categories: tuple[str, ...]
    status_classes: tuple[str, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    def save(self, out_dir: Path) -> Path:
        """Write ``ARRAYS_FILE`` and ``VOCAB_FILE`` into ``out_dir``; returns the arrays file."""
        arrays = {f"idf_{i}": v.idf for i, v in enumerate(self.vectorisers)}
        arrays |= {
            "topic_coef": self.topic_coef,
            "topic_intercept": self.topic_intercept,
            "status_coef": self.status_coef,
            "status_intercept": self.status_intercept,
        }
        np.savez_compressed(out_dir / ARRAYS_FILE, allow_pickle=False, **arrays)
        vocab = {
            "format": FORMAT,
            "categories": list(self.categories),
            "status_classes": list(self.status_classes),
            "vectorisers": [dict(v.params, terms=list(v.terms)) for v in self.vectorisers],
            "metadata": self.metadata,
        }
        (out_dir / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        return out_dir / ARRAYS_FILE

    @classmethod
    def load(cls, folder: Path) -> ClassicBundle:
        """Read the bundle saved in ``folder``. Raises ``OSError``/``ValueError``/``KeyError`` on a bad file."""
        vocab = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        if vocab.get("format") != FORMAT:
            raise ValueError(f"{VOCAB_FILE} is not in the {FORMAT} format")
        with np.load(folder / ARRAYS_FILE, allow_pickle=False) as arrays:
            vectorisers = tuple(
                Vectoriser(
                    analyzer=spec["analyzer"],
                    ngram_range=(spec["ngram_range"][0], spec["ngram_range"][1]),
                    terms=spec["terms"],
                    idf=arrays[f"idf_{i}"],
                    sublinear_tf=spec["sublinear_tf"],
                    token_pattern=spec["token_pattern"],
                )
                for i, spec in enumerate(vocab["vectorisers"])
            )
            return cls(
                vectorisers=vectorisers,
                topic_coef=arrays["topic_coef"],
                topic_intercept=arrays["topic_intercept"],
                status_coef=arrays["status_coef"],
                status_intercept=arrays["status_intercept"],
                categories=tuple(vocab["categories"]),
                status_classes=tuple(vocab["status_classes"]),
                metadata=dict(vocab.get("metadata", {})),
            )


class ClassicModel:
    """TF-IDF + logistic regression: P(topic c) per category and P(present | partial | contrary)."""

    name = "classic"

    def __init__(self, bundle: ClassicBundle) -> None:
        self.bundle = bundle
        self.categories = bundle.categories
        self.metadata = bundle.metadata
        # One pass over each vectoriser's features scores both models: their coefficients are stacked.
        coef = np.vstack([bundle.topic_coef, bundle.status_coef])
        self._intercept = np.concatenate([bundle.topic_intercept, bundle.status_intercept])
        self._parts = []
        start = 0
        for vectoriser in bundle.vectorisers:
            self._parts.append((vectoriser, np.ascontiguousarray(coef[:, start : start + len(vectoriser.terms)])))
            start += len(vectoriser.terms)
        self._status_order = [bundle.status_classes.index(s) for s in SENTENCE_STATUSES]

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(topic, status)`` probability matrices, one row per text; status columns in ``SENTENCE_STATUSES`` order."""
        decision = linear_scores(self._parts, self._intercept, texts)
        k = len(self.categories)
        topic = 1.0 / (1.0 + np.exp(-decision[:, :k]))
        status = decision[:, k:]
        status = np.exp(status - status.max(axis=1, keepdims=True))
        status /= status.sum(axis=1, keepdims=True)
        return topic, status[:, self._status_order]

    def score(self, texts: Sequence[str]) -> list[SentenceScores]:
        if not texts:
            return []
        topic, status = self.probabilities(texts)
        return [
            SentenceScores(
                topic=dict(zip(self.categories, map(float, topic[i]), strict=True)),
                status=dict(zip(SENTENCE_STATUSES, map(float, status[i]), strict=True)),
            )
            for i in range(len(texts))
        ]
