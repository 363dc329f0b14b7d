"""The one data model that flows through every stage: ingest -> segment -> redaction / clauses -> report.

Every object is a frozen dataclass; stages return new objects and never modify their input. Geometry follows
pdfplumber: a ``BBox`` is ``(x0, top, x1, bottom)`` in PDF points with a top-left origin. Pages are numbered
from 1. The JSON report is ``dataclasses.asdict`` of :class:`Report`, and its JSON Schema is generated from these
classes (``tenderlens.report.schema``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in points, top-left origin."""

DocumentFormat = Literal["pdf", "docx", "text", "markdown"]
TextSource = Literal["layer", "ocr", "docx", "text", "none"]
SentenceStatus = Literal["present", "partial", "contrary"]
"""What one sentence does for a safeguard: the statuses of evidence and of the sentence classifiers."""
Status = Literal[SentenceStatus, "missing", "not_applicable"]
"""A finding's status: a sentence status, or nothing found, or out of scope."""
SpanKind = Literal["sentence", "heading", "table_row"]
BoxKind = Literal["vector", "annotation", "image", "marker", "page", "docx_highlight"]
LeakKind = Literal[
    "under_box",
    "earlier_revision",
    "metadata",
    "outline",
    "annotation",
    "redact_annotation",
    "form_field",
    "embedded_file",
    "actual_text",
    "ocr_layer_under_box",
    "image_over_text",
    "invisible_text",
]

SENTENCE_STATUSES: tuple[SentenceStatus, ...] = get_args(SentenceStatus)
STATUSES: tuple[Status, ...] = get_args(Status)
GAP_STATUSES: frozenset[str] = frozenset({"missing", "partial", "contrary"})


def page_and_clause(page: int, clause: str | None, page_word: str = "page", clause_word: str = "clause") -> str:
    """Where a quote is, worded the one way every face prints it: "page 3, clause 2.1", or "page 3" outside
    numbered clauses. A face short of room shortens the words (``"p."``, ``"cl."``)."""
    return f"{page_word} {page}" + (f", {clause_word} {clause}" if clause else "")


class _Located:
    """What has a ``page`` and a ``clause`` (evidence, placeholders, citations): ``where()`` words them."""

    page: int
    clause: str | None

    def where(self, page_word: str = "page", clause_word: str = "clause") -> str:
        """ "page 3, clause 2.1" (see :func:`page_and_clause`)."""
        return page_and_clause(self.page, self.clause, page_word, clause_word)


# --------------------------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Word:
    """One word as read from the text layer, OCR or a DOCX run."""

    text: str
    bbox: BBox | None


@dataclass(frozen=True)
class Line:
    """A line of text in reading order. ``table_row`` is set when the line is a row of a detected table,
    holding the cell texts."""

    text: str
    bbox: BBox | None
    words: tuple[Word, ...] = ()
    table_row: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RedactionMark:
    """A redaction that ingestion saw directly in the content, such as a DOCX black-highlighted run. Boxes
    drawn on PDF pages are found later by the ``redaction`` stage."""

    kind: BoxKind
    text: str
    bbox: BBox | None = None


@dataclass(frozen=True)
class Page:
    """One page. PDF pages are physical pages; DOCX and text files are split into logical pages at explicit
    page breaks (form feeds in text), so page numbers in evidence match what a reader sees when printing."""

    number: int
    width: float
    height: float
    text_source: TextSource
    lines: tuple[Line, ...] = ()
    marks: tuple[RedactionMark, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Document:
    """A read document. ``path`` is as given; ``sha256`` is of the file's bytes."""

    path: str
    sha256: str
    format: DocumentFormat
    pages: tuple[Page, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.pages if p.text_source == "ocr")


# --------------------------------------------------------------------------------------------- segment


def with_lead_in(text: str, lead_in: str | None) -> str:
    """A list item as the clause models read it: after the lead-in it completes."""
    return f"{lead_in} {text}" if lead_in else text


@dataclass(frozen=True)
class Span:
    """A sentence, heading or table row with where it came from. ``start``/``end`` are character offsets into
    its page's ``text``; ``clause_ref`` is the innermost clause number in force ("12.3", "(b)", "Schedule 3").
    A sentence that runs over a page break has ``end_page`` set, and ``end`` is then an offset into that
    page's text (see ``tenderlens.segment`` for the quoting rule). A table row keeps its ``cells``, each
    normalised as ``text`` is; ``text`` quotes them joined by " | ". A list item keeps the ``lead_in`` it
    completes ("The Supplier shall not:"), which the clauses stage reads with it."""

    text: str
    page: int
    kind: SpanKind
    clause_ref: str | None = None
    heading: str | None = None
    bbox: BBox | None = None
    start: int = 0
    end: int = 0
    end_page: int | None = None
    cells: tuple[str, ...] | None = None
    lead_in: str | None = None

    @property
    def reading(self) -> str:
        """What the clause models read: the text after its list lead-in, if any."""
        return with_lead_in(self.text, self.lead_in)

    def where(self) -> str:
        """ "page 3, clause 2.1": where the span begins, as evidence quotes it."""
        return page_and_clause(self.page, self.clause_ref)


# --------------------------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Evidence(_Located):
    """A quote a person can check: the exact sentence text, its page and clause."""

    page: int
    clause: str | None
    quote: str
    status: SentenceStatus | None = None
    signal: str | None = None
    bbox: BBox | None = None

    @classmethod
    def from_span(cls, span: Span, status: SentenceStatus | None = None, signal: str | None = None) -> Evidence:
        return cls(
            page=span.page,
            clause=span.clause_ref,
            quote=span.text,
            status=status,
            signal=signal,
            bbox=span.bbox,
        )


@dataclass(frozen=True)
class ScopeFinding:
    """Whether one applicability scope holds for the document (for example ``automated_decisions``)."""

    scope: str
    applies: bool
    reason: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Finding:
    """The verdict for one safeguard category."""

    category: str
    title: str
    status: Status
    evidence: tuple[Evidence, ...]
    reason: str
    searched_for: tuple[str, ...]
    confidence: float
    suggestion: str | None
    why_it_matters: str
    questions: tuple[str, ...] = ()
    stage: str = "clauses"
    """The pipeline stage that produced the finding: always ``clauses`` today. Kept in the JSON (the schema lists
    it as required) so that consumers written against schema 1.0 keep working."""


@dataclass(frozen=True)
class Placeholder(_Located):
    """Template text left in a draft ("[Insert ...]", "TBC", buyer guidance notes)."""

    page: int
    clause: str | None
    quote: str
    kind: str


# --------------------------------------------------------------------------------------------- redaction


@dataclass(frozen=True)
class RedactionBox:
    page: int
    bbox: BBox | None
    kind: BoxKind
    ground: str | None = None


@dataclass(frozen=True)
class Leak:
    """Text still present in the file where a reader no longer sees it: under a redaction box (``under_box``)
    or in one of the file's hidden places (the other kinds). ``page`` and ``bbox`` are ``None`` where no page
    applies (metadata, bookmarks, attachments)."""

    page: int | None
    bbox: BBox | None
    text: str
    kind: LeakKind = "under_box"
    found_in: str = "the page text under a redaction box"
    fix: str = "Remove the text itself (apply the redaction), not only cover it, and publish the file again."


@dataclass(frozen=True)
class Ground:
    """An exemption or reason cited for withholding information."""

    code: str
    label: str
    page: int
    quote: str


@dataclass(frozen=True)
class PageRedaction:
    page: int
    fraction: float
    boxes: int
    blacked_out: bool = False


@dataclass(frozen=True)
class RedactionReport:
    redacted_fraction: float
    pages: tuple[PageRedaction, ...]
    boxes: int
    box_list: tuple[RedactionBox, ...]
    leaky: tuple[Leak, ...]
    grounds: tuple[Ground, ...]
    unexplained_boxes: int
    heavy: bool
    heavy_threshold: float
    markers: int = 0
    warnings: tuple[str, ...] = ()
    """Hidden places that could not be read (a damaged object, an attachment that would not decode)."""

    @property
    def leak_pages(self) -> tuple[int, ...]:
        """The pages with a leak, in order (leaks outside the pages, such as metadata, have none)."""
        return tuple(sorted({leak.page for leak in self.leaky if leak.page is not None}))


# --------------------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class SocialValue:
    weighting_percent: float | None
    meets_minimum: bool | None
    minimum_percent: float
    evidence: tuple[Evidence, ...]
    themes: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class DocumentInfo:
    path: str
    sha256: str
    format: DocumentFormat
    pages: int
    ocr_pages: tuple[int, ...]
    clauses: int
    title: str | None = None


@dataclass(frozen=True)
class Action:
    category: str
    text: str


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    applicable: int
    needs_attention: int
    score: float
    score_explained: str
    verdict: str
    top_actions: tuple[Action, ...]


@dataclass(frozen=True)
class Report:
    schema_version: str
    tenderlens_version: str
    checklist_version: str
    engine: str
    document: DocumentInfo
    applicability: tuple[ScopeFinding, ...]
    findings: tuple[Finding, ...]
    redaction: RedactionReport
    social_value: SocialValue
    placeholders: tuple[Placeholder, ...]
    summary: Summary
    warnings: tuple[str, ...] = ()

    def finding(self, category: str) -> Finding:
        """The finding for ``category`` (raises ``KeyError`` if the checklist has no such category)."""
        for f in self.findings:
            if f.category == category:
                return f
        raise KeyError(category)


# --------------------------------------------------------------------------------------------- pack


@dataclass(frozen=True)
class PackEvidence(_Located):
    """Evidence in a pack: a quote as in :class:`Evidence`, with the pack file it is in. ``refers_to`` is set on
    a clause that incorporates another document: the pack file it was matched to, or ``None`` if not supplied."""

    file: str
    page: int
    clause: str | None
    quote: str
    status: SentenceStatus | None = None
    signal: str | None = None
    refers_to: str | None = None


@dataclass(frozen=True)
class PackFinding:
    """The pack-level verdict for one safeguard, from whichever files hold it. ``contrary_in`` names the files
    whose clauses work against it; ``not_supplied`` the documents it relies on that are not in the pack."""

    category: str
    title: str
    status: Status
    evidence: tuple[PackEvidence, ...]
    reason: str
    files_with_evidence: tuple[str, ...]
    contrary_in: tuple[str, ...]
    not_supplied: tuple[str, ...]
    suggestion: str | None


@dataclass(frozen=True)
class CrossReference(_Located):
    """A document the pack cites ("Joint Schedule 11 (Processing Data)", "the Specification"), where it is first
    cited, how often, and the pack file it was matched to (``None``: not supplied). ``similar`` names a pack
    file with the same name but another number, when there is one."""

    cited_as: str
    file: str
    page: int
    clause: str | None
    citations: int
    resolved_to: str | None
    similar: str | None = None


@dataclass(frozen=True)
class PackFile:
    """One file of the pack: what it is, its verdict per safeguard, and its own redaction and weighting."""

    path: str
    sha256: str
    format: DocumentFormat
    pages: int
    title: str | None
    statuses: dict[str, str]
    score: float
    redacted_fraction: float
    redaction_boxes: int
    leaks: int
    weighting_percent: float | None
    placeholders: int = 0


@dataclass(frozen=True)
class SkippedFile:
    """A file or archive member that was not audited, and why (the rest of the pack still is)."""

    path: str
    reason: str
    error: str | None = None


@dataclass(frozen=True)
class PackRedaction:
    """Redaction over the whole pack: the fraction is of all pages (each file weighted by its page count)."""

    redacted_fraction: float
    pages: int
    boxes: int
    leaks: int
    heavy_files: tuple[str, ...]
    heavy_threshold: float


@dataclass(frozen=True)
class PackSocialValue:
    """The pack's social-value weighting, read from its evaluation criteria (``file``)."""

    weighting_percent: float | None
    meets_minimum: bool | None
    minimum_percent: float
    file: str | None
    evidence: tuple[PackEvidence, ...]
    reason: str


@dataclass(frozen=True)
class PackInfo:
    path: str
    files: int
    skipped: int
    pages: int


@dataclass(frozen=True)
class PackReport:
    """One report for a tender pack (ITT, specification, terms, schedules): per safeguard a pack-level verdict,
    the documents it cites, social value, redaction in total, and a breakdown per file."""

    schema_version: str
    tenderlens_version: str
    checklist_version: str
    engine: str
    pack: PackInfo
    findings: tuple[PackFinding, ...]
    references: tuple[CrossReference, ...]
    social_value: PackSocialValue
    redaction: PackRedaction
    summary: Summary
    files: tuple[PackFile, ...]
    skipped: tuple[SkippedFile, ...]
    warnings: tuple[str, ...] = ()

    def finding(self, category: str) -> PackFinding:
        """The pack finding for ``category`` (raises ``KeyError`` if the checklist has no such category)."""
        for f in self.findings:
            if f.category == category:
                return f
        raise KeyError(category)
