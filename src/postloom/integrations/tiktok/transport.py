"""HTTP for the TikTok client: the one module that imports httpx for TikTok.

Failures to get an answer become ``NetworkError`` here, without httpx's text (which holds
URLs, and an upload URL holds its upload token):

- no connection at all → ``UNREACHABLE`` (the request never left: safe to try again);
- a timeout, or a connection that broke after the request was sent → ``TIMEOUT`` (the
  outcome is unknown: ask TikTok before trying again).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import certifi
import httpx

from postloom.integrations.networks.base import ErrorCode, NetworkError

Send = Callable[..., "Reply"]

_UPLOAD_TOKEN = re.compile(r"(upload_token=)[^&\s\"']+")


class _HideUploadTokens(logging.Filter):
    """httpx logs every request's URL at INFO; an upload URL's token must not reach the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_hidden(arg) for arg in record.args)
        return True


def _hidden(arg: object) -> object:
    text = str(arg) if not isinstance(arg, int | float) else ""
    return _UPLOAD_TOKEN.sub(r"\1[hidden]", text) if "upload_token=" in text else arg


logging.getLogger("httpx").addFilter(_HideUploadTokens())


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        """The decoded JSON body, or None when the body is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


_local = threading.local()


class Transport:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def request(self, method: str, url: str, **kwargs: Any) -> Reply:
        return _send(_client(), method, url, timeout=self.timeout, **kwargs)

    @contextmanager
    def session(self) -> Iterator[Send]:
        """Many requests in a row (the chunks of an upload), on this thread's connections."""
        client = _client()
        yield lambda method, url, **kwargs: _send(
            client, method, url, timeout=self.timeout, **kwargs
        )


def _client() -> httpx.Client:
    """One client per thread: its connections stay open between calls (keep-alive) and its
    pool is never shared with another thread. Made again after a fork."""
    held: tuple[int, httpx.Client] | None = getattr(_local, "client", None)
    if held is None or held[0] != os.getpid():
        held = (os.getpid(), httpx.Client(follow_redirects=False, verify=_tls()))
        _local.client = held
    return held[1]


@functools.cache
def _tls() -> ssl.SSLContext:
    # Building the context reads the CA bundle (~40 ms); one per process is enough.
    return ssl.create_default_context(cafile=certifi.where())


def _send(client: httpx.Client, method: str, url: str, **kwargs: Any) -> Reply:
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise _failure(ErrorCode.TIMEOUT, "TikTok did not answer in time") from None
    except httpx.ConnectError:
        raise _failure(ErrorCode.UNREACHABLE, "TikTok could not be reached") from None
    except httpx.UnsupportedProtocol:
        raise NetworkError(ErrorCode.INVALID_REQUEST, "The TikTok address in the settings is "
                           "not an http(s) URL", permanent=True) from None  # fmt: skip
    except httpx.TransportError:
        raise _failure(ErrorCode.TIMEOUT, "The connection to TikTok broke before an answer "
                       "came") from None  # fmt: skip
    headers = {name.lower(): value for name, value in response.headers.items()}
    return Reply(response.status_code, headers, response.content)


def _failure(code: ErrorCode, message: str) -> NetworkError:
    return NetworkError(code, message, permanent=False)
