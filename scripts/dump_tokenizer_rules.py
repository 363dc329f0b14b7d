"""Write ``src/tenderlens/data/tokenizer-en.json``: spaCy's English tokenizer rules and sentencizer punctuation.

TenderLens tokenises with ``tenderlens/tokens.py``, a plain-Python port of spaCy's tokenizer that reads these
rules, so a scan never imports spaCy (seconds of start-up). Run this after upgrading spaCy, then run
``tests/test_tokens.py``, which compares the port with spaCy on the corpus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokenizer import Tokenizer

TARGET = Path(__file__).resolve().parents[1] / "src" / "tenderlens" / "data" / "tokenizer-en.json"


def _pattern(method: object) -> dict[str, object]:
    compiled = method.__self__  # type: ignore[attr-defined]
    assert isinstance(compiled, re.Pattern)
    return {"pattern": compiled.pattern, "flags": int(compiled.flags)}


def _affix_phrases(tokenizer: Tokenizer) -> dict[str, list[str]]:
    """Special cases that spaCy also matches across tokens (its ``_special_matcher``): those holding an affix
    character or a space, keyed to their tokens as split without special cases."""
    bare = Tokenizer(
        tokenizer.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        url_match=tokenizer.url_match,
    )
    phrases = {}
    for orth in sorted(tokenizer.rules):
        if tokenizer.find_prefix(orth) or tokenizer.find_infix(orth) or tokenizer.find_suffix(orth) or " " in orth:
            phrases[orth] = [t.text for t in bare(orth)]
    return phrases


def main() -> None:
    tokenizer = spacy.blank("en").tokenizer
    rules = {
        "spacy_version": spacy.__version__,
        "prefix": _pattern(tokenizer.prefix_search),
        "suffix": _pattern(tokenizer.suffix_search),
        "infix": _pattern(tokenizer.infix_finditer),
        "url": _pattern(tokenizer.url_match),
        "special_cases": {orth: [t[ORTH] for t in tokens] for orth, tokens in sorted(tokenizer.rules.items())},
        "affix_phrases": _affix_phrases(tokenizer),
        "sentence_punct": sorted(Sentencizer.default_punct_chars),
    }
    assert tokenizer.token_match is None, "the port assumes English has no token_match"
    TARGET.write_text(json.dumps(rules, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
