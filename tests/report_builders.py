"""Report builders for the renderer tests: real :class:`Report` objects with the bundled checklist's wording,
evidence quotes that carry hostile text (``<script>``, Markdown and rich markup) and a redaction section with
per-page measures, grounds and a leak."""

from __future__ import annotations

from dataclasses import replace

from tenderlens.clauses.checklist import load_checklist
from tenderlens.model import (
    DocumentInfo,
    Evidence,
    Finding,
    Ground,
    Leak,
    PageRedaction,
    Placeholder,
    RedactionBox,
    RedactionReport,
    Report,
    ScopeFinding,
    SocialValue,
    Status,
)
from tenderlens.report.build import SCHEMA_VERSION, summarise

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
HOSTILE = f"The Supplier shall explain decisions {SCRIPT} and [bold]not[/bold] *this* | pipe {IMG}."

STATUSES: dict[str, Status] = {
    "explainability": "contrary",
    "data_ownership": "partial",
    "foi": "present",
    "inclusion": "missing",
    "impact_evaluation": "not_applicable",
}


def finding(category: str, status: Status, quote: str = "The Supplier shall do it.") -> Finding:
    """A Finding worded from the bundled checklist, with one quote unless the status is missing."""
    cat = load_checklist().category(category)
    gap = status in ("missing", "partial", "contrary")
    evidence = (
        ()
        if status in ("missing", "not_applicable")
        else (
            Evidence(
                page=3,
                clause="4.2",
                quote=quote,
                status=status,
                signal=cat.signals[0].id,
                bbox=(56, 100, 500, 113),
            ),
        )
    )
    return Finding(
        category=category,
        title=cat.title,
        status=status,
        evidence=evidence,
        reason=f"Reason for {category}.",
        searched_for=cat.searched_for,
        confidence=0.9,
        suggestion=cat.suggestion if gap else None,
        why_it_matters=cat.why,
        questions=cat.questions if gap else (),
    )


def redaction(leak_text: str = "Northern Data Hosting Ltd", pages: int = 4, heavy: bool = False) -> RedactionReport:
    """Boxes on pages 2 and 3, a leak on page 2, section 43 cited once; page 3 is half blacked out."""
    fractions = {2: 0.08, 3: 0.5}
    box = (100.0, 200.0, 300.0, 214.0)
    return RedactionReport(
        redacted_fraction=sum(fractions.values()) / pages,
        pages=tuple(
            PageRedaction(page=n, fraction=fractions.get(n, 0.0), boxes=2 if n in fractions else 0)
            for n in range(1, pages + 1)
        ),
        boxes=4,
        box_list=(
            RedactionBox(2, box, "vector", "s.43"),
            RedactionBox(2, box, "vector", None),
            RedactionBox(3, box, "vector", None),
            RedactionBox(3, box, "image", None),
        ),
        leaky=(Leak(page=2, bbox=box, text=leak_text),) if leak_text else (),
        grounds=(
            Ground(
                code="FOIA s.43",
                label="FOIA s.43 Commercial interests",
                page=2,
                quote="withheld under section 43",
            ),
        ),
        unexplained_boxes=3,
        heavy=heavy,
        heavy_threshold=0.25,
        markers=1,
    )


def social_value(percent: float | None = 5.0) -> SocialValue:
    return SocialValue(
        weighting_percent=percent,
        meets_minimum=None if percent is None else percent >= 10,
        minimum_percent=10.0,
        evidence=(Evidence(page=4, clause="7.1", quote=f"Social value | {percent}%"),),
        themes=("inclusion",),
        reason="Social value is weighted 5% (page 4, clause 7.1); this is below the 10% minimum.",
    )


def make_report(
    statuses: dict[str, Status] | None = None,
    quote: str = HOSTILE,
    title: str | None = "Draft ITT <b>AI triage</b>",
    leak_text: str = "Northern Data Hosting Ltd",
    placeholder: str = "[Insert contract start date]",
    pages: int = 4,
) -> Report:
    """A full Report; ``summary`` is computed by the real ``report.build.summarise``."""
    statuses = statuses or STATUSES
    findings = tuple(finding(cat, status, quote) for cat, status in statuses.items())
    red = redaction(leak_text, pages)
    return Report(
        schema_version=SCHEMA_VERSION,
        tenderlens_version="0.1.0",
        checklist_version=load_checklist().version,
        engine="classic",
        document=DocumentInfo(
            path="/tmp/draft.pdf",
            sha256="ab" * 32,
            format="pdf",
            pages=pages,
            ocr_pages=(4,),
            clauses=12,
            title=title,
        ),
        applicability=(
            ScopeFinding(
                "automated_decisions",
                True,
                "2 terms: machine learning, priority score",
                (Evidence(page=1, clause="1.1", quote="uses machine learning"),),
            ),
            ScopeFinding("public_facing", False, "no public-facing terms"),
        ),
        findings=findings,
        redaction=red,
        social_value=social_value(),
        placeholders=(Placeholder(page=1, clause="1.3", quote=placeholder, kind="insert"),) if placeholder else (),
        summary=summarise(findings, red),
        warnings=("Page 4 was read with OCR; check its quotes.",),
    )


def clean_report() -> Report:
    """No gaps, no redaction, no placeholders: the all-clear case."""
    report = make_report(
        {c: "present" for c in STATUSES}, quote="The Supplier shall do it.", leak_text="", placeholder=""
    )
    empty = replace(
        report.redaction,
        redacted_fraction=0.0,
        boxes=0,
        box_list=(),
        grounds=(),
        unexplained_boxes=0,
        markers=0,
        pages=tuple(replace(p, fraction=0.0, boxes=0) for p in report.redaction.pages),
    )
    return replace(report, redaction=empty, summary=summarise(report.findings, empty))
