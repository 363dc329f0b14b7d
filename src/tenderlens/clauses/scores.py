"""Clauses stage, learned: what every sentence engine returns (``SentenceScores``) and the engine protocol."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SentenceScores:
    """Model output for one sentence: P(category) per checklist category, P(status) per ``model.SENTENCE_STATUSES``."""

    topic: dict[str, float]
    status: dict[str, float]


class SentenceModel(Protocol):
    name: str
    categories: tuple[str, ...]

    def score(self, texts: Sequence[str]) -> list[SentenceScores]: ...
