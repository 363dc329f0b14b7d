"""Benchmark input: a long, table-heavy tender PDF written with reportlab (used by ``whole_process.py``).

Body pages carry numbered clauses built from the corpus sentences (safeguard wording among ordinary contract
text); every fourth page carries ruled tables of the kinds tenders are full of: award criteria, a pricing
schedule, KPIs and a data schedule, with wrapped text in their cells. The file is deterministic.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TABLE_EVERY = 4  # one page in four is a table page
SENTENCES_PER_PAGE = 14


def corpus_sentences() -> list[str]:
    """The corpus sentences in a fixed order (train split): realistic clause text, some of it about safeguards."""
    from tenderlens.learn.corpus import iter_documents

    return [escape(s.text) for d in iter_documents(ROOT / "corpora" / "documents", ("train",)) for s in d.sentences()]


def _tables(page: int) -> list[list[list[str]]]:
    n = page // TABLE_EVERY
    award = [["Criterion", "Weighting", "How it is assessed"]] + [
        [name, f"{w}%", f"Method statement {i + 1}, scored 0-5 by three evaluators and moderated (lot {n})."]
        for i, (name, w) in enumerate([("Quality", 55), ("Price", 30), ("Social value", 10), ("Data protection", 5)])
    ]
    pricing = [["Item", "Unit", "Quantity", "Unit price (GBP)"]] + [
        [f"Service line {n}.{i}: configuration, hosting and support", "month", str(12 + i), f"{1250 + 35 * i:,}.00"]
        for i in range(8)
    ]
    kpis = [["KPI", "Measure", "Target", "Service credit"]] + [
        [f"KPI {i}", f"Share of cases decided within {5 + i} working days", f"{90 + i % 9}%", f"{i % 4 + 1}%"]
        for i in range(1, 7)
    ]
    data = [["Data item", "Owner", "Retention"]] + [
        [f"Case record field {i} (lot {n})", "Authority", f"{i + 2} years after closure"] for i in range(1, 7)
    ]
    return [award, pricing] if n % 2 == 0 else [kpis, data]


def build_tender(path: Path, pages: int = 320) -> Path:
    """Write a ``pages``-page tender to ``path`` (if it is not there already) and return the path."""
    if path.is_file():
        return path
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    sentences = itertools.cycle(corpus_sentences())
    story: list[object] = []
    for page in range(pages):
        story.append(Paragraph(f"{page + 1}. Section {page + 1}", styles["Heading2"]))
        if page % TABLE_EVERY == TABLE_EVERY - 1:
            story.append(Paragraph(next(sentences), styles["BodyText"]))
            for rows in _tables(page):
                table = Table([[Paragraph(c, cell) for c in row] for row in rows], repeatRows=1)
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
                story += [Spacer(1, 8), table]
        else:
            for clause in range(SENTENCES_PER_PAGE // 2):
                text = f"{page + 1}.{clause + 1} {next(sentences)} {next(sentences)}"
                story.append(Paragraph(text, styles["BodyText"]))
        story.append(PageBreak())
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path
