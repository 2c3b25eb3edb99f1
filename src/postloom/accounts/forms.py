from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from postloom.accounts import actions
from postloom.accounts.models import User


class SignupExtraForm(forms.Form):
    """Fields allauth adds to its signup forms (email and Google alike)."""

    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    confirm_age = forms.BooleanField(required=True)
    accept_privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please accept the privacy policy to create an account.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, not at import, so the texts follow the request's language and MIN_AGE.
        age = {"age": settings.MIN_AGE}
        self.fields["confirm_age"].label = _("I am %(age)s years old or older.") % age
        self.fields["confirm_age"].error_messages["required"] = (
            _("You must be at least %(age)s years old to use Postloom.") % age
        )
        self.fields["accept_privacy"].label = _("I have read and accept the privacy policy.")

    def signup(self, request: HttpRequest, user: User) -> None:
        actions.complete_signup(
            user, name=self.cleaned_data.get("name", ""), language=get_language() or "en"
        )


def validate_https(value: str) -> None:
    if value and not value.lower().startswith("https://"):
        raise forms.ValidationError(_("Use an address that starts with https://."))


class ProfileForm(forms.ModelForm):
    avatar_url = forms.URLField(
        label=_("Avatar URL"),
        required=False,
        max_length=500,
        validators=[validate_https],
        assume_scheme="https",
    )

    class Meta:
        model = User
        fields = ["name", "avatar_url", "language", "theme"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
