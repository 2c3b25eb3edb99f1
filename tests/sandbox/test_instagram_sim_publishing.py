"""The Instagram simulator's publishing side over real HTTP: container rules and states,
media_publish and its quota, concurrency, and the failure switches."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from postloom.sandbox.instagram_api import InstagramSim, make_app
from postloom.sandbox.instagram_state import (
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    SANDBOX_PAGE_IG_ID,
)
from postloom.sandbox.server import serve
from tests.sandbox.test_instagram_sim import (
    IMG,
    JPEG,
    VID,
    Sim,
    bearer,
    container,
    error_of,
    ig_token,
    publish,
    running_sim,
)


@pytest.fixture
def ig() -> Iterator[Sim]:
    yield from running_sim()


# --- Containers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"video_url": VID}, (100, 2207023)),  # feed VIDEO is gone: reels instead
        ({"media_type": "REELS", "video_url": VID, "is_carousel_item": True}, (100, 2207023)),
        ({"media_type": "REELS"}, (100, None)),
        ({}, (100, None)),
        ({"image_url": "ftp://cdn.test/a.jpg"}, (9004, 2207052)),
        ({"image_url": IMG, "alt_text": "x" * 1001}, (100, None)),
    ],
)
def test_malformed_containers_are_refused(ig: Sim, params: dict[str, Any], expected: Any) -> None:
    assert error_of(container(ig, ig_token(ig), **params)) == expected


def test_carousel_rules(ig: Sim) -> None:
    token = ig_token(ig)
    other = ig.sim.issue_token(SANDBOX_FB_USER_ID, FACEBOOK_LOGIN).token
    item = container(ig, token, image_url=IMG, is_carousel_item=True).json()["id"]
    feed = container(ig, token, image_url=IMG).json()["id"]
    foreign = ig.http.post(
        f"/v24.0/{SANDBOX_PAGE_IG_ID}/media",
        headers=bearer(other),
        data={"image_url": IMG, "is_carousel_item": "true"},
    ).json()["id"]
    ig.sim.polls_until_finished["VIDEO"] = 1
    pending = container(ig, token, media_type="VIDEO", video_url=VID, is_carousel_item=True).json()[
        "id"
    ]

    def album(*children: str) -> tuple[int, int | None]:
        return error_of(container(ig, token, media_type="CAROUSEL", children=list(children)))

    assert album(item) == (100, 2207028)
    assert album(*[item] * 11) == (100, 2207028)
    assert album(item, feed) == (24, 2207006)  # not a carousel item
    assert album(item, foreign) == (24, 2207006)  # someone else's
    assert album(item, pending) == (9007, 2207027)  # still processing
    ok = container(ig, token, media_type="CAROUSEL", children=f"{item},{item}", caption="Two")
    assert ok.status_code == 200


def test_container_states_over_polls_and_time(ig: Sim) -> None:
    token = ig_token(ig)
    ig.sim.polls_until_finished["REELS"] = 2
    reel = container(ig, token, media_type="REELS", video_url=VID).json()["id"]

    def status() -> str:
        return ig.http.get(
            f"/v24.0/{reel}", params={"fields": "status_code"}, headers=bearer(token)
        ).json()["status_code"]

    assert [status() for _ in range(3)] == ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"]
    ig.sim.advance(86_401)
    assert status() == "EXPIRED"
    assert error_of(publish(ig, token, reel)) == (24, 2207008)


def test_bad_video_ends_in_error_with_its_subcode(ig: Sim) -> None:
    ig.sim.media_fixtures["https://cdn.test/bad.mp4"] = {"format": "mp4", "moov_first": False}
    token = ig_token(ig)
    reel = container(ig, token, media_type="REELS", video_url="https://cdn.test/bad.mp4").json()[
        "id"
    ]
    body = ig.http.get(
        f"/v24.0/{reel}", params={"fields": "status_code,status"}, headers=bearer(token)
    ).json()
    assert body["status_code"] == "ERROR" and "2207026" in body["status"]
    assert error_of(publish(ig, token, reel)) == (-1, 2207032)


def test_fetching_can_be_switched_off_for_load_tests(ig: Sim) -> None:
    ig.sim.fetch_media = False
    response = container(ig, ig_token(ig), image_url="http://127.0.0.1:9/never-fetched.png")
    assert response.status_code == 200


# --- media_publish ------------------------------------------------------------------------


def test_publish_errors_and_the_sliding_quota_window(ig: Sim) -> None:
    token = ig_token(ig)
    ig.sim.quota_total = 2
    assert error_of(publish(ig, token, "12345")) == (24, 2207008)
    first = container(ig, token, image_url=IMG).json()["id"]
    assert publish(ig, token, first).status_code == 200
    assert error_of(publish(ig, token, first)) == (100, None)  # never twice
    ig.sim.advance(12 * 3600)
    assert publish(ig, token, container(ig, token, image_url=IMG).json()["id"]).status_code == 200
    third = container(ig, token, image_url=IMG).json()["id"]
    assert error_of(publish(ig, token, third)) == (9, 2207042)
    limit = ig.http.get(f"/v24.0/{SANDBOX_IG_ID}/content_publishing_limit", headers=bearer(token))
    assert limit.json() == {"data": [{"quota_usage": 2}]}  # config only when asked for
    ig.sim.advance(12 * 3600 + 1)  # the first post leaves the window
    assert publish(ig, token, third).status_code == 200
    assert len(ig.sim.published) == 3


def test_duplicates_count_the_same_post_published_again(ig: Sim) -> None:
    token = ig_token(ig)
    for signature in ("a", "b"):
        url = f"https://cdn.test/a.jpg?sig={signature}"
        ig.sim.media_fixtures[url] = JPEG
        publish(ig, token, container(ig, token, image_url=url, caption="Same").json()["id"])
    publish(ig, token, container(ig, token, image_url=IMG, caption="Different").json()["id"])
    assert ig.sim.duplicates() == 1


def test_concurrent_publishes_are_all_recorded_once(ig: Sim) -> None:
    token = ig_token(ig)
    ig.sim.fetch_media = False
    results: list[int] = []

    def post(worker: int) -> None:
        # Five workers at once: sandbox.server's listen backlog is the socketserver default.
        for number in range(worker * 4, worker * 4 + 4):
            created = ig.http.post(
                f"/v24.0/{SANDBOX_IG_ID}/media",
                headers=bearer(token),
                json={"image_url": IMG, "caption": f"Post {number}"},
            )
            answer = ig.http.post(
                f"/v24.0/{SANDBOX_IG_ID}/media_publish",
                headers=bearer(token),
                json={"creation_id": created.json()["id"]},
            )
            results.append(answer.status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [200] * 20
    assert len({p.media_id for p in ig.sim.published}) == 20
    assert sorted(p.caption for p in ig.sim.published) == sorted(f"Post {n}" for n in range(20))
    assert ig.sim.duplicates() == 0
    assert (
        ig.sim.users[SANDBOX_IG_ID].publish_times
        and len(ig.sim.users[SANDBOX_IG_ID].publish_times) == 20
    )


# --- Failure switches ---------------------------------------------------------------------


def test_forced_errors_hit_the_named_endpoint_the_given_number_of_times(ig: Sim) -> None:
    token = ig_token(ig)
    ig.sim.force_error("me", 17, times=2, status=403)
    answers = [ig.http.get("/v24.0/me", headers=bearer(token)) for _ in range(3)]
    assert [a.status_code for a in answers] == [403, 403, 200]
    assert error_of(answers[0]) == (17, None)
    assert container(ig, token, image_url=IMG).status_code == 200  # another endpoint: untouched


def test_a_lost_answer_still_publishes(ig: Sim) -> None:
    token = ig_token(ig)
    created = container(ig, token, image_url=IMG).json()["id"]
    ig.sim.lose_answers("media_publish")
    assert publish(ig, token, created).status_code == 500
    assert [p.container_id for p in ig.sim.published] == [created]


def test_throttling_for_a_number_of_calls(ig: Sim) -> None:
    token = ig_token(ig)
    ig.sim.throttle, ig.sim.throttle_times = "buc", 2
    first, second, third = (ig.http.get("/v24.0/me", headers=bearer(token)) for _ in range(3))
    assert error_of(first) == (80002, None) and error_of(second) == (80002, None)
    usage = json.loads(first.headers["x-business-use-case-usage"])[SANDBOX_IG_ID][0]
    assert (usage["call_count"], usage["estimated_time_to_regain_access"]) == (100, 5)
    assert third.status_code == 200 and ig.sim.throttle == ""


def test_random_faults_repeat_with_the_same_seed() -> None:
    def statuses(seed: int) -> list[int]:
        sim = InstagramSim(fault_rate=0.5, seed=seed, fetch_media=False)
        token = sim.issue_token(SANDBOX_IG_ID, INSTAGRAM_LOGIN).token
        with serve(make_app(sim)) as base:
            return [
                httpx.get(f"{base}/v24.0/me", headers=bearer(token)).status_code for _ in range(30)
            ]

    first = statuses(7)
    assert first == statuses(7)
    assert {200} < set(first)  # some failed, some did not
    assert set(first) <= {200, 400, 500, 503}


def test_latency_slows_api_calls_but_not_the_control_endpoints(ig: Sim) -> None:
    ig.sim.latency = 0.3
    started = time.monotonic()
    ig.http.get("/v24.0/me", headers=bearer(ig_token(ig)))
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    ig.http.get("/_sim/state")
    assert time.monotonic() - started < 0.3


def test_stories_are_listed_for_24_hours_and_never_with_the_feed(ig: Sim) -> None:
    token = ig_token(ig)
    story = container(ig, token, media_type="STORIES", image_url=IMG).json()["id"]
    media_id = publish(ig, token, story).json()["id"]

    def ids(edge: str) -> list[str]:
        answer = ig.http.get(f"/v24.0/{SANDBOX_IG_ID}/{edge}", headers=bearer(token))
        return [row["id"] for row in answer.json()["data"]]

    assert ids("stories") == [media_id]
    assert media_id not in ids("media")
    ig.sim.advance(86_401)
    assert ids("stories") == []
