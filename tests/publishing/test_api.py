"""Review, approval and publishing over JSON: tenancy, CSRF, the engine's refusals, OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.publishing.models import Publication
from postloom.studio import approval
from postloom.studio.models import Format, Post
from tests.publishing.review_support import (
    FakeTikTok,
    approve,
    build_world,
    connect,
    fake_tiktok,
    make_post,
    snapshot,
)

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
BASE = "/api/v1/businesses/{b}"
SOON = (timezone.now() + timedelta(days=3)).replace(microsecond=0).isoformat()
READ = (200, 200, 200, 404, 401)
WRITE = (200, 200, 403, 404, 401)
CREATE = (201, 201, 403, 404, 401)

ROUTES: list[tuple[str, str, dict[str, Any] | None, tuple[int, ...]]] = [
    ("get", "/review", None, READ),
    ("post", "/posts/{draft}/approve", {}, WRITE),
    ("post", "/posts/{draft}/reject", {"comment": "Shorter, please"}, WRITE),
    ("get", "/posts/{approved}/publications", None, READ),
    ("post", "/posts/{approved}/publish", {"connection_id": "{c}"}, CREATE),
    ("post", "/posts/{approved}/schedule", {"connection_id": "{c}", "when": SOON}, CREATE),
    ("post", "/publications/{scheduled}/cancel", {}, WRITE),
    ("post", "/publications/{failed}/retry", {}, WRITE),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def send(client: Client, method: str, path: str, body: Any = None, **extra: Any) -> Any:
    if body is None:
        return getattr(client, method)(path, **extra)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def world(business: Business, owner: User) -> dict[str, int]:
    return build_world(business, owner)


def fill(body: dict[str, Any] | None, ids: dict[str, int]) -> dict[str, Any] | None:
    if body is None:
        return None
    return {k: int(v.format(**ids)) if v == "{c}" else v for k, v in body.items()}


@pytest.mark.parametrize(
    ("method", "path", "body", "role", "expected"),
    [
        pytest.param(m, p, b, role, e, id=f"{m}-{p}-{role}")
        for m, p, b, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_publishing_api_by_role(
    request: pytest.FixtureRequest,
    world: dict[str, int],
    client_for: ClientFor,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    role: str,
    expected: int,
) -> None:
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = (BASE + path).format(**world)
    before = snapshot()
    response = send(client_for(user), method, url, fill(body, world))
    assert response.status_code == expected, response.content
    assert (snapshot() != before) == (method != "get" and expected < 300)


def test_the_review_queue(business: Business, owner: User, client_for: ClientFor) -> None:
    draft = make_post(business, headline="Waiting")
    approved = approve(make_post(business), owner)
    make_post(business, caption="")  # not ready: not in the queue
    data = send(client_for(owner), "get", f"/api/v1/businesses/{business.pk}/review").json()
    assert [p["id"] for p in data["awaiting"]] == [draft.pk]
    assert data["awaiting"][0]["content_hash"] == approval.content_hash(draft)
    assert data["awaiting"][0]["status"] == "draft"
    assert [(p["id"], p["approved_by_id"]) for p in data["approved"]] == [(approved.pk, owner.pk)]
    assert data["rejected"] == []


def test_approve_and_reject(business: Business, editor: User, client_for: ClientFor) -> None:
    client = client_for(editor)
    post = make_post(business)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}"
    stale = send(client, "post", url + "/approve", {"content_hash": "0" * 64})
    assert stale.status_code == 422
    assert "This post changed since you opened it" in stale.json()["detail"][0]["msg"]
    done = send(client, "post", url + "/approve", {"content_hash": approval.content_hash(post)})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["approved_by_id"]) == ("approved", editor.pk)
    again = send(client, "post", url + "/approve", {})
    assert again.status_code == 422
    rejected = send(client, "post", url + "/reject", {"comment": "Not this week"})
    assert (rejected.json()["status"], rejected.json()["approved_by_id"]) == ("rejected", None)
    empty = send(client, "post", url + "/reject", {"comment": " "})
    assert (
        empty.status_code == 422 and empty.json()["detail"][0]["msg"] == "Say what should change."
    )
    twice = send(client, "post", url + "/reject", {"comment": "Again"})
    assert (
        twice.json()["detail"][0]["msg"] == "This post can no longer be rejected; it is “Rejected”."
    )


def test_publish_refused_for_a_draft(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    connection = connect(business)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publish"
    response = send(client_for(owner), "post", url, {"connection_id": connection.pk})
    assert response.status_code == 422
    assert (
        response.json()["detail"][0]["msg"]
        == "Only an approved post can be published. Approve it first."
    )
    assert not Publication.objects.exists()


def test_publish_twice_makes_one_publication(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business, sandbox=True)
    client = client_for(owner)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publish"
    first = send(client, "post", url, {"connection_id": connection.pk})
    assert first.status_code == 201
    row = Publication.objects.get()
    assert first.json()["next_attempt_at"] is not None
    assert first.json() | {"created_at": None, "next_attempt_at": None} == {
        "id": row.pk, "post_id": post.pk, "connection_id": connection.pk, "sandbox": True,
        "platform": "instagram", "kind": "feed_image", "status": "queued",
        "scheduled_for": None, "attempts": 0,
        "next_attempt_at": None,
        "remote_id": "", "media_id": "", "permalink": "", "error_code": "", "message": "",
        "created_at": None, "published_at": None,
    }  # fmt: skip
    second = send(client, "post", url, {"connection_id": connection.pk})
    assert second.status_code == 422
    assert "already scheduled or being published" in second.json()["detail"][0]["msg"]
    assert Publication.objects.count() == 1
    listed = send(client, "get", f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publications")
    assert [p["id"] for p in listed.json()] == [row.pk]


def test_schedule_times(business: Business, owner: User, client_for: ClientFor) -> None:
    business.timezone = "Asia/Jakarta"
    business.save()
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/schedule"
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    refused = send(client, "post", url, {"connection_id": connection.pk, "when": past})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"] == "Choose a time in the future."
    local = (timezone.now() + timedelta(days=1)).astimezone(ZoneInfo("Asia/Jakarta"))
    naive = local.replace(tzinfo=None, second=0, microsecond=0)
    response = send(
        client, "post", url, {"connection_id": connection.pk, "when": naive.isoformat()}
    )
    assert response.status_code == 201
    expected = naive.replace(tzinfo=ZoneInfo("Asia/Jakarta")).astimezone(UTC)
    assert Publication.objects.get().scheduled_for == expected
    assert datetime.fromisoformat(response.json()["scheduled_for"]) == expected


def test_a_connection_of_another_network_is_refused(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    tiktok_account = connect(business, "tiktok")
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publish"
    response = send(client_for(owner), "post", url, {"connection_id": tiktok_account.pk})
    assert response.status_code == 422
    assert "connected accounts for this network" in response.json()["detail"][0]["msg"]
    assert not Publication.objects.exists()


@pytest.fixture
def tiktok(monkeypatch: pytest.MonkeyPatch) -> FakeTikTok:
    return fake_tiktok(monkeypatch)


def test_tiktok_needs_its_choices(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    post = approve(make_post(business, format=Format.TIKTOK_PHOTO), owner)
    connection = connect(business, "tiktok")
    client = client_for(owner)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publish"
    missing = send(client, "post", url, {"connection_id": connection.pk})
    assert missing.json()["detail"][0]["msg"] == "Choose who can see this post."
    branded_private = {"privacy_level": "SELF_ONLY", "commercial": True, "branded_content": True}
    refused = send(client, "post", url, {"connection_id": connection.pk, "tiktok": branded_private})
    assert refused.status_code == 422
    assert (
        refused.json()["detail"][0]["msg"] == "Branded content visibility cannot be set to private."
    )
    assert not Publication.objects.exists()
    creator = send(
        client, "get",
        f"/api/v1/businesses/{business.pk}/posts/{post.pk}/tiktok-creator?connection_id={connection.pk}",
    )  # fmt: skip
    assert creator.json()["nickname"] == "Kopi Senja Official"
    assert creator.json()["privacy_level_options"] == [
        "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY",
    ]  # fmt: skip


def test_tiktok_choices_reach_the_engine(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    post = approve(make_post(business, format=Format.TIKTOK_PHOTO), owner)
    connection = connect(business, "tiktok")
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publish"
    choices = {"privacy_level": "PUBLIC_TO_EVERYONE", "allow_comment": True, "allow_duet": True}
    response = send(
        client_for(owner), "post", url, {"connection_id": connection.pk, "tiktok": choices}
    )
    assert response.status_code == 201
    options = Publication.objects.get().tiktok_options
    assert (options["privacy_level"], options["allow_comment"], options["allow_duet"]) == (
        "PUBLIC_TO_EVERYONE", True, False,  # photo posts have no duet
    )  # fmt: skip


@pytest.fixture
def csrf_client(owner: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get("/b/new/")  # any page sets the CSRF cookie, as a browser would receive it
    return client


def test_writes_need_the_csrf_token(business: Business, owner: User, csrf_client: Client) -> None:
    post = make_post(business)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/approve"
    refused = send(csrf_client, "post", url, {})
    assert refused.status_code == 403
    assert Post.objects.get(pk=post.pk).status == Post.Status.DRAFT
    token = csrf_client.cookies["csrftoken"].value
    accepted = send(csrf_client, "post", url, {}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert Post.objects.get(pk=post.pk).status == Post.Status.APPROVED


def test_every_route_is_in_the_openapi_schema(owner: User, client_for: ClientFor) -> None:
    schema = client_for(owner).get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    base = "/api/v1/businesses/{business_id}"
    for path, method in [
        ("/review", "get"),
        ("/posts/{post_id}/approve", "post"),
        ("/posts/{post_id}/reject", "post"),
        ("/posts/{post_id}/publications", "get"),
        ("/posts/{post_id}/publish", "post"),
        ("/posts/{post_id}/schedule", "post"),
        ("/posts/{post_id}/tiktok-creator", "get"),
        ("/publications/{publication_id}/cancel", "post"),
        ("/publications/{publication_id}/retry", "post"),
    ]:
        assert method in paths[base + path], path
        assert "publishing" in paths[base + path][method]["tags"]
