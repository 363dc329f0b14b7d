"""Report stage, contract: the JSON Schema of the JSON report, generated from the model dataclasses.

``python -m tenderlens.report.schema [PATH]`` writes it (default: ``schema/report.schema.json`` in the
repository); a test fails when the checked-in file differs from what the model generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from tenderlens.model import Report
from tenderlens.report.build import SCHEMA_VERSION

SCHEMA_ID = f"urn:tenderlens:report-schema:{SCHEMA_VERSION}"
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "schema" / "report.schema.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``to_json(report)``.

    ``dataclasses.asdict`` writes every field, so every property is required, and no others are allowed: a
    consumer can rely on the shape, and a field added to the model without regenerating the file fails tests.
    """
    schema = TypeAdapter(Report).json_schema(mode="serialization")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if definition.get("type") == "object" and "properties" in definition:
            definition["required"] = list(definition["properties"])
            definition["additionalProperties"] = False
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "TenderLens responsibility-gap report",
        "description": f"Report schema {SCHEMA_VERSION}, written by `tenderlens scan FILE --format json`.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as the file holds it (indented, trailing newline)."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
