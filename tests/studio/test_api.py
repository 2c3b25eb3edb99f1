"""The studio's JSON API under /api/v1/businesses/{id}/…: tenancy, generation, edits."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.models import GenerationJob, Plan, Post
from tests.studio.test_tenancy import snapshot

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
BASE = "/api/v1/businesses/{b}"
PUT = {"caption": "New words", "hashtags": ["#kopi", "senja"], "headline": "New", "alt_text": "A"}

ROUTES: list[tuple[str, str, dict[str, Any] | None, tuple[int, ...]]] = [
    ("get", "/credits", None, (200, 200, 200, 404, 401)),
    ("get", "/plans", None, (200, 200, 200, 404, 401)),
    ("post", "/plans", {"start": "2099-01-01", "days": 2}, (202, 202, 403, 404, 401)),
    ("get", "/plans/{plan}", None, (200, 200, 200, 404, 401)),
    (
        "post",
        "/posts",
        {"topic": "Our new latte", "format": "feed_image"},
        (202, 202, 403, 404, 401),
    ),
    ("get", "/posts/{post}", None, (200, 200, 200, 404, 401)),
    ("put", "/posts/{post}", PUT, (200, 200, 403, 404, 401)),
    ("get", "/jobs/{job}", None, (200, 200, 200, 404, 401)),
    ("post", "/jobs/{job}/cancel", {}, (200, 200, 403, 404, 401)),
]


def send(client: Client, method: str, path: str, body: Any = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("method", "path", "body", "role", "expected"),
    [
        pytest.param(m, p, b, role, e, id=f"{m}-{p}-{role}")
        for m, p, b, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_studio_api_by_role(
    request: pytest.FixtureRequest,
    business: Business,
    plan: Plan,
    post: Post,
    client_for: ClientFor,
    simple_planner: None,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    role: str,
    expected: int,
) -> None:
    job = GenerationJob.objects.create(business=business, plan=plan, status="running", total=3)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = (BASE + path).format(b=business.pk, plan=plan.pk, post=post.pk, job=job.pk)
    before = snapshot()
    response = send(client_for(user), method, url, body)
    assert response.status_code == expected
    assert (snapshot() != before) == (method != "get" and expected < 300)


def test_a_single_post_over_the_api(business: Business, owner: User, client_for: ClientFor) -> None:
    client = client_for(owner)
    body = {"topic": "Weekend opening hours", "format": "story"}
    job = send(client, "post", f"/api/v1/businesses/{business.pk}/posts", body).json()
    assert (job["status"], job["done"], job["total"], job["error"]) == ("done", 1, 1, None)
    status = send(client, "get", f"/api/v1/businesses/{business.pk}/jobs/{job['id']}").json()
    assert status == job
    post = send(client, "get", f"/api/v1/businesses/{business.pk}/posts/{job['post_id']}").json()
    assert post["caption"] and post["hashtags"] and post["format"] == "story"
    (image,) = post["media"]
    assert (image["kind"], image["width"], image["height"]) == ("image", 1080, 1920)
    assert client.get(image["url"])["Content-Type"] == "image/jpeg"


def test_put_parses_hashtags_and_voids_approval(
    business: Business, editor: User, post: Post, client_for: ClientFor
) -> None:
    Post.objects.filter(pk=post.pk).update(status="approved")
    path = f"/api/v1/businesses/{business.pk}/posts/{post.pk}"
    body = send(client_for(editor), "put", path, PUT).json()
    assert (body["caption"], body["hashtags"], body["status"]) == (
        "New words",
        ["kopi", "senja"],
        "draft",
    )


def test_put_refuses_a_bad_hashtag(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    path = f"/api/v1/businesses/{business.pk}/posts/{post.pk}"
    response = send(client_for(owner), "put", path, {**PUT, "hashtags": ["two words"]})
    assert response.status_code == 422
    assert "cannot be a hashtag" in response.content.decode()
    post.refresh_from_db()
    assert post.caption != "New words"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"start": "2099-01-01", "days": 90}, "A plan covers 1 to 31 days."),
        ({"start": "2020-01-01", "days": 3}, "Start today or on a later day."),
    ],
)
def test_plans_outside_the_rules_are_refused(
    business: Business, owner: User, client_for: ClientFor, body: dict[str, Any], message: str
) -> None:
    response = send(client_for(owner), "post", f"/api/v1/businesses/{business.pk}/plans", body)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_no_credits_is_a_clear_refusal(
    business: Business, owner: User, client_for: ClientFor, settings
) -> None:
    settings.WELCOME_CREDITS = 0
    body = {"topic": "Anything", "format": "feed_image"}
    response = send(client_for(owner), "post", f"/api/v1/businesses/{business.pk}/posts", body)
    assert response.status_code == 422
    assert "Your credit balance is empty" in response.content.decode()
    assert not Post.objects.exists()


def test_a_product_of_another_business_is_refused(
    business: Business, owner: User, outsider: User, client_for: ClientFor
) -> None:
    from postloom.brands import actions as brand_actions
    from postloom.catalog.models import Product

    theirs = brand_actions.create_business(outsider, name="Toko Lain")
    product = Product.objects.create(business=theirs, name="Secret")
    body = {"topic": "Anything", "format": "feed_image", "product_id": product.pk}
    response = send(client_for(owner), "post", f"/api/v1/businesses/{business.pk}/posts", body)
    assert response.status_code == 422
    assert not Post.objects.exists()


def test_plan_detail_has_posts_in_local_time(
    business: Business, owner: User, plan: Plan, client_for: ClientFor
) -> None:
    GenerationJob.objects.create(
        business=business, plan=plan, status="failed", error_code="no_credits", total=3, done=1
    )
    body = send(
        client_for(owner), "get", f"/api/v1/businesses/{business.pk}/plans/{plan.pk}"
    ).json()
    assert (body["days"], body["post_count"], body["timezone"]) == (3, 3, "Asia/Jakarta")
    first = body["posts"][0]
    assert first["planned_for"].startswith("2026-12-01T02:00:00")
    assert first["planned_for_local"] == "2026-12-01T09:00:00+07:00"
    assert body["latest_job"]["error"]["code"] == "no_credits"
    assert "credit balance is empty" in body["latest_job"]["error"]["message"]
