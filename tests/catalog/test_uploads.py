"""catalog.uploads: what comes in is checked by content; what goes out is only pixels."""

from __future__ import annotations

import io
from typing import Any

import pillow_heif
import pytest
from PIL import Image, ImageCms

from postloom.catalog import uploads
from postloom.catalog.problems import upload_problem
from postloom.catalog.uploads import MAX_UPLOAD_BYTES, UploadError, clean_image
from tests.catalog.images import (
    GPS_IFD,
    encode,
    gps_exif,
    jpeg,
    many_pixels_png,
    phone_jpeg,
    png_header_only,
    png_with_alpha,
    reopen,
    two_tone,
    webp,
)


def refused(content: bytes, size: int | None = None) -> UploadError:
    with pytest.raises(UploadError) as caught:
        clean_image(io.BytesIO(content), size if size is not None else len(content))
    return caught.value


def assert_no_metadata(content: bytes) -> None:
    img = reopen(content)
    assert not img.getexif()
    assert not img.getexif().get_ifd(GPS_IFD)
    for key in ("exif", "xmp", "icc_profile", "XML:com.adobe.xmp"):
        assert key not in img.info
    # Byte-level too: no EXIF/XMP segment, no trace of the GPS or the camera.
    for marker in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"xmpmeta", b"PhoneMaker"):
        assert marker not in content


def test_phone_jpeg_loses_gps_and_keeps_its_orientation() -> None:
    source = phone_jpeg(orientation=6)  # 400×200 sensor image, "rotate 90° clockwise to view"
    assert reopen(source).getexif().get_ifd(GPS_IFD)  # the test photo really has GPS

    clean = clean_image(io.BytesIO(source))

    assert_no_metadata(clean.content)
    assert_no_metadata(clean.thumbnail)
    img = reopen(clean.content)
    assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (200, 400))
    assert (clean.extension, clean.width, clean.height) == ("jpg", 200, 400)
    # Rotated clockwise, the sensor's left (red) half is now at the top.
    red, _green, blue = img.getpixel((100, 50))  # type: ignore[misc]
    assert red > 200 and blue < 60
    red, _green, blue = img.getpixel((100, 350))  # type: ignore[misc]
    assert blue > 200 and red < 60


@pytest.mark.parametrize(
    ("orientation", "size"), [(1, (400, 200)), (3, (400, 200)), (6, (200, 400)), (8, (200, 400))]
)
def test_every_orientation_is_applied(orientation: int, size: tuple[int, int]) -> None:
    clean = clean_image(io.BytesIO(phone_jpeg(orientation)))
    assert reopen(clean.content).size == size


def test_png_with_transparency_stays_png_with_alpha() -> None:
    clean = clean_image(io.BytesIO(png_with_alpha()))

    img = reopen(clean.content)
    assert (clean.extension, img.format, img.mode) == ("png", "PNG", "RGBA")
    assert img.getpixel((10, 10))[3] == 255  # type: ignore[index]
    assert img.getpixel((110, 10))[3] == 0  # type: ignore[index]
    assert reopen(clean.thumbnail).format == "PNG"
    assert_no_metadata(clean.content)


def test_fully_opaque_png_becomes_jpeg() -> None:
    clean = clean_image(io.BytesIO(encode(Image.new("RGBA", (50, 50), "green"), "PNG")))
    assert clean.extension == "jpg"
    assert reopen(clean.content).format == "JPEG"


def test_webp_is_accepted_and_cleaned() -> None:
    clean = clean_image(io.BytesIO(webp()))

    assert (clean.extension, clean.width, clean.height) == ("jpg", 300, 200)
    assert_no_metadata(clean.content)


def heic_bytes(orientation: int) -> bytes:
    try:
        return encode(two_tone(), "HEIF", quality=90, exif=gps_exif(orientation).tobytes())
    except (KeyError, OSError, RuntimeError, ValueError) as exc:  # pragma: no cover
        pytest.skip(f"this pillow-heif build cannot encode HEIC ({exc})")


def test_heic_from_an_iphone_is_accepted_upright_and_clean() -> None:
    assert pillow_heif.libheif_info()["HEIF"], "pillow-heif must decode HEIC"
    source = heic_bytes(orientation=6)
    assert source[4:12] == b"ftypheic"

    clean = clean_image(io.BytesIO(source))

    assert (clean.extension, clean.width, clean.height) == ("jpg", 200, 400)
    assert_no_metadata(clean.content)
    red, _green, _blue = reopen(clean.content).getpixel((100, 50))  # type: ignore[misc]
    assert red > 180


def test_mpo_jpeg_from_a_camera_is_accepted() -> None:
    frame = Image.new("RGB", (60, 40), "teal")
    source = encode(frame, "MPO", save_all=True, append_images=[frame])
    assert clean_image(io.BytesIO(source)).width == 60


def test_icc_profile_is_converted_and_dropped() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = encode(Image.new("RGB", (40, 40), "purple"), "JPEG", icc_profile=srgb)
    assert "icc_profile" in reopen(source).info

    assert "icc_profile" not in reopen(clean_image(io.BytesIO(source)).content).info


def test_cmyk_and_16_bit_images_come_out_as_rgb() -> None:
    cmyk = encode(Image.new("CMYK", (30, 30), (0, 255, 255, 0)), "JPEG")
    grey16 = encode(Image.new("I;16", (30, 30), 40000), "PNG")

    red, green, _blue = reopen(clean_image(io.BytesIO(cmyk)).content).getpixel((5, 5))  # type: ignore[misc]
    assert red > 200 and green < 60
    grey = reopen(clean_image(io.BytesIO(grey16)).content).getpixel((5, 5))
    assert 140 < grey[0] < 170  # type: ignore[index]  # 40000 / 256 ≈ 156, not clipped white


def test_longest_side_is_capped_and_thumbnail_is_small() -> None:
    clean = clean_image(io.BytesIO(jpeg(size=(5000, 1000))))

    assert (clean.width, clean.height) == (4096, 819)
    assert reopen(clean.content).size == (4096, 819)
    assert max(reopen(clean.thumbnail).size) == 640


def test_a_declared_size_over_15_mb_is_refused_without_reading_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Unreadable(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("a 40 MB upload must not be read")

    monkeypatch.setattr(uploads.Image, "open", pytest.fail)

    with pytest.raises(UploadError) as caught:
        clean_image(Unreadable(), size=40 * 1024 * 1024)

    assert caught.value.code == "too_large"
    assert upload_problem("too_large", caught.value.detail) == (
        "This photo is too large. Photos can be up to 15 MB."
    )


def test_an_undeclared_size_over_15_mb_is_refused_before_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(uploads.Image, "open", pytest.fail)
    content = jpeg() + b"\x00" * MAX_UPLOAD_BYTES

    with pytest.raises(UploadError) as caught:
        clean_image(io.BytesIO(content), size=None)

    assert caught.value.code == "too_large"


def test_exactly_15_mb_is_still_read() -> None:
    # The limit is inclusive: a file of exactly 15 MB is decoded (here: found to be no image).
    assert refused(b"x" * MAX_UPLOAD_BYTES).code == "not_an_image"


def test_a_decompression_bomb_is_refused_by_pillows_guard() -> None:
    # 40,000 × 40,000 pixels declared in a 100-byte file: Pillow refuses it while opening.
    error = refused(png_header_only(40_000, 40_000))

    assert error.code == "too_many_pixels"
    assert upload_problem(error.code, error.detail) == (
        "This photo has too many pixels (the limit is 50 megapixels). "
        "Save a smaller copy and upload that."
    )


def test_an_image_over_50_megapixels_is_refused_before_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_decoding(img: Image.Image) -> None:
        raise AssertionError("pixels must not be decoded")

    monkeypatch.setattr(uploads, "_decode", no_decoding)
    source = many_pixels_png()  # 60 MP, a few kilobytes
    assert len(source) < 100_000

    assert refused(source).code == "too_many_pixels"


CORRUPT = [
    pytest.param(jpeg(size=(800, 600))[:400], id="truncated-jpeg"),
    pytest.param(b"\xff\xd8\xff\xe0" + b"\x13\x37" * 500, id="jpeg-header-then-garbage"),
    pytest.param(png_with_alpha()[:60], id="truncated-png"),
    pytest.param(b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 40, id="broken-webp"),
    pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 40, id="broken-heic"),
]


@pytest.mark.parametrize("content", CORRUPT)
def test_a_corrupt_photo_is_refused(content: bytes) -> None:
    error = refused(content)

    assert error.code == "corrupt"
    assert upload_problem(error.code) == (
        "This photo is damaged or incomplete and cannot be opened. "
        "Try exporting it again from your phone or computer."
    )


def test_a_text_file_named_jpg_is_refused() -> None:
    error = refused(b"Kopi Senja price list\nKopi susu 18.000\n")

    assert error.code == "not_an_image"
    assert upload_problem(error.code) == (
        "This file is not a photo. Upload a photo in JPEG, PNG, WebP or HEIC."
    )


UNSUPPORTED = [
    pytest.param(encode(Image.new("P", (10, 10)), "GIF"), "GIF", id="gif"),
    pytest.param(
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
        "SVG",
        id="svg-with-xml-declaration",
    ),
    pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG", id="svg"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF", id="pdf"),
    pytest.param(encode(Image.new("RGB", (10, 10)), "BMP"), "BMP", id="bmp"),
    pytest.param(encode(Image.new("RGB", (10, 10)), "TIFF"), "TIFF", id="tiff"),
    pytest.param(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00mif1", "AVIF", id="avif"),
    pytest.param(b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2", "MP4", id="mp4-video"),
]


@pytest.mark.parametrize(("content", "name"), UNSUPPORTED)
def test_unsupported_formats_are_refused_by_name(content: bytes, name: str) -> None:
    error = refused(content)

    assert (error.code, error.detail) == ("unsupported_format", {"format": name})
    assert upload_problem(error.code, error.detail) == (
        f"{name} files are not supported. Upload a photo in JPEG, PNG, WebP or HEIC."
    )


def test_an_empty_file_is_refused() -> None:
    assert refused(b"").code == "empty"


def test_a_format_mismatch_cannot_sneak_past_the_sniffer(monkeypatch: pytest.MonkeyPatch) -> None:
    # PNG bytes are only ever opened by the PNG plugin, whatever the name or declared type.
    opened_with: list[Any] = []
    real_open = Image.open

    def spy(fp: Any, mode: str = "r", formats: Any = None) -> Image.Image:
        opened_with.append(formats)
        return real_open(fp, mode, formats)

    monkeypatch.setattr(uploads.Image, "open", spy)
    clean_image(io.BytesIO(png_with_alpha()))
    assert opened_with == [["PNG"]]


def test_every_code_has_a_message() -> None:
    codes = ["empty", "too_large", "not_an_image", "unsupported_format", "too_many_pixels"]
    codes += ["corrupt", "too_many_images"]
    messages = {upload_problem(code, {"format": "GIF", "limit": 10}) for code in codes}
    assert len(messages) == len(codes)
    assert (
        upload_problem("something_new") == "This photo could not be used. Please try another one."
    )
