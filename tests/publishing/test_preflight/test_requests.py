"""Pre-flight requests: kinds, counts, words and TikTok's choices, refused before any call."""

from __future__ import annotations

import pytest

from postloom.integrations.networks.base import CreatorInfo, Kind, TikTokOptions
from postloom.publishing.preflight import PreflightError, build_request, kind_for
from postloom.studio.models import Format, PostMedia
from tests.publishing.test_preflight.support import MakePost, picture

pytestmark = pytest.mark.django_db
PUBLIC = TikTokOptions(privacy_level="PUBLIC_TO_EVERYONE")
JPEG = picture((1080, 1350))
SQUARE = picture((1080, 1080))


def creator(**changes: object) -> CreatorInfo:
    values: dict[str, object] = {
        "nickname": "Kopi Senja",
        "username": "kopisenja",
        "avatar_url": "",
        "privacy_level_options": ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"),
        "comment_disabled": False,
        "duet_disabled": False,
        "stitch_disabled": False,
        "max_video_post_duration_sec": 600,
        **changes,
    }
    return CreatorInfo(**values)  # type: ignore[arg-type]


def refusal(post: object, platform: str = "instagram", tiktok: TikTokOptions | None = None,
            **kwargs: object) -> PreflightError:  # fmt: skip
    with pytest.raises(PreflightError) as caught:
        build_request(post, platform, tiktok, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- Kinds and counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post_format", "platform", "images", "kind"),
    [
        (Format.FEED_IMAGE, "instagram", 1, Kind.FEED_IMAGE),
        (Format.CAROUSEL, "instagram", 3, Kind.CAROUSEL),
        (Format.STORY, "instagram", 1, Kind.STORY),
        (Format.REEL, "instagram", 0, Kind.REEL),
        (Format.TIKTOK_VIDEO, "instagram", 0, Kind.REEL),
        (Format.TIKTOK_PHOTO, "instagram", 1, Kind.FEED_IMAGE),
        (Format.TIKTOK_PHOTO, "instagram", 2, Kind.CAROUSEL),
        (Format.TIKTOK_VIDEO, "tiktok", 0, Kind.TIKTOK_VIDEO),
        (Format.REEL, "tiktok", 0, Kind.TIKTOK_VIDEO),
        (Format.TIKTOK_PHOTO, "tiktok", 2, Kind.TIKTOK_PHOTO),
        (Format.CAROUSEL, "tiktok", 3, Kind.TIKTOK_PHOTO),
        (Format.STORY, "tiktok", 1, None),
        (Format.FEED_IMAGE, "facebook", 1, None),
    ],
)
def test_kind_for_each_format_and_network(
    post_format: str, platform: str, images: int, kind: Kind | None
) -> None:
    assert kind_for(post_format, platform, images) == kind


def test_story_cannot_go_to_tiktok(make_post: MakePost) -> None:
    error = refusal(make_post(JPEG, format=Format.STORY), "tiktok", PUBLIC)
    assert error.code == "format_not_supported"
    assert error.message == "A post of the kind “Story” cannot be published on TikTok."


def test_post_without_media_is_refused(make_post: MakePost) -> None:
    error = refusal(make_post())
    assert (error.code, error.message) == (
        "no_media",
        "This post has no pictures or video to publish.",
    )


def test_reel_with_only_a_cover_has_no_media(make_post: MakePost) -> None:
    assert refusal(make_post(("cover", JPEG), format=Format.REEL)).code == "no_media"


def test_missing_file_is_refused(make_post: MakePost) -> None:
    post = make_post(JPEG)
    PostMedia.objects.filter(post=post).update(file="studio/gone.jpg")
    assert refusal(post).code == "media_missing"


def test_carousel_of_one_is_refused(make_post: MakePost) -> None:
    error = refusal(make_post(JPEG, format=Format.CAROUSEL))
    assert error.code == "carousel_too_small"
    assert error.message == "A carousel needs at least 2 pictures or videos, and this one has 1."


def test_carousel_of_eleven_is_refused(make_post: MakePost) -> None:
    error = refusal(make_post(*[JPEG] * 11, format=Format.CAROUSEL))
    assert error.code == "carousel_too_big"
    assert error.message == "A carousel takes at most 10 pictures or videos, and this one has 11."


def test_carousel_of_ten_is_sent_in_order(make_post: MakePost) -> None:
    post = make_post(*[JPEG] * 10, format=Format.CAROUSEL)
    names = [m.file.name.rsplit("/", 1)[-1] for m in post.media.order_by("position")]
    request = build_request(post, "instagram", None)
    assert request.kind == Kind.CAROUSEL
    assert [item.url.rsplit("/", 1)[-1] for item in request.items] == names


def test_feed_post_with_two_pictures_is_refused(make_post: MakePost) -> None:
    error = refusal(make_post(JPEG, JPEG))
    assert error.code == "needs_one_picture"


def test_reel_without_video_is_refused(make_post: MakePost) -> None:
    assert refusal(make_post(JPEG, format=Format.REEL)).code == "needs_one_video"


def test_story_of_two_pictures_is_refused(make_post: MakePost) -> None:
    assert refusal(make_post(JPEG, JPEG, format=Format.STORY)).code == "story_needs_one"


# --- Words ----------------------------------------------------------------------------------------


def test_instagram_caption_joins_hashtags_and_keeps_alt_text(make_post: MakePost) -> None:
    post = make_post(JPEG, hashtags=["kopi", "#bandung", "Kopi", " "])
    request = build_request(post, "instagram", None)
    assert request.caption == "Three ways to enjoy palm sugar coffee at home.\n\n#kopi #bandung"
    assert request.alt_text == "A glass of iced coffee"
    assert (request.title, request.tiktok, request.cover) == ("", None, None)


def test_instagram_caption_of_2200_units_goes_2201_is_refused(make_post: MakePost) -> None:
    assert build_request(make_post(JPEG, caption="a" * 2200, hashtags=[]), "instagram", None)
    error = refusal(make_post(JPEG, caption="a" * 2190, hashtags=["kopi", "bandung"]))
    assert error.code == "caption_too_long"
    assert error.message == (
        "The caption with its hashtags is 2206 characters long; Instagram takes at most 2200. "
        "Shorten it in the editor."
    )


def test_caption_length_counts_emoji_as_two_units(make_post: MakePost) -> None:
    error = refusal(make_post(JPEG, caption="😀" * 1101, hashtags=[]))
    assert error.code == "caption_too_long"  # 1,101 characters, 2,202 units


def test_thirty_one_hashtags_are_refused(make_post: MakePost) -> None:
    post = make_post(JPEG, caption="Good #morning", hashtags=[f"tag{n}" for n in range(30)])
    error = refusal(post)
    assert error.code == "too_many_hashtags"
    assert error.message == "The caption has 31 hashtags; Instagram takes at most 30."


def test_twenty_one_mentions_are_refused(make_post: MakePost) -> None:
    caption = "Thanks " + " ".join(f"@friend{n}" for n in range(21))
    assert refusal(make_post(JPEG, caption=caption)).code == "too_many_mentions"


def test_tiktok_video_caption_over_2200_units_is_refused(make_post: MakePost) -> None:
    from tests.publishing.test_preflight.support import clip

    post = make_post(("video", clip()), format=Format.TIKTOK_VIDEO, caption="b" * 2201)
    error = refusal(post, "tiktok", PUBLIC)
    assert error.code == "caption_too_long"
    assert "TikTok takes at most 2200" in error.message


def test_tiktok_photo_takes_a_long_description_and_the_headline_as_title(
    make_post: MakePost,
) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO, caption="c" * 3900, hashtags=["kopi"])
    request = build_request(post, "tiktok", PUBLIC)
    assert request.title == "Palm sugar coffee"
    assert request.caption == "c" * 3900 + "\n\n#kopi"
    assert request.alt_text == ""


def test_tiktok_photo_description_over_4000_is_refused(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO, caption="c" * 4001, hashtags=[])
    assert refusal(post, "tiktok", PUBLIC).code == "caption_too_long"


def test_tiktok_photo_title_over_90_units_is_refused(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO, headline="😀" * 46)  # 46 characters
    error = refusal(post, "tiktok", PUBLIC)
    assert (error.code, error.message) == (
        "title_too_long",
        "The title is 92 characters long; TikTok takes at most 90.",
    )


def test_alt_text_over_1000_characters_is_refused(make_post: MakePost) -> None:
    post = make_post(JPEG)
    post.alt_text = "d" * 1001  # longer than the studio allows: refused rather than cut
    assert refusal(post).code == "alt_text_too_long"


# --- TikTok's choices ------------------------------------------------------------------------


def test_tiktok_needs_a_privacy_choice(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO)
    assert refusal(post, "tiktok", None).code == "tiktok_privacy_missing"
    assert refusal(post, "tiktok", TikTokOptions(privacy_level="")).code == (
        "tiktok_privacy_missing"
    )


def test_tiktok_privacy_must_be_one_the_creator_offers(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO)
    private_account = creator(
        privacy_level_options=("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
    )
    error = refusal(post, "tiktok", PUBLIC, creator=private_account)
    assert error.code == "tiktok_privacy_not_offered"


def test_branded_content_cannot_be_private(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO)
    options = TikTokOptions(privacy_level="SELF_ONLY", commercial=True, branded_content=True)
    assert refusal(post, "tiktok", options).code == "tiktok_branded_private"


def test_commercial_content_must_say_whose(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO)
    options = TikTokOptions(privacy_level="PUBLIC_TO_EVERYONE", commercial=True)
    assert refusal(post, "tiktok", options).code == "tiktok_commercial_unspecified"


def test_what_the_creator_turned_off_stays_off(make_post: MakePost) -> None:
    from tests.publishing.test_preflight.support import clip

    post = make_post(("video", clip()), format=Format.TIKTOK_VIDEO)
    chosen = TikTokOptions(
        privacy_level="PUBLIC_TO_EVERYONE", allow_comment=True, allow_duet=True, allow_stitch=True
    )
    request = build_request(
        post, "tiktok", chosen, creator=creator(comment_disabled=True, stitch_disabled=True)
    )
    assert request.tiktok == TikTokOptions(
        privacy_level="PUBLIC_TO_EVERYONE", allow_comment=False, allow_duet=True, allow_stitch=False
    )


def test_photo_posts_have_no_duets_or_stitches(make_post: MakePost) -> None:
    post = make_post(SQUARE, format=Format.TIKTOK_PHOTO)
    chosen = TikTokOptions(
        privacy_level="SELF_ONLY", allow_comment=True, allow_duet=True, allow_stitch=True
    )
    request = build_request(post, "tiktok", chosen)
    assert request.tiktok == TikTokOptions(privacy_level="SELF_ONLY", allow_comment=True)


def test_instagram_ignores_tiktok_options(make_post: MakePost) -> None:
    assert build_request(make_post(JPEG), "instagram", PUBLIC).tiktok is None
