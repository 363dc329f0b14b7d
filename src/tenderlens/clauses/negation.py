"""Clauses stage, rules: is a matched term negated ("no user interface", "neither officers nor members of the public")?

A scope term says what is bought only when the sentence affirms it: "the Service has no user interface" and "no
element of the Services is used by members of the public" are evidence against a public-facing service, not for
it. This is NegEx's rule (Chapman et al., 2001) over the shared tokens: a negation cue within a few words before the
term, in the same clause, negates it; pseudo-negations ("not limited to", "whether or not") and prohibitions ("shall
not", "no applicant shall") do not. The same cues tell when wording that works against a safeguard is itself negated
or forbidden (``is_denied``: "the Supplier shall not claim that the logic is a trade secret").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

NEGATION_WINDOW = 8
"""Words looked back from the term for a cue (NegEx uses five; tender sentences put a verb phrase between)."""

_CUES = frozenset({"no", "not", "n't", "neither", "nor", "never", "without", "none", "cannot"})
_PSEUDO_AFTER = frozenset(
    {
        "limited",
        "only",
        "just",
        "merely",
        "least",
        "necessarily",
        "limitation",
        "prejudice",
        "later",
        "less",
        "more",
        "fewer",
        "sooner",
        "doubt",
    }
)
"""A cue followed by one of these is not a negation ("including but not limited to", "not only", "without
prejudice", "no later than", "not less than")."""
_PSEUDO_BEFORE = frozenset({"or", "whether"})
"""A cue preceded by one of these is not a negation ("whether or not")."""
_DEONTIC = frozenset({"shall", "must", "may", "should"})
"""A cue next to one of these, just before it or in the words after it, makes a prohibition. One that limits the thing
("shall not rely solely on automated processing", "no applicant shall be required to apply online") is about it and
does not deny it: when in doubt a scope should hold, since a safeguard wrongly ruled not applicable is a gap nobody
is shown."""
_RESTRICTING = frozenset(
    {"solely", "only", "exclusively", "wholly", "entirely", "purely", "required", "without", "unless", "except"}
    | {"until", "restrict", "restricted", "limit", "confine", "confined"}
)
"""Words that make a prohibition a limit on how a thing is used ("solely", "be required to", "without review",
"restrict members of the public to the online channel"), so the thing exists; a prohibition without one forbids the
thing outright."""
_PROHIBITION_ENDS = frozenset({".", ";", ":", ","})
_CONDITIONS = frozenset({"unless", "without", "except", "until", "only", "subject"})
"""Contrary wording that states a condition ("unless the Supplier has agreed", "only with the Supplier's consent")
reads a negation before it as part of the condition: "not … unless" means "only if"."""
_CLAUSE_BREAKS = frozenset({".", ";", ":", "but", "however", "although", "though", "whereas", "except", "unless"})


_SCOPE_OBJECT = (
    r"(the |this |our )?"
    r"(scope|contract|procurement|requirements?|services?|lot|tender|call-off|agreement|specification)"
)
_EXCLUDED_AFTER = re.compile(
    rf"^(\S+ ){{0,6}}?(is|are|will be|shall be)"
    rf" (not (part of|included in|within|covered by) {_SCOPE_OBJECT}"
    rf"|(excluded( from)?|outside|out of)( {_SCOPE_OBJECT}|$)|not required(?! to))"
    rf"|^(\S+ ){{0,6}}?(does|do|will|shall) not form part of {_SCOPE_OBJECT}"
)
"""A term the clause goes on to put outside what is bought: "Automatic number plate recognition and facial recognition
are not part of this contract", "a chatbot is not required", "ANPR is excluded from the Services"."""


def is_negated(words: Sequence[str], start: int, end: int | None = None) -> bool:
    """Whether the term at tokens ``start:end`` of ``words`` (whitespace tokens included) is negated: by a cue before
    it, or, when ``end`` is given, by the rest of its clause putting it outside the scope (``_EXCLUDED_AFTER``)."""
    cue = _cue_before(words, start)
    if cue is not None:
        return not _prohibition(words, cue)
    return end is not None and _excluded_after(words, end)


def _excluded_after(words: Sequence[str], end: int) -> bool:
    after = []
    for word in (w.lower() for w in words[end:] if not w.isspace()):
        if word in _CLAUSE_BREAKS or word == ",":
            break
        after.append(word)
    return _EXCLUDED_AFTER.match(" ".join(after)) is not None


def is_denied(words: Sequence[str], first: int, end: int, negating_pattern: bool) -> bool:
    """Whether wording that works against a safeguard, at tokens ``first:end``, is itself negated or forbidden: "the
    Supplier shall not claim that the scoring logic is a trade secret", "no part of the decision logic may be
    withheld", "no decision shall be made without human review" protect the safeguard their words would otherwise
    work against. Only a cue in the same comma-delimited clause counts.

    ``negating_pattern``: the checklist pattern that matched says a negation itself ("shall not be disclosed",
    "without human review"). A cue inside the match is then the pattern's own, and a second one before it undoes it.
    Otherwise a cue inside the match, or before it, denies it, unless the match states a condition: "will not release
    it unless the Supplier agrees" means "only if"."""
    inside = any(_is_cue(words, i) for i in range(first, end))
    before = _cue_before(words, first, _CLAUSE_BREAKS | {","}) is not None
    if negating_pattern and inside:
        return before
    if inside:
        return True
    return before and not any(words[i].lower() in _CONDITIONS for i in range(first, end))


def _cue_before(words: Sequence[str], start: int, breaks: frozenset[str] = _CLAUSE_BREAKS) -> int | None:
    """The index of the negation cue that governs token ``start``: within the window, before any of ``breaks``."""
    seen = 0
    index = start - 1
    while index >= 0 and seen < NEGATION_WINDOW:
        word = words[index].lower()
        if not word.isspace():
            if word in breaks:
                return None
            if _is_cue(words, index):
                return index
            seen += 1
        index -= 1
    return None


def _is_cue(words: Sequence[str], index: int) -> bool:
    return words[index].lower() in _CUES and not _pseudo(words, index)


def _pseudo(words: Sequence[str], index: int) -> bool:
    after = next((w.lower() for w in words[index + 1 :] if not w.isspace()), "")
    before = next((w.lower() for w in reversed(words[:index]) if not w.isspace()), "")
    return after in _PSEUDO_AFTER or before in _PSEUDO_BEFORE


def _prohibition(words: Sequence[str], cue: int) -> bool:
    """Whether the cue at ``cue`` restricts the thing rather than denies it: a deontic modal just before it ("shall
    not") or in the words after it, up to the end of the clause ("no member of the public shall be required to"), with
    a word that limits how the thing is used (``_RESTRICTING``) later in the clause. "Shall not rely solely on
    automated processing" says there is automated processing; "shall not include facial recognition" and "shall not
    carry out any profiling" say there is none."""
    before = next((w.lower() for w in reversed(words[:cue]) if not w.isspace()), "")
    return (before in _DEONTIC or _modal_after(words, cue)) and _restricted(words, cue)


def _modal_after(words: Sequence[str], cue: int) -> bool:
    after = (w.lower() for w in words[cue + 1 :] if not w.isspace())
    for word in islice(after, NEGATION_WINDOW):
        if word in _CLAUSE_BREAKS:
            return False
        if word in _DEONTIC:
            return True
    return False


def _restricted(words: Sequence[str], cue: int) -> bool:
    for word in (w.lower() for w in words[cue + 1 :] if not w.isspace()):
        if word in _RESTRICTING:
            return True
        if word in _PROHIBITION_ENDS:
            return False
    return False
