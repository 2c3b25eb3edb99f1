"""Turkish, Indonesian, Arabic and emoji: the right glyphs, shaped, in colour where due."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image, ImageOps

from postloom.render import BrandKit, Creative, caches, fonts, render_creative
from postloom.render.cmap import codepoints
from postloom.render.fonts import ARABIC, FACES, STYLES
from postloom.render.textdraw import draw_block
from postloom.render.textfit import TextStyle, fit_text
from postloom.render.textruns import Segmenter

TURKISH = "İıĞğŞşÇçÖöÜü₺"


@pytest.mark.parametrize("style", STYLES)
def test_every_bundled_face_has_the_turkish_letters(style: str) -> None:
    for face in FACES[style]:
        missing = [ch for ch in TURKISH if ord(ch) not in codepoints(face.path)]
        assert not missing, f"{face.filename} lacks {missing}"


def _draw(text: str, style: TextStyle, size: tuple[int, int] = (1000, 300)) -> Image.Image:
    block = fit_text(text, style, size[0] - 40, size[1] - 40)
    assert block is not None
    canvas = Image.new("RGB", size, (255, 255, 255))
    draw_block(canvas, block, 20, 20, size[0] - 40, "left", (0, 0, 0))
    return canvas


def test_dotted_capital_i_draws_its_dot() -> None:
    """İ is I plus a dot above: it must be taller than I, not an empty box."""
    style = TextStyle(FACES["sans"][0], 120, 120, 1.2, 1)
    dotted = ImageOps.invert(_draw("İ", style)).getbbox()
    plain = ImageOps.invert(_draw("I", style)).getbbox()
    assert dotted is not None and plain is not None
    assert dotted[1] < plain[1] - 10
    assert dotted[3] == plain[3]


def test_arabic_is_shaped_with_the_arabic_face() -> None:
    style = TextStyle(FACES["display"][1], 80, 80, 1.2, 2)
    runs = Segmenter((style.face, ARABIC)).runs("Promo مرحبا")
    assert [r.face for r in runs] == [style.face, ARABIC]
    # Shaped (joined) Arabic is narrower than its letters drawn one by one.
    font = fonts.load(ARABIC, 80)
    joined = font.getlength("مرحبا")
    isolated = sum(font.getlength(ch) for ch in "مرحبا")
    assert joined < isolated * 0.9
    assert ImageOps.invert(_draw("مرحبا بالعالم", style)).getbbox() is not None


def _colourful_pixels(image: Image.Image) -> int:
    hsv = image.convert("HSV")
    saturation = hsv.getchannel("S").point(lambda s: 255 if s > 90 else 0)
    value = hsv.getchannel("V").point(lambda v: 255 if v > 60 else 0)
    both = Image.composite(saturation, Image.new("L", image.size), value)
    return both.histogram()[255]


def test_emoji_are_drawn_in_colour() -> None:
    style = TextStyle(FACES["sans"][1], 90, 90, 1.2, 1)
    drawn = _draw("Yeni 🍓🎉", style)
    words_only = _draw("Yeni", style)
    assert _colourful_pixels(words_only) == 0
    assert _colourful_pixels(drawn) > 2000


def test_emoji_sequences_stay_whole() -> None:
    style = TextStyle(FACES["sans"][0], 60, 60, 1.2, 1)
    runs = Segmenter((style.face,)).runs("Aile 👨‍👩‍👧 🇹🇷 👍🏽 1️⃣")
    emoji_runs = [r.text for r in runs if r.face is None]
    assert emoji_runs == ["👨‍👩‍👧", "🇹🇷", "👍🏽", "1️⃣"]


def test_a_creative_with_turkish_and_emoji_shows_colour_where_the_emoji_is() -> None:
    kit = BrandKit(name="Zorbey", colors=("#222222",), language="tr")
    request = Creative(layout="announcement", headline="Şölen başlıyor 🎉", size="square")
    result = render_creative(kit, request)
    image = Image.open(io.BytesIO(result.jpeg))
    headline = next(b for b in result.text_boxes if b.role == "headline")
    assert _colourful_pixels(image.crop(headline.box)) > 1000


@pytest.fixture
def no_emoji_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fonts, "EMOJI_FONT_PATH", "/nonexistent/NotoColorEmoji.ttf")
    # Shaping and fits remembered with the emoji font would still place emoji.
    caches.clear()
    yield
    caches.clear()


@pytest.mark.usefixtures("no_emoji_font")
def test_without_the_emoji_font_emoji_are_left_out_and_nothing_breaks() -> None:
    style = TextStyle(FACES["sans"][0], 60, 60, 1.2, 2)
    block = fit_text("Promo 🎉 hari ini", style, 900, 300)
    assert block is not None
    assert all(run.face is not None for line in block.lines for run in line.runs)
    kit = BrandKit(name="Sari", language="id")
    result = render_creative(kit, Creative(layout="story", size="story", headline="Halo 👋"))
    assert result.text_boxes
