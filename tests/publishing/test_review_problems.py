"""What the review screen and the API say about a failed publication: pre-flight's own words
(with its numbers) for its refusals, the engine's plain words for the rest, never operator
detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.publishing.models import Publication
from postloom.studio.models import Post
from tests.publishing.review_support import approve, connect, make_post

ClientFor = Callable[[User | None], Client]
CAROUSEL_REFUSAL = "A carousel takes at most 10 pictures or videos, and this one has 11."


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def failed(post: Post, code: str, message: str) -> Publication:
    return Publication.objects.create(
        business=post.business, post=post, connection=connect(post.business),
        platform="instagram", kind=post.format, content_hash=post.approved_hash,
        status="failed", error_code=code, error_message=message,
    )  # fmt: skip


def test_a_pre_flight_refusal_shows_pre_flights_own_words(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    pub = failed(approve(make_post(business), owner), "carousel_too_big", CAROUSEL_REFUSAL)
    page = client_for(owner).get(f"/b/{business.pk}/review/").content.decode()
    row = page.split(f'data-publication="{pub.pk}"')[1].split("</tr>")[0]
    assert CAROUSEL_REFUSAL in row
    assert "could not be published (carousel_too_big)" not in page


def test_the_api_says_the_same(business: Business, owner: User, client_for: ClientFor) -> None:
    post = approve(make_post(business), owner)
    failed(post, "carousel_too_big", CAROUSEL_REFUSAL)
    url = f"/api/v1/businesses/{business.pk}/posts/{post.pk}/publications"
    [row] = client_for(owner).get(url).json()
    assert (row["error_code"], row["message"]) == ("carousel_too_big", CAROUSEL_REFUSAL)


def test_other_failures_keep_the_operator_detail_off_the_page(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    failed(approve(make_post(business), owner), "server", "HTTP 500 from graph: fbtrace A6LJ")
    page = client_for(owner).get(f"/b/{business.pk}/review/").content.decode()
    assert "Instagram had an internal error. Nothing was published; retry later." in page
    assert "fbtrace" not in page
