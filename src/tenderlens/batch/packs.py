"""Batch face, packs: the documents of one OCDS contracting process (same ``ocid``) -> one pack row.

Runs after the documents are audited, from what the store already holds (each document's JSON report), so no
document is read twice. The pack verdicts are ``tenderlens.pack.combine``'s, as for ``tenderlens scan FOLDER``;
a document is matched to a cited schedule by its OCDS title, its own title and its file name. Documents that
failed are counted as the pack's errors. The ``packs`` table is rebuilt at the end of every batch run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import PurePath
from typing import Any

from pydantic import TypeAdapter

from tenderlens.batch.store import Store
from tenderlens.clauses.checklist import Checklist
from tenderlens.model import PackReport, Report, SkippedFile
from tenderlens.options import AuditOptions
from tenderlens.pack.combine import AuditedFile, combine
from tenderlens.pack.render import render_pack

_REPORT = TypeAdapter(Report)
_DOCUMENTS = """
SELECT d.ocid, d.buyer, d.path, d.title, d.document_title, d.status, r.json, e.error_class, e.message
FROM documents d LEFT JOIN reports r ON r.sha256 = d.key LEFT JOIN errors e ON e.key = d.key
WHERE d.ocid IS NOT NULL ORDER BY d.ocid, d.path
"""


def build_packs(store: Store, checklist: Checklist, options: AuditOptions) -> int:
    """Rebuild the ``packs`` table from the audited documents; returns the number of packs."""
    rows = [_row(ocid, list(group), checklist, options) for ocid, group in groupby(_documents(store), _ocid)]
    packs = [row for row in rows if row is not None]
    store.save_packs(packs)
    return len(packs)


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.query(_DOCUMENTS):
        yield dict(row)


def _ocid(row: dict[str, Any]) -> str:
    return str(row["ocid"])


def _row(
    ocid: str, documents: list[dict[str, Any]], checklist: Checklist, options: AuditOptions
) -> dict[str, Any] | None:
    files = [_audited(d) for d in documents if d["status"] == "ok" and d["json"]]
    if not files:
        return None
    skipped = [
        SkippedFile(PurePath(d["path"]).name, d["message"] or "", d["error_class"])
        for d in documents
        if d["status"] != "ok"
    ]
    pack: PackReport = combine(ocid, files, skipped, checklist, options)
    return {
        "ocid": ocid,
        "buyer": next((d["buyer"] for d in documents if d["buyer"]), None),
        "documents": len(files),
        "errors": len(skipped),
        "pages": pack.pack.pages,
        "score": pack.summary.score,
        "verdict": pack.summary.verdict,
        "needs_attention": pack.summary.needs_attention,
        "statuses": json.dumps({f.category: f.status for f in pack.findings}),
        "contrary_in": "; ".join(sorted({name for f in pack.findings for name in f.contrary_in})),
        # The store keeps reports, not every sentence, so only documents relied on as evidence are known here.
        "not_supplied": "; ".join(dict.fromkeys(name for f in pack.findings for name in f.not_supplied)),
        "social_value_percent": pack.social_value.weighting_percent,
        "social_value_file": pack.social_value.file,
        "redacted_fraction": pack.redaction.redacted_fraction,
        "leaks": pack.redaction.leaks,
        "json": render_pack(pack, "json"),
    }


def _audited(document: dict[str, Any]) -> AuditedFile:
    report = _REPORT.validate_json(document["json"])
    name = PurePath(document["path"]).name
    labels = tuple(label for label in (document["document_title"], document["title"]) if label)
    return AuditedFile(name, report, labels, ())
