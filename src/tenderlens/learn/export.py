"""Training, export: fitted scikit-learn objects -> the plain-array :class:`~tenderlens.clauses.classic.ClassicBundle`.

Only training imports scikit-learn; what it fitted is handed to inference as numpy arrays and n-gram lists.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from tenderlens.clauses.classic import ClassicBundle
from tenderlens.clauses.tfidf import Vectoriser


def export_classic(
    features: FeatureUnion,
    topic: OneVsRestClassifier,
    status: LogisticRegression,
    categories: list[str],
    metadata: dict[str, Any] | None = None,
) -> ClassicBundle:
    """The bundle for a fitted feature union of TfidfVectorizers, a one-vs-rest topic model and a status model.

    Raises:
        ValueError: a setting the numpy transform does not reproduce (see ``clauses/tfidf.py``).
    """
    vectorisers = tuple(_vectoriser(v) for _, v in features.transformer_list)
    if not topic.multilabel_ or any(not isinstance(e, LogisticRegression) for e in topic.estimators_):
        raise ValueError("the topic model must be one logistic regression per category (multilabel)")
    return ClassicBundle(
        vectorisers=vectorisers,
        topic_coef=np.vstack([e.coef_ for e in topic.estimators_]).astype(np.float64),
        topic_intercept=np.concatenate([e.intercept_ for e in topic.estimators_]).astype(np.float64),
        status_coef=np.asarray(status.coef_, dtype=np.float64),
        status_intercept=np.asarray(status.intercept_, dtype=np.float64),
        categories=tuple(categories),
        status_classes=tuple(str(c) for c in status.classes_),
        metadata=dict(metadata or {}),
    )


def _vectoriser(tfidf: TfidfVectorizer) -> Vectoriser:
    supported = (
        tfidf.lowercase
        and tfidf.norm == "l2"
        and tfidf.use_idf
        and tfidf.strip_accents is None
        and tfidf.preprocessor is None
        and tfidf.tokenizer is None
        and tfidf.stop_words is None
        and not tfidf.binary
        and tfidf.analyzer in ("word", "char_wb")
    )
    if not supported:
        raise ValueError(f"unsupported TfidfVectorizer settings: {tfidf.get_params()}")
    terms = [""] * len(tfidf.vocabulary_)
    for term, column in tfidf.vocabulary_.items():
        terms[column] = term
    return Vectoriser(
        analyzer=tfidf.analyzer,
        ngram_range=tuple(tfidf.ngram_range),
        terms=terms,
        idf=np.asarray(tfidf.idf_, dtype=np.float64),
        sublinear_tf=bool(tfidf.sublinear_tf),
        token_pattern=tfidf.token_pattern,
    )
