"""Web face: the FastAPI app. Like the CLI it only builds options, calls ``tenderlens.audit`` and renders the
Report: an upload page for people, ``POST /api/v1/scan`` for programs, one handler for every error."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from tenderlens import __version__
from tenderlens.exceptions import TenderLensError
from tenderlens.model import PackReport, Report
from tenderlens.pack.render import render_pack
from tenderlens.report import render
from tenderlens.warm import warm_up
from tenderlens.web import views
from tenderlens.web.scan import Auditor, private_folder, remove_stale_folders
from tenderlens.web.security import (
    TOKEN_COOKIE,
    TOKEN_FIELD,
    AuthRequiredError,
    SecurityHeadersMiddleware,
    cookie_value,
    page_authorised,
    require_bearer,
)
from tenderlens.web.settings import TOKEN_ENV, WebSettings
from tenderlens.web.upload import FILE_FIELD, receive_upload

log = logging.getLogger("tenderlens.web")

API_PREFIX = "/api/v1"
# An upload folder this much older than the processing limit cannot belong to a request still running
# (the upload itself is bounded by the proxy's and uvicorn's timeouts).
STALE_MARGIN = 3600.0
DESCRIPTION = (
    "Responsibility-gap reports for draft tenders and contracts: send a PDF, DOCX or text file and get the "
    "same JSON report as `tenderlens scan --format json`; send a ZIP or several files (the field `file` "
    "repeated) for one tender-pack report. Nothing is kept: the upload is deleted when the request ends."
)
_RESPONSES = {
    200: "The JSON report, as `tenderlens scan --format json` writes it.",
    400: "The request is not a multipart upload with one file in the field `file`.",
    401: "A token is configured and the request did not carry it.",
    413: "Over a limit: upload size, page count or processing time.",
    415: "Not a PDF, DOCX or text document (decided from the bytes, not the name).",
    422: "A supported type that cannot be read: empty, corrupt, truncated, password-protected, no text.",
    503: "Every audit slot stayed busy for the whole time limit; try again later.",
}
_SCAN_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [FILE_FIELD],
                "properties": {FILE_FIELD: {"type": "string", "format": "binary", "description": "The document."}},
            }
        }
    },
}


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The web app for ``settings`` (default: the default limits, and the token from ``TENDERLENS_TOKEN``)."""
    settings = settings or WebSettings(token=os.environ.get(TOKEN_ENV) or None)
    auditor = Auditor(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        removed = remove_stale_folders(settings.work_dir, older_than=settings.timeout_seconds + STALE_MARGIN)
        if removed:
            log.warning("removed %d upload folder(s) left by an interrupted server", removed)
        # Load the models before the first request, so the first upload is as fast as the later ones.
        warm_up(settings.audit_options)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="TenderLens",
        version=__version__,
        description=DESCRIPTION,
        # The stock Swagger and ReDoc pages load their code from a CDN; /docs is rendered here instead.
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(SecurityHeadersMiddleware)

    async def scan(
        request: Request, before_file: Callable[[Mapping[str, str]], None] | None = None
    ) -> Report | PackReport:
        with private_folder(settings.work_dir) as folder, _internal_errors():
            uploads = await receive_upload(request, folder, settings.max_upload_bytes, before_file)
            return await auditor.audit(uploads)

    @app.exception_handler(TenderLensError)
    async def on_error(request: Request, err: TenderLensError) -> Response:
        # Metadata only: messages can name or quote the document, and both can be confidential.
        cause = type(err.__cause__).__name__ if err.__cause__ else "-"
        log.log(
            logging.WARNING if err.http_status >= 500 else logging.INFO,
            "%s %s -> %d %s (cause %s)",
            request.method,
            request.url.path,
            err.http_status,
            type(err).__name__,
            cause,
        )
        if request.url.path.endswith(f"{API_PREFIX}/scan"):
            headers = {"WWW-Authenticate": "Bearer"} if err.http_status == 401 else None
            body = {"error": type(err).__name__, "detail": str(err), "exit_code": int(err.exit_code)}
            return JSONResponse(body, status_code=err.http_status, headers=headers)
        return views.upload_page(request, settings, error=str(err), status_code=err.http_status)

    @app.get("/", include_in_schema=False)
    def upload_page(request: Request) -> HTMLResponse:
        return views.upload_page(request, settings)

    @app.get("/scan", include_in_schema=False)
    def scan_again() -> RedirectResponse:
        # A bookmarked or reopened result address: results are not kept, so offer the form.
        return RedirectResponse("./", status_code=303)

    @app.post("/scan", include_in_schema=False)
    async def scan_page(request: Request) -> HTMLResponse:
        def authorise(fields: Mapping[str, str]) -> None:
            if not page_authorised(request, settings.token, fields.get(TOKEN_FIELD)):
                raise AuthRequiredError("Enter the right access token and try again.")

        report = await scan(request, authorise)
        with _internal_errors():
            if isinstance(report, PackReport):
                response = HTMLResponse(render_pack(report, "html"))
            else:
                response = views.result_page(request, report)
        if settings.token is not None:
            response.set_cookie(
                TOKEN_COOKIE,
                cookie_value(settings.token),
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
        return response

    @app.post(
        f"{API_PREFIX}/scan",
        summary="Audit one document",
        description="Send the document as multipart/form-data in the field `file`; returns the JSON report.",
        response_class=JSONResponse,
        responses={code: {"description": text} for code, text in _RESPONSES.items()},
        openapi_extra={"requestBody": _SCAN_BODY},
    )
    async def scan_api(request: Request) -> Response:
        require_bearer(request, settings.token)
        report = await scan(request)
        with _internal_errors():
            body = render_pack(report, "json") if isinstance(report, PackReport) else render(report, "json")
            return Response(body, media_type="application/json")

    @app.get(
        "/healthz",
        summary="Liveness check",
        description="Always open (no token), for load balancers and reverse proxies.",
        responses={200: {"description": 'The server is up: `{"status": "ok", "version": "..."}`.'}},
    )
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return views.docs_page(request, app.openapi(), settings)

    return app


@contextmanager
def _internal_errors() -> Iterator[None]:
    """A bug must not escape with its message (which may quote the draft) into the server log."""
    try:
        yield
    except TenderLensError:
        raise
    except Exception as exc:
        raise TenderLensError(type(exc).__name__) from exc
