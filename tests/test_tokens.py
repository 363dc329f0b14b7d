"""The plain-Python tokenizer, sentencizer and term matcher give spaCy's tokens, breaks and matches (spaCy is the
test oracle only: a scan never imports it)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.match import Matcher, lemma_norms
from tenderlens.learn.corpus import iter_documents
from tenderlens.tokens import tokenizer

ROOT = Path(__file__).resolve().parents[1]
# The traps: spaCy's special cases ("e.g.", "Ltd.", "10am"), cross-token special cases ("):", "km/h." ending on
# "h."), whitespace tokens (double spaces, tabs, leading and trailing runs), URLs, and an empty string.
TRAPS = [
    "",
    " x ",
    "\tx\t",
    "a .  b",
    "  Leading and  double\tspaced (e.g., this) U.K. s.43 ",
    "Mr. Smith's data-driven API's: http://x.org/a?b=c, 10am; 3.5%.",
    "Call-Off Schedule 14 (Service Levels): [Buyer guidance: complete] top speed 110 km/h. Next one!",
    "don't \"can't\" Ltd.), etc. e.g. i.e. No. 5 (a) the…",
    # OCR noise where two special cases overlap (":o" and "o."): spaCy keeps the leftmost.
    "_'1:o. Lc1:'ap.n'_1:",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    sentences = [s.text for d in iter_documents(ROOT / "corpora" / "documents") for s in d.sentences()]
    # Paragraph-sized texts too, so sentence breaks are exercised.
    return sentences + [" ".join(sentences[i : i + 7]) for i in range(0, len(sentences), 7)] + TRAPS


def test_tokens_and_sentence_breaks_equal_spacy(texts: list[str]) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    split = tokenizer()
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        tokens = split(text)
        assert list(zip(*tokens, strict=True)) == [(t.text, t.idx) for t in doc], text
        assert split.sentence_starts(tokens) == [s.start_char for s in doc.sents][1:], text


def test_term_matches_equal_spacy_phrase_matcher(texts: list[str]) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.lookups import load_lookups
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    checklist = load_checklist()
    ours = Matcher(checklist)
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    theirs = PhraseMatcher(nlp.vocab, attr="NORM")
    exact = PhraseMatcher(nlp.vocab, attr="LOWER")

    def normed(text: str) -> object:
        doc = nlp.make_doc(text)
        for token, norm in zip(doc, lemma_norms([t.text for t in doc]), strict=True):
            token.norm_ = norm
        return doc

    terms = [(f"{c.id}|{s.id}", t) for c in checklist.categories for s in c.signals for t in s.terms]
    terms += [(f"{s.id}|+", t) for s in checklist.scopes for t in s.terms]
    terms += [(f"{s.id}|-", t) for s in checklist.scopes for t in s.negative_terms]
    for key, term in terms:
        if term.startswith("="):
            exact.add(key, [nlp.make_doc(term[1:])])
        else:
            theirs.add(key, [normed(term)])
    assert table.get("processing") == lemma_norms(["processing"])[0] == "process"
    for text, match in zip(texts, ours.match(texts), strict=True):
        doc = normed(text)
        expected = set()
        for match_id, start, end in (*theirs(doc), *exact(doc)):
            key = nlp.vocab.strings[match_id]
            expected.add((key, doc[start:end].text if key.endswith(("|+", "|-")) else ""))
        for scope in checklist.scopes:  # scopes also take regular-expression hits, which are not tokens
            expected |= {(f"{scope.id}|+", m.group(0)) for p in scope.patterns if (m := re.search(p, text, re.I))}
        got = {(f"{c}|{signal}", "") for c, found in match.categories.items() for signal in found.signals}
        # A negated scope term is still a term match; negation.py sets it aside afterwards.
        got |= {(f"{s}|+", p) for found in (match.scopes, match.negated_scopes) for s, ps in found.items() for p in ps}
        got |= {(f"{s}|-", p) for s, phrases in match.negative_scopes.items() for p in phrases}
        assert got == expected, text


def test_a_scan_imports_no_spacy(tmp_path: Path) -> None:
    sample = tmp_path / "tender.txt"
    sample.write_text("1. Data\nThe Supplier shall explain each automated decision. Personal data stays ours.\n")
    code = (
        "import sys; from tenderlens.api import audit; audit(sys.argv[1]); "
        "print(sorted(m for m in ('spacy', 'thinc', 'torch', 'sklearn', 'pdfplumber', 'cv2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
