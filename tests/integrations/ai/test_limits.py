"""Platform limits: hashtags go first, then the body is shortened at a sentence; no word and
no emoji is ever cut in half. Pure functions, no provider involved."""

from __future__ import annotations

import re

import pytest

from postloom.integrations.ai.captions_base import Adjustment, Caption
from postloom.integrations.ai.limits import (
    ELLIPSIS,
    KEEP_HASHTAGS,
    cut_to_units,
    enforce_limits,
    inline_hashtags,
    is_grapheme_boundary,
    limits_for,
    mentions,
    shorten,
    utf16_units,
)

SENTENCE = "Kopi susu gula aren kami diseduh segar setiap pagi."  # 51 characters
FAMILY = "👩\u200d👩\u200d👧\u200d👦"  # one emoji of 7 code points, 11 UTF-16 units
FLAG = "🇹🇷"
THUMBS = "👍🏽"  # with a skin tone
KEYCAP = "1\ufe0f\u20e3"


def caption(body: str = SENTENCE, tags: list[str] | None = None, **extra: str) -> Caption:
    return Caption(caption=body, hashtags=tags or [], headline=extra.pop("headline", "Kopi"),
                   **extra)  # fmt: skip


def kinds(adjustments: tuple[Adjustment, ...]) -> list[str]:
    return [adjustment.kind for adjustment in adjustments]


def test_a_caption_within_limits_is_left_alone() -> None:
    original = caption(tags=["kopi", "bandung"])

    enforced = enforce_limits(original, "instagram", "feed_image")

    assert enforced.caption == original and enforced.adjustments == ()


def test_a_2300_character_caption_is_cut_at_a_sentence() -> None:
    body = " ".join([SENTENCE] * 45)  # 2,339 characters
    assert len(body) > 2300

    enforced = enforce_limits(caption(body), "instagram", "feed_image")

    text = enforced.caption.caption
    assert len(text) <= 2200 and text.endswith("pagi.")
    assert body.startswith(text) and body[len(text)] == " "  # whole sentences, nothing else
    assert enforced.adjustments == (Adjustment("text_shortened", len(body), len(text)),)


def test_35_hashtags_become_the_first_30() -> None:
    tags = [f"kopi{n}" for n in range(35)]

    enforced = enforce_limits(caption(tags=tags), "instagram", "feed_image")

    assert enforced.caption.hashtags == tags[:30]
    assert enforced.adjustments == (Adjustment("hashtags_dropped", 35, 30),)


def test_hashtags_in_the_body_count_towards_the_30() -> None:
    body = SENTENCE + " " + " ".join(f"#inline{n}" for n in range(10))

    enforced = enforce_limits(caption(body, [f"tag{n}" for n in range(25)]), "instagram")

    assert len(enforced.caption.hashtags) == 20
    assert len(inline_hashtags(enforced.caption.caption)) == 10


def test_too_many_hashtags_in_the_body_lose_their_sign_not_their_words() -> None:
    body = " ".join(f"#kata{n}" for n in range(40))

    enforced = enforce_limits(caption(body), "instagram")

    text = enforced.caption.caption
    assert len(inline_hashtags(text)) == 30
    assert "#kata29 kata30 kata31" in text and text.endswith(" kata39")
    assert kinds(enforced.adjustments) == ["hashtags_unlinked"]


def test_25_mentions_become_20() -> None:
    body = "Terima kasih " + ", ".join(f"@teman{n}" for n in range(25)) + "!"

    enforced = enforce_limits(caption(body), "instagram", "feed_image")

    text = enforced.caption.caption
    assert mentions(text) == [f"teman{n}" for n in range(20)]
    assert "@teman19, teman20, teman21" in text and text.endswith("teman24!")
    assert enforced.adjustments == (Adjustment("mentions_unlinked", 25, 20),)


def test_an_email_address_is_no_mention() -> None:
    assert mentions("Write to halo@kopisenja.example or @kopisenja") == ["kopisenja"]


def test_hashtags_go_before_any_of_the_body() -> None:
    body = " ".join([SENTENCE] * 40)  # 2,079 characters: fits on its own
    tags = [f"kopibandung{n}" for n in range(20)]  # 20 x ~14 characters do not fit beside it

    enforced = enforce_limits(caption(body, tags), "instagram", "feed_image")

    assert enforced.caption.caption == body  # the words are kept whole
    kept = enforced.caption.hashtags
    assert KEEP_HASHTAGS <= len(kept) < 20 and kept == tags[: len(kept)]
    assert utf16_units(enforced.caption.published_text()) <= 2200
    assert kinds(enforced.adjustments) == ["hashtags_dropped"]


def test_when_the_body_alone_is_too_long_the_best_tags_stay() -> None:
    body = " ".join([SENTENCE] * 50)
    tags = [f"tag{n}" for n in range(12)]

    enforced = enforce_limits(caption(body, tags), "instagram", "feed_image")

    assert enforced.caption.hashtags == tags[:KEEP_HASHTAGS]
    assert utf16_units(enforced.caption.published_text()) <= 2200
    assert kinds(enforced.adjustments) == ["hashtags_dropped", "text_shortened"]


# --- Emoji and words at the cut -------------------------------------------------------------


def assert_whole_emoji(text: str, original: str) -> None:
    """Every cluster kept is one of the original's, whole: no dangling joiner or half flag."""
    assert not text.endswith("\u200d")
    assert sum(0x1F1E6 <= ord(ch) <= 0x1F1FF for ch in text) % 2 == 0
    assert is_grapheme_boundary(original, len(text.removesuffix(ELLIPSIS)))


@pytest.mark.parametrize("emoji", [FAMILY, FLAG, THUMBS, KEYCAP])
def test_an_emoji_at_the_cut_is_kept_whole_or_left_out(emoji: str) -> None:
    for extra in range(12):  # the limit falls at every position in and around the emoji
        body = ("x" * (60 + extra)) + emoji + " " + ("y" * 20)
        cut = cut_to_units(body, 66)
        start = 60 + extra
        assert utf16_units(cut) <= 66 and body.startswith(cut)
        assert len(cut) <= start or len(cut) >= start + len(emoji)  # all of it or none
        assert_whole_emoji(cut, body)


def test_an_emoji_after_a_sentence_stays_with_it() -> None:
    body = f"Selamat pagi! {FAMILY} Kopi sudah siap. {FLAG} " + "Kata " * 600

    text = shorten(body, 60)

    assert text == f"Selamat pagi! {FAMILY} Kopi sudah siap. {FLAG}"


def test_a_sentence_longer_than_the_limit_is_cut_at_a_word() -> None:
    body = "Kopi " * 50 + "akhir."

    text = shorten(body, 42)

    assert text.endswith(ELLIPSIS) and utf16_units(text) <= 42
    assert re.fullmatch(r"(Kopi )*Kopi…", text)


def test_one_endless_word_is_cut_between_emoji_never_inside_one() -> None:
    body = (FAMILY + THUMBS + FLAG) * 200  # no space anywhere

    enforced = enforce_limits(caption(body), "tiktok", "tiktok_video")

    text = enforced.caption.caption
    assert text.endswith(ELLIPSIS) and utf16_units(text) <= 2200
    assert_whole_emoji(text, body)


# --- Counting and TikTok ------------------------------------------------------------------


def test_lengths_are_counted_in_utf16_units() -> None:
    assert utf16_units("kopi") == 4
    assert utf16_units("☕") == 1  # in the Basic Multilingual Plane
    assert utf16_units("😋") == 2
    assert utf16_units(FAMILY) == 11


def test_emoji_heavy_captions_are_measured_as_the_networks_measure_them() -> None:
    body = "😋 " * 1000  # 2,000 characters but 3,000 UTF-16 units

    enforced = enforce_limits(caption(body), "instagram", "reel")

    assert utf16_units(enforced.caption.caption) <= 2200


def test_tiktok_limits_follow_the_reference() -> None:
    assert limits_for("tiktok", "tiktok_video").max_units == 2200
    photo = limits_for("tiktok", "tiktok_photo")
    assert (photo.max_units, photo.title_units) == (4000, 90)
    instagram = limits_for("instagram", "carousel")
    assert (instagram.max_units, instagram.max_hashtags, instagram.max_mentions) == (2200, 30, 20)


def test_a_tiktok_photo_description_may_be_longer_than_a_video_title() -> None:
    body = " ".join([SENTENCE] * 60)  # 3,119 characters

    video = enforce_limits(caption(body), "tiktok", "tiktok_video")
    photo = enforce_limits(caption(body), "tiktok", "tiktok_photo")

    assert len(video.caption.caption) <= 2200 and kinds(video.adjustments) == ["text_shortened"]
    assert photo.caption.caption == body and photo.adjustments == ()


def test_tiktok_has_no_hashtag_or_mention_cap() -> None:
    body = " ".join(f"@akun{n}" for n in range(25))
    tags = [f"tag{n}" for n in range(30)]

    enforced = enforce_limits(caption(body, tags), "tiktok", "tiktok_video")

    assert enforced.caption.caption == body and enforced.caption.hashtags == tags


def test_enforcing_does_not_change_the_callers_caption() -> None:
    original = caption(" ".join([SENTENCE] * 50), [f"t{n}" for n in range(30)])
    copy = original.model_copy(deep=True)

    enforce_limits(original, "instagram", "feed_image")

    assert original == copy


def test_the_published_text_is_what_is_measured() -> None:
    enforced = enforce_limits(caption(SENTENCE, ["kopi", "bandung"]), "instagram")

    assert enforced.caption.published_text() == f"{SENTENCE}\n\n#kopi #bandung"
