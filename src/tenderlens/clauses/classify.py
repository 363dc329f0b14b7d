"""Clauses stage, learned: the sentence classifiers (which safeguard a sentence is about, and how strongly).

Two small linear models trained on ``corpora/`` by ``tenderlens train``: ``topic`` (one-vs-rest logistic
regression: P(sentence concerns category c)) and ``status`` (multinomial logistic regression: P(present | partial |
contrary) given that it concerns a safeguard). Both read the same TF-IDF word and character n-grams, computed once
per sentence. The classic engine is stored as plain arrays (``classic.py``: an ``.npz`` and a JSON vocabulary) in
the top-level ``models/`` folder (installed as the ``tenderlens.models`` package) and scored with numpy. Engines
are chosen by name in ``clauses/engines.py``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from tenderlens.clauses.classic import ClassicBundle, ClassicModel
from tenderlens.clauses.scores import SentenceModel, SentenceScores
from tenderlens.exceptions import MissingDependencyError

__all__ = ["ClassicModel", "SentenceModel", "SentenceScores", "load_classic", "model_dir"]


def model_dir() -> Path:
    """Where the bundled trained models live (``models/`` in a checkout, ``tenderlens/models`` when installed)."""
    return Path(str(resources.files("tenderlens.models")))


@cache
def load_classic(folder: Path | None = None) -> ClassicModel:
    """The classic engine from ``models/clause-classic.npz`` + ``.vocab.json`` (or the same files in ``folder``).

    Raises:
        MissingDependencyError: the files are missing or not in the expected format.
    """
    folder = folder or model_dir()
    try:
        return ClassicModel(ClassicBundle.load(folder))
    except (OSError, ValueError, KeyError) as err:
        raise MissingDependencyError(
            f"The classic model in {folder} is missing or unreadable ({err}): run `tenderlens train` (or reinstall)."
        ) from err
