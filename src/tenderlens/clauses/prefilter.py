"""Clauses stage, rules: a quick RE2 test in front of each checklist regular expression, so that Python's engine runs
only on the few sentences that may match.

The checklist's patterns are Python regular expressions (lookarounds, word boundaries), searched in every sentence
of a document: the largest cost of a long tender's rules. RE2 runs an alternation of many patterns as one automaton,
about six times faster here, but has no lookarounds. So each pattern is rewritten as a *looser* RE2 pattern, one that
matches wherever the original could (lookarounds, anchors and word boundaries dropped, bounded repeats unbounded,
``\\w``, ``\\d`` and ``\\s`` widened to Python's Unicode classes), and the original is searched only where the looser
one matched: the same matches as Python alone, found sooner. A pattern RE2 cannot read (a back-reference) is searched
by Python alone.
"""

from __future__ import annotations

import re

import re2

_OUTSIDE = {"w": r"[\pL\pN\pM_]", "d": r"\pN", "s": r"[\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\pZ]"}
"""Python's Unicode classes as RE2 classes at least as wide (RE2's own are ASCII)."""
_INSIDE = {"w": r"\pL\pN\pM_", "d": r"\pN", "s": r"\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\pZ"}
_ASSERTIONS = frozenset("bBAZ")
_LOOKAROUND = re.compile(r"\(\?(?:<?[=!])")
_REPEAT = re.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")


class Prefiltered:
    """A compiled Python pattern behind its looser RE2 test; :meth:`search` answers as ``pattern.search`` does."""

    __slots__ = ("_quick", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._quick = _looser(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if self._quick is not None and self._quick.Match(text) is None:
            return None
        return self.pattern.search(text)


def _looser(pattern: re.Pattern[str]) -> re2.Set | None:
    """An RE2 test that matches wherever ``pattern`` can; ``None`` when RE2 cannot read it or it would pass
    everything (nothing to gain)."""
    if pattern.flags & re.VERBOSE:
        return None
    options = re2.Options()
    options.case_sensitive = not pattern.flags & re.IGNORECASE
    options.never_capture = True
    options.log_errors = False
    quick = re2.Set.SearchSet(options)
    try:
        quick.Add(("(?s)" if pattern.flags & re.DOTALL else "") + loosen(pattern.pattern))
        quick.Compile()
    except re2.error:
        return None
    return None if quick.Match("") is not None else quick


def loosen(pattern: str) -> str:
    """``pattern`` (Python syntax) rewritten for RE2 so that it matches a superset of what it matched."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        lookaround = _LOOKAROUND.match(pattern, i)
        repeat = _REPEAT.match(pattern, i)
        if lookaround:
            i = _group_end(pattern, lookaround.end())
        elif repeat:
            out.append("*")
            i = repeat.end()
        elif char == "\\":
            escaped = pattern[i + 1 : i + 2]
            out.append("" if escaped in _ASSERTIONS else _OUTSIDE.get(escaped, pattern[i : i + 2]))
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            out.append(_class(pattern[i:end]))
            i = end
        else:
            out.append("" if char in "^$" else char)
            i += 1
    return "".join(out)


def _group_end(pattern: str, i: int) -> int:
    """The index just after the ``)`` that closes a group whose body starts at ``i``."""
    depth = 1
    while depth:
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1
    return i


def _class_end(pattern: str, i: int) -> int:
    """The index just after the ``]`` that closes the character class opening at ``i``."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _class(text: str) -> str:
    """A character class for RE2 that takes at least what Python's took. In a plain class Python's Unicode ``\\w``,
    ``\\d`` and ``\\s`` are widened; a negated one already takes more with RE2's ASCII classes, unless it negates
    ``\\W``, ``\\D`` or ``\\S``, which is read as any character."""
    if not text.startswith("[^"):
        return re.sub(r"\\(.)", lambda m: _INSIDE.get(m.group(1), m.group(0)), text)
    return "(?s:.)" if re.search(r"\\[WDS]", text) else text
