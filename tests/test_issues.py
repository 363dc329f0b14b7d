"""One regression test per fixed bug, named after the bug (pdfplumber's test_issues.py). Say where it was found."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import pdf_builders
from pack_builders import CORE_TERMS, patch_member, rename_member, write_zip
from tenderlens import __version__
from tenderlens.cli import run
from tenderlens.exceptions import ExitCode, UnsupportedFormatError
from tenderlens.ingest.sniff import sniff
from tenderlens.pack.archive import is_archive


@pytest.mark.parametrize(
    "argv",
    [["scan", "x.pdf", "--ocr", "bogus"], ["scan", "x.pdf", "--no-such-option"], ["no-such-command"], ["scan"]],
    ids=["bad-choice", "unknown-option", "unknown-command", "missing-argument"],
)
def test_usage_error_is_bad_args_not_internal_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: Typer >= 0.26 vendors Click, so ``except click.ClickException`` in cli.run never matched and
    every usage error ended as "internal error", exit 15."""
    assert run(argv) == ExitCode.bad_args
    err = capsys.readouterr().err
    assert err.startswith("tenderlens: ") and "internal error" not in err
    assert len(err.strip().splitlines()) == 1


def test_version_flag_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: ``tenderlens --version`` stopped at "Missing command" (exit 15) before the callback ran."""
    assert run(["--version"]) == ExitCode.ok
    assert capsys.readouterr().out.strip() == f"tenderlens {__version__}"


def test_batch_status_line_is_not_wrapped_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: the Ctrl-C line "interrupted: finished documents are in PATH; run the same command to resume"
    was folded at 80 columns in the middle of a long path, so logs (and the resume test, from a clone in a
    deep folder) could not find it."""
    from tenderlens.batch.progress import BatchProgress

    line = "interrupted: finished documents are in /" + "deep/" * 40 + "results.sqlite; run the same command to resume"
    with BatchProgress(10) as progress:
        progress.console.print(line)
    assert capsys.readouterr().err == line + "\n"


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


@pytest.mark.parametrize(
    ("sentence", "contrary"),
    [
        (
            "The Supplier hereby grants to the Buyer a perpetual, royalty-free and non-exclusive licence to use it.",
            False,
        ),
        (
            "The Supplier grants CCS a non-exclusive, transferable, perpetual, irrevocable, royalty free licence to:",
            False,
        ),
        (
            "procure a perpetual, royalty-free licence for the Buyer and/or the Replacement Supplier to use the assets",
            False,
        ),
        ("The Supplier shall return all Authority Data at no additional charge.", False),
        ("The Council grants the Supplier a perpetual, irrevocable licence to use the Council Data.", True),
        ("The Supplier shall have a perpetual and irrevocable licence to the Derived Data.", True),
        ("The Supplier shall export the Authority Data at an additional charge.", True),
    ],
)
def test_issue12_a_licence_to_the_buyer_is_not_contrary_to_data_ownership(sentence: str, contrary: bool) -> None:
    """Issue 12, seen on the CCS pack in ../shared/realdocs: "perpetual … licence … Supplier" matched whichever way
    the licence ran, so the Supplier licensing its own IPR to the Buyer, and "at no additional charge", were
    reported as working against data ownership."""
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.clauses.match import compiled

    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories["data_ownership"].contrary is contrary


def test_issue12_a_short_draft_naming_its_scoring_model_is_about_automated_decisions(tmp_path: Path) -> None:
    """Issue 12: a negative weight on "share of sentences" ruled a three-sentence draft out of scope for being short
    (scope model 0.00 with two front-matter hits). The scope model's weights are now sign-constrained."""
    import tenderlens

    path = tmp_path / "draft.txt"
    path.write_text(
        "1. Scope\n1.1 The Council requires a machine learning system that produces a risk score for each claim.\n"
        "2. Intellectual property\n2.1 The Supplier need not disclose the logic of the scoring model.\n",
        encoding="utf-8",
    )
    report = tenderlens.audit(path, engine="classic", redaction=False)
    assert next(a for a in report.applicability if a.scope == "automated_decisions").applies


@pytest.mark.parametrize(
    ("heading", "applies"), [("8. RISK PRIORITISATION MODULE", True), ("8. OPTIONAL MODULE", False)]
)
def test_issue12_a_section_whose_heading_names_the_scope_says_what_is_bought(
    tmp_path: Path, heading: str, applies: bool
) -> None:
    """Probe round 7: a reminders specification whose optional module, in its own section "8. DNA RISK
    PRIORITISATION (OPTIONAL)", uses a predictive model was ruled as deciding about nobody (scope model 0.37): its
    terms stood after the opening. A section whose heading names the scope counts as a scope section."""
    import tenderlens

    filler = "".join(f"{n}.1 The Supplier shall send reminders to the list in Annex {n}.\n" for n in range(2, 8))
    path = tmp_path / "spec.txt"
    path.write_text(
        "Specification of Requirements: Appointment Reminders\n1. INTRODUCTION\n"
        + "1.1 The Board requires an appointment reminder service.\n" * 30
        + filler
        + f"{heading}\n8.1 The module uses a predictive model to identify appointments likely to be missed.\n"
        "8.2 The model output shall be used only to offer an additional telephone call.\n",
        encoding="utf-8",
    )
    report = tenderlens.audit(path, engine="classic", redaction=False)
    assert next(a for a in report.applicability if a.scope == "automated_decisions").applies is applies


def test_issue12_public_contracts_regulations_are_not_a_public_facing_service() -> None:
    """Issue 12: the public-facing term "the public" matched "the Public Contracts Regulations 2015" and "the public
    sector", so back-office contracts citing procurement law were read as used by the public."""
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.clauses.match import compiled

    rules = compiled(load_checklist())
    (law,) = rules.match(["This Contract is subject to the Public Contracts Regulations 2015 and the public sector."])
    (service,) = rules.match(["The portal will be used by the public to book appointments."])
    assert "public_facing" not in law.scopes
    assert "public_facing" in service.scopes


@pytest.mark.parametrize(
    ("sentence", "contrary"),
    [
        (
            "The Contractor shall identify, within five (5) Working Days of being asked, any information it regards "
            "as a trade secret.",
            False,
        ),
        ("The remodelled service is a trade secret of the Contractor.", False),
        ("The workings of the scoring model are a trade secret of the Supplier.", True),
    ],
)
def test_issue12_a_pattern_word_matches_only_whole_words(sentence: str, contrary: bool) -> None:
    """Issue 12, seen in cross-validation on a synthetic Welsh HR contract: the explainability contrary pattern
    "(…|model|workings?) … trade secret" fired on "Working Days" and would fire inside "remodelled", calling a
    freedom-of-information clause contrary to explainability."""
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.clauses.match import compiled

    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories["explainability"].contrary is contrary


@pytest.mark.parametrize(
    ("sentence", "distractor"),
    [
        ('"FOIA" means the Freedom of Information Act 2000 and any subordinate legislation.', True),
        ("Appendix A item 3 Freedom of Information Act 2000.", True),
        ("The Trust will treat tender responses as confidential, subject to its obligations under the FOI Act.", True),
        (
            "The Trust will treat tender responses as confidential, subject to its obligations under the Freedom of "
            "Information Act 2000.",
            True,
        ),
        ("The Supplier acknowledges that the Authority is subject to the Freedom of Information Act 2000.", False),
        ("The Supplier shall ensure that tenderers and their means of submission are recorded.", False),
        ("iv. v. i. x. " * 40 + "!", False),  # no catastrophic backtracking in the reference-list pattern
    ],
)
def test_issue12_an_foi_definition_or_reference_list_entry_is_not_an_foi_clause(
    sentence: str, distractor: bool
) -> None:
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.clauses.match import compiled

    assert compiled(load_checklist(None)).match([sentence])[0].categories["foi"].distractor is distractor


@pytest.mark.parametrize(
    ("sentence", "contrary"),
    [
        ("The Authority may disclose information without the prior consent of the Supplier.", False),
        ("The Authority may disclose information without the prior written consent of the Supplier.", False),
        ("The Authority may disclose information under the FOIA without the Supplier's prior written consent.", False),
        ("The Authority shall not disclose information without the consent of the Supplier.", True),
        ("The Authority shall not disclose the tender without the Supplier\u2019s prior written consent.", True),
        ("The Authority shall obtain the prior written consent of the Supplier before disclosing its pricing.", True),
        (
            "The Authority shall not disclose the Supplier's Confidential Information without the Supplier's consent, "
            "except where disclosure is required under the FOIA.",
            False,
        ),
    ],
)
def test_issue12_disclosure_without_the_suppliers_consent_is_not_contrary_to_foi(sentence: str, contrary: bool) -> None:
    """Issue 12, found reading the FOI patterns of checklist 2026.12-uk.3: their lookbehind guarded only the word
    before "consent", so "may disclose without the prior consent of the Supplier" (protective) was contrary and
    "shall not disclose without the consent of the Supplier" (contrary) was not. A confidentiality promise carved
    out for FOI duties is not an FOI clause either way (taxonomy, hard cases)."""
    from tenderlens.clauses.checklist import load_checklist
    from tenderlens.clauses.match import compiled

    foi = compiled(load_checklist()).match([sentence])[0].categories["foi"]
    assert (foi.contrary and not foi.distractor) is contrary
