"""Web face, the work of one request: a private folder for the upload, then ``tenderlens.audit`` in a worker
thread under the deployment's time and concurrency limits. The folder is removed at the end, on error too."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import anyio
import anyio.to_thread

from tenderlens.api import audit, audit_pack
from tenderlens.exceptions import ExitCode, ResourceLimitError, TenderLensError
from tenderlens.model import PackReport, Report
from tenderlens.pack.faces import is_pack
from tenderlens.web.settings import WebSettings
from tenderlens.web.upload import Upload

log = logging.getLogger("tenderlens.web")


class ServerBusyError(TenderLensError):
    """Every audit slot stayed taken for the whole time limit."""

    exit_code = ExitCode.resource_limit
    http_status = 503
    message = "The server is busy with other documents; try again in a few minutes."


FOLDER_PREFIX = "tenderlens-upload-"


@contextmanager
def private_folder(parent: Path | None) -> Iterator[Path]:
    """A new folder only this process's user can open (mkdtemp uses mode 0o700), removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_folders(parent: Path | None, older_than: float) -> int:
    """Remove upload folders left by a server that was killed mid-request (``finally`` never ran), once
    they are older than any live request can be; returns how many were removed."""
    cutoff = time.time() - older_than
    removed = 0
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


class Auditor:
    """Runs audits for the web app: at most ``max_concurrent`` at once, each within ``timeout_seconds``."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._slots = threading.BoundedSemaphore(settings.max_concurrent)

    async def audit(self, uploads: list[Upload]) -> Report | PackReport:
        """The report for an uploaded document, naming the document as the user did (not its temporary path);
        a pack report for a ZIP or several files.

        Raises:
            TenderLensError subclasses from the audit; ResourceLimitError when it runs over the time limit;
            ServerBusyError when no slot came free in time.
        """
        limit = self.settings.timeout_seconds
        started = threading.Event()
        begun = time.perf_counter()
        try:
            with anyio.fail_after(limit):
                # A thread cannot be stopped: on timeout it is abandoned and finishes (and frees its slot) on
                # its own, while the request ends and its folder is removed.
                report = await anyio.to_thread.run_sync(
                    self._audit_in_slot, [u.path for u in uploads], started, begun + limit, abandon_on_cancel=True
                )
        except TimeoutError as err:
            if not started.is_set():
                raise ServerBusyError() from err
            raise ResourceLimitError(
                f"Reading this document took longer than {limit:g} seconds. Long scanned documents need OCR "
                "on every page: split the document, or ask whoever runs TenderLens to raise the time limit."
            ) from err
        if isinstance(report, PackReport):
            pack = report.pack
            log.info(
                "audited a pack: %d file(s), %d page(s), %.1f s", pack.files, pack.pages, time.perf_counter() - begun
            )
            return report
        upload = uploads[0]
        log.info(
            "audited %s bytes, format %s, %d page(s), %d OCR, %.1f s",
            upload.size,
            report.document.format,
            report.document.pages,
            len(report.document.ocr_pages),
            time.perf_counter() - begun,
        )
        return replace(report, document=replace(report.document, path=upload.filename))

    def _audit_in_slot(self, paths: list[Path], started: threading.Event, deadline: float) -> Report | PackReport:
        if not self._slots.acquire(timeout=max(0.0, deadline - time.perf_counter())):
            raise ServerBusyError()
        try:
            started.set()
            if is_pack(paths):
                return audit_pack(paths, self.settings.audit_options)
            return audit(paths[0], self.settings.audit_options)
        finally:
            self._slots.release()
