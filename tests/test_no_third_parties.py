"""No page loads a script, style, font or frame from anywhere but this server."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business

ASSET = re.compile(r"<(?:script|link|iframe|img)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.I)

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/privacy/",
]
MEMBER_PAGES = [
    "/b/new/",
    "/b/{b}/",
    "/b/{b}/settings/",
    "/b/{b}/members/",
    "/account/profile/",
    "/accounts/2fa/",
    "/api/v1/docs",
]


def assert_only_own_assets(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, path
    for url in ASSET.findall(response.content.decode()):
        assert url.startswith("/") and not url.startswith("//"), f"{path} loads {url}"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_public_pages_load_only_our_own_files(client: Client, path: str) -> None:
    assert_only_own_assets(client, path)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_load_only_our_own_files(
    owner: User, business: Business, client_for: Callable[[User | None], Client], path: str
) -> None:
    assert_only_own_assets(client_for(owner), path.format(b=business.pk))
