"""Redaction stage, hidden text: every place in a PDF where text that the pages no longer show survives.

Reads the PDF's bytes (earlier revisions, and the hidden places through pikepdf), the pages' visible words,
and the boxes and leaks the page steps found. Adds leaks of the kinds ``earlier_revision``, ``metadata``,
``outline``, ``annotation``, ``form_field``, ``embedded_file``, ``actual_text`` and ``invisible_text``.

False alarms are the risk here: every real PDF has metadata, many have bookmarks and incremental saves. So a
hidden place is a leak only when the document withholds something (a box, a marker or text removed in a later
revision) and the place holds words that the visible pages do not show; a form field that displays its value
counts only when a box covers it, and a tag's replacement text only on a page with a box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tenderlens.geometry import intersection
from tenderlens.model import BBox, Document, Leak, RedactionBox
from tenderlens.redaction.hidden.objects import Place, read_places
from tenderlens.redaction.hidden.revisions import removed_text
from tenderlens.redaction.hidden.visible import Vocabulary, quote
from tenderlens.redaction.leaks import make_leak
from tenderlens.redaction.transform import DisplayTransform

__all__ = ["HiddenText", "find_hidden_text"]


@dataclass(frozen=True)
class HiddenText:
    leaks: tuple[Leak, ...] = ()
    warnings: tuple[str, ...] = ()


def find_hidden_text(
    document: Document,
    boxes: Sequence[RedactionBox],
    page_leaks: Sequence[Leak],
    invisible: Sequence[Leak],
    displays: dict[int, DisplayTransform],
) -> HiddenText:
    """The hidden-text leaks of the PDF at ``document.path``.

    Args:
        document: the ingested PDF; its pages' lines are the visible text.
        boxes: every redaction box and marker found on the pages.
        page_leaks: the leaks under boxes (their text is not visible, though the text layer has it).
        invisible: white or invisible text runs found on the pages, reported only if something is withheld.
        displays: each page's user-space -> display transform, to place comments and fields against boxes.

    Returns nothing but warnings when the file cannot be read again: the page steps have read it already.
    """
    try:
        data = Path(document.path).read_bytes()
    except OSError as err:
        return HiddenText(warnings=(f"Hidden text not checked: {document.path}: {err.strerror}",))
    revision_leaks, warnings = removed_text(data)
    withholds = bool(boxes) or bool(revision_leaks)
    if not withholds:
        return HiddenText(warnings=tuple(warnings))
    places, place_warnings = read_places(data)
    page_texts = (line.text for page in document.pages for line in page.lines)
    vocabulary = Vocabulary(page_texts, [leak.text for leak in [*page_leaks, *invisible]])
    boxed: dict[int, list[BBox]] = {}
    for box in boxes:
        if box.bbox is not None:
            boxed.setdefault(box.page, []).append(box.bbox)
    found = [*revision_leaks, *invisible]
    for place in places:
        judged = _judge(place, vocabulary, boxed, displays)
        # The same text kept twice in one kind of place (DocInfo Subject and its XMP copy) is one leak.
        if judged is not None and not any(
            (x.kind, x.page, x.text) == (judged.kind, judged.page, judged.text) for x in found
        ):
            found.append(judged)
    return HiddenText(tuple(found), tuple(warnings + place_warnings))


def _judge(
    place: Place, vocabulary: Vocabulary, boxed: dict[int, list[BBox]], displays: dict[int, DisplayTransform]
) -> Leak | None:
    """The leak in ``place``, or ``None`` when it shows nothing the pages have stopped showing."""
    bbox = None
    if place.page is not None and place.rect is not None and place.page in displays:
        bbox = displays[place.page].bbox(place.rect)
    covered = bbox is not None and any(intersection(bbox, b) is not None for b in boxed.get(place.page or 0, []))
    if place.shown and not covered:
        return None  # a form field showing its value on the page: what it says is visible
    if place.kind == "actual_text" and place.page is not None and place.page not in boxed:
        return None  # replacement text of a tag on a page with no redaction describes what is shown
    unseen = vocabulary.unseen(place.text)
    if not unseen:
        return None
    return make_leak(place.kind, place.page, quote(place.text, unseen), bbox, place.where)
