"""Short topic hints: the angle a post takes, for the caption writer and the person reviewing.

Hints are guidance for the writer (the basic engine or an AI provider), so they are in
English; an occasion keeps its local name in the plan's language.
"""

from __future__ import annotations

from postloom.planning.content import Format, Pillar
from postloom.planning.mix import Noise
from postloom.planning.occasion_types import Occasion, Tone

PRODUCT = "{product}"

# Angles per pillar: with a product (using {product}) and without one.
_ANGLES: dict[Pillar, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Pillar.PRODUCT_SPOTLIGHT: (
        (
            "{product} up close: what makes it special",
            "{product} in real use, not a catalogue shot",
            "Three reasons customers choose {product}",
            "How {product} is made, chosen or packed",
        ),
        ("What the business makes best, up close",),
    ),
    Pillar.BEHIND_THE_SCENES: (
        (),
        (
            "A day at the business: prep, packing, people",
            "Meet a team member and what they do",
            "From raw material to finished product",
            "The corner of the workspace customers never see",
        ),
    ),
    Pillar.TIPS: (
        (),
        (
            "The question customers ask most, answered",
            "Three mistakes to avoid, and what to do instead",
            "A mini how-to in a few steps",
            "A quick tip that saves customers time or money",
        ),
    ),
    Pillar.SOCIAL_PROOF: (
        (
            "A customer review of {product}, in their words",
            "A customer photo of {product} (with their permission)",
            "A result a customer got with {product}",
        ),
        (
            "A customer review, in their words",
            "A thank-you for a milestone: orders, years or followers",
            "A customer photo (with their permission)",
        ),
    ),
    Pillar.PROMOTION: (
        (
            "A limited-time offer on {product} with a clear end date",
            "A bundle built around {product}",
            "Free delivery or a small gift with {product} this week",
        ),
        (
            "A store-wide offer with a clear end date",
            "A bundle of best sellers",
            "Free delivery this week",
        ),
    ),
    Pillar.QUESTION: (
        (),
        (
            "This or that: followers choose between two options",
            "Which flavour, style or colour should come next?",
            "Ask how followers use or enjoy what the business makes",
            "Fill in the blank: a light question for the comments",
        ),
    ),
}

_FORMAT_NOTES: dict[tuple[Pillar, Format], str] = {
    (Pillar.QUESTION, Format.STORY): "use a poll or question sticker",
    (Pillar.TIPS, Format.CAROUSEL): "one step per slide",
    (Pillar.TIPS, Format.TIKTOK_PHOTO): "one step per photo",
    (Pillar.PROMOTION, Format.STORY): "add a link sticker",
}

_TONE_NOTES = {
    Tone.SALE: "Feature {product} in the offer.",
    Tone.FESTIVE: "{product} can star as the gift or treat.",
}


class HintWriter:
    """Hands out angles so that a plan does not repeat one before it has used the others."""

    def __init__(self, noise: Noise, language: str) -> None:
        self.noise = noise
        self.language = language
        self.seen: dict[tuple[Pillar, bool], int] = {}

    def for_pillar(self, pillar: Pillar, fmt: Format, product: str | None) -> str:
        with_product, without = _ANGLES[pillar]
        angles = with_product if product and with_product else without
        key = (pillar, angles is with_product)
        turn = self.seen.get(key, 0)
        self.seen[key] = turn + 1
        offset = int(self.noise.unit("angle", pillar) * len(angles))
        hint = angles[(offset + turn) % len(angles)].replace(PRODUCT, product or "")
        note = _FORMAT_NOTES.get((pillar, fmt))
        return f"{hint}; {note}" if note else hint

    def for_occasion(self, occasion: Occasion, product: str | None) -> str:
        hint = f"{occasion.name(self.language)}: {occasion.hint}"
        note = _TONE_NOTES.get(occasion.tone)
        if product and note:
            hint = f"{hint} {note.replace(PRODUCT, product)}"
        return hint
