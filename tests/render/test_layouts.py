"""Every layout at every size: a valid Instagram JPEG, text inside the canvas and safe zone."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from postloom.render import (
    LAYOUTS,
    SIZES,
    BrandKit,
    Creative,
    RenderError,
    TextBox,
    render_creative,
)
from postloom.render.layouts.frame import MARGIN
from postloom.render.output import INSTAGRAM_MAX_BYTES

from .conftest import photo

CONTENT = {
    "headline": "Profiterol keyfi İstanbul'da başlıyor ☕",
    "body": "Taze çikolata sosu ve kaymak ile, her gün Şişli şubemizde.",
    "eyebrow": "Yeni",
    "price": "₺180",
    "cta": "Hemen sipariş ver",
    "items": ("Sütü ılık tutun", "Çikolatayı benmari usulü eritin", "Şekeri azaltın"),
    "quote": "Hayatımda yediğim en güzel profiterol. Her hafta geliyoruz!",
    "attribution": "Ayşe Yılmaz",
    "slide_index": 2,
    "slide_count": 5,
}


def creative(layout: str, size: str, with_photo: bool = True, **changes: object) -> Creative:
    fields: dict[str, object] = {**CONTENT, **changes}
    canvas = SIZES[size]
    shot = photo("scene", (canvas.width, canvas.height)) if with_photo else None
    return Creative(layout=layout, size=size, photo=shot, **fields)  # type: ignore[arg-type]


def test_there_are_at_least_seven_layouts() -> None:
    assert len(LAYOUTS) >= 7
    assert {"product_hero", "promotion", "quote", "tips", "announcement", "story"} <= set(LAYOUTS)
    assert {"carousel_cover", "carousel_slide"} <= set(LAYOUTS)


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("with_photo", [True, False], ids=["photo", "no-photo"])
def test_layout_renders_an_instagram_ready_jpeg(
    kit: BrandKit, layout: str, size: str, with_photo: bool
) -> None:
    result = render_creative(kit, creative(layout, size, with_photo))
    canvas = SIZES[size]
    image = Image.open(io.BytesIO(result.jpeg))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (canvas.width, canvas.height)
    assert (result.width, result.height) == image.size
    assert image.mode == "RGB"
    assert "exif" not in image.info
    assert "icc_profile" not in image.info
    assert not image.info.get("progressive") and not image.info.get("progression")
    assert len(result.jpeg) <= INSTAGRAM_MAX_BYTES
    image.load()  # decodes completely

    assert result.text_boxes, "every layout shows some text"
    assert_no_overlap(result.text_boxes)
    top = max(MARGIN, canvas.unsafe_top)
    bottom = canvas.height - max(MARGIN, canvas.unsafe_bottom)
    for box in result.text_boxes:
        left, upper, right, lower = box.box
        assert 0 <= left < right <= canvas.width, box
        assert top <= upper < lower <= bottom, f"{box.role} leaves the safe area: {box.box}"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_story_text_stays_out_of_instagram_ui_bands(kit: BrandKit, layout: str) -> None:
    result = render_creative(kit, creative(layout, "story"))
    for box in result.text_boxes:
        assert box.box[1] >= 250 and box.box[3] <= 1920 - 340, box


def test_same_input_gives_the_same_bytes(kit: BrandKit) -> None:
    request = creative("product_hero", "feed_portrait")
    assert render_creative(kit, request).jpeg == render_creative(kit, request).jpeg


def test_text_boxes_do_not_overlap_within_a_stack(kit: BrandKit) -> None:
    result = render_creative(kit, creative("story", "story"))
    words = [b for b in result.text_boxes if b.role in ("eyebrow", "headline", "body")]
    for upper, lower in zip(words, words[1:], strict=False):
        assert upper.box[3] <= lower.box[1]


def test_unknown_layout_and_size_are_clear_errors(kit: BrandKit) -> None:
    with pytest.raises(RenderError) as layout_error:
        render_creative(kit, Creative(layout="poster"))
    assert layout_error.value.code == "unknown_layout"
    with pytest.raises(RenderError) as size_error:
        render_creative(kit, Creative(layout="quote", size="a4"))
    assert size_error.value.code == "unknown_size"


def test_a_kit_with_nothing_but_a_name_still_renders() -> None:
    result = render_creative(BrandKit(name="Warung Sari"), Creative(layout="announcement",
                             headline="Buka lagi besok!"))  # fmt: skip
    assert [b.role for b in result.text_boxes] == ["brand", "headline"]


LONG = "Sangat panjang sekali kalimat promosi ini yang terus berlanjut tanpa henti " * 6


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_overlong_texts_everywhere_still_stay_in_the_safe_area(layout: str, size: str) -> None:
    kit = BrandKit(name="Toko " + "Serba Ada " * 8, colors=("#0f766e",), language="id")
    request = Creative(
        layout=layout,
        size=size,
        headline=LONG,
        body=LONG,
        eyebrow=LONG,
        price="Rp 1.234.567.890.000 " * 3,
        cta=LONG,
        items=(LONG,) * 8,
        quote=LONG * 2,
        attribution=LONG,
        slide_index=3,
        slide_count=10,
    )
    result = render_creative(kit, request)
    canvas = SIZES[size]
    top = max(MARGIN, canvas.unsafe_top)
    bottom = canvas.height - max(MARGIN, canvas.unsafe_bottom)
    for box in result.text_boxes:
        assert 0 <= box.box[0] < box.box[2] <= canvas.width, box
        assert top <= box.box[1] < box.box[3] <= bottom, (box.role, box.box)
    headline = [b for b in result.text_boxes if b.role in ("headline", "quote")]
    assert headline and all(b.truncated for b in headline)
    assert_no_overlap(result.text_boxes)


def assert_no_overlap(boxes: tuple[TextBox, ...]) -> None:
    for index, first in enumerate(boxes):
        for second in boxes[index + 1 :]:
            a, b = first.box, second.box
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{first.role} {a} overlaps {second.role} {b}"
