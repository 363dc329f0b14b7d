"""Clauses stage, scope: decide which applicability scopes hold (automated decisions, data, public-facing, ...).

A scope is a judgement about what the document buys: the trained scope model (``scope_model.py``) weighs where
its terms and the goods/works terms stand (title, opening, scope sections) and how much of the text they fill. A
scope the model does not know (a user's own checklist) holds when its terms occur in at least ``min_hits``
sentences and the goods/works terms (``negative_terms``) do not outnumber them; with no term either way the scope's
``default`` stands. A term the sentence negates ("the Service has no user interface", ``negation.py``) counts neither
way and is shown as evidence when the scope is ruled out. A scope that ``requires`` another holds only when that one
does (a furniture contract's GDPR boilerplate does not make it a data-processing service); a scope ``implied_by``
another holds whenever that one does (a system that decides about people processes their data and has users).
Every decision carries the sentences it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence

from tenderlens.clauses.checklist import Checklist, Scope
from tenderlens.clauses.match import SentenceMatch
from tenderlens.clauses.scope_model import ScopeEvidence, ScopeModel, front_matter, load_scope_model, scope_evidence
from tenderlens.model import Evidence, ScopeFinding, Span

_MAX_EVIDENCE = 3


def decide_scopes(
    spans: Sequence[Span], matches: Sequence[SentenceMatch], checklist: Checklist, model: ScopeModel | None = None
) -> tuple[ScopeFinding, ...]:
    """One :class:`ScopeFinding` per checklist scope, in checklist order (``model``: the shipped scope model)."""
    model = model if model is not None else load_scope_model()
    front = front_matter(spans)
    decided: dict[str, ScopeFinding] = {}
    pending = list(checklist.scopes)
    while pending:
        ready = [s for s in pending if all(r in decided for r in (*s.requires, *s.implied_by))]
        for scope in ready:
            evidence = scope_evidence(spans, matches, scope.id, front)
            probability = model.probability(scope.id, evidence)
            judged = None if probability is None else (probability, model.threshold(scope.id))
            decided[scope.id] = _decide(scope, spans, matches, decided, evidence, judged)
            pending.remove(scope)
    return tuple(decided[s.id] for s in checklist.scopes)


def _decide(
    scope: Scope,
    spans: Sequence[Span],
    matches: Sequence[SentenceMatch],
    decided: dict[str, ScopeFinding],
    where: ScopeEvidence,
    judged: tuple[float, float] | None,
) -> ScopeFinding:
    hits = [(spans[i], matches[i].scopes[scope.id]) for i in where.ordered_hits()]
    negative = [(spans[i], matches[i].negative_scopes[scope.id]) for i in where.negative]
    negated = [(spans[i], m.negated_scopes[scope.id]) for i, m in enumerate(matches) if scope.id in m.negated_scopes]
    blocked = [r for r in scope.requires if not decided[r].applies]
    if blocked:
        return ScopeFinding(
            scope.id,
            False,
            f"Does not apply because '{decided[blocked[0]].reason}'",
            decided[blocked[0]].evidence,
        )
    implied = [r for r in scope.implied_by if decided[r].applies]
    if implied:
        return ScopeFinding(
            scope.id,
            True,
            f"{scope.title}: yes, because '{decided[implied[0]].reason}'",
            decided[implied[0]].evidence,
        )
    if judged is not None:
        return _judged(scope, hits, negative, negated, where, *judged)
    if negative and len(negative) > len(hits):
        return ScopeFinding(
            scope.id,
            False,
            f"{scope.title}: no. Goods or works wording outweighs it "
            f"({_terms(negative)}: {len(negative)} sentence(s) against {len(hits)}).",
            _evidence(negative),
        )
    if len(hits) >= scope.min_hits:
        return ScopeFinding(
            scope.id,
            True,
            f"{scope.title}: yes. Found {_terms(hits)} in {len(hits)} sentence(s).",
            _evidence(hits),
        )
    if hits:
        return ScopeFinding(
            scope.id,
            scope.default,
            f"{scope.title}: {'yes' if scope.default else 'no'}. Only {len(hits)} sentence(s) mention "
            f"{_terms(hits)}; {scope.min_hits} needed.",
            _evidence(hits),
        )
    looked = ", ".join(f'"{t}"' for t in scope.terms[:8])
    return ScopeFinding(
        scope.id,
        scope.default,
        f"{scope.title}: {'assumed yes' if scope.default else 'no'}. No mention found; looked for {looked} and "
        f"{max(0, len(scope.terms) - 8)} more terms.",
    )


def _judged(
    scope: Scope,
    hits: Sequence[tuple[Span, tuple[str, ...]]],
    negative: Sequence[tuple[Span, tuple[str, ...]]],
    negated: Sequence[tuple[Span, tuple[str, ...]]],
    where: ScopeEvidence,
    probability: float,
    threshold: float,
) -> ScopeFinding:
    applies = probability >= threshold
    front = sum(1 for i in where.hits if i in where.front)
    said = (
        f"{_terms(hits)} in {len(hits)} sentence(s), {front} of them in the opening or scope sections"
        if hits
        else "none of its terms"
    )
    against = f"; goods or works wording in {len(negative)}" if negative else ""
    denied = f"; {_terms(negated)} negated in {len(negated)} sentence(s), set aside" if negated else ""
    model = f"scope model {probability:.2f}, holds from {threshold:.2f}"
    reason = f"{scope.title}: {'yes' if applies else 'no'} ({model}). Found {said}{against}{denied}."
    shown = hits if applies else [*negated, *negative] or hits
    return ScopeFinding(scope.id, applies, reason, _evidence(shown))


def _terms(hits: Sequence[tuple[Span, tuple[str, ...]]]) -> str:
    seen = dict.fromkeys(t.lower() for _, terms in hits for t in terms)
    return ", ".join(f'"{t}"' for t in list(seen)[:4])


def _evidence(hits: Sequence[tuple[Span, tuple[str, ...]]]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_span(span) for span, _ in hits[:_MAX_EVIDENCE])
