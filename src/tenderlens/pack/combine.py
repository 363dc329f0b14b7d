"""Pack stage, verdicts: the per-file Reports of a tender pack -> one :class:`PackReport`.

Per safeguard: ``contrary`` in any file makes the pack contrary, naming the files; otherwise the best evidence in
any file decides (``present`` > ``partial`` > ``missing``), so a safeguard written in the data-processing schedule
is present for the pack even though the core terms lack it. Evidence that only incorporates another document
("Schedule 5 (Data Processing) applies") counts when that document is in the pack (``refers_to``); when it is
not, it counts as ``partial`` and the finding says what is relied on and not supplied. A safeguard applies to
the pack when it applies to any file. Social value is read from the evaluation criteria; redaction is summed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tenderlens import __version__
from tenderlens.clauses.checklist import Category, Checklist
from tenderlens.clauses.decide import INCORPORATED
from tenderlens.model import (
    Action,
    Evidence,
    Finding,
    PackEvidence,
    PackFile,
    PackFinding,
    PackInfo,
    PackRedaction,
    PackReport,
    PackSocialValue,
    RedactionReport,
    Report,
    SkippedFile,
    Status,
)
from tenderlens.options import AuditOptions
from tenderlens.pack.references import Citation, PackIndex, citations_in, cross_references
from tenderlens.report.build import SCHEMA_VERSION, summarise

MAX_EVIDENCE = 8
_MAX_ACTIONS = 3
_RANK: dict[str, int] = {"present": 2, "partial": 1}
_CRITERIA_FILE = re.compile(r"evaluat|award criteria|criteria|invitation to tender|\bitt\b", re.IGNORECASE)


@dataclass(frozen=True)
class AuditedFile:
    """One audited pack file: its report (named as in the pack), what it calls itself, and what it cites."""

    name: str
    report: Report
    labels: tuple[str, ...]
    citations: tuple[Citation, ...]


def combine(
    label: str,
    files: Sequence[AuditedFile],
    skipped: Sequence[SkippedFile],
    checklist: Checklist,
    options: AuditOptions,
) -> PackReport:
    """The pack report for ``files`` (in pack order), listing ``skipped`` files with their reasons."""
    index = PackIndex.build((f.name, f.labels) for f in files)
    findings = tuple(_finding(category, files, index) for category in checklist.categories)
    redaction = _redaction(files, options.heavy_threshold)
    summary = summarise([_as_finding(f) for f in findings], _NO_REDACTION)
    return PackReport(
        schema_version=SCHEMA_VERSION,
        tenderlens_version=__version__,
        checklist_version=checklist.version,
        engine=files[0].report.engine,
        pack=PackInfo(label, len(files), len(skipped), sum(f.report.document.pages for f in files)),
        findings=findings,
        references=cross_references([c for f in files for c in f.citations], index),
        social_value=_social_value(files, checklist),
        redaction=redaction,
        summary=replace(summary, top_actions=_actions(findings, redaction, files)),
        files=tuple(_file(f) for f in files),
        skipped=tuple(skipped),
        warnings=tuple(f"{f.name}: {w}" for f in files for w in f.report.warnings),
    )


def _finding(category: Category, files: Sequence[AuditedFile], index: PackIndex) -> PackFinding:
    per_file = [(f.name, f.report.finding(category.id)) for f in files]
    applicable = [(name, found) for name, found in per_file if found.status != "not_applicable"]
    base = {"category": category.id, "title": category.title}
    if not applicable:
        name, first = per_file[0]
        return PackFinding(
            **base,
            status="not_applicable",
            evidence=tuple(_evidence(name, e) for e in first.evidence),
            reason=f"Applies in none of the {len(files)} files. {first.reason}",
            files_with_evidence=(),
            contrary_in=(),
            not_supplied=(),
            suggestion=None,
        )
    references = _compile(category.references)
    evidence: list[PackEvidence] = []
    not_supplied: list[str] = []
    for name, found in applicable:
        for e in found.evidence:
            item, missing = _resolve(_evidence(name, e), references, index)
            evidence.append(item)
            not_supplied += [m for m in missing if m not in not_supplied]
    contrary_in = tuple(name for name, found in applicable if found.status == "contrary")
    status = _status(contrary_in, evidence)
    chosen = sorted(evidence, key=lambda e: e.status != status)[:MAX_EVIDENCE]
    return PackFinding(
        **base,
        status=status,
        evidence=tuple(chosen),
        reason=_reason(status, category, chosen, contrary_in, not_supplied, len(applicable)),
        files_with_evidence=tuple(dict.fromkeys(e.file for e in evidence)),
        contrary_in=contrary_in,
        not_supplied=tuple(not_supplied),
        suggestion=None if status == "present" else category.suggestion,
    )


def _evidence(name: str, e: Evidence) -> PackEvidence:
    return PackEvidence(name, e.page, e.clause, e.quote, e.status, e.signal)


def _resolve(
    item: PackEvidence, references: re.Pattern[str] | None, index: PackIndex
) -> tuple[PackEvidence, list[str]]:
    """By-reference evidence matched to the pack file it names; if that is absent, partial and the name returned."""
    if item.signal != INCORPORATED:
        return item, []
    matched = references.search(item.quote) if references else None
    cited = citations_in(matched.group(0) if matched else item.quote, item.file, item.page, item.clause)
    if not cited:
        return item, []  # an outside standard ("the Algorithmic Transparency Recording Standard"), not a pack file
    target, _ = index.resolve(cited[0])
    if target is not None:
        return replace(item, refers_to=target), []
    return replace(item, status="partial"), [cited[0].cited_as]


def _status(contrary_in: Sequence[str], evidence: Sequence[PackEvidence]) -> Status:
    if contrary_in:
        return "contrary"
    best = max((_RANK.get(e.status or "", 0) for e in evidence), default=0)
    ranked: dict[int, Status] = {2: "present", 1: "partial", 0: "missing"}
    return ranked[best]


def _reason(
    status: Status,
    category: Category,
    chosen: Sequence[PackEvidence],
    contrary_in: Sequence[str],
    not_supplied: Sequence[str],
    applicable: int,
) -> str:
    relies = f" Relies on {_join(not_supplied)}, not supplied." if not_supplied else ""
    if status == "missing":
        return (
            f"Searched the {applicable} file(s) where it applies and found no clause on {category.title.lower()}. "
            f"Looked for: {'; '.join(category.searched_for)}."
        )
    first = next(e for e in chosen if e.status == status)
    where = f"{first.file}, {first.where()}"
    if status == "contrary":
        return (
            f"Clauses in {_join(contrary_in)} work against this safeguard (first at {where}); one contrary clause "
            f"anywhere in the pack must be fixed before publication.{relies}"
        )
    files = list(dict.fromkeys(e.file for e in chosen if e.status == status))
    if status == "partial":
        return f"Only weak, conditional or unsupplied provision in {_join(files)} (first at {where}).{relies}"
    return f"Binding clause(s) in {_join(files)} (first at {where}).{relies}"


def _join(names: Sequence[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _compile(patterns: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _social_value(files: Sequence[AuditedFile], checklist: Checklist) -> PackSocialValue:
    stated = [f for f in files if f.report.social_value.weighting_percent is not None]
    # The evaluation criteria decide; a weighting quoted in another file (a template, a guide) is a fallback.
    chosen = next((f for f in stated if _CRITERIA_FILE.search(f"{f.name} {' '.join(f.labels)}")), None)
    chosen = chosen or (stated[0] if stated else None)
    minimum = checklist.social_value.minimum_percent
    if chosen is None:
        return PackSocialValue(
            None, None, minimum, None, (), f"None of the {len(files)} files states a social-value weighting."
        )
    sv = chosen.report.social_value
    others = f" Also stated in: {_join([f.name for f in stated if f is not chosen])}." if len(stated) > 1 else ""
    return PackSocialValue(
        sv.weighting_percent,
        sv.meets_minimum,
        sv.minimum_percent,
        chosen.name,
        tuple(_evidence(chosen.name, e) for e in sv.evidence),
        f"{chosen.name}: {sv.reason}{others}",
    )


def _redaction(files: Sequence[AuditedFile], threshold: float) -> PackRedaction:
    pages = sum(f.report.document.pages for f in files)
    hidden = sum(f.report.redaction.redacted_fraction * f.report.document.pages for f in files)
    return PackRedaction(
        redacted_fraction=round(hidden / pages, 4) if pages else 0.0,
        pages=pages,
        boxes=sum(f.report.redaction.boxes for f in files),
        leaks=sum(len(f.report.redaction.leaky) for f in files),
        heavy_files=tuple(f.name for f in files if f.report.redaction.heavy),
        heavy_threshold=threshold,
    )


def _file(f: AuditedFile) -> PackFile:
    r = f.report
    return PackFile(
        path=f.name,
        sha256=r.document.sha256,
        format=r.document.format,
        pages=r.document.pages,
        title=r.document.title,
        statuses={x.category: x.status for x in r.findings},
        score=r.summary.score,
        redacted_fraction=r.redaction.redacted_fraction,
        redaction_boxes=r.redaction.boxes,
        leaks=len(r.redaction.leaky),
        weighting_percent=r.social_value.weighting_percent,
        placeholders=len(r.placeholders),
    )


def _actions(
    findings: Sequence[PackFinding], redaction: PackRedaction, files: Sequence[AuditedFile]
) -> tuple[Action, ...]:
    actions = []
    if redaction.leaks:
        leaky = [f.name for f in files if f.report.redaction.leaky]
        actions.append(
            Action("redaction", f"Fix the redactions that leave hidden text in {_join(leaky)}, and publish again.")
        )
    order = ("contrary", "missing", "partial")
    gaps = sorted((f for f in findings if f.status in order), key=lambda f: order.index(f.status))
    for f in gaps[:_MAX_ACTIONS]:
        if f.status == "contrary":
            text = f"{f.title}: rewrite the clauses in {_join(f.contrary_in)} that work against it."
        elif f.not_supplied:
            text = f"{f.title}: add {_join(f.not_supplied)} to the pack, or write the safeguard into the terms."
        elif f.status == "partial":
            text = f"{f.title}: make the wording binding ('shall') where it is weak ({_join(f.files_with_evidence)})."
        else:
            text = f"{f.title}: add a clause to the pack's terms; start from the suggested wording."
        actions.append(Action(f.category, text))
    return tuple(actions)


def _as_finding(f: PackFinding) -> Finding:
    """The pack finding in the single-document shape, so the summary is scored by the same rule."""
    evidence = tuple(Evidence(e.page, e.clause, e.quote, e.status) for e in f.evidence)
    return Finding(f.category, f.title, f.status, evidence, f.reason, (), 0.0, f.suggestion, "")


_NO_REDACTION = RedactionReport(0.0, (), 0, (), (), (), 0, False, 1.0)
"""Pack-level redaction actions are written here (naming files), so the shared summary sees none."""
