"""Connected social accounts: which business reaches which Instagram / TikTok account, with
what (encrypted) tokens, and how healthy those tokens are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Business
from postloom.connections import secrets


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", _("Instagram")
    TIKTOK = "tiktok", _("TikTok")


class Variant(models.TextChoices):
    INSTAGRAM_LOGIN = "instagram_login", _("Instagram Login")
    FACEBOOK_LOGIN = "facebook_login", _("Facebook Login")
    TIKTOK = "tiktok", _("TikTok Login")


class Connection(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Connected")
        RECONNECT = "reconnect", _("Needs reconnecting")
        DISCONNECTED = "disconnected", _("Disconnected")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="connections")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    variant = models.CharField(max_length=20, choices=Variant.choices)
    account_id = models.CharField(max_length=64)  # IG professional account id / TikTok open_id
    page_id = models.CharField(max_length=64, blank=True)  # Facebook Login: the linked Page
    username = models.CharField(max_length=150, blank=True)
    display_name = models.CharField(max_length=150, blank=True)
    picture_url = models.URLField(max_length=1000, blank=True)
    sandbox = models.BooleanField(default=False)  # connected to a local simulator
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.CharField(max_length=40, blank=True)  # an ErrorCode value
    # Encrypted with MultiFernet (connections/secrets.py); never logged, never exported.
    access_token_encrypted = models.TextField(blank=True)
    refresh_token_encrypted = models.TextField(blank=True)
    token_issued_at = models.DateTimeField(null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    refresh_expires_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(default=list, blank=True)
    last_refresh_at = models.DateTimeField(null=True, blank=True)
    last_refresh_error = models.CharField(max_length=40, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "username", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "platform", "account_id"], name="one_connection_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform} @{self.username or self.account_id}"

    @property
    def access_token(self) -> str:
        return secrets.decrypt(self.access_token_encrypted)

    @access_token.setter
    def access_token(self, value: str) -> None:
        self.access_token_encrypted = secrets.encrypt(value)

    @property
    def refresh_token(self) -> str:
        return secrets.decrypt(self.refresh_token_encrypted)

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = secrets.encrypt(value)
