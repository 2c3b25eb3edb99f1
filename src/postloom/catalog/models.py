"""What a business sells (products and their photos) and who speaks for it (personas).

Photo files live in the storage backend under ``catalog/<business_id>/``; every row that points
at a file deletes it when the row is deleted (see signals.py), cascades included.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from postloom.brands.models import Business
from postloom.catalog.money import CURRENCIES, format_price

MAX_HIGHLIGHTS = 10
MAX_HIGHLIGHT_LENGTH = 40


def validate_highlights(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Highlights must be a list of short phrases."))
    if len(value) > MAX_HIGHLIGHTS:
        raise ValidationError(
            _("Keep it to %(limit)s highlights at most."), params={"limit": MAX_HIGHLIGHTS}
        )
    too_long = [item for item in value if len(item) > MAX_HIGHLIGHT_LENGTH]
    if too_long:
        raise ValidationError(
            _("“%(value)s” is too long for a highlight (at most %(limit)s characters)."),
            params={"value": too_long[0], "limit": MAX_HIGHLIGHT_LENGTH},
        )


class Product(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, choices=[(c, c) for c in CURRENCIES]
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    # Short selling points captions and creatives lean on: "handmade", "halal", "ships today".
    highlights = models.JSONField(
        _("highlight angles"), default=list, blank=True, validators=[validate_highlights]
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.price is not None and not self.currency:
            raise ValidationError({"currency": _("Choose the currency of the price.")})

    @property
    def price_label(self) -> str:
        if self.price is None:
            return ""
        return format_price(self.price, self.currency, get_language() or "en")


class Persona(models.Model):
    """The optional "influencer": captions take their voice, AI images keep their look."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="personas")
    name = models.CharField(_("name"), max_length=80)
    look = models.TextField(_("look"), max_length=600, blank=True)
    style = models.TextField(_("style"), max_length=600, blank=True)
    voice = models.TextField(_("voice"), max_length=600, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class StoredImage(models.Model):
    """A cleaned photo (re-encoded, no metadata) and its small preview, both in storage."""

    owner_field: ClassVar[str]  # the foreign key to the product or persona the photo belongs to

    image = models.FileField(_("image"), max_length=200)
    thumbnail = models.FileField(max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(_("description of the photo"), max_length=250, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.image.name or ""

    @property
    def content_type(self) -> str:
        return "image/png" if (self.image.name or "").endswith(".png") else "image/jpeg"

    @property
    def file_names(self) -> list[str]:
        return [name for name in (self.image.name, self.thumbnail.name) if name]


class ProductImage(StoredImage):
    owner_field = "product"
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")

    class Meta(StoredImage.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")


class PersonaImage(StoredImage):
    """A reference photo that keeps the persona's look consistent in AI images."""

    owner_field = "persona"
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="images")

    class Meta(StoredImage.Meta):
        verbose_name = _("persona reference photo")
        verbose_name_plural = _("persona reference photos")
