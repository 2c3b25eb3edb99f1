"""Connecting accounts through the views, with a fake network client (see fakes.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business, Membership, Role
from postloom.connections.models import Connection, ImportedMedia
from postloom.integrations.networks.base import ErrorCode, FacebookPage, NetworkError
from tests.connections.fakes import FB_TOKEN, IG_TOKEN, TT_ACCESS, TT_REFRESH, FakeClient
from tests.connections.pages import messages_of

ClientFor = Callable[[User | None], Client]


def start(client: Client, business: Business, flow: str) -> str:
    """Begin a flow; return the state our view sent to the consent screen."""
    response = client.get(f"/b/{business.pk}/connections/connect/{flow}/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == "consent.example"
    return parse_qs(location.query)["state"][0]


def callback(client: Client, flow: str, **params: str) -> Any:
    return client.get(f"/connections/{flow}/callback/", params)


def test_instagram_login_connects_and_imports(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    state = start(client, business, "instagram")
    ig = fake_clients["instagram"]
    assert ig.called("authorize_url") == [
        {
            "state": state,
            "redirect_uri": "https://app.postloom.example/connections/instagram/callback/",
            "variant": "instagram_login",
        }
    ]

    response = callback(client, "instagram", code="AQBx-code#_", state=state)

    assert response.status_code == 302
    assert response["Location"] == f"/b/{business.pk}/connections/"
    assert ig.called("exchange_code") == [
        {
            "code": "AQBx-code",  # the "#_" Instagram appends is stripped
            "redirect_uri": "https://app.postloom.example/connections/instagram/callback/",
            "variant": "instagram_login",
        }
    ]
    connection = Connection.objects.get()
    assert connection.business == business
    assert (connection.platform, connection.variant) == ("instagram", "instagram_login")
    assert connection.account_id == "17841400000000001"
    assert connection.remote_user_id == "app-scoped-7"
    assert connection.username == "kopisenja"
    assert connection.picture_url == "https://scontent.example/pic.jpg"
    assert connection.biography == "Palm sugar coffee from Bandung"
    assert connection.followers == 1520
    assert connection.scopes == ["instagram_business_basic", "instagram_business_content_publish"]
    assert connection.access_token == IG_TOKEN
    assert IG_TOKEN not in connection.access_token_encrypted
    assert connection.token_expires_at is not None
    assert connection.status == "active"
    assert connection.sandbox is False
    assert connection.connected_by == owner
    media = list(ImportedMedia.objects.values_list("media_id", "caption", "position"))
    assert media == [("m1", "Es kopi susu, fresh today #kopi", 0), ("m2", "Behind the bar", 1)]
    assert connection.imported_at is not None
    assert messages_of(response) == ["@kopisenja on Instagram is connected."]


def test_editor_may_connect(
    business: Business, editor: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(editor)
    state = start(client, business, "instagram")
    callback(client, "instagram", code="c1", state=state)
    assert Connection.objects.get().connected_by == editor


@pytest.mark.parametrize("state", ["", "forged-state", "reused"])
def test_a_callback_without_our_state_is_refused(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    state: str,
) -> None:
    client = client_for(owner)
    real = start(client, business, "instagram")
    if state == "reused":
        callback(client, "instagram", code="c1", state=real)
        Connection.objects.all().delete()
        fake_clients["instagram"].calls.clear()
        state = real

    response = callback(client, "instagram", code="c2", state=state)

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert fake_clients["instagram"].called("exchange_code") == []
    assert not Connection.objects.exists()
    assert messages_of(response)[-1] == (
        "This connection attempt has expired or was not started from Postloom. Please start again."
    )


def test_a_state_from_another_session_is_refused(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    state = start(client_for(owner), business, "instagram")
    attacker = client_for(owner)  # the same person in another browser: another session
    callback(attacker, "instagram", code="c1", state=state)
    assert not Connection.objects.exists()


def test_a_state_for_another_network_is_refused(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    state = start(client, business, "tiktok")
    callback(client, "instagram", code="c1", state=state)
    assert not Connection.objects.exists()


def test_denied_consent_is_explained_and_changes_nothing(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    state = start(client, business, "instagram")
    response = callback(
        client,
        "instagram",
        error="access_denied",
        error_reason="user_denied",
        error_description="The user denied your request",
        state=state,
    )
    assert response["Location"] == f"/b/{business.pk}/connections/"
    assert not Connection.objects.exists()
    assert fake_clients["instagram"].called("exchange_code") == []
    (message,) = messages_of(response)
    assert message.startswith("You did not allow Postloom to use your Instagram account")
    assert "denied your request" not in message  # never the vendor's words


def test_network_error_during_exchange_is_a_plain_message(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    fake_clients["instagram"].fail["exchange_code"] = NetworkError(
        ErrorCode.OAUTH, "Matching code was not found or was already used", permanent=True
    )
    client = client_for(owner)
    state = start(client, business, "instagram")
    response = callback(client, "instagram", code="used", state=state)
    assert not Connection.objects.exists()
    assert messages_of(response) == ["Instagram refused the sign-in. Please try connecting again."]


def test_reconnecting_the_same_account_updates_the_row(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    callback(client, "instagram", code="c1", state=start(client, business, "instagram"))
    first = Connection.objects.get()
    Connection.objects.filter(pk=first.pk).update(
        status="reconnect", status_reason="token_expired", access_token_encrypted="x"
    )
    fake_clients["instagram"].username = "kopisenja.id"

    callback(client, "instagram", code="c2", state=start(client, business, "instagram"))

    again = Connection.objects.get()
    assert again.pk == first.pk
    assert (again.status, again.status_reason) == ("active", "")
    assert again.username == "kopisenja.id"
    assert again.access_token == IG_TOKEN


def test_a_member_demoted_mid_flow_cannot_finish(
    business: Business,
    editor: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
) -> None:
    client = client_for(editor)
    state = start(client, business, "instagram")
    Membership.objects.filter(user=editor).update(role=Role.VIEWER)
    response = callback(client, "instagram", code="c1", state=state)
    assert response.status_code == 403
    assert fake_clients["instagram"].called("exchange_code") == []
    assert not Connection.objects.exists()


def test_unconfigured_network_is_explained(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    settings: Any,
) -> None:
    settings.NETWORKS = {**settings.NETWORKS, "TIKTOK_CLIENT_KEY": ""}
    response = client_for(owner).get(f"/b/{business.pk}/connections/connect/tiktok/")
    assert response["Location"] == f"/b/{business.pk}/connections/"
    assert messages_of(response)[0].startswith("Connecting TikTok is not set up")
    assert fake_clients["tiktok"].calls == []


def test_unknown_network_is_not_found(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    client = client_for(owner)
    assert client.get(f"/b/{business.pk}/connections/connect/myspace/").status_code == 404
    assert client.get("/connections/myspace/callback/").status_code == 404


def test_tiktok_connects_with_refresh_token_and_nickname(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    state = start(client, business, "tiktok")
    response = callback(client, "tiktok", code="tt-code", state=state, scopes="video.publish")

    connection = Connection.objects.get()
    assert (connection.platform, connection.variant) == ("tiktok", "tiktok")
    assert connection.account_id == "tt-open-id-1"
    assert connection.display_name == "Kopi Senja Official"  # creator_info's nickname
    assert connection.username == "kopisenja.tt"
    assert connection.access_token == TT_ACCESS
    assert connection.refresh_token == TT_REFRESH
    assert TT_REFRESH not in connection.refresh_token_encrypted
    assert connection.refresh_expires_at is not None
    assert not ImportedMedia.objects.exists()
    assert messages_of(response) == ["@kopisenja.tt on TikTok is connected."]


# --- Facebook Login -------------------------------------------------------------------------

PAGES = [
    FacebookPage("111", "Kopi Senja Bandung", "17841400000000009"),
    FacebookPage("222", "Kopi Senja Fans", ""),
]


def facebook_until_pages(client: Client, business: Business, fakes: dict[str, FakeClient]) -> Any:
    fakes["instagram"].pages_answer = PAGES
    state = start(client, business, "facebook")
    response = callback(client, "facebook", code="fb-code", state=state)
    assert response["Location"] == f"/b/{business.pk}/connections/facebook/pages/"
    return client.get(response["Location"])


def test_facebook_login_lets_the_person_pick_a_page(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    page = facebook_until_pages(client, business, fake_clients).content.decode()
    assert "Kopi Senja Bandung" in page and "Kopi Senja Fans" in page
    assert 'value="222" disabled' in page  # no linked Instagram account
    assert "has no Instagram professional account linked" in page
    assert FB_TOKEN not in page
    assert FB_TOKEN not in str(dict(client.session))  # kept encrypted while choosing
    assert not Connection.objects.exists()

    response = client.post(f"/b/{business.pk}/connections/facebook/pages/", {"page": "111"})

    assert response["Location"] == f"/b/{business.pk}/connections/"
    connection = Connection.objects.get()
    assert connection.variant == "facebook_login"
    assert connection.account_id == "17841400000000009"
    assert connection.page_id == "111"
    assert connection.remote_user_id == "fb-user-9"
    assert connection.access_token == FB_TOKEN
    (profile_call,) = fake_clients["instagram"].called("profile")
    assert profile_call["account"].page_id == "111"
    assert ImportedMedia.objects.count() == 2
    # The choice is used up.
    again = client.get(f"/b/{business.pk}/connections/facebook/pages/")
    assert again["Location"] == f"/b/{business.pk}/connections/"


def test_a_page_without_instagram_is_explained_not_connected(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    facebook_until_pages(client, business, fake_clients)
    response = client.post(f"/b/{business.pk}/connections/facebook/pages/", {"page": "222"})
    assert response.status_code == 200
    assert "This Facebook Page has no Instagram professional account linked" in (
        response.content.decode()
    )
    assert not Connection.objects.exists()
    response = client.post(f"/b/{business.pk}/connections/facebook/pages/", {"page": "999"})
    assert "Choose one of the Pages below." in response.content.decode()
    assert not Connection.objects.exists()


def test_facebook_without_pages_is_explained(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    client = client_for(owner)
    state = start(client, business, "facebook")
    response = client.get(callback(client, "facebook", code="c", state=state)["Location"])
    assert "does not manage any Facebook Page" in response.content.decode()
    assert not Connection.objects.exists()


def test_pages_chosen_for_one_business_are_not_offered_to_another(
    business: Business, owner: User, client_for: ClientFor, fake_clients: dict[str, FakeClient]
) -> None:
    from postloom.brands import actions as brand_actions

    other = brand_actions.create_business(owner, name="Toko Dua")
    client = client_for(owner)
    facebook_until_pages(client, business, fake_clients)
    response = client.post(f"/b/{other.pk}/connections/facebook/pages/", {"page": "111"})
    assert response["Location"] == f"/b/{other.pk}/connections/"
    assert not Connection.objects.exists()


# --- sandbox ---------------------------------------------------------------------------------


def test_sandbox_mode_labels_the_connection(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    settings: Any,
) -> None:
    settings.NETWORKS = {**settings.NETWORKS, "SANDBOX": True}
    client = client_for(owner)
    response = callback(client, "instagram", code="c", state=start(client, business, "instagram"))
    assert Connection.objects.get().sandbox is True
    assert messages_of(response)[0].endswith(
        "This is a sandbox account: nothing reaches the real network."
    )
    page = client.get(f"/b/{business.pk}/connections/").content.decode()
    assert 'data-testid="sandbox-badge"' in page


def test_a_simulator_on_loopback_makes_a_sandbox_connection(
    business: Business,
    owner: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    settings: Any,
) -> None:
    settings.NETWORKS = {**settings.NETWORKS, "TIKTOK_API_URL": "http://127.0.0.1:8102"}
    client = client_for(owner)
    callback(client, "tiktok", code="c", state=start(client, business, "tiktok"))
    callback(client, "instagram", code="c", state=start(client, business, "instagram"))
    assert dict(Connection.objects.values_list("platform", "sandbox")) == {
        "tiktok": True,
        "instagram": False,
    }
