"""Redaction stage: failed redactions. Text still in the file under a box or in a hidden place, recovered so
the officer can fix the document before it is published; each kind says where it was found and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tenderlens.model import BBox, Leak, LeakKind
from tenderlens.redaction.chars import PageChars
from tenderlens.redaction.markers import strip_labels

PLACES: dict[LeakKind, tuple[str, str]] = {
    "under_box": (
        "the page text under a redaction box",
        "Remove the text itself (apply the redaction), not only cover it, and publish the file again.",
    ),
    "earlier_revision": (
        "an earlier revision kept by an incremental save",
        "Save a fresh copy without its history (Save As / 'sanitise', or qpdf in.pdf out.pdf), then check again.",
    ),
    "metadata": (
        "the document properties (DocInfo / XMP)",
        "Clear the title, subject and keywords in the document properties, or sanitise the file.",
    ),
    "outline": ("a bookmark", "Rename or delete the bookmark."),
    "annotation": ("a comment (annotation or pop-up note)", "Delete the comment, or flatten and sanitise the file."),
    "redact_annotation": (
        "the page text under an unapplied Redact annotation",
        "Apply the redactions (the marks only show where they will go), then save a fresh copy.",
    ),
    "form_field": ("a form field value", "Clear the field value, or flatten the form, then sanitise the file."),
    "embedded_file": ("an attached file", "Remove the attachment, or redact it as well."),
    "actual_text": (
        "the tagged-PDF structure (ActualText / Alt text)",
        "Edit or remove the replacement and alternate text in the tags, or sanitise the file.",
    ),
    "ocr_layer_under_box": (
        "the OCR text layer under a box painted into the page image",
        "Run OCR again after redacting, or remove the text layer, so the hidden lines are not in it.",
    ),
    "image_over_text": (
        "the page text under a dark picture",
        "Remove the text itself (apply the redaction), not only cover it with an image.",
    ),
    "invisible_text": (
        "white or invisible text on the page",
        "Delete the text; making it white or invisible leaves it in the file.",
    ),
}
"""Per kind: where the text was found, and how to fix it."""


def make_leak(kind: LeakKind, page: int | None, text: str, bbox: BBox | None = None, where: str = "") -> Leak:
    """A leak of ``kind`` with its place and fix; ``where`` adds detail to the place ("revision 1 of 2")."""
    place, fix = PLACES[kind]
    return Leak(page=page, bbox=bbox, text=text, kind=kind, found_in=f"{place}: {where}" if where else place, fix=fix)


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


def leak(page: int, bbox: BBox, chars: PageChars, indices: Iterable[int], kind: LeakKind = "under_box") -> Leak | None:
    """The leak under one box, or ``None`` when the text there is not meaningful (``ocr_layer_under_box``:
    the box was found in a page image, so its text must also look like prose)."""
    text = recovered_text(chars, indices)
    if not is_meaningful(text) or (kind == "ocr_layer_under_box" and not looks_like_prose(text)):
        return None
    return make_leak(kind, page, text, bbox)
