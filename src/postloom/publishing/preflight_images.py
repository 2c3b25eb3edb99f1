"""Pictures brought within what Instagram and TikTok take, or refused with the reason.

Pure functions over bytes (no Django): ``fix_image(data, spec)`` returns the original when it
already meets the spec, else a new sRGB JPEG. From ``shared/reference/platform-apis.md``:

- Instagram feed and carousel (§1.4): JPEG, ≤ 8 MB, aspect 4:5 to 1.91:1, width 320–1440,
  sRGB. Carousel pictures are cropped by Instagram to the first one's ratio; we do it ourselves
  so that nothing important is cut without our say.
- Instagram story pictures and reel covers: JPEG, ≤ 8 MB, sRGB, 9:16 recommended.
- TikTok photos (§2.8): JPEG or WebP, at most 1080p, ≤ 20 MB.

Choices:
- A picture outside its aspect range is cropped when the crop keeps at least 80 % of it (a
  slightly tall 1080×1400 loses a sliver), else padded with its own edge colour (a 3:1
  panorama or a 9:16 picture in the feed keeps all it shows: text and products are not cut).
- A picture narrower than the minimum is enlarged up to 2× (Instagram would do the same,
  less carefully); one that needs more is refused as too small to look good.
- Transparency becomes white; CMYK, palette and 16-bit pictures become RGB; embedded colour
  profiles are converted to sRGB; the camera's orientation is applied; metadata is dropped
  (render.output.encode_jpeg).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from statistics import median

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from postloom.render.output import encode_jpeg

MiB = 1024 * 1024
CROP_KEEPS = 0.8  # crop when at least this share of the picture survives; pad otherwise
MAX_UPSCALE = 2.0
RATIO_TOLERANCE = 0.01  # a carousel picture within 1 % of the first one's ratio is left alone
STORY_RATIO = 9 / 16
_EXIF_ORIENTATION = 0x0112
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class ImageSpec:
    """What one kind of picture must be. ``ratio_target`` None: the nearest end of the range."""

    key: str  # names the derived file: a different spec gives a different file
    max_bytes: int
    formats: frozenset[str] = frozenset({"JPEG"})
    ratio_range: tuple[float, float] | None = None
    ratio_target: float | None = None
    min_width: int = 0
    max_width: int = 0
    box: tuple[int, int] | None = None  # (short side, long side) the picture must fit in

    def with_ratio(self, ratio: float) -> ImageSpec:
        """The same spec held to one exact ratio (carousel pictures after the first)."""
        low, high = ratio * (1 - RATIO_TOLERANCE), ratio * (1 + RATIO_TOLERANCE)
        return ImageSpec(
            key=f"{self.key}-r{ratio:.4f}",
            max_bytes=self.max_bytes,
            formats=self.formats,
            ratio_range=(low, high),
            ratio_target=ratio,
            min_width=self.min_width,
            max_width=self.max_width,
            box=self.box,
        )


INSTAGRAM_FEED = ImageSpec(
    "ig-feed", 8 * MiB, ratio_range=(0.8, 1.91), min_width=320, max_width=1440
)
INSTAGRAM_STORY = ImageSpec(
    "ig-story",
    8 * MiB,
    ratio_range=(0.5, 0.625),
    ratio_target=STORY_RATIO,
    min_width=320,
    max_width=1440,
)
INSTAGRAM_COVER = ImageSpec(
    "ig-cover",
    8 * MiB,
    ratio_range=(0.5, 0.625),
    ratio_target=STORY_RATIO,
    min_width=320,
    max_width=1440,
)
TIKTOK_PHOTO = ImageSpec(
    "tt-photo", 20 * MiB, formats=frozenset({"JPEG", "WEBP"}), min_width=0, box=(1080, 1920)
)


class ImageProblem(Exception):
    """A picture that cannot be fixed: ``code`` says why (``corrupt``, ``too_small``,
    ``too_large``), ``params`` fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class FixedImage:
    data: bytes | None  # None: the original is fine as it is
    width: int
    height: int
    mime: str
    changes: tuple[str, ...] = ()  # what was done, for logs and tests


_UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


def open_image(data: bytes) -> Image.Image:
    """The decoded picture, or ImageProblem("corrupt") (also for decompression bombs)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except _UNREADABLE:
        raise ImageProblem("corrupt") from None
    return image


def accepted_as_is(data: bytes, spec: ImageSpec) -> FixedImage | None:
    """The picture's shape when it meets ``spec`` as it is (nothing to convert), else None.

    The header tells whether it would go as it is; only then is the whole file decoded, to
    know it is not damaged: a JPEG at an eighth of its size (the decoder still reads every
    byte of it, so a truncated or broken file fails as at full size, for a fraction of the
    work). A picture that needs converting is decoded in full by ``fix_image``."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            if not _acceptable(header, data, spec):
                return None
            shape = FixedImage(None, header.width, header.height, _mime(header.format or ""))
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except _UNREADABLE:
        raise ImageProblem("corrupt") from None
    return shape


def fix_image(data: bytes, spec: ImageSpec) -> FixedImage:
    image = open_image(data)
    source_format = image.format or ""
    if _acceptable(image, data, spec):
        return FixedImage(None, image.width, image.height, _mime(source_format))
    changes: list[str] = []
    picture = _to_srgb(image, changes)
    picture = _fit_ratio(picture, spec, changes)
    picture = _fit_size(picture, spec, changes)
    encoded = encode_jpeg(picture)
    if len(encoded) > spec.max_bytes:
        raise ImageProblem("too_large", megabytes=spec.max_bytes // MiB)
    if source_format != "JPEG":
        changes.append(f"{source_format or 'unknown'} to JPEG")
    return FixedImage(encoded, picture.width, picture.height, "image/jpeg", tuple(changes))


def _mime(image_format: str) -> str:
    return Image.MIME.get(image_format, "application/octet-stream")


def _acceptable(image: Image.Image, data: bytes, spec: ImageSpec) -> bool:
    """Whether the original file may be sent untouched."""
    return (
        image.format in spec.formats
        and image.mode == "RGB"
        and _is_srgb(image)
        and image.getexif().get(_EXIF_ORIENTATION, 1) == 1
        and len(data) <= spec.max_bytes
        and _ratio_ok(image.width / image.height, spec)
        and _width_ok(image.width, spec)
        and _in_box(image.width, image.height, spec)
    )


def _is_srgb(image: Image.Image) -> bool:
    icc = image.info.get("icc_profile")
    if not icc:
        return True  # untagged pixels are read as sRGB
    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except (ImageCms.PyCMSError, OSError, TypeError):
        return False
    return "srgb" in description.lower()


def _ratio_ok(ratio: float, spec: ImageSpec) -> bool:
    return spec.ratio_range is None or spec.ratio_range[0] <= ratio <= spec.ratio_range[1]


def _width_ok(width: int, spec: ImageSpec) -> bool:
    return width >= spec.min_width and (not spec.max_width or width <= spec.max_width)


def _in_box(width: int, height: int, spec: ImageSpec) -> bool:
    if spec.box is None:
        return True
    short, long = spec.box
    return min(width, height) <= short and max(width, height) <= long


# --- Colour -----------------------------------------------------------------------------------


def _to_srgb(image: Image.Image, changes: list[str]) -> Image.Image:
    """RGB pixels in sRGB, upright, transparency on white."""
    upright = ImageOps.exif_transpose(image)
    if upright is not image:
        changes.append("orientation applied")
    icc = upright.info.get("icc_profile")
    if icc and not _is_srgb(upright):
        converted = _convert_profile(upright, icc)
        if converted is not None:
            changes.append("colour profile converted to sRGB")
            upright = converted
    if upright.mode != "RGB":
        changes.append(f"{upright.mode} to RGB")
    return _flatten(upright)


def _convert_profile(image: Image.Image, icc: bytes) -> Image.Image | None:
    if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    base = image.convert(image.mode.removesuffix("A") or "RGB") if alpha is not None else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(base, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
        return None  # an unreadable profile: fall back to Pillow's plain conversion
    if converted is None:
        return None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")  # 16 bits to 8
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


# --- Shape ------------------------------------------------------------------------------------


def _fit_ratio(image: Image.Image, spec: ImageSpec, changes: list[str]) -> Image.Image:
    ratio = image.width / image.height
    if spec.ratio_range is None or _ratio_ok(ratio, spec):
        return image
    low, high = spec.ratio_range
    target = spec.ratio_target or (low if ratio < low else high)
    keeps = min(ratio, target) / max(ratio, target)
    if keeps >= CROP_KEEPS:
        changes.append(f"cropped to {target:.4f}")
        return _crop(image, target)
    changes.append(f"padded to {target:.4f}")
    return _pad(image, target)


def _crop(image: Image.Image, target: float) -> Image.Image:
    width, height = image.size
    if width / height > target:  # too wide: take the middle
        new_width = round(height * target)
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = round(width / target)
    top = (height - new_height) // 2
    return image.crop((0, top, width, top + new_height))


def _pad(image: Image.Image, target: float) -> Image.Image:
    width, height = image.size
    wide = width / height > target
    size = (width, round(width / target)) if wide else (round(height * target), height)
    canvas = Image.new("RGB", size, edge_colour(image, top_and_bottom=wide))
    canvas.paste(image, ((size[0] - width) // 2, (size[1] - height) // 2))
    return canvas


def edge_colour(image: Image.Image, *, top_and_bottom: bool) -> tuple[int, int, int]:
    """The median colour of the edges the padding touches: it then reads as part of them."""
    small = image.convert("RGB").resize((32, 32), Image.Resampling.BOX)
    if top_and_bottom:
        pixels = [small.getpixel((x, y)) for x in range(32) for y in (0, 31)]
    else:
        pixels = [small.getpixel((x, y)) for y in range(32) for x in (0, 31)]
    channels = zip(*pixels, strict=True)
    red, green, blue = (int(median(channel)) for channel in channels)
    return red, green, blue


def _fit_size(image: Image.Image, spec: ImageSpec, changes: list[str]) -> Image.Image:
    scale = 1.0
    if spec.max_width and image.width > spec.max_width:
        scale = spec.max_width / image.width
    elif spec.min_width and image.width < spec.min_width:
        scale = spec.min_width / image.width
        if scale > MAX_UPSCALE:
            raise ImageProblem("too_small", width=image.width, minimum=spec.min_width)
    if spec.box is not None:
        short, long = spec.box
        scale = min(scale, short / min(image.size), long / max(image.size))
    if abs(scale - 1.0) < 1e-9:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    changes.append(f"resized to {size[0]}x{size[1]}")
    return image.resize(size, Image.Resampling.LANCZOS)
