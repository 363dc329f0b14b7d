"""Build the labelled real-text corpus from two independent annotations and an adjudication.

Reads corpora/real/pending/<id>.json (verbatim text), corpora/real/annotations/{a,b}/<id>.json (two annotators who
never saw each other's labels) and corpora/real/annotations/adjudicated.json (the decision on every disagreement),
and writes corpora/real/documents/{train,test}/<id>.json in the corpus format, plus agreement figures in
corpora/real/annotations/agreement.json. Document labels are derived by the corpus rules (tests/test_corpus.py).

    python scripts/build_real_corpus.py disagreements   # list what the adjudicator must decide
    python scripts/build_real_corpus.py build           # write the documents and the agreement figures
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "corpora" / "real"
CATEGORIES = ("explainability", "data_ownership", "foi", "inclusion", "impact_evaluation")
SCOPES = ("automated_decisions", "data_processing", "public_facing", "technology_or_service")
NEEDS = {
    "explainability": "automated_decisions",
    "data_ownership": "data_processing",
    "inclusion": "public_facing",
    "impact_evaluation": "technology_or_service",
}
PRECEDENCE = ("contrary", "present", "partial")


def load(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def sentence_labels(annotation: dict) -> dict[tuple[int, str], str]:
    return {
        (int(i), lab["category"]): lab["status"] for i, labs in annotation.get("sentences", {}).items() for lab in labs
    }


def disagreements(docs: dict, a: dict, b: dict) -> list[dict]:
    out = []
    for doc_id, doc in docs.items():
        for scope in SCOPES:
            va, vb = a[doc_id]["scope"][scope], b[doc_id]["scope"][scope]
            if va != vb:
                out.append({"doc": doc_id, "kind": "scope", "scope": scope, "a": va, "b": vb,
                            "a_reason": a[doc_id].get("scope_reason"), "b_reason": b[doc_id].get("scope_reason"),
                            "title": doc["title"]})  # fmt: skip
        if a[doc_id].get("social_value_percent") != b[doc_id].get("social_value_percent"):
            out.append({"doc": doc_id, "kind": "social_value", "a": a[doc_id].get("social_value_percent"),
                        "b": b[doc_id].get("social_value_percent")})  # fmt: skip
        la, lb = sentence_labels(a[doc_id]), sentence_labels(b[doc_id])
        heading = None
        for i, block in enumerate(doc["blocks"]):
            if block["kind"] == "heading":
                heading = block["text"]
            if block["kind"] != "clause":
                continue
            for cat in CATEGORIES:
                va, vb = la.get((i, cat), "none"), lb.get((i, cat), "none")
                if va != vb:
                    out.append({"doc": doc_id, "kind": "sentence", "block": i, "category": cat, "a": va, "b": vb,
                                "heading": heading, "text": block["text"]})  # fmt: skip
    return out


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def split_of(doc_ids: list[str]) -> dict[str, str]:
    """Every other document of each source family goes to test (the family's first stays in train). A document
    already built keeps its split, so adding documents never moves one between train and test."""
    built = {p.stem: p.parent.name for p in (ROOT / "documents").glob("*/*.json")}
    families: dict[str, list[str]] = {}
    for doc_id in sorted(doc_ids):
        family = "-".join(doc_id.split("-")[:4]) if doc_id.startswith("real-ccs") else "-".join(doc_id.split("-")[:3])
        families.setdefault(family, []).append(doc_id)
    return {
        d: built.get(d, "test" if i % 2 else "train") for members in families.values() for i, d in enumerate(members)
    }


def build(docs: dict, a: dict, b: dict, decided: dict) -> None:
    rulings = {_key(d): d["decision"] for d in decided}
    splits = split_of(list(docs))
    all_pairs: list[tuple[str, str]] = []
    either: list[tuple[str, str]] = []
    doc_pairs: list[tuple[str, str]] = []
    for folder in ("train", "test"):
        (ROOT / "documents" / folder).mkdir(parents=True, exist_ok=True)
    for doc_id, doc in docs.items():
        scope = {}
        for s in SCOPES:
            va, vb = a[doc_id]["scope"][s], b[doc_id]["scope"][s]
            scope[s] = va if va == vb else rulings[_key({"doc": doc_id, "kind": "scope", "scope": s})]
        sva, svb = a[doc_id].get("social_value_percent"), b[doc_id].get("social_value_percent")
        social = sva if sva == svb else rulings[_key({"doc": doc_id, "kind": "social_value"})]
        la, lb = sentence_labels(a[doc_id]), sentence_labels(b[doc_id])
        blocks = []
        final: dict[tuple[int, str], str] = {}
        for i, block in enumerate(doc["blocks"]):
            block = dict(block)
            if block["kind"] == "clause":
                labels = []
                for cat in CATEGORIES:
                    va, vb = la.get((i, cat), "none"), lb.get((i, cat), "none")
                    all_pairs.append((va, vb))
                    if va != "none" or vb != "none":
                        either.append((va, vb))
                    value = va if va == vb else rulings[_key({"doc": doc_id, "kind": "sentence", "block": i,
                                                               "category": cat})]  # fmt: skip
                    if value != "none":
                        labels.append({"category": cat, "status": value})
                        final[(i, cat)] = value
                block["labels"] = labels
            blocks.append(block)
        labels = {cat: _doc_label(cat, scope, final) for cat in CATEGORIES}
        for cat in CATEGORIES:
            doc_pairs.append((_doc_label(cat, a[doc_id]["scope"], la), _doc_label(cat, b[doc_id]["scope"], lb)))
        out = dict(doc, split=splits[doc_id], scope=scope, labels=labels, social_value_percent=social, blocks=blocks)
        out["annotation"] = "two independent annotators (A, B), disagreements adjudicated; see annotations/"
        path = ROOT / "documents" / splits[doc_id] / f"{doc_id}.json"
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = {
        "documents": len(docs),
        "sentence_pairs": len(all_pairs),
        "sentence_agreement": round(sum(x == y for x, y in all_pairs) / len(all_pairs), 3),
        "sentence_kappa": round(kappa(all_pairs), 3),
        "labelled_by_either": len(either),
        "agreement_where_either_labelled": round(sum(x == y for x, y in either) / max(1, len(either)), 3),
        "document_label_agreement": round(sum(x == y for x, y in doc_pairs) / len(doc_pairs), 3),
        "document_label_kappa": round(kappa(doc_pairs), 3),
        "adjudicated": len(decided),
        "splits": dict(Counter(splits.values())),
    }
    (ROOT / "annotations" / "agreement.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


def _doc_label(cat: str, scope: dict, labels: dict[tuple[int, str], str]) -> str:
    if cat in NEEDS and not scope[NEEDS[cat]]:
        return "not_applicable"
    found = {v for (_, c), v in labels.items() if c == cat}
    return next((st for st in PRECEDENCE if st in found), "missing")


def _key(d: dict) -> str:
    return "|".join(str(d.get(k)) for k in ("doc", "kind", "scope", "block", "category"))


def main() -> None:
    docs = load(ROOT / "pending")
    a, b = load(ROOT / "annotations" / "a"), load(ROOT / "annotations" / "b")
    missing = [d for d in docs if d not in a or d not in b]
    if missing:
        sys.exit(f"not annotated by both: {missing}")
    if sys.argv[1] == "disagreements":
        print(json.dumps(disagreements(docs, a, b), indent=1, ensure_ascii=False))
    else:
        build(docs, a, b, json.loads((ROOT / "annotations" / "adjudicated.json").read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
