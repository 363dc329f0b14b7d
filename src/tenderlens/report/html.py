"""Report stage, HTML face: one self-contained page for a non-technical reader (inline CSS and SVG, no script,
no external request), rendered from ``templates/report.html.j2`` with autoescaping on, so document text such
as ``<script>`` shows as text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from tenderlens.model import RedactionReport, Report
from tenderlens.report.leaks import leaks_by_kind
from tenderlens.report.wording import (
    PLACEHOLDERS_WHY,
    REDACTION_WHY,
    SOCIAL_VALUE_QUESTIONS,
    SOCIAL_VALUE_WHY,
    STATUS_WORDS,
    THEME_LABELS,
    grouped_grounds,
    humanise,
    percent,
    redaction_summary,
    title_of,
)

# Chart geometry in SVG user units; the SVG scales to the page width through its viewBox.
_WIDTH, _HEIGHT = 720.0, 220.0
_LEFT, _RIGHT, _TOP, _BOTTOM = 48.0, 12.0, 22.0, 36.0
_MAX_BAR = 40.0
_MAX_X_LABELS = 24


@dataclass(frozen=True)
class PageBar:
    page: int
    x: float
    y: float
    width: float
    height: float
    label: str
    leak: bool
    show_page: bool


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    left: float
    top: float
    plot_width: float
    plot_height: float
    bars: tuple[PageBar, ...]
    threshold_y: float
    threshold_label: str

    def y_of(self, fraction: float) -> float:
        return round(self.top + self.plot_height * (1 - fraction), 1)


def to_html(report: Report) -> str:
    """The report as one HTML document (UTF-8 text)."""
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            r=report,
            title=title_of(report),
            status_words=STATUS_WORDS,
            chart=redaction_chart(report.redaction),
            redaction_summary=redaction_summary(report),
            grounds=grouped_grounds(report.redaction),
            leak_sections=leaks_by_kind(report.redaction.leaky),
            redaction_why=REDACTION_WHY,
            social_value_why=SOCIAL_VALUE_WHY,
            social_value_questions=SOCIAL_VALUE_QUESTIONS,
            placeholders_why=PLACEHOLDERS_WHY,
            theme_labels=THEME_LABELS,
        )
    )


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tenderlens.report", "templates"),
        # On for every template whatever its file name: all document text must be escaped.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = percent
    env.filters["humanise"] = humanise
    return env


def redaction_chart(redaction: RedactionReport) -> Chart:
    """Bar geometry for the per-page redaction chart: one bar per page, the share of the page redacted."""
    plot_w = _WIDTH - _LEFT - _RIGHT
    plot_h = _HEIGHT - _TOP - _BOTTOM
    n = max(len(redaction.pages), 1)
    slot = plot_w / n
    every = math.ceil(n / _MAX_X_LABELS)
    pages_with_leaks = set(redaction.leak_pages)
    bars = []
    for i, page in enumerate(redaction.pages):
        fraction = min(max(page.fraction, 0.0), 1.0)
        # A sliver of a page still gets a visible bar: a small redaction is still a redaction.
        height = max(plot_h * fraction, 2.0) if fraction > 0 or page.boxes else 0.0
        width = min(max(slot * 0.7, 1.0), _MAX_BAR)
        bars.append(
            PageBar(
                page=page.page,
                x=round(_LEFT + i * slot + (slot - width) / 2, 2),
                y=round(_TOP + plot_h - height, 2),
                width=round(width, 2),
                height=round(height, 2),
                label=f"Page {page.page}: {percent(fraction)} redacted",
                leak=page.page in pages_with_leaks,
                show_page=i % every == 0 or i == n - 1,
            )
        )
    threshold = min(max(redaction.heavy_threshold, 0.0), 1.0)
    return Chart(
        width=_WIDTH,
        height=_HEIGHT,
        left=_LEFT,
        top=_TOP,
        plot_width=plot_w,
        plot_height=plot_h,
        bars=tuple(bars),
        threshold_y=round(_TOP + plot_h * (1 - threshold), 2),
        threshold_label=f"heavy: {percent(threshold)}",
    )
