"""Batch face, output: the SQLite results store (one file, WAL mode, written by the parent process only).

A table per concern: ``documents`` (one row per document: OCDS context, summary figures, ok/error),
``findings`` (one row per document and safeguard), ``redactions``, ``errors`` and ``reports`` (the full JSON
report). Rows are keyed by the sha256 of the document's bytes, so a re-run skips what is done; a document
whose bytes were never read (not found, download failed) is keyed ``source:<path or URL>`` until they are.
Each document is written in one transaction: a batch killed at any moment leaves whole documents or none.
``packs`` holds one row per OCDS contracting process, rebuilt from the reports after each run (``batch.packs``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tenderlens import __version__
from tenderlens.batch.ocds import OcdsContext
from tenderlens.batch.work import ErrorInfo, Outcome
from tenderlens.exceptions import FileAccessError

SCHEMA_VERSION = 1
CONTEXT_COLUMNS = tuple(f.name for f in fields(OcdsContext))

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, command TEXT, tenderlens_version TEXT,
    audited INTEGER, errors INTEGER, skipped INTEGER
);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY, sha256 TEXT, path TEXT, source TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    format TEXT, pages INTEGER, ocr_pages INTEGER, title TEXT, engine TEXT, checklist_version TEXT,
    score REAL, verdict TEXT, needs_attention INTEGER, placeholders INTEGER,
    social_value_percent REAL, social_value_meets_minimum INTEGER, warnings INTEGER,
    {", ".join(f"{c} {'REAL' if c == 'value_amount' else 'TEXT'}" for c in CONTEXT_COLUMNS)},
    seconds REAL, peak_rss_mb REAL, run_id INTEGER, processed_at TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    sha256 TEXT NOT NULL, category TEXT NOT NULL, status TEXT, confidence REAL, evidence INTEGER,
    page INTEGER, clause TEXT, quote TEXT, reason TEXT, PRIMARY KEY (sha256, category)
);
CREATE TABLE IF NOT EXISTS redactions (
    sha256 TEXT PRIMARY KEY, redacted_fraction REAL, boxes INTEGER, leaks INTEGER, leak_pages TEXT,
    unexplained_boxes INTEGER, grounds TEXT, heavy INTEGER, pages_blacked_out INTEGER, markers INTEGER,
    leak_kinds TEXT
);
CREATE TABLE IF NOT EXISTS errors (
    key TEXT PRIMARY KEY, sha256 TEXT, path TEXT, error_class TEXT NOT NULL, exit_code INTEGER, message TEXT
);
CREATE TABLE IF NOT EXISTS reports (sha256 TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS packs (
    ocid TEXT PRIMARY KEY, buyer TEXT, documents INTEGER, errors INTEGER, pages INTEGER, score REAL, verdict TEXT,
    needs_attention INTEGER, statuses TEXT, contrary_in TEXT, not_supplied TEXT, social_value_percent REAL,
    social_value_file TEXT, redacted_fraction REAL, leaks INTEGER, json TEXT
);
PRAGMA user_version = {SCHEMA_VERSION};
"""

_CHILD_TABLES = ("findings", "redactions", "reports")
_ADDED_COLUMNS = (("redactions", "leak_kinds", "TEXT"),)
"""Columns added since a table was first created: a results database from an older version gains them."""


class Store:
    """The results database. Open it once per batch in the parent; reads (export, summary) may open it any
    time, even while a batch is writing (WAL lets readers and the one writer work together).

    Raises:
        FileAccessError: the database cannot be opened or created.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable in WAL mode against a killed process (only a power cut can lose the last
            # commits), and several times faster than FULL for thousands of small transactions.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.executescript(_SCHEMA)
            for table, column, kind in _ADDED_COLUMNS:
                if column not in {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        except sqlite3.Error as exc:
            raise FileAccessError(f"cannot open the results database {path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------------------------------- writing

    def status(self, key: str) -> str | None:
        """``ok``, ``error`` or ``None`` (never processed) for a document key."""
        row = self._db.execute("SELECT status FROM documents WHERE key = ?", (key,)).fetchone()
        return row["status"] if row else None

    def begin_run(self, command: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (started_at, command, tenderlens_version) VALUES (?, ?, ?)",
            (_now(), command, __version__),
        )
        return int(cursor.lastrowid or 0)

    def end_run(self, run_id: int, audited: int, errors: int, skipped: int) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at = ?, audited = ?, errors = ?, skipped = ? WHERE id = ?",
            (_now(), audited, errors, skipped, run_id),
        )

    def save(self, source: str, path: str, context: OcdsContext, outcome: Outcome, run_id: int) -> None:
        """Write one audited (or failed) document and everything about it, replacing any earlier result."""
        key = outcome.key
        document = {
            "key": key,
            "sha256": key,
            "path": path,
            "source": source,
            "status": "ok" if outcome.ok else "error",
            **outcome.document,
            **asdict(context),
            "seconds": round(outcome.seconds, 3),
            "peak_rss_mb": round(outcome.peak_rss_mb, 1) if outcome.peak_rss_mb else None,
            "run_id": run_id,
            "processed_at": _now(),
        }
        with self._transaction():
            for table in _CHILD_TABLES:
                self._db.execute(f"DELETE FROM {table} WHERE sha256 = ?", (key,))
            # A document first recorded by its source (not found, download failed) now has real bytes.
            for table in ("documents", "errors"):
                self._db.execute(f"DELETE FROM {table} WHERE key IN (?, ?)", (key, source_key(source)))
            self._insert("documents", document)
            self._insert_many("findings", [{"sha256": key, **row} for row in outcome.findings])
            if outcome.redaction is not None:
                self._insert("redactions", {"sha256": key, **outcome.redaction})
            if outcome.report_json is not None:
                self._insert("reports", {"sha256": key, "json": outcome.report_json})
            if outcome.error is not None:
                self._insert_error(key, key, path, outcome.error)

    def save_unread(self, source: str, context: OcdsContext, error: ErrorInfo, run_id: int) -> None:
        """Record a document whose bytes could not be had (missing file, failed download)."""
        key = source_key(source)
        row = {"key": key, "path": source, "source": source, "status": "error", **asdict(context)}
        with self._transaction():
            self._db.execute("DELETE FROM documents WHERE key = ?", (key,))
            self._insert("documents", {**row, "run_id": run_id, "processed_at": _now()})
            self._db.execute("DELETE FROM errors WHERE key = ?", (key,))
            self._insert_error(key, None, source, error)

    def save_packs(self, rows: Sequence[dict[str, Any]]) -> None:
        """Replace the ``packs`` table (one row per OCDS contracting process; see ``batch.packs``)."""
        with self._transaction():
            self._db.execute("DELETE FROM packs")
            self._insert_many("packs", rows)

    def _insert_error(self, key: str, sha256: str | None, path: str, error: ErrorInfo) -> None:
        self._insert("errors", {"key": key, "sha256": sha256, "path": path, **asdict(error)})

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        self._insert_many(table, [row])

    def _insert_many(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self._db.executemany(sql, [[row[c] for c in columns] for row in rows])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------------------------------------- reading

    def query(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """A read-only query; iterate the cursor to stream its rows (``description`` names the columns)."""
        return self._db.execute(sql, params)

    def categories(self) -> list[str]:
        """Safeguard ids present in the findings, in checklist order (the order first written)."""
        rows = self.query("SELECT category FROM findings GROUP BY category ORDER BY MIN(rowid)")
        return [r["category"] for r in rows]

    def count(self, table: str) -> int:
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def report_json(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT json FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return row["json"] if row else None


def source_key(source: str) -> str:
    """The key of a document known only by where it was found."""
    return f"source:{source}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
