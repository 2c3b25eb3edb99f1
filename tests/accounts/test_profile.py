from __future__ import annotations

import pytest
from django.test import Client

from postloom.accounts.models import User


def test_profile_requires_login(client: Client, db: None) -> None:
    response = client.get("/account/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_saves_name_avatar_language_and_theme(client_for, owner: User) -> None:
    client = client_for(owner)
    response = client.post(
        "/account/profile/",
        {
            "name": "Ayşe Yılmaz",
            "avatar_url": "https://cdn.example/ayse.jpg",
            "language": "tr",
            "theme": "dark",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert (owner.name, owner.avatar_url, owner.language, owner.theme) == (
        "Ayşe Yılmaz",
        "https://cdn.example/ayse.jpg",
        "tr",
        "dark",
    )
    page = client.get("/account/profile/").content.decode()
    assert 'data-theme="dark"' in page
    assert 'lang="tr"' in page


@pytest.mark.parametrize("avatar", ["http://cdn.example/a.jpg", "javascript:alert(1)", "not a url"])
def test_profile_refuses_unsafe_avatar_urls(client_for, owner: User, avatar: str) -> None:
    response = client_for(owner).post(
        "/account/profile/",
        {"name": "X", "avatar_url": avatar, "language": "en", "theme": "light"},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    owner.refresh_from_db()
    assert owner.avatar_url == ""
    assert owner.name == "Olivia Owner"


def test_language_switch_is_saved_on_the_account(client_for, owner: User) -> None:
    client = client_for(owner)
    response = client.post("/account/language/", {"language": "id", "next": "/dashboard/"})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    owner.refresh_from_db()
    assert owner.language == "id"
    # A new session (another device) gets the saved language, whatever the browser says.
    other = client_for(owner)
    page = other.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert 'lang="id"' in page


def test_anonymous_language_switch_uses_a_cookie(client: Client, db: None) -> None:
    client.post("/account/language/", {"language": "tr", "next": "/accounts/login/"})
    assert client.cookies["postloom_language"].value == "tr"
    assert 'lang="tr"' in client.get("/accounts/login/").content.decode()


def test_language_switch_never_redirects_off_site(client_for, owner: User) -> None:
    response = client_for(owner).post(
        "/account/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_unknown_language_changes_nothing(client_for, owner: User) -> None:
    client_for(owner).post("/account/language/", {"language": "xx"})
    owner.refresh_from_db()
    assert owner.language == "en"


def test_language_switch_requires_csrf(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/account/language/", {"language": "tr"}).status_code == 403
    owner.refresh_from_db()
    assert owner.language == "en"
