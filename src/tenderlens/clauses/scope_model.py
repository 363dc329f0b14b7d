"""Clauses stage, scope: the document-level applicability model — what is being bought, judged from where the
scope words stand, not only how often they occur.

A tender says what it buys in its title, its opening and its scope or specification sections; boilerplate
further on (data-protection clauses in a furniture contract, "Good Industry Practice", an "AI" in a definitions
list) says little about it. Each scope is therefore read through a few features: how many sentences use its terms
in the front matter and in the whole text, their share of the text, and the same for goods/works wording. A
logistic regression per scope, trained on the corpus documents' scope labels by ``tenderlens train``, weighs them.
Its weights are sign-constrained: a scope's own terms can only raise the probability, goods/works terms only lower
it, so a short draft that names its risk-scoring model twice is not ruled out for being short.
Its weights are a small JSON file (``models/clause-scopes.json``); a scope it was not trained on (a user's own
checklist) keeps the checklist's counting rule.

Each scope also has its own decision point (``applies_from``), chosen in training on out-of-fold probabilities so
that ruling a scope out wrongly costs more than keeping it wrongly (``learn/scope_train.RULED_OUT_COST``): a wrong
"not applicable" hides a gap from the reader, a wrong "applies" only shows one more gap to check.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tenderlens.clauses.match import SentenceMatch
from tenderlens.model import Span

SCOPE_MODEL_FILE = "clause-scopes.json"
FRONT_SPANS = 30
"""The opening spans (title, first headings and sentences) count as front matter."""
SCOPE_HEADING = re.compile(
    r"\b(scope|specification|requirements?|background|purpose|overview|introduction|summary|the services?|"
    r"service description|description of (the )?(services?|goods|works|requirement)|about (this|the) "
    r"(contract|procurement|tender|service))\b",
    re.IGNORECASE,
)
"""Headings of the sections that say what is bought: their sentences count as front matter too."""
FEATURES = ("front_hits", "hits", "hit_share", "front_negative", "negative", "negative_share")


@dataclass(frozen=True)
class ScopeEvidence:
    """Where one scope's terms (and its goods/works terms) occur in a document."""

    hits: tuple[int, ...]
    negative: tuple[int, ...]
    front: frozenset[int]
    sentences: int

    def vector(self) -> list[float]:
        front_hits = sum(1 for i in self.hits if i in self.front)
        front_negative = sum(1 for i in self.negative if i in self.front)
        n = max(1, self.sentences)
        return [
            math.log1p(front_hits),
            math.log1p(len(self.hits)),
            10 * len(self.hits) / n,
            math.log1p(front_negative),
            math.log1p(len(self.negative)),
            10 * len(self.negative) / n,
        ]

    def ordered_hits(self) -> list[int]:
        """Hits in the front matter first: they say most about what is bought."""
        return sorted(self.hits, key=lambda i: (i not in self.front, i))


def front_matter(spans: Sequence[Span]) -> frozenset[int]:
    """Indices of the spans that say what is bought: the opening ones and those under a scope-like heading."""
    return frozenset(
        i for i, span in enumerate(spans) if i < FRONT_SPANS or (span.heading and SCOPE_HEADING.search(span.heading))
    )


def scope_evidence(
    spans: Sequence[Span], matches: Sequence[SentenceMatch], scope_id: str, front: frozenset[int]
) -> ScopeEvidence:
    """Where the scope's terms stand; ``front`` (:func:`front_matter`) grows by the sections whose heading itself
    names the scope ("8. DNA RISK PRIORITISATION (OPTIONAL)"): a section given over to a thing says it is bought."""
    titled = {s.text for s, m in zip(spans, matches, strict=True) if s.kind == "heading" and scope_id in m.scopes}
    return ScopeEvidence(
        hits=tuple(i for i, m in enumerate(matches) if scope_id in m.scopes),
        negative=tuple(i for i, m in enumerate(matches) if scope_id in m.negative_scopes),
        front=front | {i for i, s in enumerate(spans) if s.heading in titled} if titled else front,
        sentences=sum(1 for s in spans if s.kind != "heading"),
    )


DEFAULT_APPLIES_FROM = 0.5


@dataclass(frozen=True)
class ScopeModel:
    """Logistic-regression weights and decision point per scope id (see module docstring)."""

    weights: dict[str, tuple[list[float], float]]
    applies_from: dict[str, float] = field(default_factory=dict)

    def probability(self, scope_id: str, evidence: ScopeEvidence) -> float | None:
        """P(scope holds), or None when the model was not trained on this scope."""
        if scope_id not in self.weights:
            return None
        coef, bias = self.weights[scope_id]
        z = bias + sum(w * x for w, x in zip(coef, evidence.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def threshold(self, scope_id: str) -> float:
        """The probability from which the scope holds."""
        return self.applies_from.get(scope_id, DEFAULT_APPLIES_FROM)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "scopes": {
                k: {"weights": w, "bias": b, "applies_from": self.threshold(k)} for k, (w, b) in self.weights.items()
            },
        }


def read_scope_model(path: Path) -> ScopeModel:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("features") != list(FEATURES):
        return ScopeModel({})
    scopes = raw["scopes"]
    return ScopeModel(
        {k: (list(v["weights"]), float(v["bias"])) for k, v in scopes.items()},
        {k: float(v.get("applies_from", DEFAULT_APPLIES_FROM)) for k, v in scopes.items()},
    )


@cache
def load_scope_model() -> ScopeModel:
    """The shipped scope model, or an empty one (every scope then keeps the checklist's counting rule)."""
    from tenderlens.clauses.classify import model_dir

    path = model_dir() / SCOPE_MODEL_FILE
    return read_scope_model(path) if path.is_file() else ScopeModel({})
