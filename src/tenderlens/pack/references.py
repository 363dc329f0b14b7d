"""Pack stage, cross-references: "Joint Schedule 11 (Processing Data)", "Annex B", "the Specification" -> the
pack file they name, matched by file name, title and the first lines of the file's first page.

A numbered citation matches a file with the same kind and number ("Schedule 5"), and the same family when both
name one (a "Joint Schedule 5" is not a "Call-Off Schedule 5"). When an unqualified citation fits several files,
the bracketed name decides ("Schedule 5 (Data Processing)"), then the citing file's own family. A citation whose
number no file carries is *not supplied*, even when a file has the same name under another number, and so is one
whose number a file carries under an unrelated name (CCS's 2017 core terms cite "Call-Off Schedule 11 (Contract
Management)"; the pack's 2018 ``schedule30.pdf`` is "Call-Off Schedule 11 (Installation Works)"): that file is
reported as ``similar``. Named documents are the capitalised defined terms tender packs use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tenderlens.model import CrossReference, Span

_CITATION = re.compile(
    r"\b(?:(?P<family>joint|call[- ]off|framework)\s+)?(?P<kind>schedule|annexe?|appendix|attachment)\s+"
    r"(?P<number>[a-z]?\d{1,3}[a-z]?\b|(?-i:[A-Z])\b)(?:\s*(?:\(o\)\s*)?\((?P<name>[^()]{3,80})\))?",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\b(?-i:the)\s+(?P<named>(?-i:Specification|Order Form|Core Terms|Framework Award Form|Invitation to Tender|"
    r"Evaluation Criteria|Award Criteria|Terms and Conditions|Statement of Requirements|Pricing Schedule|"
    r"Call-Off Tender|Framework Tender))\b"
)
_VERSION = re.compile(r"\s+v\.?\s*\d[\w.-]*\s*$", re.IGNORECASE)
_NOISE = frozenset({"and", "of", "the", "for", "to", "a", "optional", "o", "schedule", "terms"})
_LINES_READ = 2
_LEADING = 30
_FAMILY_LETTERS = {"j": "joint", "f": "framework", "c": "call-off"}


@dataclass(frozen=True)
class Citation:
    """One place a document is cited: ``key`` groups the citations of the same document."""

    key: str
    cited_as: str
    family: str | None
    kind: str | None
    number: str | None
    name: str | None
    file: str
    page: int
    clause: str | None


@dataclass(frozen=True)
class PackIndex:
    """What each pack file calls itself: file name, title and opening lines, and the citations found in them."""

    labels: dict[str, tuple[str, ...]]
    designations: dict[str, tuple[Citation, ...]]

    @classmethod
    def build(cls, files: Iterable[tuple[str, Sequence[str]]]) -> PackIndex:
        """``files``: (pack name, its title and opening lines) for every audited file."""
        labels: dict[str, tuple[str, ...]] = {}
        designations: dict[str, tuple[Citation, ...]] = {}
        for name, lines in files:
            stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ")
            # The file name, the title and the first line name the file; later opening lines may cite others.
            own = (_VERSION.sub("", stem), *(line for line in lines[:_LINES_READ] if line))
            labels[name] = own
            designations[name] = tuple(d for label in own if (d := _leading_designation(label, name)))
        return cls(labels, designations)

    def resolve(self, citation: Citation) -> tuple[str | None, str | None]:
        """(the pack file ``citation`` names or ``None``, a similarly named file when it names none)."""
        if citation.number is None:
            wanted = citation.name or ""
            hits = [f for f, labels in self.labels.items() if any(_contains(label, wanted) for label in labels)]
            return (min(hits, key=lambda f: min(len(label) for label in self.labels[f])) if hits else None), None
        candidates = [(f, d) for f, ds in self.designations.items() for d in ds if _same_number(citation, d)]
        if citation.family:
            candidates = [(f, d) for f, d in candidates if d.family in (None, citation.family)]
        if len({f for f, _ in candidates}) > 1 and citation.name:
            named = [(f, d) for f, d in candidates if _overlap(citation.name, d.name)]
            candidates = named or candidates
        if len({f for f, _ in candidates}) > 1:
            own = self.designations.get(citation.file, ())
            families = {d.family for d in own}
            candidates = [(f, d) for f, d in candidates if d.family in families] or candidates
        # Same number, another name ("Call-Off Schedule 11 (Contract Management)" against a 2018
        # "Call-Off Schedule 11 (Installation Works)"): another document, so not supplied.
        renamed = all(d.name and not _words(citation.name) & _words(d.name) for _, d in candidates)
        if candidates and citation.name and renamed:
            return None, candidates[0][0]
        if candidates:
            return candidates[0][0], None
        similar = next(
            (
                f
                for f, ds in self.designations.items()
                for d in ds
                if d.kind == citation.kind and citation.name and _overlap(citation.name, d.name)
            ),
            None,
        )
        return None, similar


def citations(file: str, spans: Sequence[Span]) -> list[Citation]:
    """Every citation of another document in a file's sentences and table rows."""
    return [
        c for span in spans if span.kind != "heading" for c in citations_in(span.text, file, span.page, span.clause_ref)
    ]


def citations_in(text: str, file: str, page: int = 0, clause: str | None = None, title: bool = False) -> list[Citation]:
    """The numbered and named citations in ``text``, placed at ``page`` and ``clause`` of ``file``. In a
    ``title`` (a file name, a heading) an unbracketed name follows the number: "Schedule 8 (O) - Security"."""
    found = []
    for m in _CITATION.finditer(text):
        family = _family(m.group("family"))
        kind = "annex" if m.group("kind").lower().startswith("annex") else m.group("kind").lower()
        number = m.group("number").lower()
        # CCS numbers schedules within a family as "J5", "F3", "C17": the letter is the family.
        lettered = kind == "schedule" and len(number) > 1 and number[0] in _FAMILY_LETTERS and number[1].isdigit()
        if lettered and family in (None, _FAMILY_LETTERS[number[0]]):
            family, number = _FAMILY_LETTERS[number[0]], number[1:]
        name = m.group("name") or (_trailing_name(text[m.end() :]) if title else None)
        key = " ".join(p for p in (family, kind, number) if p)
        found.append(Citation(key, " ".join(m.group(0).split()), family, kind, number, name, file, page, clause))
    for m in _NAMED.finditer(text):
        named = m.group("named")
        found.append(Citation(named.lower(), f"the {named}", None, None, None, named, file, page, clause))
    return found


def cross_references(found: Sequence[Citation], index: PackIndex) -> tuple[CrossReference, ...]:
    """One row per cited document: first citation, count, and what it resolved to; absent documents first."""
    first: dict[str, Citation] = {}
    counts: dict[str, int] = {}
    for c in found:
        first.setdefault(c.key, c)
        counts[c.key] = counts.get(c.key, 0) + 1
    rows = []
    for key, c in first.items():
        resolved, similar = index.resolve(c)
        rows.append(CrossReference(c.cited_as, c.file, c.page, c.clause, counts[key], resolved, similar))
    return tuple(sorted(rows, key=lambda r: (r.resolved_to is not None, -r.citations, r.cited_as.lower())))


def _leading_designation(label: str, file: str) -> Citation | None:
    """The designation a label opens with ("Call-Off Schedule 8 (O) - Security"), if it opens with one."""
    found = next((c for c in citations_in(label, file, title=True) if c.number), None)
    return found if found and label.lower().find(found.cited_as.lower()) <= _LEADING else None


def _trailing_name(rest: str) -> str | None:
    """The name after a file name's designation: "(O) - Security v.1.4" -> "Security"."""
    name = re.sub(r"^\s*(\(o\))?\s*[-–—:]?\s*", "", rest, flags=re.IGNORECASE)
    name = _VERSION.sub("", name).strip(" -()")
    return name[:80] or None


def _family(raw: str | None) -> str | None:
    return raw.lower().replace(" ", "-") if raw else None


def _same_number(citation: Citation, designation: Citation) -> bool:
    return (
        designation.kind == citation.kind and designation.number == citation.number and designation.number is not None
    )


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in _NOISE and len(w) > 1}


def _overlap(a: str | None, b: str | None) -> bool:
    left, right = _words(a), _words(b)
    return bool(left and right) and len(left & right) * 3 >= 2 * min(len(left), len(right))


def _contains(label: str, name: str) -> bool:
    return bool(name) and re.search(rf"\b{re.escape(name)}\b", label, re.IGNORECASE) is not None
