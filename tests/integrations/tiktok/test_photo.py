"""Photo posts: PULL_FROM_URL from our media URLs, which TikTok fetches and checks itself."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from postloom.integrations.networks.base import ErrorCode, MediaItem, NetworkError, RemoteStatus

from .conftest import CAPTION, PRIVATE, TikTok, photo_request
from .media import MediaHost, media_host, picture

JPEG, WEBP = picture(), picture(1080, 1080, "WEBP")


@pytest.fixture
def host() -> Iterator[tuple[str, MediaHost]]:
    files = {
        "/m/1.jpg": ("image/jpeg", JPEG),
        "/m/2.webp": ("image/webp", WEBP),
        "/m/3.jpg": ("image/jpeg", JPEG),
        "/m/png-named.jpg": ("image/jpeg", picture(fmt="PNG")),
        "/m/huge.jpg": ("image/jpeg", picture(2000, 2000)),
    }
    with media_host(files) as served:
        yield served


def test_a_photo_post_is_pulled_from_our_urls(tiktok: TikTok, host: tuple[str, MediaHost]) -> None:
    base, media = host
    urls = [f"{base}/m/1.jpg?sig=a", f"{base}/m/2.webp?sig=b", f"{base}/m/3.jpg?sig=c"]
    account = tiktok.account()
    request = photo_request(urls, allow_comment=True)
    request = type(request)(request.kind, request.items, caption=request.caption,
                            title=request.title, cover=MediaItem("image", url=urls[1]),
                            tiktok=request.tiktok)  # fmt: skip

    publish_id = tiktok.client.start(account, request)

    assert publish_id.startswith("p_pub_url~")
    assert tiktok.endpoints()[-2:] == ["creator_info", "content_init"]
    assert tiktok.requests("content_init")[0].body == {
        "post_info": {
            "title": "Kopi Senja",
            "description": CAPTION,
            "disable_comment": False,
            "privacy_level": "PUBLIC_TO_EVERYONE",
            "auto_add_music": True,
            "brand_content_toggle": False,
            "brand_organic_toggle": False,
        },
        "source_info": {"source": "PULL_FROM_URL", "photo_cover_index": 1, "photo_images": urls},
        "post_mode": "DIRECT_POST",
        "media_type": "PHOTO",
    }
    state = tiktok.poll(account, publish_id)
    assert state.status is RemoteStatus.PUBLISHED and state.media_id
    assert media.hits == ["/m/1.jpg", "/m/2.webp", "/m/3.jpg"]
    expected = hashlib.sha256(JPEG + WEBP + JPEG).hexdigest()
    assert [(p.kind, p.media_sha256) for p in tiktok.sim.posts] == [("photo", expected)]


def test_starting_a_photo_post_that_timed_out_is_not_safe_to_repeat(tiktok: TikTok) -> None:
    # TikTok may pull the photos and publish them although our call never got its answer.
    assert tiktok.client.start_timeout_is_safe(photo_request(["http://127.0.0.1/a.jpg"])) is False


def test_a_png_is_refused_before_tiktok_is_asked(tiktok: TikTok) -> None:
    account = tiktok.account()
    tiktok.sim.requests.clear()
    for item in (MediaItem("image", url="http://127.0.0.1/a", mime="image/png"),
                 MediaItem("image", url="http://127.0.0.1/a.png")):  # fmt: skip
        request = photo_request([])
        request = type(request)(request.kind, (item,), title="t", tiktok=request.tiktok)
        with pytest.raises(NetworkError) as caught:
            tiktok.client.start(account, request)
        assert caught.value.code is ErrorCode.MEDIA_REJECTED
    assert list(tiktok.sim.requests) == []


@pytest.mark.parametrize(
    ("path", "reason", "code", "permanent"),
    [
        ("/m/png-named.jpg", "file_format_check_failed", ErrorCode.MEDIA_REJECTED, True),
        ("/m/huge.jpg", "picture_size_check_failed", ErrorCode.MEDIA_REJECTED, True),
        ("/m/gone.jpg", "photo_pull_failed", ErrorCode.MEDIA_UNREACHABLE, True),
    ],
)
def test_tiktok_checks_what_it_pulls(
    tiktok: TikTok,
    host: tuple[str, MediaHost],
    path: str,
    reason: str,
    code: ErrorCode,
    permanent: bool,
) -> None:
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request([host[0] + "/m/1.jpg", host[0] + path]))

    state = tiktok.poll(account, publish_id)

    assert state.status is RemoteStatus.FAILED and state.error is not None
    assert (state.error.code, state.error.vendor_code, state.error.permanent) == (
        code, reason, permanent)  # fmt: skip
    assert tiktok.sim.posts == []


def test_an_unverified_media_domain_is_refused(tiktok: TikTok) -> None:
    tiktok.sim.verified_urls = ["media.kopisenja.example"]
    account = tiktok.account()

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, photo_request(["https://cdn.elsewhere.example/a.jpg"]))

    assert caught.value.code is ErrorCode.INVALID_REQUEST and caught.value.permanent
    assert (caught.value.vendor_code, caught.value.http_status) == ("url_ownership_unverified",
                                                                    403)  # fmt: skip
    assert "verified" in caught.value.message


def test_photo_privacy_must_be_offered(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, photo_request(["http://127.0.0.1/a.jpg"]))

    assert caught.value.vendor_code == "privacy_level_option_mismatch"
    assert "content_init" not in tiktok.endpoints()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "x" * 91}, ErrorCode.CAPTION_REJECTED),
        ({"caption": "x" * 4001}, ErrorCode.CAPTION_REJECTED),
        ({"urls": [f"http://127.0.0.1/{i}.jpg" for i in range(36)]}, ErrorCode.INVALID_REQUEST),
        ({"urls": []}, ErrorCode.INVALID_REQUEST),
    ],
)
def test_photo_limits_are_checked_before_sending(
    tiktok: TikTok, changes: dict[str, object], code: ErrorCode
) -> None:
    account = tiktok.account()
    tiktok.sim.requests.clear()
    urls = changes.pop("urls", ["http://127.0.0.1/a.jpg"])

    with pytest.raises(NetworkError) as caught:
        tiktok.client.start(account, photo_request(urls, **changes))  # type: ignore[arg-type]

    assert caught.value.code is code and caught.value.permanent
    assert list(tiktok.sim.requests) == []


def test_photo_limits_count_utf16_units(tiktok: TikTok) -> None:
    tiktok.sim.fetch_media = False
    account = tiktok.account()

    tiktok.client.start(account, photo_request(["http://127.0.0.1/a.jpg"], title="😀" * 45))

    with pytest.raises(NetworkError):
        tiktok.client.start(account, photo_request(["http://127.0.0.1/a.jpg"], title="😀" * 46))
