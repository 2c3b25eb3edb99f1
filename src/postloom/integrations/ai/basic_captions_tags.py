"""Hashtags, the image prompt and emoji for the basic caption engine.

Hashtags come only from the brand's own data (its name, keywords, products, city) and from
fixed per-language tables (industry, occasion, format); a place is tagged only when the brand's
data names it.
"""

from __future__ import annotations

from postloom.integrations.ai.basic_captions_choice import City, Deck
from postloom.integrations.ai.basic_captions_industry import look_for, words_for
from postloom.integrations.ai.basic_captions_occasions import Occasion, occasion_tags
from postloom.integrations.ai.basic_signals import Trait
from postloom.integrations.ai.basic_text import lower
from postloom.integrations.ai.captions_base import BrandVoice, Pillar, PostBrief, PostType
from postloom.integrations.ai.facts import ReplyLanguage

# How many hashtags a caption carries, by format: Instagram allows 30, but a dozen relevant
# ones read better; stories carry a few; TikTok captions are short.
HASHTAG_COUNT: dict[PostType, int] = {
    "feed_image": 12,
    "carousel": 12,
    "reel": 10,
    "story": 3,
    "tiktok_video": 5,
    "tiktok_photo": 6,
}
KEYWORD_TAGS = 4  # brand keywords per post, rotated through the batch
LONGEST_TAG = 30

PILLAR_TAGS: dict[Pillar, dict[ReplyLanguage, tuple[str, ...]]] = {
    "behind_the_scenes": {"en": ("behindthescenes",), "id": ("dibaliklayar",),
                          "tr": ("kamerarkası",)},
    "tips": {"en": ("tips",), "id": ("tips",), "tr": ("ipuçları",)},
}  # fmt: skip
PLATFORM_TAGS: dict[str, dict[ReplyLanguage, tuple[str, ...]]] = {
    "tiktok": {"en": ("fyp",), "id": ("fyp",), "tr": ("fyp", "keşfet")},
    "instagram": {"en": (), "id": (), "tr": ("keşfet",)},
}


def as_tag(text: str, language: str) -> str:
    """ "Kopi Susu Gula Aren" -> "kopisusugulaaren"; Turkish letters kept ("kadıköy")."""
    return "".join(ch for ch in lower(text, language) if ch.isalnum() or ch == "_")


def hashtags(
    brand: BrandVoice, brief: PostBrief, language: ReplyLanguage, city: City | None,
    occasion: Occasion | None, deck: Deck, salt: object,
) -> list[str]:  # fmt: skip
    words = words_for(brand.industry, language)
    keyword_tags = [as_tag(k, language) for k in brand.keywords]
    chosen_keywords = _rotate(keyword_tags, deck, f"{language}:keyword", salt)
    candidates = [as_tag(brand.name, language)]
    if occasion is not None and occasion.mood == "solemn":  # the day's own tags, nothing to sell
        return _clean([*candidates, *occasion_tags(occasion, brief.occasion, language)])
    if brief.product:
        candidates.append(as_tag(brief.product.name, language))
    if brief.platform == "tiktok":  # TikTok's own tags matter more there than anywhere
        candidates += PLATFORM_TAGS["tiktok"][language]
    if occasion:
        candidates += occasion_tags(occasion, brief.occasion, language)
    candidates += chosen_keywords
    candidates += PILLAR_TAGS.get(brief.pillar, {}).get(language, ())
    candidates += words.tags
    if city:
        candidates += _city_tags(city, words.city_tag, language)
    candidates += PLATFORM_TAGS["instagram"][language] if brief.platform == "instagram" else ()
    return _clean(candidates)[: HASHTAG_COUNT[brief.post_type]]


def _rotate(tags: list[str], deck: Deck, slot: str, salt: object) -> list[str]:
    picked: list[str] = []
    pool = [tag for tag in dict.fromkeys(tags) if tag]
    while pool and len(picked) < KEYWORD_TAGS:
        tag = deck.take(slot, pool, salt)
        picked.append(tag)
        pool.remove(tag)
    return picked


def _city_tags(city: City, stem: str, language: ReplyLanguage) -> list[str]:
    tags = [city.tag]
    if stem:
        # Indonesian puts the kind first (#kulinerbandung), English and Turkish the city.
        tags.append(f"{stem}{city.tag}" if language == "id" else f"{city.tag}{stem}")
    return tags


def _clean(candidates: list[str]) -> list[str]:
    seen: set[str] = set()
    tags: list[str] = []
    for tag in candidates:
        key = tag.casefold()
        if len(tag) < 2 or len(tag) > LONGEST_TAG or tag.isdigit() or key in seen:
            continue
        seen.add(key)
        tags.append(tag)
    return tags


# --- Emoji ------------------------------------------------------------------------------------

PILLAR_EMOJI: dict[Pillar, tuple[str, ...]] = {
    "product_spotlight": (),
    "behind_the_scenes": ("👀", "🎬"),
    "tips": ("💡", "📌"),
    "social_proof": ("💛", "🙏", "🥰"),
    "promotion": ("🎉", "🔥"),
    "question": ("🤔", "💬"),
    "local_occasion": (),
}
CTA_EMOJI: dict[str, str] = {
    "order": "📲",
    "book": "📅",
    "visit": "📍",
    "dm": "📩",
    "follow": "🔔",
    "save": "🔖",
    "share": "💌",
    "tag": "📸",
    "review": "⭐",
    "comment": "💬",
    "reply": "💬",
}


def opener_emoji(industry: str, pillar: Pillar, occasion: Occasion | None) -> tuple[str, ...]:
    if occasion is not None:
        return occasion.emoji
    return PILLAR_EMOJI[pillar] + look_for(industry).emoji


# --- Image prompt (always English: image models read English best) --------------------------

SHAPES: dict[PostType, str] = {
    "feed_image": "A 4:5 portrait photograph",
    "carousel": "A 4:5 photograph for the first slide of a carousel",
    "story": "A vertical 9:16 photograph",
    "reel": "A vertical 9:16 cover photograph for a short video",
    "tiktok_video": "A vertical 9:16 cover photograph for a short video",
    "tiktok_photo": "A vertical 9:16 photograph",
}
STYLES: dict[Pillar, str] = {
    "product_spotlight": "as a clean hero shot",
    "behind_the_scenes": "as a candid behind-the-scenes moment, hands at work",
    "tips": "as a tidy flat lay that illustrates a practical tip",
    "social_proof": "being enjoyed by happy customers, natural and candid",
    "promotion": "as a bold, eye-catching hero shot",
    "question": "in a playful composition that invites a reaction",
    "local_occasion": "in a festive setting",
}
MOODS: dict[Trait, str] = {
    "friendly": "warm and inviting",
    "energetic": "vibrant, saturated, high-contrast colours",
    "elegant": "soft, minimal and refined",
    "professional": "clean, bright and trustworthy",
    "calm": "soft natural light, calm and airy",
}


def image_prompt(brief: PostBrief, industry: str, trait: Trait, occasion: Occasion | None) -> str:
    look = look_for(industry)
    if brief.product:
        name = " ".join(brief.product.name.split())[:80].replace('"', "'")
        subject = f'the product "{name}"'
    else:
        subject = look.subject
    style = STYLES[brief.pillar]
    if occasion is not None and occasion.mood == "solemn":
        style = f"in a calm, respectful composition with {occasion.motif}"
    elif occasion is not None:
        style = f"{style}, with {occasion.motif}"
    return (
        f"{SHAPES[brief.post_type]} of {subject} {style}, set in {look.scene}. "
        f"Mood: {MOODS[trait]}. Leave clear space for a short headline. "
        "No text, no logos, no watermarks."
    )
