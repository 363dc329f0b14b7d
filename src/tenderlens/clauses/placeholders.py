"""Clauses stage, drafting: find template text left in a draft ("[Insert ...]", "TBC", buyer guidance notes)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tenderlens.clauses.checklist import Checklist
from tenderlens.model import Placeholder, Span


def find_placeholders(spans: Sequence[Span], checklist: Checklist) -> tuple[Placeholder, ...]:
    """Every placeholder match, quoted exactly, with its page and clause (one per span and kind)."""
    rules = [(r.kind, re.compile(r.pattern, re.IGNORECASE)) for r in checklist.placeholders]
    found = []
    for span in spans:
        for kind, pattern in rules:
            match = pattern.search(span.text)
            if match:
                found.append(Placeholder(page=span.page, clause=span.clause_ref, quote=match.group(0), kind=kind))
    return tuple(found)
