"""Signed public media URLs: one file, no session, until they expire; S3 presigns instead."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from postloom.integrations.networks.base import TikTokOptions
from postloom.publishing import media_links
from postloom.publishing.media_links import media_url, sign
from postloom.publishing.preflight import build_request, release
from postloom.studio.models import Format
from tests.publishing.test_preflight.conftest import BASE_URL
from tests.publishing.test_preflight.support import MakePost, MemoryStorage, clip, picture

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def stored() -> str:
    return str(default_storage.save("studio/1/2/photo.jpg", ContentFile(DATA)))


def path_of(url: str) -> str:
    assert url.startswith(BASE_URL + "/public-media/")
    return url.removeprefix(BASE_URL)


def test_signed_url_serves_the_file_without_a_session(stored: str) -> None:
    response = Client().get(path_of(media_url(stored)))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DATA  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(len(DATA))
    assert response["Accept-Ranges"] == "bytes"
    assert response.cookies == {}  # no session was started for the fetcher


def test_videos_are_served_as_mp4(db: None) -> None:
    name = default_storage.save("studio/1/2/reel.mp4", ContentFile(b"\x00" * 100))
    response = Client().get(path_of(media_url(name)))
    assert response["Content-Type"] == "video/mp4"


def test_head_answers_without_a_body(stored: str) -> None:
    response = Client().head(path_of(media_url(stored)))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(DATA))


def test_other_methods_are_refused(stored: str) -> None:
    assert Client().post(path_of(media_url(stored))).status_code == 405


def test_expired_url_is_forbidden(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = media_url(stored, expires_in=60)
    now = media_links._now()
    monkeypatch.setattr(media_links, "_now", lambda: now + 50)
    response = Client().get(path_of(url))
    assert response.status_code == 200
    assert response["Cache-Control"] in ("private, max-age=10", "private, max-age=9")
    monkeypatch.setattr(media_links, "_now", lambda: now + 61)
    assert Client().get(path_of(url)).status_code == 403


def test_tampered_signature_is_not_found(stored: str) -> None:
    path = path_of(media_url(stored))
    token, name = path.removeprefix("/public-media/").split("/")
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(f"/public-media/{flipped}/{name}").status_code == 404


def test_token_for_another_file_does_not_open_this_one(stored: str) -> None:
    default_storage.save("studio/1/2/secret.jpg", ContentFile(b"secret"))
    token = path_of(media_url(stored)).split("/")[2]
    assert Client().get(f"/public-media/{token}/secret.jpg").status_code == 404
    forged = signing.dumps({"n": "studio/1/2/secret.jpg", "x": 2**40})  # no salt: not ours
    assert Client().get(f"/public-media/{forged}/secret.jpg").status_code == 404


def test_no_way_out_of_the_storage(stored: str, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "outside.txt").write_text("private")
    for name in ("../outside.txt", "/etc/passwd", "studio/../../outside.txt", "a\\..\\b"):
        with pytest.raises(ValueError):
            media_url(name)
        token = sign(name, 2**40)  # even a token signed with our key names no such file
        basename = name.replace("\\", "/").rsplit("/", 1)[-1]
        assert Client().get(f"/public-media/{token}/{basename}").status_code == 404
    assert Client().get("/public-media/x/..%2F..%2Foutside.txt").status_code == 404


def test_missing_file_is_not_found(db: None) -> None:
    assert Client().get(path_of(media_url("studio/1/2/gone.jpg"))).status_code == 404


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-9", 0, 9), ("bytes=10-", 10, 10_239), ("bytes=-5", 10_235, 10_239),
     ("bytes=10000-99999", 10_000, 10_239)],
)  # fmt: skip
def test_byte_ranges(stored: str, header: str, first: int, last: int) -> None:
    response = Client().get(path_of(media_url(stored)), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/10240"
    assert response["Content-Length"] == str(last - first + 1)
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == DATA[first : last + 1]


def test_range_past_the_end_is_unsatisfiable(stored: str) -> None:
    response = Client().get(path_of(media_url(stored)), HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


# --- S3 -----------------------------------------------------------------------------------------


def test_s3_storage_gives_its_presigned_url(memory_storage: type[MemoryStorage]) -> None:
    default_storage.save("studio/1/2/photo.jpg", ContentFile(DATA))
    url = media_url("studio/1/2/photo.jpg", expires_in=600)
    assert url == (
        "https://bucket.s3.example.com/studio/1/2/photo.jpg?X-Amz-Expires=600&X-Amz-Signature=f"
    )


def test_real_s3_backend_presigns_offline(settings) -> None:  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "postloom-media",
                "endpoint_url": "https://s3.example.com",
                "region_name": "eu-central-1",
                "access_key": "AKIAEXAMPLE",
                "secret_key": "example-secret",
                "querystring_auth": True,
            },
        },
    }
    url = media_url("studio/1/2/photo.jpg", expires_in=900)
    query = parse_qs(urlsplit(url).query)
    assert urlsplit(url).path == "/postloom-media/studio/1/2/photo.jpg"
    assert query["X-Amz-Expires"] == ["900"] and query["X-Amz-Signature"]
    assert "example-secret" not in url


@pytest.mark.django_db
def test_s3_pictures_have_urls_and_no_path(
    make_post: MakePost, memory_storage: type[MemoryStorage]
) -> None:
    post = make_post(picture((1080, 1080), fmt="PNG"))
    (item,) = build_request(post, "instagram", None).items
    assert item.url.startswith("https://bucket.s3.example.com/publishing/derived/")
    assert item.path == ""
    assert any(name.startswith("publishing/derived/") for name in memory_storage.files)


@pytest.mark.django_db
def test_s3_tiktok_video_is_downloaded_for_upload_then_released(
    make_post: MakePost, memory_storage: type[MemoryStorage]
) -> None:
    post = make_post(("video", clip()), format=Format.TIKTOK_VIDEO)
    request = build_request(post, "tiktok", TikTokOptions(privacy_level="SELF_ONLY"))
    (item,) = request.items
    assert item.url.startswith("https://bucket.s3.example.com/studio/")
    assert Path(item.path).read_bytes() == clip()
    release(request)
    assert not Path(item.path).exists()
    assert not Path(item.path).parent.exists()


def test_the_media_urlconf_reverses_as_the_site_does(stored: str) -> None:
    """Links are reversed in the media URLconf alone (a worker does not load every view)."""
    from django.urls import reverse

    url = media_url(stored)
    token, name = url.removeprefix(BASE_URL + "/public-media/").split("/")
    assert path_of(url) == reverse("public_media", args=[token, name])
