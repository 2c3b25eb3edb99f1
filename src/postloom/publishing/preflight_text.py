"""A post's words as each network takes them, checked against its limits (never changed).

The approved words are sent as approved: text over a limit is refused with the reason, not
shortened behind the person's back (the studio's editor shortens them, with counters, before
approval). Limits and counting come from ``integrations/ai/limits.py``: lengths in UTF-16
units, hashtags and mentions as the networks parse them.

How the words are joined: the caption, a blank line, then the hashtags as ``#tag`` separated
by spaces (both networks parse inline hashtags; Instagram's own app writes them that way).
"""

from __future__ import annotations

from dataclasses import dataclass

from postloom.integrations.ai import limits

INSTAGRAM_ALT_TEXT = 1000


@dataclass(frozen=True)
class TextProblem:
    """``code``: caption_too_long | too_many_hashtags | too_many_mentions | title_too_long |
    alt_text_too_long; ``count`` what the post has, ``limit`` what the network takes."""

    code: str
    count: int
    limit: int


def clean_hashtags(hashtags: list[str]) -> list[str]:
    """ "#kopi", " kopi " and "kopi" are the same tag; empty ones and repeats go."""
    seen: list[str] = []
    for raw in hashtags:
        tag = str(raw).strip().lstrip("#").strip()
        if tag and tag.lower() not in (t.lower() for t in seen):
            seen.append(tag)
    return seen


def joined_caption(caption: str, hashtags: list[str]) -> str:
    body = caption.strip()
    line = " ".join(f"#{tag}" for tag in clean_hashtags(hashtags))
    return f"{body}\n\n{line}" if body and line else body or line


def caption_problem(text: str, text_limits: limits.TextLimits) -> TextProblem | None:
    units = limits.utf16_units(text)
    if units > text_limits.max_units:
        return TextProblem("caption_too_long", units, text_limits.max_units)
    tags = len(limits.inline_hashtags(text))
    if text_limits.max_hashtags is not None and tags > text_limits.max_hashtags:
        return TextProblem("too_many_hashtags", tags, text_limits.max_hashtags)
    names = len(limits.mentions(text))
    if text_limits.max_mentions is not None and names > text_limits.max_mentions:
        return TextProblem("too_many_mentions", names, text_limits.max_mentions)
    return None


def title_problem(title: str, max_units: int) -> TextProblem | None:
    units = limits.utf16_units(title)
    return TextProblem("title_too_long", units, max_units) if units > max_units else None


def alt_text_problem(alt_text: str) -> TextProblem | None:
    count = len(alt_text)
    if count > INSTAGRAM_ALT_TEXT:
        return TextProblem("alt_text_too_long", count, INSTAGRAM_ALT_TEXT)
    return None
