from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return bool(settings.GOOGLE_SIGN_IN_ENABLED)

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        user.name = (data.get("name") or "").strip()[:150]
        return user

    def get_signup_form_initial_data(self, sociallogin: Any) -> dict[str, Any]:
        # The signup form shows the name from Google, which the person may still change.
        initial = super().get_signup_form_initial_data(sociallogin)
        initial["name"] = sociallogin.user.name
        return initial
