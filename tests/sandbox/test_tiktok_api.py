"""The TikTok simulator on its own, spoken to over real HTTP: the rules it enforces as TikTok
does (platform-apis.md §2.13) and its /_sim/ control."""

from __future__ import annotations

import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from PIL import Image

from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import TikTokSim, make_app
from postloom.sandbox.tiktok_media import is_verified, mp4_duration
from tests.integrations.tiktok.media import mp4_bytes

PUBLIC, PRIVATE = "sbx-open-kopisenja", "sbx-open-private"
REDIRECT = "https://shop.example/cb/"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def code(self) -> str:
        return str(self.json()["error"]["code"])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)  # once: building one loads the CA bundle


def call(url: str, method: str = "GET", body: bytes | None = None, **headers: str) -> Reply:
    request = urllib.request.Request(url, body, {k.replace("_", "-"): v for k, v in
                                                 headers.items()}, method=method)  # fmt: skip
    try:
        with _OPENER.open(request, timeout=5) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


class TikTok(NamedTuple):
    sim: TikTokSim
    url: str

    def api(self, path: str, body: Any = None, token: str = "") -> Reply:
        data = json.dumps(body).encode() if body is not None else b""
        return call(self.url + path, "POST", data, Authorization=f"Bearer {token}",
                    Content_Type="application/json; charset=UTF-8")  # fmt: skip

    def form(self, path: str, form: dict[str, str]) -> Reply:
        return call(self.url + path, "POST", urlencode(form).encode(),
                    Content_Type="application/x-www-form-urlencoded")  # fmt: skip

    def control(self, path: str, body: Any = None) -> Reply:
        if body is None:
            return call(f"{self.url}/_sim/{path}")
        return call(f"{self.url}/_sim/{path}", "POST", json.dumps(body).encode(),
                    Content_Type="application/json")  # fmt: skip

    def token(self, open_id: str = PUBLIC) -> str:
        return str(self.sim.issue_tokens(open_id)["access_token"])

    def authorize(self, **changes: str) -> Reply:
        params = {
            "client_key": self.sim.client_key,
            "redirect_uri": REDIRECT,
            "state": "s1",
            "scope": "user.info.basic,video.publish",
            "response_type": "code",
            **changes,
        }
        return call(f"{self.url}/v2/auth/authorize/?{urlencode(params)}")  # fmt: skip

    def init_upload(self, token: str, size: int, chunk: int, total: int) -> Reply:
        body = {"post_info": {"privacy_level": "PUBLIC_TO_EVERYONE", "title": "t"},
                "source_info": {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": chunk,
                                "total_chunk_count": total}}  # fmt: skip
        return self.api("/v2/post/publish/video/init/", body, token)


@pytest.fixture
def tiktok() -> Iterator[TikTok]:
    sim = TikTokSim(processing_polls=0, min_chunk_bytes=5_000, max_chunk_bytes=64_000,
                    max_final_chunk_bytes=128_000)  # fmt: skip
    with serve(make_app(sim)) as url:
        yield TikTok(sim, url)


def put(url: str, data: bytes, first: int, total: int, kind: str = "video/mp4",
        length: int | None = None) -> Reply:  # fmt: skip
    headers = {
        "Content_Type": kind,
        "Content_Range": f"bytes {first}-{first + len(data) - 1}/{total}",
    }
    if length is not None:
        headers["Content_Length"] = str(length)
    return call(url, "PUT", data, **headers)


# --- Out of the box -----------------------------------------------------------------------


def test_make_app_without_a_simulator_seeds_the_sandbox_creators() -> None:
    app = make_app()
    assert list(app.sim.creators) == [PUBLIC, PRIVATE]
    assert app.sim.creators[PRIVATE].private and app.sim.audited
    assert app.sim.rotate_refresh is True and app.sim.access_ttl == 86400


# --- Authorize ----------------------------------------------------------------------------


def test_the_consent_page_is_labelled_sandbox_and_lists_the_scopes(tiktok: TikTok) -> None:
    reply = tiktok.authorize()

    page = reply.body.decode()
    assert reply.status == 200 and "Sandbox" in page
    assert "<li>user.info.basic</li><li>video.publish</li>" in page
    assert "value='allow'>Allow</button>" in page


def test_auto_approve_redirects_with_code_scopes_and_state(tiktok: TikTok) -> None:
    tiktok.sim.auto_approve = True

    reply = tiktok.authorize()

    assert reply.status == 302
    location = reply.headers["Location"]
    assert location.startswith(REDIRECT + "?code=sbx%2A")  # needs URL-decoding
    query = parse_qs(urlsplit(location).query)
    assert (query["scopes"], query["state"]) == (["user.info.basic,video.publish"], ["s1"])


@pytest.mark.parametrize(
    ("changes", "error"),
    [({"scope": "video.delete"}, "invalid_scope"),
     ({"response_type": "token"}, "unsupported_response_type")],
)  # fmt: skip
def test_bad_requests_are_sent_back_with_an_error(
    tiktok: TikTok, changes: dict[str, str], error: str
) -> None:
    query = parse_qs(urlsplit(tiktok.authorize(**changes).headers["Location"]).query)
    assert (query["error"], query["state"]) == ([error], ["s1"])


def test_the_person_can_cancel(tiktok: TikTok) -> None:
    form = {"client_key": tiktok.sim.client_key, "redirect_uri": REDIRECT, "state": "s1",
            "scope": "video.publish", "response_type": "code", "decision": "deny"}  # fmt: skip

    reply = tiktok.form("/v2/auth/authorize/", form)

    assert parse_qs(urlsplit(reply.headers["Location"]).query)["error"] == ["access_denied"]


@pytest.mark.parametrize("changes", [{"client_key": "nope"}, {"redirect_uri": "ftp://x/"}])
def test_an_unknown_app_or_redirect_is_never_redirected_to(
    tiktok: TikTok, changes: dict[str, str]
) -> None:
    tiktok.sim.redirect_uris = [REDIRECT]
    reply = tiktok.authorize(**changes)
    assert reply.status == 400 and "Location" not in reply.headers


# --- Tokens -------------------------------------------------------------------------------


def code_for(tiktok: TikTok) -> str:
    tiktok.sim.auto_approve = True
    return parse_qs(urlsplit(tiktok.authorize().headers["Location"]).query)["code"][0]


def grant(tiktok: TikTok, **form: str) -> Reply:
    base = {"client_key": tiktok.sim.client_key, "client_secret": tiktok.sim.client_secret}
    return tiktok.form("/v2/oauth/token/", base | form)


def test_token_errors_use_the_oauth_shape(tiktok: TikTok) -> None:
    code = code_for(tiktok)

    wrong_uri = grant(tiktok, grant_type="authorization_code", code=code,
                      redirect_uri="https://other.example/")  # fmt: skip
    reused = grant(tiktok, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)
    bad_client = tiktok.form("/v2/oauth/token/", {"client_key": "x", "client_secret": "y"})

    assert (wrong_uri.status, wrong_uri.json()["error"]) == (400, "invalid_request")
    assert (reused.status, reused.json()["error"]) == (400, "invalid_grant")  # single use
    assert (bad_client.status, bad_client.json()["error"]) == (401, "invalid_client")
    assert set(bad_client.json()) == {"error", "error_description", "log_id"}


def test_codes_expire(tiktok: TikTok) -> None:
    code = code_for(tiktok)
    tiktok.sim.advance(tiktok.sim.code_ttl + 1)

    reply = grant(tiktok, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)

    assert reply.json()["error"] == "invalid_grant"


def test_the_token_answer_and_rotation(tiktok: TikTok) -> None:
    tiktok.sim.access_ttl, tiktok.sim.refresh_ttl = 7200, 15552000
    body = grant(tiktok, grant_type="authorization_code", code=code_for(tiktok),
                 redirect_uri=REDIRECT).json()  # fmt: skip
    assert set(body) == {"access_token", "expires_in", "open_id", "refresh_expires_in",
                         "refresh_token", "scope", "token_type"}  # fmt: skip
    assert (body["expires_in"], body["refresh_expires_in"]) == (7200, 15552000)
    assert (body["open_id"], body["scope"], body["token_type"]) == (
        PUBLIC, "user.info.basic,video.publish", "Bearer")  # fmt: skip

    renewed = grant(tiktok, grant_type="refresh_token", refresh_token=body["refresh_token"])
    again = grant(tiktok, grant_type="refresh_token", refresh_token=body["refresh_token"])

    assert renewed.json()["refresh_token"] != body["refresh_token"]
    assert again.json()["error"] == "invalid_grant"  # the old one stopped working


# --- Profile pictures ---------------------------------------------------------------------


def test_the_avatar_urls_answer_with_the_simulators_own_picture(tiktok: TikTok) -> None:
    token = tiktok.token()
    info = tiktok.api("/v2/post/publish/creator_info/query/", token=token).json()["data"]
    user = call(f"{tiktok.url}/v2/user/info/?fields=avatar_url,avatar_large_url",
                Authorization=f"Bearer {token}").json()["data"]["user"]  # fmt: skip
    avatar = info["creator_avatar_url"]
    assert avatar == f"{tiktok.url}/avatars/{PUBLIC}.png"
    assert user == {"avatar_url": avatar, "avatar_large_url": avatar}

    picture = call(avatar)  # no token: TikTok's CDN does not ask for one

    assert picture.status == 200 and picture.headers["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(picture.body)) as image:
        assert (image.format, image.size) == ("PNG", (200, 200))
    assert call(f"{tiktok.url}/avatars/{PRIVATE}.png").body != picture.body  # each its own
    recorded = [r.endpoint for r in tiktok.sim.requests]
    assert recorded == ["creator_info", "user_info"]  # the pictures are no API calls


def test_an_unknown_avatar_is_not_found_and_a_creators_own_url_is_kept(tiktok: TikTok) -> None:
    assert call(f"{tiktok.url}/avatars/sbx-open-nobody.png").status == 404
    assert call(f"{tiktok.url}/avatars/{PUBLIC}.jpg").status == 404
    tiktok.sim.creators[PUBLIC].avatar_url = "https://p16.tiktokcdn.example/a.jpg"

    info = tiktok.api("/v2/post/publish/creator_info/query/", token=tiktok.token())

    assert info.json()["data"]["creator_avatar_url"] == "https://p16.tiktokcdn.example/a.jpg"


# --- API rules ----------------------------------------------------------------------------


def test_the_envelope_and_the_token_check(tiktok: TikTok) -> None:
    ok = tiktok.api("/v2/post/publish/creator_info/query/", token=tiktok.token())
    missing = tiktok.api("/v2/post/publish/creator_info/query/", token="act.nope")

    assert ok.json()["error"]["code"] == "ok" and ok.json()["error"]["log_id"]
    assert ok.json()["data"]["privacy_level_options"] == [
        "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]  # fmt: skip
    assert (missing.status, missing.code) == (401, "access_token_invalid")


def test_the_rate_limit_is_per_token_and_endpoint(tiktok: TikTok) -> None:
    first, second = tiktok.token(), tiktok.token(PRIVATE)
    statuses = [tiktok.api("/v2/post/publish/creator_info/query/", token=first).status
                for _ in range(21)]  # fmt: skip

    assert statuses == [200] * 20 + [429]
    assert tiktok.api("/v2/post/publish/creator_info/query/", token=second).status == 200
    status = tiktok.api("/v2/post/publish/status/fetch/", {"publish_id": "x"}, first)
    assert status.code == "invalid_publish_id"  # another endpoint, another window
    tiktok.sim.advance(60)
    assert tiktok.api("/v2/post/publish/creator_info/query/", token=first).status == 200


def test_an_unaudited_app_can_only_post_self_only_to_private_accounts(tiktok: TikTok) -> None:
    tiktok.sim.audited = False
    url = {"source": "PULL_FROM_URL", "video_url": "http://127.0.0.1/v.mp4"}

    def init(token: str, privacy: str) -> Reply:
        return tiktok.api(
            "/v2/post/publish/video/init/",
            {"post_info": {"privacy_level": privacy}, "source_info": url},
            token,
        )

    public, private = tiktok.token(), tiktok.token(PRIVATE)
    assert init(public, "SELF_ONLY").code == "unaudited_client_can_only_post_to_private_accounts"
    assert init(private, "MUTUAL_FOLLOW_FRIENDS").status == 403
    assert init(private, "SELF_ONLY").status == 200  # fmt: skip


def test_privacy_must_be_given_and_offered(tiktok: TikTok) -> None:
    token = tiktok.token(PRIVATE)
    source = {"source": "PULL_FROM_URL", "video_url": "http://127.0.0.1/v.mp4"}

    none = tiktok.api("/v2/post/publish/video/init/", {"post_info": {}, "source_info": source},
                      token)  # fmt: skip
    public = tiktok.api(
        "/v2/post/publish/video/init/",
        {"post_info": {"privacy_level": "PUBLIC_TO_EVERYONE"}, "source_info": source},
        token,
    )

    assert (none.status, none.code) == (400, "invalid_param")
    assert (public.status, public.code) == (403, "privacy_level_option_mismatch")


def test_url_ownership(tiktok: TikTok) -> None:
    verified = ["media.kopi.example", "https://cdn.example.com/posts/", "http://127.0.0.1"]

    assert is_verified("https://media.kopi.example/a.jpg", verified)
    assert is_verified("https://img.media.kopi.example/a.jpg", verified)  # subdomain
    assert not is_verified("https://kopi.example/a.jpg", verified)  # not the parent
    assert not is_verified("http://media.kopi.example/a.jpg", verified)  # https only
    assert is_verified("https://cdn.example.com/posts/1/a.jpg", verified)
    assert not is_verified("https://cdn.example.com/other/a.jpg", verified)
    assert is_verified("http://127.0.0.1:8000/m/a.jpg", verified)  # the local opt-in
    assert not is_verified("http://127.0.0.1.evil.example/a.jpg", verified)


def test_daily_and_pending_share_caps(tiktok: TikTok) -> None:
    tiktok.sim.daily_post_cap, tiktok.sim.fetch_media = 1, False
    token = tiktok.token()
    source = {"source": "PULL_FROM_URL", "video_url": "http://127.0.0.1/v.mp4"}
    direct = {"post_info": {"privacy_level": "SELF_ONLY"}, "source_info": source}

    assert tiktok.api("/v2/post/publish/video/init/", direct, token).status == 200
    second = tiktok.api("/v2/post/publish/video/init/", direct, token)
    info = tiktok.api("/v2/post/publish/creator_info/query/", token=token)
    inbox = [tiktok.api("/v2/post/publish/inbox/video/init/", {"source_info": source}, token)
             for _ in range(6)]  # fmt: skip

    assert (second.status, second.code) == (403, "spam_risk_too_many_posts")
    assert (info.status, info.code) == (200, "spam_risk_too_many_posts")  # 200 on purpose
    assert [r.status for r in inbox] == [200] * 5 + [403]
    assert inbox[-1].code == "spam_risk_too_many_pending_share"


# --- FILE_UPLOAD --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "chunk", "total"),
    [
        (4_000, 2_000, 2),  # under the minimum: must go whole
        (70_000, 70_000, 1),  # over the maximum: must be chunked
        (30_000, 10_000, 2),  # total must be floor(size / chunk)
        (30_000, 4_000, 7),  # chunks under the minimum
        (0, 0, 1),
    ],
)
def test_the_chunk_plan_is_checked_at_init(
    tiktok: TikTok, size: int, chunk: int, total: int
) -> None:
    reply = tiktok.init_upload(tiktok.token(), size, chunk, total)
    assert (reply.status, reply.code) == (400, "invalid_param")


def test_chunks_in_order_with_206_then_201_and_content_range(tiktok: TikTok) -> None:
    data = mp4_bytes(25_000)
    reply = tiktok.init_upload(tiktok.token(), 25_000, 10_000, 2)
    url = reply.json()["data"]["upload_url"]
    assert url.startswith(tiktok.url + "/upload/?upload_id=")

    wrong_type = put(url, data[:10_000], 0, 25_000, "application/octet-stream")
    skipped = put(url, data[10_000:], 10_000, 25_000)
    first = put(url, data[:10_000], 0, 25_000)
    short = put(url, data[10_000:20_000], 10_000, 25_000)  # the last chunk is 15,000 bytes
    last = put(url, data[10_000:], 10_000, 25_000)
    after = put(url, data[10_000:], 10_000, 25_000)

    assert wrong_type.status == 400
    assert (skipped.status, skipped.headers["Content-Range"]) == (416, "bytes */25000")
    assert (first.status, first.headers["Content-Range"]) == (206, "bytes 0-9999/25000")
    assert short.status == 400
    assert (last.status, last.headers["Content-Range"]) == (201, "bytes 0-24999/25000")
    assert (after.status, after.headers["Content-Range"]) == (416, "bytes 0-24999/25000")


def test_the_upload_url_lasts_an_hour_and_needs_its_token(tiktok: TikTok) -> None:
    url = tiktok.init_upload(tiktok.token(), 8_000, 8_000, 1).json()["data"]["upload_url"]
    forged = url.split("upload_token=")[0] + "upload_token=guess"

    assert put(forged, mp4_bytes(8_000), 0, 8_000).status == 404
    tiktok.sim.advance(3601)
    assert put(url, mp4_bytes(8_000), 0, 8_000).status == 403


def test_status_machine_with_post_ids_only_for_public_posts(tiktok: TikTok) -> None:
    tiktok.sim.processing_polls = 1
    token = tiktok.token()
    reply = tiktok.init_upload(token, 8_000, 8_000, 1).json()["data"]
    publish_id = reply["publish_id"]

    def status() -> dict[str, Any]:
        data: dict[str, Any] = tiktok.api(
            "/v2/post/publish/status/fetch/", {"publish_id": publish_id}, token
        ).json()["data"]
        return data  # fmt: skip

    assert status() == {"status": "PROCESSING_UPLOAD", "publicaly_available_post_id": [],
                        "uploaded_bytes": 0}  # fmt: skip
    put(reply["upload_url"], mp4_bytes(8_000), 0, 8_000)
    assert status()["status"] == "PROCESSING_UPLOAD"  # one more poll of processing
    done = status()
    assert done["status"] == "PUBLISH_COMPLETE" and done["uploaded_bytes"] == 8_000
    assert len(done["publicaly_available_post_id"]) == 1
    assert [p.publish_id for p in tiktok.sim.posts] == [publish_id]


def test_cancel_works_only_before_the_end(tiktok: TikTok) -> None:
    token = tiktok.token()
    publish_id = tiktok.init_upload(token, 8_000, 8_000, 1).json()["data"]["publish_id"]

    cancelled = tiktok.api("/v2/post/publish/cancel/", {"publish_id": publish_id}, token)
    again = tiktok.api("/v2/post/publish/cancel/", {"publish_id": publish_id}, token)
    data = tiktok.api("/v2/post/publish/status/fetch/", {"publish_id": publish_id},
                      token).json()["data"]  # fmt: skip

    assert cancelled.status == 200 and again.code == "publish_not_cancellable"
    assert (data["status"], data["fail_reason"]) == ("FAILED", "publish_cancelled")


def test_mp4_duration_is_read_from_mvhd() -> None:
    assert mp4_duration(mp4_bytes(2_000, seconds=42.5)) == 42.5
    assert mp4_duration(b"not a video at all") is None


# --- Faults -------------------------------------------------------------------------------


def test_forced_errors_before_and_after_the_call_takes_effect(tiktok: TikTok) -> None:
    token = tiktok.token()
    tiktok.sim.force("video_init", "internal_error")
    tiktok.sim.force("video_init", "rate_limit_exceeded", after=True)

    before = tiktok.init_upload(token, 8_000, 8_000, 1)
    after = tiktok.init_upload(token, 8_000, 8_000, 1)

    assert (before.status, before.code) == (500, "internal_error")
    assert (after.status, after.code) == (429, "rate_limit_exceeded")
    assert len(tiktok.sim.publishes) == 1  # the second init took effect; its answer was lost


def test_random_faults_repeat_with_the_same_seed() -> None:
    def statuses() -> list[int]:
        sim = TikTokSim(fault_rate=0.5, seed=7)
        with serve(make_app(sim)) as url:
            token = sim.issue_tokens(PUBLIC)["access_token"]
            return [TikTok(sim, url).api("/v2/post/publish/creator_info/query/",
                                         token=token).status for _ in range(12)]  # fmt: skip

    first = statuses()
    assert first == statuses()
    assert 200 in first and set(first) - {200}


def test_error_rate_answers_internal_errors(tiktok: TikTok) -> None:
    tiktok.sim.error_rate = 1.0
    reply = tiktok.api("/v2/post/publish/creator_info/query/", token=tiktok.token())
    assert (reply.status, reply.code) == (500, "internal_error")


def test_concurrent_requests_are_all_counted(tiktok: TikTok) -> None:
    tiktok.sim.rate_limit_enabled = False
    token = tiktok.token()
    threads = [
        threading.Thread(
            target=tiktok.api, args=("/v2/post/publish/creator_info/query/", None, token)
        )
        for _ in range(40)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()  # fmt: skip

    assert tiktok.sim.counters["creator_info"] == 40


# --- /_sim/ -------------------------------------------------------------------------------


def test_state_holds_no_secrets(tiktok: TikTok) -> None:
    token = tiktok.token()
    state = tiktok.control("state").json()

    assert token not in json.dumps(state) and tiktok.sim.client_secret not in json.dumps(state)
    assert state["switches"]["client_key"] == tiktok.sim.client_key
    assert [c["open_id"] for c in state["creators"]] == [PUBLIC, PRIVATE]
    assert state["counts"]["tokens"] == {"codes": 0, "access": 1, "refresh": 1}
    plain = call(tiktok.url + "/_sim/").json()
    assert set(plain) == set(state) and plain["switches"] == state["switches"]


def test_switches_are_checked(tiktok: TikTok) -> None:
    ok = tiktok.control("switches", {"audited": False, "daily_post_cap": 3, "latency": 0})
    unknown = tiktok.control("switches", {"audited_by": True})
    mistyped = tiktok.control("switches", {"audited": "no"})

    assert ok.status == 200 and (tiktok.sim.audited, tiktok.sim.daily_post_cap) == (False, 3)
    assert (unknown.status, mistyped.status) == (400, 400)
    assert tiktok.sim.audited is False


def test_creators_errors_clock_and_reset_over_http(tiktok: TikTok) -> None:
    seeded = tiktok.control("creators", {"creators": [
        {"open_id": "sbx-new", "display_name": "New", "username": "new", "private": True,
         "can_post": False, "cant_post_reason": "reached_active_user_cap"}]})  # fmt: skip
    assert seeded.status == 200 and tiktok.sim.creators["sbx-new"].private
    token = tiktok.control("tokens", {"open_id": "sbx-new"}).json()["access_token"]
    info = tiktok.api("/v2/post/publish/creator_info/query/", token=token)
    assert info.code == "reached_active_user_cap"

    tiktok.control("errors", {"endpoint": "status", "code": "internal_error", "times": 2})
    assert len(tiktok.sim.forced["status"]) == 2
    now = tiktok.sim.now()
    tiktok.control("clock", {"advance": 3600})
    assert tiktok.sim.now() - now >= 3600
    assert tiktok.control("expire", {"open_id": "sbx-new"}).json() == {"expired": 1}

    tiktok.control("reset", {})
    assert "sbx-new" not in tiktok.sim.creators and tiktok.sim.forced == {}
    assert tiktok.sim.clock.offset == 0 and not tiktok.sim.tokens.access


def test_published_counts_duplicates(tiktok: TikTok) -> None:
    tiktok.sim.fetch_media = False
    token = tiktok.token()
    body = {"post_info": {"privacy_level": "PUBLIC_TO_EVERYONE", "title": "Promo"},
            "source_info": {"source": "PULL_FROM_URL", "photo_images": []},
            "post_mode": "DIRECT_POST", "media_type": "PHOTO"}  # fmt: skip
    for signature in ("a", "b"):  # the same photo under two signed URLs
        body["source_info"]["photo_images"] = [f"http://127.0.0.1/p.jpg?sig={signature}"]
        tiktok.api("/v2/post/publish/content/init/", body, token)
    tiktok.control("settle", {})

    published = tiktok.control("published").json()

    assert [p["title"] for p in published["data"]] == ["Promo", "Promo"]
    assert published["duplicates"] == 1
    requests = tiktok.control("requests").json()["data"]
    assert requests[-1] == {"endpoint": "content_init", "method": "POST",
                            "path": "/v2/post/publish/content/init/", "status": 200}  # fmt: skip
