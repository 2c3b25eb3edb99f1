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


class BrandProfile(models.Model):
    """What Postloom knows about a business's brand; every field is the owner's to edit.

    ``edited_fields`` lists the fields a person changed by hand: re-analysing keeps them unless
    the person asks for a fresh start.
    """

    EDITABLE = (
        "name",
        "description",
        "industry",
        "target_audience",
        "tone",
        "keywords",
        "colors",
        "fonts",
        "visual_theme",
        "language",
        "logo_url",
        "products",
        "social",
    )

    business = models.OneToOneField(Business, on_delete=models.CASCADE, related_name="brand")
    name = models.CharField(_("brand name"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=600, blank=True)
    industry = models.CharField(_("industry"), max_length=32, blank=True)
    target_audience = models.TextField(_("target audience"), max_length=400, blank=True)
    tone = models.TextField(_("tone of voice"), max_length=400, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    colors = models.JSONField(_("colors"), default=list, blank=True)
    fonts = models.JSONField(_("fonts"), default=list, blank=True)
    visual_theme = models.TextField(_("visual theme"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    logo_url = models.URLField(_("logo URL"), max_length=1000, blank=True)
    products = models.JSONField(_("products and services"), default=list, blank=True)
    social = models.JSONField(_("social links"), default=dict, blank=True)
    edited_fields = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name or f"brand of {self.business_id}"


class OnboardingRun(models.Model):
    """One reading of a website: fetch → read → analyse. Kept so the user sees what happened."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        FETCHING = "fetching", _("Fetching your website")
        READING = "reading", _("Reading your pages")
        ANALYSING = "analysing", _("Understanding your brand")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="onboardings")
    url = models.URLField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    provider = models.CharField(max_length=32, blank=True)
    keep_edits = models.BooleanField(default=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_detail = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)  # codes, e.g. "little_text"
    extract = models.JSONField(default=dict, blank=True)  # web.site.SiteExtract.to_dict()
    sent_text = models.TextField(blank=True)  # exactly what the AI provider received
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.url} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class AIUsage(models.Model):
    """Every call to an AI provider, written before the call and completed after it."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        IMAGE = "image", _("Image")

    business = models.ForeignKey(
        Business, on_delete=models.SET_NULL, null=True, blank=True, related_name="ai_usage"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TEXT)
    purpose = models.CharField(max_length=32)  # "brand_analysis", "captions", "image_persona"
    # What the call was for, when it was for one thing: "post:<id>" for a post's AI picture.
    # A plain reference, not a foreign key: brands sits below the studio.
    subject = models.CharField(max_length=40, blank=True, db_index=True)
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=100, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    duration_ms = models.PositiveIntegerField(default=0)
    ok = models.BooleanField(null=True)  # None while the call is running
    error_code = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.purpose} via {self.provider}"
