"""Redaction stage: the grounds cited for withholding information (FOIA 2000 ss.21-44, FOISA 2002, the
EIR 2004, Procurement Act 2023 s.94, "commercially sensitive", "personal data") and which boxes have none."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tenderlens.geometry import gap
from tenderlens.model import BBox, Ground, RedactionBox, Span

FOIA_SECTIONS: dict[str, str] = {
    "21": "Information accessible by other means",
    "22": "Information intended for future publication",
    "22A": "Research",
    "23": "Information supplied by, or relating to, bodies dealing with security matters",
    "24": "National security",
    "26": "Defence",
    "27": "International relations",
    "28": "Relations within the United Kingdom",
    "29": "The economy",
    "30": "Investigations and proceedings",
    "31": "Law enforcement",
    "32": "Court records",
    "33": "Audit functions",
    "34": "Parliamentary privilege",
    "35": "Formulation of government policy",
    "36": "Prejudice to effective conduct of public affairs",
    "37": "Communications with the Sovereign and honours",
    "38": "Health and safety",
    "39": "Environmental information",
    "40": "Personal information",
    "41": "Information provided in confidence",
    "42": "Legal professional privilege",
    "43": "Commercial interests",
    "44": "Prohibitions on disclosure",
}
FOISA_SECTIONS: dict[str, str] = {
    "25": "Information otherwise accessible",
    "26": "Prohibitions on disclosure",
    "27": "Information intended for future publication",
    "28": "Relations within the United Kingdom",
    "29": "Formulation of Scottish Administration policy",
    "30": "Prejudice to effective conduct of public affairs",
    "31": "National security and defence",
    "32": "International relations",
    "33": "Commercial interests and the economy",
    "34": "Investigations by Scottish public authorities",
    "35": "Law enforcement",
    "36": "Confidentiality",
    "37": "Court records",
    "38": "Personal information",
    "39": "Health, safety and the environment",
    "40": "Audit functions",
    "41": "Communications with the Sovereign and honours",
}
EIR_EXCEPTIONS: dict[str, str] = {
    "12(4)(a)": "Information not held",
    "12(4)(b)": "Manifestly unreasonable request",
    "12(4)(c)": "Request formulated in too general a manner",
    "12(4)(d)": "Material still in the course of completion",
    "12(4)(e)": "Internal communications",
    "12(5)(a)": "International relations, defence, national security or public safety",
    "12(5)(b)": "The course of justice",
    "12(5)(c)": "Intellectual property rights",
    "12(5)(d)": "Confidentiality of proceedings",
    "12(5)(e)": "Confidentiality of commercial or industrial information",
    "12(5)(f)": "Interests of the person who provided the information",
    "12(5)(g)": "Protection of the environment",
    "13": "Personal data",
}

_SECTION = r"\b(?:s(?:ection|ec)?s?\.?\s*)(\d{2}A?)\b(?:\s*\(\s*\d+\s*\)(?:\s*\(\s*[a-z]\s*\))?)?"
_SECTION_RE = re.compile(_SECTION, re.IGNORECASE)
_FOISA_RE = re.compile(r"\bFOISA\b|Freedom of Information \(Scotland\) Act", re.IGNORECASE)
_FOIA_RE = re.compile(r"\bFOIA\b|\bFoIA\b|Freedom of Information Act|\bFOI Act\b|\bFOI\b")
_EIR_RE = re.compile(
    r"\breg(?:ulation|\.)?s?\s*(12\s*\(\s*[45]\s*\)\s*\(\s*[a-g]\s*\)|13)(?!\w)"
    r"|\bEIRs?\s*(?:reg(?:ulation|\.)?\s*)?(12\s*\(\s*[45]\s*\)\s*\(\s*[a-g]\s*\)|13)(?!\w)",
    re.IGNORECASE,
)
_PA2023_RE = re.compile(
    r"Procurement Act(?: 2023)?[^.;]{0,40}?\bs(?:ection|\.)?\s*94\b"
    r"|\bs(?:ection|\.)?\s*94\b[^.;]{0,40}?Procurement Act",
    re.IGNORECASE,
)
_KEYWORDS: dict[str, tuple[re.Pattern[str], str]] = {
    "commercially-sensitive": (
        re.compile(r"commercially[\s-]+sensitive|commercial\s+confidentiality", re.IGNORECASE),
        "Commercially sensitive information",
    ),
    "personal-data": (re.compile(r"personal\s+(?:data|information)", re.IGNORECASE), "Personal data"),
}
_WITHHOLDING_RE = re.compile(
    r"redact|withh[eo]ld|exempt|omitted|removed|not\s+(?:been\s+)?(?:disclosed|published)", re.IGNORECASE
)
_DIGIT_RE = re.compile(r"\d")
_EIR_NAME_RE = re.compile(r"\bEIRs?\b|Environmental Information Regulations(?: 2004)?", re.IGNORECASE)
CONNECTIVES = frozenset(
    (
        "exempt",
        "exemption",
        "exemptions",
        "under",
        "and",
        "of",
        "the",
        "act",
        "per",
        "by",
        "see",
        "s",
        "section",
    )
)
"""Words that may sit beside a citation in a label without making it prose."""
NEAR_BOX = 36.0
"""Points: a keyword-only ground must be this close to a box when its sentence does not talk about
withholding (contracts are full of "personal data" clauses that are not grounds for anything)."""


@dataclass(frozen=True)
class FoundGround:
    ground: Ground
    bbox: BBox | None


def strip_citations(text: str) -> str:
    """``text`` with every citation, Act name and ground keyword blanked out."""
    for pattern in (_PA2023_RE, _EIR_RE, _SECTION_RE, _FOISA_RE, _FOIA_RE, _EIR_NAME_RE):
        text = pattern.sub(" ", text)
    for pattern, _ in _KEYWORDS.values():
        text = pattern.sub(" ", text)
    return text


def find_grounds(spans: Iterable[Span], boxes: list[RedactionBox]) -> list[FoundGround]:
    """Every ground cited in ``spans``.

    A section number counts when its sentence names the Act, talks about withholding, sits next to a box or
    is nothing but the citation ("s.43"); a keyword ("commercially sensitive") counts when its sentence talks
    about withholding, sits next to a box or is a short label. So the data-protection clause of a contract
    ("the Supplier shall process Personal Data ...") and a heading "Section 40 Insurance" are not grounds.
    """
    found: list[FoundGround] = []
    seen: set[tuple[str, int, str]] = set()
    for span in spans:
        near = span.bbox is not None and any(
            b.page == span.page and b.bbox is not None and gap(b.bbox, span.bbox) <= NEAR_BOX for b in boxes
        )
        for code, label in _codes(span.text, near=near):
            quote = " ".join(span.text.split())[:300]
            key = (code, span.page, quote)
            if key not in seen:
                seen.add(key)
                found.append(FoundGround(Ground(code=code, label=label, page=span.page, quote=quote), span.bbox))
    return found


def attach_grounds(boxes: list[RedactionBox], grounds: list[FoundGround]) -> list[RedactionBox]:
    """Give each box the code of the nearest ground cited on its page (``None`` when its page cites none)."""
    result = []
    for box in boxes:
        on_page = [g for g in grounds if g.ground.page == box.page]
        if not on_page:
            result.append(box)
            continue
        best = on_page[0]
        if box.bbox is not None:
            located = [(gap(g.bbox, box.bbox), i, g) for i, g in enumerate(on_page) if g.bbox is not None]
            best = min(located)[2] if located else best
        result.append(replace(box, ground=best.ground.code))
    return result


def _codes(text: str, near: bool) -> list[tuple[str, str]]:
    codes: list[tuple[str, str]] = []
    context = near or bool(_WITHHOLDING_RE.search(text))
    short = len(text.split()) <= 4
    if not (context or short or _DIGIT_RE.search(text)):
        return codes  # every citation has a number, and a keyword counts only in context or a short label
    if _PA2023_RE.search(text):
        codes.append(("PA2023 s.94", "Procurement Act 2023 s.94: exempt from publication"))
    for match in _EIR_RE.finditer(text):
        ref = re.sub(r"\s+", "", match.group(1) or match.group(2))
        if ref in EIR_EXCEPTIONS:
            codes.append((f"EIR {ref}", f"EIR reg. {ref}: {EIR_EXCEPTIONS[ref]}"))
    scottish = bool(_FOISA_RE.search(text))
    act = scottish or bool(_FOIA_RE.search(text))
    table, prefix = (FOISA_SECTIONS, "FOISA") if scottish else (FOIA_SECTIONS, "FOIA")
    for match in _SECTION_RE.finditer(text):
        number = match.group(1).upper()
        if number in table and (act or context or _bare(text, table[number])):
            codes.append((f"{prefix} s.{number}", f"{prefix} s.{number}: {table[number]}"))
    if context or short:
        for code, (pattern, label) in _KEYWORDS.items():
            if pattern.search(text):
                codes.append((code, label))
    return list(dict.fromkeys(codes))


def _bare(text: str, label: str) -> bool:
    """Whether ``text`` is nothing but citations and the exemption's own name ("s.43",
    "Section 43(2) - commercial interests"), as printed on or beside a box."""
    rest = re.findall(r"[a-z]+", strip_citations(text).lower())
    allowed = set(re.findall(r"[a-z]+", label.lower())) | CONNECTIVES
    return all(word in allowed for word in rest)
