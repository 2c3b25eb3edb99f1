"""The renderer's two shortcuts below Pillow's public API do what the public calls do."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw

from postloom.render import pillow
from postloom.render.fonts import FACES, load


def test_point_with_a_whole_table_is_pillows_point() -> None:
    image = Image.effect_noise((64, 48), 60).convert("RGB")
    table = [(v * 7 + channel * 31) % 256 for channel in range(3) for v in range(256)]
    fast = pillow.point(image, table)
    assert fast.mode == "RGB" and fast.size == image.size
    assert ImageChops.difference(fast, image.point(table)).getbbox() is None


def test_a_wrapped_mask_is_what_imagedraw_draws_the_text_with() -> None:
    font = load(FACES["serif"][1], 64)
    core, (left, top) = font.getmask2("Profiterol", "L", anchor="ls", language="tr")
    mask = pillow.wrap(core)
    drawn = Image.new("L", mask.size)
    ImageDraw.Draw(drawn).text((-left, -top), "Profiterol", font=font, fill=255, anchor="ls",
                               language="tr")  # fmt: skip
    assert mask.mode == "L" and mask.getbbox() is not None
    assert ImageChops.difference(mask, drawn).getbbox() is None
