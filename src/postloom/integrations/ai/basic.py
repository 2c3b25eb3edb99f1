"""The built-in provider: brand analysis from word lists and statistics, and captions from
copywriting frameworks and hand-written sentences (``basic_captions``); offline, no keys.

It reads English, Indonesian and Turkish. The same request always gives the same profile, so it
doubles as the fake of the AI text capability: tests and the sandbox use it as a real provider.
Nothing leaves the machine; ``sent_text`` is still the text an AI provider would have been sent,
so the user sees the same thing whichever provider ran.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from postloom.integrations.ai import facts
from postloom.integrations.ai.base import (
    BrandProfile,
    BrandRequest,
    BrandResult,
    TextProvider,
    Usage,
)
from postloom.integrations.ai.basic_lexicons import SEED_KEYWORDS
from postloom.integrations.ai.basic_phrases import (
    audience_sentence,
    description_sentence,
    tone_sentence,
    visual_sentence,
)
from postloom.integrations.ai.basic_signals import guess_industry, read_audience, read_tone
from postloom.integrations.ai.basic_text import Field, keywords, sentences
from postloom.integrations.ai.basic_visual import read_visual
from postloom.integrations.ai.captions import finish_batch
from postloom.integrations.ai.captions_base import CaptionBatchResult, CaptionRequest

MODEL = "basic-1"
BODY_LIMIT = 20_000  # characters of main text read; more changes nothing but the time taken
CAPTIONS_READ = 30
MIN_KEYWORDS = 8
DESCRIPTION_LIMIT = 280

# How much each source says about the business (see basic_signals for how scores add up).
BOOST_NAME = 4.0
BOOST_DESCRIPTION = 2.0
BOOST_PRODUCT_NAMES = 2.5
BOOST_PRODUCT_TEXT = 1.0
BOOST_BIOGRAPHY = 2.0
BOOST_BODY = 1.0
BOOST_CAPTIONS = 1.0


class BasicProvider(TextProvider):
    name = "basic"

    def analyse_brand(self, request: BrandRequest) -> BrandResult:
        started = time.perf_counter()
        profile = analyse(request)
        usage = Usage(
            provider=self.name,
            model=MODEL,
            duration_ms=int((time.perf_counter() - started) * 1000),
        )
        return BrandResult(
            profile=profile,
            usage=usage,
            sent_text=request.quoted_text(),
            sent_instagram_text=request.quoted_instagram_text(),
        )

    def write_captions(self, request: CaptionRequest) -> CaptionBatchResult:
        # Imported here: the caption tables are large and brand analysis never needs them.
        from postloom.integrations.ai.basic_captions import write_captions

        started = time.perf_counter()
        drafts = write_captions(request)
        usage = Usage(
            provider=self.name,
            model=MODEL,
            duration_ms=int((time.perf_counter() - started) * 1000),
        )
        return finish_batch(drafts, request, usage, calls=0)


def text_fields(request: BrandRequest) -> list[Field]:
    """The business's words, each with how telling its source is; empty ones left out."""
    site = request.site
    fields = [
        Field(site.name, BOOST_NAME),
        Field(site.description, BOOST_DESCRIPTION),
        Field("\n".join(p.name for p in site.products), BOOST_PRODUCT_NAMES),
        Field("\n".join(p.description for p in site.products), BOOST_PRODUCT_TEXT),
        Field(site.main_text[:BODY_LIMIT], BOOST_BODY),
    ]
    if request.instagram is not None:
        captions = [c for c, _likes, _comments in request.instagram.recent_captions]
        fields.append(Field(request.instagram.biography, BOOST_BIOGRAPHY))
        fields.append(Field("\n".join(captions[:CAPTIONS_READ]), BOOST_CAPTIONS))
    return [item for item in fields if item.text.strip()]


def text_language(request: BrandRequest) -> str:
    # Word lists for all three languages are always used (Indonesian sites mix in English);
    # the language only decides Turkish casing, Indonesian suffixes and seed keywords.
    return facts.site_language(request.site)


def analyse(request: BrandRequest) -> BrandProfile:
    site, reply = request.site, facts.reply_language(request.reply_language)
    fields = text_fields(request)
    language = text_language(request)
    industry = guess_industry(fields, language)
    name = facts.site_name(site)
    colors, fonts = facts.site_colors(site), facts.site_fonts(site)
    voice_text = "\n".join(f.text for f in fields if f.boost != BOOST_NAME)
    return BrandProfile(
        name=name,
        description=_description(request, name, industry),
        industry=industry,
        target_audience=audience_sentence(read_audience(fields, language, industry), reply),
        tone=tone_sentence(read_tone(voice_text, language, industry), reply),
        keywords=_keywords(fields, language, industry, reply),
        colors=colors,
        fonts=fonts,
        visual_theme=visual_sentence(read_visual(colors, fonts), reply),
        language=facts.site_language(site),
        logo_url=facts.site_logo(site),
        products=facts.site_products(site),
        social=facts.site_social(site),
    )


def _description(request: BrandRequest, name: str, industry: str) -> str:
    """The site's own description; else its opening sentences; else a plain sentence."""
    site = request.site
    if site.description.strip():
        return facts.fit(site.description, DESCRIPTION_LIMIT * 2)
    opening = _opening(sentences(site.main_text[:2000]))
    if opening:
        return opening
    reply = facts.reply_language(request.reply_language)
    return description_sentence(name, industry, reply)


def _opening(lines: Sequence[str]) -> str:
    text = ""
    for line in lines:
        if len(line.split()) < 5:
            continue  # headings and menu items are not a description
        candidate = f"{text} {line}.".strip()
        if len(candidate) > DESCRIPTION_LIMIT:
            break
        text = candidate
    return text


def _keywords(fields: list[Field], language: str, industry: str, reply: str) -> list[str]:
    found = keywords(fields, language, facts.MAX_KEYWORDS)
    if len(found) >= MIN_KEYWORDS:
        return facts.clean_keywords(found)
    # A site that says little still gets a usable set: the industry's usual words.
    seed_language = language if language in ("en", "id", "tr") else reply
    seeds = SEED_KEYWORDS[industry][seed_language]
    return facts.clean_keywords([*found, *seeds])
