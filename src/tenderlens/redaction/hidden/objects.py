"""Redaction stage, hidden text: the file's hidden places, read with pikepdf (qpdf). Document properties
(DocInfo and XMP), bookmarks, comments and pop-up notes, form field values, attached files and the tagged-PDF
replacement texts (``ActualText``, ``Alt``) are not part of the printed page, so a redaction made on the page
leaves them as they were. This module only collects their text; ``hidden`` decides what counts as a leak.

pikepdf is opened in one place, :func:`read_places`, and none of its errors leave this module: a place that
cannot be read becomes a warning, and the others are still read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pikepdf
import pypdfium2 as pdfium

from tenderlens.model import LeakKind
from tenderlens.redaction.transform import Rect

_READ_ERRORS = (
    pikepdf.PdfError,
    pdfium.PdfiumError,
    AttributeError,
    KeyError,
    NotImplementedError,
    RuntimeError,
    SyntaxError,  # lxml's XML errors (damaged XMP) derive from it
    TypeError,
    ValueError,
)
"""What a damaged or unusual object raises while it is read (pikepdf maps qpdf's errors to PdfError; a
missing key or an object of an unexpected type raises the built-in ones; python-docx raises ValueError/KeyError)."""

DOCINFO_KEYS = ("/Title", "/Subject", "/Keywords", "/Comments", "/Description")
"""The DocInfo entries that describe the content. Author, Creator, Producer and the dates say who made the file
with what and when, and custom entries are mostly tool stamps (``/SourceModified``, ``/PTEX.Fullbanner``):
ordinary metadata, not searched."""
XMP_KEYS = ("dc:title", "dc:description", "dc:subject", "pdf:Keywords")
HIDDEN_FLAGS = 2 | 32
"""Annotation flags Hidden and NoView: the widget shows nothing."""
MAX_ATTACHMENT = 20_000_000
"""Bytes: a larger attachment is named, not read."""
MAX_NODES = 50_000
"""Structure-tree elements visited at most (a tagged 1,000-page report has tens of thousands)."""


@dataclass(frozen=True)
class Place:
    """Text in one hidden place."""

    kind: LeakKind
    text: str
    where: str
    page: int | None = None
    rect: Rect | None = None
    """PDF user space, for places drawn on a page (comments, form fields)."""
    shown: bool = False
    """True when the page displays the text itself (a visible form field): only a box over it hides it."""


def read_places(data: bytes) -> tuple[list[Place], list[str]]:
    """Every hidden place with text in the PDF ``data``, and a warning for each that could not be read."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError) as err:
        return [], [f"Hidden places (metadata, bookmarks, comments, forms, attachments, tags) not checked: {err}"]
    places: list[Place] = []
    warnings: list[str] = []
    with pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        readers: list[tuple[str, Callable[[], Iterator[Place]]]] = [
            ("document properties", lambda: _metadata(pdf)),
            ("bookmarks", lambda: _outline(pdf)),
            ("comments and form fields", lambda: _page_objects(pdf)),
            ("attached files", lambda: _attachments(pdf)),
            ("tags", lambda: _structure(pdf, pages)),
        ]
        for name, reader in readers:
            try:
                places.extend(reader())
            except _READ_ERRORS as err:
                warnings.append(f"Hidden text in the {name} not checked: {type(err).__name__}: {err}")
    return places, warnings


def _text(value: object) -> str:
    """A string object's text ("" for names, numbers and anything else)."""
    if isinstance(value, pikepdf.String):
        return str(value).strip()
    if isinstance(value, pikepdf.Array):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return ""


def _metadata(pdf: pikepdf.Pdf) -> Iterator[Place]:
    for key in DOCINFO_KEYS:
        text = _text(pdf.docinfo.get(key))
        if text:
            yield Place("metadata", text, f"DocInfo {key[1:]}")
    xmp = pdf.open_metadata()
    for key in XMP_KEYS:
        entry = xmp.get(key)
        text = " ".join(str(v) for v in entry) if isinstance(entry, list | set) else str(entry or "")
        if text.strip():
            yield Place("metadata", text.strip(), f"XMP {key}")


def _outline(pdf: pikepdf.Pdf) -> Iterator[Place]:
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            if item.title and item.title.strip():
                yield Place("outline", item.title.strip(), f"bookmark “{item.title.strip()[:60]}”")
            stack[:0] = list(item.children)


def _page_objects(pdf: pikepdf.Pdf) -> Iterator[Place]:
    """Comment and pop-up texts, and form field values with the widget that shows them."""
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = str(annot.get("/Subtype", ""))
            rect = _rect(annot)
            if subtype == "/Widget":
                value, name = _field_value(annot)
                if value:
                    shown = rect is not None and not int(annot.get("/F", 0)) & HIDDEN_FLAGS
                    yield Place("form_field", value, f"form field “{name}” on page {number}", number, rect, shown)
            elif subtype not in ("/Link", "/Redact"):
                text = _text(annot.get("/Contents"))
                if subtype == "/Popup" and "/Parent" in annot and _text(annot.Parent.get("/Contents")) == text:
                    continue  # a pop-up showing its parent's note: the parent is read already
                if text:
                    yield Place("annotation", text, f"{subtype[1:]} comment on page {number}", number, rect)


def _field_value(widget: pikepdf.Dictionary) -> tuple[str, str]:
    """The value and full name of the form field a widget belongs to (both inherited through /Parent)."""
    value, depth = "", 0
    names: list[str] = []
    node: object = widget
    while isinstance(node, pikepdf.Dictionary) and depth < 32:
        value = value or _text(node.get("/V"))
        if "/T" in node:
            names.insert(0, _text(node.T))
        node, depth = node.get("/Parent"), depth + 1
    return value, ".".join(n for n in names if n)


def _rect(annot: pikepdf.Dictionary) -> Rect | None:
    if "/Rect" not in annot:
        return None
    x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return rect if rect[2] > rect[0] and rect[3] > rect[1] else None


def _attachments(pdf: pikepdf.Pdf) -> Iterator[Place]:
    for name, spec in pdf.attachments.items():
        label = spec.filename or name
        text = " ".join(t for t in (label, spec.description or "") if t)
        stream = spec.get_file()
        if stream.size <= MAX_ATTACHMENT:
            text = f"{text} {_file_text(stream.read_bytes())}"
        yield Place("embedded_file", text.strip(), f"attached file “{label}”")


def _file_text(data: bytes) -> str:
    """The text of an attached PDF, DOCX or plain-text file ("" for anything else)."""
    if data.lstrip().startswith(b"%PDF"):
        pdf = pdfium.PdfDocument(data)
        try:
            texts = []
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return " ".join(texts)
        finally:
            pdf.close()
    if data.startswith(b"PK"):
        # python-docx (and lxml) load only for a PDF that has a DOCX attached, not for every PDF scanned.
        from docx import Document as DocxDocument
        from docx.opc.exceptions import OpcError

        try:
            return "\n".join(p.text for p in DocxDocument(io.BytesIO(data)).paragraphs)
        except (OpcError, zipfile.BadZipFile):
            return ""  # a spreadsheet or some other archive: named, not read
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _structure(pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]) -> Iterator[Place]:
    """``ActualText``, ``Alt`` and ``E`` (expansion) of the structure elements, with the page each is on when
    it says."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return
    stack: list[object] = [root.get("/K")]
    visited = 0
    while stack and visited < MAX_NODES:
        node = stack.pop()
        visited += 1
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        page_obj = node.get("/Pg")
        page = pages.get(page_obj.objgen) if isinstance(page_obj, pikepdf.Dictionary) else None
        tag = str(node.get("/S", "element"))[1:] if "/S" in node else "element"
        for key in ("/ActualText", "/Alt", "/E"):
            text = _text(node.get(key))
            if text:
                yield Place("actual_text", text, f"{key[1:]} of a <{tag}> tag", page)
        if "/K" in node:
            stack.append(node.K)
