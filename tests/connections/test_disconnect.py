"""Disconnecting: tokens withdrawn at the network where it offers that, deleted here, row kept
as disconnected so the publisher can fail scheduled posts clearly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection, ImportedMedia
from tests.connections.fakes import FakeClient, now, server_error
from tests.connections.pages import connection_row, messages_of

ClientFor = Callable[[User | None], Client]
MakeConnection = Callable[..., Connection]


def tiktok(make_connection: MakeConnection) -> Connection:
    return make_connection(platform="tiktok", variant="tiktok", account_id="tt-1",
                           access_token="act.live", refresh_token="rft.live",
                           refresh_expires_at=now() + timedelta(days=300))  # fmt: skip


def test_disconnect_revokes_then_deletes_the_tokens(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: MakeConnection,
) -> None:
    connection = tiktok(make_connection)
    response = client_for(owner).post(f"/b/{business.pk}/connections/{connection.pk}/disconnect/")

    (call,) = fake_clients["tiktok"].called("revoke")
    assert call["account"].access_token == "act.live"
    connection.refresh_from_db()
    assert (connection.status, connection.status_reason) == ("disconnected", "disconnected_by_user")
    assert connection.access_token_encrypted == connection.refresh_token_encrypted == ""
    assert connection.token_expires_at is connection.refresh_expires_at is None
    assert connection.disconnected_at is not None
    assert connection.is_usable is False
    assert messages_of(response) == ["Disconnected. Postloom deleted its access to this account."]

    page = client_for(owner).get(f"/b/{business.pk}/connections/").content.decode()
    row = connection_row(page, connection)
    assert "This account was disconnected from Postloom." in row
    assert f"/connections/{connection.pk}/disconnect/" not in row
    assert "/connections/connect/tiktok/" in row  # connect again


def test_a_failed_revoke_still_deletes_and_says_so(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: MakeConnection,
) -> None:
    connection = tiktok(make_connection)
    fake_clients["tiktok"].fail["revoke"] = server_error()
    response = client_for(owner).post(f"/b/{business.pk}/connections/{connection.pk}/disconnect/")
    connection.refresh_from_db()
    assert connection.access_token_encrypted == ""
    (message,) = messages_of(response)
    assert message.endswith(
        "TikTok could not be told right now; you can also remove Postloom in the TikTok app's "
        "settings."
    )


def test_disconnecting_instagram_deletes_the_imported_posts(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: MakeConnection,
) -> None:
    connection = make_connection()
    keep = make_connection(account_id="2")
    for c in (connection, keep):
        ImportedMedia.objects.create(connection=c, media_id=f"m{c.pk}", media_type="IMAGE")
    client_for(owner).post(f"/b/{business.pk}/connections/{connection.pk}/disconnect/")
    assert list(ImportedMedia.objects.values_list("connection", flat=True)) == [keep.pk]
    # Disconnecting twice changes nothing more and calls nobody.
    calls = len(fake_clients["instagram"].calls)
    client_for(owner).post(f"/b/{business.pk}/connections/{connection.pk}/disconnect/")
    assert len(fake_clients["instagram"].calls) == calls


def test_the_api_lists_and_disconnects(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: MakeConnection,
) -> None:
    connection = make_connection(sandbox=True, token_expires_at=now() + timedelta(days=3))
    client = client_for(owner)
    listed = client.get(f"/api/v1/businesses/{business.pk}/connections").json()
    expires = listed[0].pop("token_expires_at")
    assert connection.token_expires_at is not None
    assert expires.startswith(str(connection.token_expires_at.date()))
    assert listed == [
        {
            "id": connection.pk,
            "platform": "instagram",
            "variant": "instagram_login",
            "account_id": "17841400000000001",
            "username": "kopisenja",
            "display_name": "",
            "picture_url": "",
            "sandbox": True,
            "status": "active",
            "status_reason": "",
            "last_refresh_at": None,
            "health": {
                "level": "warning",
                "message": "Expires in 3 days — Postloom will refresh it automatically.",
                "days_left": 3,
                "auto_refresh": True,
            },
        }
    ]
    url = f"/api/v1/businesses/{business.pk}/connections/{connection.pk}/disconnect"
    body: dict[str, Any] = client.post(url).json()  # the test client skips CSRF checks
    assert (body["status"], body["health"]["level"]) == ("disconnected", "off")
    connection.refresh_from_db()
    assert connection.access_token_encrypted == ""
