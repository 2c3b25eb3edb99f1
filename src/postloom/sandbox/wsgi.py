"""The WSGI plumbing every simulator shares: reading a request and starting the answer.

Reading: the headers by lower-case name, the body, a JSON object body, a multipart form, the
query and the origin the client used. Answering: the status line (also for codes
``http.HTTPStatus`` lacks, such as Anthropic's 529), ``retry-after`` headers, a redirect's
query, a JSON reply, and the ``fail_times`` switch. Each vendor's own shapes (error envelopes,
routes, headers) stay in its simulator.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit
from wsgiref.types import StartResponse, WSGIEnvironment

Json = dict[str, Any]
Files = list[tuple[str, str, bytes]]  # (field name, content type, bytes)

_OTHER_PHRASES = {529: "Overloaded"}  # Anthropic's; not in http.HTTPStatus

# --- Reading ----------------------------------------------------------------------------------


def request_headers(environ: WSGIEnvironment, *cgi_names: str) -> dict[str, str]:
    """The ``HTTP_*`` headers by lower-case name. WSGI keeps Content-Type and Content-Length
    apart; name them (``"CONTENT_TYPE"``) to have them too, when they are set."""
    headers = {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    for name in cgi_names:
        if environ.get(name):
            headers[name.replace("_", "-").lower()] = environ[name]
    return headers


def read_body(environ: WSGIEnvironment, limit: int | None = None) -> bytes:
    """The request body as the client declared it (at most ``limit`` bytes)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if limit is not None:
        length = min(length, limit)
    return environ["wsgi.input"].read(length) if length else b""


def json_object(raw: bytes) -> Json:
    """The body as a JSON object; ``{}`` when it is empty, not JSON, or not an object."""
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_multipart(content_type: str, raw: bytes) -> tuple[dict[str, str], Files]:
    """Text fields and files of a multipart/form-data body (the ``cgi`` module is gone); a
    part without a name is no field and is left out."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    fields: dict[str, str] = {}
    files: Files = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        decoded = part.get_payload(decode=True)
        payload = decoded if isinstance(decoded, bytes) else b""
        if part.get_filename() is not None:
            files.append((name, part.get_content_type(), payload))
        else:
            fields[name] = payload.decode("utf-8", errors="replace")
    return fields, files


def query_params(environ: WSGIEnvironment) -> dict[str, str]:
    """The query string's parameters, blank values kept (``?state=`` is a state of "")."""
    return dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))


def origin(environ: WSGIEnvironment) -> str:
    """``scheme://host:port`` of this server as the client reached it."""
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ['wsgi.url_scheme']}://{host}"


# --- Answering --------------------------------------------------------------------------------


def status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = _OTHER_PHRASES.get(status, "Unknown")
    return f"{status} {phrase}"


def retry_after_headers(seconds: float, *, milliseconds: bool = True) -> list[tuple[str, str]]:
    """Whole seconds in ``retry-after``; OpenAI and Anthropic also send the exact
    ``retry-after-ms`` for clients that want it."""
    headers = [("retry-after", str(math.ceil(seconds)))]
    if milliseconds:
        headers.append(("retry-after-ms", str(int(seconds * 1000))))
    return headers


def with_query(uri: str, query: str) -> str:
    """``uri`` with an encoded ``query`` added after any query it already has."""
    return f"{uri}{'&' if urlsplit(uri).query else '?'}{query}"


@dataclass
class Reply:
    """An answer of the JSON simulators (OpenAI, Anthropic, fal): a JSON body or raw bytes."""

    status: int
    body: Json | bytes
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str = "application/json"


def send(start_response: StartResponse, reply: Reply, *headers: tuple[str, str]) -> list[bytes]:
    """Start ``reply``: Content-Type, then ``headers`` (a vendor's request id), then its own."""
    start_response(
        status_line(reply.status), [("Content-Type", reply.content_type), *headers, *reply.headers]
    )
    body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
    return [body]


# --- The fail_times switch --------------------------------------------------------------------


class _FailTimes(Protocol):
    fail_times: int | None


def failing_now(simulator: _FailTimes, lock: threading.Lock) -> bool:
    """Whether a switched-on failure strikes this request: always while ``fail_times`` is
    None, else only the next ``fail_times`` requests (each one counts down)."""
    with lock:
        if simulator.fail_times is None:
            return True
        if simulator.fail_times <= 0:
            return False
        simulator.fail_times -= 1
        return True
