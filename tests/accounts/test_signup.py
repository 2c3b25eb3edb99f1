from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, override_settings

from postloom.accounts.models import PolicyConsent, User
from tests.conftest import PASSWORD

GOOD = {
    "email": "siti@tokositi.example",
    "password1": "Kue-lapis-legit-2026",
    "password2": "Kue-lapis-legit-2026",
    "name": "Siti Rahma",
    "confirm_age": "on",
    "accept_privacy": "on",
}


def signup(client: Client, **changes: str | None) -> str:
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    response = client.post("/accounts/signup/", data)
    return response.content.decode()


@pytest.mark.django_db
@override_settings(PRIVACY_POLICY_VERSION="2026-11")
def test_signup_records_age_consent_and_language(client: Client) -> None:
    client.cookies["postloom_language"] = "tr"
    response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="siti@tokositi.example")
    assert user.name == "Siti Rahma"
    assert user.language == "tr"
    assert user.age_confirmed_at is not None
    consent = PolicyConsent.objects.get(user=user)
    assert (consent.policy, consent.version) == ("privacy", "2026-11")
    assert user.check_password(GOOD["password1"])
    # A verification email goes out; the link confirms the address.
    assert len(mail.outbox) == 1
    assert "siti@tokositi.example" in mail.outbox[0].to


@pytest.mark.django_db
def test_email_is_stored_lowercase(client: Client) -> None:
    signup(client, email="Siti@TokoSiti.Example")
    assert User.objects.filter(email="siti@tokositi.example").exists()


@pytest.mark.django_db
def test_duplicate_email_is_refused_case_insensitively(client: Client, make_user) -> None:
    make_user("siti@tokositi.example")
    page = signup(client, email="SITI@tokositi.example")
    assert "already registered with this email address" in page
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_weak_password_is_refused(client: Client) -> None:
    page = signup(client, password1="password", password2="password")
    assert "This password is too common." in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_under_age_is_refused_and_nothing_is_written(client: Client) -> None:
    page = signup(client, confirm_age=None)
    assert "You must be at least 18 years old to use Postloom." in page
    assert not User.objects.exists()
    assert not PolicyConsent.objects.exists()


@pytest.mark.django_db
@override_settings(MIN_AGE=21)
def test_minimum_age_is_configurable(client: Client) -> None:
    assert "I am 21 years old or older." in client.get("/accounts/signup/").content.decode()
    assert "You must be at least 21 years old" in signup(client, confirm_age=None)


@pytest.mark.django_db
def test_privacy_policy_must_be_accepted(client: Client) -> None:
    page = signup(client, accept_privacy=None)
    assert "Please accept the privacy policy to create an account." in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_errors_are_translated(client: Client) -> None:
    client.cookies["postloom_language"] = "id"
    page = signup(client, confirm_age=None)
    assert "You must be at least 18 years old" not in page
    assert 'lang="id"' in page


@pytest.mark.django_db
def test_login_and_logout(client: Client, make_user) -> None:
    make_user("ayse@example.com")
    response = client.post("/accounts/login/", {"login": "AYSE@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_gives_a_clear_error(client: Client, make_user) -> None:
    make_user("ayse@example.com")
    response = client.post("/accounts/login/", {"login": "ayse@example.com", "password": "nope"})
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
