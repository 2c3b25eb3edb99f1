"""The JPEG written in bands: one standard file, byte for byte what libjpeg writes whole."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from postloom.render import LAYOUTS, SIZES, BrandKit, Creative, render_creative
from postloom.render.output import QUALITY, Encoder, _encode_whole, encode_jpeg
from postloom.render.render import compose

from .conftest import photo
from .test_layouts import CONTENT


def busy_picture(size: tuple[int, int]) -> Image.Image:
    """Noise with shapes, so that every part of the file has work in it."""
    image = Image.effect_noise(size, 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = (i * 193) % size[0], (i * 311) % size[1]
        draw.ellipse((x - 90, y - 90, x + 90, y + 90), fill=((i * 53) % 256, (i * 97) % 256, 90))
    return image


def whole(picture: Image.Image) -> bytes:
    """libjpeg's own file for the picture, with a restart marker after every MCU row."""
    return _encode_whole(picture.copy(), QUALITY, restart_rows=1)


def markers(jpeg: bytes) -> list[bytes]:
    """The file's markers in order: its segments up to the scan, then those in the scan's
    data (where a 0xFF byte of data is followed by 0x00)."""
    found, offset = [jpeg[:2]], 2
    while found[-1] != b"\xff\xda":
        found.append(jpeg[offset : offset + 2])
        offset += 2 + int.from_bytes(jpeg[offset + 2 : offset + 4])
    for index in range(offset, len(jpeg) - 1):
        if jpeg[index] == 0xFF and jpeg[index + 1] != 0x00:
            found.append(jpeg[index : index + 2])
    return found


@pytest.mark.parametrize("size", [(1080, 1350), (1080, 1920), (1080, 1080), (1000, 999)])
def test_bands_make_the_file_libjpeg_writes_for_the_whole_image(size: tuple[int, int]) -> None:
    picture = busy_picture(size)
    assert encode_jpeg(picture) == whole(picture)


@pytest.mark.parametrize(
    "steps",
    [
        [("seal", 0, 640)],
        [("seal", 0, 300), ("seal", 0, 301), ("seal", 0, 900)],
        [("seal", 0, 0), ("seal", 0, 5000)],
        [("write", 810, 1350), ("seal", 0, 700)],
        [("seal", 452, 1350), ("write", 0, 1350)],
        [("write", 100, 1000), ("seal", 0, 1350), ("write", 1300, 1350)],
    ],
    ids=["top", "growing", "empty-then-all", "bottom-here", "bottom-then-all", "overlapping"],
)
def test_rows_finished_early_change_nothing_in_the_file(steps: list[tuple[str, int, int]]) -> None:
    picture = busy_picture((1080, 1350))
    encoder = Encoder()
    for step, top, bottom in steps:
        if step == "seal":
            encoder.seal(picture, top, bottom)
        else:
            encoder.write(picture, top, bottom, until=lambda: False)
    assert encoder.finish(picture) == whole(picture)


def test_a_canvas_other_than_the_sealed_one_is_encoded_afresh() -> None:
    sealed, final = busy_picture((1080, 1350)), busy_picture((1080, 1350)).rotate(180)
    encoder = Encoder()
    encoder.seal(sealed, 0, 1024)
    assert encoder.finish(final) == whole(final)


def test_the_file_is_one_baseline_jpeg_with_the_pixels_of_a_plain_encode() -> None:
    picture = busy_picture((1000, 999))
    data = encode_jpeg(picture)
    joined = Image.open(io.BytesIO(data))
    plain = Image.open(io.BytesIO(_encode_whole(picture.copy(), QUALITY)))
    assert joined.format == "JPEG" and joined.size == (1000, 999) and joined.mode == "RGB"
    assert not joined.info.get("progressive") and not joined.info.get("progression")
    assert ImageChops.difference(joined.convert("RGB"), plain.convert("RGB")).getbbox() is None
    # One frame, one scan, a restart marker after each of the 63 MCU rows but the last.
    found = markers(data)
    assert found.count(b"\xff\xc0") == 1 and found.count(b"\xff\xda") == 1
    restarts = [m[1] - 0xD0 for m in found if 0xD0 <= m[1] <= 0xD7]
    assert restarts == [row % 8 for row in range(62)]
    assert found[-1] == b"\xff\xd9"


@pytest.mark.parametrize("size", [(200, 150), (30_000, 16)], ids=["small", "one-band"])
def test_small_or_flat_pictures_are_encoded_in_one_piece(size: tuple[int, int]) -> None:
    picture = busy_picture(size)
    assert encode_jpeg(picture) == _encode_whole(picture.copy(), QUALITY)


def test_a_picture_with_metadata_or_alpha_is_written_without_either() -> None:
    picture = busy_picture((1080, 1350)).convert("RGBA")
    picture.info["icc_profile"] = b"not really a profile"
    written = Image.open(io.BytesIO(encode_jpeg(picture)))
    assert written.mode == "RGB" and "icc_profile" not in written.info


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("with_photo", [True, False], ids=["photo", "no-photo"])
def test_what_a_layout_seals_early_is_what_its_finished_canvas_shows(
    kit: BrandKit, layout: str, size: str, with_photo: bool
) -> None:
    canvas = SIZES[size]
    shot = photo("busy", (canvas.width, canvas.height)) if with_photo else None
    creative = Creative(layout=layout, size=size, photo=shot, **CONTENT)  # type: ignore[arg-type]
    assert render_creative(kit, creative).jpeg == whole(compose(kit, creative).canvas)
