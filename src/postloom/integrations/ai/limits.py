"""What Instagram and TikTok accept as caption text, and how a caption is brought within it.

From ``shared/reference/platform-apis.md``:

- Instagram ``caption``: at most 2,200 characters, 30 hashtags and 20 @mentions.
- TikTok video ``post_info.title`` (the caption): at most 2,200 UTF-16 units.
- TikTok photo ``title`` at most 90 UTF-16 units (the headline goes there), ``description``
  at most 4,000 (the caption and its hashtags).

Lengths are counted in UTF-16 units everywhere: never fewer than characters, so a caption that
fits here fits whichever way a network counts (an emoji is 1 character but 2 units or more).

``enforce_limits`` drops hashtags first (the least relevant, last in the list, go first), then
shortens the body at a sentence boundary, and never cuts inside a word or an emoji.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from postloom.integrations.ai.captions_base import (
    HEADLINE_LIMIT,
    Adjustment,
    Caption,
    Platform,
    PostType,
)

KEEP_HASHTAGS = 5  # when the text is too long, the most relevant tags outlive the body's tail
ELLIPSIS = "…"


@dataclass(frozen=True)
class TextLimits:
    max_units: int  # body, blank line and hashtags together, in UTF-16 units
    max_hashtags: int | None = None
    max_mentions: int | None = None
    title_units: int | None = None  # a separate title field (TikTok photo posts)


INSTAGRAM = TextLimits(max_units=2200, max_hashtags=30, max_mentions=20)
TIKTOK_VIDEO = TextLimits(max_units=2200)
TIKTOK_PHOTO = TextLimits(max_units=4000, title_units=90)


def limits_for(platform: Platform, post_type: PostType | None = None) -> TextLimits:
    if platform == "tiktok":
        return TIKTOK_PHOTO if post_type == "tiktok_photo" else TIKTOK_VIDEO
    return INSTAGRAM


@dataclass(frozen=True)
class Enforced:
    caption: Caption
    adjustments: tuple[Adjustment, ...]


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Hashtags and mentions as the networks parse them: after a start or a non-word character.
_INLINE_TAG = re.compile(r"(?<![\w#@])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@([\w.]+)")


def inline_hashtags(text: str) -> list[str]:
    return _INLINE_TAG.findall(text)


def mentions(text: str) -> list[str]:
    return _MENTION.findall(text)


def enforce_limits(
    caption: Caption, platform: Platform, post_type: PostType | None = None
) -> Enforced:
    """``caption`` within the limits of ``platform`` (and ``post_type``), and what changed."""
    limits = limits_for(platform, post_type)
    changes: list[Adjustment] = []
    body, tags = caption.caption, list(caption.hashtags)
    if limits.max_mentions is not None:
        body = _unlink_extra(body, _MENTION, "@", limits.max_mentions, changes, "mentions_unlinked")
    if limits.max_hashtags is not None:
        body, tags = _cap_hashtags(body, tags, limits.max_hashtags, changes)
    body, tags = _fit_length(body, tags, limits.max_units, changes)
    headline = caption.headline
    if limits.title_units is not None:
        headline = cut_to_units(headline, min(limits.title_units, HEADLINE_LIMIT))
    fitted = caption.model_copy(update={"caption": body, "hashtags": tags, "headline": headline})
    return Enforced(fitted, tuple(changes))


def _unlink_extra(
    body: str, pattern: re.Pattern[str], sign: str, keep: int, changes: list[Adjustment],
    kind: str,
) -> str:  # fmt: skip
    """Past the first ``keep`` tags, the sign goes ("@name" -> "name"): the words stay."""
    found = list(pattern.finditer(body))
    if len(found) <= keep:
        return body
    for match in reversed(found[keep:]):  # from the end, so earlier offsets stay valid
        body = body[: match.start()] + body[match.start() + len(sign) :]
    changes.append(Adjustment(kind, len(found), keep))  # type: ignore[arg-type]
    return body


def _cap_hashtags(
    body: str, tags: list[str], limit: int, changes: list[Adjustment]
) -> tuple[str, list[str]]:
    inline = len(inline_hashtags(body))
    total = inline + len(tags)
    if total <= limit:
        return body, tags
    kept = tags[: max(limit - inline, 0)]
    if len(kept) < len(tags):
        changes.append(Adjustment("hashtags_dropped", total, inline + len(kept)))
    if inline > limit:  # the body alone carries too many: they become plain words
        body = _unlink_extra(body, _INLINE_TAG, "#", limit, changes, "hashtags_unlinked")
    return body, kept


def _joined(body: str, tags: list[str]) -> str:
    line = " ".join(f"#{tag}" for tag in tags)
    return f"{body}\n\n{line}" if body and line else body or line


def _fit_length(
    body: str, tags: list[str], max_units: int, changes: list[Adjustment]
) -> tuple[str, list[str]]:
    before = utf16_units(_joined(body, tags))
    if before <= max_units:
        return body, tags
    kept = list(tags)
    while len(kept) > KEEP_HASHTAGS and utf16_units(_joined(body, kept)) > max_units:
        kept.pop()
    if len(kept) < len(tags):
        changes.append(Adjustment("hashtags_dropped", len(tags), len(kept)))
    if utf16_units(_joined(body, kept)) <= max_units:
        return body, kept
    room = max_units - utf16_units(_joined("x", kept)) + 1  # what the body may take
    if room <= 0:  # not even the tags fit: shorten the body to nothing, then the tags
        return "", _tags_within(kept, max_units)
    shortened = shorten(body, room)
    changes.append(Adjustment("text_shortened", before, utf16_units(_joined(shortened, kept))))
    return shortened, kept


def _tags_within(tags: list[str], max_units: int) -> list[str]:
    kept = list(tags)
    while kept and utf16_units(_joined("", kept)) > max_units:
        kept.pop()
    return kept


# --- Shortening without breaking words or emoji ---------------------------------------------

# A sentence ends at . ! ? … (repeated or not), closing quotes or brackets, then any emoji or
# symbols that belong to it ("Come by today! 🎉"), before a space or the end; or at a line end.
# Possessive quantifiers: a long run of "!!!!" must not make the engine backtrack for ever.
_SENTENCE_END = re.compile(
    r"[.!?…]++[\"'”’)\]]*+(?:[ \t]*+[^\w\s]++)*+(?=\s|$)|(?<=\S)[ \t]*+(?=\n)"
)


def shorten(text: str, max_units: int) -> str:
    """``text`` cut to at most ``max_units`` UTF-16 units: at the last sentence end that fits;
    else at the last space, with "…"; else (one endless word) at a character boundary, with "…".
    """
    if utf16_units(text) <= max_units:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if utf16_units(text[:end].rstrip()) <= max_units]
    best = max(fitting, default=0)
    if best and text[:best].strip():
        return text[:best].rstrip()
    budget = max_units - utf16_units(ELLIPSIS)
    if budget <= 0:
        return ""
    cut = cut_to_units(text, budget, ellipsis=False)
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > 0 and not text[len(cut) : len(cut) + 1].isspace():
        cut = cut[:space]  # the cut fell inside a word: go back to its start
    return cut.rstrip(" \t\n,;:-–—") + ELLIPSIS


def cut_to_units(text: str, max_units: int, *, ellipsis: bool = False) -> str:
    """The longest prefix of ``text`` within ``max_units`` that ends on a character boundary
    a reader sees (never between an emoji and its modifier, or inside a flag or ZWJ sequence).
    """
    if utf16_units(text) <= max_units:
        return text
    limit = max_units - (utf16_units(ELLIPSIS) if ellipsis else 0)
    end, units = 0, 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            end = index
            break
    while end > 0 and not is_grapheme_boundary(text, end):
        end -= 1
    cut = text[:end]
    return cut + ELLIPSIS if ellipsis and cut else cut


_ZWJ = "\u200d"
_KEYCAP = "\u20e3"


def _extends(char: str) -> bool:
    """Characters that attach to the one before them (Unicode's Extend and SpacingMark)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char in (_ZWJ, _KEYCAP)
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji or text style)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
    )


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def is_grapheme_boundary(text: str, index: int) -> bool:
    """Whether a cut before ``text[index]`` keeps every user-perceived character whole.

    The rules that captions meet (a subset of UAX #29): combining marks, variation selectors,
    skin tones and keycaps stay with their base; ZWJ sequences stay whole; flags (pairs of
    regional indicators) are not split; CR LF stays together.
    """
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if _extends(after) or before == _ZWJ:
        return False
    if before == "\r" and after == "\n":
        return False
    if _regional(before) and _regional(after):
        run = 0
        while index - 1 - run >= 0 and _regional(text[index - 1 - run]):
            run += 1
        return run % 2 == 0  # an odd run means `before` is the first half of a flag
    return True
