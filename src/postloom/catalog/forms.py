from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from postloom.brands.forms import split_list
from postloom.catalog.actions import PersonaFields, ProductFields
from postloom.catalog.models import validate_highlights
from postloom.catalog.money import CURRENCIES, parse_price, price_text

# The browser's file picker offers these; the server still checks every file's content.
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.Field):
    """Several photos at once. Files are checked by catalog.uploads, file by file, so that one
    bad photo is reported by name while the others are kept."""

    widget = MultiplePhotoInput(attrs={"accept": PHOTO_ACCEPT})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Any]:
        if not value:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]


class PriceField(forms.CharField):
    """Prices as people in each market type them (see money.parse_price)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=30, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            price = parse_price(text)
        except ValueError:
            raise forms.ValidationError(_("Enter a price like 18000 or 149.90.")) from None
        if price >= 10**10:
            raise forms.ValidationError(_("This price is too large."))
        return price


class ProductForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Give the product a name.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is, what it is made of, who it is for."),
    )
    price = PriceField(
        label=_("Price"),
        required=False,
        help_text=_("Optional. Type it the way you write it: 18.000 or 149,90."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[(code, code) for code in CURRENCIES], required=False
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where people can buy it: your shop page, marketplace or WhatsApp link."),
    )
    highlights = forms.CharField(
        label=_("Highlights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Short selling points, separated by commas: handmade, halal, ships same day."),
    )
    active = forms.BooleanField(
        label=_("Use this product in new posts"), required=False, initial=True
    )
    photos = PhotosField(
        label=_("Add photos"),
        help_text=_("JPEG, PNG, WebP or HEIC, up to 15 MB each. You can choose several."),
    )

    @classmethod
    def initial_from(cls, product: Any) -> dict[str, Any]:
        initial = {name: getattr(product, name) for name in
                   ("name", "description", "currency", "link", "active")}  # fmt: skip
        initial["price"] = price_text(product.price)
        initial["highlights"] = ", ".join(product.highlights)
        return initial

    def clean_highlights(self) -> list[str]:
        items = split_list(self.cleaned_data["highlights"])
        validate_highlights(items)
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("price") is not None and not data.get("currency"):
            self.add_error("currency", _("Choose the currency of the price."))
        return data

    def product_fields(self) -> ProductFields:
        data = self.cleaned_data
        return ProductFields(
            name=data["name"],
            description=data["description"],
            price=data["price"],
            currency=data["currency"],
            link=data["link"],
            highlights=data["highlights"],
            active=data["active"],
        )


class PersonaForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        error_messages={"required": _("Give the persona a name.")},
    )
    look = forms.CharField(
        label=_("Look"), max_length=600, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What they look like: age, hair, face, build. AI images keep this look."),
    )  # fmt: skip
    style = forms.CharField(
        label=_("Style"), max_length=600, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How they dress and where they are photographed."),
    )  # fmt: skip
    voice = forms.CharField(
        label=_("Voice"), max_length=600, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How they talk: warm or witty, short or chatty, words they like to use."),
    )  # fmt: skip
    active = forms.BooleanField(
        label=_("Use this persona in new posts"), required=False, initial=True
    )
    photos = PhotosField(
        label=_("Add reference photos"),
        help_text=_("Clear photos of the persona's face and outfit. JPEG, PNG, WebP or HEIC."),
    )

    @classmethod
    def initial_from(cls, persona: Any) -> dict[str, Any]:
        return {name: getattr(persona, name) for name in
                ("name", "look", "style", "voice", "active")}  # fmt: skip

    def persona_fields(self) -> PersonaFields:
        data = self.cleaned_data
        return PersonaFields(
            name=data["name"],
            look=data["look"],
            style=data["style"],
            voice=data["voice"],
            active=data["active"],
        )


class DescribePhotoForm(forms.Form):
    alt_text = forms.CharField(label=_("Describe this photo"), max_length=250, required=False)


class MovePhotoForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
