"""Build the probe corpus: documents written by authors who never saw the engine, with their own answer keys.

Reads corpora/probe/source/<name>.txt (the document) and <name>.key.json (its writer's labels: scope, document
labels, social-value weighting and the labelled sentences quoted verbatim), segments the text as TenderLens does, puts
each quoted label on the sentences the quote covers, and writes corpora/probe/documents/probe/probe-<name>.json in the
corpus format. Document labels are derived by the corpus rules (tests/test_corpus.py); where they differ from the
writer's key the script says so and stops.

    python scripts/build_probe_corpus.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tenderlens import ingest, segment
from tenderlens.clauses.checklist import load_checklist
from tenderlens.learn.corpus import block_text
from tenderlens.options import AuditOptions

ROOT = Path(__file__).resolve().parent.parent / "corpora" / "probe"
PRECEDENCE = ("contrary", "present", "partial")
NEEDS = {c.id: c.applies_if for c in load_checklist().categories}
"""The scopes each safeguard applies under, from the bundled checklist (the corpus rule's source)."""
CATEGORIES = tuple(NEEDS)
MIN_OVERLAP = 25
"""Characters: a sentence shorter than this is matched to a quote only when it is the whole quote."""


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _covers(quote: str, sentence: str) -> bool:
    if not sentence:
        return False
    if sentence == quote:
        return True
    return (len(sentence) >= MIN_OVERLAP and sentence in quote) or (len(quote) >= MIN_OVERLAP and quote in sentence)


def build(txt: Path) -> dict:
    key = json.loads(txt.with_suffix(".key.json").read_text(encoding="utf-8"))
    spans = segment.segment(ingest.read_document(txt, AuditOptions()))
    blocks: list[dict] = []
    for span in spans:
        if span.kind == "heading":
            blocks.append({"kind": "heading", "text": span.text})
        elif span.kind == "table_row":
            blocks.append({"kind": "table_row", "cells": list(span.cells or (span.text,)), "labels": []})
        else:
            blocks.append({"kind": "clause", "ref": span.clause_ref, "text": span.text, "labels": []})
    unplaced = []
    for item in key["sentences"]:
        if item["status"] == "none" or item["category"] not in CATEGORIES:
            continue  # a planted hard negative, or a note on the weighting (read from the key's own field)
        quote = _norm(item["quote"])
        # A key may quote a clause or a whole table row.
        hits = [b for b in blocks if b["kind"] != "heading" and _covers(quote, _norm(block_text(b)))]
        if not hits:
            unplaced.append(item["quote"])
        for block in hits:
            if all(lab["category"] != item["category"] for lab in block["labels"]):
                block["labels"].append({"category": item["category"], "status": item["status"]})
    labels = {}
    for cat in CATEGORIES:
        if NEEDS[cat] and not any(key["scope"][scope] for scope in NEEDS[cat]):
            labels[cat] = "not_applicable"
            continue
        found = {lab["status"] for b in blocks for lab in b.get("labels", []) if lab["category"] == cat}
        labels[cat] = next((st for st in PRECEDENCE if st in found), "missing")
    differ = {c: (key["labels"][c], labels[c]) for c in labels if key["labels"][c] != labels[c]}
    if unplaced or differ:
        sys.exit(f"{txt.name}: quotes not found {unplaced}; labels differ from the key {differ}")
    name = txt.stem
    return {
        "id": f"probe-{name}",
        "split": "probe",
        "title": key["title"],
        "jurisdiction": key.get("jurisdiction"),
        "provenance": (
            "Written for TenderLens by an author who saw no source code, checklist or corpus file, only "
            "../shared/taxonomy.md and a brief naming the jurisdiction and document type; the same author wrote the "
            "answer key. CC0-1.0."
        ),
        "scope": key["scope"],
        "labels": labels,
        "social_value_percent": key.get("social_value_percent"),
        "blocks": blocks,
    }


def main() -> None:
    out = ROOT / "documents" / "probe"
    out.mkdir(parents=True, exist_ok=True)
    for txt in sorted((ROOT / "source").glob("*.txt")):
        doc = build(txt)
        (out / f"{doc['id']}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(doc["id"], doc["labels"])


if __name__ == "__main__":
    main()
