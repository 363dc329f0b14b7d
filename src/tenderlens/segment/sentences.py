"""Segment, sentences: where a paragraph's sentences begin and end, and whether a line ends one.

The breaks are those of spaCy's rule-based sentencizer (run in plain Python by ``tenderlens.tokens``), with
its breaks after the abbreviations of contract text undone ("s.43", "cl. 4", "e.g.", "No. 5").
"""

from __future__ import annotations

import re
from itertools import pairwise

from tenderlens.tokens import tokenizer

# Abbreviations after which a full stop never ends a sentence in contract text ("s.43" is one token already).
_ALWAYS_ABBREV = re.compile(
    r"(?:^|[\s(])(?:No|Nos|no|nos|para|paras|Para|Paras|e\.g|i\.e|s|ss|cl|cll|Cl|sch|Sch|art|Art|arts|reg|Reg|"
    r"regs|viz|cf|approx|incl|Mr|Mrs|Ms|Dr|Prof|St|p|pp|vol|Fig|fig|v|vs|Ch|ch|sub-para|subpara|Ref|ref)\.$"
)
# Abbreviations that also end sentences: they join the next piece only when it starts in lower case.
_MAYBE_ABBREV = re.compile(r"(?:^|\s)(?:etc|Ltd|Inc|Co|plc|PLC|LLP|Corp|Bros|al)\.$")
_ENUMERATOR_ONLY = re.compile(r"^\(?(?:\d+(?:\.\d+)*|[a-z]{1,4}|[A-Z])[.)]?$")
_OPENERS = "([{“‘\"'"
_SENTENCE_END = re.compile(r"[.:;!?…]['\"”’)]*$|(?:\band|\bor|,)$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence character ranges of a paragraph: the sentencizer's breaks, with its breaks after
    abbreviations undone. Ranges holding no letter or digit are left out."""
    split = tokenizer()
    cuts = split.sentence_starts(split(text))
    kept: list[int] = []
    last = 0
    for cut in cuts:
        # The sentencizer keeps an opening bracket after a full stop with the sentence it closes.
        while cut > last and text[cut - 1] in _OPENERS + " ":
            cut -= 1
        before, after = text[last:cut].strip(), text[cut:].lstrip()
        if not before or _joins(before, after):
            continue
        kept.append(cut)
        last = cut
    bounds = [0, *kept, len(text)]
    return [(a, b) for a, b in pairwise(bounds) if any(c.isalnum() for c in text[a:b])]


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a list item: "...; and", "...,")."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _joins(before: str, after: str) -> bool:
    if _ALWAYS_ABBREV.search(before) or _ENUMERATOR_ONLY.match(before):
        return True
    starts_low = bool(after) and (after[0].islower() or after[0].isdigit())
    return starts_low or (bool(_MAYBE_ABBREV.search(before)) and bool(after) and after[0].islower())
