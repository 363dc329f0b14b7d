"""Hostile and odd ZIP tender packs: bombs, traversal, links, nesting, encryption, corruption, OS litter, names."""

from __future__ import annotations

import gzip
import io
import stat
import zipfile
from pathlib import Path

import pytest

from pack_builders import (
    corrupt_member,
    overlap_members,
    patch_member,
    rename_member,
    write_symlink_zip,
    write_zip,
)
from tenderlens.exceptions import ArchiveLimitError, ExitCode, InputFileError
from tenderlens.pack.archive import FOLDER_PREFIX, PackLimits, extract_archive, is_archive
from tenderlens.pack.inputs import gather

TERMS = b"1.1 The Supplier shall return all Authority Data on expiry.\n"


def _extract(path: Path, limits: PackLimits | None = None) -> tuple[dict[str, bytes], dict[str, str]]:
    with extract_archive(path, limits, work_dir=path.parent) as (members, skipped):
        read = {m.name: m.path.read_bytes() for m in members}
    return read, {s.path: s.reason for s in skipped}


def test_a_plain_pack_is_extracted_into_a_private_folder_that_is_removed(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "pack.zip", [("terms.txt", TERMS), ("schedules/schedule-5.txt", TERMS)])
    with extract_archive(pack, work_dir=tmp_path) as (members, skipped):
        folder = members[0].path.parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.name.startswith(FOLDER_PREFIX)
        assert [m.name for m in members] == ["terms.txt", "schedules/schedule-5.txt"]
        assert all(m.path.parent == folder for m in members)
    assert skipped == []
    assert not folder.exists()


def test_the_folder_is_removed_when_extraction_fails(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "pack.zip", [(f"f{i}.txt", TERMS) for i in range(5)])
    with pytest.raises(ArchiveLimitError), extract_archive(pack, PackLimits(max_files=3), work_dir=tmp_path):
        pass
    assert not list(tmp_path.glob(f"{FOLDER_PREFIX}*"))


def test_bomb_by_member_count_is_refused(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "many.zip", [(f"f{i}.txt", b"x") for i in range(30)])
    with pytest.raises(ArchiveLimitError, match="30 entries; the limit is 20") as err:
        _extract(pack, PackLimits(max_files=20))
    assert err.value.exit_code == ExitCode.resource_limit


def test_bomb_by_size_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # 8 MiB of zeros compress to a few KiB: the declared size gives the bomb away.
    pack = write_zip(tmp_path / "bomb.zip", [("zeros.txt", b"\0" * (8 << 20)), ("terms.txt", TERMS)])
    assert pack.stat().st_size < 100_000
    with pytest.raises(ArchiveLimitError, match="would extract to 8,388,6"):
        _extract(pack, PackLimits(max_total_bytes=1 << 20))


def test_bomb_by_overlapping_entries_is_refused(tmp_path: Path) -> None:
    pack = overlap_members(write_zip(tmp_path / "overlap.zip", [("a.txt", TERMS * 50), ("b.txt", TERMS * 50)]))
    with pytest.raises(ArchiveLimitError, match="overlapping entries"):
        _extract(pack)


def test_traversal_names_are_refused_and_nothing_is_written_outside(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    pack = write_zip(
        inner / "evil.zip",
        [
            ("../escaped.txt", TERMS),
            ("/abs.txt", TERMS),
            ("..\\escaped-windows.txt", TERMS),
            ("C:/windows.txt", TERMS),
            ("docs/../../escaped-deep.txt", TERMS),
            ("terms.txt", TERMS),
        ],
    )
    read, skipped = _extract(pack)
    assert list(read) == ["terms.txt"]
    assert len(skipped) == 5
    assert all("unsafe path" in reason for reason in skipped.values())
    assert not list(tmp_path.rglob("escaped*")) and not list(tmp_path.rglob("windows.txt"))


def test_backslash_folders_from_windows_tools_are_kept_as_folders(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "win.zip", [("Schedules\\Schedule 5.txt", TERMS)])
    read, skipped = _extract(pack)
    assert read == {"Schedules/Schedule 5.txt": TERMS} and skipped == {}


def test_symlink_members_are_not_followed(tmp_path: Path) -> None:
    pack = write_symlink_zip(tmp_path / "link.zip", [("terms.txt", TERMS)], "passwd.txt", "/etc/passwd")
    read, skipped = _extract(pack)
    assert list(read) == ["terms.txt"]
    assert skipped == {"passwd.txt": "a symbolic link; links are not followed."}


def test_nested_archives_are_listed_not_opened(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("hidden.txt", TERMS)
    pack = write_zip(
        tmp_path / "nested.zip",
        [("inner.zip", inner.getvalue()), ("old.tar.gz", gzip.compress(TERMS)), ("terms.txt", TERMS)],
    )
    read, skipped = _extract(pack)
    assert list(read) == ["terms.txt"]
    assert "nested ZIP archive" in skipped["inner.zip"]
    assert "nested gzip archive" in skipped["old.tar.gz"]


def test_a_docx_member_is_a_document_not_a_nested_archive(tmp_path: Path, tender_docx: Path) -> None:
    pack = write_zip(tmp_path / "pack.zip", [("tender.docx", tender_docx.read_bytes())])
    read, skipped = _extract(pack)
    assert list(read) == ["tender.docx"] and skipped == {}
    assert not is_archive(tender_docx)


def test_encrypted_members_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "enc.zip", [("secret.txt", TERMS), ("terms.txt", TERMS)])
    patch_member(pack, b"secret.txt", set_flags=0x1)
    read, skipped = _extract(pack)
    assert list(read) == ["terms.txt"]
    assert "encrypted" in skipped["secret.txt"]


def test_unsupported_compression_is_skipped_with_the_reason(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "d64.zip", [("deflate64.txt", TERMS * 20), ("terms.txt", TERMS)])
    patch_member(pack, b"deflate64.txt", method=9)  # Deflate64: Windows Explorer writes it, zipfile cannot read it
    read, skipped = _extract(pack)
    assert list(read) == ["terms.txt"]
    assert "method" in skipped["deflate64.txt"]


def test_a_corrupt_member_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    pack = corrupt_member(
        write_zip(tmp_path / "bad.zip", [("broken.txt", TERMS * 40), ("terms.txt", TERMS)]), "broken.txt"
    )
    read, skipped = _extract(pack)
    assert read == {"terms.txt": TERMS}
    assert skipped["broken.txt"].startswith("corrupt member")
    assert len(list(tmp_path.glob(f"{FOLDER_PREFIX}*"))) == 0


def test_macos_and_windows_litter_is_listed_as_metadata(tmp_path: Path) -> None:
    pack = write_zip(
        tmp_path / "mac.zip",
        [
            ("Pack/terms.txt", TERMS),
            ("__MACOSX/Pack/._terms.txt", b"\0\5\26\7"),
            ("Pack/._terms.txt", b"\0\5\26\7"),
            ("Pack/.DS_Store", b"\0\0\0\1Bud1"),
            ("Pack/Thumbs.db", b"\xd0\xcf\x11\xe0"),
        ],
    )
    read, skipped = _extract(pack)
    assert list(read) == ["Pack/terms.txt"]
    assert len(skipped) == 4 and all("metadata" in reason for reason in skipped.values())


def test_cp437_names_from_windows_zips_are_decoded(tmp_path: Path) -> None:
    placeholder = "Ausschreibung_Xbersicht.txt"
    pack = write_zip(tmp_path / "cp437.zip", [(placeholder, TERMS)])
    rename_member(pack, placeholder.encode(), "Ausschreibung_Übersicht.txt".encode("cp437"))
    read, _ = _extract(pack)
    assert list(read) == ["Ausschreibung_Übersicht.txt"]


def test_utf8_names_without_the_flag_are_decoded_as_utf8(tmp_path: Path) -> None:
    placeholder = "Annexe_XX.txt"
    pack = write_zip(tmp_path / "mac-utf8.zip", [(placeholder, TERMS)])
    rename_member(pack, placeholder.encode(), "Annexe_é.txt".encode())
    read, _ = _extract(pack)
    assert list(read) == ["Annexe_é.txt"]


def test_a_damaged_archive_is_an_input_file_error(tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "cut.zip", [("terms.txt", TERMS * 100)])
    pack.write_bytes(pack.read_bytes()[:-30])
    assert is_archive(pack)
    with pytest.raises(InputFileError) as err:
        _extract(pack)
    assert err.value.exit_code == ExitCode.input_file


def test_folder_packs_skip_links_litter_and_archives(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "schedules").mkdir(parents=True)
    (folder / "terms.txt").write_bytes(TERMS)
    (folder / "schedules" / "schedule-5.txt").write_bytes(TERMS)
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (folder / "link.txt").symlink_to("/etc/passwd")
    write_zip(folder / "old.zip", [("x.txt", TERMS)])
    with gather([folder]) as (members, skipped):
        assert [m.name for m in members] == ["schedules/schedule-5.txt", "terms.txt"]
    reasons = {s.path: s.reason for s in skipped}
    assert set(reasons) == {".DS_Store", "link.txt", "old.zip"}


def test_file_count_and_total_size_limits_hold_for_folders(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    for i in range(4):
        (folder / f"f{i}.txt").write_bytes(TERMS * 100)
    with pytest.raises(ArchiveLimitError, match="4 files; the limit is 3"), gather([folder], PackLimits(max_files=3)):
        pass
    with (
        pytest.raises(ArchiveLimitError, match="the limit is 1,000"),
        gather([folder], PackLimits(max_total_bytes=1000)),
    ):
        pass
