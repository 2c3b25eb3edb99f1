"""The renderer's caches: warm renders give the same pixels as cold ones, brands never share."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw

from postloom.render import LAYOUTS, BrandKit, Creative, caches, textfit
from postloom.render.backgrounds import GRADIENT, SOFT, brand_background, shared_background
from postloom.render.color import palette_from
from postloom.render.fonts import ARABIC, FACES, FontFace, fallback_chain, load
from postloom.render.layouts import parts
from postloom.render.render import compose
from postloom.render.textdraw import fill_text, run_mask
from postloom.render.textfit import TextStyle, fit_text
from postloom.render.textruns import Segmenter

from .conftest import photo

WORDS = {
    "headline": "Kue lapis legit 🎂 untuk Lebaran",
    "body": "Dipanggang setiap pagi dengan mentega asli, dikirim hari yang sama.",
    "eyebrow": "Baru",
    "price": "Rp85.000",
    "cta": "Pesan sekarang",
    "items": ("Simpan di suhu ruang", "Potong dengan pisau hangat"),
    "quote": "Lapis legit terenak yang pernah saya coba!",
    "attribution": "Dewi Lestari",
}
SARI = BrandKit(name="Toko Kue Sari", colors=("#1d4e89", "#f2c14e"), fonts=("Poppins",),
                language="id")  # fmt: skip
MAWAR = BrandKit(name="Mawar Bakery", colors=("#8e2c48", "#f7d6e0"), fonts=("Lora", "Lato"),
                 language="id")  # fmt: skip


def canvas(kit: BrandKit, layout: str, with_photo: bool) -> Image.Image:
    shot = photo("scene") if with_photo else None
    return compose(kit, Creative(layout=layout, photo=shot, **WORDS)).canvas  # type: ignore[arg-type]


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("with_photo", [True, False], ids=["photo", "no-photo"])
def test_a_warm_render_has_the_pixels_of_a_cold_one(layout: str, with_photo: bool) -> None:
    caches.clear()
    cold = canvas(SARI, layout, with_photo)
    warm = canvas(SARI, layout, with_photo)
    assert fit_text.cache_info().hits > 0 and run_mask.cache_info().hits > 0
    assert same_pixels(cold, warm)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_brand_rendered_after_another_looks_as_if_it_were_alone(layout: str) -> None:
    caches.clear()
    alone = canvas(MAWAR, layout, with_photo=False)
    caches.clear()
    canvas(SARI, layout, with_photo=False)
    after_sari = canvas(MAWAR, layout, with_photo=False)
    assert same_pixels(alone, after_sari)
    assert not same_pixels(after_sari, canvas(SARI, layout, with_photo=False))


def test_backgrounds_are_kept_per_palette_size_and_variant() -> None:
    sari, mawar = palette_from(SARI.colors), palette_from(MAWAR.colors)
    size = (1080, 1350)
    assert shared_background(sari, size, SOFT) is shared_background(sari, size, SOFT)
    assert shared_background(sari, size, SOFT) is not shared_background(mawar, size, SOFT)
    assert shared_background(sari, size, SOFT) is not shared_background(sari, size, GRADIENT)
    assert shared_background(sari, size, SOFT) is not shared_background(sari, (1080, 1080), SOFT)
    centre = (540, 675)
    assert shared_background(sari, size, SOFT).getpixel(centre) != shared_background(
        mawar, size, SOFT
    ).getpixel(centre)


def test_a_cached_background_equals_a_freshly_drawn_one_and_renders_never_change_it() -> None:
    palette, size = palette_from(SARI.colors), (1080, 1350)
    caches.clear()
    fresh = brand_background(palette, size, SOFT)
    kept = shared_background(palette, size, SOFT).copy()
    assert same_pixels(fresh, kept)
    for layout in LAYOUTS:  # every layout draws over the background without a photo
        canvas(SARI, layout, with_photo=False)
    assert same_pixels(shared_background(palette, size, SOFT), kept)
    fresh.putpixel((0, 0), (1, 2, 3))  # a copy handed out is the caller's to draw on
    assert shared_background(palette, size, SOFT).getpixel((0, 0)) != (1, 2, 3)


@pytest.mark.parametrize(
    ("text", "language", "face"),
    [
        ("Profiterol İstanbul'da", "tr", FACES["serif"][1]),
        ("Kue lapis legit", "id", FACES["handwritten"][0]),
        ("مرحبا بكم", "ar", ARABIC),
    ],
)
def test_a_cached_text_mask_draws_exactly_what_imagedraw_draws(
    text: str, language: str, face: FontFace
) -> None:
    background = Image.linear_gradient("L").resize((900, 300)).convert("RGB")
    expected = background.copy()
    ImageDraw.Draw(expected).text(
        (40, 200), text, font=load(face, 96), fill=(250, 236, 210), anchor="ls", language=language
    )
    for _ in range(2):  # a miss, then a hit
        drawn = background.copy()
        fill_text(drawn, (40, 200), text, face, 96, language, (250, 236, 210))
        assert same_pixels(drawn, expected)


def test_masks_are_kept_apart_by_face_size_and_language() -> None:
    regular, bold = FACES["sans"][0], FACES["sans"][1]
    found = run_mask(regular, 60, "Sari", "id")
    assert found is not None
    assert found is run_mask(regular, 60, "Sari", "id")
    others = [run_mask(bold, 60, "Sari", "id"), run_mask(regular, 61, "Sari", "id")]
    for other in others:
        assert other is not None
        assert other[1].size != found[1].size or not same_pixels(other[1], found[1])


def test_a_remembered_fit_is_the_fit_computed_afresh() -> None:
    style = TextStyle(FACES["display"][1], 40, 120, 1.1, 3, "id")
    text = "Kue lapis legit 🎂 untuk Lebaran"
    caches.clear()
    first = fit_text(text, style, 700, 300)
    assert fit_text(text, style, 700, 300) is first
    caches.clear()
    assert fit_text(text, style, 700, 300) == first
    assert fit_text(text, style, 500, 300) != first


def test_clear_empties_every_cache_it_knows() -> None:
    canvas(SARI, "promotion", with_photo=False)
    assert fit_text.cache_info().currsize > 0
    caches.clear()
    for cache in (fit_text, run_mask, textfit._runs, textfit._ref_width, load):
        assert cache.cache_info().currsize == 0


def test_fade_layers_are_per_brand_colour_and_stay_as_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed: list[tuple[tuple[int, int, int], Image.Image]] = []
    cached = parts._solid

    def recording(size: tuple[int, int], color: tuple[int, int, int]) -> Image.Image:
        layer = cached(size, color)
        handed.append((color, layer))
        return layer

    monkeypatch.setattr(parts, "_solid", recording)
    caches.clear()
    for kit in (SARI, MAWAR, SARI):
        canvas(kit, "carousel_cover", with_photo=True)
    darks = {palette_from(kit.colors).dark for kit in (SARI, MAWAR)}
    assert {color for color, _ in handed} == darks
    assert cached.cache_info().hits > 0  # the second Sari post reused Sari's layers
    for color, layer in handed:
        assert layer.getcolors() == [(layer.width * layer.height, color)]


@pytest.mark.parametrize(
    "text",
    [
        "Profiterol keyfi İstanbul'da başlıyor ☕",
        "عرض خاص على الكيك 🎂 اليوم",
        "مرحبا بكم 123 في متجرنا",
        "Keluarga 👨‍👩‍👧 dari 🇹🇷 suka 👍🏽 nomor 1️⃣",
        "Diskon 50% — hanya ₺180!",
        "☺︎ text ❤️ love  ☕☕ #️⃣",
        " leading and trailing ",
    ],
)
@pytest.mark.parametrize(
    "face", [FACES["sans"][0], FACES["serif"][1], ARABIC], ids=lambda face: face.filename
)
def test_runs_put_together_word_by_word_equal_segmenting_the_whole_text(
    text: str, face: FontFace
) -> None:
    caches.clear()
    whole = tuple(Segmenter(fallback_chain(face)).runs(text))
    assert textfit._runs(face, text) == whole
    assert textfit._runs(face, text) == whole  # and again from the word cache
