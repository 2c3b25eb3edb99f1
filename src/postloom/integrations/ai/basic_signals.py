"""What the basic engine reads from text: the industry, the tone of voice, the audience.

Each reading is a small frozen value; ``basic_phrases`` turns it into a sentence in the user's
language. Scores are plain sums of lexicon weights times how telling the text's source is
(the business's name says more than a paragraph of body text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from postloom.integrations.ai import basic_lexicons as lex
from postloom.integrations.ai.base import INDUSTRIES, Industry
from postloom.integrations.ai.basic_text import (
    Field,
    TermMatcher,
    contains_pattern_count,
    emoji_count,
    match_tokens,
    sentences,
    word_count,
)

Trait = Literal["friendly", "professional", "energetic", "elegant", "calm"]
Address = Literal["casual", "formal", "direct", "none"]
Length = Literal["short", "medium", "long"]

MIN_INDUSTRY_SCORE = 3.0  # below this, the text does not say what the business is
REPEATS_COUNTED = 3  # a term repeated in one place counts at most this often there
MIN_CUE_SCORE = 2.0

# When the text shows no clear tone, the one most businesses of the kind use.
DEFAULT_TRAIT: dict[str, Trait] = {
    "food_beverage": "friendly",
    "fashion_retail": "friendly",
    "beauty": "friendly",
    "health": "professional",
    "fitness": "energetic",
    "home_services": "professional",
    "retail": "friendly",
    "education": "professional",
    "hospitality_travel": "friendly",
    "professional_services": "professional",
    "automotive": "professional",
    "arts_crafts": "friendly",
    "technology": "professional",
    "other": "calm",
}


@cache
def _industry_matcher() -> TermMatcher[tuple[str, int]]:
    entries: list[tuple[str, tuple[str, int]]] = [
        (term, (industry, weight))
        for industry, by_weight in lex.INDUSTRY_TERMS.items()
        for weight, terms in by_weight.items()
        for term in terms
    ]
    entries += [(term, ("", 0)) for term in lex.BLOCKERS]
    return TermMatcher(entries)


@cache
def _cue_matcher() -> TermMatcher[str]:
    return TermMatcher((term, cue) for cue, terms in lex.AUDIENCE_CUES.items() for term in terms)


@cache
def _tone_matcher() -> TermMatcher[str]:
    groups = {
        "formal": lex.YOU_FORMAL,
        "informal": lex.YOU_INFORMAL,
        "neutral": lex.YOU_NEUTRAL,
        "superlative": lex.SUPERLATIVES,
        "warm": lex.WARM_WORDS,
        "trust": lex.TRUST_WORDS,
        "energy": lex.ENERGY_WORDS,
        "luxury": lex.LUXURY_WORDS,
    }
    return TermMatcher((term, group) for group, terms in groups.items() for term in terms)


@cache
def _city_matcher() -> TermMatcher[int]:
    return TermMatcher((term, index) for index, city in enumerate(lex.CITIES) for term in city[0])


# --- Industry -------------------------------------------------------------------------------


def industry_scores(fields: Sequence[Field], language: str) -> dict[str, float]:
    """Each industry's score; 0 for those with only weak hints (a hint supports, never decides)."""
    scores = dict.fromkeys(INDUSTRIES, 0.0)
    decided: set[str] = set()
    for item in fields:
        seen: dict[tuple[str, ...], int] = {}
        for key, payloads in _industry_matcher().find(match_tokens(item.text, language)):
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > REPEATS_COUNTED:
                continue
            for industry, weight in payloads:
                if industry:
                    scores[industry] += weight * item.boost
                    if weight >= 2:
                        decided.add(industry)
    return {industry: score if industry in decided else 0.0 for industry, score in scores.items()}


def guess_industry(fields: Sequence[Field], language: str) -> Industry:
    scores = industry_scores(fields, language)
    # max() returns the first of equal scores, so ties go to INDUSTRIES order: deterministic.
    best = max(INDUSTRIES, key=lambda industry: scores[industry])
    return cast(Industry, best) if scores[best] >= MIN_INDUSTRY_SCORE else "other"


# --- Tone -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToneReading:
    primary: Trait
    secondary: Trait | None
    address: Address
    length: Length
    exclamations: bool
    emoji: bool
    superlatives: bool


@dataclass(frozen=True)
class _ToneCounts:
    words: int
    sentences: int
    exclamations: int
    emoji: int
    cues: dict[str, int]

    def per_100_words(self, cue: str) -> float:
        return 100 * self.cues.get(cue, 0) / max(self.words, 1)

    def per_sentence(self, count: int) -> float:
        return count / max(self.sentences, 1)

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)


def _tone_counts(text: str, language: str) -> _ToneCounts:
    tokens = match_tokens(text, language)
    cues: dict[str, int] = {}
    for _key, groups in _tone_matcher().find(tokens):
        for group in groups:
            cues[group] = cues.get(group, 0) + 1
    if language == "tr":
        cues["formal"] = cues.get("formal", 0) + contains_pattern_count(tokens, lex.TR_FORMAL_YOUR)
    return _ToneCounts(
        words=word_count(text),
        sentences=len(sentences(text)),
        exclamations=text.count("!"),
        emoji=emoji_count(text),
        cues=cues,
    )


def _trait_scores(c: _ToneCounts) -> dict[Trait, float]:
    exclaim = c.per_sentence(c.exclamations)
    emoji = c.per_sentence(c.emoji)
    return {
        "friendly": 1.2 * c.per_100_words("warm")
        + 1.5 * c.per_100_words("informal")
        + 0.4 * c.per_100_words("neutral")
        + 1.5 * emoji,
        "professional": 1.5 * c.per_100_words("trust")
        + 0.6 * c.per_100_words("formal")
        + (0.6 if c.words_per_sentence >= 16 else 0.0),
        "energetic": 3.0 * exclaim
        + 1.2 * c.per_100_words("superlative")
        + 1.0 * c.per_100_words("energy")
        + 1.0 * emoji,
        "elegant": 2.5 * c.per_100_words("luxury"),
        "calm": 0.0,
    }


def _address(c: _ToneCounts) -> Address:
    formal, informal = c.cues.get("formal", 0), c.cues.get("informal", 0)
    if informal > formal:
        return "casual"
    if formal:
        return "formal"
    # English "you" has no register; a few of them make a direct voice.
    if c.cues.get("neutral", 0) >= 2 or c.per_100_words("neutral") >= 0.8:
        return "direct"
    return "none"


def _length(c: _ToneCounts) -> Length:
    if c.words_per_sentence < 11:
        return "short"
    return "long" if c.words_per_sentence > 20 else "medium"


def read_tone(text: str, language: str, industry: str) -> ToneReading:
    counts = _tone_counts(text, language)
    scores = _trait_scores(counts)
    ranked = sorted(scores, key=lambda trait: -scores[trait])  # stable: dict order breaks ties
    primary, runner_up = ranked[0], ranked[1]
    if scores[primary] < 0.8:
        primary, runner_up = DEFAULT_TRAIT.get(industry, "calm"), "calm"
    strong_second = scores[runner_up] >= 0.8 and scores[runner_up] >= 0.5 * scores[primary]
    return ToneReading(
        primary=primary,
        secondary=runner_up if strong_second and runner_up != primary else None,
        address=_address(counts),
        length=_length(counts),
        exclamations=counts.per_sentence(counts.exclamations) >= 0.15,
        emoji=counts.emoji >= 2,
        superlatives=counts.per_100_words("superlative") >= 1.0,
    )


# --- Audience -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AudienceReading:
    industry: str
    cues: tuple[str, ...]  # keys of AUDIENCE_CUES, strongest first
    city: int | None  # index into CITIES


def _weighted_hits[K](
    matcher: TermMatcher[K], fields: Sequence[Field], language: str
) -> dict[K, float]:
    totals: dict[K, float] = {}
    for item in fields:
        for _key, payloads in matcher.find(match_tokens(item.text, language)):
            for payload in payloads:
                totals[payload] = totals.get(payload, 0.0) + item.boost
    return totals


def read_audience(fields: Sequence[Field], language: str, industry: str) -> AudienceReading:
    cue_scores = _weighted_hits(_cue_matcher(), fields, language)
    order = list(lex.AUDIENCE_CUES)
    strong = [cue for cue in order if cue_scores.get(cue, 0.0) >= MIN_CUE_SCORE]
    strong.sort(key=lambda cue: (-cue_scores[cue], order.index(cue)))
    city_scores = _weighted_hits(_city_matcher(), fields, language)
    city = min(city_scores, key=lambda i: (-city_scores[i], i)) if city_scores else None
    return AudienceReading(industry=industry, cues=tuple(strong[:3]), city=city)
