"""The hourly token renewal: what is due, what it stores, and how failures end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from postloom.connections import refresh
from postloom.connections.models import Connection
from postloom.connections.tasks import refresh_tokens
from postloom.integrations.networks.base import Account, TokenSet
from tests.connections.fakes import FakeClient, expired_token, now, server_error

MakeConnection = Callable[..., Connection]


def tiktok(make_connection: MakeConnection, **fields: Any) -> Connection:
    defaults: dict[str, Any] = {
        "platform": "tiktok",
        "variant": "tiktok",
        "account_id": "tt-open-id-1",
        "access_token": "act.old",
        "refresh_token": "rft.old",
        "token_issued_at": now() - timedelta(hours=23),
        "token_expires_at": now() + timedelta(minutes=60),
        "refresh_expires_at": now() + timedelta(days=300),
    }
    return make_connection(**{**defaults, **fields})


def test_an_instagram_token_younger_than_24_hours_is_not_refreshed(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    # Even close to expiry (a short test token): Instagram would refuse it.
    make_connection(token_issued_at=now() - timedelta(hours=23, minutes=59),
                    token_expires_at=now() + timedelta(days=2))  # fmt: skip
    assert refresh.refresh_due_connections() == {}
    assert fake_clients["instagram"].called("refresh") == []


def test_a_fresh_60_day_token_waits(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    make_connection(token_issued_at=now() - timedelta(days=2),
                    token_expires_at=now() + timedelta(days=58))  # fmt: skip
    assert refresh.refresh_due_connections() == {}


def test_a_due_instagram_token_is_refreshed_and_stored_encrypted(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = make_connection(last_refresh_error="server")  # 40 days old, 20 days left
    before = now()

    assert refresh_tokens.enqueue().return_value == {"refreshed": 1}

    (call,) = fake_clients["instagram"].called("refresh")
    assert call["account"] == Account("instagram", "17841400000000001", "IGQVJ-stored-token",
                                      "instagram_login", "")  # fmt: skip
    connection.refresh_from_db()
    assert connection.access_token == "IGQVJ-refreshed-1"
    assert "IGQVJ-refreshed-1" not in connection.access_token_encrypted
    issued, expires, renewed = (
        connection.token_issued_at,
        connection.token_expires_at,
        connection.last_refresh_at,
    )
    assert issued and expires and renewed
    assert issued >= before and renewed >= before
    assert expires - before > timedelta(days=59)
    assert (connection.status, connection.last_refresh_error) == ("active", "")
    assert refresh.refresh_due_connections() == {}  # nothing due any more


def test_tiktok_rotation_is_persisted(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = tiktok(make_connection)
    assert refresh.refresh_due_connections() == {"refreshed": 1}
    connection.refresh_from_db()
    assert (connection.access_token, connection.refresh_token) == ("act.rotated-1", "rft.rotated-1")
    (call,) = fake_clients["tiktok"].called("refresh")
    assert call["tokens"].refresh_token == "rft.old"

    # The next refresh sends the rotated refresh token, not the retired one.
    later = now() + timedelta(hours=23)
    assert refresh.refresh_due_connections(later) == {"refreshed": 1}
    assert fake_clients["tiktok"].called("refresh")[1]["tokens"].refresh_token == "rft.rotated-1"
    connection.refresh_from_db()
    assert connection.refresh_token == "rft.rotated-2"


def test_tiktok_with_hours_left_waits(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    tiktok(make_connection, token_expires_at=now() + timedelta(hours=3))
    assert refresh.refresh_due_connections() == {}


def test_a_refresh_that_lost_a_race_keeps_the_newer_tokens(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = tiktok(make_connection)
    client = fake_clients["tiktok"]
    original = client.refresh

    def meanwhile(account: Account, tokens: TokenSet) -> TokenSet:
        # The publisher refreshed this connection while our call was under way.
        other = Connection.objects.get(pk=connection.pk)
        other.access_token, other.refresh_token = "act.by-publisher", "rft.by-publisher"
        other.save()
        return original(account, tokens)

    client.refresh = meanwhile  # type: ignore[method-assign]
    outcome = refresh.refresh_connection(connection)
    assert (outcome.result, outcome.code) == ("skipped", "refreshed_elsewhere")
    connection.refresh_from_db()
    assert connection.refresh_token == "rft.by-publisher"


def test_a_refusal_after_someone_else_rotated_is_not_a_failure(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = tiktok(make_connection)

    def refused(account: Account, tokens: TokenSet) -> TokenSet:
        other = Connection.objects.get(pk=connection.pk)
        other.refresh_token = "rft.by-publisher"
        other.save()
        raise expired_token()

    fake_clients["tiktok"].refresh = refused  # type: ignore[method-assign]
    assert refresh.refresh_connection(connection).result == "skipped"
    connection.refresh_from_db()
    assert (connection.status, connection.last_refresh_error) == ("active", "")


def test_a_refused_refresh_marks_the_connection_for_reconnecting(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = make_connection()
    fake_clients["instagram"].fail["refresh"] = expired_token()
    assert refresh.refresh_due_connections() == {"reconnect": 1}
    connection.refresh_from_db()
    assert connection.status == "reconnect"
    assert connection.status_reason == "token_expired"
    assert connection.last_refresh_error == "token_expired"
    assert connection.access_token == "IGQVJ-stored-token"  # kept: reconnecting replaces it
    assert refresh.refresh_due_connections() == {}  # not asked again every hour


def test_a_transient_failure_keeps_trying(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    connection = make_connection()
    fake_clients["instagram"].fail["refresh"] = server_error()
    assert refresh.refresh_due_connections() == {"failed": 1}
    connection.refresh_from_db()
    assert (connection.status, connection.last_refresh_error) == ("active", "server")
    del fake_clients["instagram"].fail["refresh"]
    assert refresh.refresh_due_connections() == {"refreshed": 1}


@pytest.mark.parametrize("kind", ["instagram", "tiktok"])
def test_an_expired_connection_is_marked_without_a_call(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient], kind: str
) -> None:
    if kind == "tiktok":
        connection = tiktok(make_connection, refresh_expires_at=now() - timedelta(seconds=1))
    else:
        connection = make_connection(token_expires_at=now() - timedelta(seconds=1))
    assert refresh.refresh_due_connections() == {"reconnect": 1}
    connection.refresh_from_db()
    assert (connection.status, connection.status_reason) == ("reconnect", "token_lapsed")
    assert fake_clients[kind].called("refresh") == []


def test_facebook_that_gives_no_later_expiry_is_not_asked_again(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    ends = now() + timedelta(days=20)
    connection = make_connection(variant="facebook_login", page_id="111", token_expires_at=ends)

    def same_expiry(account: Account, tokens: TokenSet) -> TokenSet:
        return TokenSet(access_token="EAAB-again", expires_at=ends, issued_at=now())

    fake_clients["instagram"].refresh = same_expiry  # type: ignore[method-assign]
    assert refresh.refresh_due_connections() == {"refreshed": 1}
    connection.refresh_from_db()
    assert connection.last_refresh_error == refresh.NOT_EXTENDED
    assert refresh.refresh_due_connections(now() + timedelta(days=2)) == {}


def test_connections_of_the_other_mode_are_left_alone(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient], settings: Any
) -> None:
    make_connection(sandbox=True)
    assert refresh.refresh_due_connections() == {}
    settings.NETWORKS = {**settings.NETWORKS, "SANDBOX": True}
    assert refresh.refresh_due_connections() == {"refreshed": 1}


def test_one_broken_row_does_not_stop_the_others(
    make_connection: MakeConnection, fake_clients: dict[str, FakeClient]
) -> None:
    make_connection()
    tiktok(make_connection)

    def crash(account: Account, tokens: TokenSet) -> TokenSet:
        raise RuntimeError("boom")

    fake_clients["instagram"].refresh = crash  # type: ignore[method-assign]
    assert refresh.refresh_due_connections() == {"failed": 1, "refreshed": 1}


def test_the_hourly_job_is_registered() -> None:
    from huey.contrib.djhuey import HUEY

    import postloom.config.schedule as schedule

    job = schedule.refresh_connection_tokens
    assert "postloom.refresh_tokens" in [t.__name__ for t in HUEY._registry._periodic_tasks]
    task = job.task_class()
    at = [datetime(2026, 12, 2, h, m) for h, m in ((9, 7), (10, 7), (10, 8))]
    assert [task.validate_datetime(moment) for moment in at] == [True, True, False]
