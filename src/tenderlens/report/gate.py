"""Report stage, pre-publication gate: the reasons a draft should not go out (``--fail-on``)."""

from __future__ import annotations

from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import Report
from tenderlens.report.leaks import leak_places

GATE_VALUES: tuple[str, ...] = (
    "missing",
    "partial",
    "contrary",
    "leak",
    "heavy",
    "placeholder",
    "low_weighting",
)
"""What ``--fail-on`` accepts: finding statuses, plus redaction leaks, heavy redaction, template placeholders
left in the text and a social-value weighting below the checklist's minimum."""


def gate(report: Report, fail_on: set[str]) -> list[str]:
    """The reasons ``report`` fails the gate; an empty list means it passes.

    Args:
        report: an audited document.
        fail_on: a subset of :data:`GATE_VALUES`.

    Raises:
        BadArgumentsError: ``fail_on`` holds a value not in :data:`GATE_VALUES`.
    """
    unknown = set(fail_on) - set(GATE_VALUES)
    if unknown:
        raise BadArgumentsError(f"Unknown gate value(s) {sorted(unknown)}; use {', '.join(GATE_VALUES)}.")
    reasons = [f"{f.category} is {f.status}" for f in report.findings if f.status in fail_on]
    redaction = report.redaction
    if "leak" in fail_on and redaction.leaky:
        reasons.append(f"{len(redaction.leaky)} redaction(s) leak hidden text ({leak_places(redaction.leaky)})")
    if "heavy" in fail_on and redaction.heavy:
        reasons.append(
            f"{redaction.redacted_fraction:.0%} of the document is redacted (threshold {redaction.heavy_threshold:.0%})"
        )
    if "placeholder" in fail_on and report.placeholders:
        reasons.append(f"{len(report.placeholders)} placeholder(s) left in the text")
    sv = report.social_value
    if "low_weighting" in fail_on and sv.meets_minimum is False:
        stated = f"{sv.weighting_percent:g}%" if sv.weighting_percent is not None else "not stated"
        reasons.append(f"social-value weighting {stated}, below the {sv.minimum_percent:g}% minimum")
    return reasons
