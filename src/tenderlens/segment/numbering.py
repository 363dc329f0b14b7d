"""Segment, clause numbering: recognise a clause number at the start of a line and track which clause is in
force ("2.3(a)(iv)", "Schedule 3") as segmentation walks the document.

Contract numbering mixes dotted decimals ("2.3.4"), keywords ("Clause 7", "Section 5", "Paragraph 2.1"),
schedules ("Call-Off Schedule 1 (Transparency Reports)", "Annex A") and list items ("(a)", "(iv)", "a.",
"(A)", "(1)"). "(i)" is a letter after "(h)" and a Roman numeral otherwise, as lawyers use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

StartKind = Literal["schedule", "number", "sub"]

_SEPARATOR = r"(?:\s*[.:–—-]\s+|\s*[.:]$|\s+|$)"
_SCHEDULE = re.compile(
    r"^\s*((?:[A-Z][\w-]*\s+){0,2}?(?:Schedule|SCHEDULE|Annex|ANNEX|Annexe|ANNEXE|Appendix|APPENDIX|Part|PART|"
    r"Attachment|ATTACHMENT|Exhibit|EXHIBIT)\s+(?:\d{1,3}[A-Z]?|[A-Z]{1,2}|[IVX]{1,6}))\b" + _SEPARATOR + "(.*)$"
)
_KEYWORD = re.compile(
    r"^\s*(Clause|CLAUSE|Section|SECTION|Paragraph|PARAGRAPH|Para\.|Article|ARTICLE|Condition|CONDITION)\s+"
    r"(\d{1,3}(?:\.\d{1,3}){0,5}[A-Z]?)\b" + _SEPARATOR + "(.*)$"
)
_DOTTED = re.compile(r"^\s*(\d{1,3}[A-Z]?(?:\.\d{1,3}[A-Z]?){1,5})\.?(?:\s+|$)(.*)$")
_TOP = re.compile(r"^\s*(\d{1,3})(?:[.)]\s*|\s+)(.*)$")
_PAREN = re.compile(r"^\s*\(([a-z]{1,4}|[A-Z]{1,4}|\d{1,2})\)(?:\s+|$)(.*)$")
_LETTER = re.compile(r"^\s*([a-z]|[ivx]{2,5})[.)](?:\s+|$)(.*)$")
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass(frozen=True)
class ClauseStart:
    """A clause number found at the start of a line; ``rest`` is the line's text after it."""

    kind: StartKind
    label: str
    rest: str


def match_clause_start(text: str) -> ClauseStart | None:
    """The clause number that opens ``text``, or ``None``.

    Keyword forms ("Clause 7 ...", "Schedule 3 ...") count only when set apart from what follows, so that a
    sentence such as "Clause 7 applies to all data." is not taken for the start of clause 7."""
    if m := _SCHEDULE.match(text):
        if _heading_like(m.group(0), m.group(2)):
            return ClauseStart("schedule", " ".join(m.group(1).split()), m.group(2))
        return None
    if m := _KEYWORD.match(text):
        if _heading_like(m.group(0), m.group(3)):
            return ClauseStart("number", m.group(2), m.group(3))
        return None
    if m := _DOTTED.match(text):
        return ClauseStart("number", m.group(1), m.group(2))
    if (m := _TOP.match(text)) and (not m.group(2) or m.group(2)[0].isupper()) and int(m.group(1)) > 0:
        return ClauseStart("number", m.group(1), m.group(2))
    if m := _PAREN.match(text):
        return ClauseStart("sub", f"({m.group(1)})", m.group(2))
    if m := _LETTER.match(text):
        return ClauseStart("sub", f"({m.group(1)})", m.group(2))
    return None


def _heading_like(whole: str, rest: str) -> bool:
    """A keyword line is a clause start when the keyword is set apart (capitals, punctuation, nothing after)
    or what follows starts a title or a sentence of its own ("Clause 7 Data Protection", "Paragraph 2.1 The
    Authority may..."), not a continuation ("Clause 7 applies to all data.")."""
    head = whole[: len(whole) - len(rest)].strip()
    body = rest.strip()
    return not body or head.isupper() or head[-1] in ".:–—-" or body[0].isupper() or body[0] == "("


@dataclass(frozen=True)
class ClauseState:
    """The numbering in force: schedule, dotted clause number and nested list items as (kind, label)."""

    schedule: str | None = None
    number: str | None = None
    subs: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> str | None:
        """The innermost clause reference, e.g. "2.3(a)(iv)", "Schedule 3", "(b)"."""
        items = "".join(label for _, label in self.subs)
        if self.number:
            return self.number + items
        if self.schedule:
            return f"{self.schedule} {items}".strip()
        return items or None

    def enter(self, start: ClauseStart) -> ClauseState:
        """The state after a line that starts with ``start``."""
        if start.kind == "schedule":
            return ClauseState(schedule=start.label)
        if start.kind == "number":
            return replace(self, number=start.label, subs=())
        kind = self._sub_kind(start.label.strip("()"))
        kinds = [k for k, _ in self.subs]
        kept = self.subs[: kinds.index(kind)] if kind in kinds else self.subs
        return replace(self, subs=(*kept, (kind, start.label)))

    def after_heading(self) -> ClauseState:
        """An unnumbered heading closes any open list items."""
        return replace(self, subs=())

    def _sub_kind(self, label: str) -> str:
        if label.isdigit():
            return "digit"
        upper = label.isupper()
        low = label.lower()
        letters = dict(self.subs)
        alpha_key, roman_key = ("ALPHA", "ROMAN") if upper else ("alpha", "roman")
        previous_letter = letters.get(alpha_key, "").strip("()").lower()
        if len(low) == 1 and previous_letter and ord(low) == ord(previous_letter[-1]) + 1:
            return alpha_key
        if _ROMAN.match(low) and (len(low) > 1 or low in "ivx" or roman_key in letters):
            return roman_key
        return alpha_key
