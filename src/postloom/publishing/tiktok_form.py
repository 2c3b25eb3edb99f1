"""The Post-to-TikTok screen's choices, as TikTok's audit requires them (platform-apis §2.12).

creator_info is asked when the screen is drawn: it names the creator, says whether they can
post now, which privacy levels they have, which interactions they switched off and how long a
video may be. The person then chooses, with no defaults: who can see the post, whether others
may comment (and, for videos, duet and stitch), and whether the post is commercial content.
The form is checked here as well as in the browser, so a crafted request gets no further.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from postloom.connections.models import Connection
from postloom.integrations import networks
from postloom.integrations.networks.base import (
    Account,
    CreatorInfo,
    ErrorCode,
    NetworkError,
    TikTokOptions,
)
from postloom.render.errors import RenderError
from postloom.render.video_probe import read_mp4
from postloom.studio.models import Format, Post, PostMedia

SELF_ONLY = "SELF_ONLY"
PRIVACY_LABELS = {
    "PUBLIC_TO_EVERYONE": gettext_lazy("Everyone"),
    "FOLLOWER_OF_CREATOR": gettext_lazy("Followers"),
    "MUTUAL_FOLLOW_FRIENDS": gettext_lazy("Friends (followers you follow back)"),
    SELF_ONLY: gettext_lazy("Only me"),
}
MUSIC_USAGE_URL = "https://www.tiktok.com/legal/page/global/music-usage-confirmation/en"
BRANDED_CONTENT_URL = "https://www.tiktok.com/legal/page/global/bc-policy/en"
NOTHING_CHOSEN = gettext_lazy(
    "You need to indicate if your content promotes yourself, a third party, or both."
)
NOT_PRIVATE = gettext_lazy("Branded content visibility cannot be set to private.")


def account_for(connection: Connection) -> Account:
    return Account(
        platform="tiktok", account_id=connection.account_id, access_token=connection.access_token
    )


def creator_info(connection: Connection) -> CreatorInfo:
    """Asked of TikTok now (the audit wants it fresh for every screen); NetworkError on failure."""
    info = networks.get_client("tiktok").creator_info(account_for(connection))
    if info is None:  # a client that does not offer it cannot be posted through
        raise NetworkError(ErrorCode.INVALID_REQUEST, "no creator_info", permanent=True)
    return info


def cannot_post_now(error: NetworkError) -> bool:
    return error.code in (ErrorCode.CANT_POST_NOW, ErrorCode.QUOTA_REACHED)


def is_photo(post: Post) -> bool:
    return post.format == Format.TIKTOK_PHOTO


def video_seconds(post: Post) -> float | None:
    """The post's video length, read from the MP4 itself (None: no video or unreadable)."""
    video = PostMedia.objects.filter(post_id=post.pk, kind=PostMedia.Kind.VIDEO).first()
    if video is None or not video.file.name:
        return None
    try:
        with default_storage.open(video.file.name, "rb") as handle:
            track = read_mp4(handle.read()).track("vide")
    except (OSError, RenderError):  # a file we cannot read is pre-flight's to refuse
        return None
    return track.seconds if track else None


def duration_problem(post: Post, info: CreatorInfo) -> str:
    """Words for a video longer than this creator may post, or ""."""
    if is_photo(post):
        return ""
    seconds = video_seconds(post)
    if seconds is None or seconds <= info.max_video_post_duration_sec:
        return ""
    return _(
        "This video is %(seconds)s seconds long; this TikTok account can post videos of up to "
        "%(limit)s seconds. Make a shorter video in the studio."
    ) % {"seconds": round(seconds), "limit": info.max_video_post_duration_sec}


@dataclass(frozen=True)
class Disclosure:
    """What the commercial-content part of the screen says for the current choices."""

    label_prompt: str  # "Your video will be labeled as ..."
    declaration: str
    blocked: bool  # the toggle is on and nothing is chosen: publishing is disabled


def disclosure(*, photo: bool, commercial: bool, your_brand: bool, branded: bool) -> Disclosure:
    music = _("By posting, you agree to TikTok's Music Usage Confirmation.")
    if not commercial:
        return Disclosure("", music, blocked=False)
    if branded:
        prompt = (
            _("Your photo will be labeled as 'Paid partnership'")
            if photo
            else _("Your video will be labeled as 'Paid partnership'")
        )
        policy = _(
            "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation."
        )
        return Disclosure(prompt, policy, blocked=False)
    if your_brand:
        prompt = (
            _("Your photo will be labeled as 'Promotional content'")
            if photo
            else _("Your video will be labeled as 'Promotional content'")
        )
        return Disclosure(prompt, music, blocked=False)
    return Disclosure("", music, blocked=True)


class TikTokForm(forms.Form):
    """The person's choices. Fields the creator switched off are disabled and always False."""

    privacy_level = forms.ChoiceField(
        label=gettext_lazy("Who can see this post"),
        error_messages={
            "required": gettext_lazy("Choose who can see this post."),
            "invalid_choice": gettext_lazy("Choose who can see this post."),
        },
    )
    allow_comment = forms.BooleanField(label=gettext_lazy("Allow comments"), required=False)
    allow_duet = forms.BooleanField(label=gettext_lazy("Allow Duet"), required=False)
    allow_stitch = forms.BooleanField(label=gettext_lazy("Allow Stitch"), required=False)
    commercial = forms.BooleanField(
        label=gettext_lazy("Disclose commercial content"),
        required=False,
        help_text=gettext_lazy(
            "Turn on to disclose that this post promotes goods or services in exchange for "
            "something of value. Your post could promote yourself, a third party, or both."
        ),
    )
    your_brand = forms.BooleanField(
        label=gettext_lazy("Your brand"),
        required=False,
        help_text=gettext_lazy(
            "You are promoting yourself or your own business. This post will be classified "
            "as Brand Organic."
        ),
    )
    branded_content = forms.BooleanField(
        label=gettext_lazy("Branded content"),
        required=False,
        help_text=gettext_lazy(
            "You are promoting another brand or a third party. This post will be classified "
            "as Branded Content."
        ),
    )

    def __init__(self, *args: object, info: CreatorInfo, photo: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.info, self.photo = info, photo
        privacy = self.fields["privacy_level"]
        assert isinstance(privacy, forms.ChoiceField)
        privacy.choices = [
            (level, PRIVACY_LABELS.get(level, level)) for level in info.privacy_level_options
        ]
        switched_off = {
            "allow_comment": info.comment_disabled,
            "allow_duet": info.duet_disabled or photo,
            "allow_stitch": info.stitch_disabled or photo,
        }
        for name, off in switched_off.items():
            self.fields[name].disabled = off  # a disabled field's value is its initial: False

    def value(self, name: str) -> object:
        """The current (bound) value, for drawing the screen as the person left it."""
        if not self.is_bound:
            return None if name == "privacy_level" else False
        return self[name].value()

    def current_disclosure(self) -> Disclosure:
        on = bool(self.value("commercial"))
        return disclosure(
            photo=self.photo,
            commercial=on,
            your_brand=on and bool(self.value("your_brand")),
            branded=on and bool(self.value("branded_content")),
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        commercial = bool(data.get("commercial"))
        if not commercial:
            data["your_brand"] = data["branded_content"] = False
        elif not (data.get("your_brand") or data.get("branded_content")):
            raise ValidationError(NOTHING_CHOSEN, code="disclosure_missing")
        if data.get("branded_content") and data.get("privacy_level") == SELF_ONLY:
            self.add_error("privacy_level", ValidationError(NOT_PRIVATE, code="branded_private"))
        return data

    def options(self) -> TikTokOptions:
        data = self.cleaned_data
        return TikTokOptions(
            privacy_level=str(data["privacy_level"]),
            allow_comment=bool(data.get("allow_comment")) and not self.info.comment_disabled,
            allow_duet=bool(data.get("allow_duet")) and not (self.info.duet_disabled or self.photo),
            allow_stitch=bool(data.get("allow_stitch"))
            and not (self.info.stitch_disabled or self.photo),
            commercial=bool(data.get("commercial")),
            your_brand=bool(data.get("your_brand")),
            branded_content=bool(data.get("branded_content")),
        )
