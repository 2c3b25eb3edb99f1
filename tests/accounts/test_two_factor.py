from __future__ import annotations

import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client

from postloom.accounts.models import User
from tests.conftest import PASSWORD


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(client: Client, email: str) -> object:
    return client.post("/accounts/login/", {"login": email, "password": PASSWORD})


def login_and_confirm_password(client: Client, email: str) -> None:
    """Turning on 2FA asks for the password again, as it should."""
    login(client, email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def test_totp_can_be_turned_on_and_is_then_required(owner: User) -> None:
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    client = Client()
    login_and_confirm_password(client, owner.email)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=owner, type=Authenticator.Type.TOTP).exists()

    fresh = Client()
    response = login(fresh, owner.email)
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert fresh.get("/dashboard/").status_code == 302  # not signed in yet
    wrong = fresh.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode()
    code = current_code(secret)
    fresh.post("/accounts/2fa/authenticate/", {"code": code})
    assert fresh.get("/dashboard/").status_code == 200

    # The same code cannot be replayed for another sign-in.
    replay = Client()
    login(replay, owner.email)
    page = replay.post("/accounts/2fa/authenticate/", {"code": code}).content.decode()
    if current_code(secret) == code:  # still the same 30-second window
        assert "Incorrect code." in page


def test_wrong_activation_code_leaves_totp_off(owner: User) -> None:
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    client = Client()
    login_and_confirm_password(client, owner.email)
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": "123456"})
    assert "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=owner).exists()
