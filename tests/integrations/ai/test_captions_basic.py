"""The basic engine's captions: frameworks, languages, real variety, and facts kept honest."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from postloom.integrations.ai.base import INDUSTRIES
from postloom.integrations.ai.basic import BasicProvider
from postloom.integrations.ai.basic_captions_choice import read_trait
from postloom.integrations.ai.basic_captions_industry import words_for
from postloom.integrations.ai.captions import most_similar_pair, similarity
from postloom.integrations.ai.captions_base import (
    FRAMEWORKS,
    BrandVoice,
    Caption,
    CaptionRequest,
    Persona,
    PostBrief,
    ProductBrief,
)
from postloom.web.language import _identifier

from .conftest import KOPI_SUSU, ROTI_BAKAR, caption_request, kopi_senja_voice

NEAR_DUPLICATE = 0.5  # word 3-gram Jaccard similarity at or above this reads as a copy
REPOSITORY = Path(__file__).resolve().parents[3]
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")

DENTIST = BrandVoice(
    name="Bright Smile Dental",
    industry="health",
    tone="Professional and trustworthy; addresses patients politely.",
    target_audience="Families in Manchester.",
    keywords=("dentist", "teeth whitening", "family dentistry"),
    language="en",
)
WHITENING = ProductBrief("Teeth Whitening", price="£199", highlights=("one visit", "gentle"))


def write(request: CaptionRequest) -> list[Caption]:
    return BasicProvider().write_captions(request).captions


def one(brief: PostBrief, voice: BrandVoice | None = None) -> Caption:
    return write(CaptionRequest(voice or kopi_senja_voice(brief.language), (brief,)))[0]


# --- Variety --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "id", "tr"])
def test_no_two_captions_of_a_30_post_plan_are_near_duplicates(language: str) -> None:
    captions = write(caption_request(language, 30))

    score, first, second = most_similar_pair([c.caption for c in captions])

    assert score < NEAR_DUPLICATE, (captions[first].caption, captions[second].caption)
    texts = [c.caption for c in captions]
    pairs = [similarity(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]]
    assert sum(pairs) / len(pairs) < 0.05  # most pairs share almost nothing


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_plans_of_every_industry_and_language_have_no_near_duplicates(industry: str) -> None:
    for language in ("en", "id", "tr"):
        voice = BrandVoice(name="Toko Maju", industry=industry, language=language)  # type: ignore[arg-type]
        request = CaptionRequest(voice, caption_request(language, 30).briefs)

        score, first, second = most_similar_pair([c.caption for c in write(request)])

        assert score < NEAR_DUPLICATE, (language, first, second)


@pytest.mark.parametrize("language", ["en", "id", "tr"])
@pytest.mark.parametrize(
    "brief",
    [
        PostBrief("feed_image", "product_spotlight", product=KOPI_SUSU),
        PostBrief("reel", "tips"),
        PostBrief("carousel", "behind_the_scenes"),
    ],
    ids=["spotlight", "tips-reel", "bts-carousel"],
)
def test_even_thirty_identical_briefs_differ(language: str, brief: PostBrief) -> None:
    brief = replace(brief, language=language)

    captions = write(CaptionRequest(kopi_senja_voice(language), (brief,) * 30))

    assert most_similar_pair([c.caption for c in captions])[0] < NEAR_DUPLICATE
    assert len({c.caption.split("\n")[0] for c in captions}) >= 15  # openings vary too


def test_a_plan_uses_many_frameworks_and_openings() -> None:
    captions = write(caption_request("id", 30))

    frameworks = Counter(c.framework for c in captions)
    assert set(frameworks) <= set(FRAMEWORKS) and len(frameworks) >= 6
    assert max(frameworks.values()) <= 10
    assert len({c.call_to_action for c in captions}) >= 20


def test_the_same_request_gives_the_same_words() -> None:
    request = caption_request("tr", 14)

    assert write(request) == write(request)


_RUN_IN_A_FRESH_PROCESS = """
from postloom.integrations.ai.base import INDUSTRIES
from postloom.integrations.ai.basic import BasicProvider
from tests.integrations.ai.conftest import caption_request
result = BasicProvider().write_captions(caption_request("id", 10))
print(json.dumps([c.model_dump() for c in result.captions]))
""".replace("from postloom", "import json\nfrom postloom", 1)


def test_words_do_not_depend_on_hash_randomisation() -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _RUN_IN_A_FRESH_PROCESS], env=env, capture_output=True,
            text=True, check=True, timeout=60, cwd=REPOSITORY,
        )  # fmt: skip
        outputs.append(json.loads(done.stdout))

    assert outputs[0] == outputs[1]
    assert outputs[0] == [c.model_dump() for c in write(caption_request("id", 10))]


# --- Language and voice ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "id", "tr"])
def test_captions_alt_texts_and_headlines_are_in_the_posts_language(language: str) -> None:
    captions = write(caption_request(language, 30))

    detected = Counter(_identifier().classify(c.caption)[0] for c in captions)
    assert detected == {language: 30}
    alt_texts = " ".join(c.alt_text for c in captions)
    assert _identifier().classify(alt_texts)[0] == language


def test_image_prompts_are_english_whatever_the_language() -> None:
    captions = write(caption_request("tr", 7))

    for caption in captions:
        assert _identifier().classify(caption.image_prompt)[0] == "en"
        assert "No text, no logos" in caption.image_prompt


def test_turkish_captions_say_siz_never_sen() -> None:
    text = " ".join(c.caption for c in write(caption_request("tr", 30))).lower()
    words = set(re.findall(r"\w+", text))

    assert not words & {"sen", "senin", "sana", "seni", "seninle"}
    assert re.search(r"\w+(?:iniz|ınız|unuz|ünüz)\b", text)  # "siz" endings: kahve molanız


def test_indonesian_is_casual_for_a_friendly_brand_and_formal_for_a_professional_one() -> None:
    friendly = " ".join(c.caption for c in write(caption_request("id", 20)))
    formal_voice = kopi_senja_voice("id", tone="Profesional dan tepercaya.", persona=None)
    formal = " ".join(c.caption for c in write(CaptionRequest(formal_voice,
                      caption_request("id", 20).briefs)))  # fmt: skip

    assert "kamu" in friendly and "Anda" not in friendly
    assert "Anda" in formal and not re.search(r"\bkamu\b", formal)


def test_tone_is_read_from_the_persona_then_the_brand() -> None:
    assert read_trait(DENTIST) == "professional"
    playful = Persona(name="Dr. Ayu", voice="playful and bold")
    assert read_trait(BrandVoice(name="X", persona=playful, tone="Calm.")) == "energetic"
    assert read_trait(BrandVoice(name="X", industry="fitness")) == "energetic"  # the default
    assert read_trait(kopi_senja_voice("tr", tone="Samimi ve sıcak.", persona=None)) == "friendly"


def test_a_professional_voice_is_calm_about_emoji_and_exclamations() -> None:
    request = CaptionRequest(DENTIST, caption_request("en", 21).briefs)

    for caption in write(request):
        assert len(_EMOJI.findall(caption.caption)) <= 1
        assert "!" not in caption.caption


def test_a_friendly_voice_uses_a_few_emoji_not_one_per_line() -> None:
    for caption in write(caption_request("id", 30)):
        count = len(_EMOJI.findall(caption.caption))
        assert 1 <= count <= 3
        assert count < len(re.findall(r"[.!?]", caption.caption))


def test_the_persona_speaks_in_every_caption() -> None:
    captions = write(caption_request("id", 14))

    assert all("Sari" in c.caption for c in captions)
    nameless = write(caption_request("id", 14, persona=None))
    assert not any("Sari" in c.caption for c in nameless)


# --- Facts: the brief's, never invented -----------------------------------------------------


def test_a_spotlight_uses_the_products_highlights_and_price() -> None:
    caption = one(PostBrief("feed_image", "product_spotlight", "id", product=KOPI_SUSU))

    assert "Kopi Susu Gula Aren" in caption.caption
    assert "gula aren asli" in caption.caption and "Rp25.000" in caption.caption
    assert "Kopi Susu Gula Aren" in caption.alt_text


def test_a_service_is_booked_and_a_product_ordered() -> None:
    spotlights = tuple(PostBrief("feed_image", "product_spotlight", "en", product=WHITENING)
                       for _ in range(12))  # fmt: skip

    clinic = [c.call_to_action for c in write(CaptionRequest(DENTIST, spotlights))]
    cafe = [c.call_to_action for c in write(CaptionRequest(kopi_senja_voice("en"), spotlights))]

    assert not any("order" in cta.lower() for cta in clinic)
    assert any("book" in cta.lower() for cta in clinic)
    assert any("order" in cta.lower() for cta in cafe)


def test_no_price_is_invented() -> None:
    no_price = ProductBrief("Teh Tarik", highlights=("manis pas",))
    for language in ("en", "id", "tr"):
        for pillar in ("promotion", "product_spotlight"):
            caption = one(PostBrief("feed_image", pillar, language, product=no_price))  # type: ignore[arg-type]
            assert not re.search(r"Rp|\$|₺|£|€|\d", caption.caption), caption.caption


def test_the_basic_engine_never_copies_a_description() -> None:
    product = ProductBrief("Kopi", description="Ditanam di lereng gunung oleh petani kami.")

    caption = one(PostBrief("carousel", "product_spotlight", "id", product=product))

    assert "lereng" not in caption.model_dump_json()


def test_tips_come_as_a_numbered_list_or_a_single_tip() -> None:
    captions = write(CaptionRequest(kopi_senja_voice("en"),
                                    (PostBrief("carousel", "tips", "en"),) * 4))  # fmt: skip

    listed = [c for c in captions if c.framework == "listicle"]
    assert listed and re.search(r"^1\. .+\n2\. .+", listed[0].caption, re.MULTILINE)
    tips = words_for("food_beverage", "en").tips
    assert all(any(tip in c.caption for tip in tips) for c in captions)  # each gives a tip


def test_a_topic_is_what_the_post_is_about() -> None:
    brief = PostBrief("feed_image", "tips", "en", topic="how to brew at home")

    caption = one(brief)

    assert "how to brew at home" in caption.caption
    assert caption.headline == "How to brew at home"


# --- Occasions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "occasion", "words", "tag"),
    [
        ("id", "Ramadan", ("Ramadhan",), "ramadhan"),
        ("tr", "Ramadan", ("Ramazan",), "ramazan"),
        ("id", "Harbolnas 12.12", ("Harbolnas 12.12",), "harbolnas1212"),
        ("tr", "Cumhuriyet Bayramı", ("Cumhuriyet Bayram",), "29ekim"),
        ("en", "Idul Fitri", ("Eid",), "eidmubarak"),
        ("id", "17 Agustus", ("Dirgahayu", "Merdeka", "Kemerdekaan"), "dirgahayuri"),
        ("en", "New Year", ("New Year", "new year"), "happynewyear"),
    ],
)
def test_known_occasions_are_greeted_in_the_posts_language(
    language: str, occasion: str, words: tuple[str, ...], tag: str
) -> None:
    brief = PostBrief("feed_image", "local_occasion", language, product=ROTI_BAKAR,  # type: ignore[arg-type]
                      occasion=occasion)  # fmt: skip

    caption = one(brief)

    assert any(word in caption.caption for word in words), caption.caption
    assert tag in caption.hashtags
    assert "Ramadan" not in caption.caption or language == "en"  # named as the language does


@pytest.mark.parametrize(
    ("language", "occasion"),
    [("tr", "10 Kasım Atatürk'ü Anma Günü"), ("en", "Remembrance Day"), ("id", "Hari Peringatan")],
)
def test_a_day_of_remembrance_sells_nothing(language: str, occasion: str) -> None:
    brief = PostBrief("feed_image", "local_occasion", language, product=KOPI_SUSU,  # type: ignore[arg-type]
                      occasion=occasion)  # fmt: skip

    caption = one(brief)

    assert not _EMOJI.search(caption.caption) and "!" not in caption.caption
    assert caption.call_to_action == "" and "Kopi Susu" not in caption.caption
    assert caption.caption.endswith("— Kopi Senja")
    assert "kopisusugulaaren" not in caption.hashtags
    assert "kutlu" not in caption.caption and "Happy" not in caption.caption


def test_an_unknown_occasion_is_named_as_given() -> None:
    brief = PostBrief("feed_image", "local_occasion", "id", occasion="Ulang Tahun Kopi Senja")

    caption = one(brief)

    assert "Ulang Tahun Kopi Senja" in caption.caption
    assert "ulangtahunkopisenja" in caption.hashtags


# --- Hashtags -------------------------------------------------------------------------------


def test_hashtags_come_from_the_brand_product_industry_and_city() -> None:
    caption = one(PostBrief("feed_image", "product_spotlight", "id", product=KOPI_SUSU))

    tags = caption.hashtags
    assert tags[:2] == ["kopisenja", "kopisusugulaaren"]
    assert {"kopisusu", "rotibakar", "kuliner", "bandung", "kulinerbandung"} <= set(tags)
    assert len(tags) <= 12 and all(re.fullmatch(r"\w+", tag) for tag in tags)


def test_no_place_is_tagged_unless_the_brand_names_it() -> None:
    voice = kopi_senja_voice("id", target_audience="Mahasiswa dan pekerja muda.")
    brief = PostBrief("feed_image", "product_spotlight", "id", product=KOPI_SUSU)

    tags = one(brief, voice).hashtags

    assert not any("bandung" in tag or "jakarta" in tag for tag in tags)
    stated = one(brief, kopi_senja_voice("tr", city="Kadıköy", target_audience=""))
    assert "kadıköy" in stated.hashtags


def test_formats_carry_as_many_hashtags_as_suit_them() -> None:
    counts = {}
    for post_type, platform in (("story", "instagram"), ("tiktok_video", "tiktok"),
                                ("carousel", "instagram")):  # fmt: skip
        brief = PostBrief(post_type, "product_spotlight", "id", platform, product=KOPI_SUSU)  # type: ignore[arg-type]
        counts[post_type] = len(one(brief).hashtags)

    assert counts["story"] <= 3 and counts["tiktok_video"] <= 5
    assert 8 <= counts["carousel"] <= 12
    tiktok = one(PostBrief("tiktok_video", "tips", "id", "tiktok"))
    assert "fyp" in tiktok.hashtags


# --- Headlines and formats ------------------------------------------------------------------


def test_headlines_fit_on_the_image_even_for_long_names() -> None:
    long_name = ProductBrief("Paket Hemat Kopi Susu Gula Aren Ukuran Jumbo Plus Roti Bakar")

    for pillar in ("product_spotlight", "promotion"):
        caption = one(PostBrief("feed_image", pillar, "id", product=long_name))  # type: ignore[arg-type]
        assert 0 < len(caption.headline) <= 40


def test_a_story_is_short_and_asks_for_a_reply() -> None:
    for language in ("en", "id", "tr"):
        caption = one(PostBrief("story", "product_spotlight", language, product=KOPI_SUSU))  # type: ignore[arg-type]
        assert len(caption.caption) < 260
        assert caption.call_to_action in caption.caption


def test_a_carousel_asks_to_swipe() -> None:
    caption = one(PostBrief("carousel", "behind_the_scenes", "en"))

    assert "wipe" in caption.caption  # "Swipe ..." or "Keep swiping ..."
