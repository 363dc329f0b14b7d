"""Batch face, corpus report: the results store -> one self-contained HTML page and a CSV beside it.

Shows the share of documents with each safeguard present, partial, contrary or missing; how much of the corpus
is redacted (a histogram); redactions that leak; the worst documents; a breakdown by buyer when OCDS context
is present; and the errors. Every chart is followed by the table of its figures (screen readers read the
table)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from tenderlens import __version__
from tenderlens.batch.charts import Histogram, StackedBars, histogram, stacked_bars
from tenderlens.batch.store import Store
from tenderlens.exceptions import FileAccessError
from tenderlens.model import STATUSES

HISTOGRAM_BINS = 10
LIST_LIMIT = 25
BUYER_LIMIT = 50


@dataclass(frozen=True)
class StatusCounts:
    """How many audited documents have each status for one safeguard (within one buyer, or the corpus)."""

    category: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> float:
        return self.counts.get(status, 0) / self.total if self.total else 0.0


@dataclass(frozen=True)
class BuyerRow:
    buyer: str
    documents: int
    mean_score: float | None
    safeguards: list[StatusCounts]


@dataclass(frozen=True)
class CorpusSummary:
    """Every figure on the page (and in the CSV)."""

    db: str
    generated: str
    documents: int
    audited: int
    errors: int
    pages: int
    safeguards: list[StatusCounts]
    redaction_bins: list[tuple[str, int]]
    heavily_redacted: int
    leaks: list[dict[str, object]]
    leak_documents: int
    worst: list[dict[str, object]]
    buyers: list[BuyerRow]
    error_classes: list[dict[str, object]]
    social_value: dict[str, object]
    packs: list[dict[str, object]] = field(default_factory=list)


def summarise_corpus(store: Store) -> CorpusSummary:
    """Aggregate the store; every query is a GROUP BY, so memory does not grow with the corpus."""
    totals = store.query(
        "SELECT COUNT(*) AS n, SUM(status = 'ok') AS ok, SUM(status = 'error') AS errors, "
        "SUM(pages) AS pages FROM documents"
    ).fetchone()
    return CorpusSummary(
        db=str(store.path),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        documents=totals["n"] or 0,
        audited=totals["ok"] or 0,
        errors=totals["errors"] or 0,
        pages=totals["pages"] or 0,
        safeguards=_status_counts(store, buyer=None),
        redaction_bins=_redaction_bins(store),
        heavily_redacted=store.query("SELECT COUNT(*) FROM redactions WHERE heavy").fetchone()[0],
        leaks=_dicts(
            store,
            "SELECT d.path, d.buyer, r.leaks, r.leak_pages, r.leak_kinds "
            "FROM redactions r JOIN documents d ON d.key = r.sha256 "
            "WHERE r.leaks > 0 ORDER BY r.leaks DESC, d.path LIMIT ?",
            (LIST_LIMIT,),
        ),
        leak_documents=store.query("SELECT COUNT(*) FROM redactions WHERE leaks > 0").fetchone()[0],
        worst=_dicts(
            store,
            "SELECT path, buyer, score, needs_attention, verdict FROM documents WHERE status = 'ok' "
            "ORDER BY needs_attention DESC, score ASC, path LIMIT ?",
            (LIST_LIMIT,),
        ),
        buyers=_buyers(store),
        error_classes=_dicts(
            store,
            "SELECT error_class, exit_code, COUNT(*) AS documents FROM errors "
            "GROUP BY error_class, exit_code ORDER BY documents DESC",
        ),
        packs=_dicts(
            store,
            "SELECT ocid, buyer, documents, errors, needs_attention, score, contrary_in, not_supplied FROM packs "
            "ORDER BY needs_attention DESC, score ASC, ocid LIMIT ?",
            (LIST_LIMIT,),
        ),
        social_value=dict(
            store.query(
                "SELECT COUNT(social_value_percent) AS stated, "
                "SUM(social_value_meets_minimum) AS meets_minimum, AVG(social_value_percent) AS mean_percent "
                "FROM documents WHERE status = 'ok'"
            ).fetchone()
        ),
    )


def write_summary(store: Store, html_path: Path) -> tuple[Path, Path]:
    """Write the HTML page and ``<same name>.csv`` beside it; return both paths.

    Raises:
        FileAccessError: a file cannot be written.
    """
    summary = summarise_corpus(store)
    csv_path = html_path.with_suffix(".csv")
    page = render_html(summary)
    try:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(page, encoding="utf-8")
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            _write_csv(summary, handle)
    except OSError as exc:
        raise FileAccessError(f"cannot write the summary: {exc.strerror or exc}") from exc
    return html_path, csv_path


def render_html(summary: CorpusSummary) -> str:
    env = Environment(
        loader=PackageLoader("tenderlens.batch", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    safeguard_chart: StackedBars = stacked_bars(
        [(s.category, [s.counts.get(status, 0) for status in STATUSES]) for s in summary.safeguards], STATUSES
    )
    redaction_chart: Histogram = histogram(summary.redaction_bins)
    return env.get_template("summary.html.j2").render(
        s=summary,
        statuses=STATUSES,
        safeguard_chart=safeguard_chart,
        redaction_chart=redaction_chart,
        version=__version__,
    )


def _write_csv(summary: CorpusSummary, handle: object) -> None:
    writer = csv.writer(handle)  # type: ignore[arg-type]
    writer.writerow(["scope", "buyer", "safeguard", "documents", *STATUSES])
    groups = [("corpus", "", summary.safeguards)] + [("buyer", b.buyer, b.safeguards) for b in summary.buyers]
    for scope, buyer, safeguards in groups:
        for s in safeguards:
            writer.writerow([scope, buyer, s.category, s.total, *(s.counts.get(st, 0) for st in STATUSES)])


def _status_counts(store: Store, buyer: str | None) -> list[StatusCounts]:
    where, params = ("AND d.buyer = ?", (buyer,)) if buyer is not None else ("", ())
    rows = store.query(
        "SELECT f.category, f.status, COUNT(*) AS n FROM findings f JOIN documents d ON d.key = f.sha256 "
        f"WHERE d.status = 'ok' {where} GROUP BY f.category, f.status ORDER BY MIN(f.rowid)",
        params,
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["category"], {})[row["status"]] = row["n"]
    return [StatusCounts(category, by_status) for category, by_status in counts.items()]


def _redaction_bins(store: Store) -> list[tuple[str, int]]:
    rows = store.query(
        "SELECT MIN(CAST(redacted_fraction * ? AS INTEGER), ? - 1) AS bin, COUNT(*) AS n FROM redactions "
        "WHERE redacted_fraction IS NOT NULL GROUP BY bin",
        (HISTOGRAM_BINS, HISTOGRAM_BINS),
    )
    found = {row["bin"]: row["n"] for row in rows}
    step = 100 // HISTOGRAM_BINS
    return [(f"{i * step}–{(i + 1) * step}%", found.get(i, 0)) for i in range(HISTOGRAM_BINS)]


def _buyers(store: Store) -> list[BuyerRow]:
    rows = store.query(
        "SELECT buyer, COUNT(*) AS documents, AVG(score) AS mean_score FROM documents "
        "WHERE buyer IS NOT NULL AND status = 'ok' GROUP BY buyer ORDER BY documents DESC, buyer LIMIT ?",
        (BUYER_LIMIT,),
    ).fetchall()
    return [BuyerRow(r["buyer"], r["documents"], r["mean_score"], _status_counts(store, r["buyer"])) for r in rows]


def _dicts(store: Store, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
    return [dict(row) for row in store.query(sql, params)]
