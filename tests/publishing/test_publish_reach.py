"""The publish screen says when the networks cannot reach this Postloom's media, before sending."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from tests.publishing.review_support import approve, connect, make_post

ClientFor = Callable[[User | None], Client]


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def page(client: Client, business: Business, owner: User) -> str:
    post = approve(make_post(business), owner)
    response = client.get(f"/b/{business.pk}/publish/posts/{post.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_localhost_address_is_flagged_for_a_real_account(
    business: Business,
    owner: User,
    client_for: ClientFor,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.BASE_URL = "http://localhost:8000"
    connect(business)
    assert 'data-testid="reach-problem"' in page(client_for(owner), business, owner)


def test_a_sandbox_account_needs_no_public_address(
    business: Business,
    owner: User,
    client_for: ClientFor,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.BASE_URL = "http://localhost:8000"
    connect(business, sandbox=True)
    assert 'data-testid="reach-problem"' not in page(client_for(owner), business, owner)


def test_a_public_https_address_is_fine(
    business: Business,
    owner: User,
    client_for: ClientFor,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.BASE_URL = "https://postloom.example.com"
    connect(business)
    assert 'data-testid="reach-problem"' not in page(client_for(owner), business, owner)
