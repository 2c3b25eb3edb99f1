"""Small JPEG versions of a post's pictures for calendars, lists and the grid preview.

A 1080 px creative is ~300 kB; a month's calendar shows thirty of them at ~150 px. A thumbnail
is made the first time it is asked for and stored beside the picture (stored names never
change: new pictures get new names), so later pages are served it straight from storage.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from postloom.studio.models import PostMedia

WIDTH = 360  # 2x the widest card, for sharp pictures on high-density screens
QUALITY = 80


def thumbnail_name(name: str) -> str:
    return f"{name}.thumb.jpg"


def make_thumbnail(data: bytes, width: int = WIDTH) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (width, width * 4))  # JPEG: decode at a reduced scale, nearly free
        picture = image.convert("RGB")
    if picture.width > width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def ensure_thumbnail(media: PostMedia) -> str:
    """The stored name of ``media``'s thumbnail, made now if it does not exist yet."""
    name = media.file.name or ""
    if media.kind == PostMedia.Kind.VIDEO:
        raise ValueError("videos have a cover, not a thumbnail")
    small = thumbnail_name(name)
    if not default_storage.exists(small):
        with default_storage.open(name, "rb") as source:
            data = make_thumbnail(source.read())
        # save() may pick another name if two requests race; both files are the same picture.
        small = default_storage.save(small, ContentFile(data))
    return small


def delete_thumbnail(name: str) -> None:
    if name and default_storage.exists(thumbnail_name(name)):
        default_storage.delete(thumbnail_name(name))
