"""Benchmark: pages per second of redaction box and leak detection (tenderlens.redaction.pdf.analyse_pdf) on a
generated 200-page text PDF with a leaky box on every fifth page, and on the x-ray test PDFs in
../shared/benchmarks/redaction/xray; then the seconds of the hidden-text pass (tenderlens.redaction.hidden) on
the same PDF, as saved and with an earlier revision appended. Target: at least 80 pages/s on the text PDF. Run:
``python benchmarks/redaction.py``."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hidden_builders  # noqa: E402
import redaction_builders  # noqa: E402
from tenderlens.ingest import read_document  # noqa: E402
from tenderlens.model import RedactionBox  # noqa: E402
from tenderlens.options import AuditOptions  # noqa: E402
from tenderlens.redaction.hidden import find_hidden_text  # noqa: E402
from tenderlens.redaction.pdf import analyse_pdf  # noqa: E402

XRAY = ROOT.parent / "shared" / "benchmarks" / "redaction" / "xray"


def pages_per_second(paths: list[Path], render_check: bool, repeat: int = 3) -> tuple[int, float, int]:
    """(pages, best pages/s over ``repeat`` runs, leaks found)."""
    best = float("inf")
    pages = leaks = 0
    counts = [len(read_document(path, AuditOptions(ocr="never")).pages) for path in paths]
    for _ in range(repeat):
        start = time.perf_counter()
        results = [
            page for path, count in zip(paths, counts, strict=True) for page in analyse_pdf(path, count, render_check)
        ]
        best = min(best, time.perf_counter() - start)
        pages, leaks = len(results), sum(len(p.leaks) for p in results)
    return pages, pages / best, leaks


def hidden_text_seconds(path: Path, repeat: int = 3) -> float:
    """Best seconds of the hidden-text pass on ``path``, told that page 1 has a box (so every place is read)."""
    document = read_document(path, AuditOptions(ocr="never"))
    boxes = [RedactionBox(1, (72.0, 80.0, 200.0, 95.0), "vector")]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        find_hidden_text(document, boxes, [], [], {})
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text_pdf = redaction_builders.build_benchmark_pdf(Path(tmp) / "bench.pdf", pages=200)
        for render_check in (True, False):
            pages, rate, leaks = pages_per_second([text_pdf], render_check)
            print(f"text PDF: {pages} pages, {leaks} leaks, render check {render_check}: {rate:.0f} pages/s")
        print(f"hidden text, 200 pages, one revision: {hidden_text_seconds(text_pdf):.2f} s")
        lines = (redaction_builders.BODY[0], hidden_builders.REDACTED_LINE, *redaction_builders.BODY[2:])
        revised = hidden_builders.append_revision(text_pdf, lines, bar=True)
        print(f"hidden text, 200 pages, two revisions: {hidden_text_seconds(revised):.2f} s")
    xray = sorted(XRAY.glob("*.pdf"))
    if xray:
        pages, rate, leaks = pages_per_second(xray, True, repeat=1)
        print(f"x-ray set: {len(xray)} files, {pages} pages, {leaks} leaks: {rate:.0f} pages/s")
    else:
        print(f"x-ray set not found at {XRAY}")


if __name__ == "__main__":
    main()
