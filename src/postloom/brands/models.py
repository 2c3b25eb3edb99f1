from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Business(models.Model):
    """A business whose social media Postloom runs. People reach it through memberships."""

    name = models.CharField(_("name"), max_length=120)
    website = models.URLField(_("website"), max_length=500, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    language = models.CharField(
        _("content language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Access(models.IntegerChoices):
    """What a request needs; each role grants itself and everything below it."""

    VIEW = 1
    EDIT = 2
    MANAGE = 3


ROLE_ACCESS = {Role.VIEWER: Access.VIEW, Role.EDITOR: Access.EDIT, Role.OWNER: Access.MANAGE}


class Membership(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["business", "user"], name="membership_unique")
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} of {self.business_id}"

    def allows(self, need: Access) -> bool:
        return ROLE_ACCESS[Role(self.role)] >= need


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An owner's invitation to join a business, sent by email; the token is the secret."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.EDITOR)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            # At most one open invitation per address and business.
            models.UniqueConstraint(
                "business",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_open_unique",
            )
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.business_id}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
