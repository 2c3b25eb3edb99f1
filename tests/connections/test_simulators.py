"""The connect flows end to end: our views and the real clients against the local Instagram
and TikTok simulators (consent pages, code exchange, tokens, profile, media, refresh, revoke)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections import actions, refresh
from postloom.connections.models import Connection, ImportedMedia
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_api import make_app as instagram_app
from postloom.sandbox.instagram_seed import SEED_CAPTIONS
from postloom.sandbox.instagram_state import SANDBOX_IG_ID, SANDBOX_PAGE_ID, SANDBOX_PAGE_IG_ID
from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import TikTokSim
from postloom.sandbox.tiktok_api import make_app as tiktok_app
from tests.connections.fakes import now
from tests.connections.pages import messages_of

ClientFor = Callable[[User | None], Client]
DAY = 86_400


@pytest.fixture
def ig_sim() -> InstagramSim:
    return InstagramSim(auto_approve=True)


@pytest.fixture
def tt_sim() -> TikTokSim:
    return TikTokSim(auto_approve=True)


@pytest.fixture
def simulators(ig_sim: InstagramSim, tt_sim: TikTokSim, settings: Any) -> Iterator[None]:
    with serve(instagram_app(ig_sim)) as ig, serve(tiktok_app(tt_sim)) as tt:
        settings.BASE_URL = "http://testserver"
        settings.NETWORKS = {
            **settings.NETWORKS,
            "SANDBOX": False,  # the loopback hosts alone make these sandbox connections
            "INSTAGRAM_AUTHORIZE_URL": ig + "/oauth/authorize",
            "INSTAGRAM_API_URL": ig,
            "INSTAGRAM_GRAPH_URL": ig,
            "FACEBOOK_DIALOG_URL": ig,
            "FACEBOOK_GRAPH_URL": ig,
            "INSTAGRAM_APP_ID": ig_sim.instagram_app_id,
            "INSTAGRAM_APP_SECRET": ig_sim.instagram_app_secret,
            "FACEBOOK_APP_ID": ig_sim.facebook_app_id,
            "FACEBOOK_APP_SECRET": ig_sim.facebook_app_secret,
            "TIKTOK_AUTHORIZE_URL": tt + "/v2/auth/authorize/",
            "TIKTOK_API_URL": tt,
            "TIKTOK_CLIENT_KEY": tt_sim.client_key,
            "TIKTOK_CLIENT_SECRET": tt_sim.client_secret,
        }
        yield


def consent(client: Client, business: Business, flow: str) -> str:
    """Start a flow at our view, pass the simulator's consent page; return the callback URL
    (path and query) the browser would be sent to."""
    start = client.get(f"/b/{business.pk}/connections/connect/{flow}/")
    assert start.status_code == 302
    answer = httpx.get(start["Location"], follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text
    target = urlsplit(answer.headers["location"])  # the fragment ("#_") stays in the browser
    assert f"{target.scheme}://{target.netloc}" == "http://testserver"
    return f"{target.path}?{target.query}"


def connect(client: Client, business: Business, flow: str) -> Any:
    return client.get(consent(client, business, flow))


def test_instagram_login_end_to_end(
    business: Business, owner: User, client_for: ClientFor, simulators: None, ig_sim: InstagramSim
) -> None:
    client = client_for(owner)
    response = connect(client, business, "instagram")

    assert response["Location"] == f"/b/{business.pk}/connections/"
    connection = Connection.objects.get()
    assert (connection.variant, connection.account_id) == ("instagram_login", SANDBOX_IG_ID)
    assert connection.username == "sandbox.shop"
    assert connection.sandbox is True
    assert ig_sim.tokens[connection.access_token].kind == "long"
    assert connection.access_token not in connection.access_token_encrypted
    expires = connection.token_expires_at
    assert expires is not None and timedelta(days=59) < expires - now() <= timedelta(days=60)
    captions = list(ImportedMedia.objects.order_by("position").values_list("caption", flat=True))
    assert captions == list(reversed(SEED_CAPTIONS))  # newest first
    assert messages_of(response) == [
        "@sandbox.shop on Instagram is connected. "
        "This is a sandbox account: nothing reaches the real network."
    ]
    page = client.get(f"/b/{business.pk}/connections/").content.decode()
    assert 'data-testid="sandbox-badge"' in page and "@sandbox.shop" in page


def test_a_forged_state_never_reaches_the_token_endpoint(
    business: Business, owner: User, client_for: ClientFor, simulators: None, ig_sim: InstagramSim
) -> None:
    client = client_for(owner)
    url = consent(client, business, "instagram")
    query = parse_qs(urlsplit(url).query)
    forged = client.get("/connections/instagram/callback/", {"code": query["code"][0],
                                                            "state": "attacker"})  # fmt: skip
    assert forged["Location"] == "/dashboard/"
    assert not Connection.objects.exists()
    assert [r for r in ig_sim.requests if "access_token" in r.endpoint] == []


def test_denied_consent_end_to_end(
    business: Business, owner: User, client_for: ClientFor, simulators: None, ig_sim: InstagramSim
) -> None:
    ig_sim.deny = True
    response = connect(client_for(owner), business, "instagram")
    assert not Connection.objects.exists()
    assert messages_of(response)[0].startswith("You did not allow Postloom to use your Instagram")


def test_reconnecting_updates_the_row_end_to_end(
    business: Business, owner: User, client_for: ClientFor, simulators: None
) -> None:
    client = client_for(owner)
    connect(client, business, "instagram")
    first = Connection.objects.get()
    connect(client, business, "instagram")
    again = Connection.objects.get()
    assert again.pk == first.pk
    assert again.access_token != first.access_token


def test_facebook_login_end_to_end(
    business: Business, owner: User, client_for: ClientFor, simulators: None
) -> None:
    client = client_for(owner)
    picker = connect(client, business, "facebook")
    assert picker["Location"] == f"/b/{business.pk}/connections/facebook/pages/"
    page = client.get(picker["Location"]).content.decode()
    assert "Sandbox Page Without Instagram" in page
    assert "has no Instagram professional account linked" in page

    refused = client.post(picker["Location"], {"page": "100000000000002"})
    assert "has no Instagram professional account linked" in refused.content.decode()
    assert not Connection.objects.exists()

    chosen = client.post(picker["Location"], {"page": SANDBOX_PAGE_ID})
    assert chosen["Location"] == f"/b/{business.pk}/connections/"
    connection = Connection.objects.get()
    assert (connection.variant, connection.page_id) == ("facebook_login", SANDBOX_PAGE_ID)
    assert (connection.account_id, connection.username) == (SANDBOX_PAGE_IG_ID, "sandbox.page.shop")
    assert connection.sandbox is True
    assert ImportedMedia.objects.filter(connection=connection).count() == 3


def test_tiktok_end_to_end(
    business: Business, owner: User, client_for: ClientFor, simulators: None, tt_sim: TikTokSim
) -> None:
    response = connect(client_for(owner), business, "tiktok")
    connection = Connection.objects.get()
    assert (connection.platform, connection.account_id) == ("tiktok", "sbx-open-kopisenja")
    assert connection.display_name == "Kopi Senja (Sandbox)"
    assert connection.username == "kopisenja.sandbox"
    assert tt_sim.tokens.valid_access(connection.access_token, tt_sim.now()) is not None
    assert tt_sim.tokens.valid_refresh(connection.refresh_token, tt_sim.now()) is not None
    assert connection.refresh_expires_at is not None and connection.sandbox is True
    assert messages_of(response)[0].startswith("@kopisenja.sandbox on TikTok is connected.")


def test_tiktok_refresh_rotation_against_the_simulator(
    business: Business, owner: User, client_for: ClientFor, simulators: None, tt_sim: TikTokSim
) -> None:
    connect(client_for(owner), business, "tiktok")
    connection = Connection.objects.get()
    old_refresh = connection.refresh_token
    tt_sim.advance(23 * 3600)

    assert refresh.refresh_due_connections(now() + timedelta(hours=23)) == {"refreshed": 1}

    connection.refresh_from_db()
    assert connection.refresh_token != old_refresh
    assert tt_sim.tokens.valid_refresh(old_refresh, tt_sim.now()) is None  # retired
    assert tt_sim.tokens.valid_refresh(connection.refresh_token, tt_sim.now()) is not None
    assert tt_sim.tokens.valid_access(connection.access_token, tt_sim.now()) is not None


def age(connection: Connection, days: int) -> None:
    """Our side of the clock: the token was issued ``days`` ago (the simulator's moves too)."""
    assert connection.token_issued_at and connection.token_expires_at
    Connection.objects.filter(pk=connection.pk).update(
        token_issued_at=connection.token_issued_at - timedelta(days=days),
        token_expires_at=connection.token_expires_at - timedelta(days=days),
    )


def test_instagram_refresh_against_the_simulator(
    business: Business,
    owner: User,
    client_for: ClientFor,
    simulators: None,
    ig_sim: InstagramSim,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    connect(client_for(owner), business, "instagram")
    connection = Connection.objects.get()
    old = connection.access_token
    assert refresh.refresh_due_connections() == {}  # minutes old: Instagram would refuse
    age(connection, 31)
    ig_sim.advance(31 * DAY)

    assert refresh.refresh_due_connections() == {"refreshed": 1}

    connection.refresh_from_db()
    assert connection.access_token != old and connection.access_token in ig_sim.tokens
    assert connection.last_refresh_at is not None
    expires = connection.token_expires_at
    assert expires is not None and expires - now() > timedelta(days=59)
    for token in (old, connection.access_token):
        assert token not in caplog.text  # the real clients' logs hide them too


def test_a_revoked_token_ends_in_reconnect(
    business: Business, owner: User, client_for: ClientFor, simulators: None, ig_sim: InstagramSim
) -> None:
    connect(client_for(owner), business, "instagram")
    ig_sim.revoke_tokens()
    age(Connection.objects.get(), 31)
    ig_sim.advance(31 * DAY)

    assert refresh.refresh_due_connections() == {"reconnect": 1}

    connection = Connection.objects.get()
    assert (connection.status, connection.status_reason) == ("reconnect", "token_expired")
    page = client_for(owner).get(f"/b/{business.pk}/connections/").content.decode()
    assert "Instagram no longer accepts Postloom&#x27;s access to this account." in page


def test_disconnecting_tiktok_revokes_at_the_simulator(
    business: Business, owner: User, client_for: ClientFor, simulators: None, tt_sim: TikTokSim
) -> None:
    connect(client_for(owner), business, "tiktok")
    connection = Connection.objects.get()
    access, refresh_token = connection.access_token, connection.refresh_token

    assert actions.disconnect(connection) is True

    assert tt_sim.tokens.valid_access(access, tt_sim.now()) is None
    assert tt_sim.tokens.valid_refresh(refresh_token, tt_sim.now()) is None
    connection.refresh_from_db()
    assert connection.access_token_encrypted == connection.refresh_token_encrypted == ""
