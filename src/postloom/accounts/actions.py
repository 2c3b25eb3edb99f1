"""Every change to a user's account goes through a function here."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from postloom.accounts.models import PolicyConsent, User


@transaction.atomic
def complete_signup(user: User, *, name: str, language: str) -> None:
    """Record what a new user confirmed at sign-up: minimum age and the current privacy policy."""
    now = timezone.now()
    user.name = name.strip()
    user.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    user.age_confirmed_at = now
    user.save(update_fields=["name", "language", "age_confirmed_at"])
    PolicyConsent.objects.create(
        user=user,
        policy=PolicyConsent.Policy.PRIVACY,
        version=settings.PRIVACY_POLICY_VERSION,
        accepted_at=now,
    )


def update_profile(user: User, *, name: str, avatar_url: str, language: str, theme: str) -> None:
    user.name = name.strip()
    user.avatar_url = avatar_url
    user.language = language
    user.theme = theme
    user.save(update_fields=["name", "avatar_url", "language", "theme"])


def set_language(user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    user.language = language
    user.save(update_fields=["language"])
