"""Uploaded photos, made safe: checked by content, decoded under limits, re-encoded clean.

A phone photo carries where it was taken (EXIF GPS), the device, sometimes the owner's name
(XMP); none of it may reach storage or, later, Instagram. So nothing of the upload is kept but
its pixels: orientation applied, colours converted to sRGB, then a fresh JPEG (or PNG when it
has transparency) is written from a fresh image. Every refusal is an ``UploadError`` with a
stable code; problems.py turns codes into words.
"""

from __future__ import annotations

import io
import uuid
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import pillow_heif
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageChops, ImageCms, ImageOps

pillow_heif.register_heif_opener()

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 4096
THUMB_SIDE = 640
JPEG_QUALITY = 92  # photos are re-encoded again into creatives; keep this generation clean
THUMB_QUALITY = 82

# What the sniffer calls a file → the Pillow plugins allowed to open it.
PILLOW_FORMATS = {"JPEG": ["JPEG"], "PNG": ["PNG"], "WEBP": ["WEBP"], "HEIC": ["HEIF"]}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
HEIF_BRANDS |= {b"mif1", b"msf1"}
# Other ISO media files people pick by mistake: AVIF stills, else videos (MP4, MOV, 3GP).
OTHER_BRANDS = {b"avif": "AVIF", b"avis": "AVIF", b"qt  ": "MOV"}
UNSUPPORTED_SIGNATURES = [
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"8BPS", "PSD"),
]
# Everything Pillow and pillow-heif raise for a file they cannot read.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, RuntimeError)


class UploadError(Exception):
    """A refused upload. ``code`` is stable (API clients and messages key on it)."""

    def __init__(self, code: str, **detail: Any) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    thumbnail: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int


def clean_image(upload: IO[bytes], size: int | None = None) -> CleanImage:
    """Check, decode and re-encode one upload; raise UploadError if it cannot be used."""
    data = _read_capped(upload, size)
    kind = sniff(data[:64])
    with _opened(data, kind) as img:
        _check_pixels(img)
        _decode(img)
        pixels = _normalise(img)
    return CleanImage(
        content=_encode(pixels, JPEG_QUALITY),
        thumbnail=_encode(_shrunk(pixels, THUMB_SIDE), THUMB_QUALITY),
        extension="png" if pixels.mode == "RGBA" else "jpg",
        width=pixels.width,
        height=pixels.height,
    )


def _read_capped(upload: IO[bytes], size: int | None) -> bytes:
    # The declared size is checked first, so a 40 MB upload is refused without being read.
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise UploadError("too_large", limit=MAX_UPLOAD_BYTES)
    if upload.seekable():
        upload.seek(0)  # a form or validator may have peeked at it already
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("too_large", limit=MAX_UPLOAD_BYTES)
    if not data:
        raise UploadError("empty")
    return data


def sniff(head: bytes) -> str:
    """The format of a file from its first bytes, never from its name."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in HEIF_BRANDS:
            return "HEIC"
        raise UploadError("unsupported_format", format=OTHER_BRANDS.get(brand, "MP4"))
    for signature, name in UNSUPPORTED_SIGNATURES:
        if head.startswith(signature):
            raise UploadError("unsupported_format", format=name)
    if _looks_like_svg(head):
        raise UploadError("unsupported_format", format="SVG")
    raise UploadError("not_an_image")


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg"))


@contextmanager
def _opened(data: bytes, kind: str) -> Iterator[Image.Image]:
    """Image.open limited to the sniffed format, with Pillow's errors turned into ours."""
    try:
        with warnings.catch_warnings():
            # Our own pixel cap (below Pillow's warning threshold) decides, not a warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=PILLOW_FORMATS[kind])
    except Image.DecompressionBombError:
        raise UploadError("too_many_pixels", limit=MAX_PIXELS) from None
    except DECODE_ERRORS:
        raise UploadError("corrupt", format=kind) from None
    with img:
        yield img


def _check_pixels(img: Image.Image) -> None:
    # The header's size, before a single pixel is decoded.
    width, height = img.size
    if width < 1 or height < 1:
        raise UploadError("corrupt", format=img.format)
    if width * height > MAX_PIXELS:
        raise UploadError("too_many_pixels", limit=MAX_PIXELS)


def _decode(img: Image.Image) -> None:
    if img.format in ("JPEG", "MPO"):
        # Let libjpeg decode big photos at 1/2, 1/4 or 1/8 scale: faster, less memory.
        scale = min(1.0, MAX_SIDE / max(img.size))
        img.draft(img.mode, (int(img.width * scale) + 1, int(img.height * scale) + 1))
    try:
        img.load()
    except Image.DecompressionBombError:
        raise UploadError("too_many_pixels", limit=MAX_PIXELS) from None
    except DECODE_ERRORS:
        raise UploadError("corrupt", format=img.format) from None


def _normalise(img: Image.Image) -> Image.Image:
    """Upright, at most MAX_SIDE, sRGB, RGB or RGBA, in a fresh image that carries no info."""
    upright = _upright(img)
    upright = _shrunk(upright, MAX_SIDE)
    converted = _to_srgb(_to_8bit(upright))
    fresh = Image.new(converted.mode, converted.size)
    fresh.paste(converted)
    return fresh


def _upright(img: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(img)
    except DECODE_ERRORS:
        # A broken EXIF block costs the orientation, not the photo.
        return img


def _shrunk(img: Image.Image, side: int) -> Image.Image:
    longest = max(img.size)
    if longest <= side:
        return img
    size = (max(1, round(img.width * side / longest)), max(1, round(img.height * side / longest)))
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_8bit(img: Image.Image) -> Image.Image:
    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16-bit greyscale (scans, some PNGs): scale down instead of clipping to white.
        return img.convert("I").point(lambda value: value / 256).convert("L")
    if img.mode in ("1", "F"):
        return img.convert("L")
    return img


def _to_srgb(img: Image.Image) -> Image.Image:
    transparent = _has_transparency(img)
    target = "RGBA" if transparent else "RGB"
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            return _convert_profile(img, icc, "RGBA" if img.mode == "RGBA" else "RGB").convert(
                target
            )
        except (ImageCms.PyCMSError, *DECODE_ERRORS):
            pass  # a broken profile: fall back to the plain conversion below
    return img.convert(target)


def _convert_profile(img: Image.Image, icc: bytes, mode: str) -> Image.Image:
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    converted = ImageCms.profileToProfile(img, source, srgb, outputMode=mode)
    assert converted is not None  # inPlace=False always returns the new image
    return converted


def _has_transparency(img: Image.Image) -> bool:
    if img.mode not in ("RGBA", "LA", "PA", "RGBa", "La") and "transparency" not in img.info:
        return False
    # Inverted, any pixel that is not fully opaque is non-zero and gives a bounding box.
    alpha = img.convert("RGBA").getchannel("A")
    return ImageChops.invert(alpha).getbbox() is not None


def _encode(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    if img.mode == "RGBA":
        img.save(out, format="PNG")
    else:
        img.save(out, format="JPEG", quality=quality)
    return out.getvalue()


# --- Storage ---------------------------------------------------------------------------------


def store(business_id: int, clean: CleanImage) -> tuple[str, str]:
    """Write the photo and its preview under a name nobody can guess; return both names."""
    stem = f"catalog/{business_id}/{uuid.uuid4().hex}"
    saved: list[str] = []
    try:
        saved.append(default_storage.save(f"{stem}.{clean.extension}", ContentFile(clean.content)))
        saved.append(
            default_storage.save(f"{stem}_thumb.{clean.extension}", ContentFile(clean.thumbnail))
        )
    except Exception:
        discard(saved)
        raise
    return saved[0], saved[1]


def discard(names: Iterable[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)
