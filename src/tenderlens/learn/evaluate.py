"""Evaluation: measure the clause engine against labelled corpus documents (``tenderlens eval``).

Two levels. Sentence level: for each labelled clause, does the engine assign the right categories (precision,
recall, F1 per category) and the right status. Document level: each corpus document goes through the real
pipeline (``audit_document``: segment -> clauses -> report) and its per-category status is compared with the
label: accuracy, a confusion matrix, gap F1 (missing/partial/contrary against present/not_applicable) and
contrary recall. Social-value weighting is scored too.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tenderlens.api import audit_document
from tenderlens.clauses.checklist import Checklist, load_checklist
from tenderlens.clauses.classify import get_engine
from tenderlens.clauses.decide import label_sentences
from tenderlens.clauses.match import compiled
from tenderlens.learn.corpus import CorpusDocument, iter_documents
from tenderlens.model import GAP_STATUSES, STATUSES, Span
from tenderlens.options import AuditOptions


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "support": self.tp + self.fn,
        }


@dataclass
class EvalResult:
    engine: str
    documents: int
    sentences: int
    sentence_prf: dict[str, PRF]
    sentence_status_accuracy: float
    doc_accuracy: float
    doc_accuracy_by_category: dict[str, float]
    confusion: dict[str, dict[str, int]]
    gap: PRF
    contrary_recall: float
    weighting_accuracy: float
    sentences_per_second: float
    pages_per_second: float
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "engine": self.engine,
            "documents": self.documents,
            "sentences": self.sentences,
            "sentence_level": {c: p.as_dict() for c, p in self.sentence_prf.items()},
            "sentence_status_accuracy": round(self.sentence_status_accuracy, 3),
            "document_status_accuracy": round(self.doc_accuracy, 3),
            "document_accuracy_by_category": {c: round(v, 3) for c, v in self.doc_accuracy_by_category.items()},
            "gap_detection": self.gap.as_dict(),
            "contrary_recall": round(self.contrary_recall, 3),
            "weighting_accuracy": round(self.weighting_accuracy, 3),
            "confusion": self.confusion,
            "sentences_per_second": round(self.sentences_per_second, 1),
            "pages_per_second": round(self.pages_per_second, 1),
            "errors": self.errors,
        }


def evaluate(
    corpus: Path,
    splits: Sequence[str] = ("test",),
    engine: str = "classic",
    checklist: Checklist | None = None,
    model_path: Path | None = None,
) -> EvalResult:
    """Evaluate ``engine`` on the given splits of the corpus at ``corpus``."""
    checklist = checklist or load_checklist()
    docs = list(iter_documents(corpus, splits=tuple(splits)))
    options = AuditOptions(engine=engine, model_path=model_path, redaction=False)  # type: ignore[arg-type]
    sentence_prf, status_acc, n_sentences, seconds = _sentence_level(docs, checklist, engine, model_path)
    doc_level = _document_level(docs, checklist, options)
    return EvalResult(
        engine=get_engine(engine, model_path).name,
        sentences=n_sentences,
        sentence_prf=sentence_prf,
        sentence_status_accuracy=status_acc,
        sentences_per_second=n_sentences / seconds if seconds else 0.0,
        **doc_level,
    )


def _sentence_level(
    docs: Sequence[CorpusDocument], checklist: Checklist, engine: str, model_path: Path | None
) -> tuple[dict[str, PRF], float, int, float]:
    sentences = [s for d in docs for s in d.sentences()]
    spans = [Span(text=s.text, page=1, kind="sentence") for s in sentences]
    model = get_engine(engine, model_path)
    start = time.perf_counter()
    matches = compiled(checklist).match(s.text for s in spans)
    scores = model.score([s.text for s in spans])
    labels = label_sentences(spans, matches, scores, checklist.category_ids)
    seconds = time.perf_counter() - start
    predicted: dict[int, dict[str, str]] = {}
    index = {id(span): i for i, span in enumerate(spans)}
    for lab in labels:
        predicted.setdefault(index[id(lab.span)], {})[lab.category] = lab.status
    prf = {}
    status_hits = status_total = 0
    for cat in checklist.category_ids:
        tp = fp = fn = 0
        for i, s in enumerate(sentences):
            gold, pred = cat in s.labels, cat in predicted.get(i, {})
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
            if gold and pred:
                status_total += 1
                status_hits += s.labels[cat] == predicted[i][cat]
        prf[cat] = PRF(tp, fp, fn)
    return prf, status_hits / status_total if status_total else 0.0, len(sentences), seconds


def _document_level(docs: Sequence[CorpusDocument], checklist: Checklist, options: AuditOptions) -> dict:
    confusion: dict[str, dict[str, int]] = {g: dict.fromkeys(STATUSES, 0) for g in STATUSES}
    by_cat: dict[str, list[bool]] = {c: [] for c in checklist.category_ids}
    gap = Counter[str]()
    contrary_total = contrary_found = weighting_right = 0
    pages = 0
    errors = []
    start = time.perf_counter()
    for doc in docs:
        document = doc.to_document()
        pages += len(document.pages)
        report = audit_document(document, options, checklist=checklist)
        for cat, gold in doc.labels.items():
            pred = report.finding(cat).status
            confusion[gold][pred] += 1
            by_cat[cat].append(pred == gold)
            if pred != gold:
                errors.append(f"{doc.id}: {cat} labelled {gold}, predicted {pred}")
            g, p = gold in GAP_STATUSES, pred in GAP_STATUSES
            gap["tp" if g and p else "fp" if p else "fn" if g else "tn"] += 1
            if gold == "contrary":
                contrary_total += 1
                contrary_found += pred == "contrary"
        weighting_right += _same_weighting(doc.social_value_percent, report.social_value.weighting_percent)
    seconds = time.perf_counter() - start
    all_hits = [hit for hits in by_cat.values() for hit in hits]
    return {
        "documents": len(docs),
        "doc_accuracy": sum(all_hits) / len(all_hits) if all_hits else 0.0,
        "doc_accuracy_by_category": {c: sum(h) / len(h) if h else 0.0 for c, h in by_cat.items()},
        "confusion": confusion,
        "gap": PRF(gap["tp"], gap["fp"], gap["fn"]),
        "contrary_recall": contrary_found / contrary_total if contrary_total else 1.0,
        "weighting_accuracy": weighting_right / len(docs) if docs else 0.0,
        "pages_per_second": pages / seconds if seconds else 0.0,
        "errors": errors,
    }


def _same_weighting(gold: float | None, pred: float | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(gold - pred) < 0.5
