"""What went wrong with a connection, in words a shop owner understands (translated).

Clients raise ``NetworkError`` with an ``ErrorCode``; the connect flow and the refresh job add a
few reasons of their own. This is the only place those codes become text; a vendor's own words
never reach the page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from postloom.connections.models import Platform

# Reasons of our own, stored in Connection.status_reason next to ErrorCode values.
DEAUTHORIZED = "deauthorized"
DATA_DELETED = "data_deleted"
DISCONNECTED_BY_USER = "disconnected_by_user"
TOKEN_LAPSED = "token_lapsed"  # noqa: S105  (a reason code): expired before it could be renewed


def network_name(platform: str) -> str:
    return str(Platform(platform).label) if platform in Platform.values else platform


def connect_problem(code: str, platform: str) -> str:
    """Why connecting did not work."""
    name = network_name(platform)
    messages = {
        "access_denied": _(
            "You did not allow Postloom to use your %(network)s account, so nothing was "
            "connected. You can try again whenever you like."
        ),
        "bad_state": _(
            "This connection attempt has expired or was not started from Postloom. "
            "Please start again."
        ),
        "no_code": _("%(network)s did not send Postloom back a sign-in. Please start again."),
        "not_configured": _(
            "Connecting %(network)s is not set up on this Postloom server yet. "
            "Ask the person who runs it to add the app id and secret."
        ),
        "no_pages": _(
            "Your Facebook account does not manage any Facebook Page, or you did not share one "
            "with Postloom. Publishing through Facebook needs a Page linked to an Instagram "
            "professional account."
        ),
        "page_without_instagram": _(
            "This Facebook Page has no Instagram professional account linked to it. Link one "
            "in the Page's settings (Linked accounts → Instagram), then connect again."
        ),
    }
    if code in messages:
        return messages[code] % {"network": name}
    return problem(code, platform)


def problem(code: str, platform: str) -> str:
    """A connection's trouble: from a refresh, a publish, or Meta telling us it ended."""
    name = network_name(platform)
    messages = {
        "token_expired": _(
            "%(network)s no longer accepts Postloom's access to this account. "
            "Reconnect it to keep publishing."
        ),
        TOKEN_LAPSED: _(
            "Postloom's access to this %(network)s account ran out before it could be renewed. "
            "Reconnect it to keep publishing."
        ),
        "permission": _(
            "Postloom is missing a permission on this %(network)s account. Reconnect it and "
            "allow everything Postloom asks for."
        ),
        "account_restricted": _(
            "%(network)s has restricted this account. Check the account in the %(network)s app."
        ),
        "oauth": _("%(network)s refused the sign-in. Please try connecting again."),
        "rate_limited": _("%(network)s is busy right now. Please try again in a few minutes."),
        "server": _("%(network)s had a problem on its side. Please try again in a few minutes."),
        "timeout": _("%(network)s did not answer in time. Please try again in a few minutes."),
        "unreachable": _("Postloom could not reach %(network)s. Please try again later."),
        "invalid_request": _(
            "%(network)s did not accept Postloom's request. If this keeps happening, ask the "
            "person who runs this Postloom server to check its %(network)s app settings."
        ),
        DEAUTHORIZED: _(
            "The account owner removed Postloom in their %(network)s settings. "
            "Reconnect to publish again."
        ),
        DATA_DELETED: _(
            "The account owner asked %(network)s to delete the data Postloom had. "
            "Reconnect to publish again."
        ),
        DISCONNECTED_BY_USER: _("This account was disconnected from Postloom."),
    }
    fallback = _("Something went wrong with %(network)s. Please try again.")
    return messages.get(code, fallback) % {"network": name}
