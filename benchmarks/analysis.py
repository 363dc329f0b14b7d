"""Benchmark: time of the analysis stages (segment + clauses, after extraction) on a 100-page document, on ONE core.

Targets (issues 4 and 8): classic engine under 2 s, transformer engine under 10 s for 100 pages.
The document is built from the corpus (dev + test text, laid out as 45 printed lines a page) so the text and the
density of sentences are realistic.
Run: python benchmarks/analysis.py [--pages 100] [--engines classic,transformer]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TENDERLENS_TORCH_THREADS", "1")

from tenderlens import segment
from tenderlens.clauses import analyse
from tenderlens.clauses.checklist import load_checklist
from tenderlens.learn.corpus import iter_documents
from tenderlens.model import Document, Line, Page
from tenderlens.options import AuditOptions

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "documents"
LINES_PER_PAGE = 45
CHARS_PER_LINE = 95


def build_document(pages: int) -> Document:
    """``pages`` pages of 45 printed lines of about 95 characters (10 pt on A4), filled with corpus text; a
    sentence wraps over as many lines as it would in print. Text repeated to fill the pages gets a suffix so that
    no sentence is served from a cache."""
    blocks = [
        line
        for doc in iter_documents(CORPUS, ("dev", "test"))
        for page in doc.to_document().pages
        for line in page.lines
    ]
    out: list[Page] = []
    current: list[Line] = []
    used = 0
    k = 0
    while len(out) < pages:
        block = blocks[k % len(blocks)]
        text = block.text if k < len(blocks) else f"{block.text} (revision {k // len(blocks)})"
        k += 1
        height = max(1, -(-len(text) // CHARS_PER_LINE))
        if used + height > LINES_PER_PAGE and current:
            out.append(Page(number=len(out) + 1, width=595, height=842, text_source="layer", lines=tuple(current)))
            current, used = [], 0
        current.append(Line(text=text, bbox=None, table_row=block.table_row))
        used += height
    return Document(path="benchmark", sha256="0" * 64, format="pdf", pages=tuple(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--engines", default="classic,transformer")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    document = build_document(args.pages)
    checklist = load_checklist()
    for engine in args.engines.split(","):
        options = AuditOptions(engine=engine, redaction=False)  # type: ignore[arg-type]
        spans = segment.segment(document)
        analyse(spans[:20], checklist, options)  # load models and warm caches outside the timing
        start = time.perf_counter()
        spans = segment.segment(document)
        result = analyse(spans, checklist, options)
        seconds = time.perf_counter() - start
        print(
            f"{engine:12s} {args.pages} pages, {len(spans)} spans: {seconds:.2f} s on one core "
            f"({args.pages / seconds:.0f} pages/s, {len(spans) / seconds:.0f} sentences/s); engine={result.engine}"
        )


if __name__ == "__main__":
    main()
