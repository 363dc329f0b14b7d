"""Web face, configuration: the limits and the token of one ``tenderlens serve`` deployment."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tenderlens.exceptions import BadArgumentsError
from tenderlens.options import AuditOptions

MB = 1024 * 1024
TOKEN_ENV = "TENDERLENS_TOKEN"


@dataclass(frozen=True)
class WebSettings:
    """Settings for one web app.

    Attributes:
        token: a shared secret; when set, the API needs ``Authorization: Bearer <token>`` and the page asks
            for it (then keeps it in an HttpOnly cookie). ``None`` leaves the app open (for localhost use).
        max_upload_bytes: larger uploads are refused with 413 while they are still arriving.
        max_pages: documents with more pages are refused with 413 before extraction.
        timeout_seconds: an audit that takes longer is abandoned with 413 (long scans needing OCR, usually).
        max_concurrent: audits running at once; further requests wait for a slot within ``timeout_seconds``.
        work_dir: the parent of the private per-request folders (``None``: the system temporary folder).
            A RAM disk (``/dev/shm``) keeps drafts off persistent storage.
        audit: the analysis options (engine, OCR, checklist); the limits above override its own.
    """

    token: str | None = None
    max_upload_bytes: int = 50 * MB
    max_pages: int = 500
    timeout_seconds: float = 300.0
    max_concurrent: int = 2
    work_dir: Path | None = None
    audit: AuditOptions = field(default_factory=AuditOptions)

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            raise BadArgumentsError("The access token must not be empty.")
        if self.max_upload_bytes < 1 or self.max_pages < 1 or self.max_concurrent < 1:
            raise BadArgumentsError("Upload size, page and concurrency limits must be positive.")
        if self.timeout_seconds <= 0:
            raise BadArgumentsError("The processing time limit must be positive.")
        if self.work_dir is not None and not self.work_dir.is_dir():
            raise BadArgumentsError(f"The work folder {self.work_dir} does not exist.")

    @property
    def audit_options(self) -> AuditOptions:
        """The options passed to ``tenderlens.audit``, with this deployment's limits applied."""
        return self.audit.with_changes(max_pages=self.max_pages, max_bytes=self.max_upload_bytes)
