"""Clauses stage, reading: a party the document names otherwise ("CivicLoop") is read as its role ("Vendor").

Vendor paper names the supplier by its trade name ("CivicLoop may use Aggregated Data to improve its products")
where the checklist's wording, and the text the models learned from, name a role ("the Supplier", "the Vendor").
The document's own definitions say who is who: ``"Vendor" means CivicLoop, Inc.``, ``"CivicLoop" means CivicLoop,
Inc.``, ``the Maryland Department of Human Services (the "Department" or "DHS")``. Names defined as the same party as
exactly one role word of the checklist (``parties``) are read as that word by the rules and the models, and a role
word the checklist's wording does not use is read as one it does (``read_as``: "Licensor" as "Supplier"). Evidence
still quotes the sentence as written: only what the clauses stage reads changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tenderlens.clauses.checklist import PartyRoles

_QUOTED = r"[\"“]([A-Z][^\"”]{1,40})[\"”]"
_MEANS = re.compile(rf"{_QUOTED}\s+(?:means|shall mean|refers to)\s+(?:the\s+)?([A-Z][^,;.()\"“”]{{1,80}})")
"""``"Vendor" means CivicLoop, Inc.``: the name, and the party it means up to the first comma or bracket."""
_NAMED = re.compile(
    r"\b([A-Z][\w&'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w&'’-]*){0,7})(?:,\s+an?\s+[^()\"“”]{0,160})?\s*"
    rf"\((?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?{_QUOTED}"
    rf"(?:\s+or\s+(?:the\s+)?{_QUOTED})?\)"
)
"""``Keystone Field Apps Limited, a company registered … (the "Provider")``: a party named, then its short names. Only
an appositive ("a company …", "an agency …") may come between the name and the bracket."""
_COMPANY = re.compile(
    r"\b(Ltd|Limited|plc|PLC|LLP|LLC|Inc|Incorporated|Corporation|Corp|CIC|GmbH|B\.?V|S\.?A|AG|Pty)\.?$"
)
"""A registered company's name: in a public body's contract, the party named so is the supplier."""
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(and|or)$", re.IGNORECASE)
_SEPARATOR = "\x00"
MIN_NAME = 3
"""A shorter name ("AB") is too likely to be something else."""


class PartyNames:
    """The names one document gives its parties (``aliases``), each with the role word it is read as."""

    def __init__(self, texts: Sequence[str], roles: PartyRoles) -> None:
        groups = _groups(texts)
        order = [*roles.supplier, *roles.buyer]
        role_of = {w.lower(): side for side, words in (("s", roles.supplier), ("b", roles.buyer)) for w in words}
        rank = {w.lower(): i for i, w in enumerate(order)}
        candidates: dict[str, str] = {}
        sides = set()
        for names in groups:
            # Two role words of one side ("the Department" or "the Buyer"): read as the checklist's first.
            words = sorted((n for n in names if n.lower() in role_of), key=lambda n: rank[n.lower()])
            if not words or len({role_of[w.lower()] for w in words}) != 1:
                continue  # no role word, or both sides in one group: nothing safe to say
            sides.add(role_of[words[0].lower()])
            candidates |= {n: words[0] for n in names if n.lower() not in role_of and len(n) >= MIN_NAME}
        common = _written_lower(candidates, texts)
        companies = [g for g in groups if not any(n.lower() in role_of for n in g) and any(map(_COMPANY.search, g))]
        if "s" not in sides and len(companies) == 1 and roles.supplier:
            # "Populus Ltd, a company registered in England (the "Company")", and no supplier named by a role word:
            # the one registered company is the supplier. Its short name is a party even where the document also
            # writes it in lower case ("a company"), so it is added after that test.
            candidates |= {n: roles.supplier[0] for n in companies[0] if len(n) >= MIN_NAME}
        self.aliases = {n: roles.read_as.get(w, w) for n, w in candidates.items() if n.lower() not in common}
        self._read_as = {**roles.read_as, **self.aliases}

    def read(self, text: str) -> str:
        """``text`` with every other name of a party, and every role word in ``read_as``, read as its role word."""
        pattern = _words_pattern(n for n in self._read_as if n in text)
        return text if pattern is None else pattern.sub(lambda m: self._read_as[m.group(1)], text)


def party_readings(readings: Sequence[str], roles: PartyRoles) -> tuple[list[str], dict[str, str]]:
    """What the clauses stage reads for each sentence, with the document's party names read as their roles, and the
    names it read that way (name -> role word), for the report to say so."""
    if not readings or not (roles.supplier or roles.buyer or roles.read_as):
        return list(readings), {}
    names = PartyNames(readings, roles)
    # One pass over the whole document: no name holds the separator, so each sentence reads as it would alone.
    return names.read(_SEPARATOR.join(readings)).split(_SEPARATOR), names.aliases


def reading_notice(aliases: dict[str, str]) -> str | None:
    """The report's note on the names read as roles ("'CivicLoop' as 'Vendor'"), or ``None`` when there were none."""
    if not aliases:
        return None
    pairs = ", ".join(f"'{name}' as '{role}'" for name, role in sorted(aliases.items()))
    return f"Party names read as their roles, by the document's own definitions: {pairs}. Quotes are as printed."


def _groups(texts: Iterable[str]) -> list[set[str]]:
    """Names linked by a definition, merged when they share one ("Vendor" and "CivicLoop" both mean CivicLoop)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def link(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for text in texts:
        if '"' not in text and "“" not in text:
            continue
        for m in _MEANS.finditer(text):
            link(_clean(m.group(1)), _clean(m.group(2)))
        for m in _NAMED.finditer(text):
            if text[: m.start()].rstrip().endswith(","):
                continue  # the last line of an address ("Riverside Way, Thamesmere (the "Customer")")
            names = [_clean(g) for g in m.groups() if g]
            for other in names[1:]:
                link(names[0], other)
    groups: dict[str, set[str]] = {}
    for name in parent:
        groups.setdefault(find(name), set()).add(name)
    return list(groups.values())


def _written_lower(names: Iterable[str], texts: Sequence[str]) -> set[str]:
    """The ``names`` the document also writes in lower case: a defined term such as "the Algorithm" names a thing, not
    a party (a trade name such as "CivicLoop" is never written "civicloop")."""
    joined = _SEPARATOR.join(texts)
    pattern = _words_pattern(n.lower() for n in names if n.lower() in joined)
    return set() if pattern is None else {m.group(1) for m in pattern.finditer(joined)}


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as a whole word, longest first; ``None`` for none. Callers pass only the words a substring
    test found in the text: an alternation tried at every position is many times slower than that test."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, ordered)) + r")\b") if ordered else None


def _clean(name: str) -> str:
    return _TRAILING.sub("", _ARTICLE.sub("", " ".join(name.split())).strip())
