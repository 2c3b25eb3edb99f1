"""Who may see and do what in the studio. A denied request changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.models import CreditEntry, GenerationJob, Plan, Post, PostMedia

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
READ = (200, 200, 200, 404, 302)
WRITE = (302, 302, 403, 404, 302)
SAVE = {"caption": "New words", "hashtags": "#kopi", "headline": "New", "alt_text": "Coffee"}

ROUTES: list[tuple[str, str, dict[str, Any] | None, tuple[int, ...]]] = [
    ("get", "/b/{b}/studio/", None, READ),
    ("get", "/b/{b}/studio/plans/{plan}/", None, READ),
    ("get", "/b/{b}/studio/plans/{plan}/?view=week&week=1", None, READ),
    ("get", "/b/{b}/studio/posts/{post}/", None, READ),
    ("get", "/b/{b}/studio/jobs/{job}/", None, READ),
    ("get", "/b/{b}/studio/media/{media}/", None, READ),
    ("get", "/b/{b}/studio/media/{media}/small/", None, READ),
    ("post", "/b/{b}/studio/plans/new/", {"days": "2", "start": "2099-01-01"}, WRITE),
    ("post", "/b/{b}/studio/posts/new/", {"topic": "Our new latte", "format": "feed_image"}, WRITE),
    ("post", "/b/{b}/studio/posts/{post}/save/", SAVE, WRITE),
    ("post", "/b/{b}/studio/posts/{post}/regenerate/", {}, WRITE),
    ("post", "/b/{b}/studio/posts/{post}/redraw/", {}, WRITE),
    ("post", "/b/{b}/studio/jobs/{job}/cancel/", {}, WRITE),
]


def snapshot() -> list[Any]:
    """Everything a studio request could change."""
    return [
        list(Plan.objects.values_list("id", "days")),
        list(Post.objects.values_list("id", "caption", "hashtags", "headline", "status")),
        list(GenerationJob.objects.values_list("id", "status", "cancel_requested")),
        list(PostMedia.objects.values_list("id", "file")),
        list(CreditEntry.objects.values_list("id", "delta")),
    ]


@pytest.mark.parametrize(
    ("method", "path", "data", "role", "expected"),
    [
        pytest.param(m, p, d, role, e, id=f"{m}-{p}-{role}")
        for m, p, d, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_studio_pages_by_role(
    request: pytest.FixtureRequest,
    business: Business,
    plan: Plan,
    post: Post,
    client_for: ClientFor,
    simple_planner: None,
    method: str,
    path: str,
    data: dict[str, Any] | None,
    role: str,
    expected: int,
) -> None:
    job = GenerationJob.objects.create(
        business=business, plan=plan, status=GenerationJob.Status.RUNNING, total=3, done=1
    )
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = path.format(
        b=business.pk, plan=plan.pk, post=post.pk, job=job.pk, media=post.media.get().pk
    )
    before = snapshot()
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == expected
    changed = snapshot() != before
    assert changed == (method == "post" and role in ("owner", "editor"))
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_viewers_see_no_forms_or_buttons(
    business: Business, plan: Plan, post: Post, viewer: User, client_for: ClientFor
) -> None:
    GenerationJob.objects.create(
        business=business, plan=plan, status=GenerationJob.Status.RUNNING, total=3
    )
    client = client_for(viewer)
    pages = [
        client.get(f"/b/{business.pk}/studio/").content.decode(),
        client.get(f"/b/{business.pk}/studio/plans/{plan.pk}/").content.decode(),
        client.get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode(),
    ]
    for page in pages:
        main = page.split("<main", 1)[1].split("</main>", 1)[0]
        assert 'method="post"' not in main
        assert "<textarea" not in main
    assert "only owners and editors can create or change them" in pages[0]
    assert 'data-testid="post-readonly"' in pages[2]
    assert "Three ways to enjoy palm sugar coffee at home." in pages[2]


def test_media_of_another_business_is_not_found(
    business: Business,
    owner: User,
    outsider: User,
    post: Post,
    client_for: ClientFor,
    make_post: Callable[..., Post],
) -> None:
    from postloom.brands import actions as brand_actions

    theirs = brand_actions.create_business(outsider, name="Toko Lain")
    their_media = make_post(theirs).media.get()
    mine = client_for(owner)
    assert mine.get(f"/b/{business.pk}/studio/media/{their_media.pk}/").status_code == 404
    assert mine.get(f"/b/{theirs.pk}/studio/media/{their_media.pk}/").status_code == 404
    their_post = their_media.post
    assert mine.get(f"/b/{business.pk}/studio/posts/{their_post.pk}/").status_code == 404
    saved = mine.post(f"/b/{business.pk}/studio/posts/{their_post.pk}/save/", SAVE)
    assert saved.status_code == 404
    their_post.refresh_from_db()
    assert their_post.caption != SAVE["caption"]
