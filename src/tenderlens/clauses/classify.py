"""Clauses stage, learned: the sentence classifiers (which safeguard a sentence is about, and how strongly).

Two small linear models trained on ``corpora/`` by ``tenderlens train``: ``topic`` (one-vs-rest logistic
regression: P(sentence concerns category c)) and ``status`` (multinomial logistic regression: P(present | partial |
contrary) given that it concerns a safeguard). Both read the same TF-IDF word and character n-grams, computed once
per sentence. The classic engine is stored as plain arrays (``classic.py``: an ``.npz`` and a JSON vocabulary) and
scored with numpy; the transformer heads are still skops files (:func:`load_skops`). Both live in the top-level
``models/`` folder (installed as the ``tenderlens.models`` package). Engines are chosen by name through
:data:`ENGINES`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tenderlens.clauses.classic import ClassicBundle, ClassicModel
from tenderlens.clauses.scores import STATUSES, SentenceModel, SentenceScores
from tenderlens.exceptions import MissingDependencyError

__all__ = [
    "ENGINES",
    "STATUSES",
    "ClassicModel",
    "SentenceModel",
    "SentenceScores",
    "get_engine",
    "load_classic",
    "load_skops",
    "model_dir",
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


def _load_transformer(model_path: Path | None) -> SentenceModel:
    from tenderlens.clauses.embed import load_transformer

    return load_transformer(model_path)


ENGINES: dict[str, Callable[[Path | None], SentenceModel]] = {
    "classic": lambda _path: load_classic(),
    "transformer": _load_transformer,
}


def transformer_available() -> bool:
    """True when the optional ``transformers`` extra and its bundled model are installed."""
    try:
        from tenderlens.clauses.embed import transformer_available as available
    except ImportError:
        return False
    return available()


def get_engine(name: str, model_path: Path | None = None) -> SentenceModel:
    """The sentence model for an engine name (``auto`` picks the transformer when it is installed)."""
    if name == "auto":
        name = "transformer" if transformer_available() else "classic"
    return ENGINES[name](model_path)
