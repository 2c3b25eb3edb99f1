"""What went wrong while reading a website, in words a shop owner understands (translated).

The web and AI layers raise errors with stable codes; this is the only place they become text.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "id": gettext_lazy("Indonesian"),
    "tr": gettext_lazy("Turkish"),
    "ms": gettext_lazy("Malay"),
    "de": gettext_lazy("German"),
    "fr": gettext_lazy("French"),
    "es": gettext_lazy("Spanish"),
    "ar": gettext_lazy("Arabic"),
    "nl": gettext_lazy("Dutch"),
    "pt": gettext_lazy("Portuguese"),
    "it": gettext_lazy("Italian"),
    "ru": gettext_lazy("Russian"),
    "ja": gettext_lazy("Japanese"),
    "zh": gettext_lazy("Chinese"),
}


def fetch_problem(code: str, detail: dict[str, Any] | None = None) -> str:
    """The message for a FetchError code (web.safe_http) or an onboarding failure."""
    detail = detail or {}
    if code == "http_status":
        status = detail.get("status", "")
        if status == 404:
            return _("The page was not found (error 404). Check the address and try again.")
        return _("The website answered with an error (%(status)s). Try again later.") % {
            "status": status
        }
    if code == "wrong_content_type" and not detail.get("content_type"):
        return _("This address is not a web page. Paste the address of your home page.")
    if code == "wrong_content_type":
        return _(
            "This address is not a web page (it is %(type)s). Paste the address of your home page."
        ) % {"type": detail.get("content_type", "?")}
    if code == "too_large":
        megabytes = int(detail.get("limit", 5 * 1024 * 1024)) // (1024 * 1024)
        return _("This page is too large to read (over %(mb)s MB).") % {"mb": megabytes}
    messages = {
        "invalid_url": _(
            "That does not look like a website address. Check it, for example https://yourshop.com."
        ),
        "credentials_in_url": _(
            "Remove the user name and password from the address: Postloom only reads public pages."
        ),
        "blocked_address": _(
            "This address points to a private or local network, which Postloom does not read."
        ),
        "dns_failure": _("We could not find this website. Check the spelling of the address."),
        "unreachable": _("The website did not answer. It may be down; try again later."),
        "timeout": _("The website took too long to answer. Try again later."),
        "too_many_redirects": _(
            "The website sends visitors around in circles (too many redirects)."
        ),
        "robots_disallowed": _(
            "The website asks robots not to read it (robots.txt), and Postloom respects that. "
            "You can fill in your brand by hand."
        ),
    }
    return messages.get(
        code, _("Something went wrong while reading your website. Please try again.")
    )


def warning_text(code: str, detail: dict[str, Any] | None = None) -> str:
    detail = detail or {}
    if code == "unsupported_language":
        language = detail.get("language", "")
        return _(
            "Your website seems to be in %(language)s. Postloom writes posts in English, "
            "Indonesian and Turkish: choose one below."
        ) % {"language": LANGUAGE_NAMES.get(language, language)}
    if code == "ai_failed":
        return _(
            "The AI provider could not be used (%(reason)s), so Postloom's built-in analysis "
            "filled in the profile."
        ) % {"reason": detail.get("reason", "?")}
    messages = {
        "little_text": _(
            "We could read very little text on your website (it may build its pages with "
            "JavaScript). Check the profile and fill in what is missing."
        ),
        "pages_failed": _("Some pages could not be read; the profile uses the others."),
    }
    return messages.get(code, code)
