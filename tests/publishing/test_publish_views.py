"""Publish now / Schedule… screens: explicit acts on an approved post, once, at a real time."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.publishing.models import Publication
from postloom.publishing.publish_forms import local_to_utc
from postloom.studio import actions
from postloom.studio.models import Post
from tests.publishing.review_support import approve, connect, make_post

ClientFor = Callable[[User | None], Client]
S = Post.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def page_of(client: Client, post: Post, query: str = "") -> str:
    response = client.get(f"/b/{post.business_id}/publish/posts/{post.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def token_in(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found, "the form carries a one-time token"
    return found.group(1)


def submit(client: Client, post: Post, act: str, **data: str) -> tuple[int, str]:
    response = client.post(
        f"/b/{post.business_id}/publish/posts/{post.pk}/{act}/", data, follow=True
    )
    return response.status_code, response.content.decode()


def test_a_draft_cannot_be_published(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = make_post(business)
    connection = connect(business)
    client = client_for(owner)
    page = page_of(client, post)
    assert 'data-testid="not-approved"' in page and 'data-testid="publish-form"' not in page
    # A tab opened while it was approved; the post was edited since (back to draft).
    approve(post, owner)
    stale = token_in(page_of(client, post))
    actions.update_post(post, caption="Edited", hashtags=[], headline="", alt_text="")
    _, after = submit(client, post, "now", form_token=stale, connection=str(connection.pk))
    assert "Only an approved post can be published. Approve it first." in after
    assert not Publication.objects.exists()
    assert Post.objects.get(pk=post.pk).status == S.DRAFT


def test_the_screen_lists_active_connections_of_the_network(
    business: Business, owner: User, client_for: ClientFor, make_user: Callable[..., User]
) -> None:
    post = approve(make_post(business), owner)
    live = connect(business, sandbox=True)
    connect(business, "tiktok")
    connect(business, status="reconnect")
    page = page_of(client_for(owner), post)
    assert re.findall(r'data-testid="connection-(\d+)"', page) == [str(live.pk)]
    assert 'data-testid="sandbox-badge"' in page and 'data-testid="sandbox-note"' in page
    assert 'type="datetime-local"' in page and "In UTC, the business's time zone." in page


def test_no_connection_says_so(business: Business, owner: User, client_for: ClientFor) -> None:
    post = approve(make_post(business), owner)
    page = page_of(client_for(owner), post)
    assert 'data-testid="no-connection"' in page and 'data-testid="publish-form"' not in page


def test_publish_now_creates_one_publication(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), editor)
    connection = connect(business)
    client = client_for(editor)
    token = token_in(page_of(client, post))
    _, after = submit(client, post, "now", form_token=token, connection=str(connection.pk))
    assert "Sent to Instagram." in after
    row = Publication.objects.get()
    assert (row.post, row.connection, row.status, row.scheduled_for, row.created_by) == (
        post, connection, "queued", None, editor,
    )  # fmt: skip
    assert row.content_hash == Post.objects.get(pk=post.pk).approved_hash
    assert f'data-publication="{row.pk}"' in after


def test_a_double_submit_makes_one_publication(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    token, other_tab_token = token_in(page_of(client, post)), token_in(page_of(client, post))
    data = {"form_token": token, "connection": str(connection.pk)}
    submit(client, post, "now", **data)
    _, again = submit(client, post, "now", **data)  # the same form sent twice
    assert "This was already sent; here is where it stands." in again
    # Another tab's form (its own token): the engine's one-active-publication rule answers.
    _, other_tab = submit(client, post, "now", form_token=other_tab_token,
                          connection=str(connection.pk))  # fmt: skip
    assert "already scheduled or being published" in other_tab
    assert Publication.objects.count() == 1


def test_schedule_in_the_business_time_zone(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    business.timezone = "Asia/Jakarta"
    business.save()
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    local = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo("Asia/Jakarta"))
    when = local.strftime("%Y-%m-%dT%H:%M")
    token = token_in(page_of(client, post))
    _, after = submit(
        client, post, "schedule", form_token=token, connection=str(connection.pk), when=when
    )
    assert "Scheduled." in after
    row = Publication.objects.get()
    expected = datetime.strptime(when, "%Y-%m-%dT%H:%M").replace(tzinfo=ZoneInfo("Asia/Jakarta"))
    assert (row.status, row.scheduled_for) == ("scheduled", expected.astimezone(UTC))
    assert Post.objects.get(pk=post.pk).status == S.SCHEDULED


def test_a_time_in_the_past_is_refused(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    past = (timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/b/{business.pk}/publish/posts/{post.pk}/schedule/",
        {"form_token": token_in(page_of(client, post)), "connection": connection.pk, "when": past},
    )
    assert response.status_code == 400
    assert "Choose a time in the future." in response.content.decode()
    assert not Publication.objects.exists()
    assert Post.objects.get(pk=post.pk).status == S.APPROVED


def test_a_schedule_without_a_time_is_refused(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    token = token_in(page_of(client, post))
    for value, message in (
        ("", "Choose when to publish."),
        ("tomorrow", "Enter a date and a time."),
    ):
        response = client.post(
            f"/b/{business.pk}/publish/posts/{post.pk}/schedule/",
            {"form_token": token, "connection": connection.pk, "when": value},
        )
        assert message in response.content.decode()
        token = token_in(response.content.decode())
    assert not Publication.objects.exists()


def test_local_times_across_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    with pytest.raises(ValidationError) as exc:
        local_to_utc(datetime(2027, 3, 28, 2, 30), berlin)  # the clocks jump 02:00 → 03:00
    assert exc.value.error_list[0].code == "no_such_time"
    # 02:30 happens twice on 31 Oct 2027: the first one (still summer time, UTC+2).
    assert local_to_utc(datetime(2027, 10, 31, 2, 30), berlin) == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )
    assert local_to_utc(datetime(2027, 7, 1, 9, 0), berlin) == datetime(
        2027, 7, 1, 7, 0, tzinfo=UTC
    )


def test_a_connection_of_another_business_cannot_be_used(
    business: Business, owner: User, client_for: ClientFor, make_user: Callable[..., User]
) -> None:
    from postloom.brands import actions as brand_actions

    other = brand_actions.create_business(make_user(), name="Other", website="https://o.example")
    foreign = connect(other)
    connect(business)
    post = approve(make_post(business), owner)
    client = client_for(owner)
    response = client.post(
        f"/b/{business.pk}/publish/posts/{post.pk}/now/",
        {"form_token": token_in(page_of(client, post)), "connection": foreign.pk},
    )
    assert response.status_code == 400
    assert "Choose a connected account to publish to." in response.content.decode()
    assert not Publication.objects.exists()


def test_an_edit_after_scheduling_cancels_what_was_scheduled(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    submit(client, post, "schedule", form_token=token_in(page_of(client, post)),
           connection=str(connection.pk), when=when)  # fmt: skip
    post.refresh_from_db()
    actions.update_post(post, caption="New words", hashtags=[], headline="", alt_text="")
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert Publication.objects.get().status == "cancelled"


def test_cancel_and_retry_from_the_screens(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = approve(make_post(business), owner)
    connection = connect(business)
    client = client_for(owner)
    when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    submit(client, post, "schedule", form_token=token_in(page_of(client, post)),
           connection=str(connection.pk), when=when)  # fmt: skip
    row = Publication.objects.get()
    response = client.post(
        f"/b/{business.pk}/publications/{row.pk}/cancel/", {"back": "post"}, follow=True
    )
    assert "Cancelled. Nothing will be published." in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.cancelled_by) == ("cancelled", owner)
    assert Post.objects.get(pk=post.pk).status == S.APPROVED
    # A failed one can be retried; a cancelled one cannot.
    response = client.post(f"/b/{business.pk}/publications/{row.pk}/retry/", follow=True)
    assert "Only a failed publication can be retried." in response.content.decode()
    Publication.objects.filter(pk=row.pk).update(status="failed", error_code="server")
    Post.objects.filter(pk=post.pk).update(status=S.FAILED)
    response = client.post(f"/b/{business.pk}/publications/{row.pk}/retry/", follow=True)
    assert "Trying again." in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.error_code) == ("queued", "")
