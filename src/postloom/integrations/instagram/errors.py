"""Graph API errors → ``NetworkError`` (platform-apis §1.6), keyed on ``error.code`` and
``error.error_subcode``, never on the HTTP status or the vendor's text.

The subcode decides first (2207xxx says exactly what happened to a container), then the code,
then, for codes we do not know, Graph's ``is_transient`` flag and the HTTP status. Messages are
ours: the vendor's text can quote a caption or a URL, so it never reaches the error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from postloom.integrations.networks.base import ErrorCode, NetworkError

E = ErrorCode
_SECRET_PARAMS = frozenset(
    {"access_token", "client_secret", "code", "fb_exchange_token", "input_token"}
)
QUOTA_RETRY_SECONDS = 3600.0  # the window slides: an hour later some of the quota is back
RATE_LIMIT_RETRY_SECONDS = 60.0
FULL_USAGE_RETRY_SECONDS = 600.0  # X-App-Usage at 100 % of a rolling hour


@dataclass(frozen=True)
class Rule:
    code: ErrorCode
    permanent: bool
    reconnect: bool = False
    retry_after: float | None = None


_TRANSIENT = Rule(E.SERVER, False)
_RATE = Rule(E.RATE_LIMITED, False)
_TOKEN = Rule(E.TOKEN_EXPIRED, True, reconnect=True)
_PERMISSION = Rule(E.PERMISSION, True, reconnect=True)
_MEDIA = Rule(E.MEDIA_REJECTED, True)
_CAPTION = Rule(E.CAPTION_REJECTED, True)
_INVALID = Rule(E.INVALID_REQUEST, True)
_EXPIRED = Rule(E.CONTAINER_EXPIRED, False)
_UNREACHABLE = Rule(E.MEDIA_UNREACHABLE, False)
_RESTRICTED = Rule(E.ACCOUNT_RESTRICTED, True)

BY_SUBCODE: dict[int, Rule] = {
    2207001: _TRANSIENT,  # Instagram server error
    2207003: _UNREACHABLE,  # timed out downloading our media: try again
    2207006: _EXPIRED,  # container not found: make a new one
    2207008: _EXPIRED,  # creation id unknown or expired
    2207020: _EXPIRED,  # the media expired: new container
    2207032: _TRANSIENT,  # creating the media failed: re-create
    2207053: _TRANSIENT,  # unknown upload error
    2207057: _INVALID,  # thumbnail offset out of range
    2207051: Rule(E.CANT_POST_NOW, True),  # blocked as suspected spam
    2207042: Rule(E.QUOTA_REACHED, False, retry_after=QUOTA_RETRY_SECONDS),
    2207050: _RESTRICTED,
    2207023: _MEDIA,  # unknown media type
    2207026: _MEDIA,  # unsupported video format
    2207004: _MEDIA,  # image over 8 MiB
    2207005: _MEDIA,  # unsupported image format
    2207009: _MEDIA,  # aspect ratio outside 4:5–1.91:1
    2207052: _UNREACHABLE,  # Meta could not fetch the media URL
    2207027: Rule(E.NOT_READY, False),
    2207010: _CAPTION,  # caption too long / too many hashtags
    2207040: _CAPTION,  # more than 20 @-tags
    2207028: _INVALID,  # carousel needs 2–10 items
    2207035: _INVALID,
    2207036: _INVALID,
    2207037: _INVALID,  # product tags
}

BY_CODE: dict[int, Rule] = {
    -2: _TRANSIENT,
    -1: _TRANSIENT,
    1: _TRANSIENT,  # API unknown
    2: _TRANSIENT,  # API service
    3: _INVALID,  # the app lacks a capability: settings, not the person
    4: _RATE,  # app-level
    9: Rule(E.QUOTA_REACHED, False, retry_after=QUOTA_RETRY_SECONDS),
    10: _PERMISSION,
    17: _RATE,  # user-level
    24: _EXPIRED,
    25: _RESTRICTED,
    32: _RATE,  # page-level
    100: _INVALID,
    102: _TOKEN,  # session expired
    190: _TOKEN,  # invalid / expired / revoked token, every subcode
    341: _RATE,
    352: _MEDIA,
    368: _RESTRICTED,  # temporarily blocked for policy violations
    506: _INVALID,  # duplicate post
    613: _RATE,
    9004: _UNREACHABLE,
    9007: Rule(E.NOT_READY, False),
    36000: _MEDIA,
    36001: _MEDIA,
    36003: _MEDIA,
    36004: _CAPTION,
    **{code: _RATE for code in range(80000, 80015)},  # Business Use Case limits (80002: IG)
    **{code: _PERMISSION for code in range(200, 300)},
}

_WORDS = {
    E.TOKEN_EXPIRED: "the access token has expired or was revoked",
    E.PERMISSION: "a permission is missing",
    E.RATE_LIMITED: "too many calls, throttled",
    E.QUOTA_REACHED: "the account's daily publishing limit is reached",
    E.MEDIA_REJECTED: "the media was refused",
    E.MEDIA_UNREACHABLE: "the media could not be downloaded by Instagram",
    E.CAPTION_REJECTED: "the caption was refused",
    E.NOT_READY: "the media is not ready yet",
    E.CONTAINER_EXPIRED: "the media container is unknown or expired",
    E.CANT_POST_NOW: "posting is blocked for now",
    E.ACCOUNT_RESTRICTED: "the account is restricted",
    E.INVALID_REQUEST: "the request was refused",
    E.SERVER: "Instagram had an internal error",
    E.OAUTH: "the login step failed",
}


def from_response(
    status: int, body: Any, headers: Mapping[str, str], what: str, *, oauth: bool = False
) -> NetworkError:
    """The error for a refused call; ``oauth``: a login step, whose refusals mean OAUTH."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        code, subcode = _int(error.get("code")), _int(error.get("error_subcode"))
        rule = _rule(code, subcode, status, error.get("is_transient") is True)
        if oauth and (
            rule.code in (E.INVALID_REQUEST, E.PERMISSION)
            or (rule.code == E.SERVER and not error.get("is_transient") and status < 500)
        ):
            rule = Rule(E.OAUTH, True)
        return _build(rule, vendor_code(code, subcode), status, headers, what)
    if isinstance(body, dict) and ("error_type" in body or "error_message" in body):
        # api.instagram.com's own shape for a refused code: {"error_type", "code", ...}
        return _build(Rule(E.OAUTH, True), str(body.get("error_type", "")), status, headers, what)
    return _build(_rule(None, None, status, False), f"http {status}", status, headers, what)


def _rule(code: int | None, subcode: int | None, status: int, transient: bool) -> Rule:
    if subcode is not None and subcode in BY_SUBCODE:
        return BY_SUBCODE[subcode]
    if code is not None and code in BY_CODE:
        return BY_CODE[code]
    if status == 429:
        return _RATE
    if status >= 500 or status < 400 or transient:  # < 400: an unreadable "success"
        return _TRANSIENT
    if status == 401:
        return _TOKEN
    return _INVALID


def _build(
    rule: Rule, vendor: str, status: int, headers: Mapping[str, str], what: str
) -> NetworkError:
    retry_after = rule.retry_after
    if rule.code == E.RATE_LIMITED:
        retry_after = retry_after_seconds(headers)
    return NetworkError(
        rule.code,
        f"Instagram {what}: {_WORDS.get(rule.code, rule.code.value)} ({vendor})",
        permanent=rule.permanent,
        reconnect=rule.reconnect,
        vendor_code=vendor,
        retry_after=retry_after,
        http_status=status,
    )


def vendor_code(code: int | None, subcode: int | None) -> str:
    if code is None:
        return ""
    return f"{code}/{subcode}" if subcode is not None else str(code)


def retry_after_seconds(headers: Mapping[str, str]) -> float:
    """From the usage headers: BUC's ``estimated_time_to_regain_access`` (minutes) first, then
    ``Retry-After``, then a full ``X-App-Usage`` (a rolling hour drains slowly)."""
    lower = {k.lower(): v for k, v in headers.items()}
    minutes = [
        _int(entry.get("estimated_time_to_regain_access")) or 0
        for entries in _json_object(lower.get("x-business-use-case-usage")).values()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]
    if minutes and max(minutes) > 0:
        return max(minutes) * 60.0
    retry_after = lower.get("retry-after", "")
    if retry_after.strip().isdigit():
        return float(retry_after)
    app = _json_object(lower.get("x-app-usage"))
    if any((_int(value) or 0) >= 100 for value in app.values()):
        return FULL_USAGE_RETRY_SECONDS
    return RATE_LIMIT_RETRY_SECONDS


def redact(url: str) -> str:
    """``url`` without the secrets Graph takes as query parameters."""
    parts = urlsplit(url)
    query = [(k, "[hidden]" if k in _SECRET_PARAMS else v) for k, v in parse_qsl(parts.query)]
    return parts._replace(query=urlencode(query, safe="[]")).geturl()


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
