"""Request parsing and replies for the Instagram simulator, in the shapes Meta's servers use.

Graph accepts parameters from the query string, a form body (urlencoded or multipart) or a
JSON body, and the token from ``access_token`` or ``Authorization: Bearer|OAuth <token>``;
the simulator does the same so that a client may use any of them.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode
from wsgiref.types import WSGIEnvironment

from postloom.sandbox import wsgi

Json = dict[str, Any]

_MAX_BODY = 1_000_000  # parameters only; media are fetched by URL, never uploaded here


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any]
    headers: dict[str, str]  # lower-case names
    origin: str  # scheme://host of this server, as the client reached it

    @property
    def params(self) -> dict[str, Any]:
        """Query and body together; the body wins, as it does at Graph."""
        return {**self.query, **self.body}

    def param(self, name: str, default: str = "") -> str:
        value = self.params.get(name, default)
        return value if isinstance(value, str) else json.dumps(value)

    @property
    def token(self) -> str:
        scheme, _, value = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() in ("bearer", "oauth") and value.strip():
            return value.strip()
        return self.param("access_token")

    @property
    def token_in_url(self) -> bool:
        return "access_token" in self.query


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header_list(self) -> list[tuple[str, str]]:
        base = [("Content-Type", self.content_type)] if self.body or self.status != 302 else []
        return [*base, ("Cache-Control", "no-store"), *self.headers]


class GraphError(Exception):
    """A Graph API error, raised by a handler and answered in Graph's JSON envelope."""

    def __init__(
        self,
        code: int,
        message: str,
        *,
        subcode: int | None = None,
        status: int = HTTPStatus.BAD_REQUEST,
        transient: bool = False,
        user_title: str = "",
        user_msg: str = "",
        kind: str = "OAuthException",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(f"({code}/{subcode}) {message}")
        self.code, self.subcode, self.message = code, subcode, message
        self.status, self.transient, self.kind = status, transient, kind
        self.user_title, self.user_msg = user_title, user_msg
        self.headers = headers or []

    def reply(self) -> Reply:
        error: Json = {
            "message": self.message,
            "type": self.kind,
            "code": self.code,
            "is_transient": self.transient,
            "fbtrace_id": "Sandbox" + secrets.token_urlsafe(12),
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.user_title:
            error["error_user_title"] = self.user_title
        if self.user_msg:
            error["error_user_msg"] = self.user_msg
        reply = json_reply({"error": error}, self.status)
        reply.headers.extend(self.headers)
        return reply


class InstagramOAuthError(Exception):
    """api.instagram.com's own error shape for the code exchange (not Graph's envelope)."""

    def __init__(self, message: str, status: int = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.message, self.status = message, status

    def reply(self) -> Reply:
        body = {"error_type": "OAuthException", "code": self.status, "error_message": self.message}
        return json_reply(body, self.status)


def parse_request(environ: WSGIEnvironment) -> Request:
    content_type = environ.get("CONTENT_TYPE", "")
    return Request(
        method=environ["REQUEST_METHOD"].upper(),
        path=environ.get("PATH_INFO") or "/",
        query=wsgi.query_params(environ),
        body=_parse_body(wsgi.read_body(environ, _MAX_BODY), content_type),
        headers=wsgi.request_headers(environ, "CONTENT_TYPE"),
        origin=wsgi.origin(environ),
    )


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return wsgi.json_object(raw)
    if kind == "multipart/form-data":
        # curl -F (the documented code exchange) sends multipart; a file part is read as text.
        fields, files = wsgi.parse_multipart(content_type, raw)
        return {**fields, **{name: data.decode("utf-8", "replace") for name, _, data in files}}
    return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))


def json_reply(body: Any, status: int = HTTPStatus.OK) -> Reply:
    return Reply(status, json.dumps(body).encode())


def html_reply(html: str, status: int = HTTPStatus.OK) -> Reply:
    return Reply(status, html.encode(), "text/html; charset=utf-8")


def redirect(uri: str, params: dict[str, str], fragment: str = "") -> Reply:
    location = wsgi.with_query(uri, urlencode({k: v for k, v in params.items() if v})) + fragment
    return Reply(HTTPStatus.FOUND, headers=[("Location", location)])


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def as_list(value: Any) -> list[str]:
    """``children``: a JSON array, a JSON-encoded array, or comma-separated ids."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            return as_list(json.loads(text))
        except ValueError:
            return []
    return [item.strip() for item in text.split(",") if item.strip()]


def pick_fields(obj: Json, fields: str, default: tuple[str, ...]) -> Json:
    """Graph returns only the fields asked for (plus ``id``), or a default set."""
    wanted = [f.strip() for f in fields.split(",") if f.strip()] or list(default)
    picked = {name: obj[name] for name in wanted if name in obj and obj[name] is not None}
    if "id" in obj:
        picked["id"] = obj["id"]
    return picked


_VERSION = re.compile(r"^/(v\d+\.\d+)(/.*)?$")


def split_version(path: str) -> tuple[str, str]:
    """``/v24.0/me`` → ("v24.0", "/me"); a path without a version → ("", path)."""
    match = _VERSION.match(path)
    if match is None:
        return "", path
    return match.group(1), match.group(2) or "/"
