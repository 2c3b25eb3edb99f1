"""WCAG AA on the output: the pixels behind each text against the colour it was drawn in.

Text drawing is switched off for these renders so the JPEG shows exactly what each text
sits on (photo, shade, scrim, panel); the recorded text colour must contrast with it.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from postloom.render import LAYOUTS, BrandKit, Creative, render_creative
from postloom.render.color import contrast_ratio, luminance, parse_hex
from postloom.render.contrast import LARGE_RATIO, required_ratio
from postloom.render.layouts import text as layout_text

from .conftest import luminances, photo

KITS = {
    "dark-brand": BrandKit(name="Kopi Senja", colors=("#1f2937", "#f59e0b"), language="id"),
    "light-brand": BrandKit(name="Pastel Bakery", colors=("#fde68a", "#fbcfe8"), language="en"),
    "mid-brand": BrandKit(name="Orta", colors=("#3b82f6",), language="tr"),
}
PHOTOS = ["light", "dark", "busy", None]


@pytest.fixture
def text_not_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_text, "draw_block", lambda *args, **kwargs: None)


def worst_ratio_behind(image: Image.Image, box: tuple[int, int, int, int], color: str) -> float:
    """Contrast against the 1st and 99th percentile luminance under the box (JPEG noise and
    block edges make the single extreme pixel meaningless)."""
    values = luminances(image.crop(box))
    low, high = values[len(values) // 100], values[-1 - len(values) // 100]
    rgb = parse_hex(color)
    assert rgb is not None
    text = luminance(rgb)
    return min(contrast_ratio(text, low), contrast_ratio(text, high))


@pytest.mark.usefixtures("text_not_drawn")
@pytest.mark.parametrize("kit_name", sorted(KITS))
@pytest.mark.parametrize("shot", PHOTOS, ids=lambda p: p or "no-photo")
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_text_meets_wcag_aa_on_what_is_behind_it(
    layout: str, shot: str | None, kit_name: str
) -> None:
    request = Creative(
        layout=layout,
        headline="Weekend special: two coffees for one",
        body="Every Saturday and Sunday until the end of the month.",
        eyebrow="Promo",
        price="Rp 45.000",
        cta="Order now",
        items=("Grind fresh", "Use filtered water", "Mind the temperature"),
        quote="The best coffee in town, and the kindest people.",
        attribution="Dewi",
        photo=photo(shot) if shot else None,
        slide_index=2,
        slide_count=4,
    )
    result = render_creative(KITS[kit_name], request)
    image = Image.open(io.BytesIO(result.jpeg))
    for box in result.text_boxes:
        assert box.contrast >= box.min_contrast, box
        measured = worst_ratio_behind(image, box.box, box.color)
        assert measured >= box.min_contrast * 0.97, (box.role, round(measured, 2), box)


def test_large_bold_text_may_use_the_lower_ratio() -> None:
    assert required_ratio(120, bold=True) == LARGE_RATIO
    assert required_ratio(60, bold=True) == LARGE_RATIO
    assert required_ratio(60, bold=False) == 4.5
    assert required_ratio(36, bold=True) == 4.5
