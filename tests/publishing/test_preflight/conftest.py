"""Posts with real files in a per-test media folder, served from a public-looking address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from postloom.brands.models import Business
from postloom.studio.models import Format, Pillar, Post, PostMedia
from tests.publishing.test_preflight.support import MakePost, MemoryStorage

BASE_URL = "https://postloom.example"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BASE_URL = BASE_URL
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _add(post: Post, data: bytes, kind: str) -> PostMedia:
    ext = "mp4" if kind == PostMedia.Kind.VIDEO else "jpg"
    name = default_storage.save(f"studio/{post.business_id}/{post.pk}/m.{ext}", ContentFile(data))
    return PostMedia.objects.create(post=post, kind=kind, file=name, position=post.media.count())


@pytest.fixture
def make_post(business: Business) -> MakePost:
    """A post with the given media: bytes are pictures, ("video", bytes) videos and
    ("cover", bytes) a reel's cover."""

    def make(*media: bytes | tuple[str, bytes], **fields: Any) -> Post:
        values: dict[str, Any] = {
            "format": Format.FEED_IMAGE,
            "pillar": Pillar.TIPS,
            "caption": "Three ways to enjoy palm sugar coffee at home.",
            "hashtags": ["kopi", "#bandung"],
            "headline": "Palm sugar coffee",
            "alt_text": "A glass of iced coffee",
            **fields,
        }
        post = Post.objects.create(business=business, **values)
        for item in media:
            kind, data = item if isinstance(item, tuple) else (PostMedia.Kind.IMAGE, item)
            _add(post, data, kind)
        return post

    return make


@pytest.fixture
def memory_storage(settings) -> Iterator[type[MemoryStorage]]:  # type: ignore[no-untyped-def]
    """The default storage becomes an S3 stand-in (no local paths, presigned URLs)."""
    MemoryStorage.files = {}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.publishing.test_preflight.support.MemoryStorage"},
    }
    yield MemoryStorage
    MemoryStorage.files = {}
