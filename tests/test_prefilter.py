"""The RE2 test in front of each checklist regular expression (clauses/prefilter.py): it must never hide a match
Python's engine would find, on the constructs RE2 lacks and on Unicode text."""

from __future__ import annotations

import re

import pytest

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.match import Matcher
from tenderlens.clauses.prefilter import Prefiltered, loosen

CASES = [
    (r"(?<!not )\bdisclose\b", "The Supplier shall disclose the logic.", "They shall not disclose it; undisclosed."),
    (r"supplier(?! shall not)\s+may\s+use", "the supplier  may use data", "the supplier shall not may use"),
    (r"^\s*fee[s]?\b", "  fees apply", "coffee"),
    (r"data[^.]{0,20}\bowned\b", "the data is owned by the buyer", "data. owned"),
    (r"\w+ly available", "publicly available", "available"),
    (r"caf\w", "café", "cafe"),
    (r"\d+ days", "\u0663\u0660 days", "thirty days"),  # Arabic-Indic digits are \d to Python
    (r"a\sb", "a\u00a0b", "ab"),  # a no-break space is \s to Python
    (r"[^\w]x", "\u0301x", "ax"),  # a combining mark is not \w to Python
    (r"[^\W]x", "éx", " x"),
    (r"(a)\1", "aa", "ab"),  # a back-reference: no RE2 test, Python alone
]


@pytest.mark.parametrize(("pattern", "hit", "miss"), CASES)
def test_prefiltered_search_answers_as_python_does(pattern: str, hit: str, miss: str) -> None:
    compiled = re.compile(pattern)
    quick = Prefiltered(compiled)
    assert quick.search(hit) is not None and compiled.search(hit) is not None
    assert (quick.search(miss) is None) == (compiled.search(miss) is None)


def test_loosen_drops_what_re2_cannot_run_and_keeps_literals() -> None:
    assert loosen(r"(?<!no )\bdata\b(?= owner)") == "data"
    assert loosen(r"a{2,5}[$^]\$") == r"a*[$^]\$"
    assert loosen(r"[\w-]+") == r"[\pL\pN\pM_-]+"


def test_a_back_reference_is_searched_by_python_alone() -> None:
    quick = Prefiltered(re.compile(r"(ab)\1"))
    assert quick._quick is None
    assert quick.search("xabab") is not None


def test_checklist_matches_are_the_same_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "The Supplier shall not be required to disclose the algorithm, which is a trade secret.",
        "The Supplier may use anonymised Authority Data to improve its own products.",
        "The Supplier shall not use Authority Data for any purpose other than performing the Contract.",
        "Any disclosure under the Freedom of Information Act requires the Supplier's prior consent.",
        "The Buyer will evaluate the outcomes twelve months after go-live and publish the results.",
        "The portal shall meet WCAG 2.2 AA and offer a telephone route for residents who are not online.",
        "LLYWODRAETH CYMRU: café naïve ŵ ŷ data\u00a0owner \u2028 the supplier's discretion.",
    ]
    matcher = Matcher(load_checklist())
    fast = matcher.match(texts)
    monkeypatch.setattr(Prefiltered, "search", lambda self, text: self.pattern.search(text))
    assert matcher.match(texts) == fast
    assert any(m.categories["explainability"].contrary for m in fast)
