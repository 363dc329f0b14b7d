"""Report stage, JSON face: the :class:`Report` as JSON, in the shape of ``schema/report.schema.json``."""

from __future__ import annotations

import dataclasses
import json

from tenderlens.model import Report


def to_json(report: Report) -> str:
    """``dataclasses.asdict(report)`` as indented JSON. Keys keep the model's field order, so the output is
    stable from run to run and diffs well; tuples become arrays and non-ASCII text is kept as is."""
    return json.dumps(dataclasses.asdict(report), indent=2, ensure_ascii=False)
