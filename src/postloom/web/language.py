"""The language a site is written in, read from its text (many sites declare the wrong one:
a template's lang="en" on an Indonesian page is common)."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_LETTERS = 20  # below this, the declared language is the better guess
SAMPLE_CHARS = 6000
CONFIDENT = 0.5

_NOISE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w.-]+|\d+")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """Loaded once (about a second); limited to languages that have an ISO 639-1 code."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    return identifier


def declared_language(lang_attribute: str) -> str:
    """ "en-US" -> "en"; "" when absent or not a language tag."""
    primary = lang_attribute.strip().lower().replace("_", "-").split("-")[0]
    return primary if re.fullmatch(r"[a-z]{2}", primary) else ""


def detect_language(text: str, declared: str = "") -> str:
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS])
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return declared
    ranking = _identifier().rank(sample)
    best, confidence = ranking[0]
    if confidence < CONFIDENT and declared:
        # Unsure between close languages (id/ms, en/nl): the site's own claim settles it
        # when the text supports it at all.
        close = dict(ranking[:3])
        if declared in close:
            return declared
    return str(best)
