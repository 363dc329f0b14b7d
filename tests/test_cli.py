"""The command line in-process (exit codes by name) and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clause_builders import AI_SCOPE, build_tender_pdf
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return build_tender_pdf(
        tmp_path / "draft.pdf",
        [
            [
                "# 1. Scope",
                AI_SCOPE,
                "# 7. Data",
                "7.1 All derived data and models trained on Council Data shall vest in the Supplier.",
            ]
        ],
    )


def test_scan_json_has_the_published_top_level_keys(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["scan", str(draft), "--format", "json", "--engine", "classic"]) == ExitCode.ok
    report = json.loads(capsys.readouterr().out)
    for key in (
        "schema_version",
        "document",
        "applicability",
        "findings",
        "redaction",
        "social_value",
        "placeholders",
        "summary",
    ):
        assert key in report
    assert report["document"]["pages"] == 1 and report["document"]["format"] == "pdf"
    statuses = {f["category"]: f["status"] for f in report["findings"]}
    assert statuses["data_ownership"] == "contrary"


def test_fail_on_gate_exits_gaps_found(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.md"
    code = run(
        [
            "scan",
            str(draft),
            "--format",
            "md",
            "--out",
            str(out),
            "--fail-on",
            "contrary",
            "--engine",
            "classic",
        ]
    )
    assert code == ExitCode.gaps_found
    assert out.read_text(encoding="utf-8").strip()
    gate_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert gate_line.startswith("tenderlens: GapsFoundError: ") and gate_line.endswith(". data_ownership is contrary")
    assert run(["scan", str(draft), "--fail-on", "nonsense"]) == ExitCode.bad_args


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "empty.pdf", ExitCode.input_file),
        (b"%PDF-1.7\n1 0 obj <<", "truncated.pdf", ExitCode.input_file),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "picture.pdf", ExitCode.input_file),
    ],
)
def test_bad_input_is_one_line_and_a_documented_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, name: str, code: ExitCode
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert run(["scan", str(path)]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tenderlens: ") and "Traceback" not in err[0]


def test_missing_file_and_bad_checklist(tmp_path: Path, draft: Path) -> None:
    assert run(["scan", str(tmp_path / "nope.pdf")]) == ExitCode.file_access
    bad = tmp_path / "c.yaml"
    bad.write_text("schema: tenderlens-checklist/1\nversion: 1\n", encoding="utf-8")
    assert run(["scan", str(draft), "--checklist", str(bad)]) == ExitCode.invalid_checklist


def test_text_prints_page_markers(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["text", str(draft)]) == ExitCode.ok
    out = capsys.readouterr().out
    assert out.startswith("=== page 1 (layer) ===")
    assert "shall vest in the Supplier" in out


def test_redactions_command_writes_pictures_of_the_leak(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["redactions", str(EXAMPLES / "redacted-contract.pdf"), "--png", str(tmp_path / "png")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["leaky"]) == 1 and "Northgate" in result["leaky"][0]["text"]
    assert list((tmp_path / "png").glob("*.png"))


def test_checklist_export_validates(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    assert run(["checklist", "export", str(out)]) == ExitCode.ok
    assert run(["checklist", "validate", str(out)]) == ExitCode.ok


def test_console_script_runs_as_a_subprocess() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tenderlens",
            "scan",
            str(EXAMPLES / "draft-tender-ai-triage.pdf"),
            "--format",
            "text",
            "--engine",
            "classic",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "need attention" in result.stdout
