"""Ingest, redaction marks: runs of block characters ("█████") typed into the text as a redaction.

Some authorities "redact" by overtyping with U+2588 FULL BLOCK; the characters are in the text itself, so
ingestion records them as ``RedactionMark(kind="marker")`` for every format, with a box when words have one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tenderlens.geometry import union
from tenderlens.model import Line, RedactionMark, Word

BLOCK_CHARS = "█▇▆■▓"
MARKER = re.compile(f"[{BLOCK_CHARS}]+(?:[ \t]+[{BLOCK_CHARS}]+)*")


def block_marks(lines: Iterable[Line]) -> Iterator[RedactionMark]:
    """One ``marker`` mark per run of block characters in ``lines`` (consecutive marked words make one)."""
    for line in lines:
        if not any(c in line.text for c in BLOCK_CHARS) or not MARKER.search(line.text):
            continue
        if not line.words:
            yield from (RedactionMark(kind="marker", text=m.group()) for m in MARKER.finditer(line.text))
            continue
        run: list[Word] = []
        for word in (*line.words, None):
            if word is not None and MARKER.search(word.text):
                run.append(word)
            elif run:
                boxes = [w.bbox for w in run if w.bbox is not None]
                text = " ".join(m.group() for w in run for m in MARKER.finditer(w.text))
                yield RedactionMark(kind="marker", text=text, bbox=union(boxes) if boxes else None)
                run = []
