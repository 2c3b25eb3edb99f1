"""The basic engine's captions: copywriting frameworks filled with hand-written sentences.

For each brief it picks a framework that suits the pillar, the tone and the format (AIDA, PAS,
FAB, before-after-bridge, 4U, storytelling, question-led, a short list), then takes each of the
framework's moves from the language's sentence tables (``basic_captions_en/id/tr``), filled with
the product's name, highlight angles and price, the persona, the occasion and the industry's own
words. A batch-wide ``Deck`` hands out the sentence used least so far, so no two posts of a plan
read alike; nothing depends on global random state, so the same request gives the same words.
"""

from __future__ import annotations

from collections import Counter

from postloom.integrations.ai.basic_captions_choice import Deck, read_trait
from postloom.integrations.ai.basic_captions_writer import PostWriter
from postloom.integrations.ai.basic_signals import Trait
from postloom.integrations.ai.captions import jaccard, word_trigrams
from postloom.integrations.ai.captions_base import BrandVoice, Caption, CaptionRequest, PostBrief

# A draft that reads too much like an earlier post of the batch is written again with other
# choices (up to ATTEMPTS times); the least similar draft is kept. Similarity is the Jaccard
# index of word 3-grams (``captions.similarity``).
REWRITE_ABOVE = 0.35
ATTEMPTS = 10


def write_captions(request: CaptionRequest) -> list[Caption]:
    brand = request.brand
    deck = Deck(seed=f"{brand.name}|{brand.industry}")
    trait = read_trait(brand)
    written: list[Caption] = []
    seen: list[set[tuple[str, ...]]] = []
    for index, brief in enumerate(request.briefs):
        caption = _least_similar(brand, brief, trait, deck, index, seen)
        written.append(caption)
        seen.append(word_trigrams(caption.caption))
    return written


def _least_similar(
    brand: BrandVoice, brief: PostBrief, trait: Trait, deck: Deck, index: int,
    seen: list[set[tuple[str, ...]]],
) -> Caption:  # fmt: skip
    before = deck.snapshot()
    best: tuple[float, Caption, Counter[tuple[str, str]]] | None = None
    for attempt in range(ATTEMPTS):
        deck.restore(before)
        caption = PostWriter(brand, brief, trait, deck, index, attempt).caption()
        grams = word_trigrams(caption.caption)
        score = max((jaccard(grams, other) for other in seen), default=0.0)
        if best is None or score < best[0]:
            best = (score, caption, deck.snapshot())
        if score <= REWRITE_ABOVE:
            break
    assert best is not None
    deck.restore(best[2])
    return best[1]
