"""HTTP for the Instagram client: the one module that imports httpx for Instagram.

The hosts are Meta's fixed API hosts (or the configured simulator), not user URLs, so httpx is
used directly rather than through ``web.safe_http``. Tokens travel in the Authorization header;
the few documented calls that take a secret in the query (token exchange and refresh) have it
hidden from httpx's request log and from every error.

Failures to get an answer become ``NetworkError`` here, without httpx's text (which holds URLs):

- no connection at all → ``UNREACHABLE`` (the request never left: safe to try again);
- a timeout, or a connection that broke after the request was sent → ``TIMEOUT`` (the outcome
  is unknown: ask Instagram before trying again).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from postloom.integrations.instagram import errors
from postloom.integrations.networks.base import ErrorCode, NetworkError

Json = dict[str, Any]


class _HideSecrets(logging.Filter):
    """httpx logs every request's URL at INFO; secrets in a query must not reach the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(arg, httpx.URL) and arg.query for arg in record.args
        ):
            record.args = tuple(
                errors.redact(str(arg)) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


logging.getLogger("httpx").addFilter(_HideSecrets())

_local = threading.local()


def _client() -> httpx.Client:
    """One client per thread: its connections stay open between calls (keep-alive), and no
    thread waits on another's pool lock. Made again after a fork (a worker may fork)."""
    held: tuple[int, httpx.Client] | None = getattr(_local, "client", None)
    if held is None or held[0] != os.getpid():
        held = (os.getpid(), httpx.Client(follow_redirects=False))
        _local.client = held
    return held[1]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: Json


class Transport:
    def __init__(self, timeout: float, client: httpx.Client | None = None) -> None:
        self.timeout = timeout
        self._own_client = client

    def get(
        self,
        url: str,
        what: str,
        *,
        token: str = "",
        oauth: bool = False,
        params: Json | None = None,
    ) -> Reply:
        return self.send("GET", url, what, token=token, oauth=oauth, params=params)

    def post(
        self,
        url: str,
        what: str,
        *,
        token: str = "",
        oauth: bool = False,
        json: Json | None = None,
        data: Json | None = None,
    ) -> Reply:
        return self.send("POST", url, what, token=token, oauth=oauth, json=json, data=data)

    def rows(
        self, url: str, what: str, *, token: str, params: Json, max_requests: int
    ) -> Iterator[Json]:
        """The objects in ``data`` over Graph's cursor pages, fetched as they are consumed;
        an empty page, a page without a next cursor or ``max_requests`` ends them."""
        for _ in range(max_requests):
            body = self.get(url, what, token=token, params=params).body
            page = [row for row in body.get("data") or [] if isinstance(row, dict)]
            yield from page
            after = _after_cursor(body)
            if not page or not after:
                return
            params = {**params, "after": after}

    def send(
        self,
        method: str,
        url: str,
        what: str,
        *,
        token: str = "",
        oauth: bool = False,
        **kwargs: Any,
    ) -> Reply:
        """The JSON answer of a 2xx, else the mapped ``NetworkError`` (``what`` names the call
        in messages, e.g. "media_publish")."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = self._own_client or _client()
        try:
            response = client.request(method, url, headers=headers, timeout=self.timeout, **kwargs)
        except httpx.TimeoutException:
            raise _failure(
                ErrorCode.TIMEOUT, f"Instagram did not answer in time ({what})"
            ) from None
        except httpx.ConnectError:
            raise _failure(
                ErrorCode.UNREACHABLE, f"Instagram could not be reached ({what})"
            ) from None
        except httpx.UnsupportedProtocol:
            raise NetworkError(
                ErrorCode.INVALID_REQUEST,
                "The Instagram address in the settings is not an http(s) URL",
                permanent=True,
            ) from None
        except httpx.TransportError:
            raise _failure(
                ErrorCode.TIMEOUT,
                f"The connection to Instagram broke before an answer came ({what})",
            ) from None
        reply_headers = {name.lower(): value for name, value in response.headers.items()}
        body = _json(response.content)
        if response.status_code >= 400 or body is None or _is_error(body):
            raise errors.from_response(response.status_code, body, reply_headers, what, oauth=oauth)
        return Reply(response.status_code, reply_headers, body)


def text(body: Json, name: str) -> str:
    """A field of Graph's answer as text; "" when it is missing or null."""
    value: Any = body.get(name)
    return str(value) if value is not None else ""


def _after_cursor(body: Json) -> str:
    """The ``after`` cursor when Graph says there is a next page."""
    paging = body.get("paging")
    if not isinstance(paging, dict) or not paging.get("next"):
        return ""
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    return after if isinstance(after, str) else ""


def _failure(code: ErrorCode, message: str) -> NetworkError:
    return NetworkError(code, message, permanent=False)


def _json(content: bytes) -> Json | None:
    try:
        value = json.loads(content)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _is_error(body: Json) -> bool:
    return "error" in body or "error_type" in body
