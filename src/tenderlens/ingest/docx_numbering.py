"""Ingest, DOCX list numbering: renders the automatic numbers Word shows ("1.1", "(a)", "iv.") but does not
store in a paragraph's text, so clause numbers survive into quotes and segmentation.

Word's model (ECMA-376 §17.9): a paragraph points (directly or through its style) at a ``numId`` and level;
the ``numId`` points at an ``abstractNum`` whose levels give start value, format and label template
(``"%1.%2"``). Counters run per abstract list, deeper levels restart when a shallower one advances, and a
``startOverride`` on a ``num`` restarts its list. That covers the contract templates we have seen; exotic
features (``lvlRestart``, legal numbering across lists) fall back to the same simple counting.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

_VAL = qn("w:val")
_MAX_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


class Numbering:
    """Stateful renderer: call :meth:`label` for every paragraph in document order."""

    def __init__(
        self,
        levels: dict[str, dict[int, _Level]],
        nums: dict[str, tuple[str, dict[int, int]]],
        styles: dict[str, tuple[str | None, int | None, str | None]],
    ) -> None:
        self._levels = levels  # abstractNumId -> level -> _Level
        self._nums = nums  # numId -> (abstractNumId, {level: startOverride})
        self._styles = styles  # styleId -> (numId, ilvl, basedOn)
        self._counters: dict[str, list[int | None]] = {}

    @classmethod
    def from_document(cls, document: DocxDocument) -> Numbering:
        """Read ``numbering.xml`` and the paragraph styles' numbering; empty when the file has none."""
        levels: dict[str, dict[int, _Level]] = {}
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            for abstract in root.iterchildren(qn("w:abstractNum")):
                levels[abstract.get(qn("w:abstractNumId"))] = {
                    int(lvl.get(qn("w:ilvl"), "0")): _Level(
                        start=int(_child_val(lvl, "w:start") or "1"),
                        fmt=_child_val(lvl, "w:numFmt") or "decimal",
                        text=_child_val(lvl, "w:lvlText") or "",
                    )
                    for lvl in abstract.iterchildren(qn("w:lvl"))
                }
            for num in root.iterchildren(qn("w:num")):
                overrides = {
                    int(o.get(qn("w:ilvl"), "0")): int(_child_val(o, "w:startOverride") or "1")
                    for o in num.iterchildren(qn("w:lvlOverride"))
                    if _child_val(o, "w:startOverride") is not None
                }
                nums[num.get(qn("w:numId"))] = (_child_val(num, "w:abstractNumId") or "", overrides)
        styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        for style in document.styles.element.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            ilvl = _child_val(num_pr, "w:ilvl") if num_pr is not None else None
            styles[style.get(qn("w:styleId"))] = (
                _child_val(num_pr, "w:numId") if num_pr is not None else None,
                int(ilvl) if ilvl is not None else None,
                _child_val(style, "w:basedOn"),
            )
        return cls(levels, nums, styles)

    def label(self, paragraph: object) -> str:
        """The number Word shows before ``paragraph`` ("" when it is not numbered); advances the counters."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        if levels[ilvl].fmt == "bullet":
            return "•"
        # A num with a start override is its own list instance ("restart numbering" in Word); others share
        # the counters of their abstract list, so a list interrupted by other paragraphs continues.
        counters = self._counters.setdefault(num_id if overrides else abstract_id, [None] * _MAX_LEVELS)

        def start(level: int) -> int:
            return overrides.get(level, levels[level].start if level in levels else 1)

        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            counters[deeper] = None
        text = levels[ilvl].text
        for level in range(ilvl, -1, -1):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                value = counters[level]
                fmt = levels[level].fmt if level in levels else "decimal"
                text = text.replace(placeholder, format_number(start(level) if value is None else value, fmt))
        return text.strip()

    def _num_pr(self, paragraph: object) -> tuple[str | None, int]:
        ppr = paragraph.find(qn("w:pPr"))  # type: ignore[attr-defined]
        num_id: str | None = None
        ilvl: int | None = None
        style_id: str | None = None
        if ppr is not None:
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = _child_val(num_pr, "w:numId")
                level = _child_val(num_pr, "w:ilvl")
                ilvl = int(level) if level is not None else None
            style_id = _child_val(ppr, "w:pStyle")
        seen: set[str] = set()
        while style_id and style_id not in seen and (num_id is None or ilvl is None):
            seen.add(style_id)
            style_num, style_lvl, based_on = self._styles.get(style_id, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
            style_id = based_on
        return num_id, min(ilvl or 0, _MAX_LEVELS - 1)


def format_number(value: int, fmt: str) -> str:
    """``value`` in a Word number format (``decimal``, ``lowerLetter``, ``upperRoman``...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: 27 -> "aa", 28 -> "bb".
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


def to_roman(value: int) -> str:
    """Lower-case Roman numerals for 1..3999 (other values as decimal)."""
    if not 0 < value < 4000:
        return str(value)
    out = []
    for number, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def _child_val(element: object, tag: str) -> str | None:
    child = element.find(qn(tag))  # type: ignore[attr-defined]
    return child.get(_VAL) if child is not None else None
