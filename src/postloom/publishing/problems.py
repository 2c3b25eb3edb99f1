"""Why a publication failed or waits, in words a shop owner understands (translated).

The engine stores stable codes: the network clients' ``ErrorCode`` values and the engine's own
(below). This is the only place they become text; a vendor's own words never reach the page.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from postloom.publishing.preflight_errors import MESSAGES as PREFLIGHT_MESSAGES

NETWORK_NAMES = {"instagram": gettext_lazy("Instagram"), "tiktok": gettext_lazy("TikTok")}

# The engine's own codes (the network's are integrations.networks.base.ErrorCode values).
CONTENT_CHANGED = "content_changed"
NOT_APPROVED = "not_approved"
OUTCOME_UNKNOWN = "outcome_unknown"
PROCESSING_TIMEOUT = "processing_timeout"
GAVE_UP = "gave_up"
POST_DELETED = "post_deleted"
CONNECTION_REMOVED = "connection_removed"
CONNECTION_NEEDS_RECONNECT = "connection_needs_reconnect"
PRIVACY_NOT_ALLOWED = "privacy_not_allowed"
REMOTE_FAILED = "remote_failed"
INTERNAL = "internal"


def _network(platform: str) -> str:
    return str(NETWORK_NAMES.get(platform, platform or _("the network")))


def _messages(network: str) -> dict[str, str]:
    values = {"network": network}
    return {
        CONTENT_CHANGED: _(
            "The post was changed after it was approved, so it was not published. Look at it "
            "again, approve it, and publish it."
        ),
        NOT_APPROVED: _("The post is no longer approved, so it was not published."),
        OUTCOME_UNKNOWN: _(
            "%(network)s did not answer in time, so Postloom cannot tell whether the post went "
            "out. Check your profile: if it is not there, retry. Postloom did not send it again "
            "to avoid posting it twice."
        )
        % values,
        PROCESSING_TIMEOUT: _(
            "%(network)s took too long to process the media. Nothing was published; retry later."
        )
        % values,
        GAVE_UP: _(
            "%(network)s kept failing, so Postloom stopped trying. Nothing was published; retry "
            "later."
        )
        % values,
        POST_DELETED: _("The post was deleted before it was published."),
        CONNECTION_REMOVED: _("The account this post was going to is no longer connected."),
        CONNECTION_NEEDS_RECONNECT: _(
            "Your %(network)s account needs to be connected again. Reconnect it, then retry."
        )
        % values,
        PRIVACY_NOT_ALLOWED: _(
            "The TikTok account no longer offers the privacy setting you chose. Choose another "
            "and publish again."
        ),
        REMOTE_FAILED: _("%(network)s could not publish this post.") % values,
        INTERNAL: _("Something went wrong inside Postloom. Nothing was published; retry later."),
        # --- The networks' codes ---------------------------------------------------------------
        "token_expired": _(
            "Your %(network)s connection has expired. Reconnect the account, then retry."
        )
        % values,
        "permission": _(
            "Postloom is not allowed to publish to this %(network)s account. Reconnect it and "
            "allow publishing, then retry."
        )
        % values,
        "rate_limited": _("%(network)s is busy. Postloom will try again shortly.") % values,
        "quota_reached": _(
            "This account reached %(network)s's daily publishing limit. Postloom will try again "
            "when the limit allows."
        )
        % values,
        "media_rejected": _(
            "%(network)s did not accept the picture or video (its format, size or shape). Change "
            "the media, approve the post again and retry."
        )
        % values,
        "media_unreachable": _(
            "%(network)s could not download the media from Postloom. Postloom's public address "
            "must be reachable from the internet."
        )
        % values,
        "caption_rejected": _(
            "%(network)s did not accept the caption (too long, or too many hashtags or "
            "mentions). Shorten it, approve the post again and retry."
        )
        % values,
        "not_ready": _("%(network)s is still processing the media.") % values,
        "container_expired": _(
            "%(network)s let the prepared upload expire. Retry to send it again."
        )
        % values,
        "cant_post_now": _(
            "%(network)s does not let this account post right now (too many posts today). "
            "Postloom will try again later."
        )
        % values,
        "account_restricted": _(
            "%(network)s has restricted this account, so it cannot publish. Check the account "
            "in the %(network)s app."
        )
        % values,
        "invalid_request": _(
            "%(network)s refused the request. This is likely a problem in Postloom's settings; "
            "ask your administrator."
        )
        % values,
        "server": _("%(network)s had an internal error. Nothing was published; retry later.")
        % values,
        "timeout": _("%(network)s took too long to answer. Retry later.") % values,
        "unreachable": _("%(network)s could not be reached. Retry later.") % values,
        "oauth": _("Your %(network)s connection has a problem. Reconnect the account.") % values,
    }


def publication_problem(code: str, platform: str = "", message: str = "") -> str:
    """The message for a failed (or cancelled) publication's ``error_code``.

    ``message`` is the publication's ``error_message``: for pre-flight refusals it holds
    pre-flight's own words (with the numbers in them), written in the language of the person
    who asked to publish; for every other code it is operator detail and never shown.
    """
    if not code:
        return ""
    if code in PREFLIGHT_MESSAGES and message:
        return message
    messages = _messages(_network(platform))
    if code in messages:
        return messages[code]
    return _("The post could not be published (%(code)s). Retry, or change the post.") % {
        "code": code
    }


def waiting_text(reason: str, platform: str, until: datetime | None) -> str:
    """Why a publication waits, and until when (``until`` already in the business's zone)."""
    network = _network(platform)
    when = formats.date_format(until, "DATETIME_FORMAT") if until else ""
    if reason == "quota_reached":
        return _(
            "This account reached %(network)s's daily publishing limit; Postloom will try again "
            "at %(when)s."
        ) % {"network": network, "when": when}
    if reason == "cant_post_now":
        return _(
            "%(network)s does not let this account post right now; Postloom will try again at "
            "%(when)s."
        ) % {"network": network, "when": when}
    if reason == "processing":
        return _("%(network)s is processing the media.") % {"network": network}
    return _("%(network)s had a problem; Postloom will try again at %(when)s.") % {
        "network": network,
        "when": when,
    }
