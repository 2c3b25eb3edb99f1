"""The review queue: what waits, approve / reject (with and without htmx), and publications."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.publishing.models import Publication
from postloom.studio import approval
from postloom.studio.models import ApprovalEvent, GenerationJob, Post
from tests.publishing.review_support import approve, connect, make_post

ClientFor = Callable[[User | None], Client]
S = Post.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def queue(client: Client, business: Business) -> str:
    response = client.get(f"/b/{business.pk}/review/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_shows_drafts_ready_for_review_with_previews(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    ready = make_post(business, headline="Ready one")
    make_post(business, caption="", headline="Still being written")
    make_post(business, media=False, headline="No picture")
    busy = make_post(business, headline="Generating")
    GenerationJob.objects.create(business=business, post=busy, total=1)
    page = queue(client_for(owner), business)
    assert page.count('data-testid="review-item"') == 1
    assert f'data-post="{ready.pk}"' in page and "Ready one" in page
    assert "Still being written" not in page and "No picture" not in page
    assert 'data-testid="preview-feed"' in page
    assert f"/b/{business.pk}/studio/media/{ready.media.get().pk}/" in page
    assert f'name="hash" value="{approval.content_hash(ready)}"' in page


def test_approve_from_the_queue(business: Business, editor: User, client_for: ClientFor) -> None:
    post = make_post(business)
    url = f"/b/{business.pk}/review/posts/{post.pk}/approve/"
    response = client_for(editor).post(url, {"hash": approval.content_hash(post)})
    assert response.status_code == 302 and response["Location"] == f"/b/{business.pk}/review/"
    post.refresh_from_db()
    assert (post.status, post.approved_by) == (S.APPROVED, editor)
    assert post.approved_hash == approval.content_hash(post)


def test_approve_with_htmx_returns_the_item(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    url = f"/b/{business.pk}/review/posts/{post.pk}/approve/"
    response = client_for(owner).post(
        url, {"hash": approval.content_hash(post)}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<article class="review-item" id="review-post-')
    assert 'data-testid="approved-now"' in page
    assert f"/b/{business.pk}/publish/posts/{post.pk}/" in page


def test_approving_a_version_not_seen_is_refused(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    seen = approval.content_hash(post)
    Post.objects.filter(pk=post.pk).update(caption="Changed while the page was open")
    url = f"/b/{business.pk}/review/posts/{post.pk}/approve/"
    response = client_for(owner).post(url, {"hash": seen}, HTTP_HX_REQUEST="true")
    assert "This post changed since you opened it" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == S.DRAFT


def test_approve_errors_are_shown(business: Business, owner: User, client_for: ClientFor) -> None:
    post = make_post(business, caption="  ")
    client = client_for(owner)
    response = client.post(f"/b/{business.pk}/review/posts/{post.pk}/approve/", follow=True)
    assert "Write a caption before approving." in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == S.DRAFT


def test_reject_with_a_comment(business: Business, editor: User, client_for: ClientFor) -> None:
    post = make_post(business)
    client = client_for(editor)
    url = f"/b/{business.pk}/review/posts/{post.pk}/reject/"
    response = client.post(url, {"comment": "Mention the opening hours"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Eddie sent it back:" in page and "Mention the opening hours" in page
    assert Post.objects.get(pk=post.pk).status == S.REJECTED
    event = ApprovalEvent.objects.get()
    assert (event.action, event.by, event.comment) == (
        "rejected",
        editor,
        "Mention the opening hours",
    )
    page = queue(client, business)
    assert "Sent back" in page and "Mention the opening hours" in page


def test_reject_without_a_comment_is_refused(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    url = f"/b/{business.pk}/review/posts/{post.pk}/reject/"
    response = client_for(owner).post(url, {"comment": " "}, HTTP_HX_REQUEST="true")
    assert "Say what should change." in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert not ApprovalEvent.objects.exists()


def test_back_to_the_editor(business: Business, owner: User, client_for: ClientFor) -> None:
    post = make_post(business)
    response = client_for(owner).post(
        f"/b/{business.pk}/review/posts/{post.pk}/approve/", {"back": "editor"}
    )
    assert response["Location"] == f"/b/{business.pk}/studio/posts/{post.pk}/"


def test_approved_and_scheduled_posts_are_listed(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    first = approve(make_post(business, headline="First approved"), owner)
    second = approve(make_post(business, headline="Second scheduled"), owner)
    approval.mark_scheduled(second)
    page = queue(client_for(owner), business)
    assert 'data-testid="ready-posts"' in page
    assert "First approved" in page and "Second scheduled" in page
    assert page.count('data-testid="publish-link"') == 1  # only the approved one
    assert f"/b/{business.pk}/publish/posts/{first.pk}/" in page
    assert "Olivia" in page  # who approved


def _publication(post: Post, **fields: object) -> Publication:
    connection = fields.pop("connection", None) or connect(post.business)
    return Publication.objects.create(
        business=post.business,
        post=post,
        connection=connection,
        platform="instagram",
        kind=post.format,
        content_hash=post.approved_hash,
        **fields,
    )


def test_publications_show_status_error_attempts_and_retry(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    failed = _publication(post, status="failed", attempts=3, error_code="token_expired")
    page = queue(client_for(owner), business)
    assert f'data-publication="{failed.pk}" data-status="failed"' in page
    assert "Your Instagram connection has expired. Reconnect the account, then retry." in page
    assert '<td data-testid="attempts">3</td>' in page
    assert f"/b/{business.pk}/publications/{failed.pk}/retry/" in page


def test_published_rows_link_to_the_permalink_and_sandbox_is_labelled(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    _publication(
        post,
        connection=connect(business, sandbox=True),
        status="published",
        permalink="https://www.instagram.com/p/ABC123/",
        published_at=timezone.now(),
    )
    page = queue(client_for(owner), business)
    assert 'href="https://www.instagram.com/p/ABC123/"' in page
    assert 'data-testid="sandbox-badge"' in page
    assert "hx-trigger" not in page.split('id="publications"')[1].split(">")[0]  # nothing to poll


def test_waiting_rows_say_why_and_when_and_the_table_polls(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    business.timezone = "Asia/Jakarta"
    business.save()
    post = approve(make_post(business), owner)
    at = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    _publication(
        post, status="waiting", attempts=1, wait_reason="quota_reached", next_attempt_at=at
    )
    page = queue(client_for(owner), business)
    local = at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jakarta"))
    assert "daily publishing limit; Postloom will try again" in page
    assert f'data-testid="next-attempt">{local:%a %-d %b, %H:%M}</time>' in page
    assert 'hx-trigger="every 5s"' in page
    partial = client_for(owner).get(f"/b/{business.pk}/review/publications/").content.decode()
    assert partial.startswith('<div id="publications"')


def test_viewers_see_the_queue_without_buttons(
    business: Business, owner: User, viewer: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    failed = _publication(approve(make_post(business), owner), status="failed")
    page = queue(client_for(viewer), business)
    assert f'data-post="{post.pk}"' in page
    assert 'data-testid="viewer-note"' in page
    assert 'data-testid="approve-form"' not in page and 'data-testid="reject-form"' not in page
    assert f"/publications/{failed.pk}/retry/" not in page
    assert "/publish/posts/" not in page  # the publish screens are for owners and editors
