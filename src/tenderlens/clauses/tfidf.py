"""Clauses stage, learned: scikit-learn's ``TfidfVectorizer.transform`` re-done in numpy, for the classic model.

The classic model is a linear model over TF-IDF word and character n-grams, so scoring a sentence is a sparse dot
product. Importing scikit-learn and unpickling its objects costs seconds; this module needs only the vocabulary
(a list of n-grams, one per column), the idf weights and the analyzer settings. It follows scikit-learn 1.x
exactly: lower-casing, ``token_pattern`` words joined into n-grams by single spaces, ``char_wb`` n-grams of each
whitespace-separated word padded with one space each side (a word shorter than n counted once), raw counts ->
``1 + log(tf)`` when ``sublinear_tf`` -> times idf -> each vectoriser's rows L2-normalised on its own.
``tests/test_classic_numpy.py`` checks the probabilities against scikit-learn to 1e-9.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

CACHE_LIMIT = 200_000
"""Per-word n-gram columns are cached (words repeat heavily in contracts); the cache is cleared at this size."""


@dataclass
class Vectoriser:
    """One fitted TfidfVectorizer: ``analyzer`` is ``word`` or ``char_wb``; ``terms[i]`` is column ``i``."""

    analyzer: str
    ngram_range: tuple[int, int]
    terms: Sequence[str]
    idf: np.ndarray
    sublinear_tf: bool = True
    token_pattern: str = r"(?u)\b\w+\b"
    _index: dict[str, int] = field(init=False, repr=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)
    _words: dict[str, list[int]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported analyzer {self.analyzer!r}")
        self._index = {term: i for i, term in enumerate(self.terms)}
        self._pattern = re.compile(self.token_pattern)

    @property
    def params(self) -> dict[str, Any]:
        """The settings stored beside the vocabulary (JSON-ready)."""
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "sublinear_tf": self.sublinear_tf,
            "token_pattern": self.token_pattern,
        }

    def columns(self, text: str) -> list[int]:
        """The column of every in-vocabulary n-gram occurrence in ``text`` (repeats kept: they are the counts)."""
        text = text.lower()
        if self.analyzer == "char_wb":
            cols: list[int] = []
            cache = self._words
            for word in text.split():
                found = cache.get(word)
                if found is None:
                    if len(cache) >= CACHE_LIMIT:
                        cache.clear()
                    found = cache[word] = self._char_columns(word)
                cols += found
            return cols
        return self._word_columns(self._pattern.findall(text))

    def _char_columns(self, word: str) -> list[int]:
        index = self._index
        padded = f" {word} "
        size = len(padded)
        cols = []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            # scikit-learn counts a padded word shorter than n once, as a whole.
            for start in range(max(size - n + 1, 1)):
                col = index.get(padded[start : start + n])
                if col is not None:
                    cols.append(col)
            if size <= n:
                break
        return cols

    def _word_columns(self, tokens: list[str]) -> list[int]:
        index = self._index
        low, high = self.ngram_range
        cols = []
        for n in range(low, min(high, len(tokens)) + 1):
            for start in range(len(tokens) - n + 1):
                col = index.get(tokens[start] if n == 1 else " ".join(tokens[start : start + n]))
                if col is not None:
                    cols.append(col)
        return cols

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The TF-IDF matrix of ``texts`` as coordinates: ``(rows, cols, values)``, rows L2-normalised."""
        per_text = [self.columns(text) for text in texts]
        lengths = np.fromiter((len(c) for c in per_text), dtype=np.int64, count=len(per_text))
        flat = np.fromiter((c for cols in per_text for c in cols), dtype=np.int64, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        keys, counts = np.unique(rows * len(self.terms) + flat, return_counts=True)
        rows, cols = np.divmod(keys, len(self.terms))
        tf = counts.astype(np.float64)
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
        return rows, cols, values / norms[rows]


def linear_scores(
    parts: Sequence[tuple[Vectoriser, np.ndarray]], intercept: np.ndarray, texts: Sequence[str]
) -> np.ndarray:
    """``X @ coef.T + intercept`` for the horizontal stack X of each vectoriser's TF-IDF matrix.

    ``parts`` pairs each vectoriser with its block of the coefficient matrix (classes x that vectoriser's terms)."""
    scores = np.tile(intercept, (len(texts), 1))
    for vectoriser, coef in parts:
        rows, cols, values = vectoriser.transform(texts)
        for k in range(coef.shape[0]):
            scores[:, k] += np.bincount(rows, weights=values * coef[k, cols], minlength=len(texts))
    return scores
