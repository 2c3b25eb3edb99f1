"""Connected social accounts: which business reaches which Instagram / TikTok account, with
what (encrypted) tokens, and how healthy those tokens are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Business
from postloom.connections import secrets
from postloom.integrations.networks.base import Account, TokenSet


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
    # The id Meta names in deauthorize / data-deletion callbacks (the app-scoped user id).
    remote_user_id = models.CharField(max_length=64, blank=True, db_index=True)
    page_id = models.CharField(max_length=64, blank=True)  # Facebook Login: the linked Page
    username = models.CharField(max_length=150, blank=True)
    display_name = models.CharField(max_length=150, blank=True)
    picture_url = models.URLField(max_length=1000, blank=True)
    biography = models.TextField(blank=True)
    website = models.CharField(max_length=500, blank=True)
    followers = models.PositiveIntegerField(null=True, blank=True)
    media_count = models.PositiveIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)  # profile + recent media read
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
    disconnected_at = models.DateTimeField(null=True, blank=True)
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

    def __repr__(self) -> str:
        # Never the tokens, not even encrypted.
        return f"<Connection {self.pk} {self.platform}/{self.variant} {self.status}>"

    @property
    def is_usable(self) -> bool:
        """Whether publishing may use it now (the engine fails a publication clearly if not)."""
        return self.status == self.Status.ACTIVE and bool(self.access_token_encrypted)

    def account(self) -> Account:
        """What a network client needs: ids and the decrypted access token."""
        return Account(
            platform=self.platform,
            account_id=self.account_id,
            access_token=self.access_token,
            variant=self.variant,
            page_id=self.page_id,
        )

    def tokens(self) -> TokenSet:
        return TokenSet(
            access_token=self.access_token,
            expires_at=self.token_expires_at,
            refresh_token=self.refresh_token,
            refresh_expires_at=self.refresh_expires_at,
            scopes=tuple(self.scopes),
            account_id=self.account_id,
            issued_at=self.token_issued_at,
        )

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


class ImportedMedia(models.Model):
    """A recent post read from a connected Instagram account, for the brand analysis and the
    grid preview. Deleted with the connection's tokens (disconnect, Meta's deletion request)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="media")
    media_id = models.CharField(max_length=64)
    media_type = models.CharField(max_length=20)  # IMAGE | VIDEO | CAROUSEL_ALBUM
    caption = models.TextField(blank=True)
    media_url = models.URLField(max_length=2000, blank=True)
    thumbnail_url = models.URLField(max_length=2000, blank=True)
    permalink = models.URLField(max_length=1000, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)  # 0 = newest

    class Meta:
        ordering = ["connection", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "media_id"], name="imported_media_once")
        ]

    def __str__(self) -> str:
        return f"{self.media_type} {self.media_id}"

    @property
    def image_url(self) -> str:
        """What to show in a grid: a video's thumbnail, otherwise the image itself."""
        return self.thumbnail_url or self.media_url


class DeletionRequest(models.Model):
    """Meta's data-deletion callback: what was asked, and its state for the public status page.

    Holds no personal data: the Meta user id is kept only as a keyed hash, so the same person's
    repeated requests can be recognised without storing who they are."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        COMPLETED = "completed", _("Completed")

    code = models.CharField(max_length=32, unique=True)
    app = models.CharField(max_length=16)  # "instagram" | "facebook"
    user_hash = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    erased = models.PositiveIntegerField(default=0)  # how many connections were erased
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"deletion {self.code} {self.status}"
