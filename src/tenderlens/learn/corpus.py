"""Training and evaluation input: load the annotated corpus documents (``corpora/documents/<split>/*.json``).

A corpus document becomes (a) labelled sentences for the sentence classifiers and (b) a real
:class:`~tenderlens.model.Document` (one text page per 50 blocks) that goes through the same segment and clauses
stages as an uploaded file, for document-level evaluation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tenderlens.clauses.checklist import load_checklist
from tenderlens.exceptions import FileAccessError, InputFileError
from tenderlens.model import Document, Line, Page, with_lead_in
from tenderlens.segment.lists import lead_ins

CATEGORIES = load_checklist().category_ids
"""The safeguards the corpus is labelled for: the bundled checklist's categories."""
_BLOCKS_PER_PAGE = 50
TRAINING_CORPORA = (Path("corpora/documents"), Path("corpora/real/documents"))
"""What ``tenderlens train`` reads by default: the synthetic corpus and the labelled real-text corpus."""


@dataclass(frozen=True)
class LabelledSentence:
    doc_id: str
    text: str
    labels: dict[str, str]
    """category -> sentence status, empty for unlabelled text."""
    heading: str | None = None
    """The heading in force (the judge reads it with the sentence)."""
    lead_in: str | None = None
    """The list lead-in the sentence completes (``segment/lists.py``)."""

    @property
    def reading(self) -> str:
        """What the clause models read, as ``Span.reading``."""
        return with_lead_in(self.text, self.lead_in)


@dataclass(frozen=True)
class CorpusDocument:
    id: str
    split: str
    title: str
    scope: dict[str, bool]
    labels: dict[str, str]
    social_value_percent: float | None
    blocks: tuple[dict, ...]
    path: Path

    def sentences(self) -> list[LabelledSentence]:
        """The clause blocks in document order, each with its labels, the heading in force and the list lead-in it
        completes (found as the segment stage finds it; a heading or table row ends a list), and the table rows an
        annotator labelled (a requirements-matrix row is a statement too; other rows are figures, not sentences)."""
        heading: str | None = None
        out: list[LabelledSentence] = []
        run: list[dict] = []
        for block in (*self.blocks, {"kind": "end"}):
            if block["kind"] == "clause":
                run.append(block)
                continue
            texts = [str(b["text"]) for b in run]
            for b, text, lead in zip(run, texts, lead_ins(texts, [b.get("ref") for b in run]), strict=True):
                labels = {lab["category"]: lab["status"] for lab in b.get("labels", [])}
                out.append(LabelledSentence(self.id, text, labels, heading, lead))
            run = []
            if block["kind"] == "heading":
                heading = str(block["text"])
            elif block["kind"] == "table_row" and block.get("labels"):
                labels = {lab["category"]: lab["status"] for lab in block["labels"]}
                out.append(LabelledSentence(self.id, block_text(block), labels, heading, None))
        return out

    def to_document(self) -> Document:
        """The document as a reader would see it: numbered clause lines, headings and table rows."""
        pages: list[Page] = []
        for start in range(0, len(self.blocks), _BLOCKS_PER_PAGE):
            lines = []
            for block in self.blocks[start : start + _BLOCKS_PER_PAGE]:
                text = _block_line(block)
                cells = tuple(block["cells"]) if block["kind"] == "table_row" else None
                lines.append(Line(text=text, bbox=None, table_row=cells))
            pages.append(Page(number=len(pages) + 1, width=595.0, height=842.0, text_source="text", lines=tuple(lines)))
        return Document(
            path=str(self.path),
            sha256=hashlib.sha256(self.path.read_bytes()).hexdigest(),
            format="text",
            pages=tuple(pages),
            metadata={"title": self.title},
        )


def block_text(block: dict) -> str:
    """A corpus block's text: a clause's or heading's, or a table row's cells as one " | " line."""
    if block["kind"] == "table_row":
        return " | ".join(block["cells"])
    return str(block["text"])


def _block_line(block: dict) -> str:
    if block["kind"] == "clause" and block.get("ref"):
        return f"{block['ref']} {block['text']}"
    return block_text(block)


def load_document(path: Path) -> CorpusDocument:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FileAccessError(f"{path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path}: not valid JSON ({exc}).") from exc
    return CorpusDocument(
        id=raw["id"],
        split=raw["split"],
        title=raw.get("title", raw["id"]),
        scope=dict(raw.get("scope", {})),
        labels=dict(raw["labels"]),
        social_value_percent=raw.get("social_value_percent"),
        blocks=tuple(raw["blocks"]),
        path=path,
    )


def family(doc_id: str) -> str:
    """The source a corpus document belongs to, for grouping: the parts of one real document ("real-ccs-fm-rm3830-
    core-terms-part2") share one; every synthetic document is its own."""
    if not doc_id.startswith("real-"):
        return doc_id
    return "-".join(doc_id.split("-")[: 4 if doc_id.startswith("real-ccs") else 3])


def iter_documents(root: Path, splits: tuple[str, ...] = ("train", "dev", "test")) -> Iterator[CorpusDocument]:
    """Corpus documents under ``root`` (a corpus folder with split subfolders, or one split folder), sorted."""
    root = Path(root)
    folders = [root / s for s in splits if (root / s).is_dir()]
    if not folders and (root / "documents").is_dir():
        folders = [root / "documents" / s for s in splits if (root / "documents" / s).is_dir()]
    if not folders:
        folders = [root]
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            yield load_document(path)
