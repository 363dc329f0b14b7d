"""The web app through FastAPI's TestClient: the JSON API and the page on real generated documents, every
limit and bad input, token auth, the security headers, and that no upload outlives its request."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import pdf_builders
import web_builders
from tenderlens import audit
from tenderlens.exceptions import ExitCode
from tenderlens.report import render
from tenderlens.web.app import create_app
from tenderlens.web.scan import FOLDER_PREFIX
from tenderlens.web.security import TOKEN_COOKIE
from tenderlens.web.settings import WebSettings
from tenderlens.web.upload import safe_filename

API = "/api/v1/scan"
TOKEN = "correct horse battery staple"


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    """The parent of the per-request folders; every test ends by checking it is empty."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def client(work_dir: Path, **settings: object) -> TestClient:
    return TestClient(create_app(WebSettings(work_dir=work_dir, **settings)))  # type: ignore[arg-type]


def post_file(c: TestClient, path: Path, url: str = API, **kwargs: object) -> object:
    with path.open("rb") as handle:
        return c.post(url, files={"file": (path.name, handle.read())}, **kwargs)  # type: ignore[arg-type]


def same_as_cli(path: Path) -> dict[str, object]:
    """The CLI's JSON report for ``path``, with the document named as the web app names it."""
    report = json.loads(render(audit(path), "json"))
    report["document"]["path"] = path.name
    return report


def assert_empty(work_dir: Path) -> None:
    assert list(work_dir.iterdir()) == [], "an upload outlived its request"


# ------------------------------------------------------------------------------------------------ success


@pytest.mark.slow
def test_pdf_gives_the_same_json_report_as_the_cli(clauses_pdf: Path, work_dir: Path) -> None:
    response = post_file(client(work_dir), clauses_pdf)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    report = response.json()
    assert report["document"]["format"] == "pdf"
    assert report["document"]["pages"] == 3
    # The user's name for the file, never the private folder it was read from.
    assert report["document"]["path"] == "clauses.pdf"
    assert str(work_dir) not in response.text
    assert report == same_as_cli(clauses_pdf)
    assert_empty(work_dir)


@pytest.mark.slow
def test_text_file_is_audited(tmp_path: Path, work_dir: Path) -> None:
    tender = web_builders.build_text_tender(tmp_path / "repairs tender.txt")
    response = post_file(client(work_dir), tender)
    assert response.status_code == 200
    report = response.json()
    assert report["document"]["format"] == "text"
    assert report == same_as_cli(tender)
    assert_empty(work_dir)


@pytest.mark.slow
def test_page_shows_the_report_with_downloads_of_the_same_report(clauses_pdf: Path, work_dir: Path) -> None:
    response = post_file(client(work_dir), clauses_pdf, url="/scan")
    assert response.status_code == 200
    page = response.text
    expected = same_as_cli(clauses_pdf)
    verdict = re.search(r'data-testid="verdict">([^<]*)<', page)
    assert verdict is not None and verdict.group(1) == expected["summary"]["verdict"]  # type: ignore[index]
    links = dict(re.findall(r'href="data:([a-z/]+);charset=utf-8;base64,([^"]+)"', page))
    assert json.loads(base64.b64decode(links["application/json"])) == expected
    assert base64.b64decode(links["text/markdown"]).decode().startswith("#")
    html_download = base64.b64decode(links["text/html"]).decode()
    assert "Download JSON" not in html_download and 'data-testid="verdict"' in html_download
    # Self-contained: nothing on the page is loaded from anywhere, not even from this server.
    assert not re.search(r'\b(src|href)="(https?:)?//', page)
    assert page.index("Download JSON") < page.index("<main")
    assert_empty(work_dir)


# ------------------------------------------------------------------------------------------------ limits


def test_upload_over_the_size_limit_is_413(tmp_path: Path, work_dir: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The Supplier shall comply. " * 2000, encoding="utf-8")
    response = post_file(client(work_dir, max_upload_bytes=10_000), big)
    assert response.status_code == 413
    assert response.json()["error"] == "ResourceLimitError"
    assert "larger than 9.8 KB" in response.json()["detail"]
    assert response.json()["exit_code"] == ExitCode.resource_limit
    assert_empty(work_dir)


def test_size_limit_holds_without_a_content_length(work_dir: Path) -> None:
    # A chunked body declares no size: the limit must be enforced on the bytes as they arrive.
    body = web_builders.multipart_chunks("big.txt", b"The Supplier shall comply. " * 2000)
    response = client(work_dir, max_upload_bytes=10_000).post(
        API, content=body, headers={"content-type": f"multipart/form-data; boundary={web_builders.BOUNDARY}"}
    )
    assert response.status_code == 413
    assert_empty(work_dir)


def test_too_many_pages_is_413(tmp_path: Path, work_dir: Path) -> None:
    pdf = pdf_builders.build_clauses_pdf(tmp_path / "long.pdf", pages=3)
    response = post_file(client(work_dir, max_pages=2), pdf)
    assert response.status_code == 413
    assert "3" in response.json()["detail"] and "2" in response.json()["detail"]
    assert_empty(work_dir)


@pytest.mark.slow
def test_processing_time_limit_is_413(scanned_pdf: Path, work_dir: Path) -> None:
    # A scanned page needs OCR, which takes seconds: far over the limit, yet it starts well within it.
    response = post_file(client(work_dir, timeout_seconds=0.5), scanned_pdf)
    assert response.status_code == 413
    assert "longer than 0.5 seconds" in response.json()["detail"]
    assert_empty(work_dir)


# ------------------------------------------------------------------------------------------------ bad input


def test_image_renamed_pdf_is_415(tmp_path: Path, work_dir: Path) -> None:
    png = web_builders.build_png(tmp_path / "tender.pdf")
    response = post_file(client(work_dir), png)
    assert response.status_code == 415
    assert response.json()["error"] == "UnsupportedFormatError"
    assert "PNG image" in response.json()["detail"]
    assert_empty(work_dir)


@pytest.mark.parametrize(
    ("build", "error", "exit_code", "words"),
    [
        (web_builders.build_empty, "InputFileError", ExitCode.input_file, "empty"),
        (web_builders.build_cut_pdf, "InputFileError", ExitCode.input_file, "cut.pdf"),
        (web_builders.build_locked_pdf, "EncryptedPdfError", ExitCode.encrypted, "password"),
    ],
    ids=["empty", "truncated-pdf", "encrypted-pdf"],
)
def test_unreadable_documents_are_422(
    tmp_path: Path, work_dir: Path, build: Callable[[Path], Path], error: str, exit_code: ExitCode, words: str
) -> None:
    document = build(tmp_path)
    response = post_file(client(work_dir), document)
    assert response.status_code == 422
    body = response.json()
    assert (body["error"], body["exit_code"]) == (error, exit_code)
    assert words in body["detail"]
    assert_empty(work_dir)


def test_request_without_a_file_is_400(work_dir: Path) -> None:
    c = client(work_dir)
    assert c.post(API, data={"note": "no file"}).status_code == 400
    missing = c.post(API, files={"other": ("a.txt", b"text")})
    assert missing.status_code == 400 and "field `file`" in missing.json()["detail"]
    assert_empty(work_dir)


def test_page_shows_errors_on_the_form(tmp_path: Path, work_dir: Path) -> None:
    png = web_builders.build_png(tmp_path / "scan.png")
    response = post_file(client(work_dir), png, url="/scan")
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("text/html")
    assert re.search(r'id="error-message">[^<]*PNG image', response.text)
    assert "<title>Error: " in response.text
    assert 'id="file"' in response.text
    assert_empty(work_dir)


@pytest.mark.slow
def test_nothing_but_metadata_is_logged(tmp_path: Path, work_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    c = client(work_dir)
    with caplog.at_level(logging.DEBUG):
        post_file(c, web_builders.build_text_tender(tmp_path / "merger-plan-confidential.txt"))
        post_file(c, web_builders.build_png(tmp_path / "merger-plan-confidential.pdf"))
    assert "audited" in caplog.text and "UnsupportedFormatError" in caplog.text
    assert "merger-plan" not in caplog.text
    assert "Housing Repairs" not in caplog.text and "Supplier" not in caplog.text


# ------------------------------------------------------------------------------------------------ token


def test_api_needs_the_bearer_token(tmp_path: Path, work_dir: Path) -> None:
    tender = web_builders.build_text_tender(tmp_path / "t.txt")
    c = client(work_dir, token=TOKEN)
    missing = post_file(c, tender)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = post_file(c, tender, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert_empty(work_dir)


@pytest.mark.slow
def test_api_accepts_the_bearer_token(tmp_path: Path, work_dir: Path) -> None:
    tender = web_builders.build_text_tender(tmp_path / "t.txt")
    response = post_file(client(work_dir, token=TOKEN), tender, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.json()["document"]["format"] == "text"


@pytest.mark.slow
def test_page_takes_the_token_once_then_remembers_it(tmp_path: Path, work_dir: Path) -> None:
    tender = web_builders.build_text_tender(tmp_path / "t.txt")
    c = client(work_dir, token=TOKEN)
    assert 'name="token"' in c.get("/").text
    content = tender.read_bytes()
    refused = c.post("/scan", data={"token": "guess"}, files={"file": ("t.txt", content)})
    assert refused.status_code == 401 and 'name="token"' in refused.text
    accepted = c.post("/scan", data={"token": TOKEN}, files={"file": ("t.txt", content)})
    assert accepted.status_code == 200
    cookie = accepted.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert TOKEN not in cookie and c.cookies.get(TOKEN_COOKIE)
    assert 'name="token"' not in c.get("/").text
    assert c.post("/scan", files={"file": ("t.txt", content)}).status_code == 200
    # The page cookie opens the page, not the API.
    assert c.post(API, files={"file": ("t.txt", content)}).status_code == 401
    assert_empty(work_dir)


def test_health_and_docs_stay_open_with_a_token(work_dir: Path) -> None:
    c = client(work_dir, token=TOKEN)
    assert c.get("/healthz").json()["status"] == "ok"
    docs = c.get("/docs")
    assert docs.status_code == 200 and "POST /api/v1/scan" in docs.text and "Bearer" in docs.text
    schema = c.get("/openapi.json").json()
    body = schema["paths"][API]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["properties"]["file"]["format"] == "binary"
    assert {"413", "415", "422"} <= set(schema["paths"][API]["post"]["responses"])


# ------------------------------------------------------------------------------------------------ headers


@pytest.mark.parametrize(("method", "url"), [("GET", "/"), ("GET", "/healthz"), ("GET", "/docs"), ("POST", API)])
def test_security_headers_on_every_response(work_dir: Path, method: str, url: str) -> None:
    response = client(work_dir).request(method, url)
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert not re.search(r"https?:|\*", csp), "the CSP must not allow any outside source"
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"


def test_the_one_script_carries_this_responses_nonce(work_dir: Path) -> None:
    c = client(work_dir)
    first, second = c.get("/"), c.get("/")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["content-security-policy"])
    assert nonce is not None
    assert re.findall(r"<script([^>]*)>", first.text) == [f' nonce="{nonce.group(1)}"']
    assert nonce.group(1) not in second.text


# ------------------------------------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("draft.pdf", "draft.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\officer\\Tender v2.docx", "Tender v2.docx"),
        ("..", "upload"),
        ("", "upload"),
        ("notes;rm -rf.md", "notes_rm -rf.md"),
        ("x" * 300 + ".pdf", "x" * 100 + ".pdf"),
    ],
)
def test_safe_filename(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


def test_result_address_leads_back_to_the_form(work_dir: Path) -> None:
    # Results are not kept: reopening /scan (a bookmark, a reload without the post) offers the form.
    response = client(work_dir).get("/scan", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "./")


def test_folders_left_by_a_killed_server_are_removed_at_start(work_dir: Path) -> None:
    # A SIGKILL mid-request skips `finally`; the next start removes what is older than any live request.
    stale = work_dir / f"{FOLDER_PREFIX}killed"
    stale.mkdir()
    (stale / "draft.pdf").write_bytes(b"%PDF-1.7 confidential")
    os.utime(stale, (time.time() - 2 * 3600, time.time() - 2 * 3600))
    live = work_dir / f"{FOLDER_PREFIX}running"
    live.mkdir()
    unrelated = work_dir / "someone-else"
    unrelated.mkdir()
    os.utime(unrelated, (0, 0))
    with client(work_dir, timeout_seconds=60):
        pass
    assert {p.name for p in work_dir.iterdir()} == {live.name, unrelated.name}
