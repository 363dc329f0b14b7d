"""Report stage, words for leaks shared by the renderers, the gate and the batch rows: a heading per kind of
hidden place, and where the leaks are (pages, or the file outside its pages)."""

from __future__ import annotations

from collections.abc import Sequence

from tenderlens.model import Leak, LeakKind, RedactionReport

LEAK_KINDS: dict[LeakKind, str] = {
    "under_box": "Under a redaction box",
    "redact_annotation": "Under a Redact annotation that was never applied",
    "ocr_layer_under_box": "In the OCR text layer under a box painted on a scan",
    "image_over_text": "Under a dark picture placed over the text",
    "invisible_text": "In white or invisible text",
    "earlier_revision": "In an earlier revision kept by an incremental save",
    "metadata": "In the document properties",
    "outline": "In the bookmarks",
    "annotation": "In comments and notes",
    "form_field": "In form field values",
    "embedded_file": "In attached files",
    "actual_text": "In the tags' replacement and alternate text",
}
"""Section headings, in the order the sections appear."""


def leak_places(redaction: RedactionReport) -> str:
    """Where the leaks are, for one line of text: "page 2, 5", "page 2; 1 outside the pages"."""
    parts = []
    if redaction.leak_pages:
        parts.append("page " + ", ".join(str(p) for p in redaction.leak_pages))
    outside = sum(1 for leak in redaction.leaky if leak.page is None)
    if outside:
        parts.append(f"{outside} outside the pages")
    return "; ".join(parts)


def leaks_by_kind(leaks: Sequence[Leak]) -> list[tuple[str, list[Leak]]]:
    """``(heading, leaks)`` for each kind that has leaks, in :data:`LEAK_KINDS` order."""
    return [
        (heading, [x for x in leaks if x.kind == kind])
        for kind, heading in LEAK_KINDS.items()
        if any(x.kind == kind for x in leaks)
    ]
