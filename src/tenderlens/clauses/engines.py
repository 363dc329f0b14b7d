"""Clauses stage: the clause engines by name (``--engine``), each a first-stage sentence model and an optional judge.

``classic`` is rules + the TF-IDF sentence classifiers alone. ``transformer`` adds the clause judge
(``clauses/judge.py``) on the candidates the first stage picks. ``auto`` is the transformer when its files are
installed, else classic. This is the one registry: the CLI, the batch runner, the web app and ``eval`` all ask it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tenderlens.clauses.classify import SentenceModel, load_classic, model_dir
from tenderlens.clauses.judge import JUDGE_FILE, ClauseJudge, load_judge
from tenderlens.clauses.scope_model import ScopeModel, load_scope_model

ENGINE_NAMES = ("classic", "transformer")


@dataclass(frozen=True)
class ClauseEngine:
    """What the clauses stage runs: ``sentences`` scores every sentence; ``judge`` (if any) decides candidates;
    ``scopes`` decides what the document buys (the shipped scope model unless given, as cross-validation does)."""

    name: str
    sentences: SentenceModel
    judge: ClauseJudge | None = None
    scopes: ScopeModel = field(default_factory=load_scope_model)


ENGINES: dict[str, Callable[[Path | None], ClauseEngine]] = {
    "classic": lambda _path: ClauseEngine("classic", load_classic()),
    "transformer": lambda path: ClauseEngine("transformer", load_classic(), load_judge(path)),
}


def judge_available(folder: Path | None = None) -> bool:
    """True when the judge's model file is installed (in ``folder`` or the bundled models)."""
    return ((folder or model_dir()) / JUDGE_FILE).is_file()


def get_engine(name: str, model_path: Path | None = None) -> ClauseEngine:
    """The engine for a name (``auto`` picks the transformer when its judge is installed)."""
    if name == "auto":
        name = "transformer" if judge_available(model_path) else "classic"
    return ENGINES[name](model_path)
