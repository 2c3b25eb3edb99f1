"""Meta's deauthorize and data-deletion callbacks, and signed_request itself."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.connections.models import Connection, DeletionRequest, ImportedMedia
from postloom.integrations.instagram import signed_request
from tests.connections.conftest import CONFIGURED

MakeConnection = Callable[..., Connection]
IG_SECRET = CONFIGURED["INSTAGRAM_APP_SECRET"]
FB_SECRET = CONFIGURED["FACEBOOK_APP_SECRET"]


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# --- signed_request -----------------------------------------------------------------------


def test_a_signed_request_as_meta_builds_it_verifies() -> None:
    payload = b64(
        json.dumps({"algorithm": "HMAC-SHA256", "issued_at": 1, "user_id": "42"}).encode()
    )
    signature = b64(hmac.new(b"s3cret", payload.encode(), hashlib.sha256).digest())
    assert signed_request.parse(f"{signature}.{payload}", "s3cret")["user_id"] == "42"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "no-dot",
        ".onlypayload",
        "sig.",
        "!!!.###",
    ],
)
def test_malformed_signed_requests_are_refused(value: str) -> None:
    with pytest.raises(signed_request.SignedRequestError):
        signed_request.parse(value, "s3cret")


def test_another_secret_a_changed_payload_or_algorithm_is_refused() -> None:
    good = signed_request.make({"user_id": "42"}, "s3cret")
    with pytest.raises(signed_request.SignedRequestError, match="bad signature"):
        signed_request.parse(good, "other")
    signature, _payload = good.split(".")
    forged = b64(json.dumps({"algorithm": "HMAC-SHA256", "user_id": "43"}).encode())
    with pytest.raises(signed_request.SignedRequestError, match="bad signature"):
        signed_request.parse(f"{signature}.{forged}", "s3cret")
    weak = b64(json.dumps({"algorithm": "none", "user_id": "42"}).encode())
    weak_sig = b64(hmac.new(b"s3cret", weak.encode(), hashlib.sha256).digest())
    with pytest.raises(signed_request.SignedRequestError, match="algorithm"):
        signed_request.parse(f"{weak_sig}.{weak}", "s3cret")
    with pytest.raises(signed_request.SignedRequestError, match="no app secret"):
        signed_request.parse(good, "")


def test_an_old_signed_request_can_be_refused() -> None:
    old = signed_request.make({"user_id": "42", "issued_at": 1000}, "s3cret")
    assert signed_request.parse(old, "s3cret")["issued_at"] == 1000
    with pytest.raises(signed_request.SignedRequestError, match="too old"):
        signed_request.parse(old, "s3cret", max_age=3600)


def test_the_error_never_repeats_the_input_or_the_secret() -> None:
    with pytest.raises(signed_request.SignedRequestError) as caught:
        signed_request.parse(signed_request.make({"user_id": "42"}, "s3cret"), "other-secret")
    assert "42" not in str(caught.value) and "secret" not in str(caught.value)


# --- the callbacks --------------------------------------------------------------------------


@pytest.fixture
def meta_accounts(
    make_connection: MakeConnection, networks_configured: Any
) -> dict[str, Connection]:
    ig = make_connection(remote_user_id="ig-user-1")
    ImportedMedia.objects.create(connection=ig, media_id="m1", media_type="IMAGE", caption="Hi")
    fb = make_connection(
        variant="facebook_login", account_id="178414-fb", remote_user_id="fb-user-1", page_id="p1"
    )
    other = make_connection(account_id="other", remote_user_id="ig-user-2")
    return {"ig": ig, "fb": fb, "other": other}


def post(path: str, value: str) -> Any:
    return Client().post(path, {"signed_request": value})  # no CSRF token: Meta has none


def state() -> list[Any]:
    return [
        list(Connection.objects.values_list("id", "status", "access_token_encrypted", "username")),
        list(ImportedMedia.objects.values_list("id")),
        list(DeletionRequest.objects.values_list("id")),
    ]


def test_deauthorize_disconnects_that_users_connections(
    meta_accounts: dict[str, Connection],
) -> None:
    response = post(
        "/connections/meta/instagram/deauthorize/",
        signed_request.make({"user_id": "ig-user-1"}, IG_SECRET),
    )
    assert response.status_code == 200
    ig, fb, other = (Connection.objects.get(pk=c.pk) for c in meta_accounts.values())
    assert (ig.status, ig.status_reason) == ("disconnected", "deauthorized")
    assert ig.access_token_encrypted == "" and ig.token_expires_at is None
    assert ig.disconnected_at is not None
    assert not ImportedMedia.objects.exists()
    assert ig.username == "kopisenja"  # deauthorizing is not a deletion request
    assert fb.status == other.status == "active"


def test_facebook_deauthorize_uses_the_facebook_secret(
    meta_accounts: dict[str, Connection],
) -> None:
    before = state()
    wrong = signed_request.make({"user_id": "fb-user-1"}, IG_SECRET)
    assert post("/connections/meta/facebook/deauthorize/", wrong).status_code == 400
    assert state() == before
    right = signed_request.make({"user_id": "fb-user-1"}, FB_SECRET)
    assert post("/connections/meta/facebook/deauthorize/", right).status_code == 200
    assert Connection.objects.get(pk=meta_accounts["fb"].pk).status == "disconnected"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "garbage",
        signed_request.make({"user_id": "ig-user-1"}, "not-the-secret"),
        signed_request.make({}, IG_SECRET),  # no user id
    ],
)
@pytest.mark.parametrize("path", ["deauthorize", "data-deletion"])
def test_a_bad_signed_request_is_refused_and_changes_nothing(
    meta_accounts: dict[str, Connection], value: str, path: str
) -> None:
    before = state()
    response = post(f"/connections/meta/instagram/{path}/", value)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid signed_request"}
    assert state() == before


def test_unknown_app_and_get_are_refused(meta_accounts: dict[str, Connection]) -> None:
    value = signed_request.make({"user_id": "ig-user-1"}, IG_SECRET)
    assert post("/connections/meta/myspace/deauthorize/", value).status_code == 404
    assert Client().get("/connections/meta/instagram/deauthorize/").status_code == 405


def test_data_deletion_erases_and_answers_with_a_status_url(
    meta_accounts: dict[str, Connection],
) -> None:
    response = post(
        "/connections/meta/instagram/data-deletion/",
        signed_request.make({"user_id": "ig-user-1"}, IG_SECRET),
    )
    assert response.status_code == 200
    body = response.json()
    deletion = DeletionRequest.objects.get()
    assert body == {
        "url": f"https://app.postloom.example/connections/data-deletion/{deletion.code}/",
        "confirmation_code": deletion.code,
    }
    assert len(deletion.code) == 20 and deletion.code.isalnum()
    assert (deletion.status, deletion.erased, deletion.app) == ("completed", 1, "instagram")
    assert "ig-user-1" not in deletion.user_hash
    ig = Connection.objects.get(pk=meta_accounts["ig"].pk)
    assert (ig.status, ig.status_reason) == ("disconnected", "data_deleted")
    assert (ig.username, ig.biography, ig.picture_url, ig.remote_user_id) == ("", "", "", "")
    assert ig.account_id == f"deleted-{ig.pk}"
    assert ig.access_token_encrypted == ""
    assert not ImportedMedia.objects.exists()
    assert Connection.objects.get(pk=meta_accounts["other"].pk).username == "kopisenja"

    page = Client().get(f"/connections/data-deletion/{deletion.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert deletion.code in text and 'data-status="completed"' in text
    assert "deleted the access tokens, profile details and imported posts" in text


def test_a_deletion_for_someone_unknown_still_gets_a_code(
    meta_accounts: dict[str, Connection],
) -> None:
    before = state()[0]
    response = post(
        "/connections/meta/facebook/data-deletion/",
        signed_request.make({"user_id": "nobody"}, FB_SECRET),
    )
    assert response.status_code == 200
    assert DeletionRequest.objects.get().erased == 0
    assert state()[0] == before


def test_an_unknown_code_is_not_found(db: None) -> None:
    assert Client().get("/connections/data-deletion/abc123/").status_code == 404
