"""Report stage, words shared by the renderers: status labels and icons, and the "why it matters" text and
consequence-scanning questions for the sections that do not come from the checklist (redaction, social value,
placeholders). Safeguard wording comes from the checklist through each Finding.

The why-lines draw on Doteveryone's "Buying responsible technology" report (shared/context/).
"""

from __future__ import annotations

from dataclasses import dataclass

from tenderlens.model import RedactionReport, Report


@dataclass(frozen=True)
class StatusWord:
    label: str
    icon: str
    meaning: str


STATUS_WORDS: dict[str, StatusWord] = {
    "present": StatusWord("Present", "✓", "a binding clause covers it"),
    "partial": StatusWord("Partial", "◐", "covered only by weak or conditional wording"),
    "contrary": StatusWord("Contrary", "✗", "a clause works against it"),
    "missing": StatusWord("Missing", "!", "no clause covers it"),
    "not_applicable": StatusWord("Not applicable", "–", "does not apply to this document"),
}

REDACTION_WHY = (
    "Transparency over how public money is spent is how residents, journalists and other suppliers hold a "
    "contract to account. Deals that hand public data to suppliers are often hidden from scrutiny, and one "
    "published NHS contract was so redacted that it was unreadable. Every redaction should rest on a cited "
    "FOI exemption, and a redaction that leaves the text underneath in the file discloses exactly what it "
    "was meant to withhold."
)

SOCIAL_VALUE_WHY = (
    "The Public Services (Social Value) Act 2012 requires buyers to consider social, economic and "
    "environmental outcomes, and government proposed a minimum 10% weighting for social value in bid "
    "evaluation. For technology, social value can reward transparency in automated decision-making, a fair "
    "return on and control of public data, and services that do not exclude people. Without a weighting, "
    "responsible technology is not rewarded and the cheapest bid wins."
)

SOCIAL_VALUE_QUESTIONS = (
    "If two bids tie on price and quality, what in this evaluation rewards the one whose system can explain "
    "its decisions, protects residents' data and serves people who are offline?",
    "Which outcomes for residents would bidders compete on if social value carried real weight?",
)

PLACEHOLDERS_WHY = (
    "Template text left in a published tender or contract leaves obligations undefined and invites "
    "clarification questions, or disputes, later."
)

THEME_LABELS = {
    "transparency": "transparency in automated decision-making",
    "data": "valuing and controlling data",
    "inclusion": "inclusion and exclusion from services",
}


def title_of(report: Report) -> str:
    """The document's title, else its file name."""
    return report.document.title or report.document.path.replace("\\", "/").rsplit("/", 1)[-1]


def percent(fraction: float) -> str:
    """A fraction as a readable percentage: 0.1234 -> "12%", 0.004 -> "0.4%", 0 -> "0%"."""
    value = 100.0 * fraction
    return f"{value:.1f}%" if 0 < value < 1 else f"{value:.0f}%"


def humanise(identifier: str | None) -> str:
    """A checklist id as words: ``individual_explanation`` -> "individual explanation"."""
    return (identifier or "").replace("_", " ")


def redaction_summary(report: Report) -> str:
    """One sentence on how much is redacted, where and on what grounds."""
    r = report.redaction
    if not r.boxes and not r.markers:
        return "No redactions were found."
    pages = sum(1 for p in r.pages if p.boxes or p.fraction > 0)
    grounds = sorted({g.label for g in r.grounds})
    cited = f" Grounds cited: {'; '.join(grounds)}." if grounds else " No exemption is cited."
    markers = f" and {_count(r.markers, 'text marker')} such as [REDACTED]" if r.markers else ""
    unexplained = (
        f" {_count(r.unexplained_boxes, 'box', 'boxes')} with no ground cited nearby." if r.unexplained_boxes else ""
    )
    boxes = _count(r.boxes, "box", "boxes")
    return (
        f"{percent(r.redacted_fraction)} of the document is redacted: {boxes}{markers} on "
        f"{_count(pages, 'page')}.{cited}{unexplained}"
    )


def grouped_grounds(redaction: RedactionReport) -> list[tuple[str, int, str]]:
    """Grounds as ``(labels, page, quote)``: one sentence often cites several exemptions at once."""
    groups: dict[tuple[int, str], list[str]] = {}
    for g in redaction.grounds:
        labels = groups.setdefault((g.page, g.quote), [])
        if g.label not in labels:
            labels.append(g.label)
    return [("; ".join(labels), page, quote) for (page, quote), labels in groups.items()]


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
