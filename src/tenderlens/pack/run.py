"""Pack stage, recipe: gather the pack's files -> audit each with the one-file pipeline -> combine.

The checklist and the clause model are loaded once and reused for every file. A file that cannot be audited
becomes a skipped entry with the reason and its error class; the pack goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tenderlens import ingest, segment
from tenderlens.clauses.checklist import Checklist
from tenderlens.exceptions import ArchiveError, TenderLensError
from tenderlens.model import PackReport, SkippedFile
from tenderlens.options import AuditOptions
from tenderlens.pack.archive import PackLimits, PackMember
from tenderlens.pack.combine import AuditedFile, combine
from tenderlens.pack.inputs import gather
from tenderlens.pack.references import citations

_OPENING_LINES = 5


def run_pack(
    paths: Sequence[Path], options: AuditOptions, checklist: Checklist, limits: PackLimits | None = None
) -> PackReport:
    """The :class:`PackReport` for the pack at ``paths`` (see ``tenderlens.api.audit_pack``)."""
    with gather(paths, limits) as (members, skipped):
        audited: list[AuditedFile] = []
        for member in members:
            outcome = audit_member(member, options, checklist)
            if isinstance(outcome, SkippedFile):
                skipped.append(outcome)
            else:
                audited.append(outcome)
    if not audited:
        listed = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5]) or "it holds no files"
        raise ArchiveError(f"Nothing in the pack could be audited ({listed}).")
    label = paths[0].name if len(paths) == 1 else f"{len(paths)} files"
    return combine(label, audited, skipped, checklist, options)


def audit_member(member: PackMember, options: AuditOptions, checklist: Checklist) -> AuditedFile | SkippedFile:
    """One pack file audited with the one-file pipeline, named as in the pack; or why it was skipped."""
    from tenderlens.api import audit_spans

    try:
        document = ingest.read_document(member.path, options)
        spans = segment.segment(document)
        report = audit_spans(document, spans, options, checklist)
    except TenderLensError as err:
        return SkippedFile(member.name, str(err).replace(str(member.path), member.name), type(err).__name__)
    opening = [line.text.strip() for line in document.pages[0].lines[:_OPENING_LINES]] if document.pages else []
    labels = tuple(label for label in (report.document.title, *opening) if label)
    return AuditedFile(
        member.name,
        replace(report, document=replace(report.document, path=member.name)),
        labels,
        tuple(citations(member.name, spans)),
    )
