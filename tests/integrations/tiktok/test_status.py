"""Status: TikTok's states and fail reasons as RemoteState, after start()."""

from __future__ import annotations

import json
import urllib.request

import pytest

from postloom.integrations.networks.base import Account, ErrorCode, NetworkError, RemoteStatus

from .conftest import PRIVATE, PUBLIC, TikTok, photo_request

PHOTO = ["http://127.0.0.1/a.jpg"]


@pytest.fixture(autouse=True)
def no_fetching(tiktok: TikTok) -> None:
    tiktok.sim.fetch_media = False  # status is about the state machine, not the media


def test_processing_is_in_progress_until_tiktok_is_done(tiktok: TikTok) -> None:
    tiktok.sim.processing_polls = 2
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))

    states = [tiktok.client.check(account, publish_id).status for _ in range(3)]

    assert states == [RemoteStatus.IN_PROGRESS, RemoteStatus.IN_PROGRESS, RemoteStatus.PUBLISHED]
    assert tiktok.requests("status")[0].body == {"publish_id": publish_id}


def test_finish_only_reads_the_status(tiktok: TikTok) -> None:
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))

    state = tiktok.client.finish(account, publish_id)

    assert state.status is RemoteStatus.PUBLISHED
    assert tiktok.endpoints()[-1] == "status"


def test_a_public_post_gets_its_id_after_moderation(tiktok: TikTok) -> None:
    tiktok.sim.post_id_delay_polls = 1
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))

    first, later = (tiktok.client.check(account, publish_id) for _ in range(2))

    assert (first.status, first.media_id) == (RemoteStatus.PUBLISHED, "")  # normal
    assert later.status is RemoteStatus.PUBLISHED
    assert later.media_id == str(tiktok.sim.publishes[publish_id].post_id)


def test_a_private_post_never_gets_an_id(tiktok: TikTok) -> None:
    account = tiktok.account(PRIVATE)
    publish_id = tiktok.client.start(account, photo_request(PHOTO, "SELF_ONLY"))

    states = [tiktok.client.check(account, publish_id) for _ in range(3)]

    assert {(s.status, s.media_id) for s in states} == {(RemoteStatus.PUBLISHED, "")}


def test_the_post_id_is_read_under_either_spelling(tiktok: TikTok) -> None:
    tiktok.sim.post_id_field = "publicly_available_post_id"
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))

    state = tiktok.client.check(account, publish_id)

    assert state.media_id == str(tiktok.sim.publishes[publish_id].post_id)


def test_an_inbox_share_counts_as_published_with_an_inbox_mark(tiktok: TikTok) -> None:
    account = tiktok.account()
    body = {"source_info": {"source": "PULL_FROM_URL", "video_url": "http://127.0.0.1/v.mp4"}}
    request = urllib.request.Request(
        tiktok.url + "/v2/post/publish/inbox/video/init/", json.dumps(body).encode(),
        {"Authorization": f"Bearer {account.access_token}", "Content-Type": "application/json"},
    )  # fmt: skip
    publish_id = json.loads(urllib.request.urlopen(request).read())["data"]["publish_id"]

    state = tiktok.client.check(account, publish_id)

    assert (state.status, state.media_id, state.detail) == (RemoteStatus.PUBLISHED, "",
                                                            {"inbox": True})  # fmt: skip


@pytest.mark.parametrize(
    ("reason", "code", "permanent", "reconnect"),
    [
        ("internal", ErrorCode.SERVER, False, False),
        ("video_pull_failed", ErrorCode.MEDIA_UNREACHABLE, False, False),
        ("photo_pull_failed", ErrorCode.MEDIA_UNREACHABLE, True, False),
        ("file_format_check_failed", ErrorCode.MEDIA_REJECTED, True, False),
        ("duration_check_failed", ErrorCode.MEDIA_REJECTED, True, False),
        ("frame_rate_check_failed", ErrorCode.MEDIA_REJECTED, True, False),
        ("picture_size_check_failed", ErrorCode.MEDIA_REJECTED, True, False),
        ("publish_cancelled", ErrorCode.INVALID_REQUEST, True, False),
        ("auth_removed", ErrorCode.TOKEN_EXPIRED, True, True),
        ("spam_risk_too_many_posts", ErrorCode.CANT_POST_NOW, True, False),
        ("spam_risk_user_banned_from_posting", ErrorCode.CANT_POST_NOW, True, False),
        ("spam_risk_text", ErrorCode.CAPTION_REJECTED, True, False),
        ("spam_risk", ErrorCode.CANT_POST_NOW, True, False),
        ("something_new", ErrorCode.SERVER, True, False),
    ],
)
def test_fail_reasons_are_mapped(
    tiktok: TikTok, reason: str, code: ErrorCode, permanent: bool, reconnect: bool
) -> None:
    tiktok.sim.fail_reasons = [reason]
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))

    state = tiktok.client.check(account, publish_id)

    assert state.status is RemoteStatus.FAILED and state.error is not None
    error = state.error
    assert (error.code, error.permanent, error.reconnect) == (code, permanent, reconnect)
    assert error.vendor_code == reason
    assert tiktok.sim.posts == []


def test_withdrawing_the_app_mid_way_fails_the_post_with_auth_removed(tiktok: TikTok) -> None:
    tiktok.sim.processing_polls = 5
    account = tiktok.account()
    publish_id = tiktok.client.start(account, photo_request(PHOTO))
    tiktok.sim.revoke_tokens(PUBLIC)
    fresh = tiktok.connect()[0]  # the person connects again

    state = tiktok.client.check(fresh, publish_id)

    assert state.error is not None and state.error.vendor_code == "auth_removed"
    assert state.error.reconnect


def test_an_unknown_publish_id_is_an_invalid_request(tiktok: TikTok) -> None:
    with pytest.raises(NetworkError) as caught:
        tiktok.client.check(tiktok.account(), "v_pub_file~v2-1.404")

    assert (caught.value.code, caught.value.vendor_code) == (ErrorCode.INVALID_REQUEST,
                                                             "invalid_publish_id")  # fmt: skip


def test_another_accounts_publish_id_is_refused(tiktok: TikTok) -> None:
    publish_id = tiktok.client.start(tiktok.account(), photo_request(PHOTO))
    other: Account = tiktok.account(PRIVATE)

    with pytest.raises(NetworkError) as caught:
        tiktok.client.check(other, publish_id)

    assert caught.value.vendor_code == "token_not_authorized_for_specified_publish_id"
    assert caught.value.permanent
