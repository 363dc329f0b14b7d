"""Batch face, input: fetch OCDS document URLs over HTTP(S) into a cache folder, politely and within limits.

Only ``http`` and ``https`` are fetched (redirects included: a redirect to ``file:`` or ``ftp:`` is refused).
A response over ``max_bytes`` is cut off and refused, so a hostile link cannot fill the disk. Transient
failures (timeouts, resets, 429 and 5xx) are retried with exponential backoff; each host is sent at most one
request every ``delay`` seconds. Files are written under a name derived from the URL, atomically, so a re-run
finds them."""

from __future__ import annotations

import hashlib
import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from tenderlens import __version__
from tenderlens.exceptions import FileAccessError, ResourceLimitError

ALLOWED_SCHEMES = frozenset({"http", "https"})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = f"TenderLens/{__version__} (batch audit of published contract documents)"
_CHUNK = 1 << 16
_MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class DownloadSettings:
    """Where downloads go and how hard to try: ``max_bytes`` per file, ``timeout`` per socket operation,
    ``retries`` after the first attempt, ``backoff`` seconds doubled on each retry, ``delay`` between two
    requests to the same host."""

    folder: Path
    max_bytes: int = 100 * 1024 * 1024
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    delay: float = 1.0


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: object, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ALLOWED_SCHEMES:
            raise FileAccessError(f"{req.full_url} redirects to {newurl}; only http(s) is fetched.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


class Fetcher:
    """Download URLs into ``settings.folder``; one instance per batch (it remembers when each host was last
    asked). Not thread-safe: the batch calls it from one thread."""

    def __init__(self, settings: DownloadSettings) -> None:
        self.settings = settings
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())

    def fetch(self, url: str) -> Path:
        """The local copy of ``url``, downloading it unless an earlier run already did.

        Raises:
            FileAccessError: not http(s), or the server failed after every retry.
            ResourceLimitError: the response is larger than ``max_bytes``.
        """
        parts = urlsplit(url)
        if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
            raise FileAccessError(f"{url}: only http and https URLs are downloaded.")
        target = self.settings.folder / cache_name(url)
        if target.is_file():
            return target
        self.settings.folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(self.settings.retries + 1):
            self._wait_turn(parts.netloc)
            try:
                self._download(url, target)
                return target
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES or attempt == self.settings.retries:
                    raise FileAccessError(f"{url}: HTTP {exc.code} {exc.reason}.") from exc
                time.sleep(self._pause(attempt, exc.headers.get("Retry-After")))
            except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as exc:
                if attempt == self.settings.retries:
                    raise FileAccessError(f"{url}: {getattr(exc, 'reason', exc)}.") from exc
                time.sleep(self._pause(attempt, None))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _download(self, url: str, target: Path) -> None:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        limit = self.settings.max_bytes
        partial = target.with_name(target.name + ".part")
        with self._opener.open(request, timeout=self.settings.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise ResourceLimitError(f"{url} is {int(declared):,} bytes; the download limit is {limit:,}.")
            size = 0
            with partial.open("wb") as out:
                while chunk := response.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        break
                    out.write(chunk)
        if size > limit:
            partial.unlink(missing_ok=True)
            raise ResourceLimitError(f"{url} sent more than {limit:,} bytes (the download limit).")
        partial.replace(target)

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            time.sleep(max(0.0, last + self.settings.delay - time.monotonic()))
        self._last_request[host] = time.monotonic()

    def _pause(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), _MAX_RETRY_AFTER)
        return self.settings.backoff * 2**attempt


def cache_name(url: str) -> str:
    """A file name for ``url``: a short hash (URLs differ only in their query) plus the readable last segment,
    whose extension tells Markdown from plain text."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", last).strip("._")[:80] or "document"
    return f"{digest}-{readable}"
