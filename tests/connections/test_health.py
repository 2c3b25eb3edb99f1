"""The token-health page: status, expiry, last renewal and warnings a week before expiry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections import refresh
from postloom.connections.models import Connection
from postloom.connections.selectors import health
from tests.connections.fakes import FakeClient, now
from tests.connections.pages import connection_row

ClientFor = Callable[[User | None], Client]
MakeConnection = Callable[..., Connection]


def test_far_from_expiry_is_simply_connected(make_connection: MakeConnection) -> None:
    result = health(make_connection(token_expires_at=now() + timedelta(days=8, hours=1)))
    assert (result.level, result.message, result.days_left) == ("ok", "Connected", 9)


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("instagram_login", "Expires in 7 days — Postloom will refresh it automatically."),
        ("facebook_login", "Expires in 7 days — Postloom will refresh it automatically."),
    ],
)
def test_a_week_before_expiry_a_meta_token_warns(
    make_connection: MakeConnection, variant: str, message: str
) -> None:
    connection = make_connection(variant=variant, token_expires_at=now() + timedelta(days=6.5))
    result = health(connection)
    assert (result.level, result.message, result.auto_refresh) == ("warning", message, True)


def test_a_facebook_token_meta_would_not_extend_asks_to_reconnect(
    make_connection: MakeConnection,
) -> None:
    connection = make_connection(
        variant="facebook_login",
        token_expires_at=now() + timedelta(hours=30),
        last_refresh_error=refresh.NOT_EXTENDED,
    )
    result = health(connection)
    assert (result.level, result.message) == (
        "warning",
        "Expires in 2 days — reconnect to keep publishing.",
    )


def test_tiktok_warns_when_the_refresh_token_nears_its_end(make_connection: MakeConnection) -> None:
    hours = make_connection(
        platform="tiktok",
        variant="tiktok",
        account_id="tt-1",
        token_expires_at=now() + timedelta(hours=2),  # short-lived access: no warning
        refresh_token="rft.x",
        refresh_expires_at=now() + timedelta(days=100),
    )
    assert health(hours).level == "ok"
    hours.refresh_expires_at = now() + timedelta(hours=12)
    assert health(hours).message == "Expires in 1 day — reconnect to keep publishing."


def test_expired_and_reconnect_and_disconnected(make_connection: MakeConnection) -> None:
    expired = make_connection(token_expires_at=now() - timedelta(minutes=1))
    assert health(expired).level == "error"
    assert health(expired).message.startswith("Postloom's access to this Instagram account ran out")
    expired.status, expired.status_reason = "reconnect", "permission"
    assert health(expired).message.startswith("Postloom is missing a permission")
    expired.status, expired.status_reason = "disconnected", "deauthorized"
    assert health(expired).level == "off"
    assert health(expired).message.startswith("The account owner removed Postloom")


def test_the_page_shows_each_connection_health(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: MakeConnection,
) -> None:
    soon = make_connection(token_expires_at=now() + timedelta(days=3), last_refresh_error="server",
                           last_refresh_at=now() - timedelta(days=30))  # fmt: skip
    broken = make_connection(
        account_id="2", username="kopisenja.two", status="reconnect", status_reason="token_expired"
    )
    page = client_for(owner).get(f"/b/{business.pk}/connections/").content.decode()
    soon_row = connection_row(page, soon)
    assert "Expires in 3 days — Postloom will refresh it automatically." in soon_row
    assert "The last automatic renewal did not work: Instagram had a problem on its side." in (
        soon_row
    )
    assert 'data-level="warning"' in page
    broken_row = connection_row(page, broken)
    assert "Instagram no longer accepts Postloom&#x27;s access to this account." in broken_row
    assert f"/b/{business.pk}/connections/connect/instagram/" in broken_row  # reconnect
    assert "IGQVJ" not in page  # never a token, not even encrypted
    assert soon.access_token_encrypted not in page


def test_the_dashboard_links_and_counts_connections(
    business: Business, owner: User, client_for: ClientFor, make_connection: MakeConnection
) -> None:
    make_connection()
    make_connection(account_id="2", status="disconnected", access_token="")
    page = client_for(owner).get(f"/b/{business.pk}/").content.decode()
    assert f'href="/b/{business.pk}/connections/"' in page
    assert "1 account connected." in page
