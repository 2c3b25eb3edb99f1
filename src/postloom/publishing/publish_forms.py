"""The publish screen's form parts: a time where the business is, and one-time form tokens."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TOKENS_KEY = "publishing_form_tokens"
TOKENS_KEPT = 20
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
INPUT_FORMATS = (LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")


def local_to_utc(naive: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in ``zone`` as an aware UTC moment.

    A time the clocks skip (spring forward) does not exist and is refused; a time they pass
    twice (fall back) means the first of the two, as calendars do.
    """
    aware = naive.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive.replace(tzinfo=None):
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s that day: the clocks change. "
                "Choose another time."
            )
            % {"time": naive.strftime("%H:%M"), "zone": zone.key},
            code="no_such_time",
        )
    return aware.astimezone(UTC)


class ScheduleForm(forms.Form):
    # A plain text field parsed here: Django's DateTimeField would read it in the active time
    # zone, and the person typed a time where the business is.
    when = forms.CharField(
        label=gettext_lazy("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"required": gettext_lazy("Choose when to publish.")},
    )

    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.zone = zone
        now = timezone.now().astimezone(zone)
        self.fields["when"].widget.attrs["min"] = now.strftime(LOCAL_FORMAT)

    def clean_when(self) -> datetime:
        text = str(self.cleaned_data["when"]).strip()
        for layout in INPUT_FORMATS:
            try:
                naive = datetime.strptime(text, layout)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(_("Enter a date and a time."), code="invalid")
        moment = local_to_utc(naive, self.zone)
        if moment <= timezone.now():
            raise ValidationError(_("Choose a time in the future."), code="in_past")
        return moment


def issue_token(request: HttpRequest) -> str:
    """A token the form carries once: a second submit of the same form is recognised."""
    token = secrets.token_urlsafe(16)
    kept: list[str] = request.session.get(TOKENS_KEY, [])
    request.session[TOKENS_KEY] = [*kept, token][-TOKENS_KEPT:]
    return token


def spend_token(request: HttpRequest, token: str) -> bool:
    """True the first time a token issued to this session is sent; False ever after."""
    kept: list[str] = request.session.get(TOKENS_KEY, [])
    if not token or token not in kept:
        return False
    request.session[TOKENS_KEY] = [t for t in kept if t != token]
    return True
