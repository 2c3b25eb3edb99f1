from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import Business, Membership, Role
from tests.brands import brands_state

ClientFor = Callable[[User | None], Client]

ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
UPDATE = {
    "name": "Kopi Fajar",
    "website": "https://kopifajar.example",
    "timezone": "Asia/Jakarta",
    "language": "id",
}

# (name, method, path, body, expected status for owner, editor, viewer, outsider, anonymous)
ROUTES: list[tuple[str, str, str, dict[str, str] | None, tuple[int, ...]]] = [
    ("me", "get", "/api/v1/me", None, (200, 200, 200, 200, 401)),
    ("list", "get", "/api/v1/businesses", None, (200, 200, 200, 200, 401)),
    ("create", "post", "/api/v1/businesses", {"name": "Toko Baru"}, (201, 201, 201, 201, 401)),
    ("detail", "get", "/api/v1/businesses/{b}", None, (200, 200, 200, 404, 401)),
    ("update", "put", "/api/v1/businesses/{b}", UPDATE, (200, 200, 403, 404, 401)),
]

ACCESS_CASES = [
    pytest.param(method, path, body, role, expected, id=f"{name}-{role}")
    for name, method, path, body, outcomes in ROUTES
    for role, expected in zip(ROLES, outcomes, strict=True)
]


def send(client: Client, method: str, path: str, body: Any = None, **extra: Any) -> Any:
    if body is None:
        return getattr(client, method)(path, **extra)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def users(owner: User, editor: User, viewer: User, outsider: User) -> dict[str, User | None]:
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), ACCESS_CASES)
def test_route_access(
    business: Business,
    users: dict[str, User | None],
    client_for: ClientFor,
    method: str,
    path: str,
    body: dict[str, str] | None,
    role: str,
    expected: int,
) -> None:
    before = brands_state()

    response = send(client_for(users[role]), method, path.format(b=business.pk), body)

    assert response.status_code == expected
    # Allowed writes must change something, or "denied changes nothing" proves nothing.
    allowed_write = method in ("post", "put") and expected in (200, 201)
    assert (brands_state() != before) == allowed_write


def test_denials_explain_themselves(
    business: Business, viewer: User, outsider: User, client_for: ClientFor
) -> None:
    path = f"/api/v1/businesses/{business.pk}"
    assert send(client_for(viewer), "put", path, UPDATE).json() == {
        "detail": "Your role in this business does not allow this."
    }
    assert send(client_for(outsider), "put", path, UPDATE).json() == {"detail": "Not found."}
    assert send(client_for(None), "get", path).json() == {"detail": "Unauthorized"}


def test_me(owner: User, client_for: ClientFor) -> None:
    assert client_for(owner).get("/api/v1/me").json() == {
        "id": owner.pk,
        "email": "owner@example.com",
        "name": "Olivia Owner",
        "language": "en",
        "theme": "system",
    }


def test_list_shows_only_the_users_businesses_with_roles(
    business: Business, editor: User, make_user: Callable[..., User], client_for: ClientFor
) -> None:
    own = actions.create_business(editor, name="Batik Bunga")
    actions.create_business(make_user(), name="Warung Lain")

    response = client_for(editor).get("/api/v1/businesses")

    assert [(b["id"], b["name"], b["role"]) for b in response.json()] == [
        (own.pk, "Batik Bunga", "owner"),
        (business.pk, "Kopi Senja", "editor"),
    ]


def test_create_makes_the_caller_owner(outsider: User, client_for: ClientFor) -> None:
    response = send(client_for(outsider), "post", "/api/v1/businesses", UPDATE)

    business = Business.objects.get()
    assert response.json() == {"id": business.pk, **UPDATE, "role": "owner"}
    assert Membership.objects.get(business=business).user == outsider
    assert Membership.objects.get(business=business).role == Role.OWNER


def test_update(business: Business, editor: User, client_for: ClientFor) -> None:
    path = f"/api/v1/businesses/{business.pk}"
    response = send(client_for(editor), "put", path, UPDATE)

    assert response.json() == {"id": business.pk, **UPDATE, "role": "editor"}
    business.refresh_from_db()
    assert (business.name, business.timezone) == ("Kopi Fajar", "Asia/Jakarta")


INVALID_BODIES = [
    pytest.param({**UPDATE, "name": ""}, "String should have at least 1 character", id="empty"),
    pytest.param({**UPDATE, "name": "   "}, "This field cannot be blank.", id="blank"),
    pytest.param({**UPDATE, "name": "x" * 121}, "at most 120 characters", id="long"),
    pytest.param({"website": "https://a.example"}, "Field required", id="no-name"),
    pytest.param(
        {**UPDATE, "timezone": "Mars/Olympus_Mons"},
        "Mars/Olympus_Mons is not a known time zone.",
        id="timezone",
    ),
    pytest.param({**UPDATE, "language": "xx"}, "Value 'xx' is not a valid choice.", id="language"),
    pytest.param({**UPDATE, "website": "kopi senja"}, "Enter a valid URL.", id="website"),
]


@pytest.mark.parametrize(("body", "message"), INVALID_BODIES)
@pytest.mark.parametrize("method", ["post", "put"])
def test_invalid_input_is_422_and_writes_nothing(
    business: Business,
    owner: User,
    client_for: ClientFor,
    method: str,
    body: dict[str, str],
    message: str,
) -> None:
    path = "/api/v1/businesses" if method == "post" else f"/api/v1/businesses/{business.pk}"
    before = brands_state()

    response = send(client_for(owner), method, path, body)

    assert response.status_code == 422
    assert message in json.dumps(response.json()["detail"])
    assert brands_state() == before


def test_malformed_json_is_400(owner: User, client_for: ClientFor) -> None:
    response = client_for(owner).post(
        "/api/v1/businesses", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert not Business.objects.exists()


@pytest.fixture
def csrf_client(owner: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get("/b/new/")  # any page sets the CSRF cookie, as a browser would receive it
    return client


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [("post", "/api/v1/businesses", 201), ("put", "/api/v1/businesses/{b}", 200)],
)
def test_writes_need_the_csrf_token(
    business: Business, csrf_client: Client, method: str, path: str, expected: int
) -> None:
    url = path.format(b=business.pk)
    before = brands_state()

    refused = send(csrf_client, method, url, UPDATE)

    assert refused.status_code == 403
    assert refused.json() == {"detail": "CSRF check Failed"}
    assert brands_state() == before

    token = csrf_client.cookies["csrftoken"].value
    accepted = send(csrf_client, method, url, UPDATE, headers={"X-CSRFToken": token})
    assert accepted.status_code == expected


def test_reads_need_no_csrf_token(business: Business, csrf_client: Client) -> None:
    assert csrf_client.get(f"/api/v1/businesses/{business.pk}").status_code == 200


def test_openapi_schema_lists_the_routes(client_for: ClientFor) -> None:
    response = client_for(None).get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    paths = {path: sorted(ops) for path, ops in schema["paths"].items()}
    assert paths == {
        "/api/v1/me": ["get"],
        "/api/v1/businesses": ["get", "post"],
        "/api/v1/businesses/{business_id}": ["get", "put"],
        "/api/v1/businesses/{business_id}/brand": ["get", "put"],
        "/api/v1/businesses/{business_id}/brand/analyse": ["post"],
        "/api/v1/businesses/{business_id}/brand/runs/{run_id}": ["get"],
        "/api/v1/onboard": ["post"],
        "/api/v1/businesses/{business_id}/products": ["get", "post"],
        "/api/v1/businesses/{business_id}/products/{product_id}": ["delete", "get", "put"],
        "/api/v1/businesses/{business_id}/products/{product_id}/photos": ["post"],
        "/api/v1/businesses/{business_id}/products/{product_id}/photos/{photo_id}": ["delete"],
        "/api/v1/businesses/{business_id}/personas": ["get", "post"],
        "/api/v1/businesses/{business_id}/personas/{persona_id}": ["delete", "get", "put"],
        "/api/v1/businesses/{business_id}/personas/{persona_id}/photos": ["post"],
        "/api/v1/businesses/{business_id}/personas/{persona_id}/photos/{photo_id}": ["delete"],
        "/api/v1/businesses/{business_id}/credits": ["get"],
        "/api/v1/businesses/{business_id}/plans": ["get", "post"],
        "/api/v1/businesses/{business_id}/plans/{plan_id}": ["get"],
        "/api/v1/businesses/{business_id}/posts": ["post"],
        "/api/v1/businesses/{business_id}/posts/{post_id}": ["get", "put"],
        "/api/v1/businesses/{business_id}/jobs/{job_id}": ["get"],
        "/api/v1/businesses/{business_id}/jobs/{job_id}/cancel": ["post"],
        "/api/v1/businesses/{business_id}/connections": ["get"],
        "/api/v1/businesses/{business_id}/connections/{connection_id}/disconnect": ["post"],
        "/api/v1/businesses/{business_id}/review": ["get"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/approve": ["post"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/reject": ["post"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/publications": ["get"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/publish": ["post"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/schedule": ["post"],
        "/api/v1/businesses/{business_id}/posts/{post_id}/tiktok-creator": ["get"],
        "/api/v1/businesses/{business_id}/publications/{publication_id}/cancel": ["post"],
        "/api/v1/businesses/{business_id}/publications/{publication_id}/retry": ["post"],
    }
    assert schema["components"]["securitySchemes"]["SessionAuth"]["in"] == "cookie"


def test_docs_page_loads_nothing_from_third_parties(owner: User, client_for: ClientFor) -> None:
    response = client_for(owner).get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in page
    assert "://" not in page.split("<body")[0]


def test_put_with_missing_fields_is_refused_not_reset(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    business.timezone = "Asia/Jakarta"
    business.save()
    before = brands_state()
    response = send(client_for(owner), "put", f"/api/v1/businesses/{business.pk}", {"name": "X"})
    assert response.status_code == 422
    missing = {tuple(error["loc"])[-1] for error in response.json()["detail"]}
    assert missing == {"website", "timezone", "language"}
    assert brands_state() == before


def test_action_errors_have_the_same_shape_as_field_errors(
    owner: User, client_for: ClientFor
) -> None:
    response = send(client_for(owner), "post", "/api/v1/businesses", {**UPDATE, "timezone": "Mars"})
    (error,) = response.json()["detail"]
    assert set(error) == {"type", "loc", "msg"}
    assert error["msg"] == "Mars is not a known time zone."
