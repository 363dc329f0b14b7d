"""The JSON report: its checked-in JSON Schema matches the model, real reports validate against it, and the
output is stable (same report, same bytes; keys in the model's order)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

import tenderlens
from report_builders import HOSTILE, clean_report, make_report
from tenderlens.model import Report
from tenderlens.report import render
from tenderlens.report.build import SCHEMA_VERSION
from tenderlens.report.json import to_json
from tenderlens.report.schema import report_schema, schema_text

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "report.schema.json"
TOP_LEVEL = ("document", "applicability", "findings", "redaction", "social_value", "placeholders", "summary")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_checked_in_schema_is_what_the_model_generates() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/report.schema.json is stale: run `python -m tenderlens.report.schema`"
    )


@pytest.mark.parametrize("report", [make_report(), clean_report()], ids=["gaps-and-leak", "clean"])
def test_reports_validate_against_the_schema(validator: jsonschema.Draft202012Validator, report: Report) -> None:
    data = json.loads(render(report, "json"))
    validator.validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(TOP_LEVEL) <= set(data)


def test_json_keeps_model_order_and_is_stable() -> None:
    report = make_report()
    text = to_json(report)
    assert text == to_json(make_report())
    data = json.loads(text)
    assert list(data) == [f.name for f in dataclasses.fields(Report)]
    assert list(data["summary"]["counts"]) == ["present", "partial", "contrary", "missing", "not_applicable"]
    # Document text survives untouched: JSON consumers do their own escaping.
    assert data["findings"][0]["evidence"][0]["quote"] == HOSTILE
    assert data["findings"][0]["evidence"][0]["bbox"] == [56, 100, 500, 113]


def test_social_value_null_when_not_stated(validator: jsonschema.Draft202012Validator) -> None:
    report = make_report()
    sv = dataclasses.replace(report.social_value, weighting_percent=None, meets_minimum=None)
    data = json.loads(to_json(dataclasses.replace(report, social_value=sv)))
    validator.validate(data)
    assert data["social_value"]["weighting_percent"] is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("summary"), "'summary' is a required property"),
        (lambda d: d.update(surprise=1), "Additional properties are not allowed"),
        (lambda d: d["findings"][0].update(status="fine"), "is not one of"),
        (lambda d: d.update(schema_version="0.1"), "was expected"),
        (lambda d: d["findings"][0]["evidence"][0].update(bbox=[1, 2]), r"\[1, 2\] is not valid"),
        (
            lambda d: d["social_value"].update(weighting_percent="ten"),
            "is not valid under any of the given schemas",
        ),
    ],
)
def test_schema_rejects_a_wrong_shape(validator: jsonschema.Draft202012Validator, mutate, message: str) -> None:
    data = copy.deepcopy(json.loads(to_json(make_report())))
    mutate(data)
    with pytest.raises(jsonschema.ValidationError, match=message):
        validator.validate(data)


def test_schema_is_generated_for_every_model_object() -> None:
    defs = report_schema()["$defs"]
    for name in ("DocumentInfo", "Finding", "Evidence", "RedactionReport", "Leak", "SocialValue", "Summary"):
        assert defs[name]["additionalProperties"] is False
        assert defs[name]["required"] == list(defs[name]["properties"])


EXAMPLES = sorted(p for p in (SCHEMA_FILE.parents[1] / "examples").glob("*") if p.suffix in (".pdf", ".docx"))


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_reports_validate(validator: jsonschema.Draft202012Validator, example: Path) -> None:
    data = json.loads(render(tenderlens.audit(example), "json"))
    validator.validate(data)
    assert data["document"]["sha256"] and data["summary"]["verdict"]
