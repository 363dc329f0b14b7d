"""Clauses stage, rules: is a matched term negated ("no user interface", "neither officers nor members of the public")?

A scope term says what is bought only when the sentence affirms it: "the Service has no user interface" and "no
element of the Services is used by members of the public" are evidence against a public-facing service, not for
it. This is NegEx's rule (Chapman et al., 2001) over the shared tokens: a negation cue within a few words before the
term, in the same clause, negates it; pseudo-negations ("not limited to", "whether or not") do not.
"""

from __future__ import annotations

from collections.abc import Sequence

NEGATION_WINDOW = 8
"""Words looked back from the term for a cue (NegEx uses five; tender sentences put a verb phrase between)."""

_CUES = frozenset({"no", "not", "n't", "neither", "nor", "never", "without", "none", "cannot"})
_PSEUDO_AFTER = frozenset({"limited", "only", "just", "merely", "least", "necessarily"})
"""A cue followed by one of these is not a negation ("including but not limited to", "not only")."""
_PSEUDO_BEFORE = frozenset({"or", "whether", "shall", "must", "may", "should"})
"""A cue preceded by one of these is not a negation: "whether or not", and a prohibition ("shall not rely solely on
automated processing", "must not be available only online") is about the thing, which it does not deny."""
_CLAUSE_BREAKS = frozenset({".", ";", ":", "but", "however", "although", "though", "whereas", "except", "unless"})


def is_negated(words: Sequence[str], start: int) -> bool:
    """Whether the term that begins at token ``start`` of ``words`` (whitespace tokens included) is negated."""
    seen = 0
    index = start - 1
    while index >= 0 and seen < NEGATION_WINDOW:
        word = words[index].lower()
        if not word.isspace():
            if word in _CLAUSE_BREAKS:
                return False
            if word in _CUES and not _pseudo(words, index):
                return True
            seen += 1
        index -= 1
    return False


def _pseudo(words: Sequence[str], index: int) -> bool:
    after = next((w.lower() for w in words[index + 1 :] if not w.isspace()), "")
    before = next((w.lower() for w in reversed(words[:index]) if not w.isspace()), "")
    return after in _PSEUDO_AFTER or before in _PSEUDO_BEFORE
