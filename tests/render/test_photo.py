"""Photos: bad files are clear errors, good ones are upright, cropped on their subject, and
leave no metadata behind; no photo means a designed brand background, never a blank."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageDraw, ImageStat

from postloom.render import BrandKit, Creative, RenderError, render_creative
from postloom.render.color import parse_hex
from postloom.render.photo import cover_box, fit_photo

from .conftest import jpeg_bytes, photo


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header announces a huge image (a decompression bomb) with no pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "data",
    [
        b"definitely not an image",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        photo("scene")[:4000],
    ],
    ids=["text", "jpeg-magic-only", "truncated-jpeg"],
)
def test_a_corrupt_photo_is_a_render_error(kit: BrandKit, data: bytes) -> None:
    with pytest.raises(RenderError) as caught:
        render_creative(kit, Creative(layout="product_hero", photo=data))
    assert caught.value.code == "photo_unreadable"


def test_a_decompression_bomb_is_refused(kit: BrandKit) -> None:
    with pytest.raises(RenderError) as caught:
        render_creative(kit, Creative(layout="story", photo=_png_header_claiming(40000, 40000)))
    assert caught.value.code == "photo_too_large"


def test_a_corrupt_logo_is_a_render_error() -> None:
    kit = BrandKit(name="Broken", logo=b"<svg>not supported</svg>")
    with pytest.raises(RenderError) as caught:
        render_creative(kit, Creative(layout="announcement", headline="Hi"))
    assert caught.value.code == "logo_unreadable"


def test_exif_and_gps_in_the_photo_do_not_reach_the_output(kit: BrandKit) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (6.0, 10.0, 0.0)}  # GPS IFD
    source = Image.open(io.BytesIO(photo("scene")))
    tagged = jpeg_bytes(source, exif=exif.tobytes())
    assert "exif" in Image.open(io.BytesIO(tagged)).info
    result = render_creative(kit, Creative(layout="story", size="story", photo=tagged))
    output = Image.open(io.BytesIO(result.jpeg))
    assert "exif" not in output.info
    assert not output.getexif()


def test_exif_orientation_is_applied_before_cropping() -> None:
    # Stored sideways: left half red, right half blue; orientation 6 means "rotate 90° CW".
    stored = Image.new("RGB", (400, 200), (0, 0, 255))
    ImageDraw.Draw(stored).rectangle((0, 0, 199, 199), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    upright = fit_photo(jpeg_bytes(stored, exif=exif.tobytes()), (200, 400), (0.5, 0.5))
    assert upright.size == (200, 400)
    top = upright.getpixel((100, 50))
    assert isinstance(top, tuple) and top[0] > 200 and top[2] < 60  # red is on top


def test_cover_crop_keeps_the_focal_point() -> None:
    assert cover_box((2000, 1000), (1000, 1000), (0.5, 0.5)) == (500, 0, 1500, 1000)
    assert cover_box((2000, 1000), (1000, 1000), (0.0, 0.5)) == (0, 0, 1000, 1000)
    assert cover_box((2000, 1000), (1000, 1000), (0.9, 0.5)) == (1000, 0, 2000, 1000)
    assert cover_box((1000, 3000), (1080, 1350), (0.5, 0.1)) == (0, 0, 1000, 1250)


def test_a_presized_photo_is_used_as_is() -> None:
    data = photo("scene", (1080, 1350))
    fitted = fit_photo(data, (1080, 1350), (0.5, 0.5))
    assert fitted.size == (1080, 1350)


def test_a_large_photo_is_scaled_to_exactly_the_frame() -> None:
    data = photo("scene", (3000, 2000))
    assert fit_photo(data, (1080, 1350), (0.5, 0.5)).size == (1080, 1350)


def test_a_transparent_cutout_is_contained_not_cropped() -> None:
    cutout = Image.new("RGBA", (400, 800), (0, 0, 0, 0))
    ImageDraw.Draw(cutout).ellipse((50, 50, 350, 750), fill=(200, 30, 30, 255))
    buffer = io.BytesIO()
    cutout.save(buffer, "PNG")
    fitted = fit_photo(buffer.getvalue(), (1080, 1080), (0.5, 0.5))
    assert fitted.mode == "RGBA"
    assert fitted.size == (540, 1080)


def test_without_a_photo_the_photo_area_is_painted_in_brand_colours() -> None:
    kit = BrandKit(name="Merah", colors=("#c81e1e", "#fde047"))
    result = render_creative(kit, Creative(layout="product_hero", headline="Baru"))
    image = Image.open(io.BytesIO(result.jpeg))
    photo_area = image.crop((0, 300, 1080, 700))
    stat = ImageStat.Stat(photo_area)
    assert max(stat.stddev) > 3, "a designed background, not a flat fill"
    primary = parse_hex("#c81e1e")
    assert primary is not None
    mean = stat.mean
    # Reds dominate: the gradient runs from the brand red to a deeper red.
    assert mean[0] > mean[1] * 2 and mean[0] > mean[2] * 2, mean
    assert image.getpixel((5, 5)) != (255, 255, 255)
