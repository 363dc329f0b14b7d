"""One options object for every face: the CLI, the web app, the batch runner and the Python API all build an
``AuditOptions`` and pass it to ``tenderlens.audit``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, get_args

from tenderlens.exceptions import BadArgumentsError

OcrMode = Literal["auto", "never", "force"]
Engine = Literal["classic", "transformer", "auto"]


@dataclass(frozen=True)
class AuditOptions:
    """Settings for one audit. Defaults suit a laptop and a 2-core CI machine.

    Attributes:
        checklist: path to a checklist YAML file; ``None`` uses the bundled one.
        engine: clause classifier: ``classic`` (rules + scikit-learn; the default, because it measured better,
            see README), ``transformer`` (adds sentence embeddings; needs the ``transformers`` extra) or ``auto``
            (transformer when installed).
        model_path: a local sentence-transformer model directory for the transformer engine.
        ocr: ``auto`` OCRs only pages without a usable text layer; ``never`` skips OCR; ``force`` OCRs every page.
        ocr_language: Tesseract language code(s), e.g. ``eng`` or ``eng+cym``.
        max_pages: documents with more pages raise ``ResourceLimitError``.
        max_bytes: files larger than this raise ``ResourceLimitError``.
        heavy_threshold: a document whose redacted fraction is at least this is reported as ``heavy``.
        redaction: run the redaction stage (box, leak and ground detection).
        render_check: confirm vector boxes by rendering their area (slower, fewer false positives).
    """

    checklist: Path | None = None
    engine: Engine = "classic"
    model_path: Path | None = None
    ocr: OcrMode = "auto"
    ocr_language: str = "eng"
    max_pages: int = 5000
    max_bytes: int = 500 * 1024 * 1024
    heavy_threshold: float = 0.25
    redaction: bool = True
    render_check: bool = True

    def __post_init__(self) -> None:
        # Paths may arrive as strings from the Python API (audit("x.pdf", checklist="mine.yaml")).
        for name in ("checklist", "model_path"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        for name, choices in (("ocr", get_args(OcrMode)), ("engine", get_args(Engine))):
            if getattr(self, name) not in choices:
                listed = ", ".join(choices[:-1]) + " or " + choices[-1]
                raise BadArgumentsError(f"--{name} must be {listed} (got {getattr(self, name)!r}).")
        if self.max_pages < 1 or self.max_bytes < 1:
            raise BadArgumentsError("Page and size limits must be positive.")
        if not 0.0 < self.heavy_threshold <= 1.0:
            raise BadArgumentsError("--heavy-threshold must be in (0, 1].")

    def with_changes(self, **changes: Any) -> AuditOptions:
        return replace(self, **changes)
