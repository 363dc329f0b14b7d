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

from tenderlens.model import PackReport, Report
from tenderlens.report.build import SCHEMA_VERSION

SCHEMA_ID = f"urn:tenderlens:report-schema:{SCHEMA_VERSION}"
PACK_SCHEMA_ID = f"urn:tenderlens:pack-report-schema:{SCHEMA_VERSION}"
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "schema" / "report.schema.json"
DEFAULT_PACK_PATH = DEFAULT_PATH.with_name("pack-report.schema.json")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``to_json(report)``.

    ``dataclasses.asdict`` writes every field, so every property is required, and no others are allowed: a
    consumer can rely on the shape, and a field added to the model without regenerating the file fails tests.
    """
    return _schema(Report, SCHEMA_ID, "TenderLens responsibility-gap report", "scan FILE")


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a pack report (``tenderlens scan FOLDER|PACK.zip --format json``), built the same way."""
    return _schema(PackReport, PACK_SCHEMA_ID, "TenderLens tender-pack report", "scan FOLDER|PACK.zip")


def _schema(model: type, schema_id: str, title: str, command: str) -> dict[str, Any]:
    schema = TypeAdapter(model).json_schema(mode="serialization")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if definition.get("type") == "object" and "properties" in definition:
            definition["required"] = list(definition["properties"])
            definition["additionalProperties"] = False
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "description": f"Report schema {SCHEMA_VERSION}, written by `tenderlens {command} --format json`.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """The schema (default: the report's) as the file holds it (indented, trailing newline)."""
    return json.dumps(schema or report_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the report schema (to ``argv[0]`` if given) and the pack-report schema beside it."""
    path = Path(argv[0]) if argv else DEFAULT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    pack_path = path.with_name(DEFAULT_PACK_PATH.name)
    pack_path.write_text(schema_text(pack_schema()), encoding="utf-8")
    print(f"wrote {path} and {pack_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
