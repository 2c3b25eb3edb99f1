"""Who may see and do what with connections. A denied request changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection, ImportedMedia
from tests.connections.fakes import FakeClient

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
READ = (200, 200, 200, 404, 302)
WRITE = (302, 302, 403, 404, 302)
API_READ = (200, 200, 200, 404, 401)
API_WRITE = (200, 200, 403, 404, 401)

ROUTES: list[tuple[str, str, tuple[int, ...]]] = [
    ("get", "/b/{b}/connections/", READ),
    ("get", "/b/{b}/connections/connect/instagram/", WRITE),
    ("get", "/b/{b}/connections/connect/facebook/", WRITE),
    ("get", "/b/{b}/connections/connect/tiktok/", WRITE),
    ("get", "/b/{b}/connections/facebook/pages/", WRITE),  # no Pages pending: back to the list
    ("post", "/b/{b}/connections/facebook/pages/", WRITE),
    ("post", "/b/{b}/connections/{c}/disconnect/", WRITE),
    ("post", "/b/{b}/connections/{c}/import/", WRITE),
    ("get", "/api/v1/businesses/{b}/connections", API_READ),
    ("post", "/api/v1/businesses/{b}/connections/{c}/disconnect", API_WRITE),
]
CHANGES = {"disconnect", "import"}  # routes that change rows when allowed


def snapshot() -> list[Any]:
    return [
        list(
            Connection.objects.values_list("id", "status", "access_token_encrypted", "imported_at")
        ),
        list(ImportedMedia.objects.values_list("id", "media_id")),
    ]


@pytest.mark.parametrize(
    ("method", "path", "role", "expected"),
    [
        pytest.param(m, p, role, e, id=f"{m}-{p}-{role}")
        for m, p, outcomes in ROUTES
        for role, e in zip(ROLES, outcomes, strict=True)
    ],
)
def test_connection_routes_by_role(
    request: pytest.FixtureRequest,
    business: Business,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: Callable[..., Connection],
    method: str,
    path: str,
    role: str,
    expected: int,
) -> None:
    connection = make_connection()
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = path.format(b=business.pk, c=connection.pk)
    before = snapshot()
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, {})
    assert response.status_code == expected
    allowed = role in ("owner", "editor")
    changes = method == "post" and any(f"/{word}" in path for word in CHANGES)
    assert (snapshot() != before) == (changes and allowed)
    if role == "anonymous" and not url.startswith("/api/"):
        assert response["Location"].startswith("/accounts/login/")
    if url.endswith("/connect/instagram/") and allowed:
        assert response["Location"].startswith("https://consent.example/")


def test_a_connection_of_another_business_is_not_found(
    business: Business,
    owner: User,
    outsider: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: Callable[..., Connection],
) -> None:
    from postloom.brands import actions as brand_actions

    theirs = brand_actions.create_business(outsider, name="Toko Lain")
    their_connection = make_connection(business=theirs)
    response = client_for(owner).post(
        f"/b/{business.pk}/connections/{their_connection.pk}/disconnect/"
    )
    assert response.status_code == 404
    their_connection.refresh_from_db()
    assert their_connection.status == "active"


def test_viewers_see_no_connect_or_disconnect_buttons(
    business: Business,
    viewer: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
    make_connection: Callable[..., Connection],
) -> None:
    make_connection()
    page = client_for(viewer).get(f"/b/{business.pk}/connections/").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'method="post"' not in main
    assert "/connect/" not in main
    assert "@kopisenja" in main
    assert "Only owners and editors can connect or disconnect accounts." in main


def test_the_callback_needs_a_signed_in_person(client_for: ClientFor, db: None) -> None:
    response = client_for(None).get("/connections/instagram/callback/?code=c&state=s")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/connections/instagram/")


def test_an_outsider_cannot_finish_anyone_elses_flow(
    business: Business,
    owner: User,
    outsider: User,
    client_for: ClientFor,
    fake_clients: dict[str, FakeClient],
) -> None:
    # The state lives in the owner's session: the outsider's callback finds nothing.
    owner_client = client_for(owner)
    started = owner_client.get(f"/b/{business.pk}/connections/connect/instagram/")
    state = started["Location"].split("state=", 1)[1].split("&", 1)[0]
    response = client_for(outsider).get(f"/connections/instagram/callback/?code=c&state={state}")
    assert response["Location"] == "/dashboard/"
    assert fake_clients["instagram"].called("exchange_code") == []
    assert not Connection.objects.exists()
