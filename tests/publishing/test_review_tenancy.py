"""Who may see and do what on the review and publish screens. A denied request changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from postloom.accounts.models import User
from postloom.brands import actions as brand_actions
from postloom.brands.models import Business
from postloom.publishing.models import Publication
from postloom.studio.models import Post
from tests.publishing.review_support import approve, build_world, make_post, snapshot

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
READ = (200, 200, 200, 404, 302)
EDIT_READ = (200, 200, 403, 404, 302)
WRITE = (302, 302, 403, 404, 302)
SOON = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

ROUTES: list[tuple[str, str, dict[str, Any] | None, tuple[int, ...]]] = [
    ("get", "/b/{b}/review/", None, READ),
    ("get", "/b/{b}/review/publications/", None, READ),
    ("post", "/b/{b}/review/posts/{draft}/approve/", {}, WRITE),
    ("post", "/b/{b}/review/posts/{draft}/reject/", {"comment": "Shorter"}, WRITE),
    ("get", "/b/{b}/publish/posts/{approved}/", None, EDIT_READ),
    ("post", "/b/{b}/publish/posts/{approved}/now/", {"connection": "{c}"}, WRITE),
    (
        "post",
        "/b/{b}/publish/posts/{approved}/schedule/",
        {"connection": "{c}", "when": SOON},
        WRITE,
    ),
    ("post", "/b/{b}/publish/posts/{approved}/tiktok/", {}, (204, 204, 403, 404, 302)),
    ("post", "/b/{b}/publications/{scheduled}/cancel/", {}, WRITE),
    ("post", "/b/{b}/publications/{failed}/retry/", {}, WRITE),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def world(business: Business, owner: User) -> dict[str, int]:
    return build_world(business, owner)


def fill(data: dict[str, Any] | None, ids: dict[str, int]) -> dict[str, Any] | None:
    if data is None:
        return None
    return {key: str(value).format(**ids) for key, value in data.items()}


@pytest.mark.parametrize(
    ("method", "path", "data", "role", "expected"),
    [
        pytest.param(m, p, d, role, e, id=f"{m}-{p}-{role}")
        for m, p, d, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_review_and_publish_pages_by_role(
    request: pytest.FixtureRequest,
    world: dict[str, int],
    client_for: ClientFor,
    method: str,
    path: str,
    data: dict[str, Any] | None,
    role: str,
    expected: int,
) -> None:
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = path.format(**world)
    before = snapshot()
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, fill(data, world))
    assert response.status_code == expected
    if method == "get" or role in ("viewer", "outsider", "anonymous"):
        assert snapshot() == before


@pytest.mark.parametrize(
    "path",
    [
        "/b/{b}/review/posts/{post}/approve/",
        "/b/{b}/review/posts/{post}/reject/",
        "/b/{b}/publish/posts/{post}/",
        "/b/{b}/publications/{publication}/cancel/",
        "/b/{b}/publications/{publication}/retry/",
    ],
)
def test_ids_of_another_business_are_404(
    business: Business,
    owner: User,
    client_for: ClientFor,
    make_user: Callable[..., User],
    path: str,
) -> None:
    stranger = make_user()
    other = brand_actions.create_business(stranger, name="Other", website="https://o.example")
    post = approve(make_post(other), stranger)
    publication = Publication.objects.create(
        business=other, post=post, platform="instagram", kind=post.format, status="failed",
        content_hash=post.approved_hash,
    )  # fmt: skip
    before = snapshot()
    url = path.format(b=business.pk, post=post.pk, publication=publication.pk)
    client = client_for(owner)
    response = (
        client.get(url) if path.endswith("posts/{post}/") else client.post(url, {"comment": "x"})
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_the_owner_and_editor_moves_really_happen(
    world: dict[str, int], editor: User, client_for: ClientFor
) -> None:
    """The allowed rows of the table above are not empty shells: these change what they say."""
    client = client_for(editor)
    client.post(f"/b/{world['b']}/review/posts/{world['draft']}/approve/")
    assert Post.objects.get(pk=world["draft"]).status == Post.Status.APPROVED
    client.post(f"/b/{world['b']}/publications/{world['scheduled']}/cancel/")
    assert Publication.objects.get(pk=world["scheduled"]).status == "cancelled"
    client.post(f"/b/{world['b']}/publications/{world['failed']}/retry/")
    assert Publication.objects.get(pk=world["failed"]).status == "queued"
