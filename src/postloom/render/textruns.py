"""Splitting text into runs that one font can draw: the brand font, a fallback, or emoji.

Emoji are drawn from a colour bitmap font at its single strike and scaled, so they have to be
separated from text before layout. A run keeps neighbouring spaces, digits and punctuation
with it, so an Arabic phrase stays one run and the shaper (raqm) can order it right to left.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from postloom.render.cmap import codepoints
from postloom.render.fonts import FontFace, emoji_codepoints

VS15, VS16, ZWJ, KEYCAP = 0xFE0E, 0xFE0F, 0x200D, 0x20E3
_EMOJI_ONLY_FROM = 0x1F000
_KEYCAP_BASES = frozenset(map(ord, "0123456789#*"))


@dataclass(frozen=True)
class Run:
    """Text drawn with one face; `face` is None for a run of emoji clusters."""

    text: str
    face: FontFace | None


def _is_modifier(cp: int) -> bool:
    """Code points that extend the emoji before them (skin tones, variation, keycap, tags)."""
    return cp in (VS16, KEYCAP) or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F


def _is_regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def cluster_end(text: str, start: int) -> int:
    """Index just past the emoji cluster (ZWJ sequence, flag, keycap...) starting at `start`."""
    end = start + 1
    if _is_regional(ord(text[start])) and end < len(text) and _is_regional(ord(text[end])):
        return end + 1
    while end < len(text):
        cp = ord(text[end])
        if _is_modifier(cp):
            end += 1
        elif cp == ZWJ and end + 1 < len(text):
            end += 2
        else:
            break
    return end


def emoji_clusters(text: str) -> list[str]:
    clusters = []
    start = 0
    while start < len(text):
        end = cluster_end(text, start)
        clusters.append(text[start:end])
        start = end
    return clusters


class Segmenter:
    """Assigns each character of a text to the first face in `chain` that has it, or emoji."""

    def __init__(self, chain: tuple[FontFace, ...]) -> None:
        self.chain = chain
        self.covers = [codepoints(face.path) for face in chain]
        self.emoji = emoji_codepoints()

    def runs(self, text: str) -> list[Run]:
        if self._plain(text):
            return [Run(text, self.chain[0])]
        runs: list[Run] = []
        index = 0
        while index < len(text):
            if self._starts_emoji(text, index):
                end = cluster_end(text, index)
                _append(runs, text[index:end], None)
                index = end
                continue
            face = self._face_for(text[index], runs[-1].face if runs else None)
            if face is not None:
                _append(runs, text[index], face)
            index += 1
        return runs

    def _plain(self, text: str) -> bool:
        """True for the common case: every character in the first face and none an emoji."""
        codes = set(map(ord, text))
        return (
            bool(codes)
            and codes <= self.covers[0]
            and max(codes) < _EMOJI_ONLY_FROM
            and not codes & {VS16, KEYCAP}
        )

    def _starts_emoji(self, text: str, index: int) -> bool:
        cp = ord(text[index])
        if cp not in self.emoji:
            return False
        following = ord(text[index + 1]) if index + 1 < len(text) else 0
        if following == VS15:
            return False
        if following in (VS16, KEYCAP):
            return True
        if cp in _KEYCAP_BASES:
            return False
        return cp >= _EMOJI_ONLY_FROM or _is_regional(cp) or not self._text_covers(cp)

    def _text_covers(self, cp: int) -> bool:
        return any(cp in covered for covered in self.covers)

    def _keeps(self, current: FontFace, char: str) -> bool:
        """Whether a digit or punctuation mark can stay in the run it follows.

        Letters never do, so Latin after Arabic returns to the brand font. Spaces never do
        either: a space shaped inside a right-to-left run would be drawn on its far side.
        """
        if char.isspace() or unicodedata.category(char).startswith("L"):
            return False
        return ord(char) in self.covers[self.chain.index(current)]

    def _face_for(self, char: str, current: FontFace | None) -> FontFace | None:
        cp = ord(char)
        if current is not None and self._keeps(current, char):
            return current
        for face, covered in zip(self.chain, self.covers, strict=True):
            if cp in covered:
                return face
        if char.isspace() or cp in (ZWJ, VS16, VS15, 0x200C):
            return current or self.chain[0]
        # A character no bundled font has is dropped rather than drawn as an empty box.
        return None


def _append(runs: list[Run], text: str, face: FontFace | None) -> None:
    if runs and runs[-1].face == face:
        runs[-1] = Run(runs[-1].text + text, face)
    else:
        runs.append(Run(text, face))


def is_rtl(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (Arabic, Hebrew)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def upper(text: str, language: str) -> str:
    """Upper-case that knows Turkish and Azerbaijani dotted and dotless i."""
    if language.split("-")[0].lower() in ("tr", "az"):
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()
