"""Ingest, OCR: a PDF page without a usable text layer -> Lines read by Tesseract.

Each page is rendered with pypdfium2 at ``DPI`` and handed to the ``tesseract`` program as a PNG; its TSV
output gives words with pixel boxes, converted here to points from the page's top-left corner so OCR words
share the geometry of text-layer words. Pages are OCRed in parallel, one single-threaded Tesseract process
per core: ``OMP_THREAD_LIMIT=1`` stops Tesseract's own OpenMP threads from oversubscribing the machine,
which makes OCR slower, not faster.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

from tenderlens.exceptions import InputFileError, MissingDependencyError
from tenderlens.ingest.layout import reading_order
from tenderlens.model import Line, Word

DPI = 300
MAX_WORKERS = 4
TIMEOUT_SECONDS = 180
_POINTS_PER_PIXEL = 72 / DPI


@cache
def tesseract_path() -> str:
    """The Tesseract executable, or ``MissingDependencyError`` telling the user how to install it."""
    found = shutil.which("tesseract")
    if found is None:
        raise MissingDependencyError(
            "Tesseract is needed to read scanned pages: install it (apt install tesseract-ocr, "
            "brew install tesseract) or rerun with --ocr never."
        )
    return found


class OcrPool:
    """Tesseract on rendered pages, one process per core, as futures.

    pdfium is not thread-safe, so pages are rendered (to PNG files in a private folder) by the caller's
    thread at :meth:`submit`; only the ``tesseract`` processes run in worker threads. Use as a context
    manager: the folder and the threads are cleaned up on exit, even on error."""

    def __init__(self, language: str, workers: int | None = None) -> None:
        self.language = language
        self.workers = workers or min(os.cpu_count() or 1, MAX_WORKERS)
        self._pool: ThreadPoolExecutor | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._count = 0

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, page: pdfium.PdfPage) -> Future[tuple[Line, ...]]:
        """Render ``page`` now and OCR it in the background; the future's result is its Lines.

        Raises (at once, or from the future's ``result()``):
            MissingDependencyError: Tesseract or its language data is not installed.
            InputFileError: Tesseract failed or timed out on the page.
        """
        executable = tesseract_path()
        if self._pool is None or self._folder is None:
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tenderlens-ocr")
            self._folder = tempfile.TemporaryDirectory(prefix="tenderlens-ocr-")
        self._count += 1
        png = Path(self._folder.name) / f"page-{self._count}.png"
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        try:
            # Level 1 compresses a 300 dpi A4 page in milliseconds; Tesseract takes a second or more anyway.
            bitmap.to_pil().save(png, compress_level=1)
        finally:
            bitmap.close()
        return self._pool.submit(_ocr_file, executable, png, self.language)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _ocr_file(executable: str, png: Path, language: str) -> tuple[Line, ...]:
    try:
        return parse_tsv(run_tesseract(executable, png, language))
    finally:
        png.unlink(missing_ok=True)


def run_tesseract(executable: str, image: Path, language: str) -> str:
    """Tesseract's TSV output for ``image``."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [executable, str(image), "stdout", "-l", language, "tsv"],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise InputFileError(f"OCR took longer than {TIMEOUT_SECONDS} s on one page.") from err
    except OSError as err:
        raise MissingDependencyError(f"Tesseract could not be started ({err}).") from err
    if done.returncode != 0:
        message = " ".join(done.stderr.split())
        if "Failed loading language" in message or "traineddata" in message:
            raise MissingDependencyError(
                f"Tesseract has no language data for {language!r}; install it (e.g. apt install "
                f"tesseract-ocr-{language.split('+')[0]})."
            )
        raise InputFileError(f"OCR failed: {message[:200]}")
    return done.stdout


def parse_tsv(tsv: str) -> tuple[Line, ...]:
    """Tesseract TSV -> Lines in reading order, boxes in points.

    Tesseract's own blocks put a column of clause numbers ("1.1", "1.2", ...) apart from the clause texts
    beside them, so its lines are regrouped by the same geometry as text-layer words."""
    lines: list[list[Word]] = []
    current: list[Word] = []
    key: tuple[str, str, str] | None = None
    for row in csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or row.get("conf") == "-1":
            continue
        row_key = (row["block_num"], row["par_num"], row["line_num"])
        if row_key != key and current:
            lines.append(current)
            current = []
        key = row_key
        x, y, w, h = (float(row[k]) * _POINTS_PER_PIXEL for k in ("left", "top", "width", "height"))
        current.append(Word(text, (x, y, x + w, y + h)))
    if current:
        lines.append(current)
    return tuple(reading_order(lines))
