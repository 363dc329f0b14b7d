"""Regression tests named after the issue that reported each bug."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import pdf_builders
from pack_builders import CORE_TERMS, patch_member, rename_member, write_zip
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode, UnsupportedFormatError
from tenderlens.ingest.sniff import sniff
from tenderlens.pack.archive import is_archive


def test_issue15_zip_whose_first_member_is_a_stored_pdf_is_a_pack_not_that_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = pdf_builders.build_clauses_pdf(tmp_path / "specification.pdf", pages=1)
    pack = write_zip(
        tmp_path / "pack.zip",
        [("specification.pdf", pdf.read_bytes()), ("core-terms.txt", CORE_TERMS.encode())],
        method=zipfile.ZIP_STORED,
    )
    assert b"%PDF-" in pack.read_bytes()[:1024]  # the trap: the PDF header sits in the first kilobyte
    with pytest.raises(UnsupportedFormatError, match="ZIP archive"):
        sniff(pack)
    assert is_archive(pack)
    assert run(["scan", str(pack), "--format", "json"]) == ExitCode.ok
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["files"]] == ["specification.pdf", "core-terms.txt"]


def test_issue15_member_name_flagged_utf8_with_invalid_bytes_is_read_not_exit_15(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A Windows tool wrote the cp1252 name "Schedule 5 – Données.txt" and set the UTF-8 flag anyway.
    placeholder = b"Schedule 5 X Donnees.txt"
    pack = write_zip(
        tmp_path / "pack.zip", [(placeholder.decode(), CORE_TERMS.encode()), ("a.txt", CORE_TERMS.encode())]
    )
    rename_member(pack, placeholder, b"Schedule 5 \x96 Donn\xe9es.txt")
    patch_member(pack, b"Schedule 5 \x96 Donn\xe9es.txt", set_flags=0x800)
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(pack)  # what Python's zipfile does with such a name
    assert run(["scan", str(pack), "--format", "json"]) == ExitCode.ok
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) == 2
    assert report["files"][0]["path"].startswith("Schedule 5 ")
