from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.integrations import networks
from postloom.integrations.networks.base import RecentMedia
from tests.connections.fakes import FakeClient, now

CONFIGURED = {
    "INSTAGRAM_APP_ID": "ig-app-1",
    "INSTAGRAM_APP_SECRET": "ig-secret-1",
    "FACEBOOK_APP_ID": "fb-app-1",
    "FACEBOOK_APP_SECRET": "fb-secret-1",
    "TIKTOK_CLIENT_KEY": "tt-key-1",
    "TIKTOK_CLIENT_SECRET": "tt-secret-1",
}


@pytest.fixture
def networks_configured(settings: Any) -> dict[str, Any]:
    settings.NETWORKS = {**settings.NETWORKS, **CONFIGURED, "SANDBOX": False}
    settings.BASE_URL = "https://app.postloom.example"
    return settings.NETWORKS


@pytest.fixture
def fake_clients(
    monkeypatch: pytest.MonkeyPatch, networks_configured: dict[str, Any]
) -> dict[str, FakeClient]:
    clients = {
        "instagram": FakeClient(
            platform="instagram",
            media=[
                RecentMedia(
                    "m1",
                    "IMAGE",
                    "Es kopi susu, fresh today #kopi",
                    "https://scontent.example/1.jpg",
                    permalink="https://www.instagram.com/p/AAA/",
                    timestamp="2026-11-30T08:00:00+0000",
                ),
                RecentMedia(
                    "m2",
                    "VIDEO",
                    "Behind the bar",
                    "https://scontent.example/2.mp4",
                    thumbnail_url="https://scontent.example/2.jpg",
                    timestamp="2026-11-28T08:00:00+0000",
                ),
            ],
        ),  # fmt: skip
        "tiktok": FakeClient(platform="tiktok", account_id="tt-open-id-1"),
    }
    monkeypatch.setattr(networks, "get_client", lambda platform: clients[platform])
    return clients


@pytest.fixture
def make_connection(business: Business) -> Callable[..., Connection]:
    def make(**fields: Any) -> Connection:
        access = fields.pop("access_token", "IGQVJ-stored-token")
        refresh = fields.pop("refresh_token", "")
        defaults: dict[str, Any] = {
            "business": business,
            "platform": "instagram",
            "variant": "instagram_login",
            "account_id": "17841400000000001",
            "username": "kopisenja",
            "token_issued_at": now() - timedelta(days=40),
            "token_expires_at": now() + timedelta(days=20),
        }
        connection = Connection(**{**defaults, **fields})
        connection.access_token = access
        if refresh:
            connection.refresh_token = refresh
        connection.save()
        return connection

    return make
