"""Fitting text into a box: the largest size between a role's min and max that wraps within it.

Widths are measured once per word at a reference size and scaled for each candidate size,
so the binary search costs arithmetic, not shaping; the chosen lines are then measured for
real at the final size (hinting makes widths not quite linear) and the size stepped down if
one overflows. Words longer than a line are broken between characters only when no size
fits without it; an ellipsis ends the text only when even the smallest size overflows.

Shaping results are cached across fits: a brand writes in one language with a few faces, so
its words and runs recur from post to post, and a fit for the same text, style and box (a
brand name, a call to action, a list number) is the same every time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from postloom.render import caches, emoji
from postloom.render.fonts import FontFace, fallback_chain, load
from postloom.render.textruns import Run, Segmenter, cluster_end, emoji_clusters, is_rtl

REF_SIZE = 100
ELLIPSIS = "…"


@dataclass(frozen=True)
class TextStyle:
    face: FontFace
    min_size: int
    max_size: int
    line_spacing: float = 1.15
    """Baseline to baseline, in multiples of the font size."""
    max_lines: int = 8
    language: str = "en"


@dataclass(frozen=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    run_widths: tuple[float, ...]
    width: float


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[Line, ...]
    size: int
    ascent: int
    descent: int
    line_advance: int
    width: int
    height: int
    truncated: bool
    rtl: bool
    language: str


class Measurer:
    """Shapes text for one style, through the shared caches below."""

    def __init__(self, style: TextStyle) -> None:
        self.style = style

    def runs(self, text: str) -> tuple[Run, ...]:
        return _runs(self.style.face, text)

    def run_width(self, run: Run, size: int) -> float:
        return _run_width(run, size, self.style.language)

    def width(self, text: str, size: int) -> float:
        return sum(_run_width(run, size, self.style.language) for run in self.runs(text))

    def ref_width(self, text: str) -> float:
        return _ref_width(self.style.face, self.style.language, text)

    def vertical_metrics(self, text: str, size: int) -> tuple[int, int]:
        """The tallest ascent and deepest descent among the faces this text uses."""
        ascent, descent = load(self.style.face, size).getmetrics()
        for run in self.runs(text):
            extra = emoji.metrics(size) if run.face is None else load(run.face, size).getmetrics()
            ascent, descent = max(ascent, extra[0]), max(descent, extra[1])
        return ascent, descent


@caches.register
@lru_cache(maxsize=64)
def _segmenter(face: FontFace) -> Segmenter:
    return Segmenter(fallback_chain(face))


@caches.register
@lru_cache(maxsize=4096)
def _runs(face: FontFace, text: str) -> tuple[Run, ...]:
    """The runs of `text`, put together from the runs of its words.

    Word by word is the same as all at once: a space always goes to the role's own face and
    nothing joins across it (no emoji sequence, no digit kept by a fallback run), so a
    brand's words are segmented once and a new line costs a few lookups.
    """
    segmenter = _segmenter(face)
    if " " not in text or ord(" ") not in segmenter.covers[0]:
        return _word_runs(face, text)
    runs: list[Run] = []
    for index, word in enumerate(text.split(" ")):
        pieces = _word_runs(face, word)
        if index:
            pieces = (Run(" ", face), *pieces)
        for piece in pieces:
            if runs and runs[-1].face == piece.face:
                runs[-1] = Run(runs[-1].text + piece.text, piece.face)
            else:
                runs.append(piece)
    return tuple(runs)


@caches.register
@lru_cache(maxsize=8192)
def _word_runs(face: FontFace, word: str) -> tuple[Run, ...]:
    return tuple(_segmenter(face).runs(word)) if word else ()


@caches.register
@lru_cache(maxsize=16384)
def _run_width(run: Run, size: int, language: str) -> float:
    if run.face is None:
        return len(emoji_clusters(run.text)) * emoji.advance(size)
    return float(load(run.face, size).getlength(run.text, language=language))


@caches.register
@lru_cache(maxsize=16384)
def _ref_width(face: FontFace, language: str, text: str) -> float:
    return sum(_run_width(run, REF_SIZE, language) for run in _runs(face, text))


# TextBlock is immutable, so a remembered fit can be handed to every caller.
@caches.register
@lru_cache(maxsize=1024)
def fit_text(text: str, style: TextStyle, width: int, height: int) -> TextBlock | None:
    """Lay out `text` in a width x height box; None when there is nothing to draw."""
    paragraphs = [p.split() for p in text.split("\n")]
    paragraphs = [words for words in paragraphs if words]
    if not paragraphs or width <= 0:
        return None
    measurer = Measurer(style)
    size = _largest_fitting_size(measurer, paragraphs, width, height)
    while True:
        block = _layout_at(measurer, paragraphs, width, height, size, allow_breaks=size is None)
        if block is not None:
            return block
        size = size - 1 if size is not None and size > style.min_size else None


def _largest_fitting_size(
    measurer: Measurer, paragraphs: list[list[str]], width: int, height: int
) -> int | None:
    style = measurer.style
    ascent, descent = measurer.vertical_metrics(" ".join(map(" ".join, paragraphs)), REF_SIZE)
    space = measurer.ref_width(" ")

    def fits(size: int) -> bool:
        limit = width * REF_SIZE / size
        lines = _wrap_count(paragraphs, measurer.ref_width, space, limit)
        if lines is None or lines > style.max_lines:
            return False
        scale = size / REF_SIZE
        return (ascent + descent) * scale + (lines - 1) * _advance(style, size) <= height - 1

    low, high, best = style.min_size, style.max_size, None
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best


def _wrap_count(
    paragraphs: list[list[str]], ref_width: Callable[[str], float], space: float, limit: float
) -> int | None:
    """Greedy line count at a width limit in reference units; None if a word cannot fit."""
    count = 0
    for words in paragraphs:
        used = -1.0
        for word in words:
            word_width = ref_width(word)
            if word_width > limit:
                return None
            if used < 0 or used + space + word_width > limit:
                count, used = count + 1, word_width
            else:
                used += space + word_width
    return count


def _advance(style: TextStyle, size: int) -> int:
    return round(size * style.line_spacing)


def _layout_at(
    measurer: Measurer,
    paragraphs: list[list[str]],
    width: int,
    height: int,
    size: int | None,
    allow_breaks: bool,
) -> TextBlock | None:
    """Wrap with real widths at `size` (the minimum when None); None if a line overflows."""
    style = measurer.style
    actual = style.min_size if size is None else size
    texts = _wrap(measurer, paragraphs, width, actual, allow_breaks)
    if texts is None:
        return None
    full = " ".join(map(" ".join, paragraphs))
    ascent, descent = measurer.vertical_metrics(full, actual)
    advance = _advance(style, actual)
    room = max(1, min(style.max_lines, (height - ascent - descent) // advance + 1))
    truncated = len(texts) > room
    if truncated:
        if size is not None:
            return None
        texts = texts[: room - 1] + [_ellipsize(measurer, texts[room - 1], width, actual)]
    lines = tuple(_line(measurer, t, actual) for t in texts)
    if size is not None and any(line.width > width for line in lines):
        return None
    return TextBlock(
        lines=lines,
        size=actual,
        ascent=ascent,
        descent=descent,
        line_advance=advance,
        width=round(max(line.width for line in lines)),
        height=ascent + descent + advance * (len(lines) - 1),
        truncated=truncated,
        rtl=is_rtl(full),
        language=style.language,
    )


def _wrap(
    measurer: Measurer, paragraphs: list[list[str]], width: int, size: int, allow_breaks: bool
) -> list[str] | None:
    """Greedy wrap on scaled reference widths; the caller measures the result for real."""
    limit = width * REF_SIZE / size
    space = measurer.ref_width(" ")
    lines: list[str] = []
    for words in paragraphs:
        current: list[str] = []
        used = 0.0
        for word in words:
            pieces = [word]
            if measurer.ref_width(word) > limit:
                if not allow_breaks:
                    return None
                pieces = _break_word(measurer, word, width, size)
            for piece in pieces:
                piece_width = measurer.ref_width(piece)
                if current and used + space + piece_width > limit:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                used += piece_width + (space if current else 0.0)
                current.append(piece)
        lines.append(" ".join(current))
    return lines


def _break_word(measurer: Measurer, word: str, width: int, size: int) -> list[str]:
    """Cut an over-long word into pieces that each fit, never inside an emoji or accent."""
    graphemes = _graphemes(word)
    pieces: list[str] = []
    while graphemes:
        low, high = 1, len(graphemes)
        while low < high:
            middle = (low + high + 1) // 2
            if measurer.width("".join(graphemes[:middle]), size) <= width:
                low = middle
            else:
                high = middle - 1
        pieces.append("".join(graphemes[:low]))
        graphemes = graphemes[low:]
    return pieces


def _graphemes(text: str) -> list[str]:
    """Characters with their combining marks and emoji sequences kept whole."""
    result: list[str] = []
    index = 0
    while index < len(text):
        end = cluster_end(text, index)
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        result.append(text[index:end])
        index = end
    return result


def _ellipsize(measurer: Measurer, text: str, width: int, size: int) -> str:
    graphemes = _graphemes(text)
    while graphemes:
        candidate = "".join(graphemes).rstrip() + ELLIPSIS
        if measurer.width(candidate, size) <= width:
            return candidate
        graphemes.pop()
    return ELLIPSIS


def _line(measurer: Measurer, text: str, size: int) -> Line:
    runs = measurer.runs(text)
    widths = tuple(measurer.run_width(run, size) for run in runs)
    return Line(text=text, runs=runs, run_widths=widths, width=sum(widths))
