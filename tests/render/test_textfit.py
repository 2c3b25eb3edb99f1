"""Text fitting: sizes shrink and lines wrap before anything is cut, and nothing overflows."""

from __future__ import annotations

import pytest
from PIL import Image

from postloom.render.fonts import FACES, SANS, SERIF
from postloom.render.textdraw import block_box, draw_block
from postloom.render.textfit import ELLIPSIS, Measurer, TextStyle, fit_text
from postloom.render.textruns import upper

HEADLINE = TextStyle(FACES[SERIF][1], min_size=48, max_size=120, line_spacing=1.1, max_lines=4)


def real_width(style: TextStyle, text: str, size: int) -> float:
    return Measurer(style).width(text, size)


def test_a_short_headline_gets_the_largest_size() -> None:
    block = fit_text("Sale", HEADLINE, 900, 400)
    assert block is not None
    assert block.size == HEADLINE.max_size
    assert not block.truncated


def test_a_long_headline_shrinks_and_wraps_but_is_not_cut() -> None:
    text = "Kahvaltı keyfi artık her sabah Kadıköy şubemizde sizi bekliyor"
    block = fit_text(text, HEADLINE, 900, 420)
    assert block is not None
    assert HEADLINE.min_size <= block.size < HEADLINE.max_size
    assert len(block.lines) > 1
    assert not block.truncated
    assert " ".join(line.text for line in block.lines) == text
    assert block.height <= 420
    for line in block.lines:
        assert real_width(HEADLINE, line.text, block.size) <= 900


def test_the_size_is_the_largest_that_fits() -> None:
    text = "Kahvaltı keyfi artık her sabah Kadıköy şubemizde sizi bekliyor"
    block = fit_text(text, HEADLINE, 900, 420)
    assert block is not None
    one_up = fit_text(text, TextStyle(HEADLINE.face, block.size + 1, block.size + 1, 1.1, 4),
                      900, 420)  # fmt: skip
    assert one_up is None or one_up.truncated or one_up.size != block.size + 1


def test_a_200_character_word_is_broken_between_characters() -> None:
    word = "ş" * 200
    roomy = TextStyle(HEADLINE.face, 48, 120, 1.1, max_lines=20)
    block = fit_text(word, roomy, 800, 2000)
    assert block is not None
    assert block.size == roomy.min_size
    assert not block.truncated
    assert "".join(line.text for line in block.lines) == word
    for line in block.lines:
        assert real_width(HEADLINE, line.text, block.size) <= 800


def test_ellipsis_only_when_even_the_smallest_size_overflows() -> None:
    body = TextStyle(FACES[SANS][0], 30, 46, 1.3, 3)
    fits = fit_text("Short and sweet.", body, 900, 200)
    assert fits is not None and not fits.truncated
    assert not fits.lines[-1].text.endswith(ELLIPSIS)
    long_text = " ".join(["promosi"] * 120)
    cut = fit_text(long_text, body, 900, 200)
    assert cut is not None and cut.truncated
    assert cut.size == body.min_size
    assert len(cut.lines) <= 3
    assert cut.lines[-1].text.endswith(ELLIPSIS)
    assert cut.height <= 200


def test_explicit_line_breaks_are_kept() -> None:
    block = fit_text("Senin\nSelasa", HEADLINE, 900, 600)
    assert block is not None
    assert [line.text for line in block.lines] == ["Senin", "Selasa"]


def test_empty_text_gives_no_block() -> None:
    assert fit_text("  \n ", HEADLINE, 900, 400) is None


@pytest.mark.parametrize(
    "text",
    [
        "İstanbul'da ılık ğüşçö ŞĞÜİ",
        "Diskon 50% hari ini saja!",
        "Emoji 🎉👍🏽 inside ☕ text",
        "مرحبا بالعالم 123",
        "x" * 200,
    ],
)
def test_ink_stays_inside_the_reported_box(text: str) -> None:
    """Draw the block alone and check every drawn pixel lies in the box the layout records."""
    block = fit_text(text, HEADLINE, 700, 500)
    assert block is not None
    canvas = Image.new("RGB", (1000, 800), (0, 0, 0))
    draw_block(canvas, block, 150, 150, 700, "center", (255, 255, 255))
    ink = canvas.getbbox()
    assert ink is not None
    box = block_box(block, 150, 150, 700, "center")
    assert box[0] - 2 <= ink[0] and ink[2] <= box[2] + 2, (ink, box)
    assert box[1] <= ink[1] and ink[3] <= box[3], (ink, box)
    assert box[0] >= 150 and box[2] <= 850


def test_turkish_upper_case_keeps_the_dots() -> None:
    assert upper("istanbul ılık", "tr") == "İSTANBUL ILIK"
    assert upper("istanbul", "en") == "ISTANBUL"
    assert upper("diskon", "id") == "DISKON"
