from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Role

TIMEZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


class BusinessForm(forms.Form):
    name = forms.CharField(
        label=_("Business name"),
        max_length=120,
        error_messages={"required": _("Give your business a name.")},
    )
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIMEZONE_CHOICES,
        initial="UTC",
        help_text=_("Posts are scheduled in this time zone."),
    )
    language = forms.ChoiceField(
        label=_("Content language"),
        choices=settings.LANGUAGES,
        help_text=_("The language your posts are written in."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
