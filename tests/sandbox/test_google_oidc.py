"""The Google OpenID Connect simulator on its own, spoken to over real HTTP."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest

from postloom.sandbox.google_oidc import GoogleOIDCSimulator, GoogleUser
from postloom.sandbox.server import serve

REDIRECT_URI = "http://shop.example/accounts/callback/"
VERIFIER = secrets.token_urlsafe(64)
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=")


class Google(NamedTuple):
    sim: GoogleOIDCSimulator
    url: str


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # hand the 302 back to the test instead of following it


def call(url: str, form: dict[str, str] | None = None, **headers: str) -> Reply:
    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=5) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


@pytest.fixture
def google() -> Iterator[Google]:
    sim = GoogleOIDCSimulator(
        redirect_uris=[REDIRECT_URI],
        user=GoogleUser(sub="1170001", email="budi@example.com", name="Budi Santoso"),
    )
    with serve(sim) as url:
        yield Google(sim, url)


def authorize(google: Google, **changes: str) -> Reply:
    params = {
        "client_id": google.sim.client_id,
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "scope": "openid email profile",
        "state": "st-123",
        "nonce": "n-456",
        "code_challenge": CHALLENGE.decode(),
        "code_challenge_method": "S256",
        **changes,
    }
    return call(f"{google.url}/o/oauth2/v2/auth?{urlencode(params)}")


def callback_params(reply: Reply) -> dict[str, str]:
    assert reply.status == 302, reply.body
    location = reply.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def get_code(google: Google) -> str:
    return callback_params(authorize(google))["code"]


def exchange(
    google: Google, code: str, headers: dict[str, str] | None = None, **changes: str
) -> Reply:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": google.sim.client_id,
        "client_secret": google.sim.client_secret,
        "code_verifier": VERIFIER,
        **changes,
    }
    return call(f"{google.url}/token", {k: v for k, v in form.items() if v}, **(headers or {}))


def assert_oauth_error(reply: Reply, status: int, error: str) -> None:
    assert (reply.status, reply.json()["error"]) == (status, error)
    assert reply.json()["error_description"]


def test_discovery_names_its_endpoints_under_its_own_base_url(google: Google) -> None:
    reply = call(f"{google.url}/.well-known/openid-configuration")
    config = reply.json()
    assert reply.status == 200
    assert config["issuer"] == google.url
    assert config["authorization_endpoint"] == f"{google.url}/o/oauth2/v2/auth"
    assert config["token_endpoint"] == f"{google.url}/token"
    assert config["userinfo_endpoint"] == f"{google.url}/userinfo"
    assert config["jwks_uri"] == f"{google.url}/jwks"
    assert "S256" in config["code_challenge_methods_supported"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]


def test_consent_redirects_back_with_a_code_and_the_original_state(google: Google) -> None:
    params = callback_params(authorize(google))
    assert params["state"] == "st-123"
    assert len(params["code"]) > 20
    assert google.sim.authorization_requests[0]["code_challenge"] == CHALLENGE.decode()


def test_code_flow_with_pkce_returns_a_signed_id_token_and_userinfo(google: Google) -> None:
    reply = exchange(google, get_code(google))
    assert reply.status == 200, reply.body
    tokens = reply.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 3599

    key = jwt.PyJWKClient(f"{google.url}/jwks").get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(
        tokens["id_token"],
        key,
        algorithms=["RS256"],
        audience=google.sim.client_id,
        issuer=google.url,
    )
    assert claims["sub"] == "1170001"
    assert claims["email"] == "budi@example.com"
    assert claims["email_verified"] is True
    assert claims["name"] == "Budi Santoso"
    assert claims["nonce"] == "n-456"
    assert claims["exp"] > claims["iat"]

    info = call(f"{google.url}/userinfo", Authorization=f"Bearer {tokens['access_token']}")
    assert info.status == 200
    assert info.json() == {
        "sub": "1170001",
        "email": "budi@example.com",
        "email_verified": True,
        "name": "Budi Santoso",
        "picture": GoogleUser().picture,
    }


def test_client_secret_may_come_as_http_basic(google: Google) -> None:
    secret = f"{google.sim.client_id}:{google.sim.client_secret}"
    basic = base64.b64encode(secret.encode()).decode()
    headers = {"Authorization": f"Basic {basic}"}
    reply = exchange(google, get_code(google), headers, client_id="", client_secret="")
    assert reply.status == 200, reply.body


def test_a_code_is_used_once(google: Google) -> None:
    code = get_code(google)
    assert exchange(google, code).status == 200
    assert_oauth_error(exchange(google, code), 400, "invalid_grant")


def test_a_wrong_client_secret_is_refused(google: Google) -> None:
    reply = exchange(google, get_code(google), client_secret="guessed")
    assert_oauth_error(reply, 401, "invalid_client")
    assert "access_token" not in reply.json()


@pytest.mark.parametrize("verifier", ["x" * 43, ""], ids=["wrong", "missing"])
def test_a_bad_pkce_verifier_is_refused(google: Google, verifier: str) -> None:
    assert_oauth_error(
        exchange(google, get_code(google), code_verifier=verifier), 400, "invalid_grant"
    )


def test_the_redirect_uri_must_be_repeated_exactly(google: Google) -> None:
    reply = exchange(google, get_code(google), redirect_uri="http://shop.example/other/")
    assert_oauth_error(reply, 400, "redirect_uri_mismatch")


def test_an_unknown_client_or_redirect_uri_is_not_redirected_to(google: Google) -> None:
    unknown_client = authorize(google, client_id="someone-else")
    assert_oauth_error(unknown_client, 401, "invalid_client")
    assert "Location" not in unknown_client.headers
    unregistered = authorize(google, redirect_uri="https://evil.example/steal")
    assert_oauth_error(unregistered, 400, "redirect_uri_mismatch")
    assert "Location" not in unregistered.headers


def test_deny_switch_redirects_with_access_denied(google: Google) -> None:
    google.sim.deny = True
    assert callback_params(authorize(google)) == {"error": "access_denied", "state": "st-123"}


def test_fail_token_switch_answers_invalid_grant(google: Google) -> None:
    google.sim.fail_token = True
    assert_oauth_error(exchange(google, get_code(google)), 400, "invalid_grant")


def test_userinfo_needs_a_valid_bearer_token(google: Google) -> None:
    reply = call(f"{google.url}/userinfo", Authorization="Bearer ya29.made-up")
    assert_oauth_error(reply, 401, "invalid_token")
    assert reply.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'

    token = exchange(google, get_code(google)).json()["access_token"]
    google.sim.fail_userinfo = True
    assert_oauth_error(
        call(f"{google.url}/userinfo", Authorization=f"Bearer {token}"), 401, "invalid_token"
    )


def test_the_user_is_copied_at_consent(google: Google) -> None:
    code = get_code(google)
    google.sim.user = GoogleUser(sub="999", email="other@example.com")
    id_token = exchange(google, code).json()["id_token"]
    assert jwt.decode(id_token, options={"verify_signature": False})["sub"] == "1170001"
