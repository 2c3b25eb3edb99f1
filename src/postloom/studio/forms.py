"""Studio forms. They parse and check input; the rules about plans and posts live in actions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from postloom.brands.models import Business
from postloom.studio.actions import DEFAULT_POSTS_PER_WEEK, MAX_DAYS, POSTS_PER_WEEK_CHOICES
from postloom.studio.models import Format, Post

MAX_HASHTAG_LENGTH = 100
_TAG = re.compile(r"^\w+$")
_SEPARATORS = re.compile(r"[\s,]+")


def parse_hashtags(value: str | list[str]) -> list[str]:
    """ "#kopi, senja  #bandung" → ["kopi", "senja", "bandung"]: spaces or commas between tags,
    '#' optional, duplicates dropped (case-insensitively, the first spelling kept)."""
    raw = value if isinstance(value, list) else _SEPARATORS.split(value)
    tags: dict[str, str] = {}
    for item in raw:
        tag = item.strip().lstrip("#")
        if not tag:
            continue
        if not _TAG.match(tag) or len(tag) > MAX_HASHTAG_LENGTH:
            raise ValidationError(
                _("“%(tag)s” cannot be a hashtag: use letters, numbers and _ only, no spaces.")
                % {"tag": item.strip()},
                code="bad_hashtag",
            )
        tags.setdefault(tag.casefold(), tag)
    return list(tags.values())


def check_start(start: date, today: date) -> None:
    """A plan starts today or later (``today`` where the business is)."""
    if start < today:
        raise ValidationError(_("Start today or on a later day."), code="past")


class PlanForm(forms.Form):
    # The range (1–31 days) is the action's rule; the widget only tells the browser.
    days = forms.IntegerField(
        label=gettext_lazy("Days"),
        initial=30,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_DAYS}),
        error_messages={"required": gettext_lazy("How many days should the plan cover?")},
    )
    posts_per_week = forms.TypedChoiceField(
        label=gettext_lazy("Posts a week"),
        choices=[(n, n) for n in POSTS_PER_WEEK_CHOICES],
        coerce=int,
        initial=DEFAULT_POSTS_PER_WEEK,
        required=False,
    )
    start = forms.DateField(
        label=gettext_lazy("Starting on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["start"].widget.attrs["min"] = today.isoformat()

    def clean_posts_per_week(self) -> int:
        # Left out (an older page, an API-style post): one post a day.
        return self.cleaned_data.get("posts_per_week") or DEFAULT_POSTS_PER_WEEK

    def clean_start(self) -> date:
        start: date = self.cleaned_data["start"]
        check_start(start, self.today)
        return start


class SinglePostForm(forms.Form):
    topic = forms.CharField(
        label=gettext_lazy("What is the post about?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For example: our new iced palm-sugar latte, out this Friday."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=Format.choices, initial=Format.FEED_IMAGE
    )
    product: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Product"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("No particular product"),
    )

    def __init__(self, *args: Any, business: Business, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = business.products.filter(active=True).order_by("position", "id")
        self.fields["product"].queryset = products  # type: ignore[attr-defined]


class PostForm(forms.Form):
    caption = forms.CharField(
        label=gettext_lazy("Caption"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "data-count": "caption"}),
    )
    hashtags = forms.CharField(
        label=gettext_lazy("Hashtags"),
        required=False,
        widget=forms.TextInput(attrs={"data-count": "hashtags"}),
        help_text=gettext_lazy("Separated by spaces or commas; the # is optional."),
    )
    headline = forms.CharField(
        label=gettext_lazy("Headline on the picture"),
        required=False,
        max_length=Post._meta.get_field("headline").max_length,
        widget=forms.TextInput(attrs={"data-count": "headline"}),
    )
    alt_text = forms.CharField(
        label=gettext_lazy("Description of the picture (alt text)"),
        required=False,
        max_length=Post._meta.get_field("alt_text").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Read aloud to people who cannot see the picture."),
    )

    @staticmethod
    def initial_from(post: Post) -> dict[str, Any]:
        return {
            "caption": post.caption,
            "hashtags": " ".join(f"#{tag}" for tag in post.hashtags),
            "headline": post.headline,
            "alt_text": post.alt_text,
        }

    def clean_hashtags(self) -> list[str]:
        return parse_hashtags(self.cleaned_data["hashtags"])
