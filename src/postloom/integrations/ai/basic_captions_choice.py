"""The basic caption engine's choices: tone, framework, and which phrase comes next.

Nothing here draws on global random state. Every choice is a function of the request: ties are
broken by a hash of the brand, the slot and the post's position, and a batch-wide ``Deck``
hands out the phrase used least so far, so posts in one batch do not repeat each other.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from string import Formatter

from postloom.integrations.ai import basic_lexicons as lex
from postloom.integrations.ai.basic_signals import DEFAULT_TRAIT, Trait
from postloom.integrations.ai.basic_text import match_tokens
from postloom.integrations.ai.captions_base import BrandVoice, Pillar, PostBrief, PostType

# Words in a tone sentence or a persona's voice that name a trait (folded; en, id, tr). The
# brand profile's tone sentence starts with its main trait, so the first one found wins.
TRAIT_WORDS: dict[Trait, tuple[str, ...]] = {
    "energetic": (
        "energetic", "bold", "lively", "playful", "fun", "upbeat", "hype", "energik",
        "semangat", "berani", "ceria", "seru", "enerjik", "cesur", "canli", "eglenceli",
        "neseli", "dinamik", "dynamic",
    ),
    "elegant": (
        "elegant", "refined", "luxury", "luxurious", "premium", "sophisticated", "elegan",
        "berkelas", "mewah", "zarif", "seckin", "luks", "sik",
    ),
    "professional": (
        "professional", "trustworthy", "expert", "formal", "reassuring", "profesional",
        "tepercaya", "terpercaya", "ahli", "profesyonel", "guven", "uzman", "resmi",
    ),
    "calm": (
        "calm", "informative", "gentle", "soft", "quiet", "tenang", "informatif", "lembut",
        "sakin", "bilgilendirici", "yumusak",
    ),
    "friendly": (
        "friendly", "warm", "casual", "cheerful", "cosy", "cozy", "ramah", "hangat", "santai",
        "akrab", "samimi", "sicak", "icten",
    ),
}  # fmt: skip
_TRAIT_OF = {word: trait for trait, words in TRAIT_WORDS.items() for word in words}

# How many emoji a caption carries, by tone: used moderately, never one per line.
EMOJI_BUDGET: dict[Trait, int] = {
    "energetic": 4,
    "friendly": 3,
    "calm": 1,
    "elegant": 1,
    "professional": 1,
}
# Tones that keep exclamation marks; the others end those sentences with a full stop.
EXCLAIMING: frozenset[Trait] = frozenset({"energetic", "friendly"})

# Frameworks that suit a pillar, best first; tone and post type then weigh them.
PILLAR_FRAMEWORKS: dict[Pillar, tuple[str, ...]] = {
    "product_spotlight": ("fab", "aida", "bab", "storytelling", "4u", "pas"),
    "behind_the_scenes": ("storytelling", "bab", "aida"),
    "tips": ("listicle", "pas", "4u", "bab"),
    "social_proof": ("storytelling", "bab", "aida", "question"),
    "promotion": ("4u", "aida", "pas", "fab"),
    "question": ("question", "storytelling", "bab"),
    "local_occasion": ("storytelling", "aida", "question", "bab"),
}
TONE_FRAMEWORKS: dict[Trait, tuple[str, ...]] = {
    "energetic": ("aida", "4u", "pas", "question"),
    "friendly": ("storytelling", "question", "bab", "aida"),
    "elegant": ("storytelling", "fab", "bab"),
    "professional": ("pas", "fab", "listicle", "4u"),
    "calm": ("fab", "listicle", "storytelling"),
}
# Short formats want frameworks that land in two or three lines.
SHORT_FRAMEWORKS = frozenset({"aida", "4u", "question", "pas", "bab"})
SHORT_TYPES: frozenset[PostType] = frozenset({"story", "reel", "tiktok_video"})
STORY_FRAMEWORKS = frozenset({"aida", "fab", "question"})


def read_trait(brand: BrandVoice) -> Trait:
    """The persona's voice, else the brand's tone sentence, else the industry's usual tone."""
    for text in (brand.persona.voice if brand.persona else "", brand.tone):
        for token in match_tokens(text):
            trait = _TRAIT_OF.get(token)
            if trait:
                return trait
    return DEFAULT_TRAIT.get(brand.industry, "calm")


def stable_int(*parts: object) -> int:
    """A number that depends only on ``parts`` (not on PYTHONHASHSEED or the run)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def fields_of(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in Formatter().parse(template) if name}


@dataclass
class Deck:
    """Hands out, per slot, the phrase used least so far in the batch (ties: a stable hash)."""

    seed: str
    used: Counter[tuple[str, str]] = field(default_factory=Counter)

    def draw(self, slot: str, options: Sequence[str], salt: object = "", spread: int = 0) -> str:
        """The least used option; with ``spread`` > 0, one of the ``spread + 1`` least used
        (a rewrite of a draft that read too much like an earlier post tries other phrases)."""
        if not options:
            return ""
        ranked = sorted(
            options,
            key=lambda option: (self.used[slot, option], stable_int(self.seed, slot, option, salt)),
        )
        pick = stable_int(self.seed, slot, salt, "spread") % (spread + 1) if spread else 0
        return ranked[min(pick, len(ranked) - 1)]

    def snapshot(self) -> Counter[tuple[str, str]]:
        return Counter(self.used)

    def restore(self, used: Counter[tuple[str, str]]) -> None:
        self.used = Counter(used)

    def take(self, slot: str, options: Sequence[str], salt: object = "", spread: int = 0) -> str:
        choice = self.draw(slot, options, salt, spread)
        if choice:
            self.used[slot, choice] += 1
        return choice


def choose_framework(
    brief: PostBrief, trait: Trait, deck: Deck, salt: object, has_list: bool
) -> str:
    """The framework for one post: suited to its pillar, weighed by tone and format, and the
    one used least so far in the batch."""
    options = list(PILLAR_FRAMEWORKS[brief.pillar])
    if not has_list:
        options = [name for name in options if name != "listicle"] or ["aida"]
    if brief.post_type == "story":  # one line: the pillar's own opener, or a question
        options = [name for name in options if name in STORY_FRAMEWORKS] or ["aida"]
    elif brief.post_type in SHORT_TYPES:
        options = [name for name in options if name in SHORT_FRAMEWORKS] or options
    preferred = TONE_FRAMEWORKS[trait]
    # Least used first; then the tone's favourites; then the pillar's order.
    ranked = sorted(
        options,
        key=lambda name: (
            deck.used["framework", name],
            0 if name in preferred else 1,
            stable_int(deck.seed, "framework", name, salt) % 3,
            options.index(name),
        ),
    )
    deck.used["framework", ranked[0]] += 1
    return ranked[0]


@dataclass(frozen=True)
class City:
    tag: str  # as a hashtag word: "bandung", "newyork"
    name: str  # as written in the post's language
    tr_locative: str = ""  # "Bandung'da"; "" when not known (no Turkish sentence needs it)


def find_city(brand: BrandVoice, language: str) -> City | None:
    """The brand's city: the one it states, else a known city its audience or keywords name;
    None otherwise (places are never guessed)."""
    for text in (brand.city, brand.target_audience, " ".join(brand.keywords)):
        known = _known_city(text, language)
        if known:
            return known
    stated = " ".join(brand.city.split())
    if stated:
        return City(tag="".join(ch for ch in stated.lower() if ch.isalnum()), name=stated)
    return None


def _known_city(text: str, language: str) -> City | None:
    tokens = match_tokens(text)
    for terms, en, id_name, tr_locative in lex.CITIES:
        for term in terms:
            words = term.split()
            if any(tokens[i : i + len(words)] == words for i in range(len(tokens))):
                name = {"id": id_name, "tr": tr_locative.split("'")[0]}.get(language, en)
                tag = "".join(ch for ch in en.lower() if ch.isalnum())
                return City(tag=tag, name=name, tr_locative=tr_locative)
    return None
