"""Training input for the clause judge: (safeguard, sentence in its clause) pairs with a four-way label.

Each clause sentence of a corpus document is paired with each checklist safeguard. The label is the sentence's
status for that safeguard, or ``none`` when the sentence is not about it. Most pairs are ``none``; the ones kept
are those the candidate filter would send to the judge at run time (a checklist term, a wording pattern or a
classic topic probability above a low bar), the labelled ones, and a seeded sample of the rest, so the judge learns
on the distribution it will see.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tenderlens.clauses.checklist import Checklist
from tenderlens.clauses.classify import SentenceModel
from tenderlens.clauses.judge import JUDGE_LABELS, context_text, safeguard_text
from tenderlens.clauses.match import compiled
from tenderlens.learn.corpus import CorpusDocument, LabelledSentence

TRAIN_TOPIC_MIN = 0.05
"""Classic topic probability from which an unlabelled pair is kept (lower than at run time: the classic model is
scored in-sample here, so it is over-confident about unlabelled text)."""
OTHERS_SAMPLE = 0.08
"""Share of the remaining unlabelled pairs kept as easy negatives."""


@dataclass(frozen=True)
class JudgePair:
    doc_id: str
    category: str
    safeguard: str
    context: str
    label: str

    @property
    def label_index(self) -> int:
        return JUDGE_LABELS.index(self.label)


def build_pairs(
    docs: Iterable[CorpusDocument],
    checklist: Checklist,
    classic: SentenceModel,
    seed: int,
    bank: Sequence[LabelledSentence] = (),
) -> list[JudgePair]:
    """The training pairs for ``docs`` (see module docstring), plus every (sentence, safeguard) pair of the contrast
    sets in ``bank``: each of those is a hard case by construction, so none is sampled away."""
    rng = random.Random(seed)
    rules = compiled(checklist)
    safeguards = {c.id: safeguard_text(c) for c in checklist.categories}
    pairs = []
    for doc in docs:
        sentences = doc.sentences()
        texts = [s.reading for s in sentences]
        for sentence, match, score in zip(sentences, rules.match(texts), classic.score(texts), strict=True):
            for cat, safeguard in safeguards.items():
                m = match.categories[cat]
                keep = (
                    cat in sentence.labels
                    or bool(m.signals or m.contrary or m.reference)
                    or score.topic.get(cat, 0.0) >= TRAIN_TOPIC_MIN
                    or rng.random() < OTHERS_SAMPLE
                )
                if keep:
                    pairs.append(_pair(sentence, cat, safeguard))
    pairs.extend(_pair(sentence, cat, safeguard) for sentence in bank for cat, safeguard in safeguards.items())
    return pairs


def _pair(sentence: LabelledSentence, category: str, safeguard: str) -> JudgePair:
    context = context_text(sentence.reading, sentence.heading)
    return JudgePair(sentence.doc_id, category, safeguard, context, sentence.labels.get(category, "none"))


def label_counts(pairs: Sequence[JudgePair]) -> dict[str, int]:
    return {lab: sum(1 for p in pairs if p.label == lab) for lab in JUDGE_LABELS}
