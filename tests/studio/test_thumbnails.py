"""Calendars and grids show small versions of the pictures, made once and kept."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.media import clear_media
from postloom.studio.models import Plan, Post, PostMedia
from postloom.studio.thumbnails import thumbnail_name
from tests.studio.conftest import add_media, jpeg

ClientFor = Callable[[User | None], Client]


def small_url(business: Business, media: PostMedia) -> str:
    return f"/b/{business.pk}/studio/media/{media.pk}/small/"


def test_a_thumbnail_is_a_small_jpeg_made_once(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    media = post.media.get()
    media.file.delete(save=False)
    media.file.save("big.jpg", io.BytesIO(jpeg(size=(1080, 1350))), save=True)
    client = client_for(owner)

    response = client.get(small_url(business, media))

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=86400"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as small:  # type: ignore[attr-defined]
        assert (small.format, small.size) == ("JPEG", (360, 450))
    stored = thumbnail_name(media.file.name or "")
    assert default_storage.exists(stored)
    made_at = default_storage.get_modified_time(stored)
    client.get(small_url(business, media))
    assert default_storage.get_modified_time(stored) == made_at  # served, not made again


def test_a_picture_smaller_than_a_thumbnail_is_not_enlarged(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    response = client_for(owner).get(small_url(business, post.media.get()))
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as small:  # type: ignore[attr-defined]
        assert small.size == (108, 135)


def test_videos_and_missing_files_have_no_thumbnail(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    video = add_media(post, PostMedia.Kind.VIDEO, b"\x00\x00\x00\x18ftypmp42")
    client = client_for(owner)
    assert client.get(small_url(business, video)).status_code == 404
    picture = post.media.filter(kind=PostMedia.Kind.IMAGE).get()
    default_storage.delete(picture.file.name or "")
    assert client.get(small_url(business, picture)).status_code == 404


def test_a_corrupt_picture_gets_a_404_not_an_error(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    broken = add_media(post, PostMedia.Kind.IMAGE, b"not a jpeg at all")
    assert client_for(owner).get(small_url(business, broken)).status_code == 404


def test_the_calendar_shows_thumbnails(
    business: Business, owner: User, plan: Plan, client_for: ClientFor
) -> None:
    page = client_for(owner).get(f"/b/{business.pk}/studio/plans/{plan.pk}/").content.decode()
    first = Post.objects.filter(plan=plan).first()
    assert first is not None
    media = first.media.first()
    assert media is not None
    assert small_url(business, media) in page


def test_thumbnails_go_with_their_pictures(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    media = post.media.get()
    client_for(owner).get(small_url(business, media))
    stored = thumbnail_name(media.file.name or "")
    assert default_storage.exists(stored)
    clear_media(post)
    assert not default_storage.exists(stored)
