"""Clauses stage, learned: the sentence classifiers (which safeguard a sentence is about, and how strongly).

Two small scikit-learn models trained on ``corpora/`` by ``tenderlens train``: ``topic`` (one-vs-rest logistic
regression: P(sentence concerns category c)) and ``status`` (multinomial logistic regression: P(present | partial |
contrary) given that it concerns a safeguard). Both read the same TF-IDF word and character n-grams, computed once
per sentence. They are stored with skops, a format that cannot execute code on load, in the top-level ``models/``
folder (installed as the ``tenderlens.models`` package). Engines are chosen by name in
``clauses/engines.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from tenderlens.exceptions import MissingDependencyError

CLASSIC_FILE = "clause-classic.skops"
STATUSES = ("present", "partial", "contrary")


@dataclass(frozen=True)
class SentenceScores:
    """Model output for one sentence."""

    topic: dict[str, float]
    status: dict[str, float]


class SentenceModel(Protocol):
    name: str
    categories: tuple[str, ...]

    def score(self, texts: Sequence[str]) -> list[SentenceScores]: ...


class ClassicModel:
    """TF-IDF + logistic regression (see module docstring)."""

    name = "classic"

    def __init__(self, bundle: dict[str, Any]) -> None:
        self.features = bundle["features"]
        self.topic = bundle["topic"]
        self.status = bundle["status"]
        self.categories = tuple(bundle["categories"])
        self.metadata = dict(bundle.get("metadata", {}))

    def score(self, texts: Sequence[str]) -> list[SentenceScores]:
        if not texts:
            return []
        x = self.features.transform(list(texts))
        topic = np.asarray(self.topic.predict_proba(x))
        status = np.asarray(self.status.predict_proba(x))
        status_classes = list(self.status.classes_)
        return [
            SentenceScores(
                topic={c: float(topic[i, j]) for j, c in enumerate(self.categories)},
                status={s: float(status[i, status_classes.index(s)]) for s in STATUSES},
            )
            for i in range(len(texts))
        ]


def model_dir() -> Path:
    """Where the bundled trained models live (``models/`` in a checkout, ``tenderlens/models`` when installed)."""
    return Path(str(resources.files("tenderlens.models")))


def load_skops(file: Path) -> Any:
    """Load a skops file, trusting only scikit-learn, numpy and scipy types (skops never runs code on load)."""
    import skops.io as sio

    if not file.is_file():
        raise MissingDependencyError(f"The model file {file} is missing: run `tenderlens train` (or reinstall).")
    untrusted = sio.get_untrusted_types(file=file)
    refused = sorted(t for t in untrusted if not t.startswith(("sklearn.", "numpy.", "scipy.", "builtins.")))
    if refused:
        raise MissingDependencyError(f"The model file {file} contains types TenderLens does not trust: {refused}.")
    return sio.load(file, trusted=untrusted)


@cache
def load_classic(path: Path | None = None) -> ClassicModel:
    """The classic engine from ``models/clause-classic.skops`` (or ``path``)."""
    return ClassicModel(load_skops(path or model_dir() / CLASSIC_FILE))
