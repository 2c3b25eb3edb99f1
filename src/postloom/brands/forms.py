from __future__ import annotations

import re
import zoneinfo
from typing import Any

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


INDUSTRY_LABELS = {
    "food_beverage": _("Food and drink"),
    "fashion_retail": _("Fashion and apparel"),
    "beauty": _("Beauty and personal care"),
    "health": _("Health and medical"),
    "fitness": _("Fitness and sport"),
    "home_services": _("Home services and repairs"),
    "retail": _("Shop and retail"),
    "education": _("Education and courses"),
    "hospitality_travel": _("Hotels and travel"),
    "professional_services": _("Professional services"),
    "automotive": _("Automotive"),
    "arts_crafts": _("Arts, crafts and events"),
    "technology": _("Technology"),
    "other": _("Other"),
}
SOCIAL_LABELS = {
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "facebook": "Facebook",
    "whatsapp": "WhatsApp",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "x": "X",
    "pinterest": "Pinterest",
}
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def split_list(value: str, separator: str = ",") -> list[str]:
    items = [item.strip() for item in value.replace("\n", separator).split(separator)]
    return list(dict.fromkeys(item for item in items if item))


class OnboardForm(forms.Form):
    url = forms.CharField(
        label=_("Your website"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "https://yourshop.com", "inputmode": "url"}),
    )
    keep_edits = forms.BooleanField(
        label=_("Keep the changes I made by hand"), required=False, initial=True
    )


class BrandProfileForm(forms.Form):
    """The brand profile as people edit it: lists are typed as comma- or line-separated text."""

    name = forms.CharField(label=_("Brand name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    industry = forms.ChoiceField(label=_("Industry"), choices=list(INDUSTRY_LABELS.items()))
    target_audience = forms.CharField(
        label=_("Target audience"), max_length=400, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    tone = forms.CharField(
        label=_("Tone of voice"), max_length=400, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate them with commas.")
    )
    colors = forms.CharField(
        label=_("Colors"),
        required=False,
        help_text=_("Hex codes, main color first: #1f6f5c, #f4e9d8"),
    )
    fonts = forms.CharField(
        label=_("Fonts"), required=False, help_text=_("Separate them with commas.")
    )
    visual_theme = forms.CharField(
        label=_("Visual theme"), max_length=300, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    language = forms.ChoiceField(label=_("Language of your posts"), choices=settings.LANGUAGES)
    logo_url = forms.URLField(
        label=_("Logo URL"), max_length=1000, required=False, assume_scheme="https"
    )
    products = forms.CharField(
        label=_("Products and services"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for network, label in SOCIAL_LABELS.items():
            self.fields[f"social_{network}"] = forms.URLField(
                label=label, required=False, max_length=500, assume_scheme="https"
            )

    @classmethod
    def initial_from(cls, brand: Any) -> dict[str, Any]:
        initial = {field: getattr(brand, field) for field in ("name", "description", "industry",
                   "target_audience", "tone", "visual_theme", "language", "logo_url")}  # fmt: skip
        initial["keywords"] = ", ".join(brand.keywords)
        initial["colors"] = ", ".join(brand.colors)
        initial["fonts"] = ", ".join(brand.fonts)
        initial["products"] = "\n".join(brand.products)
        initial.update({f"social_{k}": v for k, v in brand.social.items()})
        return initial

    def clean_colors(self) -> list[str]:
        colors = [c.lower() for c in split_list(self.cleaned_data["colors"])]
        bad = [c for c in colors if not HEX_COLOR.match(c)]
        if bad:
            raise forms.ValidationError(
                _("%(value)s is not a hex color like #1f6f5c."), params={"value": bad[0]}
            )
        if len(colors) > 6:
            raise forms.ValidationError(_("Keep it to six colors at most."))
        return colors

    def clean_keywords(self) -> list[str]:
        return split_list(self.cleaned_data["keywords"])[:15]

    def clean_fonts(self) -> list[str]:
        return split_list(self.cleaned_data["fonts"])[:4]

    def clean_products(self) -> list[str]:
        return split_list(self.cleaned_data["products"], separator="\n")[:30]

    def profile_changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        social = {k: data.pop(f"social_{k}") for k in SOCIAL_LABELS if data.get(f"social_{k}")}
        for network in SOCIAL_LABELS:
            data.pop(f"social_{network}", None)
        data["social"] = social
        return data
