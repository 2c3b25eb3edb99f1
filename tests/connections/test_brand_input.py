"""A connected Instagram account feeds the brand analysis (profile and recent captions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from postloom.accounts.models import User
from postloom.brands import onboarding
from postloom.brands.models import Business
from postloom.connections.models import Connection, ImportedMedia
from postloom.connections.selectors import grid_media
from postloom.integrations.ai.base import BrandRequest, InstagramInput

MakeConnection = Callable[..., Connection]


def with_media(connection: Connection, *captions: str) -> Connection:
    for position, caption in enumerate(captions):
        ImportedMedia.objects.create(
            connection=connection,
            media_id=f"m{position}",
            media_type="IMAGE",
            caption=caption,
            position=position,
        )
    return connection


def test_the_analysis_reads_the_connected_instagram_account(
    business: Business, make_connection: MakeConnection
) -> None:
    assert onboarding.instagram_input(business) is None
    connection = make_connection(biography="Palm sugar coffee", website="https://k.example",
                                 followers=1520)  # fmt: skip
    with_media(connection, "Newest post #kopi", "", "Older post")

    assert onboarding.instagram_input(business) == InstagramInput(
        username="kopisenja",
        biography="Palm sugar coffee",
        website="https://k.example",
        followers=1520,
        recent_captions=[("Newest post #kopi", 0, 0), ("Older post", 0, 0)],
    )
    assert [m.media_id for m in grid_media(business)] == ["m0", "m1", "m2"]


def test_a_disconnected_account_is_not_read(
    business: Business, make_connection: MakeConnection
) -> None:
    make_connection(status="disconnected", access_token="")
    assert onboarding.instagram_input(business) is None
    assert grid_media(business) == []


def test_onboarding_sends_it_with_the_site(
    business: Business,
    owner: User,
    make_connection: MakeConnection,
    kopi_site: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_media(make_connection(), "Es kopi susu, fresh today")
    seen: list[BrandRequest] = []
    real = onboarding.analyse

    def spy(business: Business | None, request: BrandRequest, *args: Any, **kw: Any) -> Any:
        seen.append(request)
        return real(business, request, *args, **kw)

    monkeypatch.setattr(onboarding, "analyse", spy)
    run = onboarding.start_onboarding(business, by=owner, url=kopi_site, provider="basic")
    run.refresh_from_db()
    assert run.status == "done"
    (request,) = seen
    assert request.instagram is not None
    assert request.instagram.username == "kopisenja"
    assert "Es kopi susu, fresh today" in request.quoted_instagram_text()
