"""fal's failures as ImageErrors: HTTP statuses, model errors and download refusals.

fal answers two shapes: model errors carry ``detail`` as a list of typed objects (422
``content_policy_violation``, validation errors), request errors a string ``detail`` and an
``error_type`` (``request_timeout``, ``runner_scheduling_failure``, ...), also sent as the
``X-Fal-Error-Type`` header. Messages are ours: a vendor's text can quote the prompt.
"""

from __future__ import annotations

from typing import Any

import httpx

from postloom.integrations.images.base import ImageError
from postloom.web.safe_http import FetchError

NAME = "fal"
_TIMEOUT_TYPES = ("request_timeout", "startup_timeout", "runner_connection_timeout")


def fal_error(
    code: str, message: str, permanent: bool, retry_after: float | None = None
) -> ImageError:
    """An ImageError from fal in our words: ``message`` without the final full stop."""
    return ImageError(code, f"{NAME}: {message}.", permanent=permanent, provider=NAME,
                      retry_after=retry_after)  # fmt: skip


def error_for_status(response: httpx.Response) -> ImageError:
    status = response.status_code
    body = _json(response)
    detail = body.get("detail")
    error_type = str(body.get("error_type") or response.headers.get("x-fal-error-type") or "")
    where = f" (HTTP {status})"
    if status == 401:
        return fal_error("auth", f"the API key was refused{where}", True)
    if status == 402 or (status == 403 and _mentions_balance(detail)):
        return fal_error("quota", f"the account has no balance left{where}", True)
    if status == 403:
        return fal_error("auth", f"the API key may not use this model{where}", True)
    if status == 404:
        return fal_error("not_configured", f"the model or API address was not found{where}", True)
    if status == 429:
        return fal_error("rate_limited", f"too many requests; try again shortly{where}", False,
                         _retry_after(response))  # fmt: skip
    if _types(detail) & {"content_policy_violation"}:
        return fal_error("refused", f"the content checker declined this picture{where}", True)
    if status < 500:
        return fal_error("bad_request", f"the image service rejected the request{where}", True)
    if status == 504 or error_type in _TIMEOUT_TYPES:
        return fal_error("timeout", f"the model took too long{where}", False)
    return fal_error("server", f"the image service had an internal error{where}", False)


def error_for_fetch(exc: FetchError) -> ImageError:
    """A refused download of the finished picture."""
    if exc.code == "timeout":
        return fal_error("timeout", "the picture could not be downloaded in time", False)
    if exc.code in ("unreachable", "dns_failure"):
        return fal_error("unreachable", "the picture could not be downloaded", False)
    if exc.code == "http_status" and int(str(exc.detail.get("status", 0))) >= 500:
        return fal_error("server", "the picture could not be downloaded", False)
    # A private address, a wrong type, an oversized file, a redirect loop: not a usable picture.
    return fal_error("invalid_output", f"the picture's address was refused ({exc.code})", True)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {"detail": body}


def _types(detail: object) -> set[str]:
    if not isinstance(detail, list):
        return set()
    return {str(item.get("type")) for item in detail if isinstance(item, dict)}


def _mentions_balance(detail: object) -> bool:
    # fal locks an account whose balance is exhausted with a 403 and says so in words.
    return isinstance(detail, str) and any(w in detail.lower() for w in ("balance", "locked"))


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
