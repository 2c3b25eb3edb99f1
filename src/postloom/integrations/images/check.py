"""Every picture a provider returns is opened and decoded here before anyone uses it.

A vendor's answer is untrusted bytes: it may be cut off, not an image at all, an image format
the renderer should not be fed, or a decompression bomb. Each of those is ``invalid_output``.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings

from PIL import Image, UnidentifiedImageError

from postloom.integrations.images.base import ImageError, ImageResult, ImageUsage

MAX_BYTES = 25 * 1024 * 1024  # a 2048 px PNG is ~12 MB; more is not a picture we asked for
MAX_SIDE = 4096
MIN_SIDE = 64
FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}
_READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def invalid(provider: str, why: str) -> ImageError:
    return ImageError(
        "invalid_output", f"{provider}: the picture returned {why}.", permanent=True,
        provider=provider,
    )  # fmt: skip


def from_base64(encoded: str, provider: str) -> bytes:
    """The bytes of a picture sent as base64; ImageError when it is not valid base64."""
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(provider, "was not valid base64") from None


def picture_facts(data: bytes, provider: str) -> tuple[str, int, int]:
    """(format, width, height) of ``data`` once fully decoded; ImageError if unusable."""
    if not data:
        raise invalid(provider, "was empty")
    if len(data) > MAX_BYTES:
        raise invalid(provider, f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses; both mean the same thing here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                width, height = image.size
                _check_size(width, height, provider)
                image.load()  # decodes every pixel: a truncated file fails here
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise invalid(provider, "is too large to decode") from None
    except _READ_ERRORS:
        raise invalid(provider, "is not a readable picture") from None
    if kind not in FORMATS:
        raise invalid(provider, f"is in an unexpected format ({kind or 'unknown'})")
    return FORMATS[kind], width, height


def _check_size(width: int, height: int, provider: str) -> None:
    if max(width, height) > MAX_SIDE:
        raise invalid(provider, f"is larger than {MAX_SIDE} pixels on a side")
    if min(width, height) < MIN_SIDE:
        raise invalid(provider, f"is smaller than {MIN_SIDE} pixels on a side")


def checked_result(
    data: bytes,
    usage: ImageUsage,
    *,
    revised_prompt: str = "",
    used_references: bool = False,
) -> ImageResult:
    """The result for ``data``, with its real format and size; ImageError if it is unusable."""
    kind, width, height = picture_facts(data, usage.provider)
    return ImageResult(
        image=data,
        format=kind,
        width=width,
        height=height,
        usage=usage,
        revised_prompt=revised_prompt,
        used_references=used_references,
    )


def media_type(data: bytes) -> str:
    """The media type of a picture we send (reference photos are cleaned uploads)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"
