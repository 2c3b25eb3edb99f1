"""Photos in: decoded safely, turned upright, converted to sRGB, and cropped to a frame.

A photo fills its frame (cover crop) keeping its focal point in view. A product cutout
(a PNG or WebP with transparency) is not cropped: it is fitted whole and keeps its alpha, so
the layout can stand it on a brand background.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from postloom.render import caches
from postloom.render.errors import RenderError

# A phone photo is ~12-50 MP; anything far above is a decompression bomb, not a picture.
MAX_PIXELS = 80_000_000
_READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)
_SRGB = ImageCms.createProfile("sRGB")


def open_image(data: bytes, what: str) -> Image.Image:
    """Open image bytes lazily; RenderError(`{what}_unreadable` / `_too_large`) if unfit."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise RenderError(f"{what}_too_large", f"the {what} is too large to process") from error
    except _READ_ERRORS as error:
        raise RenderError(f"{what}_unreadable", f"the {what} is not a readable image") from error
    if image.width * image.height > MAX_PIXELS:
        raise RenderError(f"{what}_too_large", f"the {what} has more than {MAX_PIXELS} pixels")
    # All of it to the decoder in one call: between calls a decode on the renderer's second
    # thread needs the GIL back, and may wait for it while the first thread lays out text.
    image.decodermaxblock = max(image.decodermaxblock, len(data))
    return image


def load(image: Image.Image, what: str) -> Image.Image:
    """Decode, rotate upright and convert to sRGB RGB (or RGBA when it has transparency)."""
    try:
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        image = _to_srgb(image)
    except Image.DecompressionBombError as error:
        raise RenderError(f"{what}_too_large", f"the {what} is too large to process") from error
    except (*_READ_ERRORS, ImageCms.PyCMSError) as error:
        raise RenderError(f"{what}_unreadable", f"the {what} could not be decoded") from error
    if _has_transparency(image):
        return image.convert("RGBA")
    return image if image.mode == "RGB" else image.convert("RGB")


def fit_photo(data: bytes, size: tuple[int, int], focal: tuple[float, float]) -> Image.Image:
    """The photo cover-cropped to exactly `size` (RGB), or a cutout contained in it (RGBA)."""
    return fit_opened(open_photo(data, size), size, focal)


def open_photo(data: bytes, size: tuple[int, int]) -> Image.Image:
    """The photo's header read, the decoder told the size needed; nothing decoded yet."""
    image = open_image(data, "photo")
    _draft_for(image, size)
    return image


def fit_opened(
    image: Image.Image, size: tuple[int, int], focal: tuple[float, float]
) -> Image.Image:
    """`fit_photo` for a photo from `open_photo`: decoded, upright, sRGB and fitted."""
    image = load(image, "photo")
    if image.mode == "RGBA":
        return contain(image, size)
    box = cover_box(image.size, size, focal)
    if image.size == size and box == (0, 0, *size):
        return image
    if (box[2] - box[0], box[3] - box[1]) == size:
        return image.crop(box)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def contain(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    scale = min(size[0] / image.width, size[1] / image.height)
    target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image if target == image.size else image.resize(target, Image.Resampling.LANCZOS)


def cover_box(
    source: tuple[int, int], target: tuple[int, int], focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest source rectangle of the target's aspect, centred on the focal point."""
    scale = max(target[0] / source[0], target[1] / source[1])
    width = min(source[0], round(target[0] / scale))
    height = min(source[1], round(target[1] / scale))
    left = _clamp(round(focal[0] * source[0] - width / 2), 0, source[0] - width)
    top = _clamp(round(focal[1] * source[1] - height / 2), 0, source[1] - height)
    return (left, top, left + width, top + height)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _draft_for(image: Image.Image, size: tuple[int, int]) -> None:
    # JPEG can decode at 1/2, 1/4 or 1/8 scale for a fraction of the cost; ask for the
    # smallest scale that still covers the frame.
    if image.format != "JPEG":
        return
    scale = max(size[0] / image.width, size[1] / image.height)
    if scale < 0.5:
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        low = image.getchannel("A").getextrema()[0]
        return isinstance(low, int | float) and low < 250
    return image.mode == "P" and "transparency" in image.info


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    transform = _transform_to_srgb(icc, image.mode)
    if transform is None:
        return image
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    converted = ImageCms.applyTransform(image, transform)
    return converted if converted is not None and converted.mode == output_mode else image


@caches.register
@lru_cache(maxsize=16)
def _transform_to_srgb(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A transform from an embedded profile to sRGB; None when it already is sRGB."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if "srgb" in ImageCms.getProfileDescription(profile).lower().replace(" ", ""):
        return None
    output_mode = "RGBA" if mode == "RGBA" else "RGB"
    return ImageCms.buildTransform(profile, _SRGB, mode, output_mode)
