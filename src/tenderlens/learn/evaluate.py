"""Evaluation: measure the clause engine against labelled corpus documents (``tenderlens eval``).

Two levels. Sentence level: for each labelled clause, does the engine assign the right categories (precision,
recall, F1 per category) and the right status. Document level: each corpus document goes through the real
segment and clauses stages (redaction is irrelevant to corpus text) and its per-category status is compared with the
label: accuracy, a confusion matrix, gap F1 (missing/partial/contrary against present/not_applicable) and
contrary recall. Social-value weighting is scored too. ``cross_validate`` gives the same figures for the classic
engine by grouped k-fold over the training splits (each document scored by a model that never saw it).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tenderlens import clauses
from tenderlens.clauses.checklist import Checklist, load_checklist
from tenderlens.clauses.classify import ClassicModel
from tenderlens.clauses.engines import ENGINE_NAMES, ClauseEngine, get_engine
from tenderlens.clauses.judge import ClauseJudge
from tenderlens.exceptions import BadArgumentsError
from tenderlens.learn.corpus import CorpusDocument, LabelledSentence, family, iter_documents
from tenderlens.learn.scope_train import fit_scope_model
from tenderlens.learn.train import TRAIN_SPLITS, fit_classic
from tenderlens.model import GAP_STATUSES, STATUSES, Span
from tenderlens.options import AuditOptions
from tenderlens.segment import segment


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
    source: str
    """The corpus folder the documents came from (synthetic or real text are reported apart)."""
    documents: int
    sentences: int
    sentence_prf: dict[str, PRF]
    sentence_status_accuracy: float
    doc_accuracy: float
    doc_accuracy_by_category: dict[str, float]
    confusion: dict[str, dict[str, int]]
    gap: PRF
    contrary_recall: float
    contrary_precision: float
    false_present: dict[str, int]
    """Per category: documents called present whose label is partial, contrary or missing."""
    false_missing: dict[str, int]
    """Per category: documents called missing whose label is present, partial or contrary."""
    applicability_accuracy: float
    """Share of (document, scope) decisions that match the document's scope labels."""
    weighting_accuracy: float
    sentences_per_second: float
    pages_per_second: float
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "engine": self.engine,
            "source": self.source,
            "documents": self.documents,
            "sentences": self.sentences,
            "sentence_level": {c: p.as_dict() for c, p in self.sentence_prf.items()},
            "sentence_status_accuracy": round(self.sentence_status_accuracy, 3),
            "document_status_accuracy": round(self.doc_accuracy, 3),
            "document_accuracy_by_category": {c: round(v, 3) for c, v in self.doc_accuracy_by_category.items()},
            "gap_detection": self.gap.as_dict(),
            "contrary_recall": round(self.contrary_recall, 3),
            "contrary_precision": round(self.contrary_precision, 3),
            "false_present": self.false_present,
            "false_missing": self.false_missing,
            "applicability_accuracy": round(self.applicability_accuracy, 3),
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
    chosen = get_engine(engine, model_path)
    return score(predict(docs, checklist, chosen), checklist, chosen.name, str(corpus))


def cross_validate(
    corpora: Sequence[Path],
    splits: Sequence[str] = TRAIN_SPLITS,
    folds: int = 5,
    engine: str = "classic",
    checklist: Checklist | None = None,
    bank: Sequence[LabelledSentence] = (),
    log: Callable[[str], None] = lambda _line: None,
) -> list[EvalResult]:
    """Grouped k-fold cross-validation over ``splits`` of all ``corpora`` pooled: each document is scored by models
    (classic, scope model and, for ``transformer``, a judge fine-tuned and exported as shipped) fitted on the other
    folds and the contrast sets in ``bank``. Documents of one source family (the parts of one real document) share a
    fold. Returns one result per corpus. Used to choose settings without touching test."""
    if folds < 2:
        raise BadArgumentsError("--cv needs at least 2 folds.")
    if engine not in ENGINE_NAMES:
        raise BadArgumentsError(f"--cv runs one engine at a time: {', '.join(ENGINE_NAMES)}.")
    checklist = checklist or load_checklist()
    docs = [(corpus, d) for corpus in corpora for d in iter_documents(corpus, splits=tuple(splits))]
    families = sorted({family(d.id) for _, d in docs})
    if len(families) < folds:
        raise BadArgumentsError(f"--cv {folds} needs at least {folds} documents (found {len(families)}).")
    fold_of = {f: i % folds for i, f in enumerate(families)}
    predictions: dict[Path, list[Prediction]] = {corpus: [] for corpus in corpora}
    for fold in range(folds):
        train = [d for _, d in docs if fold_of[family(d.id)] != fold]
        classic = ClassicModel(fit_classic([s for d in train for s in d.sentences()] + list(bank)))
        scopes = fit_scope_model(train, checklist)
        with tempfile.TemporaryDirectory(prefix="tenderlens-cv-") as tmp:
            judge = None
            if engine == "transformer":
                from tenderlens.learn.judge_train import train_judge

                judge = ClauseJudge(train_judge(train, Path(tmp), classic, bank, log=log).parent)
            chosen = ClauseEngine(engine, classic, judge, scopes)
            for corpus, doc in docs:
                if fold_of[family(doc.id)] == fold:
                    predictions[corpus].extend(predict([doc], checklist, chosen))
        log(f"fold {fold + 1}/{folds} scored")
    label = f"{engine} ({folds}-fold cross-validation)"
    return [score(p, checklist, label, str(corpus)) for corpus, p in predictions.items() if p]


@dataclass(frozen=True)
class Prediction:
    """What an engine said about one corpus document, at sentence and document level."""

    doc: CorpusDocument
    sentences: tuple[dict[str, str], ...]
    """Per clause sentence (in corpus order): category -> predicted sentence status."""
    statuses: dict[str, str]
    scopes: dict[str, bool]
    weighting: float | None
    pages: int
    sentence_seconds: float
    document_seconds: float


def predict(docs: Sequence[CorpusDocument], checklist: Checklist, engine: ClauseEngine) -> list[Prediction]:
    """Run ``engine`` over each document: its labelled sentences alone, then the whole document through the real
    segment and clauses stages (redaction is irrelevant to corpus text)."""
    options = AuditOptions(redaction=False)
    return [_predict_one(doc, checklist, engine, options) for doc in docs]


def _predict_one(doc: CorpusDocument, checklist: Checklist, engine: ClauseEngine, options: AuditOptions) -> Prediction:
    spans = [Span(text=s.text, page=1, kind="sentence", heading=s.heading, lead_in=s.lead_in) for s in doc.sentences()]
    start = time.perf_counter()
    _, labels = clauses.label_spans(spans, checklist, engine)
    middle = time.perf_counter()
    index = {id(span): i for i, span in enumerate(spans)}
    per_sentence: list[dict[str, str]] = [{} for _ in spans]
    for lab in labels:
        per_sentence[index[id(lab.span)]][lab.category] = lab.status
    document = doc.to_document()
    result = clauses.analyse(segment(document), checklist, options, engine=engine)
    return Prediction(
        doc=doc,
        sentences=tuple(per_sentence),
        statuses={f.category: f.status for f in result.findings},
        scopes={s.scope: s.applies for s in result.applicability},
        weighting=result.social_value.weighting_percent,
        pages=len(document.pages),
        sentence_seconds=middle - start,
        document_seconds=time.perf_counter() - middle,
    )


def score(predictions: Sequence[Prediction], checklist: Checklist, engine: str, source: str) -> EvalResult:
    """The figures for a set of predictions (sentence P/R/F1, document accuracy, gap F1, contrary recall)."""
    sentence_prf, status_acc = _sentence_level(predictions, checklist.category_ids)
    n_sentences = sum(len(p.sentences) for p in predictions)
    sentence_seconds = sum(p.sentence_seconds for p in predictions)
    document_seconds = sum(p.document_seconds for p in predictions)
    return EvalResult(
        engine=engine,
        source=source,
        sentences=n_sentences,
        sentence_prf=sentence_prf,
        sentence_status_accuracy=status_acc,
        sentences_per_second=n_sentences / sentence_seconds if sentence_seconds else 0.0,
        pages_per_second=sum(p.pages for p in predictions) / document_seconds if document_seconds else 0.0,
        **_document_level(predictions, checklist.category_ids),
    )


def _sentence_level(predictions: Sequence[Prediction], categories: Sequence[str]) -> tuple[dict[str, PRF], float]:
    pairs = [
        (gold.labels, pred) for p in predictions for gold, pred in zip(p.doc.sentences(), p.sentences, strict=True)
    ]
    prf = {}
    status_hits = status_total = 0
    for cat in categories:
        tp = fp = fn = 0
        for gold, pred in pairs:
            tp += cat in gold and cat in pred
            fp += cat in pred and cat not in gold
            fn += cat in gold and cat not in pred
            if cat in gold and cat in pred:
                status_total += 1
                status_hits += gold[cat] == pred[cat]
        prf[cat] = PRF(tp, fp, fn)
    return prf, status_hits / status_total if status_total else 0.0


def _document_level(predictions: Sequence[Prediction], categories: Sequence[str]) -> dict:
    confusion: dict[str, dict[str, int]] = {g: dict.fromkeys(STATUSES, 0) for g in STATUSES}
    by_cat: dict[str, list[bool]] = {c: [] for c in categories}
    gap = Counter[str]()
    contrary_total = contrary_found = contrary_called = weighting_right = 0
    false_present = dict.fromkeys(categories, 0)
    false_missing = dict.fromkeys(categories, 0)
    scope_hits: list[bool] = []
    errors = []
    for p in predictions:
        for scope, applies in p.doc.scope.items():
            if scope in p.scopes:
                scope_hits.append(p.scopes[scope] == applies)
                if p.scopes[scope] != applies:
                    errors.append(f"{p.doc.id}: scope {scope} labelled {applies}, predicted {p.scopes[scope]}")
        for cat, gold in p.doc.labels.items():
            pred = p.statuses[cat]
            false_present[cat] += pred == "present" and gold in GAP_STATUSES
            false_missing[cat] += pred == "missing" and gold in ("present", "partial", "contrary")
            contrary_called += pred == "contrary"
            confusion[gold][pred] += 1
            by_cat[cat].append(pred == gold)
            if pred != gold:
                errors.append(f"{p.doc.id}: {cat} labelled {gold}, predicted {pred}")
            g, q = gold in GAP_STATUSES, pred in GAP_STATUSES
            gap["tp" if g and q else "fp" if q else "fn" if g else "tn"] += 1
            if gold == "contrary":
                contrary_total += 1
                contrary_found += pred == "contrary"
        weighting_right += _same_weighting(p.doc.social_value_percent, p.weighting)
    all_hits = [hit for hits in by_cat.values() for hit in hits]
    return {
        "documents": len(predictions),
        "doc_accuracy": sum(all_hits) / len(all_hits) if all_hits else 0.0,
        "doc_accuracy_by_category": {c: sum(h) / len(h) if h else 0.0 for c, h in by_cat.items()},
        "confusion": confusion,
        "gap": PRF(gap["tp"], gap["fp"], gap["fn"]),
        "contrary_recall": contrary_found / contrary_total if contrary_total else 1.0,
        "contrary_precision": contrary_found / contrary_called if contrary_called else 1.0,
        "false_present": false_present,
        "false_missing": false_missing,
        "applicability_accuracy": sum(scope_hits) / len(scope_hits) if scope_hits else 1.0,
        "weighting_accuracy": weighting_right / len(predictions) if predictions else 0.0,
        "errors": errors,
    }


def _same_weighting(gold: float | None, pred: float | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(gold - pred) < 0.5
