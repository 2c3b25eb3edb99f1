"""A local stand-in for Google's OpenID Connect provider ("Sign in with Google").

A plain WSGI app; run it with ``postloom.sandbox.server.serve``. Its base URL is its issuer,
so a relying party configured with that URL as the discovery base talks to it as to Google.

Endpoints (relative to the base URL):

    GET  /.well-known/openid-configuration  discovery document
    GET  /o/oauth2/v2/auth                  authorization; "consents" at once as ``user`` and
                                            302s to redirect_uri with ``code`` and ``state``
    POST /token                             authorization_code grant -> access_token, id_token
                                            (RS256, signed with a key generated per instance)
    GET  /userinfo                          Bearer access token -> the user's claims
    GET  /jwks                              the public signing key, with its ``kid``

Configuration (attributes of ``GoogleOIDCSimulator``; safe to change between requests):

    client_id, client_secret  the one registered client; the secret is accepted in the form
                              body (client_secret_post) or as HTTP Basic (client_secret_basic)
    redirect_uris             exact redirect URIs accepted; empty accepts any http(s) URL
    user                      ``GoogleUser(sub, email, name, email_verified, picture)`` who
                              consents; the values are copied when the code is issued
    issuer                    the ``iss`` to announce and sign; None = the request's own
                              scheme and Host, which is right when clients use the base URL

Failure switches:

    deny=True           the user declines: redirect back with ``error=access_denied`` + state
    fail_token=True     /token answers 400 ``invalid_grant`` (as for an expired code)
    fail_userinfo=True  /userinfo answers 401 ``invalid_token``

Checks as Google makes them: codes are single-use and expire after ``code_ttl`` seconds; the
token request must repeat the exact redirect_uri (else ``redirect_uri_mismatch``); a PKCE
``code_challenge`` (S256, or plain when no method is given) needs the matching
``code_verifier``. Errors use OAuth 2.0's JSON shape ``{"error": ..., "error_description":
...}``. An unknown client_id or unregistered redirect_uri is answered with an error page (JSON
here) and never redirected, since the redirect target cannot be trusted.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit
from wsgiref.types import StartResponse, WSGIEnvironment

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from postloom.sandbox import wsgi

AUTH_PATH = "/o/oauth2/v2/auth"
TOKEN_PATH = "/token"  # noqa: S105  (a path, not a password)
USERINFO_PATH = "/userinfo"
JWKS_PATH = "/jwks"
DISCOVERY_PATH = "/.well-known/openid-configuration"

Json = dict[str, Any]
_CLAIMS = ["aud", "email", "email_verified", "exp", "iat", "iss", "name", "nonce", "picture", "sub"]
# RFC 7636 §4.1: 43 to 128 unreserved characters.
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")


@dataclass
class GoogleUser:
    sub: str = "104729384756102938475"
    email: str = "ayu.lestari@example.com"
    name: str = "Ayu Lestari"
    email_verified: bool = True
    picture: str = "https://lh3.googleusercontent.com/a/sandbox-ayu"

    def claims(self) -> Json:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class _Grant:
    """What the user consented to; becomes a code, then an access token."""

    client_id: str
    redirect_uri: str
    scope: str
    user: GoogleUser
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str
    expires_at: float


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    authorization: str
    origin: str


@dataclass
class _Response:
    status: HTTPStatus
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


class OAuthError(Exception):
    def __init__(
        self, error: str, description: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST
    ) -> None:
        super().__init__(f"{error}: {description}")
        self.error, self.description, self.status = error, description, status

    def response(self) -> _Response:
        body = {"error": self.error, "error_description": self.description}
        response = _json(body, self.status)
        if self.status == HTTPStatus.UNAUTHORIZED:
            response.headers.append(("WWW-Authenticate", f'Bearer error="{self.error}"'))
        return response


@dataclass
class GoogleOIDCSimulator:
    client_id: str = "sandbox-client.apps.googleusercontent.com"
    client_secret: str = "sandbox-client-secret"  # noqa: S105  (a simulator's fixed secret)
    redirect_uris: list[str] = field(default_factory=list)
    user: GoogleUser = field(default_factory=GoogleUser)
    issuer: str | None = None
    deny: bool = False
    fail_token: bool = False
    fail_userinfo: bool = False
    code_ttl: int = 600
    token_ttl: int = 3599

    def __post_init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self._codes: dict[str, _Grant] = {}
        self._tokens: dict[str, _Grant] = {}
        self._lock = threading.Lock()
        #: Query parameters of every authorization request, for tests to inspect.
        self.authorization_requests: list[dict[str, str]] = []

    # --- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = _parse_request(environ)
        try:
            response = self._route(request)
        except OAuthError as exc:
            response = exc.response()
        status = response.status
        start_response(f"{status.value} {status.phrase}", response.headers)
        return [response.body]

    def _route(self, request: _Request) -> _Response:
        routes: dict[str, tuple[set[str], Callable[[_Request], _Response]]] = {
            DISCOVERY_PATH: ({"GET"}, self._discovery),
            AUTH_PATH: ({"GET"}, self._authorize),
            TOKEN_PATH: ({"POST"}, self._token),
            USERINFO_PATH: ({"GET", "POST"}, self._userinfo),
            JWKS_PATH: ({"GET"}, self._jwks),
        }
        if request.path not in routes:
            raise OAuthError("not_found", f"No such endpoint: {request.path}", HTTPStatus.NOT_FOUND)
        methods, handler = routes[request.path]
        if request.method not in methods:
            raise OAuthError(
                "invalid_request",
                f"Use {', '.join(sorted(methods))}",
                HTTPStatus.METHOD_NOT_ALLOWED,
            )
        return handler(request)

    # --- Endpoints ------------------------------------------------------------------------

    def _discovery(self, request: _Request) -> _Response:
        base = self._issuer(request)
        return _json(
            {
                "issuer": base,
                "authorization_endpoint": base + AUTH_PATH,
                "token_endpoint": base + TOKEN_PATH,
                "userinfo_endpoint": base + USERINFO_PATH,
                "jwks_uri": base + JWKS_PATH,
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "client_secret_basic",
                ],
                "code_challenge_methods_supported": ["plain", "S256"],
                "claims_supported": _CLAIMS,
            }
        )

    def _authorize(self, request: _Request) -> _Response:
        self.authorization_requests.append(dict(request.query))
        redirect_uri = self._trusted_redirect_uri(request.query)
        state = request.query.get("state")
        try:
            grant = self._consent(request.query, redirect_uri)
        except OAuthError as exc:
            return _redirect(redirect_uri, {"error": exc.error, "state": state})
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = grant
        return _redirect(redirect_uri, {"code": code, "state": state, "scope": grant.scope})

    def _token(self, request: _Request) -> _Response:
        form = request.form
        if form.get("grant_type") != "authorization_code":
            raise OAuthError("unsupported_grant_type", "Only authorization_code is supported.")
        client_id = self._authenticate_client(request)
        if self.fail_token:
            raise OAuthError("invalid_grant", "Bad Request")
        grant = self._redeem_code(form.get("code", ""), client_id)
        if form.get("redirect_uri") != grant.redirect_uri:
            raise OAuthError(
                "redirect_uri_mismatch", "redirect_uri differs from the one authorized."
            )
        _check_pkce(grant, form.get("code_verifier"))
        return _json(self._issue_tokens(grant, self._issuer(request)))

    def _userinfo(self, request: _Request) -> _Response:
        scheme, _, token = request.authorization.partition(" ")
        with self._lock:
            grant = self._tokens.get(token) if scheme.lower() == "bearer" else None
        if self.fail_userinfo or grant is None or grant.expires_at < time.time():
            raise OAuthError("invalid_token", "Invalid Credentials", HTTPStatus.UNAUTHORIZED)
        return _json(grant.user.claims())

    def _jwks(self, request: _Request) -> _Response:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return _json({"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]})

    # --- Steps ----------------------------------------------------------------------------

    def _trusted_redirect_uri(self, query: dict[str, str]) -> str:
        """Errors before this point cannot be redirected: the target is not known to be ours."""
        if query.get("client_id") != self.client_id:
            raise OAuthError(
                "invalid_client", "The OAuth client was not found.", HTTPStatus.UNAUTHORIZED
            )
        uri = query.get("redirect_uri", "")
        allowed = uri in self.redirect_uris if self.redirect_uris else _is_http_url(uri)
        if not allowed:
            raise OAuthError("redirect_uri_mismatch", f"Not a registered redirect URI: {uri!r}")
        return uri

    def _consent(self, query: dict[str, str], redirect_uri: str) -> _Grant:
        if query.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "Only response_type=code is supported.")
        challenge = query.get("code_challenge")
        method = query.get("code_challenge_method", "plain")
        if challenge and method not in ("plain", "S256"):
            raise OAuthError("invalid_request", f"Unsupported code_challenge_method {method!r}.")
        if self.deny:
            raise OAuthError("access_denied", "The user declined.")
        return _Grant(
            client_id=self.client_id,
            redirect_uri=redirect_uri,
            scope=query.get("scope", ""),
            user=dataclasses.replace(self.user),
            nonce=query.get("nonce"),
            code_challenge=challenge,
            code_challenge_method=method,
            expires_at=time.time() + self.code_ttl,
        )

    def _authenticate_client(self, request: _Request) -> str:
        client_id, secret = _basic_credentials(request.authorization) or (
            request.form.get("client_id", ""),
            request.form.get("client_secret", ""),
        )
        valid = client_id == self.client_id and hmac.compare_digest(
            secret.encode(), self.client_secret.encode()
        )
        if not valid:
            raise OAuthError("invalid_client", "Unauthorized", HTTPStatus.UNAUTHORIZED)
        return client_id

    def _redeem_code(self, code: str, client_id: str) -> _Grant:
        with self._lock:
            grant = self._codes.pop(code, None)  # popped even when refused: single use
        if grant is None or grant.expires_at < time.time() or grant.client_id != client_id:
            raise OAuthError("invalid_grant", "Malformed auth code.")
        return grant

    def _issue_tokens(self, grant: _Grant, issuer: str) -> Json:
        access_token = "ya29." + secrets.token_urlsafe(32)
        token_grant = dataclasses.replace(grant, expires_at=time.time() + self.token_ttl)
        with self._lock:
            self._tokens[access_token] = token_grant
        body: Json = {
            "access_token": access_token,
            "expires_in": self.token_ttl,
            "scope": grant.scope,
            "token_type": "Bearer",
        }
        if "openid" in grant.scope.split():
            body["id_token"] = self._id_token(grant, issuer)
        return body

    def _id_token(self, grant: _Grant, issuer: str) -> str:
        now = int(time.time())
        claims: Json = {
            "iss": issuer,
            "azp": grant.client_id,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + self.token_ttl,
            **grant.user.claims(),
        }
        if grant.nonce:
            claims["nonce"] = grant.nonce
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def _issuer(self, request: _Request) -> str:
        return (self.issuer or request.origin).rstrip("/")


# --- Helpers ------------------------------------------------------------------------------


def _parse_request(environ: WSGIEnvironment) -> _Request:
    form: dict[str, str] = {}
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        form = dict(parse_qsl(wsgi.read_body(environ).decode()))
    return _Request(
        method=environ["REQUEST_METHOD"],
        path=environ.get("PATH_INFO") or "/",
        query=dict(parse_qsl(environ.get("QUERY_STRING", ""))),
        form=form,
        authorization=environ.get("HTTP_AUTHORIZATION", ""),
        origin=wsgi.origin(environ),
    )


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode()
    except ValueError:
        return None
    client_id, _, secret = decoded.partition(":")
    # RFC 6749 §2.3.1: both parts are form-encoded before being joined.
    return unquote_plus(client_id), unquote_plus(secret)


def _check_pkce(grant: _Grant, verifier: str | None) -> None:
    if grant.code_challenge is None:
        return
    if not verifier or not _VERIFIER.fullmatch(verifier):
        raise OAuthError("invalid_grant", "Missing or malformed code_verifier.")
    if grant.code_challenge_method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        verifier = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    if not hmac.compare_digest(verifier, grant.code_challenge):
        raise OAuthError("invalid_grant", "Invalid code verifier.")


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _json(body: Json, status: HTTPStatus = HTTPStatus.OK) -> _Response:
    headers = [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")]
    return _Response(status, json.dumps(body).encode(), headers)


def _redirect(uri: str, params: dict[str, str | None]) -> _Response:
    location = wsgi.with_query(uri, urlencode({k: v for k, v in params.items() if v is not None}))
    return _Response(HTTPStatus.FOUND, headers=[("Location", location)])
