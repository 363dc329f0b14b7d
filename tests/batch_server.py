"""A small HTTP server on 127.0.0.1 (a thread, a free port) for the batch download tests: serves given bytes,
and on special paths fails once with 503, answers 404, redirects to ``ftp:`` or sends a body of no declared
length.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class LoopbackServer:
    """``with LoopbackServer({"/a.pdf": data}) as server: server.url("/a.pdf")``; ``hits`` lists
    ``(path, monotonic time)`` of every request."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.hits: list[tuple[str, float]] = []
        self._failed_once: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append((self.path, time.monotonic()))
                if self.path.startswith("/flaky/") and self.path not in server._failed_once:
                    server._failed_once.add(self.path)
                    self._reply(503, b"try again", {"Retry-After": "0"})
                elif self.path == "/to-ftp":
                    self._reply(302, b"", {"Location": "ftp://127.0.0.1/secret.pdf"})
                elif self.path == "/endless":
                    self._reply(200, b"%PDF-1.4\n" + b"0" * 300_000, {})
                elif self.path in server.files:
                    self._reply(200, server.files[self.path], {})
                else:
                    self._reply(404, b"not found", {})

            def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if self.path != "/endless":  # no Content-Length: only counting the bytes can stop it
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}{path}"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
