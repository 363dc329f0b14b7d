"""The checklist is data: the bundled file loads, a user's copy is validated with errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tenderlens.clauses.checklist import bundled_text, load_checklist, parse_checklist
from tenderlens.exceptions import FileAccessError, InvalidChecklistError

CATEGORY_IDS = ("explainability", "data_ownership", "foi", "inclusion", "impact_evaluation")


def test_bundled_checklist_has_every_public_category_with_guidance() -> None:
    checklist = load_checklist()
    assert checklist.category_ids == CATEGORY_IDS
    for cat in checklist.categories:
        assert cat.why and cat.suggestion and cat.questions and cat.signals, cat.id
    assert checklist.social_value.minimum_percent == 10


def test_exported_copy_can_be_edited_and_loaded(tmp_path: Path) -> None:
    raw = yaml.safe_load(bundled_text())
    raw["version"] = "my-council-1"
    raw["social_value"]["minimum_percent"] = 15
    path = tmp_path / "strict.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    checklist = load_checklist(path)
    assert checklist.version == "my-council-1"
    assert checklist.social_value.minimum_percent == 15


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.pop("version"), "missing required field 'version'"),
        (lambda r: r.update(schema="other/9"), "'schema' must be"),
        (lambda r: r["categories"][0].update(applies_if=["nonsense"]), "unknown scope"),
        (lambda r: r["categories"][1].update(contrary=["(unclosed"]), "bad regular expression"),
        (lambda r: r["categories"][2].update(questions="not a list"), "categories[2].questions"),
        (lambda r: r["categories"].append(dict(r["categories"][0])), "unique ids"),
        (lambda r: r["social_value"].update(minimum_percent="ten"), "expected a number"),
        (lambda r: r["scopes"][0]["terms"].append("="), "scopes[0].terms: '=' must be followed"),
        (lambda r: r["categories"][2]["contrary"].append({"unless": "x"}), "missing required field 'pattern'"),
        (
            lambda r: r["categories"][2]["contrary"].append({"pattern": "x", "unless": "(unclosed"}),
            "categories[2].contrary[",
        ),
        (lambda r: r["parties"].update(read_as=["Licensor"]), "parties.read_as: expected a mapping"),
    ],
)
def test_invalid_checklist_names_the_field(mutate, message: str) -> None:
    raw = yaml.safe_load(bundled_text())
    mutate(raw)
    with pytest.raises(InvalidChecklistError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_checklist(yaml.safe_dump(raw), source="mine.yaml")


def test_yaml_syntax_error_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidChecklistError, match="not valid YAML"):
        parse_checklist("categories: [unclosed", source="x.yaml")
    with pytest.raises(FileAccessError):
        load_checklist(tmp_path / "nope.yaml")
