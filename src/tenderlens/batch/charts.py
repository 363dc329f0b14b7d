"""Batch face, corpus report: the geometry of the summary's two SVG charts (the template draws them).

Kept apart from the template so the arithmetic is plain Python and the markup stays in one escaped template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHART_WIDTH = 640.0
LABEL_WIDTH = 150.0
ROW_HEIGHT = 28.0
BAR_HEIGHT = 18.0
HISTOGRAM_HEIGHT = 180.0
AXIS_SPACE = 36.0


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    share: float
    x: float
    width: float


@dataclass(frozen=True)
class BarRow:
    label: str
    y: float
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class StackedBars:
    width: float
    height: float
    label_width: float
    bar_height: float
    rows: tuple[BarRow, ...]


@dataclass(frozen=True)
class HistogramBar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Histogram:
    width: float
    height: float
    baseline: float
    maximum: int
    bars: tuple[HistogramBar, ...]


def stacked_bars(rows: Sequence[tuple[str, Sequence[int]]], statuses: Sequence[str]) -> StackedBars:
    """One 100% bar per row, split into the share of each status."""
    span = CHART_WIDTH - LABEL_WIDTH
    out = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts)
        x = LABEL_WIDTH
        segments = []
        for status, count in zip(statuses, counts, strict=True):
            share = count / total if total else 0.0
            if count:
                segments.append(Segment(status, count, share, round(x, 2), round(share * span, 2)))
            x += share * span
        out.append(BarRow(label, index * ROW_HEIGHT, total, tuple(segments)))
    return StackedBars(CHART_WIDTH, max(ROW_HEIGHT, len(out) * ROW_HEIGHT), LABEL_WIDTH, BAR_HEIGHT, tuple(out))


def histogram(bins: Sequence[tuple[str, int]]) -> Histogram:
    """Vertical bars, one per bin, scaled to the fullest bin."""
    maximum = max((count for _, count in bins), default=0)
    slot = CHART_WIDTH / max(1, len(bins))
    bars = []
    for index, (label, count) in enumerate(bins):
        height = HISTOGRAM_HEIGHT * count / maximum if maximum else 0.0
        x = index * slot + slot * 0.1
        bars.append(
            HistogramBar(
                label,
                count,
                round(x, 2),
                round(HISTOGRAM_HEIGHT - height, 2),
                round(slot * 0.8, 2),
                round(height, 2),
            )
        )
    return Histogram(CHART_WIDTH, HISTOGRAM_HEIGHT + AXIS_SPACE, HISTOGRAM_HEIGHT, maximum, tuple(bars))
