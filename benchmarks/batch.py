"""Benchmark of the batch face: a generated corpus of small tenders audited with 1 and with 2 local workers.

Prints documents/s, pages/s, the scaling ratio (2 workers over 1), the peak resident memory of a worker and of
the parent, and whether worker memory grows over the run (first tenth of documents against the last tenth).

    python benchmarks/batch.py              # 1,000 documents
    python benchmarks/batch.py --count 200  # quicker
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from batch_builders import write_corpus
from tenderlens.batch.pool import Limits
from tenderlens.batch.runner import BatchCounts, BatchSettings, run_batch
from tenderlens.batch.sources import collect
from tenderlens.batch.store import Store
from tenderlens.options import AuditOptions


def measure(folder: Path, db: Path, workers: int) -> tuple[BatchCounts, float, float]:
    """Audit ``folder`` into a fresh ``db``; returns the counts and the mean worker peak RSS (MB) of the first
    and of the last tenth of documents."""
    settings = BatchSettings(workers=workers, limits=Limits(timeout=300, memory_mb=0, tasks_per_worker=200))
    jobs = collect([folder])
    with Store(db) as store:
        counts = run_batch(jobs, store, AuditOptions(), settings)
    with sqlite3.connect(db) as con:
        peaks = [r[0] for r in con.execute("SELECT peak_rss_mb FROM documents WHERE status = 'ok' ORDER BY rowid")]
    tenth = max(1, len(peaks) // 10)
    return counts, sum(peaks[:tenth]) / tenth, sum(peaks[-tenth:]) / tenth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="documents to generate (default 1000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tenderlens-batch-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        started = time.perf_counter()
        paths = write_corpus(folder, args.count, pdf_every=4)
        pdfs = sum(p.suffix == ".pdf" for p in paths)
        print(
            f"corpus: {len(paths)} documents ({pdfs} two-page PDFs, {len(paths) - pdfs} TXT), "
            f"generated in {time.perf_counter() - started:.1f} s"
        )
        # The first pool starts the fork server, which loads the models once for every later worker: timed
        # apart, so the 1-worker figure is not charged for it and the scaling ratio compares like with like.
        started = time.perf_counter()
        measure(write_corpus(Path(tmp) / "warm", 2)[0].parent, Path(tmp) / "warm.sqlite", 1)
        print(f"start-up (fork server loads the pipeline once): {time.perf_counter() - started:.1f} s")
        results = {}
        for workers in (1, 2):
            counts, early, late = measure(folder, Path(tmp) / f"w{workers}.sqlite", workers)
            results[workers] = counts
            print(
                f"{workers} worker(s): {counts.audited} audited, {counts.errors} errors, "
                f"{counts.pages} pages in {counts.seconds:.1f} s -> {counts.docs_per_second:.2f} docs/s, "
                f"{counts.pages_per_second:.2f} pages/s; worker peak RSS {counts.peak_rss_mb:.0f} MB "
                f"(first tenth {early:.0f} MB, last tenth {late:.0f} MB)"
            )
        ratio = results[2].docs_per_second / results[1].docs_per_second if results[1].docs_per_second else 0.0
        print(f"scaling 2 workers / 1 worker: {ratio:.2f}x")
        print(f"parent peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
