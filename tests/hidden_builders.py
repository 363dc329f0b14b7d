"""Test-document builders for the hidden-text leaks (tests/test_redaction_hidden.py): genuine PDFs written with
reportlab, then given their hidden places with pikepdf (metadata, bookmarks, comments, form fields,
attachments, tags) or a second revision appended as an incremental update. Each leaky builder hides
``SECRET`` on the page properly (the words are gone, a black bar sits in the gap) and leaves it somewhere
else; each control fills the same places with what an ordinary document has there."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import redaction_builders as rb
from redaction_builders import BODY, FONT, LEFT, SECRET, SIZE, baseline, word_box, write_lines

REDACTED_LINE = BODY[1].replace(SECRET, " " * 30)
"""Body line 1 with the secret removed, as a redaction tool that really applies its boxes leaves it."""


def redacted_page(c: Canvas) -> None:
    """The body with ``SECRET`` properly redacted: removed from the text, a black bar over the gap."""
    write_lines(c, (BODY[0], REDACTED_LINE, *BODY[2:]))
    c.setFillColorRGB(0, 0, 0)
    c.rect(*word_box(1, BODY[1], SECRET), fill=1, stroke=0)


def redacted_pdf(path: Path) -> Path:
    return rb.build_pdf(path, redacted_page)


def clean_pdf(path: Path) -> Path:
    return rb.build_pdf(path, rb.body)


def with_metadata(path: Path, title: str, description: str) -> Path:
    """``description`` in the XMP (pikepdf copies it to DocInfo Subject), ``title`` in DocInfo, and an
    author, whose name is ordinary metadata."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata() as xmp:
            xmp["dc:description"] = description
        pdf.docinfo["/Title"] = title
        pdf.docinfo["/Author"] = "Sam Procurement-Officer"
        pdf.save(path)
    return path


def with_bookmarks(path: Path, *titles: str) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_outline() as outline:
            outline.root.extend(OutlineItem(title, 0) for title in titles)
        pdf.save(path)
    return path


def with_comment(path: Path, text: str) -> Path:
    """A sticky note with its pop-up, in the margin beside line 1."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        top = baseline(1) + 12
        note = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot, Subtype=Name.Text, Rect=[20, top - 20, 40, top], Contents=String(text), T="Reviewer"
            )
        )
        popup = pdf.make_indirect(
            Dictionary(Type=Name.Annot, Subtype=Name.Popup, Rect=[420, top - 80, 580, top], Parent=note)
        )
        note.Popup = popup
        page.obj.Annots = Array([note, popup])
        pdf.save(path)
    return path


def with_field(path: Path, value: str, hidden: bool) -> Path:
    """A text form field holding ``value`` on line 5 (shown, or with its Hidden flag set)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        y = baseline(7)
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Tx,
                T=String("contact"),
                V=String(value),
                Rect=[LEFT, y - 3, LEFT + 200, y + 12],
                F=2 if hidden else 4,
                P=page.obj,
            )
        )
        page.obj.Annots = Array([widget])
        pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))
        pdf.save(path)
    return path


def with_attachment(path: Path, name: str, text: str) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, text.encode("utf-8"), filename=name)
        pdf.save(path)
    return path


def with_tag(path: Path, actual_text: str) -> Path:
    """A minimal structure tree: one ``Span`` element on page 1 carrying ``ActualText``."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        span = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Span, P=root, Pg=pdf.pages[0].obj, ActualText=String(actual_text))
        )
        root.K = Array([span])
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.save(path)
    return path


def append_revision(path: Path, lines: tuple[str, ...], bar: bool) -> Path:
    """Append an incremental update that replaces page 1's content with ``lines`` (and, with ``bar``, a black
    bar where the secret was), as a PDF editor's "save" does: the first revision stays in the file."""
    content = _content_of(lines, bar)
    data = path.read_bytes()
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        stream = pdf.make_indirect(pikepdf.Stream(pdf, content))
        page.Contents = stream
        objects = {page.objgen[0]: page.unparse(resolved=True), stream.objgen[0]: None}
        size, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        if body is None:
            body = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")
    for number, offset in offsets.items():
        out.write(f"{number} 1\n{offset:010d} 00000 n \n".encode())
    size = max(size, *offsets) + 1
    out.write(f"trailer\n<< /Size {size} /Root {root} 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


def _content_of(lines: tuple[str, ...], bar: bool) -> bytes:
    """The page content stream reportlab writes for ``lines`` (same font resource name, /F1, as the
    original), with a black bar over the secret's place in ``REDACTED_LINE``."""
    scratch = io.BytesIO()
    c = Canvas(scratch, pagesize=A4)
    write_lines(c, lines)
    if bar:
        c.setFillColorRGB(0, 0, 0)
        c.rect(*word_box(lines.index(REDACTED_LINE), BODY[1], SECRET), fill=1, stroke=0)
    c.showPage()
    c.save()
    with pikepdf.open(io.BytesIO(scratch.getvalue())) as pdf:
        return bytes(pdf.pages[0].Contents.read_bytes())


def picture_over_text(path: Path, before_text: bool = False) -> Path:
    """A black PNG stamped over ``SECRET`` (``before_text``: drawn first, the text painted on top of it)."""
    black = ImageReader(_png(np.zeros((20, 80), np.uint8)))
    x, y, w, h = word_box(1, BODY[1], SECRET)
    c = Canvas(str(path), pagesize=A4)
    if before_text:
        c.drawImage(black, x, y, w, h)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT, SIZE)
        c.drawString(rb.LEFT, baseline(1), BODY[1])
        write_lines(c, (BODY[0],))
        write_lines(c, BODY[2:], first=2)
    else:
        write_lines(c)
        c.drawImage(black, x, y, w, h)
    c.showPage()
    c.save()
    return path


def _png(pixels: np.ndarray) -> io.BytesIO:
    import cv2

    ok, encoded = cv2.imencode(".png", pixels)
    assert ok
    return io.BytesIO(encoded.tobytes())


def invisible_words(path: Path, mode: str, redacted_elsewhere: bool = True) -> Path:
    """Body line 1 with ``SECRET`` drawn in white (``mode="white"``) or as invisible text (``"invisible"``),
    and, when ``redacted_elsewhere``, Jane Smith's name properly redacted on line 2."""
    c = Canvas(str(path), pagesize=A4)
    before = BODY[1][: BODY[1].index(SECRET)]
    write_lines(c, (BODY[0],))
    line2 = BODY[2].replace("Jane Smith", " " * 20) if redacted_elsewhere else BODY[2]
    write_lines(c, (line2, *BODY[3:]), first=2)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, baseline(1), before)
    c.saveState()  # the fill colour and render mode outlive the text object: restore them afterwards
    text = c.beginText(LEFT + rb.text_width(before), baseline(1))
    text.setFont(FONT, SIZE)
    if mode == "white":
        text.setFillColorRGB(1, 1, 1)
    else:
        text.setTextRenderMode(3)
    text.textOut(SECRET)
    c.drawText(text)
    c.restoreState()
    c.drawString(LEFT + rb.text_width(BODY[1][: BODY[1].index(SECRET) + len(SECRET)]), baseline(1), " excluding VAT.")
    if redacted_elsewhere:
        c.rect(*word_box(2, BODY[2], "Jane Smith"), fill=1, stroke=0)
    c.showPage()
    c.save()
    return path
