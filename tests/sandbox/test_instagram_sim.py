"""The Instagram simulator on its own, spoken to over real HTTP as Meta's servers would be."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from postloom.sandbox.instagram_api import InstagramSim, make_app
from postloom.sandbox.instagram_state import (
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    SANDBOX_PAGE_ID,
    SANDBOX_PAGE_IG_ID,
    SANDBOX_UNLINKED_PAGE_ID,
)
from postloom.sandbox.server import serve

REDIRECT = "http://shop.test/callback/"
JPEG = {"format": "jpeg", "bytes": 200_000, "width": 1080, "height": 1080}
IMG = "https://cdn.test/a.jpg"
VID = "https://cdn.test/r.mp4"


class Sim(NamedTuple):
    sim: InstagramSim
    http: httpx.Client
    base: str


def running_sim() -> Iterator[Sim]:
    """A simulator on 127.0.0.1 that knows two media URLs without fetching them."""
    sim = InstagramSim(
        media_fixtures={IMG: JPEG, VID: {"format": "mp4", "bytes": 9_000_000, "duration": 12}}
    )
    with serve(make_app(sim)) as base, httpx.Client(base_url=base) as http:
        yield Sim(sim, http, base)


@pytest.fixture
def ig() -> Iterator[Sim]:
    yield from running_sim()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ig_token(ig: Sim) -> str:
    return ig.sim.issue_token(SANDBOX_IG_ID, INSTAGRAM_LOGIN).token


def error_of(response: httpx.Response) -> tuple[int, int | None]:
    error = response.json()["error"]
    return error["code"], error.get("error_subcode")


def container(ig: Sim, token: str, **params: Any) -> httpx.Response:
    return ig.http.post(f"/v24.0/{SANDBOX_IG_ID}/media", json=params, headers=bearer(token))


def publish(ig: Sim, token: str, creation_id: str) -> httpx.Response:
    return ig.http.post(
        f"/v24.0/{SANDBOX_IG_ID}/media_publish",
        json={"creation_id": creation_id},
        headers=bearer(token),
    )


def authorize_params(ig: Sim, **changes: str) -> dict[str, str]:
    return {
        "client_id": ig.sim.instagram_app_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "instagram_business_basic,instagram_business_content_publish",
        "state": "s1",
        **changes,
    }


# --- Consent pages ------------------------------------------------------------------------


def test_the_instagram_consent_page_is_labelled_sandbox_and_allow_redirects(ig: Sim) -> None:
    page = ig.http.get("/oauth/authorize", params=authorize_params(ig))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for text in ("Sandbox", ">Allow<", ">Cancel<", "@sandbox.shop", "instagram_business_basic"):
        assert text in page.text

    allowed = ig.http.post(page.url, data={**authorize_params(ig), "decision": "allow"})

    assert allowed.status_code == 302
    location = allowed.headers["location"]
    assert location.startswith(REDIRECT + "?") and location.endswith("#_")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["s1"] and query["code"][0].startswith("AQ")


def test_cancel_redirects_with_access_denied(ig: Sim) -> None:
    denied = ig.http.post("/oauth/authorize", data={**authorize_params(ig), "decision": "deny"})
    assert parse_qs(urlsplit(denied.headers["location"]).query) == {
        "error": ["access_denied"],
        "error_reason": ["user_denied"],
        "error_description": ["The user denied your request"],
        "state": ["s1"],
    }


def test_auto_redirects_at_once_and_the_facebook_dialog_has_no_fragment(ig: Sim) -> None:
    auto = ig.http.get("/oauth/authorize", params={**authorize_params(ig), "auto": "1"})
    assert auto.status_code == 302
    ig.sim.auto_approve = True
    scope = "instagram_basic,instagram_content_publish,pages_show_list"
    fb = ig.http.get(
        "/v24.0/dialog/oauth",
        params={**authorize_params(ig), "scope": scope, "client_id": ig.sim.facebook_app_id},
    )
    assert fb.status_code == 302 and "#" not in fb.headers["location"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"client_id": "someone-else"}, "Invalid app ID"),
        ({"redirect_uri": "ftp://shop.test/"}, "not registered"),
        ({"scope": "business_basic,business_content_publish"}, "retired"),
        (
            {"scope": "instagram_business_content_publish"},
            "instagram_business_basic scope is required",
        ),
        ({"response_type": "token"}, "response_type"),
    ],
)
def test_a_bad_login_link_is_answered_on_the_page_never_redirected(
    ig: Sim, change: dict[str, str], words: str
) -> None:
    ig.sim.auto_approve = True
    response = ig.http.get("/oauth/authorize", params=authorize_params(ig, **change))
    assert response.status_code == 400 and "location" not in response.headers
    assert words in response.text and "Sandbox" in response.text


# --- Tokens -------------------------------------------------------------------------------


def code_for(ig: Sim) -> str:
    response = ig.http.get("/oauth/authorize", params={**authorize_params(ig), "auto": "1"})
    return parse_qs(urlsplit(response.headers["location"]).query)["code"][0]


def test_the_code_exchange_accepts_a_multipart_form_as_in_the_curl_example(ig: Sim) -> None:
    fields = {
        "client_id": ig.sim.instagram_app_id,
        "client_secret": ig.sim.instagram_app_secret,
        "grant_type": "authorization_code",
        "redirect_uri": REDIRECT,
        "code": code_for(ig),
    }
    response = ig.http.post("/oauth/access_token", files={k: (None, v) for k, v in fields.items()})

    assert response.status_code == 200
    [entry] = response.json()["data"]
    assert entry["user_id"] == SANDBOX_IG_ID
    assert entry["permissions"] == "instagram_business_basic,instagram_business_content_publish"
    assert ig.sim.tokens[entry["access_token"]].kind == "short"


def test_a_code_expires_after_code_ttl(ig: Sim) -> None:
    code = code_for(ig)
    ig.sim.advance(ig.sim.code_ttl + 1)
    response = ig.http.post(
        "/oauth/access_token",
        data={
            "client_id": ig.sim.instagram_app_id,
            "client_secret": ig.sim.instagram_app_secret,
            "grant_type": "authorization_code",
            "redirect_uri": REDIRECT,
            "code": code,
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "error_type": "OAuthException",
        "code": 400,
        "error_message": "Matching code was not found or was already used",
    }


def test_only_a_short_token_is_exchanged_and_only_an_old_long_one_refreshed(ig: Sim) -> None:
    long = ig_token(ig)
    exchange = ig.http.get(
        "/access_token",
        params={
            "grant_type": "ig_exchange_token",
            "client_secret": ig.sim.instagram_app_secret,
            "access_token": long,
        },
    )
    assert error_of(exchange) == (190, None)

    young = ig.http.get(
        "/refresh_access_token", params={"grant_type": "ig_refresh_token", "access_token": long}
    )
    assert error_of(young) == (190, None)
    ig.sim.advance(86_400)
    fresh = ig.http.get(
        "/refresh_access_token", params={"grant_type": "ig_refresh_token", "access_token": long}
    )
    assert fresh.json()["expires_in"] == 5_184_000
    ig.sim.advance(60 * 86_400)
    expired = ig.http.get(
        "/refresh_access_token", params={"grant_type": "ig_refresh_token", "access_token": long}
    )
    assert error_of(expired) == (190, 463)


@pytest.mark.parametrize("how", ["query", "form", "json", "bearer", "oauth"])
def test_parameters_and_token_come_from_anywhere_graph_takes_them(ig: Sim, how: str) -> None:
    token = ig_token(ig)
    params = {"fields": "user_id,username"}
    if how == "query":
        response = ig.http.get("/v24.0/me", params={**params, "access_token": token})
    elif how == "form":
        response = ig.http.request("GET", "/v24.0/me", data={**params, "access_token": token})
    elif how == "json":
        response = ig.http.request("GET", "/v24.0/me", json={**params, "access_token": token})
    else:
        scheme = "Bearer" if how == "bearer" else "OAuth"
        response = ig.http.get(
            "/v24.0/me", params=params, headers={"Authorization": f"{scheme} {token}"}
        )
    body = response.json()
    assert (body["user_id"], body["username"]) == (SANDBOX_IG_ID, "sandbox.shop")
    assert body["id"] != SANDBOX_IG_ID  # /me's id is the app-scoped one


def test_usage_headers_come_with_every_answer(ig: Sim) -> None:
    token = ig_token(ig)
    ok = ig.http.get("/v24.0/me", headers=bearer(token))
    refused = ig.http.get("/v24.0/me", headers=bearer("nonsense"))
    for response in (ok, refused):
        assert set(json.loads(response.headers["x-app-usage"])) == {
            "call_count",
            "total_cputime",
            "total_time",
        }
    assert SANDBOX_IG_ID in json.loads(ok.headers["x-business-use-case-usage"])
    assert error_of(refused) == (190, None)


# --- Objects and access -------------------------------------------------------------------


def test_each_token_reaches_only_its_own_accounts(ig: Sim) -> None:
    ig_tok = ig_token(ig)
    fb_tok = ig.sim.issue_token(SANDBOX_FB_USER_ID, FACEBOOK_LOGIN).token
    fields = {"fields": "username"}

    assert (
        ig.http.get(f"/v24.0/{SANDBOX_PAGE_IG_ID}", params=fields, headers=bearer(ig_tok)).json()[
            "error"
        ]["error_subcode"]
        == 33
    )
    assert (
        ig.http.get(f"/v24.0/{SANDBOX_PAGE_IG_ID}", params=fields, headers=bearer(fb_tok)).json()[
            "username"
        ]
        == "sandbox.page.shop"
    )
    page = ig.http.get(
        f"/v24.0/{SANDBOX_PAGE_ID}",
        params={"fields": "instagram_business_account"},
        headers=bearer(fb_tok),
    ).json()
    assert page == {"instagram_business_account": {"id": SANDBOX_PAGE_IG_ID}, "id": SANDBOX_PAGE_ID}
    unlinked = ig.http.get(
        f"/v24.0/{SANDBOX_UNLINKED_PAGE_ID}",
        params={"fields": "instagram_business_account"},
        headers=bearer(fb_tok),
    ).json()
    assert unlinked == {"id": SANDBOX_UNLINKED_PAGE_ID}
    assert error_of(ig.http.get("/v24.0/me/accounts", headers=bearer(ig_tok))) == (100, None)


def test_the_permalink_opens_a_sandbox_page(ig: Sim) -> None:
    token = ig_token(ig)
    created = container(ig, token, image_url=IMG, caption="Hello <b>world</b>").json()["id"]
    media_id = publish(ig, token, created).json()["id"]
    permalink = ig.http.get(
        f"/v24.0/{media_id}", params={"fields": "permalink"}, headers=bearer(token)
    ).json()["permalink"]

    page = httpx.get(permalink)

    assert page.status_code == 200 and "Sandbox" in page.text
    assert "Hello &lt;b&gt;world&lt;/b&gt;" in page.text
    assert httpx.get(f"{ig.base}/p/nope/").status_code == 404


# --- /_sim/ -------------------------------------------------------------------------------


def test_control_state_lists_the_seeded_accounts(ig: Sim) -> None:
    state = ig.http.get("/_sim/state").json()
    accounts = {a["ig_id"]: (a["username"], a["variant"]) for a in state["accounts"]}
    assert accounts == {
        SANDBOX_IG_ID: ("sandbox.shop", INSTAGRAM_LOGIN),
        SANDBOX_PAGE_IG_ID: ("sandbox.page.shop", FACEBOOK_LOGIN),
    }
    assert [(p["page_id"], p["ig_id"]) for p in state["pages"]] == [
        (SANDBOX_PAGE_ID, SANDBOX_PAGE_IG_ID),
        (SANDBOX_UNLINKED_PAGE_ID, ""),
    ]
    assert all(p["access_token"] == "(hidden)" for p in state["pages"])
    assert state["counts"] == {"published": 0, "duplicates": 0, "containers": {}, "requests": 0}
    assert state["switches"]["quota_total"] == 50


def test_control_switches_are_typed_and_unknown_ones_refused(ig: Sim) -> None:
    answer = ig.http.post(
        "/_sim/switches", json={"quota_total": "7", "auto_approve": "true", "latency": 0, "seed": 3}
    )
    assert answer.status_code == 200
    assert (ig.sim.quota_total, ig.sim.auto_approve, ig.sim.latency, ig.sim.seed) == (
        7,
        True,
        0.0,
        3,
    )
    assert ig.http.post("/_sim/switches", json={"nonsense": 1}).status_code == 400
    assert ig.http.post("/_sim/switches", json={"redirect_uris": "x"}).status_code == 400


def test_control_seeds_accounts_and_issues_tokens_for_them(ig: Sim) -> None:
    shop = ig.http.post("/_sim/accounts", json={"username": "warung.bu.sri"}).json()
    page = ig.http.post(
        "/_sim/accounts",
        json={"variant": "facebook_login", "page_name": "Toko Maju", "username": "toko.maju"},
    ).json()

    token = ig.http.post("/_sim/tokens", json={"ig_id": shop["ig_id"]}).json()
    me = ig.http.get(
        "/v24.0/me", params={"fields": "username"}, headers=bearer(token["access_token"])
    )
    assert me.json()["username"] == "warung.bu.sri"
    assert (token["expires_in"], token["variant"]) == (5_184_000, INSTAGRAM_LOGIN)
    fb = ig.http.post("/_sim/tokens", json={"fb_user_id": page["fb_user_id"]}).json()
    pages = ig.http.get(
        "/v24.0/me/accounts",
        params={"fields": "name,instagram_business_account"},
        headers=bearer(fb["access_token"]),
    ).json()["data"]
    assert {
        "name": "Toko Maju",
        "instagram_business_account": {"id": page["ig_id"]},
        "id": page["page_id"],
    } in pages
    assert ig.http.post("/_sim/tokens", json={}).status_code == 400


def test_control_errors_clock_revoke_published_and_reset(ig: Sim) -> None:
    token = ig_token(ig)
    assert (
        ig.http.post(
            "/_sim/errors", json={"endpoint": "media", "code": 9004, "subcode": 2207052}
        ).status_code
        == 200
    )
    assert error_of(container(ig, token, image_url=IMG)) == (9004, 2207052)
    ig.http.post("/_sim/errors", json={"endpoint": "media_publish", "after": True})
    created = container(ig, token, image_url=IMG, caption="Lost").json()["id"]
    assert publish(ig, token, created).status_code == 500
    published = ig.http.get("/_sim/published").json()
    assert [(p["container_id"], p["caption"], p["kind"]) for p in published["data"]] == [
        (created, "Lost", "IMAGE")
    ]
    assert published["duplicates"] == 0
    assert [r["endpoint"] for r in ig.http.get("/_sim/requests").json()["data"]] == [
        "media",
        "media",
        "media_publish",
    ]

    clock = ig.http.post("/_sim/clock", json={"advance": 3600}).json()
    assert clock["offset"] == 3600
    assert ig.http.post("/_sim/expire", json={"access_token": token}).json() == {"expired": 1}
    assert error_of(ig.http.get("/v24.0/me", headers=bearer(token))) == (190, 463)
    assert ig.http.post("/_sim/revoke", json={}).json()["revoked"] == len(ig.sim.tokens)

    ig.sim.quota_total = 3
    assert ig.http.post("/_sim/reset", json={}).json() == {"reset": True}
    assert (ig.sim.published, ig.sim.quota_total, ig.sim.clock.offset) == ([], 50, 0.0)
    assert len(ig.sim.users) == 2 and token not in ig.sim.tokens


def test_placeholder_pictures_are_jpegs(ig: Sim) -> None:
    picture = ig.http.get(f"/_sim/media/avatar-{SANDBOX_IG_ID}.jpg")
    assert (
        picture.headers["content-type"] == "image/jpeg" and picture.content[:3] == b"\xff\xd8\xff"
    )
    assert ig.http.get("/_sim/media/../secret").status_code == 404


def test_make_app_without_a_simulator_starts_a_seeded_one() -> None:
    with serve(make_app()) as base:
        state = httpx.get(f"{base}/_sim/state").json()
    assert {a["username"] for a in state["accounts"]} == {"sandbox.shop", "sandbox.page.shop"}
