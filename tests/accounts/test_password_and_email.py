from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher
from django.core import mail
from django.test import Client, override_settings

from postloom.accounts.models import User
from postloom.config import settings as real_settings

LINK = re.compile(r"http://[^\s]+/accounts/[^\s]+")


def reset_link(client: Client, email: str) -> str:
    client.post("/accounts/password/reset/", {"email": email})
    assert len(mail.outbox) == 1
    match = LINK.search(mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(0).replace("http://testserver", "")


def test_password_reset_by_email(client: Client, owner: User) -> None:
    link = reset_link(client, owner.email)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "Baklava-fistikli-77", "password2": "Baklava-fistikli-77"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("Baklava-fistikli-77")


def test_expired_reset_link_is_refused_and_password_kept(client: Client, owner: User) -> None:
    link = reset_link(client, owner.email)
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        page = client.get(link, follow=True).content.decode()
    assert "The password reset link was invalid" in page
    owner.refresh_from_db()
    assert owner.check_password("correct horse battery staple")


@pytest.mark.django_db
def test_email_verification_link_confirms_the_address(client: Client) -> None:
    client.post(
        "/accounts/signup/",
        {
            "email": "budi@warungbudi.example",
            "password1": "Nasi-goreng-pedas-9",
            "password2": "Nasi-goreng-pedas-9",
            "confirm_age": "on",
            "accept_privacy": "on",
        },
    )
    user = User.objects.get(email="budi@warungbudi.example")
    assert not user.emailaddress_set.get().verified
    link = LINK.search(mail.outbox[0].body)
    assert link
    client.post(link.group(0).replace("http://testserver", ""))
    assert user.emailaddress_set.get().verified


def test_real_settings_hash_new_passwords_with_argon2id() -> None:
    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Kopi-susu-2026", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    with override_settings(PASSWORD_HASHERS=real_settings.PASSWORD_HASHERS):
        assert identify_hasher(encoded).algorithm == "argon2"
        assert hasher.verify("Kopi-susu-2026", encoded)
