"""Redaction stage, hidden text: the words a reader can still see on the pages, and the words of a hidden
place that they no longer show. This is what keeps ordinary bookmarks, titles and tags from being reported:
they repeat what the pages say."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from tenderlens.redaction.leaks import is_meaningful

_WORD = re.compile(r"[^\W_]+(?:[.,'’/-][^\W_]+)*")
_TOOLING = re.compile(
    r"^(?:microsoft|word|excel|powerpoint|untitled|unspecified|anonymous|unknown|none|document\d*"
    r"|.+\.(?:docx?|pdf|xlsx?|odt|rtf|txt))$"
)
"""Words that tools put in the properties ("Microsoft Word - contract_v3.docx", reportlab's "untitled" and
"unspecified"): not content."""
MAX_TEXT = 300
"""Characters of a hidden place quoted whole; longer texts (attachments) are quoted by their unseen words."""


def tokens(text: str) -> list[str]:
    """Words and numbers ("4,250,000", "s.43", "O'Neill") in reading order, as written."""
    return _WORD.findall(text)


def words(text: str) -> list[str]:
    """:func:`tokens` lower-cased and stripped of plural and verb endings: the form in which words are
    compared, so a bookmark "Deliveries" matches "deliver" on the page."""
    return [_stem(w) for w in tokens(text.lower())]


def _stem(word: str) -> str:
    if word.isalpha() and len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix):
                return word[: -len(suffix)]
    return word


_SUFFIXES = ("ies", "ing", "es", "ed", "s", "y")


class Vocabulary:
    """How often each word shows on the pages, less the words that only sit under boxes or are invisible."""

    def __init__(self, page_texts: Iterable[str], hidden_texts: Iterable[str]) -> None:
        self._seen = Counter(w for text in page_texts for w in words(text))
        self._seen.subtract(Counter(w for text in hidden_texts for w in words(text)))

    def unseen(self, text: str) -> str:
        """The words of ``text`` (as written) that the pages do not show, or "" when they say nothing new."""
        missing = [t for t in tokens(text) if self._seen[_stem(t.lower())] <= 0 and not _ignored(t.lower())]
        joined = " ".join(missing)
        return joined if is_meaningful(joined) else ""


def _ignored(word: str) -> bool:
    return word in _FUNCTION_WORDS or bool(_TOOLING.match(word))


_FUNCTION_TEXT = """a an and are as at be by for from has have in is it its of on or our per that the their this to
was were will with within without not no do does did than then there these those which who whom whose under over
into onto upon about after before between during each all any some such may shall must should can"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
"""Words that carry no content: a title's "for" or "of" that the page happens not to use reveals nothing."""


def quote(text: str, unseen: str) -> str:
    """What a leak recovers from a hidden place: the whole text when short, else its unseen words."""
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_TEXT else unseen[:MAX_TEXT]
