"""Clauses stage, learned: the clause judge — a small fine-tuned transformer that reads (safeguard, sentence in its
clause) and says whether the sentence is not about the safeguard, or imposes it (present), weakly (partial), or
works against it (contrary).

It is the second of two stages. The cheap first stage (checklist rules and the classic TF-IDF model) picks the
candidate pairs; only those reach the judge, so boilerplate costs nothing. The judge reads the words in order, so it
can tell "the Supplier shall not use Authority Data for any other purpose" (protects the buyer) from "the Supplier
shall not be required to explain" (works against the safeguard), which a bag of words cannot. The safeguard is given
as text from the checklist (its title and signal descriptions), so a user's own safeguard is judged without
retraining.

The model is MiniLM-L6 fine-tuned by ``tenderlens train`` (``learn/judge_train.py``), exported to ONNX with int8
weights and run with ONNX Runtime: no torch at run time, one file read at load. Its tokenizer is shipped beside it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tenderlens.clauses.checklist import Category
from tenderlens.cores import cores
from tenderlens.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

JUDGE_LABELS = ("none", "present", "partial", "contrary")
"""The judge's classes, in the order of its output logits."""
JUDGE_FILE = "clause-judge.onnx"
TOKENIZER_FILE = "clause-judge-tokenizer.json"
CARD_FILE = "clause-judge.json"
MAX_TOKENS = 96
SAFEGUARD_TOKENS = 24
"""The safeguard text is cut to this many tokens first, so the sentence keeps the rest of the budget."""
BATCH_SIZE = 32


def safeguard_text(category: Category) -> str:
    """What the judge reads as the safeguard: the checklist title and its signal descriptions."""
    signals = "; ".join(s.description for s in category.signals)
    return f"{category.title}: {signals}" if signals else category.title


def context_text(sentence: str, heading: str | None) -> str:
    """What the judge reads as the clause: the heading in force, then the sentence."""
    return f"{heading} | {sentence}" if heading else sentence


@dataclass(frozen=True)
class Judgement:
    """The judge's probabilities for one (safeguard, sentence) pair."""

    none: float
    present: float
    partial: float
    contrary: float

    @property
    def relevance(self) -> float:
        return 1.0 - self.none


class ClauseJudge:
    """The ONNX judge with its tokenizer (see module docstring)."""

    def __init__(self, folder: Path) -> None:
        try:
            import onnxruntime as ort
            import tokenizers  # noqa: F401
        except ImportError as exc:  # pragma: no cover - both are core dependencies
            raise MissingDependencyError("The clause judge needs onnxruntime and tokenizers.") from exc
        model, tokenizer = folder / JUDGE_FILE, folder / TOKENIZER_FILE
        for needed in (model, tokenizer):
            if not needed.is_file():
                raise MissingDependencyError(f"The clause judge file {needed} is missing: run `tenderlens train`.")
        options = ort.SessionOptions()
        options.intra_op_num_threads = cores()  # all of them for one scan, 1 in batch workers
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = load_tokenizer(tokenizer)
        self._inputs = {i.name for i in self.session.get_inputs()}
        card = folder / CARD_FILE
        self.card = json.loads(card.read_text(encoding="utf-8")) if card.is_file() else {}

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        """Probabilities for each (safeguard text, clause text) pair; a pair that repeats (boilerplate, table
        headers printed on every page) is run once."""
        unique = list(dict.fromkeys(pairs))
        if not unique:
            return []
        encodings = [encode_pair(self.tokenizer, s, c) for s, c in unique]
        # Sorted by length so each batch pads to a similar length: padding is most of the work otherwise.
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i][0]))
        probs = np.zeros((len(unique), len(JUDGE_LABELS)), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            probs[batch] = self._run([encodings[i] for i in batch])
        verdicts = {pair: Judgement(*map(float, row)) for pair, row in zip(unique, probs, strict=True)}
        return [verdicts[pair] for pair in pairs]

    def _run(self, batch: list[tuple[list[int], list[int]]]) -> np.ndarray:
        width = max(len(ids) for ids, _ in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for row, (i, t) in enumerate(batch):
            ids[row, : len(i)] = i
            types[row, : len(t)] = t
            mask[row, : len(i)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (logits,) = self.session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)


def load_tokenizer(path: Path) -> Tokenizer:
    """A WordPiece tokenizer from its ``tokenizer.json``, with the file's own padding and truncation switched off
    (sentence-transformers files pad every text to 128 tokens; the judge pads per batch instead)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def encode_pair(tokenizer: Tokenizer, safeguard: str, context: str) -> tuple[list[int], list[int]]:
    """Token ids and token-type ids for one pair: ``[CLS] safeguard [SEP] clause [SEP]`` (training uses it too)."""
    first = tokenizer.encode(safeguard, add_special_tokens=False).ids[:SAFEGUARD_TOKENS]
    second = tokenizer.encode(context, add_special_tokens=False).ids[: MAX_TOKENS - len(first) - 3]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise MissingDependencyError("The judge's tokenizer has no [CLS]/[SEP] tokens: it is not a BERT tokenizer.")
    return [cls, *first, sep, *second, sep], [0] * (len(first) + 2) + [1] * (len(second) + 1)


@cache
def load_judge(folder: Path | None = None) -> ClauseJudge:
    """The judge shipped in ``models/`` (or in ``folder``)."""
    from tenderlens.clauses.classify import model_dir

    return ClauseJudge(folder or model_dir())
