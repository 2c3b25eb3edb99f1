"""Text handling for the basic engine: folding, tokens, lexicon matching, keywords.

Everything here is pure and deterministic: no sets are iterated into results, ties are broken by
first occurrence, so the same input always yields the same output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from postloom.integrations.ai.basic_lexicons import (
    GENERIC_WORDS,
    STOPWORDS,
    TR_NOT_KEYWORDS_CONTAINING,
    TR_NOT_KEYWORDS_ENDING,
)

# Matching tokens: words and numbers, hyphenated compounds kept whole ("t-shirt", "oleh-oleh").
_MATCH_TOKEN = re.compile(r"\w+(?:-\w+)*")
# Keyword tokens: letters only, so numbers, prices and phone numbers never become keywords.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Bigrams must not straddle a sentence, a list item or a clause.
_CHUNK_BREAK = re.compile(r"[.!?;:,()\[\]{}|/•·–—\"“”\n\r\t]+")
_TURKISH_UPPER = str.maketrans({"I": "ı", "İ": "i"})
_FOLD_EXTRA = str.maketrans({"ı": "i", "ß": "ss", "’": "'", "‘": "'", "ø": "o", "æ": "ae"})


def lower(text: str, language: str = "") -> str:
    # Turkish lower-cases I to ı and İ to i; str.lower() would turn "İstanbul" into "i̇stanbul".
    if language == "tr":
        text = text.translate(_TURKISH_UPPER)
    return text.lower()


def fold(text: str, language: str = "") -> str:
    """Lower case without accents, for matching: "Diş Hekimi" and "dis hekimi" fold alike."""
    decomposed = unicodedata.normalize("NFKD", lower(text, language).translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_tokens(text: str, language: str = "") -> list[str]:
    return _MATCH_TOKEN.findall(fold(text, language))


@dataclass(frozen=True)
class Field:
    """A piece of the business's text and how much it says about the business."""

    text: str
    boost: float


class TermMatcher[T]:
    """Finds lexicon terms in token lists: exact words and phrases, and stems ("sablon*").

    At each position the longest term wins and its tokens are consumed, so "spor salonu" is
    read once, as a gym, and not also as "salon".
    """

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._exact: dict[tuple[str, ...], list[T]] = {}
        self._stems: dict[tuple[str, ...], list[T]] = {}
        self._longest = 1
        for term, payload in entries:
            self._add(term, payload)

    def _add(self, term: str, payload: T) -> None:
        is_stem = term.endswith("*")
        key = tuple(match_tokens(term.rstrip("*")))
        if not key:
            return
        table = self._stems if is_stem else self._exact
        table.setdefault(key, []).append(payload)
        self._longest = max(self._longest, len(key))

    def find(self, tokens: Sequence[str]) -> Iterator[tuple[tuple[str, ...], list[T]]]:
        """Yield (matched tokens, payloads) for each term found, left to right."""
        i = 0
        while i < len(tokens):
            hit = self._longest_at(tokens, i)
            if hit is None:
                i += 1
                continue
            key, payloads = hit
            yield key, payloads
            i += len(key)

    def _longest_at(self, tokens: Sequence[str], i: int) -> tuple[tuple[str, ...], list[T]] | None:
        for length in range(min(self._longest, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + length])
            if key in self._exact:
                return key, self._exact[key]
            stem_hit = self._stem_at(key)
            if stem_hit is not None:
                return key, stem_hit
        return None

    def _stem_at(self, key: tuple[str, ...]) -> list[T] | None:
        head, last = key[:-1], key[-1]
        for cut in range(len(last), 1, -1):
            payloads = self._stems.get((*head, last[:cut]))
            if payloads is not None:
                return payloads
        return None


# --- Keywords -------------------------------------------------------------------------------

_STOP = frozenset(fold(word) for words in STOPWORDS.values() for word in words.split())
_GENERIC = frozenset(fold(word) for word in GENERIC_WORDS)
MIN_KEYWORD_LENGTH = 3
BIGRAM_BONUS = 1.5  # a repeated two-word phrase says more than either word alone


@dataclass
class _Candidate:
    score: float = 0.0
    count: int = 0
    first: int = 0
    forms: dict[str, int] = field(default_factory=dict)

    def add(self, form: str, weight: float, position: int) -> None:
        if not self.count:
            self.first = position
        self.count += 1
        self.score += weight
        self.forms[form] = self.forms.get(form, 0) + 1

    def display(self) -> str:
        # The most frequent spelling; max() keeps the first seen among equals.
        return max(self.forms, key=lambda form: self.forms[form])


def _key(word: str, language: str) -> str:
    key = fold(word, language)
    # Indonesian "-nya" ("kaosnya", "kopinya") is a suffix on the same word.
    if language == "id" and key.endswith("nya") and len(key) > 6:
        key = key[:-3]
    return key


def _words(chunk: str, language: str) -> list[tuple[str, str]]:
    """(display form, key) for each word; Turkish suffixes after an apostrophe are dropped."""
    words = []
    for raw in _WORD.findall(chunk.replace("’", "'")):
        word = lower(raw, language)
        words.append((word, _key(word, language)))
    return words


def _is_candidate(form: str, key: str, language: str) -> bool:
    if len(form) < MIN_KEYWORD_LENGTH or key in _STOP:
        return False
    if language == "tr":
        inflected = any(fragment in key for fragment in TR_NOT_KEYWORDS_CONTAINING)
        return not inflected and not key.endswith(TR_NOT_KEYWORDS_ENDING)
    return True


def keywords(fields: Sequence[Field], language: str, limit: int) -> list[str]:
    """The most distinctive words and repeated two-word phrases, best first."""
    unigrams: dict[str, _Candidate] = {}
    bigrams: dict[str, _Candidate] = {}
    position = 0
    for item in fields:
        for chunk in _CHUNK_BREAK.split(item.text):
            previous: tuple[str, str] | None = None
            for form, key in _words(chunk, language):
                position += 1
                if not _is_candidate(form, key, language):
                    previous = None
                    continue
                generic = key in _GENERIC
                weight = item.boost * (0.25 if generic else 1.0)
                unigrams.setdefault(key, _Candidate()).add(form, weight, position)
                if previous is not None and not generic:
                    pair = f"{previous[1]} {key}"
                    bigrams.setdefault(pair, _Candidate()).add(
                        f"{previous[0]} {form}", item.boost * BIGRAM_BONUS, position
                    )
                previous = None if generic else (form, key)
    repeated = {key: c for key, c in bigrams.items() if c.count >= 2}
    for key, phrase in repeated.items():
        # A word's uses inside a repeated phrase belong to the phrase: "sablon" in "sablon kaos"
        # should not outrank "sablon kaos" itself.
        for word in key.split(" "):
            unigrams[word].score -= phrase.score / BIGRAM_BONUS
    return _pick(unigrams, repeated, limit)


def _pick(unigrams: dict[str, _Candidate], bigrams: dict[str, _Candidate], limit: int) -> list[str]:
    candidates = unigrams | bigrams
    # Best score first; among equals, the one the text mentions first.
    ranked = sorted(candidates, key=lambda key: (-candidates[key].score, candidates[key].first))
    chosen: list[str] = []
    phrases: list[tuple[str, str]] = []
    for key in ranked:
        if not _adds_something(key, chosen, phrases):
            continue
        chosen.append(key)
        if " " in key:
            first, second = key.split(" ")
            phrases.append((first, second))
        if len(chosen) == limit:
            break
    return [candidates[key].display() for key in chosen]


def _adds_something(key: str, chosen: list[str], phrases: list[tuple[str, str]]) -> bool:
    if " " not in key:
        return all(key not in phrase for phrase in phrases)  # else a phrase already says it
    first, second = key.split(" ")
    if first in chosen and second in chosen:
        return False
    # "susu gula" after "kopi susu" is a piece of one longer phrase ("kopi susu gula aren").
    return all(first != p[1] and second != p[0] for p in phrases)


# --- Counting -------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"[.!?…]+|\n+")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2764\U0001f1e6-\U0001f1ff]")


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_BREAK.split(text)) if len(s) > 1]


def emoji_count(text: str) -> int:
    return len(_EMOJI.findall(text))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def contains_pattern_count(tokens: Sequence[str], fragments: Sequence[str]) -> int:
    """Tokens that contain any of ``fragments`` (folded), e.g. Turkish "-iniz" endings."""
    return sum(1 for token in tokens if len(token) > 5 and any(f in token for f in fragments))
