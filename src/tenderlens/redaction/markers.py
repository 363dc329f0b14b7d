"""Redaction stage: redactions written as text ("[REDACTED]", "█████", "XXXX") and marks that ingestion saw
(DOCX black highlight), plus the test for a label printed on a redaction box."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tenderlens.geometry import union
from tenderlens.model import BBox, Line, Page
from tenderlens.redaction.grounds import CONNECTIVES, strip_citations

MARKER_RE = re.compile(
    r"\[\s*(?:REDACTED|Redacted|redacted|WITHHELD|Withheld|REMOVED|Removed)[^\]\n]{0,40}\]"
    r"|\bREDACTED\b"
    r"|\bWITHHELD\b"
    r"|[█■▇▆▓]{2,}"
    r"|\b[Xx]{4,}\b"
    r"|\*{5,}"
)
"""A run of text standing in for withheld content. Lower-case "redacted" in running prose ("the redacted
version will be published") is a word about redaction, not a redaction, so only the bracketed, upper-case and
block-character forms count."""

_LABEL_WORDS = re.compile(
    r"\b(?:redacted|redaction|withheld|exempt(?:ion)?|confidential|privileged?|removed|"
    r"commercially\s+sensitive|personal\s+(?:data|information)|foia?|foisa|eir)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TextMarker:
    page: int
    text: str
    bbox: BBox | None
    chars: int


def is_label(text: str) -> bool:
    """Whether text printed on top of a box is the box's own label ("REDACTED", "s.43", "Section 40 FOIA",
    "[Commercially sensitive]") rather than content that the box is a background for."""
    return not [w for w in re.findall(r"[a-z0-9]+", strip_labels(text).lower()) if w not in CONNECTIVES]


def strip_labels(text: str) -> str:
    """``text`` without markers, redaction-tool labels and exemption citations."""
    return _LABEL_WORDS.sub(" ", strip_citations(MARKER_RE.sub(" ", text)))


def find_markers(page: Page) -> list[TextMarker]:
    """Every text marker on ``page``, with the bounding box of the words it spans when ingestion gave word
    boxes (PDF), else ``None`` (DOCX, text)."""
    found: list[TextMarker] = []
    for line in page.lines:
        for match in MARKER_RE.finditer(line.text):
            found.append(TextMarker(page.number, match.group(0), _span_bbox(line, match), len(match.group(0))))
    return found


def _span_bbox(line: Line, match: re.Match[str]) -> BBox | None:
    if not line.words:
        return line.bbox if match.group(0).strip() == line.text.strip() else None
    # Walk the words through the line text to find which ones the match overlaps.
    boxes: list[BBox] = []
    cursor = 0
    for word in line.words:
        start = line.text.find(word.text, cursor)
        if start < 0:
            continue
        end = start + len(word.text)
        cursor = end
        if word.bbox is not None and start < match.end() and end > match.start():
            boxes.append(word.bbox)
    return union(boxes) if boxes else None
