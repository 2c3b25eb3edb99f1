"""TikTok's answers → data or a ``NetworkError`` (platform-apis.md §2.1–2.9).

Three shapes come back: the API envelope, where ``error.code != "ok"`` is a failure even
with HTTP 200; the OAuth endpoints' ``{"error", "error_description", "log_id"}``; and, from
proxies or the upload host, bodies that are not JSON at all. Messages are ours: a vendor's
free text never reaches them, only its code and log id, which help an operator.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from postloom.integrations.networks.base import ErrorCode, NetworkError
from postloom.integrations.tiktok.transport import Reply

E = ErrorCode
_CODE = re.compile(r"[a-z0-9_]{1,64}")  # snake_case codes; a token ("act.…") never fits
_LOG_ID = re.compile(r"[A-Za-z0-9]{1,64}")
DEFAULT_RETRY_AFTER = 60.0  # the limits are per minute


class Meaning(NamedTuple):
    code: ErrorCode
    permanent: bool
    message: str
    reconnect: bool = False


CANT_POST = "TikTok won't take a post from this account right now; try again later"
_MISSING_SCOPE = Meaning(E.PERMISSION, True, "TikTok was connected without a permission "
                         "Postloom needs; connect it again", True)  # fmt: skip
_BAD_SETTINGS = Meaning(E.INVALID_REQUEST, True, "TikTok refused the post's settings")

API_ERRORS: dict[str, Meaning] = {
    "access_token_invalid": Meaning(E.TOKEN_EXPIRED, True, "The TikTok connection has "
                                    "expired or was withdrawn; connect TikTok again", True),
    "scope_not_authorized": _MISSING_SCOPE,
    "scope_permission_missed": _MISSING_SCOPE,
    "rate_limit_exceeded": Meaning(E.RATE_LIMITED, False, "Too many requests to TikTok; "
                                   "trying again shortly"),
    "spam_risk_too_many_posts": Meaning(E.CANT_POST_NOW, True, "This TikTok account reached "
                                        "its daily posting limit; try again tomorrow"),
    "spam_risk_user_banned_from_posting": Meaning(E.CANT_POST_NOW, True, "TikTok has "
                                                  "stopped this account from posting"),
    "spam_risk_too_many_pending_share": Meaning(E.CANT_POST_NOW, True, "Too many drafts are "
                                                "waiting in the TikTok inbox; post or delete "
                                                "some first"),
    "reached_active_user_cap": Meaning(E.CANT_POST_NOW, True, CANT_POST),
    "unaudited_client_can_only_post_to_private_accounts": Meaning(
        E.INVALID_REQUEST, True, "This Postloom's TikTok app is not approved by TikTok yet: "
        "it may only post to a private account, visible to 'Only me'"),
    "privacy_level_option_mismatch": Meaning(E.INVALID_REQUEST, True, "The chosen audience is "
                                             "not one this TikTok account offers"),
    "url_ownership_unverified": Meaning(E.INVALID_REQUEST, True, "TikTok does not accept "
                                        "media from this server: its address is not verified "
                                        "in the TikTok app settings"),
    "invalid_param": _BAD_SETTINGS,
    "invalid_params": _BAD_SETTINGS,
    "invalid_file_upload": Meaning(E.MEDIA_REJECTED, True, "TikTok refused the video file"),
    "app_version_check_failed": Meaning(E.INVALID_REQUEST, True, "The TikTok app on the "
                                        "phone is too old for drafts; update it"),
    "invalid_publish_id": Meaning(E.INVALID_REQUEST, True, "TikTok does not know this post"),
    "token_not_authorized_for_specified_publish_id": Meaning(E.INVALID_REQUEST, True, "This "
                                                             "post belongs to another TikTok "
                                                             "account"),
    "publish_not_cancellable": Meaning(E.INVALID_REQUEST, True, "The post can no longer be "
                                       "cancelled"),
    "internal_error": Meaning(E.SERVER, False, "TikTok had an internal error; trying again"),
}  # fmt: skip

FAIL_REASONS: dict[str, Meaning] = {
    "internal": Meaning(E.SERVER, False, "TikTok failed to process the post; trying again"),
    "video_pull_failed": Meaning(E.MEDIA_UNREACHABLE, False, "TikTok could not download "
                                 "the video"),
    "photo_pull_failed": Meaning(E.MEDIA_UNREACHABLE, True, "TikTok could not download the "
                                 "photos"),
    "file_format_check_failed": Meaning(E.MEDIA_REJECTED, True, "TikTok does not accept the "
                                        "file's format"),
    "duration_check_failed": Meaning(E.MEDIA_REJECTED, True, "The video is too long or too "
                                     "short for TikTok"),
    "frame_rate_check_failed": Meaning(E.MEDIA_REJECTED, True, "TikTok does not accept the "
                                       "video's frame rate (23–60 fps)"),
    "picture_size_check_failed": Meaning(E.MEDIA_REJECTED, True, "TikTok does not accept the "
                                         "picture's size (at most 1080p)"),
    "publish_cancelled": Meaning(E.INVALID_REQUEST, True, "The post was cancelled"),
    "auth_removed": Meaning(E.TOKEN_EXPIRED, True, "The TikTok account withdrew Postloom's "
                            "access; connect TikTok again", True),
    "spam_risk_too_many_posts": API_ERRORS["spam_risk_too_many_posts"],
    "spam_risk_user_banned_from_posting": API_ERRORS["spam_risk_user_banned_from_posting"],
    "spam_risk_text": Meaning(E.CAPTION_REJECTED, True, "TikTok flagged the caption as spam"),
    "spam_risk": Meaning(E.CANT_POST_NOW, True, "TikTok held the post back as a spam risk"),
}  # fmt: skip


def envelope_data(reply: Reply) -> dict[str, Any]:
    """The ``data`` of an API envelope; any failure raises ``NetworkError``."""
    body = reply.json()
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        code = str(error.get("code") or "")
        if code and code != "ok":
            raise api_error(code, reply, error.get("log_id"))
        if reply.status < 300:
            data = body.get("data") if isinstance(body, dict) else None
            return data if isinstance(data, dict) else {}
    raise status_error(reply)


def api_error(code: str, reply: Reply, log_id: Any = None) -> NetworkError:
    meaning = API_ERRORS.get(code)
    if meaning is None:  # a code we do not know: trust the HTTP status's class
        transient = reply.status >= 500
        meaning = Meaning(E.SERVER if transient else E.INVALID_REQUEST, not transient,
                          "TikTok refused the request")  # fmt: skip
    return _error(meaning, code, reply, log_id)


def status_error(reply: Reply) -> NetworkError:
    """An answer without a usable envelope: judged by its HTTP status alone."""
    status = reply.status
    if status == 429:
        meaning = API_ERRORS["rate_limit_exceeded"]
    elif status == 401:
        meaning = API_ERRORS["access_token_invalid"]
    elif status >= 500 or status < 400:
        meaning = Meaning(E.SERVER, False, "TikTok sent an answer Postloom could not read")
    else:
        meaning = Meaning(E.INVALID_REQUEST, True, "TikTok refused the request")
    return _error(meaning, f"http_{status}", reply)


def oauth_error(error: str, reply: Reply, log_id: Any, *, refreshing: bool) -> NetworkError:
    """An OAuth endpoint's error. A refused refresh token means the person must reconnect."""
    if error in ("server_error", "temporarily_unavailable") or reply.status >= 500:
        meaning = Meaning(E.SERVER, False, "TikTok's sign-in service failed; trying again")
    elif error == "rate_limit_exceeded" or reply.status == 429:
        meaning = API_ERRORS["rate_limit_exceeded"]
    elif error == "invalid_grant" and refreshing:
        meaning = Meaning(E.TOKEN_EXPIRED, True, "The TikTok connection has expired; connect "
                          "TikTok again", True)  # fmt: skip
    elif error == "invalid_client":
        meaning = Meaning(E.OAUTH, True, "TikTok refused Postloom's app key or secret; check "
                          "TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET", True)  # fmt: skip
    else:
        meaning = Meaning(E.OAUTH, True, "Connecting TikTok failed; please try again", True)
    return _error(meaning, error, reply, log_id)


def fail_reason_error(reason: str) -> NetworkError:
    meaning = FAIL_REASONS.get(reason) or Meaning(E.SERVER, True, "TikTok could not publish "
                                                  "the post")  # fmt: skip
    return _error(meaning, reason)


def _error(meaning: Meaning, vendor_code: str, reply: Reply | None = None,
           log_id: Any = None) -> NetworkError:  # fmt: skip
    """The error for ``meaning``; a rate limit says how long to wait, from ``reply``."""
    code = _safe(vendor_code, _CODE) or "unknown"
    log = _safe(log_id, _LOG_ID)
    where = f"TikTok {code}" + (f", log {log}" if log else "")
    retry_after = None
    if reply is not None and meaning.code is E.RATE_LIMITED:
        retry_after = _retry_after(reply)
    return NetworkError(meaning.code, f"{meaning.message} ({where})", permanent=meaning.permanent,
                        reconnect=meaning.reconnect, vendor_code=code, retry_after=retry_after,
                        http_status=reply.status if reply is not None else None)  # fmt: skip


def _safe(value: Any, pattern: re.Pattern[str]) -> str:
    """Vendor codes and log ids only when they look like codes: never free text."""
    text = str(value) if isinstance(value, str | int) else ""
    return text if pattern.fullmatch(text) else ""


def _retry_after(reply: Reply) -> float:
    try:
        return max(1.0, float(reply.headers.get("retry-after", "")))
    except ValueError:
        return DEFAULT_RETRY_AFTER
