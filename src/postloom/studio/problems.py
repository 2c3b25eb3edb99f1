"""Why a generation job stopped, in words a shop owner understands (translated).

The job runner stores stable codes (studio.generation): "no_credits", or "ai_<code>" with an
AIError code; this is the only place they become text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

AI_REASONS = {
    "not_configured": gettext_lazy("it is not set up: an API key or address is missing"),
    "auth": gettext_lazy("it refused the API key"),
    "quota": gettext_lazy("the account's quota or budget is used up"),
    "rate_limited": gettext_lazy("it is receiving too many requests right now"),
    "timeout": gettext_lazy("it took too long to answer"),
    "server": gettext_lazy("it had an internal error"),
    "unreachable": gettext_lazy("it could not be reached"),
    "bad_request": gettext_lazy("it did not accept the request"),
    "refused": gettext_lazy("it declined to write this content"),
    "invalid_output": gettext_lazy("its answer could not be used"),
}


def job_problem(code: str) -> str:
    if not code:
        return ""
    if code == "no_credits":
        return _(
            "Your credit balance is empty, so generation stopped. The posts already made are "
            "kept; add credits to generate the rest."
        )
    if code.startswith("ai_"):
        reason = AI_REASONS.get(code.removeprefix("ai_"), gettext_lazy("it failed"))
        return _(
            "The AI provider had a problem (%(reason)s), so generation stopped. The posts "
            "already made are kept; try again later or ask your administrator to check the "
            "AI settings."
        ) % {"reason": reason}
    return _("Generation stopped because of an unexpected problem. Please try again.")
