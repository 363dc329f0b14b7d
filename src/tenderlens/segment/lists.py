"""Segment stage, lists: the lead-in each list item completes ("The Supplier shall not:" before "(a) use Authority
Data to train other models;").

A list item read alone loses its modality and its negation: "use Authority Data to train other models" is the
opposite of what "The Supplier shall not: (a) use Authority Data to train other models" says. The clauses stage
therefore reads an item with its lead-in (``Span.reading``), while evidence still quotes the item itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LEAD_IN_WORDS = 30
"""A lead-in is kept to its last words: the modal phrase sits just before the colon ("… the Supplier shall not:")."""
OPENS_LIST = re.compile(r"[:\u2013\u2014-]\s*$")
"""A sentence that ends like this opens a list."""
_LIST_PUNCTUATION = re.compile(r"([;,]|[;,]?\s+(and|or|and/or))\s*$", re.IGNORECASE)


def lead_ins(texts: Sequence[str], refs: Sequence[str | None]) -> list[str | None]:
    """For each sentence (in document order, with its clause number), the lead-in it completes, or ``None``.

    A sentence ending in a colon opens a list. A sentence numbered below an open lead-in's clause ("4.1(c)" under
    "4.1") completes the innermost such lead-in, which closes the nested lists after it. An unnumbered sentence, or
    one with the lead-in's own number, completes the innermost lead-in when it is the first after the colon, follows
    an item ending in list punctuation (";", ", and", "; or") or starts in lower case. Anything else (a clause with
    a number of its own) closes every list. A nested lead-in ("(b) transfer it
    outside the UK, either:") is read with its parent's."""
    out: list[str | None] = []
    stack: list[tuple[str, str | None]] = []
    for i, (text, ref) in enumerate(zip(texts, refs, strict=True)):
        mine: str | None = None
        if stack and ref and any(lead_ref and _below(ref, lead_ref) for _, lead_ref in stack):
            while not (stack[-1][1] and _below(ref, stack[-1][1])):
                stack.pop()
            mine = stack[-1][0]
        elif stack and ref in (None, stack[-1][1]) and _continues(text, texts[i - 1]):
            mine = stack[-1][0]
        else:
            stack = []
        out.append(mine)
        if OPENS_LIST.search(text):
            stack.append((_tail(f"{mine} {text}" if mine else text), ref))
    return out


def _continues(text: str, previous: str) -> bool:
    return bool(OPENS_LIST.search(previous) or _LIST_PUNCTUATION.search(previous) or text[:1].islower())


def _below(ref: str, lead_ref: str) -> bool:
    """ "4.1(b)" and "4.1.2" are numbered below "4.1"; "4.10" is not."""
    rest = ref[len(lead_ref) :] if ref.startswith(lead_ref) else ""
    return bool(rest) and not rest[0].isdigit()


def _tail(text: str) -> str:
    words = text.split()
    return " ".join(words[-LEAD_IN_WORDS:])
