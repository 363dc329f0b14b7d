"""Typed errors and exit codes, used by every stage; only the faces (CLI, web, batch) turn them into output.

Each class carries an ``exit_code`` (documented in the README), an ``http_status`` for the web app and a
``message`` telling the user what to do next. Backend errors (pypdfium2, pdfplumber, python-docx, Tesseract)
are re-raised as these classes inside ``tenderlens.ingest`` only, chained with ``from``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 1
    input_file = 2
    missing_dependency = 3
    encrypted = 4
    file_access = 5
    invalid_checklist = 6
    gaps_found = 7
    resource_limit = 8
    internal_error = 15
    interrupted = 130


class TenderLensError(Exception):
    """Base class: ``str(err)`` is a one-line message that says what went wrong and what to do."""

    exit_code: ExitCode = ExitCode.internal_error
    http_status: int = 500
    message: str = "Internal error in TenderLens; please report it with the --debug traceback."

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail
        super().__init__(f"{self.message} {detail}".strip() if detail else self.message)

    def __reduce__(self) -> tuple[type[TenderLensError], tuple[str | None]]:
        # Raised in a worker process (``cores.split_map``) and re-raised here: rebuilt from its detail, so the
        # message is not said twice.
        return type(self), (self.detail,)


class BadArgumentsError(TenderLensError):
    exit_code = ExitCode.bad_args
    http_status = 400
    message = "Invalid arguments."


class InputFileError(TenderLensError):
    exit_code = ExitCode.input_file
    http_status = 422
    message = "Cannot read this document."


class UnsupportedFormatError(InputFileError):
    http_status = 415
    message = "Not a supported document (PDF, DOCX, TXT or Markdown)."


class EmptyDocumentError(InputFileError):
    message = "The document contains no readable text."


class MissingDependencyError(TenderLensError):
    exit_code = ExitCode.missing_dependency
    http_status = 503
    message = "A required component is not installed."


class EncryptedPdfError(InputFileError):
    exit_code = ExitCode.encrypted
    message = "The PDF is password-protected; remove the password (for example `qpdf --decrypt`) and retry."


class FileAccessError(TenderLensError):
    exit_code = ExitCode.file_access
    http_status = 404
    message = "Cannot open the file."


class InvalidChecklistError(TenderLensError):
    exit_code = ExitCode.invalid_checklist
    http_status = 400
    message = "The checklist file is invalid."


class ResourceLimitError(TenderLensError):
    exit_code = ExitCode.resource_limit
    http_status = 413
    message = "The document exceeds a configured limit."


class GapsFoundError(TenderLensError):
    """Raised by the ``--fail-on`` gate, not by analysis: the report was produced and has gaps."""

    exit_code = ExitCode.gaps_found
    http_status = 200
    message = "Gaps found that the --fail-on gate does not allow."


class ArchiveError(InputFileError):
    """A tender pack archive that cannot be read as a whole (damaged, or nothing in it to audit)."""

    message = "Cannot read this archive as a tender pack."


class ArchiveLimitError(ResourceLimitError):
    """A tender pack over a limit: too many files, too large once extracted, or a ZIP bomb (overlapping entries)."""

    message = "The tender pack exceeds a limit."
