"""Training: fit the document-level scope model on the corpus documents' scope labels (``tenderlens train``).

Each corpus document goes through the real segment stage and the checklist rules; its scope evidence
(``clauses/scope_model.py``) is the input and its ``scope`` labels the target. One logistic regression per scope,
written as plain JSON weights.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from tenderlens.clauses.checklist import Checklist, load_checklist
from tenderlens.clauses.match import compiled
from tenderlens.clauses.scope_model import SCOPE_MODEL_FILE, ScopeModel, front_matter, scope_evidence
from tenderlens.learn.corpus import CorpusDocument
from tenderlens.segment import segment

SEED = 20261202


def scope_examples(
    docs: Sequence[CorpusDocument], checklist: Checklist
) -> dict[str, tuple[list[list[float]], list[bool]]]:
    """Per scope id: the feature vectors of the documents labelled for it, and their labels."""
    rules = compiled(checklist)
    examples: dict[str, tuple[list[list[float]], list[bool]]] = {s.id: ([], []) for s in checklist.scopes}
    for doc in docs:
        spans = segment(doc.to_document())
        matches = rules.match(s.text for s in spans)
        front = front_matter(spans)
        for scope in checklist.scopes:
            if scope.id in doc.scope:
                examples[scope.id][0].append(scope_evidence(spans, matches, scope.id, front).vector())
                examples[scope.id][1].append(bool(doc.scope[scope.id]))
    return examples


RULED_OUT_COST = 2.0
"""A wrong "not applicable" hides a gap; a wrong "applies" shows one more to check: the first costs twice as much."""
CANDIDATE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def fit_scope_model(docs: Sequence[CorpusDocument], checklist: Checklist) -> ScopeModel:
    """One regularised, class-balanced logistic regression per scope that has both outcomes in ``docs``, and the
    decision point that costs least on them (``RULED_OUT_COST``; the highest on a tie)."""
    weights, thresholds = {}, {}
    for scope_id, (x, y) in scope_examples(docs, checklist).items():
        if len(set(y)) < 2:
            continue
        lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=SEED)
        lr.fit(np.array(x), np.array(y))
        weights[scope_id] = ([round(float(w), 6) for w in lr.coef_[0]], round(float(lr.intercept_[0]), 6))
        p = lr.predict_proba(np.array(x))[:, 1]
        truth = np.array(y, dtype=bool)

        def cost(t: float, p: np.ndarray = p, truth: np.ndarray = truth) -> float:
            return float(RULED_OUT_COST * np.sum(truth & (p < t)) + np.sum(~truth & (p >= t)))

        thresholds[scope_id] = min(reversed(CANDIDATE_THRESHOLDS), key=cost)
    return ScopeModel(weights, thresholds)


def train_scopes(docs: Sequence[CorpusDocument], out_dir: Path) -> Path:
    """Fit on ``docs`` and write ``out_dir/clause-scopes.json``."""
    model = fit_scope_model(docs, load_checklist())
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / SCOPE_MODEL_FILE
    payload = dict(model.to_json(), trained_on=f"{len(docs)} documents", seed=SEED)
    target.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return target
