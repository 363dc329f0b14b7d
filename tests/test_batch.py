"""Batch audits of a real mixed folder (TXT, PDF and the broken files real folders hold): one row per
document, errors as rows, re-runs that skip done work, exports and the corpus summary."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from batch_builders import write_bad_files, write_corpus, write_docx_bomb, write_pdf, write_txt
from tenderlens import ingest
from tenderlens.batch.work import Task, audit_task
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode
from tenderlens.options import AuditOptions

GOOD = 6
HOSTILE = "<img src=x onerror=alert(1)>.txt"
CATEGORIES = ("explainability", "data_ownership", "foi", "inclusion", "impact_evaluation")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder of GOOD documents, the bad files, a stray PNG that must be ignored and a hostile file name."""
    folder = tmp_path_factory.mktemp("mixed")
    write_corpus(folder / "tenders", GOOD - 1)
    write_txt(folder / HOSTILE, 63)
    bad = write_bad_files(folder / "broken")
    (folder / "broken" / "scan.png").write_bytes((folder / "broken" / "photo.pdf").read_bytes())
    return folder, bad


@pytest.fixture(scope="module")
def audited(mixed: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "results.sqlite"
    assert run(["batch", str(mixed[0]), "--db", str(db), "--workers", "2"]) == ExitCode.ok
    return db


def _rows(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        return con.execute(sql).fetchall()


def test_every_document_is_one_row_and_bad_files_are_error_rows(
    audited: Path, mixed: tuple[Path, dict[str, str]]
) -> None:
    documents = _rows(audited, "SELECT * FROM documents")
    errors = {Path(r["path"]).name: r for r in _rows(audited, "SELECT * FROM errors")}

    assert len(documents) == GOOD + 3
    assert sum(r["status"] == "ok" for r in documents) == GOOD
    assert {name: r["error_class"] for name, r in errors.items()} == mixed[1]
    assert errors["empty.pdf"]["exit_code"] == ExitCode.input_file
    assert "PNG" in errors["photo.pdf"]["message"]
    assert all(r["sha256"] for r in errors.values()), "bad files were read, so they are keyed by content"
    assert not any(r["path"].endswith(".png") for r in documents)


def test_each_audited_document_has_its_findings_redaction_and_report(audited: Path) -> None:
    ok = _rows(audited, "SELECT key, pages FROM documents WHERE status = 'ok'")
    categories = {r[0] for r in _rows(audited, "SELECT DISTINCT category FROM findings")}
    assert set(CATEGORIES) <= categories
    assert len(_rows(audited, "SELECT * FROM findings")) == len(ok) * len(categories)
    assert len(_rows(audited, "SELECT * FROM redactions")) == len(ok)
    for row in ok:
        (report,) = _rows(audited, f"SELECT json FROM reports WHERE sha256 = '{row['key']}'")
        assert json.loads(report["json"])["document"]["sha256"] == row["key"]
    assert {r["pages"] for r in ok} == {1, 2}, "TXT documents have one page, generated PDFs two"


def test_the_worker_keeps_the_parents_hash_instead_of_hashing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent hashes each file to key it; the worker's audit takes that key as the document's sha256."""
    path = write_txt(tmp_path / "tender.txt", 1)
    key = ingest.file_sha256(path)
    monkeypatch.setattr(ingest, "file_sha256", lambda _: pytest.fail("the file was hashed a second time"))
    outcome = audit_task(Task(key=key, path=str(path), options=AuditOptions()))
    assert outcome.ok and outcome.report_json is not None
    assert json.loads(outcome.report_json)["document"]["sha256"] == key


def test_rerun_skips_done_documents_and_force_redoes_them_without_duplicates(
    mixed: tuple[Path, dict[str, str]], audited: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.sqlite"
    with sqlite3.connect(audited) as source, sqlite3.connect(db) as target:
        source.backup(target)
    before = _rows(db, "SELECT key, status FROM documents ORDER BY key")

    assert run(["batch", str(mixed[0]), "--db", str(db), "--workers", "1"]) == ExitCode.ok
    assert run(["batch", str(mixed[0]), "--db", str(db), "--workers", "1", "--retry-errors"]) == ExitCode.ok
    assert run(["batch", str(mixed[0]), "--db", str(db), "--workers", "2", "--force"]) == ExitCode.ok

    runs = _rows(db, "SELECT audited, errors, skipped FROM runs ORDER BY id")
    assert [tuple(r) for r in runs[1:]] == [(0, 0, GOOD + 3), (0, 3, GOOD), (GOOD, 3, 0)]
    assert _rows(db, "SELECT key, status FROM documents ORDER BY key") == before
    assert len(_rows(db, "SELECT * FROM findings")) == len(_rows(audited, "SELECT * FROM findings"))


def test_export_csv_has_one_row_per_document_with_safeguard_columns(
    audited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", "--db", str(audited), "--format", "csv"]) == ExitCode.ok
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    assert len(rows) == GOOD + 3
    by_name = {Path(r["path"]).name: r for r in rows}
    assert by_name["truncated.pdf"]["error_class"] == "InputFileError"
    assert by_name["truncated.pdf"]["explainability"] == ""
    first = by_name["tender-00001.txt"]
    statuses = {"present", "partial", "contrary", "missing", "not_applicable"}
    assert {first[c] for c in CATEGORIES} <= statuses
    assert first["error_class"] == "" and first["redacted_fraction"] != ""


def test_export_jsonl_parquet_and_findings_agree(audited: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    jsonl, parquet, findings = tmp_path / "d.jsonl", tmp_path / "d.parquet", tmp_path / "f.csv"
    assert run(["export", "--db", str(audited), "--format", "jsonl", "--out", str(jsonl)]) == ExitCode.ok
    assert run(["export", "--db", str(audited), "--format", "parquet", "--out", str(parquet)]) == ExitCode.ok
    assert run(["export", "--db", str(audited), "--table", "findings", "--out", str(findings)]) == ExitCode.ok

    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(parquet).to_pylist()
    assert [r["sha256"] for r in lines] == [r["sha256"] for r in table]
    assert [r["explainability"] for r in lines] == [r["explainability"] for r in table]
    long_form = list(csv.DictReader(findings.open(encoding="utf-8")))
    assert len(long_form) == 5 * GOOD
    for row in long_form:
        wide = next(r for r in lines if r["sha256"] == row["sha256"])
        assert wide[row["category"]] == row["status"]


def test_parquet_export_needs_a_file(audited: Path) -> None:
    assert run(["export", "--db", str(audited), "--format", "parquet"]) == ExitCode.bad_args


def test_missing_database_is_a_file_access_error(tmp_path: Path) -> None:
    assert run(["summary", "--db", str(tmp_path / "none.sqlite"), "--html", str(tmp_path / "s.html")]) == (
        ExitCode.file_access
    )


def test_summary_page_has_charts_tables_and_escapes_file_names(audited: Path, tmp_path: Path) -> None:
    html_path = tmp_path / "out" / "corpus.html"
    assert run(["summary", "--db", str(audited), "--html", str(html_path)]) == ExitCode.ok

    page = html_path.read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and 'role="img"' in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert "InputFileError" in page and "UnsupportedFormatError" in page
    figures = list(csv.DictReader((tmp_path / "out" / "corpus.csv").open(encoding="utf-8")))
    corpus = {r["safeguard"]: r for r in figures if r["scope"] == "corpus"}
    assert set(corpus) >= set(CATEGORIES)
    for safeguard, row in corpus.items():
        sql = f"SELECT COUNT(*) FROM findings WHERE category = '{safeguard}' AND status = 'present'"
        assert int(row["present"]) == _rows(audited, sql)[0][0]
        assert int(row["documents"]) == GOOD


@pytest.mark.slow
def test_decompression_bomb_is_one_error_row_under_the_memory_limit(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "r.sqlite"
    write_corpus(folder, 2)
    write_docx_bomb(folder / "bomb.docx", megabytes=1024)
    assert (folder / "bomb.docx").stat().st_size < 20 * 1024 * 1024

    args = ["--workers", "1", "--memory-limit", "2500", "--engine", "classic"]
    assert run(["batch", str(folder), "--db", str(db), *args]) == ExitCode.ok

    rows = {Path(r["path"]).name: r for r in _rows(db, "SELECT * FROM documents")}
    assert [rows[f"tender-0000{n}.{ext}"]["status"] for n, ext in ((0, "pdf"), (1, "txt"))] == ["ok", "ok"]
    assert rows["bomb.docx"]["status"] == "error"
    (error,) = _rows(db, "SELECT error_class FROM errors")
    assert error["error_class"] in {"MemoryError", "InputFileError", "WorkerCrashed"}


def test_a_document_over_the_time_limit_becomes_a_timeout_row(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "r.sqlite"
    folder.mkdir()
    write_pdf(folder / "long.pdf", 9, pages=1500)  # about 2 s of work on a 2-core CI machine
    assert run(["batch", str(folder), "--db", str(db), "--workers", "1", "--timeout", "0.3"]) == ExitCode.ok
    (error,) = _rows(db, "SELECT path, error_class, exit_code, message FROM errors")
    assert (Path(error["path"]).name, error["error_class"]) == ("long.pdf", "Timeout")
    assert error["exit_code"] == ExitCode.resource_limit
    assert "no result after 0.3 s" in error["message"]


def test_old_option_spellings_run_with_a_one_line_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """0.1's ``--engine local`` (now ``--runner``) and ``--classifier`` (now ``--engine``) work for one release."""
    db = tmp_path / "r.sqlite"
    (tmp_path / "in").mkdir()
    write_txt(tmp_path / "in" / "a.txt", 1)
    old = ["--engine", "local", "--classifier", "classic", "--workers", "1"]
    assert run(["batch", str(tmp_path / "in"), "--db", str(db), *old]) == ExitCode.ok
    notices = [line for line in capsys.readouterr().err.splitlines() if "deprecated" in line]
    assert notices == [
        "tenderlens: --engine local is deprecated, use --runner local (--engine now chooses the clause engine).",
        "tenderlens: --classifier is deprecated, use --engine classic.",
    ]
    assert [tuple(r) for r in _rows(db, "SELECT status, engine FROM documents")] == [("ok", "classic")]


@pytest.mark.parametrize(
    "both", [["--engine", "dask", "--runner", "local"], ["--classifier", "classic", "--engine", "transformer"]]
)
def test_an_old_spelling_with_its_new_one_is_a_bad_argument(tmp_path: Path, both: list[str]) -> None:
    assert run(["batch", str(tmp_path), "--db", str(tmp_path / "r.sqlite"), *both]) == ExitCode.bad_args
    assert not (tmp_path / "r.sqlite").exists()
