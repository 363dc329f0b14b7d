"""Redaction stage: failed redactions. Text still in the file under a box, recovered so the officer can fix
the document before it is published."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tenderlens.model import BBox, Leak
from tenderlens.redaction.chars import PageChars
from tenderlens.redaction.markers import strip_labels


def recovered_text(chars: PageChars, indices: Iterable[int]) -> str:
    """The characters at ``indices`` in reading order, whitespace collapsed."""
    return " ".join("".join(chars.text[i] for i in sorted(indices)).split())


def is_meaningful(text: str) -> bool:
    """Whether text found under a box would tell a reader something the box was meant to hide.

    Not a leak: whitespace or punctuation only (a box over the gap between words, x-ray's
    whitespace_redactions*.pdf); one stray letter or digit (a box edge clipping a neighbouring glyph); one
    character repeated ("XXXXXXX", the placeholder a redaction tool leaves under its bar); the tool's own
    label ("REDACTED", "Privileged", "s.43"); and undecodable glyphs (U+FFFD from a font without a ToUnicode
    map, which is gibberish rather than content).
    """
    if "\ufffd" in text:
        return False
    rest = strip_labels(text)
    alnum = [ch for ch in rest if ch.isalnum()]
    if len(alnum) <= 1:
        return False
    return len({ch.lower() for ch in alnum}) > 1


def looks_like_prose(text: str) -> bool:
    """Whether text has at least two real-looking words (three or more letters with a vowel).

    Used for boxes found in a scanned page image: an OCR layer made *after* redaction puts noise inside a
    blank box ("fmkAMam%", "N A"), while one made *before* redaction carries the lines the box now hides."""
    words = [w for w in re.findall(r"[A-Za-z]{3,}", text) if re.search(r"[aeiouyAEIOUY]", w)]
    return len(words) >= 2


def leak(page: int, bbox: BBox, chars: PageChars, indices: Iterable[int], ocr: bool = False) -> Leak | None:
    """The leak under one box, or ``None`` when the text there is not meaningful (``ocr``: the box was
    found in a page image, so its text must also look like prose)."""
    text = recovered_text(chars, indices)
    if not is_meaningful(text) or (ocr and not looks_like_prose(text)):
        return None
    return Leak(page=page, bbox=bbox, text=text)
