"""Batch inputs: folders walked by file type, OCDS release/record packages and JSON Lines read from the shared
samples (real CDMX data and the OCP worked example), and document URLs matched to local files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_builders import png_bytes, write_pdf, write_txt
from tenderlens.batch.ocds import read_ocds
from tenderlens.batch.sources import LocalFinder, collect, walk
from tenderlens.exceptions import BadArgumentsError

OCDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "ocds"
needs_ocds = pytest.mark.skipif(not OCDS_DIR.is_dir(), reason="shared/ocds is not beside the checkout")


def test_folder_walk_takes_documents_by_type_and_keeps_mislabelled_ones(tmp_path: Path) -> None:
    write_pdf(tmp_path / "a.pdf", 1)
    write_txt(tmp_path / "b.txt", 2)
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    write_txt(tmp_path / "sub" / "deeper" / "c.md", 3)
    write_pdf(tmp_path / "sub" / "download-7781", 4)  # a PDF that lost its extension
    (tmp_path / "photo.pdf").write_bytes(png_bytes())  # taken: it must become an error row, not vanish
    (tmp_path / "image.png").write_bytes(png_bytes())
    (tmp_path / "prices.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    write_txt(tmp_path / ".git" / "d.txt", 5)

    found = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)]

    assert found == ["a.pdf", "b.txt", "photo.pdf", "sub/download-7781", "sub/deeper/c.md"]


def test_collect_lists_each_source_once_and_refuses_missing_inputs(tmp_path: Path) -> None:
    doc = write_txt(tmp_path / "a.txt", 1)
    jobs = collect([tmp_path, doc, tmp_path / "a.txt"])
    assert [j.source for j in jobs] == [str(doc)]
    with pytest.raises(BadArgumentsError, match="does not exist"):
        collect([tmp_path / "nope"])


@needs_ocds
def test_real_release_package_gives_each_document_once_with_the_latest_context() -> None:
    path = OCDS_DIR / "cdmx_release-package-1.json"
    releases = json.loads(path.read_text(encoding="utf-8"))["releases"]
    latest = max(releases, key=lambda r: r["date"])

    docs = list(read_ocds(path))

    assert len(docs) == len({d.url for d in docs}) == 6
    assert {d.context.release_id for d in docs} == {latest["id"]}
    contract = next(d for d in docs if d.context.stage == "contract")
    assert contract.url.endswith("contrato_ca_004_2016_20160616_125407.pdf")
    assert contract.context.ocid == "OCDS-87SD3T-AD-SF-DRM-063-2015"
    assert contract.context.buyer == latest["buyer"]["name"]
    assert contract.context.value_currency == "MXN"
    assert contract.context.supplier


@needs_ocds
def test_record_package_and_json_lines_give_the_same_documents_as_the_release_package(tmp_path: Path) -> None:
    package = json.loads((OCDS_DIR / "fictional_1.1_contract_release-package.json").read_text(encoding="utf-8"))
    release = package["releases"][0]
    records = tmp_path / "records.json"
    linked = {"url": "http://example.com/r.json", "date": release["date"], "tag": ["contract"]}
    records.write_text(
        json.dumps({"records": [{"ocid": release["ocid"], "releases": [linked], "compiledRelease": release}]}),
        encoding="utf-8",
    )
    lines = tmp_path / "releases.jsonl"
    lines.write_text(json.dumps(release) + "\n\n" + json.dumps(release) + "\n", encoding="utf-8")

    expected = list(read_ocds(OCDS_DIR / "fictional_1.1_contract_release-package.json"))

    assert list(read_ocds(records)) == expected
    assert list(read_ocds(lines)) == expected
    signed = next(d for d in expected if d.context.document_type == "contractSigned")
    assert signed.context.supplier == "AnyCorp Cycle Provision"
    assert signed.context.buyer == "London Borough of Barnet"
    assert (signed.context.value_amount, signed.context.value_currency) == (11000000.0, "GBP")


@needs_ocds
def test_award_criteria_weights_are_kept_from_lots_and_bare_weights(tmp_path: Path) -> None:
    package = json.loads((OCDS_DIR / "fictional_1.1_tender_release-package.json").read_text(encoding="utf-8"))
    tender = package["releases"][0]["tender"]
    tender["lots"] = [
        {
            "id": "1",
            "awardCriteria": {
                "criteria": [
                    {
                        "type": "quality",
                        "name": "Social value",
                        "numbers": [{"number": 10, "weight": "percentageExact"}],
                    },
                    {"type": "price", "name": "Price", "weight": 40},
                ]
            },
        }
    ]
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(package), encoding="utf-8")

    (doc,) = read_ocds(path)

    assert doc.context.award_criteria == "bestProposal"
    assert json.loads(doc.context.award_criteria_weights or "[]") == [
        {"lot": "1", "type": "quality", "name": "Social value", "weight": 10.0, "unit": "percentageExact"},
        {"lot": "1", "type": "price", "name": "Price", "weight": 40.0, "unit": None},
    ]


def test_not_ocds_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(BadArgumentsError, match="no OCDS releases"):
        list(read_ocds(tmp_path / "a.json"))
    with pytest.raises(BadArgumentsError, match="neither JSON nor JSON Lines"):
        list(read_ocds(tmp_path / "b.jsonl"))


def test_local_finder_matches_mirrored_paths_decoded_names_and_stems(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    mirrored = root / "example.org" / "a" / "contract.pdf"
    elsewhere = root / "b" / "contract.pdf"
    decoded = root / "x" / "autorización_045.pdf"
    stem = root / "ocds-213czf-000-00001.pdf"
    for path in (mirrored, elsewhere, decoded, stem):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n")
    finder = LocalFinder(root)

    assert finder.find("http://example.org/a/contract.pdf") == mirrored
    assert finder.find("http://other.org/b/contract.pdf") == elsewhere  # same name: the folder decides
    assert finder.find("http://x.gob.mx/ARCHIVOS/autorizaci%c3%b3n_045.pdf") == decoded
    assert finder.find("http://example.com/contracts/ocds-213czf-000-00001") == stem
    assert finder.find("http://example.com/contracts/unknown.pdf") is None
    assert finder.find("http://example.com/") is None


@needs_ocds
def test_collect_maps_ocds_links_to_local_files_and_leaves_the_rest_for_download(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "contrato_ca_004_2016_20160616_125407.pdf", 1)
    write_pdf(docs / "autorización_045_20160617_192145.pdf", 2)

    jobs = collect([OCDS_DIR / "cdmx_release-package-1.json"], documents_dir=docs)

    located = {j.source.rsplit("/", 1)[1]: j.path for j in jobs if j.path is not None}
    assert located == {
        "contrato_ca_004_2016_20160616_125407.pdf": docs / "contrato_ca_004_2016_20160616_125407.pdf",
        "autorizaci%c3%b3n_045_20160617_192145.pdf": docs / "autorización_045_20160617_192145.pdf",
    }
    assert sum(j.path is None for j in jobs) == 4
