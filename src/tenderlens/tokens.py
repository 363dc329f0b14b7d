"""Segment and clauses, shared: spaCy's English tokenizer and sentencizer rules run in plain Python.

Segmentation (sentence breaks) and matching (checklist terms on lemmas) both read tokens. They used to come from
two spaCy pipelines, and importing spaCy costs seconds before the first page is read. This module ports spaCy's
tokenizer algorithm (``Tokenizer.explain`` in spaCy 3: special cases, then prefixes and suffixes peeled off in
turn, then URLs, special cases and infixes) over the rules that ``scripts/dump_tokenizer_rules.py`` copied from
spaCy into ``data/tokenizer-en.json``. Whitespace follows spaCy too: one space after a token belongs to it, any
other run of whitespace is a token of its own. Whitespace-separated chunks are tokenised once and cached, so the
paragraph pass (segmentation) and the sentence pass (matching) share the work. ``tests/test_tokens.py`` checks
tokens, sentence breaks and matches against spaCy on the corpus.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import NamedTuple

CACHE_LIMIT = 100_000
_CHUNK = re.compile(r"\S+")


class Tokens(NamedTuple):
    """The tokens of a string as parallel lists: ``words[i] == text[starts[i]:starts[i] + len(words[i])]``."""

    words: list[str]
    starts: list[int]


class Tokenizer:
    """spaCy's English tokenizer over dumped rules (see the module docstring); build with :func:`tokenizer`."""

    def __init__(self, rules: dict[str, object]) -> None:
        def compiled(name: str) -> re.Pattern[str]:
            spec = rules[name]
            assert isinstance(spec, dict)
            return re.compile(spec["pattern"], spec["flags"])

        self._prefix = compiled("prefix").search
        self._suffix = compiled("suffix").search
        self._infixes = compiled("infix").finditer
        self._url = compiled("url").match
        special = rules["special_cases"]
        assert isinstance(special, dict)
        self._special: dict[str, list[str]] = special
        punct = rules["sentence_punct"]
        assert isinstance(punct, list)
        self.sentence_punct = frozenset(punct)
        phrases = rules["affix_phrases"]
        assert isinstance(phrases, dict)
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for orth, parts in phrases.items():
            if len(parts) > 1:
                self._phrases.setdefault(parts[0], []).append((tuple(parts), orth))
        self._firsts = frozenset(self._phrases)
        self._cache: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}

    def __call__(self, text: str) -> Tokens:
        """The tokens of ``text``, whitespace tokens included (spaCy's ``Doc``)."""
        words: list[str] = []
        starts: list[int] = []
        cache = self._cache
        previous_end = 0
        for chunk in _CHUNK.finditer(text):
            start, end = chunk.span()
            if start > previous_end:
                # One space after a token belongs to it; any other whitespace is a token (spaCy's rule).
                gap = previous_end + 1 if previous_end > 0 and text[previous_end] == " " else previous_end
                if gap < start:
                    words.append(text[gap:start])
                    starts.append(gap)
            piece = chunk.group()
            split = cache.get(piece)
            if split is None:
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                split = cache[piece] = self._split(piece)
            if len(split[0]) == 1:
                words.append(piece)
                starts.append(start)
            else:
                words.extend(split[0])
                starts.extend([start + offset for offset in split[1]])
            previous_end = end
        if previous_end < len(text):
            gap = previous_end + 1 if previous_end > 0 and text[previous_end] == " " else previous_end
            if gap < len(text):
                words.append(text[gap:])
                starts.append(gap)
        if self._firsts.isdisjoint(words):
            return Tokens(words, starts)
        return self._merge_specials(text, Tokens(words, starts))

    def _merge_specials(self, text: str, tokens: Tokens) -> Tokens:
        """spaCy's second pass: special cases holding affix characters ("):", "m.") that the affix rules split
        across tokens are found as token sequences and put back together, longest first, without overlaps."""
        words, starts = tokens
        phrases = self._phrases
        found: list[tuple[int, int, str]] = []
        for i in [i for i, word in enumerate(words) if word in phrases]:
            for parts, orth in phrases[words[i]]:
                end = i + len(parts)
                if tuple(words[i:end]) == parts:
                    found.append((i, end, orth))
        seen: set[int] = set()
        chosen: dict[int, tuple[int, str]] = {}
        # spaCy takes the longest first and, among equally long ones, the leftmost (its len_start_cmp).
        for start, end, orth in sorted(found, key=lambda f: (f[1] - f[0], -f[0]), reverse=True):
            if (
                start not in seen
                and end - 1 not in seen
                and text[starts[start] : starts[end - 1] + len(words[end - 1])] == orth
            ):
                chosen[start] = (end, orth)
            seen.update(range(start, end))
        merged = Tokens([], [])
        i = 0
        while i < len(words):
            if i not in chosen:
                merged.words.append(words[i])
                merged.starts.append(starts[i])
                i += 1
                continue
            end, orth = chosen[i]
            parts, offsets = _offsets(orth, self._special[orth])
            merged.words.extend(parts)
            merged.starts.extend(starts[i] + offset for offset in offsets)
            i = end
        return merged

    def _split(self, chunk: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """A whitespace-free chunk -> its tokens and their offsets: ``Tokenizer.explain`` of spaCy 3."""
        special, prefix_search, suffix_search = self._special, self._prefix, self._suffix
        tokens: list[str] = []
        suffixes: list[str] = []
        substring = chunk
        while substring:
            if substring in special:
                tokens.extend(special[substring])
                break
            while prefix_search(substring) or suffix_search(substring):
                if substring in special:
                    tokens.extend(special[substring])
                    substring = ""
                    break
                if found := prefix_search(substring):
                    split = found.end()
                    if split == 0:
                        break
                    tokens.append(substring[:split])
                    substring = substring[split:]
                    if substring in special:
                        continue
                if found := suffix_search(substring):
                    split = found.start()
                    if split == len(substring):
                        break
                    suffixes.append(substring[split:])
                    substring = substring[:split]
            if not substring:
                continue
            if self._url(substring):
                tokens.append(substring)
            elif substring in special:
                tokens.extend(special[substring])
            else:
                tokens.extend(self._infix_split(substring))
            substring = ""
        tokens.extend(reversed(suffixes))
        return _offsets(chunk, tokens)

    def _infix_split(self, substring: str) -> list[str]:
        parts: list[str] = []
        offset = 0
        for match in self._infixes(substring):
            if offset == 0 and match.start() == 0:
                continue
            parts.extend(p for p in (substring[offset : match.start()], match.group()) if p)
            offset = match.end()
        if substring[offset:]:
            parts.append(substring[offset:])
        return parts

    def sentence_starts(self, tokens: Tokens) -> list[int]:
        """Character offsets where spaCy's rule-based ``sentencizer`` starts a sentence after the first: at the
        first token that is not punctuation after a token that is one of its sentence-final characters."""
        found = []
        seen_final = False
        final_chars = self.sentence_punct
        for word, start in zip(*tokens, strict=True):
            final = word in final_chars
            if seen_final and not final and not is_punct(word):
                found.append(start)
                seen_final = False
            elif final:
                seen_final = True
        return found


def is_punct(text: str) -> bool:
    """spaCy's ``is_punct``: every character is in a Unicode punctuation category."""
    return all(unicodedata.category(c).startswith("P") for c in text)


def _offsets(chunk: str, tokens: list[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Tokens and their offsets in ``chunk``; they concatenate to it (spaCy validates special cases so)."""
    offsets = []
    position = 0
    for token in tokens:
        offsets.append(position)
        position += len(token)
    assert position == len(chunk), (chunk, tokens)
    return tuple(tokens), tuple(offsets)


@cache
def tokenizer() -> Tokenizer:
    """The English tokenizer, built once per process from ``data/tokenizer-en.json``."""
    text = resources.files("tenderlens.data").joinpath("tokenizer-en.json").read_text(encoding="utf-8")
    return Tokenizer(json.loads(text))
