from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from postloom.accounts.models import User
from postloom.brands import actions as brand_actions
from postloom.brands.models import Business
from postloom.catalog import actions
from postloom.catalog.actions import ProductFields
from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage
from tests.catalog import catalog_state, stored_files
from tests.catalog.images import jpeg, phone_jpeg, reopen, upload

ClientFor = Callable[[User | None], Client]
ROLES = ("owner", "editor", "viewer", "outsider", "anonymous")
LOGIN = "login"  # expected outcome: a redirect to the login page
READ = (200, 200, 200, 404, LOGIN)
EDIT_PAGE = (200, 200, 403, 404, LOGIN)
WRITE = (302, 302, 403, 404, LOGIN)

PRODUCT = {
    "name": "Es Kopi Susu",
    "description": "Kopi susu dengan gula aren.",
    "price": "18000",
    "currency": "IDR",
    "link": "https://kopisenja.example/es-kopi-susu",
    "highlights": "halal, gula aren asli",
    "active": "on",
}
PERSONA = {"name": "Sari", "look": "Short hair", "style": "Batik", "voice": "Warm", "active": "on"}
PRODUCT_PHOTO = "/b/{b}/products/{p}/photos/{i}/"
PERSONA_PHOTO = "/b/{b}/personas/{r}/photos/{j}/"

# (name, method, path, data, expected for owner, editor, viewer, outsider, anonymous).
# {b} business, {p} product, {i} its first photo, {r} persona, {j} its first photo.
ROUTES: list[tuple[str, str, str, dict[str, str] | None, tuple[int | str, ...]]] = [
    ("products", "get", "/b/{b}/products/", None, READ),
    ("product-new", "get", "/b/{b}/products/new/", None, EDIT_PAGE),
    ("product-create", "post", "/b/{b}/products/new/", PRODUCT, WRITE),
    ("product", "get", "/b/{b}/products/{p}/", None, READ),
    ("product-save", "post", "/b/{b}/products/{p}/", PRODUCT, WRITE),
    ("product-delete-page", "get", "/b/{b}/products/{p}/delete/", None, EDIT_PAGE),
    ("product-delete", "post", "/b/{b}/products/{p}/delete/", {}, WRITE),
    ("product-photo", "get", PRODUCT_PHOTO, None, READ),
    ("product-thumb", "get", PRODUCT_PHOTO + "thumb/", None, READ),
    ("product-describe", "post", PRODUCT_PHOTO + "describe/", {"alt_text": "Iced"}, WRITE),
    ("product-move", "post", PRODUCT_PHOTO + "move/", {"direction": "down"}, WRITE),
    ("product-remove", "post", PRODUCT_PHOTO + "remove/", {}, WRITE),
    ("personas", "get", "/b/{b}/personas/", None, READ),
    ("persona-new", "get", "/b/{b}/personas/new/", None, EDIT_PAGE),
    ("persona-create", "post", "/b/{b}/personas/new/", PERSONA, WRITE),
    ("persona", "get", "/b/{b}/personas/{r}/", None, READ),
    ("persona-save", "post", "/b/{b}/personas/{r}/", {**PERSONA, "name": "Sari Dewi"}, WRITE),
    ("persona-delete-page", "get", "/b/{b}/personas/{r}/delete/", None, EDIT_PAGE),
    ("persona-delete", "post", "/b/{b}/personas/{r}/delete/", {}, WRITE),
    ("persona-photo", "get", PERSONA_PHOTO, None, READ),
    ("persona-thumb", "get", PERSONA_PHOTO + "thumb/", None, READ),
    ("persona-describe", "post", PERSONA_PHOTO + "describe/", {"alt_text": "Sari"}, WRITE),
    ("persona-move", "post", PERSONA_PHOTO + "move/", {"direction": "down"}, WRITE),
    ("persona-remove", "post", PERSONA_PHOTO + "remove/", {}, WRITE),
]

ACCESS_CASES = [
    pytest.param(method, path, data, role, expected, id=f"{name}-{role}")
    for name, method, path, data, outcomes in ROUTES
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@dataclass
class World:
    business: Business
    users: dict[str, User | None]
    ids: dict[str, int]


@pytest.fixture
def world(
    business: Business,
    product: Product,
    persona: Persona,
    owner: User,
    editor: User,
    viewer: User,
    outsider: User,
) -> World:
    users: dict[str, User | None] = {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": None,
    }
    first_product_photo = product.images.order_by("position").first()
    first_persona_photo = persona.images.order_by("position").first()
    assert first_product_photo and first_persona_photo
    ids = {
        "b": business.pk,
        "p": product.pk,
        "i": first_product_photo.pk,
        "r": persona.pk,
        "j": first_persona_photo.pk,
    }
    return World(business, users, ids)


def close(response: HttpResponse) -> HttpResponse:
    """Read a file response to its end, which closes it the way a WSGI server would.

    (Calling close() directly would also close the test's database connection on PostgreSQL.)
    """
    if response.streaming:
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response


@pytest.mark.parametrize(("method", "path", "data", "role", "expected"), ACCESS_CASES)
def test_route_access(
    world: World,
    client_for: ClientFor,
    method: str,
    path: str,
    data: dict[str, str] | None,
    role: str,
    expected: int | str,
) -> None:
    url = path.format(**world.ids)
    before = catalog_state()

    response = close(getattr(client_for(world.users[role]), method)(url, data))

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == expected
    # Allowed writes must change something, or "denied changes nothing" proves nothing.
    allowed_write = method == "post" and expected == 302
    assert (catalog_state() != before) == allowed_write


@pytest.mark.parametrize(
    "path",
    [
        "/b/{b}/products/{p}/photos/{i}/remove/",
        "/b/{b}/products/{p}/photos/{i}/move/",
        "/b/{b}/products/{p}/photos/{i}/describe/",
        "/b/{b}/personas/{r}/photos/{j}/remove/",
    ],
)
def test_photo_changes_refuse_get(world: World, client_for: ClientFor, path: str) -> None:
    before = catalog_state()
    response = client_for(world.users["owner"]).get(path.format(**world.ids))
    assert response.status_code == 405
    assert catalog_state() == before


@pytest.fixture
def elsewhere(make_user: Callable[..., User]) -> dict[str, int]:
    """Another business with a product photo and a persona photo."""
    other = brand_actions.create_business(make_user(), name="Batik Bunga")
    product = actions.create_product(other, ProductFields(name="Batik tulis"))
    photo = actions.add_product_photo(product, upload(jpeg(color="navy")))
    persona = actions.create_persona(other, actions.PersonaFields(name="Ayu"))
    reference = actions.add_persona_photo(persona, upload(jpeg(color="olive")))
    return {"B": other.pk, "P": product.pk, "I": photo.pk, "R": persona.pk, "J": reference.pk}


@pytest.mark.parametrize(
    "path",
    [
        # Their photo through their business: the owner is an outsider there.
        "/b/{B}/products/{P}/photos/{I}/",
        "/b/{B}/products/{P}/photos/{I}/thumb/",
        "/b/{B}/personas/{R}/photos/{J}/",
        # Their photo through the owner's own business, with their product or with ours.
        "/b/{b}/products/{P}/photos/{I}/",
        "/b/{b}/products/{p}/photos/{I}/",
        "/b/{b}/personas/{r}/photos/{J}/thumb/",
        # Their product and persona pages.
        "/b/{b}/products/{P}/",
        "/b/{b}/personas/{R}/",
    ],
)
def test_another_business_photos_and_pages_are_not_found(
    world: World, elsewhere: dict[str, int], client_for: ClientFor, path: str
) -> None:
    response = close(client_for(world.users["owner"]).get(path.format(**world.ids, **elsewhere)))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/b/{b}/products/{p}/photos/{I}/remove/", {}),
        ("/b/{b}/products/{P}/photos/{I}/remove/", {}),
        ("/b/{b}/products/{P}/", PRODUCT),
        ("/b/{b}/products/{P}/delete/", {}),
        ("/b/{b}/personas/{R}/delete/", {}),
        ("/b/{b}/personas/{r}/photos/{J}/move/", {"direction": "up"}),
    ],
)
def test_owner_cannot_change_another_business_through_own_url(
    world: World,
    elsewhere: dict[str, int],
    client_for: ClientFor,
    path: str,
    data: dict[str, str],
) -> None:
    before = catalog_state()
    response = client_for(world.users["owner"]).post(path.format(**world.ids, **elsewhere), data)
    assert response.status_code == 404
    assert catalog_state() == before


def test_media_url_is_not_public(world: World, product: Product, client_for: ClientFor) -> None:
    photo = product.images.first()
    assert photo is not None
    for role in ("owner", "anonymous"):
        response = client_for(world.users[role]).get(f"/media/{photo.image.name}")
        assert response.status_code == 404


def test_a_photo_is_served_clean_and_private(
    product: Product, owner: User, client_for: ClientFor
) -> None:
    actions.add_product_photo(product, upload(phone_jpeg(), "IMG_0042.JPG"))
    photo = product.images.order_by("-position").first()
    assert photo is not None

    response = client_for(owner).get(
        reverse("catalog_photo_file", args=[product.business_id, "products", product.pk, photo.pk])
    )

    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=86400"
    assert reopen(body).size == (200, 400)
    assert not reopen(body).getexif()


def test_empty_product_list_tells_editors_what_to_do(
    business: Business, editor: User, viewer: User, client_for: ClientFor
) -> None:
    page = client_for(editor).get(f"/b/{business.pk}/products/").content.decode()
    assert "No products yet" in page
    assert f'href="/b/{business.pk}/products/new/"' in page

    page = client_for(viewer).get(f"/b/{business.pk}/products/").content.decode()
    assert "have not added any products yet" in page
    assert "/products/new/" not in page


def test_product_list_shows_photos_prices_and_highlights(
    product: Product, viewer: User, client_for: ClientFor
) -> None:
    actions.update_product(
        product,
        ProductFields(
            name=product.name, price=product.price or 18000, currency="IDR", highlights=["halal"]
        ),
    )
    first = product.images.order_by("position").first()
    assert first is not None

    page = client_for(viewer).get(f"/b/{product.business_id}/products/").content.decode()

    assert product.name in page
    assert "Rp 18,000" in page  # English interface: English separators
    assert '<span class="chipword">halal</span>' in page
    thumb = f"/b/{product.business_id}/products/{product.pk}/photos/{first.pk}/thumb/"
    assert f'src="{thumb}"' in page
    assert "2 photos" in page


def test_create_a_product_with_several_photos(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    data = {**PRODUCT, "photos": [upload(phone_jpeg(), "a.jpg"), upload(jpeg(), "b.jpg")]}

    response = client_for(editor).post(f"/b/{business.pk}/products/new/", data)

    product = Product.objects.get()
    assert response["Location"] == f"/b/{business.pk}/products/"
    assert (product.name, product.currency, product.highlights) == (
        "Es Kopi Susu",
        "IDR",
        ["halal", "gula aren asli"],
    )
    assert product.images.count() == 2
    assert len(stored_files()) == 4


def messages_of(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def test_a_bad_photo_is_named_and_the_rest_is_kept(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    photos = [upload(jpeg(), "good.jpg"), upload(b"Harga: 18.000", "menu.jpg")]

    response = client_for(editor).post(
        f"/b/{business.pk}/products/new/", {**PRODUCT, "photos": photos}, follow=True
    )

    product = Product.objects.get()
    assert response.redirect_chain[-1][0] == f"/b/{business.pk}/products/{product.pk}/"
    assert messages_of(response) == [
        "menu.jpg: This file is not a photo. Upload a photo in JPEG, PNG, WebP or HEIC.",
        "Es Kopi Susu was added.",
    ]
    assert "menu.jpg: This file is not a photo." in response.content.decode()
    assert product.images.count() == 1


def test_a_photo_over_15_mb_is_refused_with_a_message(
    product: Product, editor: User, client_for: ClientFor
) -> None:
    before = ProductImage.objects.count(), stored_files()
    huge = upload(jpeg() + b"\x00" * (16 * 1024 * 1024), "huge.jpg")

    response = client_for(editor).post(
        f"/b/{product.business_id}/products/{product.pk}/",
        {**PRODUCT, "photos": [huge]},
        follow=True,
    )

    assert "huge.jpg: This photo is too large. Photos can be up to 15 MB." in messages_of(response)
    assert (ProductImage.objects.count(), stored_files()) == before
    product.refresh_from_db()
    assert product.name == "Es Kopi Susu"  # the details were still saved


def test_an_invalid_product_form_writes_nothing(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    data = {**PRODUCT, "name": " ", "currency": "", "photos": [upload(jpeg())]}

    response = client_for(editor).post(f"/b/{business.pk}/products/new/", data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Give the product a name."]
    assert errors["currency"] == ["Choose the currency of the price."]
    assert catalog_state() == {"Product": [], "ProductImage": [], "Persona": [],
                               "PersonaImage": [], "files": []}  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "stored"), [("Rp 18.000", Decimal("18000")), ("149,90", Decimal("149.90"))]
)
def test_prices_typed_with_local_separators(
    business: Business, editor: User, client_for: ClientFor, typed: str, stored: Decimal
) -> None:
    client_for(editor).post(f"/b/{business.pk}/products/new/", {**PRODUCT, "price": typed})
    assert Product.objects.get().price == stored


def test_a_price_that_is_not_a_number_is_explained(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    data = {**PRODUCT, "price": "delapan belas ribu"}
    response = client_for(editor).post(f"/b/{business.pk}/products/new/", data)
    assert response.context["form"].errors["price"] == ["Enter a price like 18000 or 149.90."]
    assert not Product.objects.exists()


def test_viewers_see_the_product_read_only(
    product: Product, viewer: User, client_for: ClientFor
) -> None:
    response = client_for(viewer).get(f"/b/{product.business_id}/products/{product.pk}/")

    page = response.content.decode()
    form = response.context["form"]
    assert all(field.disabled for field in form.fields.values())
    assert "photos" not in form.fields
    assert 'type="file"' not in page
    assert "/remove/" not in page and "/delete/" not in page
    assert "only owners and editors can change it" in page


def test_editors_can_reorder_describe_and_remove_photos(
    product: Product, editor: User, client_for: ClientFor
) -> None:
    client = client_for(editor)
    first, second = product.images.order_by("position")
    base = f"/b/{product.business_id}/products/{product.pk}/photos"

    client.post(f"{base}/{second.pk}/move/", {"direction": "up"})
    assert list(product.images.order_by("position")) == [second, first]
    client.post(f"{base}/{first.pk}/describe/", {"alt_text": "Es kopi susu di meja kayu"})
    first.refresh_from_db()
    assert first.alt_text == "Es kopi susu di meja kayu"
    response = client.post(f"{base}/{second.pk}/remove/")
    assert response["Location"] == f"/b/{product.business_id}/products/{product.pk}/"
    assert list(product.images.all()) == [first]


def test_a_bad_move_direction_changes_nothing(
    product: Product, editor: User, client_for: ClientFor
) -> None:
    photo = product.images.first()
    assert photo is not None
    before = catalog_state()
    path = f"/b/{product.business_id}/products/{product.pk}/photos/{photo.pk}/move/"
    client_for(editor).post(path, {"direction": "sideways"})
    assert catalog_state() == before


def test_deleting_a_product_asks_first(
    product: Product, owner: User, client_for: ClientFor
) -> None:
    client = client_for(owner)
    path = f"/b/{product.business_id}/products/{product.pk}/delete/"

    page = client.get(path).content.decode()
    assert "Delete Kopi Susu Gula Aren?" in page
    assert "Its 2 photos will be deleted too." in page
    assert Product.objects.exists()

    response = client.post(path)
    assert response["Location"] == f"/b/{product.business_id}/products/"
    assert not Product.objects.exists()


def test_create_a_persona_with_reference_photos(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    data = {**PERSONA, "photos": [upload(phone_jpeg(), "sari.jpg")]}

    response = client_for(editor).post(f"/b/{business.pk}/personas/new/", data)

    persona = Persona.objects.get()
    assert response["Location"] == f"/b/{business.pk}/personas/{persona.pk}/"
    assert (persona.name, persona.voice) == ("Sari", "Warm")
    assert PersonaImage.objects.filter(persona=persona).count() == 1


def test_empty_persona_list_explains_what_a_persona_is(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    page = client_for(owner).get(f"/b/{business.pk}/personas/").content.decode()
    assert "No persona yet" in page
    assert "captions take their voice" in page
    assert f'href="/b/{business.pk}/personas/new/"' in page


def test_navigation_and_dashboard_lead_to_products(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    client = client_for(owner)
    page = client.get(f"/b/{business.pk}/").content.decode()
    assert f'<a href="/b/{business.pk}/products/">Products</a>' in page
    assert "You have no products yet." in page
    assert f'<a class="button" href="/b/{business.pk}/products/">Add your products</a>' in page

    actions.create_product(business, ProductFields(name="Kopi"))
    page = client.get(f"/b/{business.pk}/").content.decode()
    assert "1 product so far" in page


def test_photo_pages_refuse_an_unknown_kind(world: World, client_for: ClientFor) -> None:
    path = "/b/{b}/posts/{p}/photos/{i}/".format(**world.ids)
    assert client_for(world.users["owner"]).get(path).status_code == 404


def test_edit_form_shows_highlights_as_typed(
    product: Product, owner: User, client_for: ClientFor
) -> None:
    form = client_for(owner).get(f"/b/{product.business_id}/products/{product.pk}/").context["form"]
    assert form.initial["highlights"] == "halal, fresh every morning"
