"""Ingest, redaction marks: runs of block characters ("█████") typed into the text as a redaction.

Some authorities "redact" by overtyping with U+2588 FULL BLOCK; the characters are in the text itself, so
ingestion records them as ``RedactionMark(kind="marker")`` for every format, with a box when words have one.
``BLOCK_RUN`` and ``match_bbox`` are the one detector: the redaction stage's text markers use them too, so a
marker it counts is a mark ingestion recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tenderlens.geometry import union
from tenderlens.model import BBox, Line, RedactionMark

BLOCK_RUN = re.compile("[█■▇▆▓]{2,}")
"""Two or more block characters in a row."""


def block_marks(lines: Iterable[Line]) -> Iterator[RedactionMark]:
    """One ``marker`` mark per run of block characters in ``lines``."""
    for line in lines:
        for match in BLOCK_RUN.finditer(line.text):
            yield RedactionMark(kind="marker", text=match.group(0), bbox=match_bbox(line, match))


def match_bbox(line: Line, match: re.Match[str]) -> BBox | None:
    """The box of the words of ``line`` that a match in its text overlaps; without words, the line's box when
    the match is the whole line, else ``None``."""
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
