"""Pack audits: one report across a tender pack's files, cross-references resolved, every face."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pack_builders import ANNEX_B_CONTRARY, CORE_TERMS, EVALUATION, SCHEDULE_5, write_pack, write_zip
from tenderlens import audit_pack
from tenderlens.cli import run
from tenderlens.exceptions import ArchiveError, ExitCode
from tenderlens.model import PackReport
from tenderlens.pack.render import render_pack
from tenderlens.report.schema import DEFAULT_PACK_PATH, pack_schema, schema_text

CCS = "realdocs/uk-ccs-contract-2017"


@pytest.fixture(scope="module")
def full_pack(tmp_path_factory: pytest.TempPathFactory) -> PackReport:
    folder = write_pack(
        tmp_path_factory.mktemp("pack") / "tender",
        core_terms=CORE_TERMS,
        schedule_5_data_processing=SCHEDULE_5,
        evaluation_criteria=EVALUATION,
    )
    return audit_pack(folder)


@pytest.fixture(scope="module")
def missing_schedule(tmp_path_factory: pytest.TempPathFactory) -> PackReport:
    folder = write_pack(tmp_path_factory.mktemp("pack") / "tender", core_terms=CORE_TERMS)
    return audit_pack(folder)


def test_a_safeguard_written_in_a_schedule_is_present_for_the_pack(full_pack: PackReport) -> None:
    finding = full_pack.finding("data_ownership")
    assert finding.status == "present"
    assert full_pack.files[0].path == "core-terms.txt"
    assert full_pack.files[0].statuses["data_ownership"] == "present"  # by reference only
    quotes = {(e.file, e.clause): e for e in finding.evidence}
    assert quotes[("schedule-5-data-processing.txt", "1.1")].quote.startswith("All Authority Data")
    by_reference = quotes[("core-terms.txt", "2.1")]
    assert by_reference.refers_to == "schedule-5-data-processing.txt"
    assert finding.not_supplied == ()


def test_a_referenced_schedule_not_in_the_pack_counts_as_partial_and_is_named(missing_schedule: PackReport) -> None:
    finding = missing_schedule.finding("data_ownership")
    assert finding.status == "partial"
    assert finding.not_supplied == ("Schedule 5 (Data Processing)",)
    assert "Relies on Schedule 5 (Data Processing), not supplied." in finding.reason
    absent = {r.cited_as: r for r in missing_schedule.references if r.resolved_to is None}
    assert absent["Schedule 5 (Data Processing)"].clause == "2.1"
    assert "the Specification" in absent


def test_a_contrary_clause_in_a_secondary_file_makes_the_pack_contrary(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "t", core_terms=CORE_TERMS, schedule_5=SCHEDULE_5, annex_b=ANNEX_B_CONTRARY)
    report = audit_pack(folder)
    finding = report.finding("data_ownership")
    assert finding.status == "contrary"
    assert finding.contrary_in == ("annex-b.txt",)
    assert finding.evidence[0].file == "annex-b.txt" and finding.evidence[0].status == "contrary"
    assert "annex-b.txt" in finding.reason
    assert any("annex-b.txt" in a.text for a in report.summary.top_actions)


def test_social_value_is_read_from_the_evaluation_criteria(full_pack: PackReport) -> None:
    sv = full_pack.social_value
    assert (sv.weighting_percent, sv.meets_minimum, sv.file) == (15.0, True, "evaluation-criteria.txt")
    assert sv.evidence[0].file == "evaluation-criteria.txt"


def test_per_file_breakdown_and_redaction_per_file_and_in_total(tmp_path: Path, tender_docx: Path) -> None:
    folder = write_pack(tmp_path / "t", core_terms=CORE_TERMS)
    (folder / "tender.docx").write_bytes(tender_docx.read_bytes())
    report = audit_pack(folder)
    files = {f.path: f for f in report.files}
    assert set(files) == {"core-terms.txt", "tender.docx"}
    assert files["tender.docx"].redaction_boxes > 0 and files["core-terms.txt"].redaction_boxes == 0
    pages = sum(f.pages for f in report.files)
    expected = sum(f.redacted_fraction * f.pages for f in report.files) / pages
    assert report.redaction.pages == pages
    assert report.redaction.redacted_fraction == pytest.approx(expected, abs=1e-4)
    assert report.redaction.boxes == sum(f.redaction_boxes for f in report.files)


def test_unreadable_files_are_skipped_with_the_reason(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "t", core_terms=CORE_TERMS)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (folder / "empty.txt").write_bytes(b"")
    report = audit_pack(folder)
    skipped = {s.path: s for s in report.skipped}
    assert skipped["logo.png"].error == "UnsupportedFormatError" and "PNG" in skipped["logo.png"].reason
    assert skipped["empty.txt"].error == "InputFileError"
    assert [f.path for f in report.files] == ["core-terms.txt"]


def test_a_pack_with_nothing_readable_is_an_archive_error(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "p.zip", [("__MACOSX/._x.txt", b"\0"), ("logo.png", b"\x89PNG\r\n\x1a\n")])
    with pytest.raises(ArchiveError, match="Nothing in the pack"):
        audit_pack(pack)
    assert run(["scan", str(pack)]) == ExitCode.input_file


def test_pack_json_validates_against_the_checked_in_pack_schema(full_pack: PackReport) -> None:
    assert DEFAULT_PACK_PATH.read_text(encoding="utf-8") == schema_text(pack_schema()), (
        "schema/pack-report.schema.json is stale: run `python -m tenderlens.report.schema`"
    )
    schema = json.loads(DEFAULT_PACK_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(render_pack(full_pack, "json")))


@pytest.mark.parametrize("fmt", ["md", "html", "text"])
def test_human_formats_name_files_quotes_and_absent_documents(missing_schedule: PackReport, fmt: str) -> None:
    out = render_pack(missing_schedule, fmt)
    assert "core-terms.txt" in out
    assert "Schedule 5 (Data Processing): cited 1 time(s)" in out
    assert "applies to this Contract" in out


def test_cli_scan_takes_a_zip_several_files_or_a_folder_and_gates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_pack(tmp_path / "t", core_terms=CORE_TERMS, annex_b=ANNEX_B_CONTRARY)
    files = sorted(str(p) for p in folder.iterdir())
    pack = write_zip(tmp_path / "pack.zip", [(Path(p).name, Path(p).read_bytes()) for p in files])
    for args in ([str(pack)], files, [str(folder)]):
        assert run(["scan", *args, "--format", "json"]) == ExitCode.ok
        report = json.loads(capsys.readouterr().out)
        assert [f["path"] for f in report["files"]] == ["annex-b.txt", "core-terms.txt"]
    assert run(["scan", str(folder), "--fail-on", "contrary"]) == ExitCode.gaps_found
    assert "data_ownership is contrary" in capsys.readouterr().err


def test_one_file_keeps_the_single_document_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pack(tmp_path / "t", core_terms=CORE_TERMS) / "core-terms.txt"
    assert run(["scan", str(path), "--format", "json"]) == ExitCode.ok
    assert "document" in json.loads(capsys.readouterr().out)


def test_ccs_pack_cross_references(shared_dir: Path) -> None:
    """Three real CCS files: the core terms cite schedules that are and are not in this selection."""
    folder = shared_dir / CCS
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    names = [
        "Core Terms FM1.4 CCSv2.7 161117.docx",
        "Joint Schedule 5 - Corporate Social Responsibility v.1.4.docx",
        "Framework Schedule 7 - Call-Off Procedure and Award Criteria v.1.4.docx",
    ]
    report = audit_pack([folder / n for n in names])
    refs = {r.cited_as: r for r in report.references}
    assert refs["Joint Schedule 5 (Corporate Social Responsibility)"].resolved_to == names[1]
    assert refs["Framework Schedule 7 (Call-Off Procedure and Award Criteria)"].resolved_to == names[2]
    cyber = refs["Framework Schedule 9 (Cyber Essentials)"]
    assert (cyber.resolved_to, cyber.file, cyber.clause) == (None, names[0], "10.4.1")
    assert report.social_value.file == names[2] and report.social_value.weighting_percent == 50.0


def test_a_schedule_number_under_another_name_is_not_the_cited_document() -> None:
    from tenderlens.pack.references import PackIndex, citations_in

    index = PackIndex.build(
        [
            ("schedule30.pdf", ("Call-Off Schedule 11 (Installation Works)",)),
            ("Call-Off Schedule 10 (O) - KPIs v.1.4.docx", ("Call-Off schedule 10 (Key Performance Indicators)",)),
            ("Joint Schedule 5 - Corporate Social Responsibility v.1.4.docx", ()),
        ]
    )

    def resolve(text: str) -> tuple[str | None, str | None]:
        return index.resolve(citations_in(text, "core.docx")[0])

    assert resolve("Call-Off Schedule 11 (Contract Management)") == (None, "schedule30.pdf")
    kpis = resolve("Call-Off Schedule 10 (Key Performance Indicators)")[0]
    assert kpis == "Call-Off Schedule 10 (O) - KPIs v.1.4.docx"
    assert (resolve("Joint Schedule J5 (Corporate Social Responsibility)")[0] or "").startswith("Joint Schedule 5")
    assert resolve("Call-Off Schedule 5 (Key Staff)") == (None, None)
    assert resolve("Framework Schedule 5") == (None, None)


def test_web_api_and_page_take_a_zip_or_several_files(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tenderlens.web.app import create_app
    from tenderlens.web.settings import WebSettings

    work = tmp_path / "work"
    work.mkdir()
    client = TestClient(create_app(WebSettings(work_dir=work)))
    core, annex = CORE_TERMS.encode(), ANNEX_B_CONTRARY.encode()
    pack = write_zip(tmp_path / "pack.zip", [("core-terms.txt", core), ("annex-b.txt", annex)])
    zipped = client.post("/api/v1/scan", files={"file": ("pack.zip", pack.read_bytes())})
    several = client.post("/api/v1/scan", files=[("file", ("core-terms.txt", core)), ("file", ("annex-b.txt", annex))])
    for response in (zipped, several):
        assert response.status_code == 200
        assert response.json()["pack"]["files"] == 2
        assert {f["path"] for f in response.json()["files"]} == {"core-terms.txt", "annex-b.txt"}
    page = client.post("/scan", files=[("file", ("core-terms.txt", core)), ("file", ("annex-b.txt", annex))])
    assert page.status_code == 200 and "annex-b.txt" in page.text and "<main" in page.text
    assert list(work.iterdir()) == []


def test_batch_groups_ocds_documents_by_ocid_into_packs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    docs = write_pack(tmp_path / "docs", core_terms=CORE_TERMS, annex_b=ANNEX_B_CONTRARY, terms=CORE_TERMS + "\n")
    (docs / "dpa.txt").write_text(SCHEDULE_5.replace("Schedule 5 (Data Processing)", "Data processing terms"))

    def release(ocid: str, *documents: tuple[str, str]) -> dict[str, object]:
        links = [{"id": name, "url": f"https://example.org/{name}", "title": title} for name, title in documents]
        return {"ocid": ocid, "id": f"{ocid}-1", "date": "2026-01-01T00:00:00Z", "tender": {"documents": links}}

    package = tmp_path / "releases.json"
    package.write_text(
        json.dumps(
            {
                "releases": [
                    # The schedule's own text does not name it; its OCDS title does.
                    release("ocds-a", ("core-terms.txt", "Core Terms"), ("dpa.txt", "Schedule 5 (Data Processing)")),
                    release("ocds-b", ("terms.txt", "Core Terms"), ("annex-b.txt", "Annex B"), ("gone.pdf", "Annex C")),
                ]
            }
        )
    )
    db = tmp_path / "r.sqlite"
    assert run(["batch", str(package), "--documents-dir", str(docs), "--db", str(db), "--workers", "1"]) == 0
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        packs = {r["ocid"]: r for r in con.execute("SELECT * FROM packs")}
    assert json.loads(packs["ocds-a"]["statuses"])["data_ownership"] == "present"
    assert (packs["ocds-a"]["documents"], packs["ocds-a"]["errors"]) == (2, 0)
    assert json.loads(packs["ocds-b"]["statuses"])["data_ownership"] == "contrary"
    assert packs["ocds-b"]["contrary_in"] == "annex-b.txt"
    assert "Schedule 5 (Data Processing)" in packs["ocds-b"]["not_supplied"]
    assert (packs["ocds-b"]["documents"], packs["ocds-b"]["errors"]) == (2, 1)
    capsys.readouterr()
    assert run(["export", "--db", str(db), "--table", "packs", "--format", "jsonl"]) == 0
    exported = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["ocid"] for row in exported] == ["ocds-a", "ocds-b"]
    assert run(["summary", "--db", str(db), "--html", str(tmp_path / "s.html")]) == 0
    assert "ocds-b" in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_a_citation_in_running_text_has_no_name_unless_bracketed() -> None:
    from tenderlens.pack.references import PackIndex, citations_in

    index = PackIndex.build([("Call-Off Schedule 1 Transparency Reports v.1.4.docx", ())])
    cited = citations_in("Call-Off Schedule 1 shall apply to this Contract.", "order-form.docx")[0]
    assert cited.name is None
    assert index.resolve(cited)[0] == "Call-Off Schedule 1 Transparency Reports v.1.4.docx"
