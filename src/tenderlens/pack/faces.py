"""Pack stage, what the faces share: when an input is a pack, and the ``--fail-on`` gate for a pack report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from tenderlens.model import PackReport
from tenderlens.options import AuditOptions
from tenderlens.pack.archive import is_archive
from tenderlens.pack.render import render_pack
from tenderlens.report.gate import fail_on_values, low_weighting


def is_pack(paths: Sequence[Path]) -> bool:
    """True when ``paths`` make a pack: several files, a folder, or a ZIP that is not a DOCX."""
    if len(paths) != 1:
        return True
    path = paths[0]
    return path.is_dir() or (path.is_file() and is_archive(path))


def scan_pack(paths: Sequence[Path], options: AuditOptions, fmt: str, fail_on: Iterable[str]) -> tuple[str, list[str]]:
    """The rendered pack report and the reasons it fails the gate (``tenderlens scan FOLDER|ZIP|FILE…``)."""
    from tenderlens.api import audit_pack

    report = audit_pack(list(paths), options)
    return render_pack(report, fmt), pack_gate(report, fail_on)


def pack_gate(report: PackReport, fail_on: Iterable[str]) -> list[str]:
    """The reasons a pack fails ``--fail-on`` (same values as for one document; see ``report.gate``).

    Raises:
        BadArgumentsError: ``fail_on`` holds a value not in ``GATE_VALUES``.
    """
    fail_on = fail_on_values(fail_on)
    reasons = [f"{f.category} is {f.status}" for f in report.findings if f.status in fail_on]
    if "leak" in fail_on and report.redaction.leaks:
        leaky = ", ".join(f.path for f in report.files if f.leaks)
        reasons.append(f"{report.redaction.leaks} redaction(s) leak the text underneath ({leaky})")
    if "heavy" in fail_on and report.redaction.heavy_files:
        reasons.append(f"heavily redacted: {', '.join(report.redaction.heavy_files)}")
    placeholders = sum(f.placeholders for f in report.files)
    if "placeholder" in fail_on and placeholders:
        reasons.append(f"{placeholders} placeholder(s) left in the pack's text")
    if "low_weighting" in fail_on and report.social_value.meets_minimum is False:
        reasons.append(low_weighting(report.social_value))
    return reasons
