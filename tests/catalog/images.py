"""Photos for tests, built with Pillow: phone-like JPEGs with EXIF GPS, PNGs with alpha, ..."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description creator="Siti Rahma"/></x:xmpmeta>'


def encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()


def two_tone(size: tuple[int, int] = (400, 200), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: after rotation the red half must be on top."""
    img = Image.new(mode, size, "blue")
    img.paste(Image.new(mode, (size[0] // 2, size[1]), "red"), (0, 0))
    return img


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "S"  # GPSLatitudeRef
    gps[2] = (6.0, 54.0, 59.0)  # GPSLatitude: Bandung
    gps[3] = "E"
    gps[4] = (107.0, 36.0, 35.0)
    return exif


def phone_jpeg(orientation: int = 6) -> bytes:
    """What a phone uploads: a sideways sensor image, EXIF with GPS and orientation, XMP."""
    return encode(two_tone(), "JPEG", exif=gps_exif(orientation).tobytes(), xmp=XMP, quality=95)


def jpeg(size: tuple[int, int] = (320, 240), color: str = "orange") -> bytes:
    return encode(Image.new("RGB", size, color), "JPEG")


def png_with_alpha(size: tuple[int, int] = (120, 80)) -> bytes:
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    img.paste(Image.new("RGBA", (size[0] // 2, size[1]), (200, 30, 30, 255)), (0, 0))
    return encode(img, "PNG")


def webp(size: tuple[int, int] = (300, 200)) -> bytes:
    return encode(two_tone(size), "WEBP", quality=90, exif=gps_exif(1).tobytes())


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR claiming a huge size, with one tiny IDAT: a bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def many_pixels_png(width: int = 8000, height: int = 7500) -> bytes:
    """A real 60-megapixel image that compresses to a few kilobytes."""
    return encode(Image.new("1", (width, height)), "PNG")


def upload(
    content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def reopen(content: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(content))
    img.load()
    return img
