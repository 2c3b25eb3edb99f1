"""Google sign-in end to end: the real allauth code against the local Google simulator.

The test client plays the browser on Postloom's side; the hop to Google's consent screen is
made with urllib, as a browser would, and the redirect back is handed to the test client.
allauth itself talks to the simulator over HTTP (discovery, token, userinfo).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.http import HttpResponse
from django.test import Client, override_settings

from postloom.accounts.models import PolicyConsent, User
from postloom.sandbox.google_oidc import GoogleOIDCSimulator, GoogleUser
from postloom.sandbox.server import serve

LOGIN_URL = "/accounts/oidc/google/login/"
CALLBACK_URL = "http://testserver/accounts/oidc/google/login/callback/"
SIGNUP_URL = "/accounts/3rdparty/signup/"
AYU = GoogleUser(sub="110248495921238986420", email="ayu@warungayu.example", name="Ayu Lestari")


def google_settings(server_url: str, sim: GoogleOIDCSimulator) -> dict[str, Any]:
    """What config/settings.py builds from GOOGLE_CLIENT_ID/SECRET and POSTLOOM_GOOGLE_OIDC_URL."""
    app = {
        "provider_id": "google",
        "name": "Google",
        "client_id": sim.client_id,
        "secret": sim.client_secret,
        "settings": {"server_url": server_url},
    }
    return {
        "SOCIALACCOUNT_PROVIDERS": {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}},
        "GOOGLE_SIGN_IN_ENABLED": True,
        "GOOGLE_OIDC_SERVER_URL": server_url,
    }


@pytest.fixture
def google(db: None) -> Iterator[GoogleOIDCSimulator]:
    # allauth reads SOCIALACCOUNT_PROVIDERS on every request (no cache), so an override holds.
    sim = GoogleOIDCSimulator(redirect_uris=[CALLBACK_URL], user=AYU)
    with serve(sim) as url, override_settings(**google_settings(url, sim)):
        yield sim


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def visit_google(authorization_url: str) -> str:
    """The browser's visit to Google's consent screen; returns where Google sends it back."""
    try:
        urllib.request.build_opener(_NoRedirect).open(authorization_url, timeout=5)
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read()
        return error.headers["Location"]
    raise AssertionError("Google did not redirect back")


def sign_in_with_google(client: Client) -> HttpResponse:
    """Start the flow on Postloom, consent at Google, return Postloom's callback response."""
    start = client.post(LOGIN_URL)
    assert start.status_code == 302, start.content
    back = urlsplit(visit_google(start["Location"]))
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK_URL
    return client.get(f"{back.path}?{back.query}")


def sign_up(client: Client, **fields: str) -> HttpResponse:
    assert client.get(SIGNUP_URL).status_code == 200
    return client.post(SIGNUP_URL, {"email": AYU.email, **fields})


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_first_google_sign_in_asks_for_age_and_consent(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    response = sign_in_with_google(client)
    assert response.status_code == 302
    assert response["Location"] == SIGNUP_URL
    page = client.get(SIGNUP_URL).content.decode()
    assert AYU.email in page
    assert 'value="Ayu Lestari"' in page  # the name comes from Google, still editable
    assert 'name="confirm_age"' in page
    assert 'name="accept_privacy"' in page
    assert not User.objects.exists()


def test_allauth_asks_google_for_openid_with_pkce(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    sign_in_with_google(client)
    (sent,) = google.authorization_requests
    assert set(sent["scope"].split()) == {"openid", "email", "profile"}
    assert sent["code_challenge_method"] == "S256"
    assert sent["redirect_uri"] == CALLBACK_URL
    assert sent["state"]


def test_google_sign_up_without_the_age_box_is_refused(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    sign_in_with_google(client)
    response = sign_up(client, accept_privacy="on")
    assert response.status_code == 200
    assert "You must be at least 18 years old to use Postloom." in response.content.decode()
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()
    assert not PolicyConsent.objects.exists()
    assert logged_in_user(client) is None


@override_settings(PRIVACY_POLICY_VERSION="2026-11")
def test_google_sign_up_creates_a_user_with_consent_and_logs_in(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    sign_in_with_google(client)
    response = sign_up(client, name="Ayu L.", confirm_age="on", accept_privacy="on")
    assert response.status_code == 302, response.content

    user = User.objects.get()
    assert user.email == AYU.email
    assert user.name == "Ayu L."
    assert user.age_confirmed_at is not None
    assert not user.has_usable_password()
    consent = PolicyConsent.objects.get(user=user)
    assert (consent.policy, consent.version) == ("privacy", "2026-11")
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("google", AYU.sub)
    # Google vouched for the address, so no confirmation email is needed.
    assert EmailAddress.objects.get(user=user).verified
    assert not mail.outbox
    assert logged_in_user(client) == user
    assert client.get("/dashboard/").status_code == 200


def test_a_returning_google_user_logs_straight_in(google: GoogleOIDCSimulator) -> None:
    first = Client()
    sign_in_with_google(first)
    sign_up(first, confirm_age="on", accept_privacy="on")
    user = User.objects.get()

    again = Client()
    response = sign_in_with_google(again)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert logged_in_user(again) == user
    assert User.objects.count() == 1
    assert PolicyConsent.objects.count() == 1


def test_an_unverified_google_email_cannot_take_over_an_account(
    client: Client, google: GoogleOIDCSimulator, make_user: Any
) -> None:
    owner = make_user(AYU.email)
    google.user = GoogleUser(sub="999000111", email=AYU.email, email_verified=False)
    sign_in_with_google(client)
    response = sign_up(client, confirm_age="on", accept_privacy="on")
    assert response.status_code == 200
    assert "An account already exists with this email address" in response.content.decode()
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.filter(user=owner).exists()


def test_declining_at_google_shows_an_error_and_creates_nothing(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    google.deny = True
    response = sign_in_with_google(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Login Cancelled" in page
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()
    assert logged_in_user(client) is None


def test_a_failed_token_exchange_shows_an_error_and_creates_nothing(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    google.fail_token = True
    response = sign_in_with_google(client)
    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert not User.objects.exists()
    assert logged_in_user(client) is None


def test_login_page_offers_google_when_configured(
    client: Client, google: GoogleOIDCSimulator
) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert LOGIN_URL in page
    assert "Google" in page


@pytest.mark.django_db
@override_settings(SOCIALACCOUNT_PROVIDERS={}, GOOGLE_SIGN_IN_ENABLED=False)
def test_without_google_configured_there_is_no_button_and_no_flow(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert LOGIN_URL not in page
    assert "Google" not in page
    response = client.post(LOGIN_URL)
    assert response.status_code == 404
    assert "Location" not in response
