"""Web face, pages: the upload page, the result page (the CLI's HTML report with its JSON and Markdown as
downloads) and the API documentation, each one self-contained HTML document (no CDN, no other request)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tenderlens import __version__
from tenderlens.exceptions import TenderLensError
from tenderlens.model import Report
from tenderlens.report import render
from tenderlens.web.security import NONCE_KEY, page_authorised
from tenderlens.web.settings import WebSettings
from tenderlens.web.upload import describe_bytes

# OpenAPI descriptions are CommonMark; the docs page needs only its `code` spans.
_CODE_SPAN = re.compile(r"`([^`]+)`")
_STATIC = files("tenderlens.web") / "static"
_env = Environment(
    loader=PackageLoader("tenderlens.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    version=__version__,
    page_css=(_STATIC / "page.css").read_text(encoding="utf-8"),
    upload_js=(_STATIC / "upload.js").read_text(encoding="utf-8"),
)
_env.filters["code_spans"] = lambda text: Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(text or ""))))
_RESULT_CSS = (_STATIC / "result.css").read_text(encoding="utf-8")

# (format, label, media type, extension): the versions of the report offered for download.
_DOWNLOADS = (
    ("json", "JSON", "application/json", "json"),
    ("md", "Markdown", "text/markdown", "md"),
    ("html", "HTML", "text/html", "html"),
)


@dataclass(frozen=True)
class Download:
    label: str
    filename: str
    href: str
    size: str


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    nonce = request.scope.get("state", {}).get(NONCE_KEY, "")
    html = _env.get_template(template).render(nonce=nonce, **context)
    return HTMLResponse(html, status_code=status_code)


def upload_page(
    request: Request, settings: WebSettings, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    """The form: a file (picker or drag and drop), the token when one is needed and not yet remembered."""
    return _page(
        request,
        "upload.html.j2",
        status_code,
        error=error,
        ask_token=not page_authorised(request, settings.token),
        max_bytes=settings.max_upload_bytes,
        max_label=describe_bytes(settings.max_upload_bytes),
        max_pages=settings.max_pages,
    )


def result_page(request: Request, report: Report) -> HTMLResponse:
    """The CLI's HTML report, unchanged but for a download bar, rendered from the in-memory report only."""
    html_report = render(report, "html")
    name = report.document.path
    bar = _env.get_template("result_bar.html.j2").render(
        downloads=_downloads(report, PurePath(name).stem or "report", html_report)
    )
    return HTMLResponse(_with_bar(html_report, bar))


def docs_page(request: Request, openapi: dict[str, Any], settings: WebSettings) -> HTMLResponse:
    """The API documentation, rendered on the server from the OpenAPI schema (Swagger UI would need a CDN)."""
    return _page(
        request,
        "docs.html.j2",
        openapi=openapi,
        base_url=str(request.base_url),
        token_required=settings.token is not None,
        max_label=describe_bytes(settings.max_upload_bytes),
    )


def _with_bar(document: str, bar: str) -> str:
    """Insert the bar after the report's own skip link, header and section links, just before its <main>, so
    the skip link stays the first thing to tab to and the downloads come before the long report."""
    head_end = document.find("</head>")
    main_start = document.find("<main", head_end)
    if head_end < 0 or main_start < 0:
        raise TenderLensError("The HTML report has no <head> or <main> to place the download bar beside.")
    style = f"<style>\n{_RESULT_CSS}</style>\n"
    return document[:head_end] + style + document[head_end:main_start] + bar + document[main_start:]


def _downloads(report: Report, stem: str, html_report: str) -> list[Download]:
    """Each version as a ``data:`` link: nothing is kept on the server, so the page carries its own files."""
    result = []
    for fmt, label, media_type, extension in _DOWNLOADS:
        content = (html_report if fmt == "html" else render(report, fmt)).encode("utf-8")
        href = f"data:{media_type};charset=utf-8;base64,{base64.b64encode(content).decode('ascii')}"
        result.append(Download(label, f"{stem}-tenderlens.{extension}", href, describe_bytes(len(content))))
    return result
