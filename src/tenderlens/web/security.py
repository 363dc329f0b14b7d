"""Web face, security: strict headers on every response (CSP with a per-response script nonce) and the
optional shared access token."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tenderlens.exceptions import ExitCode, TenderLensError

NONCE_KEY = "csp_nonce"
TOKEN_COOKIE = "tenderlens_token"
TOKEN_FIELD = "token"


class AuthRequiredError(TenderLensError):
    """The deployment has a token and the request did not carry the right one."""

    exit_code = ExitCode.bad_args
    http_status = 401
    message = "This TenderLens server needs an access token; ask whoever runs it."


def content_security_policy(nonce: str) -> str:
    """The CSP for every response: nothing from outside, only our own nonce-marked script.

    Styles are allowed inline because the report is a self-contained file whose ``<style>`` must also apply
    after the upload script swaps it into the page; CSS cannot load or send anything here since every fetch
    directive is ``'none'``, ``'self'`` or ``data:``.
    """
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'nonce-{nonce}'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


_STATIC_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    # Reports quote confidential drafts: no browser or proxy may keep a copy.
    (b"cache-control", b"no-store"),
)


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (so streamed uploads are not buffered): sets a fresh nonce in
    ``request.state.csp_nonce`` and adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(18)
        scope.setdefault("state", {})[NONCE_KEY] = nonce
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (b"content-security-policy", content_security_policy(nonce).encode()),
                    *_STATIC_HEADERS,
                ]
                if secure:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison, so response timing reveals neither how much of a guess was right nor, as the
    digests have one length, how long the token is."""
    if given is None:
        return False
    return hmac.compare_digest(_digest(expected), _digest(given))


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def bearer_token(request: Request) -> str | None:
    """The token in ``Authorization: Bearer <token>``, if any."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_bearer(request: Request, token: str | None) -> None:
    """For the API. Raises AuthRequiredError unless no token is configured or the header carries it."""
    if token is not None and not token_matches(token, bearer_token(request)):
        raise AuthRequiredError("Send it as `Authorization: Bearer <token>`.")


def page_authorised(request: Request, token: str | None, form_token: str | None = None) -> bool:
    """For the page: the token may come from the form field or from the cookie set after a first success."""
    if token is None:
        return True
    return token_matches(token, form_token) or token_matches(cookie_value(token), request.cookies.get(TOKEN_COOKIE))


def cookie_value(token: str) -> str:
    """What the page cookie holds: derived from the token, so a copied cookie opens the page but does not
    reveal the token the API accepts."""
    return hmac.new(token.encode("utf-8"), b"tenderlens page cookie", hashlib.sha256).hexdigest()
