"""Tokens at rest: encrypted in the database, readable after a key rotation, never in logs,
pages, reprs or the admin."""

from __future__ import annotations

import logging
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection as db
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections import actions, refresh, secrets
from postloom.connections.models import Connection
from tests.connections.fakes import IG_TOKEN, TT_ACCESS, TT_REFRESH, FakeClient, expired_token
from tests.connections.test_flows import callback, start

ClientFor = Callable[[User | None], Client]


def raw_columns(pk: int) -> tuple[str, str]:
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT access_token_encrypted, refresh_token_encrypted FROM "
            "connections_connection WHERE id = %s",
            [pk],
        )
        row = cursor.fetchone()
    return str(row[0]), str(row[1])


def test_tokens_are_encrypted_in_the_database(make_connection: Callable[..., Connection]) -> None:
    connection = make_connection(access_token="act.plain-access", refresh_token="rft.plain-refresh")
    access, refresh_column = raw_columns(connection.pk)
    assert access and refresh_column
    assert "plain-access" not in access and "plain-refresh" not in refresh_column
    assert secrets.decrypt(access) == "act.plain-access"
    assert Connection.objects.get(pk=connection.pk).refresh_token == "rft.plain-refresh"


@pytest.fixture
def old_key(settings: Any) -> str:
    key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [key]
    return key


def test_a_token_encrypted_with_an_old_key_still_decrypts_after_rotation(
    settings: Any, old_key: str, make_connection: Callable[..., Connection]
) -> None:
    connection = make_connection(access_token="act.before-rotation")
    stored, _ = raw_columns(connection.pk)
    new_key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new_key, old_key]

    assert Connection.objects.get(pk=connection.pk).access_token == "act.before-rotation"
    # New writes use the new key: the old key alone cannot read them.
    connection.access_token = "act.after-rotation"
    connection.save()
    fresh, _ = raw_columns(connection.pk)
    assert Fernet(new_key.encode()).decrypt(fresh.encode()) == b"act.after-rotation"
    with pytest.raises(Exception):  # noqa: B017, PT011  (InvalidToken)
        Fernet(old_key.encode()).decrypt(fresh.encode())
    assert stored != fresh


def test_the_rotate_command_re_encrypts_with_the_newest_key(
    settings: Any, old_key: str, make_connection: Callable[..., Connection]
) -> None:
    connection = make_connection(access_token="act.rotate-me", refresh_token="rft.rotate-me")
    new_key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new_key, old_key]
    out = StringIO()

    call_command("rotate_token_keys", stdout=out)

    assert out.getvalue().strip() == "1 connection(s) re-encrypted with the newest key."
    settings.ENCRYPTION_KEYS = [new_key]  # the old key can now be dropped
    connection.refresh_from_db()
    assert (connection.access_token, connection.refresh_token) == ("act.rotate-me", "rft.rotate-me")


def test_a_token_no_key_opens_reads_as_empty(
    settings: Any, old_key: str, make_connection: Callable[..., Connection]
) -> None:
    connection = make_connection(access_token="act.lost")
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert Connection.objects.get(pk=connection.pk).access_token == ""
    err = StringIO()
    call_command("rotate_token_keys", stdout=StringIO(), stderr=err)
    assert f"connection(s) {connection.pk}" in err.getvalue()


def test_tokens_never_reach_logs_pages_or_reprs(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = client_for(owner)
    callback(client, "instagram", code="c", state=start(client, business, "instagram"))
    callback(client, "tiktok", code="c", state=start(client, business, "tiktok"))
    instagram, tiktok = (Connection.objects.get(platform=p) for p in ("instagram", "tiktok"))
    fake_clients["instagram"].fail["refresh"] = expired_token()
    Connection.objects.filter(pk=instagram.pk).update(
        token_issued_at=instagram.created_at.replace(year=2025)
    )
    refresh.refresh_connection(Connection.objects.get(pk=instagram.pk))
    refresh.refresh_connection(Connection.objects.get(pk=tiktok.pk))
    page = client.get(f"/b/{business.pk}/connections/").content.decode()
    api = client.get(f"/api/v1/businesses/{business.pk}/connections").content.decode()
    admin_user = User.objects.create_superuser("admin@example.com", "pw-admin-1234")
    admin = client_for(admin_user).get(f"/admin/connections/connection/{tiktok.pk}/change/")
    assert admin.status_code == 200
    actions.disconnect(Connection.objects.get(pk=tiktok.pk))

    secrets_seen = [IG_TOKEN, TT_ACCESS, TT_REFRESH, "act.rotated-1", "rft.rotated-1"]
    shown = [caplog.text, page, api, admin.content.decode(), repr(instagram), str(tiktok)]
    for text in shown:
        for secret in secrets_seen:
            assert secret not in text
    assert "connection" in caplog.text  # the events are logged, by id
