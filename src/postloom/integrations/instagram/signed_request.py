"""Meta's ``signed_request``: how its deauthorize and data-deletion callbacks say who they are.

The value is ``<signature>.<payload>``, both base64url without padding. The payload is JSON
(``{"algorithm": "HMAC-SHA256", "issued_at": ..., "user_id": "..."}``) and the signature is
HMAC-SHA256 of the *encoded* payload, keyed with the app secret. Anything that does not verify
is refused with ``SignedRequestError``; its message never repeats the input or the secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any

ALGORITHM = "HMAC-SHA256"


class SignedRequestError(ValueError):
    """The signed_request is malformed, signed with another key or with another algorithm."""


def _b64decode(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise SignedRequestError("not base64url") from None


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _signature(payload_part: str, app_secret: str) -> bytes:
    return hmac.new(app_secret.encode(), payload_part.encode(), hashlib.sha256).digest()


def parse(signed_request: str, app_secret: str, *, max_age: int | None = None) -> dict[str, Any]:
    """The verified payload. ``max_age`` (seconds) also refuses an old ``issued_at``."""
    if not app_secret:
        raise SignedRequestError("no app secret configured")
    signature_part, dot, payload_part = signed_request.strip().partition(".")
    if not dot or not signature_part or not payload_part:
        raise SignedRequestError("not a signed_request")
    signature = _b64decode(signature_part)
    expected = _signature(payload_part, app_secret)
    # Verify before reading the payload, in constant time.
    if not hmac.compare_digest(signature, expected):
        raise SignedRequestError("bad signature")
    try:
        payload = json.loads(_b64decode(payload_part))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SignedRequestError("payload is not JSON") from None
    if not isinstance(payload, dict):
        raise SignedRequestError("payload is not an object")
    if str(payload.get("algorithm", "")).upper() != ALGORITHM:
        raise SignedRequestError("unexpected algorithm")
    if max_age is not None:
        issued = payload.get("issued_at")
        if not isinstance(issued, int | float) or time.time() - issued > max_age:
            raise SignedRequestError("too old")
    return payload


def make(payload: dict[str, Any], app_secret: str) -> str:
    """Build a signed_request as Meta does (for tests and the local simulators)."""
    body = {"algorithm": ALGORITHM, "issued_at": int(time.time()), **payload}
    payload_part = _b64encode(json.dumps(body, separators=(",", ":")).encode())
    return f"{_b64encode(_signature(payload_part, app_secret))}.{payload_part}"
