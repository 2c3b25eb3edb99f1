"""Requests and answers of the TikTok simulator, in TikTok's three shapes.

- the API envelope ``{"data": {...}, "error": {"code", "message", "log_id"}}``
  (``error.code != "ok"`` is a failure whatever the HTTP status);
- the OAuth endpoints' own error shape ``{"error", "error_description", "log_id"}``;
- HTML for the consent page.
"""

from __future__ import annotations

import html
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode
from wsgiref.types import WSGIEnvironment

from postloom.sandbox import wsgi

Json = dict[str, Any]

# The HTTP status TikTok sends with each API error code (creator_info sends its spam-risk
# codes with 200 on purpose; the caller passes the status there).
API_STATUS: dict[str, int] = {
    "access_token_invalid": 401,
    "scope_not_authorized": 401,
    "scope_permission_missed": 401,
    "rate_limit_exceeded": 429,
    "internal_error": 500,
    "invalid_param": 400,
    "invalid_params": 400,
    "invalid_file_upload": 400,
    "invalid_publish_id": 400,
    "token_not_authorized_for_specified_publish_id": 400,
    "publish_not_cancellable": 400,
    "spam_risk_too_many_posts": 403,
    "spam_risk_user_banned_from_posting": 403,
    "spam_risk_too_many_pending_share": 403,
    "reached_active_user_cap": 403,
    "unaudited_client_can_only_post_to_private_accounts": 403,
    "url_ownership_unverified": 403,
    "privacy_level_option_mismatch": 403,
    "app_version_check_failed": 403,
}

API_MESSAGES: dict[str, str] = {
    "access_token_invalid": "The access token is invalid or not found in the request.",
    "scope_not_authorized": "The user did not authorize the scope required for this endpoint.",
    "rate_limit_exceeded": "API rate limit exceeded, please retry later.",
    "internal_error": "Something went wrong. Please try again later.",
    "spam_risk_too_many_posts": "The daily post cap of this user has been reached.",
    "spam_risk_user_banned_from_posting": "The user is banned from posting.",
    "spam_risk_too_many_pending_share": "Too many pending shares in the user's inbox.",
    "reached_active_user_cap": "The daily cap of active posting users of this client is reached.",
    "unaudited_client_can_only_post_to_private_accounts":
        "Unaudited clients can only post to a private account with SELF_ONLY privacy.",
    "url_ownership_unverified": "The media URL's domain or prefix is not verified for this app.",
    "privacy_level_option_mismatch": "privacy_level is not one of the creator's options.",
}  # fmt: skip

OAUTH_STATUS: dict[str, int] = {
    "invalid_client": 401,
    "server_error": 500,
    "temporarily_unavailable": 503,
}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    origin: str  # scheme://host:port the client used

    @property
    def bearer(self) -> str:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token.strip() if scheme.lower() == "bearer" else ""

    def json(self) -> Json | None:
        """The JSON object body; ``{}`` for an empty body, None when it is not an object."""
        if not self.body.strip():
            return {}
        try:
            value = json.loads(self.body)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status_line(self) -> str:
        return wsgi.status_line(self.status)


def parse(environ: WSGIEnvironment) -> Request:
    return Request(
        method=environ["REQUEST_METHOD"],
        path=environ.get("PATH_INFO") or "/",
        query=wsgi.query_params(environ),
        headers=wsgi.request_headers(environ, "CONTENT_TYPE", "CONTENT_LENGTH"),
        body=wsgi.read_body(environ),
        origin=wsgi.origin(environ),
    )


def log_id() -> str:
    # TikTok's log ids look like a timestamp followed by hex.
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(8).upper()


def json_response(body: Json, status: int = 200,
                  headers: list[tuple[str, str]] | None = None) -> Response:  # fmt: skip
    base = [("Content-Type", "application/json; charset=UTF-8"), ("Cache-Control", "no-store")]
    return Response(status, json.dumps(body).encode(), base + (headers or []))


def envelope(data: Json, status: int = 200) -> Response:
    return json_response({"data": data, "error": {"code": "ok", "message": "", "log_id": log_id()}},
                         status)  # fmt: skip


def api_error(code: str, message: str = "", status: int | None = None) -> Response:
    """An API envelope carrying an error code (HTTP status from TikTok's table by default)."""
    error = {"code": code, "message": message or API_MESSAGES.get(code, code), "log_id": log_id()}
    return json_response({"data": {}, "error": error}, status or API_STATUS.get(code, 400))


def oauth_error(error: str, description: str, status: int | None = None) -> Response:
    body = {"error": error, "error_description": description, "log_id": log_id()}
    return json_response(body, status or OAUTH_STATUS.get(error, 400))


def bad_gateway() -> Response:
    """What a proxy in front of TikTok answers: not JSON at all."""
    body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    return Response(502, body, [("Content-Type", "text/html")])


def html_page(title: str, body: str, status: int = 200) -> Response:
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
        "padding:0 1rem;color:#161823}.badge{background:#fe2c55;color:#fff;padding:.2rem .6rem;"
        "border-radius:1rem;font-size:.8rem}button{font-size:1rem;padding:.6rem 1.4rem;"
        "border-radius:.4rem;border:0;margin-right:.5rem}.allow{background:#fe2c55;color:#fff}"
        "li{margin:.2rem 0}</style></head><body>" + body + "</body></html>"
    )
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
    return Response(status, page.encode(), headers)


def redirect(uri: str, params: dict[str, str]) -> Response:
    return Response(302, headers=[("Location", wsgi.with_query(uri, urlencode(params)))])
