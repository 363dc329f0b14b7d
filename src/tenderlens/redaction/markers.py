"""Redaction stage: redactions written as text ("[REDACTED]", "█████", "XXXX") and marks that ingestion saw
(DOCX black highlight), plus the test for a label printed on a redaction box."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tenderlens.ingest.marks import BLOCK_RUN, match_bbox
from tenderlens.model import BBox, Page
from tenderlens.redaction.grounds import CONNECTIVES, strip_citations

MARKER_RE = re.compile(
    r"\[\s*(?:REDACTED|Redacted|redacted|WITHHELD|Withheld|REMOVED|Removed)[^\]\n]{0,40}\]"
    r"|\bREDACTED\b"
    r"|\bWITHHELD\b"
    rf"|{BLOCK_RUN.pattern}"
    r"|\b[Xx]{4,}\b"
    r"|\*{5,}"
)
"""A run of text standing in for withheld content. Lower-case "redacted" in running prose ("the redacted
version will be published") is a word about redaction, not a redaction, so only the bracketed, upper-case and
block-character forms count. Block-character runs are ingestion's ``BLOCK_RUN``: the marks it recorded."""

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
            found.append(TextMarker(page.number, match.group(0), match_bbox(line, match), len(match.group(0))))
    return found
