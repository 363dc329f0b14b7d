"""OCDS input end to end: the shared release packages' document links mapped to local files, or downloaded
from a server on 127.0.0.1; every row keeps its OCDS context, and a link found later replaces its not-found
row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from batch_builders import write_pdf, write_txt
from batch_server import LoopbackServer
from tenderlens.batch.ocds import read_ocds
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode

OCDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "ocds"
pytestmark = pytest.mark.skipif(not OCDS_DIR.is_dir(), reason="shared/ocds is not beside the checkout")
CDMX = OCDS_DIR / "cdmx_release-package-1.json"
CONTRACT = OCDS_DIR / "fictional_1.1_contract_release-package.json"


def _rows(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        return con.execute(sql).fetchall()


def test_release_package_mapped_to_local_files_keeps_ocds_context(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "contrato_ca_004_2016_20160616_125407.pdf", 21)
    # Mislabelled: a text file named .pdf is still audited, by its bytes.
    write_txt(docs / "requisicion_038_20160615_105125.pdf", 22)
    write_pdf(docs / "autorización_045_20160617_192145.pdf", 23)
    db = tmp_path / "r.sqlite"

    code = run(["batch", str(CDMX), "--documents-dir", str(docs), "--db", str(db), "--workers", "2"])

    assert code == ExitCode.ok
    rows = {r["source"].rsplit("/", 1)[1]: r for r in _rows(db, "SELECT * FROM documents")}
    assert len(rows) == 6
    ok = {name for name, r in rows.items() if r["status"] == "ok"}
    assert ok == {
        "contrato_ca_004_2016_20160616_125407.pdf",
        "requisicion_038_20160615_105125.pdf",
        "autorizaci%c3%b3n_045_20160617_192145.pdf",
    }
    contract = rows["contrato_ca_004_2016_20160616_125407.pdf"]
    assert contract["ocid"] == "OCDS-87SD3T-AD-SF-DRM-063-2015"
    assert (contract["stage"], contract["value_currency"]) == ("contract", "MXN")
    assert contract["buyer"] and contract["supplier"]
    assert contract["path"] == str(docs / "contrato_ca_004_2016_20160616_125407.pdf")
    missing = [r for r in rows.values() if r["status"] == "error"]
    assert {r["key"] for r in missing} == {f"source:{r['source']}" for r in missing}
    errors = _rows(db, "SELECT error_class, exit_code FROM errors")
    assert {tuple(e) for e in errors} == {("NotFound", ExitCode.file_access)}


def test_download_from_loopback_server_replaces_not_found_rows(tmp_path: Path) -> None:
    package = json.loads(CONTRACT.read_text(encoding="utf-8"))
    release = package["releases"][0]
    award_doc = release["awards"][0]["documents"][0]
    contract_doc = release["contracts"][0]["documents"][0]
    award_doc["url"] = "/notices/award-notice.txt"
    contract_doc["url"] = "/contracts/signed%20contract.pdf"
    annex = {"id": "9", "documentType": "annex", "url": "/contracts/gone.pdf"}
    release["contracts"][0]["documents"].append(annex)
    files = {
        "/notices/award-notice.txt": write_txt(tmp_path / "a.txt", 31).read_bytes(),
        "/contracts/signed%20contract.pdf": write_pdf(tmp_path / "c.pdf", 32).read_bytes(),
    }
    db, ocds = tmp_path / "r.sqlite", tmp_path / "package.json"

    with LoopbackServer(files) as server:
        for doc in (award_doc, contract_doc, annex):
            doc["url"] = server.url(doc["url"])
        ocds.write_text(json.dumps(package), encoding="utf-8")
        assert len(list(read_ocds(ocds))) == 3

        assert run(["batch", str(ocds), "--db", str(db), "--workers", "1"]) == ExitCode.ok
        assert {r["key"][:7] for r in _rows(db, "SELECT key FROM documents")} == {"source:"}
        assert not server.hits

        download = ["--download", "--delay", "0", "--retries", "0"]
        assert run(["batch", str(ocds), "--db", str(db), "--workers", "2", *download]) == ExitCode.ok
        requests_after_first = len(server.hits)
        assert run(["batch", str(ocds), "--db", str(db), "--workers", "2", *download]) == ExitCode.ok

    assert requests_after_first == 3
    assert len(server.hits) == 4, "a re-run asks again only for the link that failed"
    rows = {r["document_type"]: r for r in _rows(db, "SELECT * FROM documents")}
    assert len(rows) == 3
    signed = rows["contractSigned"]
    assert signed["status"] == "ok" and signed["key"] == signed["sha256"]
    assert signed["buyer"] == "London Borough of Barnet"
    assert signed["supplier"] == "AnyCorp Cycle Provision"
    assert signed["value_amount"] == 11000000.0
    assert Path(signed["path"]).parent == tmp_path / "r.sqlite.downloads"
    assert rows["awardNotice"]["status"] == "ok"
    (gone,) = _rows(db, "SELECT * FROM errors")
    assert gone["error_class"] == "FileAccessError" and "HTTP 404" in gone["message"]
    assert gone["key"] == f"source:{rows['annex']['source']}"
