"""Downloading OCDS document links: only http(s), size limits, retries with backoff, a polite delay per host
and a cache that makes a re-run free. Every request goes to a server on 127.0.0.1."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from batch_server import LoopbackServer
from tenderlens.batch.download import DownloadSettings, Fetcher, cache_name
from tenderlens.exceptions import FileAccessError, ResourceLimitError

PDF = b"%PDF-1.4\n% a small file\n"


def _fetcher(tmp_path: Path, **overrides: float) -> Fetcher:
    settings = {"timeout": 5.0, "retries": 2, "backoff": 0.05, "delay": 0.0, **overrides}
    return Fetcher(DownloadSettings(folder=tmp_path / "cache", **settings))  # type: ignore[arg-type]


def test_download_is_cached_so_a_rerun_sends_no_request(tmp_path: Path) -> None:
    with LoopbackServer({"/docs/contract%20one.pdf": PDF}) as server:
        url = server.url("/docs/contract%20one.pdf")
        first = _fetcher(tmp_path).fetch(url)
        again = _fetcher(tmp_path).fetch(url)
    assert first == again and first.read_bytes() == PDF
    assert first.name.endswith("-contract_one.pdf")
    assert len(server.hits) == 1
    assert not list(first.parent.glob("*.part"))


def test_a_503_is_retried_and_a_404_is_not(tmp_path: Path) -> None:
    with LoopbackServer({"/flaky/a.pdf": PDF}) as server:
        assert _fetcher(tmp_path).fetch(server.url("/flaky/a.pdf")).read_bytes() == PDF
        with pytest.raises(FileAccessError, match="HTTP 404"):
            _fetcher(tmp_path).fetch(server.url("/gone.pdf"))
    paths = [path for path, _ in server.hits]
    assert paths.count("/flaky/a.pdf") == 2
    assert paths.count("/gone.pdf") == 1


def test_size_limit_applies_to_declared_and_to_counted_bytes(tmp_path: Path) -> None:
    with LoopbackServer({"/big.pdf": PDF * 100}) as server:
        with pytest.raises(ResourceLimitError, match="download limit"):
            _fetcher(tmp_path, max_bytes=100).fetch(server.url("/big.pdf"))
        with pytest.raises(ResourceLimitError, match="sent more than"):
            _fetcher(tmp_path, max_bytes=100_000).fetch(server.url("/endless"))
    assert not list((tmp_path / "cache").iterdir())


def test_only_http_and_https_are_fetched_even_through_redirects(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="only http and https"):
        _fetcher(tmp_path).fetch("file:///etc/passwd")
    with pytest.raises(FileAccessError, match="only http and https"):
        _fetcher(tmp_path).fetch("ftp://127.0.0.1/a.pdf")
    # urllib itself would follow a redirect to ftp:; the fetcher must not.
    with LoopbackServer({}) as server, pytest.raises(FileAccessError, match="redirects to ftp:"):
        _fetcher(tmp_path).fetch(server.url("/to-ftp"))


def test_requests_to_one_host_are_spaced_by_the_polite_delay(tmp_path: Path) -> None:
    files = {f"/d{i}.pdf": PDF + bytes([i]) for i in range(3)}
    with LoopbackServer(files) as server:
        fetcher = _fetcher(tmp_path, delay=0.3)
        for path in files:
            fetcher.fetch(server.url(path))
    times = [t for _, t in server.hits]
    assert all(later - earlier >= 0.28 for earlier, later in pairwise(times))


def test_cache_names_differ_by_query_and_stay_readable() -> None:
    a = cache_name("https://example.org/get?id=1")
    b = cache_name("https://example.org/get?id=2")
    assert a != b and a.endswith("-get")
    assert cache_name("https://example.org/").endswith("-document")
    assert cache_name("https://x.org/autorizaci%c3%b3n_045.pdf").endswith("-autorizaci_n_045.pdf")
