"""What every provider's captions go through before anyone sees them.

A caption from the basic engine or from a language model is tidied the same way: hashtags
become bare words, the headline fits on an image, links go only to the business's own site,
and the platform's limits hold (``limits.enforce_limits``). The batch's tokens and cost are
divided among its posts. ``similarity`` measures how alike two captions read (word 3-grams).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, Decimal
from urllib.parse import urlsplit

from postloom.integrations.ai.base import Usage
from postloom.integrations.ai.captions_base import (
    ALT_TEXT_LIMIT,
    CTA_LIMIT,
    FRAMEWORKS,
    HASHTAG_CHARS,
    HASHTAG_LIMIT,
    HEADLINE_LIMIT,
    IMAGE_PROMPT_LIMIT,
    Adjustment,
    BrandVoice,
    Caption,
    CaptionBatchResult,
    CaptionRequest,
    PostUsage,
)
from postloom.integrations.ai.limits import cut_to_units, enforce_limits

MICRO_USD = Decimal("0.000001")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_TAG_LINE = re.compile(r"(?:\s*#\w+)+\s*")
_NOT_TAG = re.compile(r"[^\w]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_FRAMEWORK_ALIASES = {
    "before after bridge": "bab", "before-after-bridge": "bab", "4us": "4u", "four u": "4u",
    "story": "storytelling", "question-led": "question", "question led": "question",
    "list": "listicle", "problem agitate solution": "pas",
    "features advantages benefits": "fab",
}  # fmt: skip


def finish_batch(
    drafts: Sequence[Caption], request: CaptionRequest, usage: Usage, calls: int,
    per_post: Sequence[PostUsage] | None = None,
) -> CaptionBatchResult:  # fmt: skip
    """The batch as callers get it: every caption tidied and within its platform's limits."""
    captions, adjustments = [], []
    for draft, brief in zip(drafts, request.briefs, strict=True):
        tidied, changes = tidy(draft, request.brand)
        enforced = enforce_limits(tidied, brief.platform, brief.post_type)
        captions.append(enforced.caption)
        adjustments.append((*changes, *enforced.adjustments))
    if per_post is None:
        per_post = split_usage(usage, len(captions))
    return CaptionBatchResult(
        captions=captions,
        usage=usage,
        per_post=list(per_post),
        adjustments=adjustments,
        calls=calls,
    )


def tidy(caption: Caption, brand: BrandVoice) -> tuple[Caption, tuple[Adjustment, ...]]:
    """The caption in shape, and the hashtags dropped past the most any caption carries."""
    body, trailing_tags = _split_trailing_tags(caption.caption)
    tags = clean_hashtags([*caption.hashtags, *trailing_tags])
    changes: tuple[Adjustment, ...] = ()
    if len(tags) > HASHTAG_LIMIT:
        changes = (Adjustment("hashtags_dropped", len(tags), HASHTAG_LIMIT),)
    tidied = Caption(
        caption=_only_own_links(body, brand.website),
        hashtags=tags[:HASHTAG_LIMIT],
        alt_text=_short(_only_own_links(caption.alt_text, brand.website), ALT_TEXT_LIMIT),
        headline=fit_headline(_only_own_links(caption.headline, brand.website)),
        image_prompt=_short(_only_own_links(caption.image_prompt, ""), IMAGE_PROMPT_LIMIT),
        call_to_action=_short(_only_own_links(caption.call_to_action, brand.website), CTA_LIMIT),
        framework=framework_name(caption.framework),
    )
    return tidied, changes


def clean_hashtags(values: Iterable[object]) -> list[str]:
    """Bare, unique hashtag words: "#Kopi Susu!" -> "KopiSusu"."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        tag = _NOT_TAG.sub("", value)[:HASHTAG_CHARS]
        if tag and not tag.isdigit() and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def fit_headline(text: str) -> str:
    """On-image text within 40 characters, cut at a word, never inside an emoji."""
    text = " ".join(text.split())
    if len(text) <= HEADLINE_LIMIT:
        return text
    cut = cut_to_units(text, HEADLINE_LIMIT)
    space = cut.rfind(" ")
    return (cut[:space] if space > HEADLINE_LIMIT // 2 else cut).rstrip(" ,;:-–—")


def framework_name(value: str) -> str:
    name = " ".join(value.strip().lower().replace("_", " ").split())
    name = _FRAMEWORK_ALIASES.get(name, name)
    return name if name in FRAMEWORKS else "other"


def _short(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = cut_to_units(text, limit - 1)
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def _split_trailing_tags(text: str) -> tuple[str, list[str]]:
    """A caption that ends in a block of hashtags: the block moves to the hashtag list."""
    text = _BLANK_LINES.sub("\n\n", text.strip())
    lines = text.split("\n")
    if len(lines) > 1 and _TAG_LINE.fullmatch(lines[-1]):
        return "\n".join(lines[:-1]).rstrip(), re.findall(r"#(\w+)", lines[-1])
    return text, []


def _only_own_links(text: str, website: str) -> str:
    """Links to anywhere but the business's own site are removed (a model talked into
    advertising another address by text on a web page cannot pass it on)."""
    own = _host(website)

    def keep(match: re.Match[str]) -> str:
        url = match.group(0)
        return url if own and _host(url) == own else ""

    cleaned = _URL.sub(keep, text)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip() if cleaned != text else text


def _host(url: str) -> str:
    url = url if "://" in url else f"https://{url}"
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


# --- Usage per post -----------------------------------------------------------------------


def split_usage(usage: Usage, posts: int) -> list[PostUsage]:
    """The batch's tokens and cost shared evenly; remainders go to the first posts, so the
    parts add up to the whole exactly."""
    if posts <= 0:
        return []
    inputs = _shares(usage.input_tokens, posts)
    outputs = _shares(usage.output_tokens, posts)
    micros = _shares(int((usage.cost_usd / MICRO_USD).to_integral_value(ROUND_DOWN)), posts)
    return [
        PostUsage(i, o, (Decimal(m) * MICRO_USD).quantize(MICRO_USD))
        for i, o, m in zip(inputs, outputs, micros, strict=True)
    ]


def _shares(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


# --- How alike two captions read ----------------------------------------------------------

_WORD = re.compile(r"\w+")


def word_trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of the two texts' word 3-grams: 0 (nothing shared) to 1 (same)."""
    return jaccard(word_trigrams(first), word_trigrams(second))


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def most_similar_pair(texts: Sequence[str]) -> tuple[float, int, int]:
    """The highest pairwise similarity among ``texts`` and the two positions holding it."""
    grams = [word_trigrams(text) for text in texts]
    best = (0.0, -1, -1)
    for i in range(len(grams)):
        for j in range(i + 1, len(grams)):
            best = max(best, (jaccard(grams[i], grams[j]), i, j))
    return best
