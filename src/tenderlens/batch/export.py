"""Batch face, output: the results store -> CSV, JSON Lines or Parquet, streamed row by row.

``documents`` gives one row per document (path, sha256, OCDS context, one status column per safeguard,
redaction figures, social-value weighting, error if any); ``findings`` gives the long form, one row per
document and safeguard with the first piece of evidence; ``packs`` one row per OCDS contracting process."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Literal, TextIO

from tenderlens.batch.store import CONTEXT_COLUMNS, Store
from tenderlens.exceptions import BadArgumentsError, FileAccessError, MissingDependencyError

ExportTable = Literal["documents", "findings", "packs"]
ExportFormat = Literal["csv", "jsonl", "parquet"]
Row = dict[str, Any]
_PARQUET_BATCH = 5000
_INTEGER_COLUMNS = (
    "pages",
    "ocr_pages",
    "needs_attention",
    "redaction_boxes",
    "unexplained_boxes",
    "leaks",
    "heavily_redacted",
    "pages_blacked_out",
    "social_value_meets_minimum",
    "placeholders",
    "error_exit_code",
    "evidence",
    "page",
    "documents",
    "errors",
)
_FLOAT_COLUMNS = (
    "value_amount",
    "score",
    "redacted_fraction",
    "social_value_percent",
    "seconds",
    "confidence",
)

_CONTEXT = ", ".join(f"d.{c}" for c in CONTEXT_COLUMNS)
_DOCUMENTS_SQL = f"""
SELECT d.path, d.sha256, d.source, d.status, d.format, d.pages, d.ocr_pages, d.title, {_CONTEXT},
       d.score, d.verdict, d.needs_attention{{pivot}},
       r.redacted_fraction, r.boxes AS redaction_boxes, r.unexplained_boxes, r.leaks, r.leak_pages, r.leak_kinds,
       r.grounds AS redaction_grounds, r.heavy AS heavily_redacted, r.pages_blacked_out,
       d.social_value_percent, d.social_value_meets_minimum, d.placeholders,
       e.error_class, e.exit_code AS error_exit_code, e.message AS error_message, d.seconds
FROM documents d
LEFT JOIN redactions r ON r.sha256 = d.key
LEFT JOIN errors e ON e.key = d.key
LEFT JOIN findings f ON f.sha256 = d.key
GROUP BY d.key
ORDER BY d.path
"""
_FINDINGS_SQL = """
SELECT d.path, f.sha256, d.ocid, d.buyer, d.supplier, d.document_type, f.category, f.status, f.confidence,
       f.evidence, f.page, f.clause, f.quote, f.reason
FROM findings f JOIN documents d ON d.key = f.sha256
ORDER BY d.path, f.rowid
"""
_PACKS_SQL = """
SELECT ocid, buyer, documents, errors, pages, score, verdict, needs_attention, statuses, contrary_in, not_supplied,
       social_value_percent, social_value_file, redacted_fraction, leaks
FROM packs ORDER BY ocid
"""


def rows(store: Store, table: ExportTable) -> tuple[list[str], Iterator[Row]]:
    """The column names and a stream of rows of one export table."""
    if table == "findings":
        return _columns_and_rows(store, _FINDINGS_SQL, ())
    if table == "packs":
        return _columns_and_rows(store, _PACKS_SQL, ())
    categories = store.categories()
    pivot = "".join(f",\n       MAX(CASE WHEN f.category = ? THEN f.status END) AS [{c}]" for c in categories)
    return _columns_and_rows(store, _DOCUMENTS_SQL.format(pivot=pivot), categories)


def export(store: Store, table: ExportTable, fmt: ExportFormat, out: Path | None) -> int:
    """Write ``table`` as ``fmt`` to ``out`` (stdout when ``None``; Parquet needs a file). Returns the rows.

    Raises:
        BadArgumentsError: Parquet without ``out``. MissingDependencyError: Parquet without pyarrow.
        FileAccessError: ``out`` cannot be written.
    """
    columns, stream = rows(store, table)
    if fmt == "parquet":
        if out is None:
            raise BadArgumentsError("--format parquet needs --out FILE.")
        return _write_parquet(columns, stream, out)
    try:
        with ExitStack() as stack:
            handle: TextIO = stack.enter_context(out.open("w", encoding="utf-8", newline="")) if out else sys.stdout
            return _write_csv(columns, stream, handle) if fmt == "csv" else _write_jsonl(stream, handle)
    except OSError as exc:
        raise FileAccessError(f"cannot write {out}: {exc.strerror or exc}") from exc


def _columns_and_rows(store: Store, sql: str, params: Sequence[str]) -> tuple[list[str], Iterator[Row]]:
    cursor = store.query(sql, params)
    columns = [d[0] for d in cursor.description]
    return columns, (dict(zip(columns, row, strict=True)) for row in cursor)


def _write_csv(columns: list[str], stream: Iterator[Row], handle: TextIO) -> int:
    writer = csv.DictWriter(handle, fieldnames=columns)
    writer.writeheader()
    count = 0
    for row in stream:
        writer.writerow(row)
        count += 1
    return count


def _write_jsonl(stream: Iterator[Row], handle: TextIO) -> int:
    count = 0
    for row in stream:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(columns: list[str], stream: Iterator[Row], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependencyError("Parquet export needs pyarrow: pip install 'tenderlens[parquet]'.") from exc
    # SQLite cannot say a column's type, and a first batch of all-null values would fix the wrong one.
    kinds = {**dict.fromkeys(_INTEGER_COLUMNS, pa.int64()), **dict.fromkeys(_FLOAT_COLUMNS, pa.float64())}
    schema = pa.schema([(c, kinds.get(c, pa.string())) for c in columns])
    count = 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(out, schema) as writer:
            batch: list[Row] = []
            for row in stream:
                batch.append(row)
                if len(batch) == _PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    except OSError as exc:
        raise FileAccessError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return count
