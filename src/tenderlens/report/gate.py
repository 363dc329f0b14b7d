"""Report stage, pre-publication gate: the reasons a draft should not go out (``--fail-on``)."""

from __future__ import annotations

from collections.abc import Iterable

from tenderlens.exceptions import BadArgumentsError
from tenderlens.model import PackSocialValue, Report, SocialValue
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


def fail_on_values(values: str | Iterable[str]) -> frozenset[str]:
    """The gate values asked for: ``--fail-on``'s comma-separated text, or values already split.

    Raises:
        BadArgumentsError: a value not in :data:`GATE_VALUES`.
    """
    parts = values.split(",") if isinstance(values, str) else values
    wanted = frozenset(v.strip() for v in parts if v.strip())
    unknown = wanted - set(GATE_VALUES)
    if unknown:
        raise BadArgumentsError(f"--fail-on: unknown value(s) {sorted(unknown)}; use {', '.join(GATE_VALUES)}.")
    return wanted


def gate(report: Report, fail_on: Iterable[str]) -> list[str]:
    """The reasons ``report`` fails the gate; an empty list means it passes.

    Args:
        report: an audited document.
        fail_on: values of :data:`GATE_VALUES` (checked by :func:`fail_on_values`).

    Raises:
        BadArgumentsError: ``fail_on`` holds a value not in :data:`GATE_VALUES`.
    """
    fail_on = fail_on_values(fail_on)
    reasons = [f"{f.category} is {f.status}" for f in report.findings if f.status in fail_on]
    redaction = report.redaction
    if "leak" in fail_on and redaction.leaky:
        reasons.append(f"{len(redaction.leaky)} redaction(s) leak hidden text ({leak_places(redaction)})")
    if "heavy" in fail_on and redaction.heavy:
        reasons.append(
            f"{redaction.redacted_fraction:.0%} of the document is redacted (threshold {redaction.heavy_threshold:.0%})"
        )
    if "placeholder" in fail_on and report.placeholders:
        reasons.append(f"{len(report.placeholders)} placeholder(s) left in the text")
    if "low_weighting" in fail_on and report.social_value.meets_minimum is False:
        reasons.append(low_weighting(report.social_value))
    return reasons


def low_weighting(sv: SocialValue | PackSocialValue) -> str:
    """The ``low_weighting`` reason, for a document or a pack."""
    stated = f"{sv.weighting_percent:g}%" if sv.weighting_percent is not None else "not stated"
    return f"social-value weighting {stated}, below the {sv.minimum_percent:g}% minimum"
