"""The catalog API (mounted under /api/v1/businesses): tenancy, CRUD, photo uploads."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands import actions as brand_actions
from postloom.brands.models import Business
from postloom.catalog import actions
from postloom.catalog.actions import PersonaFields, ProductFields
from postloom.catalog.models import Persona, Product
from tests.catalog import catalog_state, stored_files
from tests.catalog.images import jpeg, many_pixels_png, phone_jpeg, reopen, upload

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
READ = (200, 200, 200, 404, 401)
API = "/api/v1/businesses/{b}"

PRODUCT = {
    "name": "Es Kopi Susu",
    "description": "Kopi susu dengan gula aren.",
    "price": "18000",
    "currency": "IDR",
    "link": "https://kopisenja.example/es-kopi-susu",
    "highlights": ["halal", "gula aren asli"],
    "active": True,
}
PERSONA = {"name": "Sari", "look": "Short hair", "style": "Batik", "voice": "Warm", "active": True}


def send(client: Client, method: str, path: str, body: Any = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def photo_upload(client: Client, path: str, content: bytes, name: str = "p.jpg") -> Any:
    return client.post(path, {"file": upload(content, name), "alt_text": "On the table"})


# (name, method, path, JSON body or "photo", expected for owner, editor, viewer, outsider, anon)
ROUTES: list[tuple[str, str, str, Any, tuple[int, ...]]] = [
    ("products", "get", API + "/products", None, READ),
    ("product-create", "post", API + "/products", PRODUCT, (201, 201, 403, 404, 401)),
    ("product", "get", API + "/products/{p}", None, READ),
    ("product-update", "put", API + "/products/{p}", PRODUCT, (200, 200, 403, 404, 401)),
    ("product-delete", "delete", API + "/products/{p}", None, (204, 204, 403, 404, 401)),
    ("product-photo", "post", API + "/products/{p}/photos", "photo", (201, 201, 403, 404, 401)),
    (
        "product-photo-delete",
        "delete",
        API + "/products/{p}/photos/{i}",
        None,
        (204, 204, 403, 404, 401),
    ),
    ("personas", "get", API + "/personas", None, READ),
    ("persona-create", "post", API + "/personas", PERSONA, (201, 201, 403, 404, 401)),
    ("persona", "get", API + "/personas/{r}", None, READ),
    ("persona-update", "put", API + "/personas/{r}", PERSONA, (200, 200, 403, 404, 401)),
    ("persona-delete", "delete", API + "/personas/{r}", None, (204, 204, 403, 404, 401)),
    ("persona-photo", "post", API + "/personas/{r}/photos", "photo", (201, 201, 403, 404, 401)),
    (
        "persona-photo-delete",
        "delete",
        API + "/personas/{r}/photos/{j}",
        None,
        (204, 204, 403, 404, 401),
    ),
]

ACCESS_CASES = [
    pytest.param(method, path, body, role, expected, id=f"{name}-{role}")
    for name, method, path, body, outcomes in ROUTES
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@pytest.fixture
def users(owner: User, editor: User, viewer: User, outsider: User) -> dict[str, User | None]:
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def ids(business: Business, product: Product, persona: Persona) -> dict[str, int]:
    first_photo = product.images.order_by("position").first()
    first_reference = persona.images.order_by("position").first()
    assert first_photo and first_reference
    return {
        "b": business.pk,
        "p": product.pk,
        "i": first_photo.pk,
        "r": persona.pk,
        "j": first_reference.pk,
    }


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), ACCESS_CASES)
def test_route_access(
    ids: dict[str, int],
    users: dict[str, User | None],
    client_for: ClientFor,
    method: str,
    path: str,
    body: Any,
    role: str,
    expected: int,
) -> None:
    url = path.format(**ids)
    client = client_for(users[role])
    before = catalog_state()

    if body == "photo":
        response = photo_upload(client, url, jpeg())
    else:
        response = send(client, method, url, body)

    assert response.status_code == expected
    # Allowed writes must change something, or "denied changes nothing" proves nothing.
    allowed_write = method != "get" and expected in (200, 201, 204)
    assert (catalog_state() != before) == allowed_write


def test_denials_explain_themselves(
    ids: dict[str, int], viewer: User, outsider: User, client_for: ClientFor
) -> None:
    path = (API + "/products/{p}").format(**ids)
    assert send(client_for(viewer), "put", path, PRODUCT).json() == {
        "detail": "Your role in this business does not allow this."
    }
    assert send(client_for(outsider), "get", path).json() == {"detail": "Not found."}


def test_product_roundtrip(business: Business, editor: User, client_for: ClientFor) -> None:
    client = client_for(editor)
    created = send(client, "post", API.format(b=business.pk) + "/products", PRODUCT).json()
    product = Product.objects.get()
    assert created["id"] == product.pk
    assert {key: created[key] for key in PRODUCT} == {**PRODUCT, "price": "18000.00"}
    assert (created["position"], created["photos"]) == (0, [])

    path = API.format(b=business.pk) + f"/products/{product.pk}"
    changed = {**PRODUCT, "price": None, "highlights": [" halal ", "HALAL"], "active": False}
    updated = send(client, "put", path, changed).json()
    assert (updated["price"], updated["currency"], updated["highlights"]) == (None, "", ["halal"])
    assert updated["active"] is False
    assert send(client, "get", path).json() == updated
    assert [p["id"] for p in send(client, "get", API.format(b=business.pk) + "/products").json()]


def test_photo_upload_returns_the_clean_photo(
    product: Product, editor: User, client_for: ClientFor
) -> None:
    client = client_for(editor)
    path = API.format(b=product.business_id) + f"/products/{product.pk}/photos"

    response = photo_upload(client, path, phone_jpeg(), "IMG_0001.JPG")

    assert response.status_code == 201
    photo = response.json()
    assert (photo["width"], photo["height"], photo["alt_text"]) == (200, 400, "On the table")
    assert photo["position"] == 2
    served = client.get(photo["url"])
    body = b"".join(served.streaming_content)
    assert not reopen(body).getexif()
    thumbnail = client.get(photo["thumbnail_url"])
    assert reopen(b"".join(thumbnail.streaming_content)).size == (200, 400)  # already small


BAD_UPLOADS = [
    pytest.param(b"just text", "not_an_image", "This file is not a photo.", id="text"),
    pytest.param(b"GIF89a" + b"\x00" * 30, "unsupported_format", "GIF files are not", id="gif"),
    pytest.param(jpeg()[:200], "corrupt", "This photo is damaged", id="corrupt"),
    pytest.param(many_pixels_png(), "too_many_pixels", "too many pixels", id="bomb"),
    pytest.param(jpeg() + b"\x00" * (15 * 1024 * 1024), "too_large", "up to 15 MB", id="too-large"),
]


@pytest.mark.parametrize(("content", "code", "message"), BAD_UPLOADS)
def test_refused_uploads_are_422_with_code_and_message(
    product: Product, owner: User, client_for: ClientFor, content: bytes, code: str, message: str
) -> None:
    path = API.format(b=product.business_id) + f"/products/{product.pk}/photos"
    before = catalog_state()

    response = photo_upload(client_for(owner), path, content, "photo.jpg")

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert message in response.json()["message"]
    assert catalog_state() == before


def test_upload_without_a_file_is_422(product: Product, owner: User, client_for: ClientFor) -> None:
    path = API.format(b=product.business_id) + f"/products/{product.pk}/photos"
    assert client_for(owner).post(path, {"alt_text": "x"}).status_code == 422


INVALID_PRODUCTS = [
    pytest.param({**PRODUCT, "name": ""}, "at least 1 character", id="empty-name"),
    pytest.param({**PRODUCT, "name": "   "}, "This field cannot be blank.", id="blank-name"),
    pytest.param({**PRODUCT, "currency": ""}, "Choose the currency of the price.", id="currency"),
    pytest.param({**PRODUCT, "currency": "XYZ"}, "not a valid choice", id="bad-currency"),
    pytest.param({**PRODUCT, "price": "-1"}, "greater than or equal to 0", id="negative"),
    pytest.param({**PRODUCT, "link": "kopi senja"}, "Enter a valid URL.", id="link"),
    pytest.param({**PRODUCT, "highlights": ["x" * 41]}, "too long for a highlight", id="long"),
]


@pytest.mark.parametrize(("body", "message"), INVALID_PRODUCTS)
@pytest.mark.parametrize("method", ["post", "put"])
def test_invalid_products_are_422_and_write_nothing(
    ids: dict[str, int], owner: User, client_for: ClientFor, method: str, body: Any, message: str
) -> None:
    path = (API + ("/products" if method == "post" else "/products/{p}")).format(**ids)
    before = catalog_state()

    response = send(client_for(owner), method, path, body)

    assert response.status_code == 422
    assert message in json.dumps(response.json()["detail"])
    assert catalog_state() == before


def test_put_with_missing_fields_is_refused_not_reset(
    ids: dict[str, int], owner: User, client_for: ClientFor
) -> None:
    before = catalog_state()
    path = (API + "/products/{p}").format(**ids)
    response = send(client_for(owner), "put", path, {"name": "Only a name"})
    assert response.status_code == 422
    assert catalog_state() == before


def test_persona_roundtrip(business: Business, owner: User, client_for: ClientFor) -> None:
    client = client_for(owner)
    created = send(client, "post", API.format(b=business.pk) + "/personas", PERSONA).json()
    assert {key: created[key] for key in PERSONA} == PERSONA
    path = API.format(b=business.pk) + f"/personas/{created['id']}"
    updated = send(client, "put", path, {**PERSONA, "voice": "Cheerful"}).json()
    assert updated["voice"] == "Cheerful"
    assert send(client, "get", path).json() == updated


def test_deleting_through_the_api_removes_files(
    product: Product,
    owner: User,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    path = API.format(b=product.business_id) + f"/products/{product.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client_for(owner), "delete", path).status_code == 204
    assert not Product.objects.exists()
    assert stored_files() == []


@pytest.fixture
def theirs(make_user: Callable[..., User]) -> dict[str, int]:
    other = brand_actions.create_business(make_user(), name="Batik Bunga")
    product = actions.create_product(other, ProductFields(name="Batik tulis"))
    photo = actions.add_product_photo(product, upload(jpeg()))
    persona = actions.create_persona(other, PersonaFields(name="Ayu"))
    return {"B": other.pk, "P": product.pk, "I": photo.pk, "R": persona.pk}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", API + "/products/{P}", None),
        ("put", API + "/products/{P}", PRODUCT),
        ("delete", API + "/products/{P}", None),
        ("delete", API + "/products/{p}/photos/{I}", None),
        ("delete", API + "/products/{P}/photos/{I}", None),
        ("get", API + "/personas/{R}", None),
        ("delete", API + "/personas/{R}", None),
        ("get", "/api/v1/businesses/{B}/products", None),
        ("get", "/api/v1/businesses/{B}/products/{P}", None),
    ],
)
def test_another_business_is_not_found_through_any_route(
    ids: dict[str, int],
    theirs: dict[str, int],
    owner: User,
    client_for: ClientFor,
    method: str,
    path: str,
    body: Any,
) -> None:
    before = catalog_state()
    response = send(client_for(owner), method, path.format(**ids, **theirs), body)
    assert response.status_code == 404
    assert catalog_state() == before


def test_upload_to_another_business_product_is_not_found(
    ids: dict[str, int], theirs: dict[str, int], owner: User, client_for: ClientFor
) -> None:
    before = catalog_state()
    path = (API + "/products/{P}/photos").format(**ids, **theirs)
    assert photo_upload(client_for(owner), path, jpeg()).status_code == 404
    assert catalog_state() == before


def test_list_shows_only_this_business(
    ids: dict[str, int], theirs: dict[str, int], owner: User, client_for: ClientFor
) -> None:
    listed = send(client_for(owner), "get", (API + "/products").format(**ids)).json()
    assert [p["id"] for p in listed] == [ids["p"]]
    assert [len(p["photos"]) for p in listed] == [2]
