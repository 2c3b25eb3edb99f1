from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from postloom.accounts.models import User
from postloom.brands import actions as brand_actions
from postloom.brands.models import Business
from postloom.catalog import actions
from postloom.catalog.actions import MAX_PHOTOS, PersonaFields, ProductFields
from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage
from postloom.catalog.money import format_price, parse_price, price_text
from tests.catalog import catalog_state, stored_files
from tests.catalog.images import jpeg, phone_jpeg, png_with_alpha, reopen, upload

CaptureOnCommit = Callable[..., Any]


def test_create_product_cleans_its_fields(business: Business) -> None:
    product = actions.create_product(
        business,
        ProductFields(
            name="  Kopi Susu  ",
            price=Decimal("18000"),
            currency="IDR",
            link="https://kopisenja.example/kopi-susu",
            highlights=[" halal ", "Halal", "", "ships   same day"],
        ),
    )

    product.refresh_from_db()
    assert product.name == "Kopi Susu"
    assert product.highlights == ["halal", "ships same day"]
    assert (product.price, product.currency, product.position) == (Decimal("18000"), "IDR", 0)
    second = actions.create_product(business, ProductFields(name="Roti Bakar"))
    assert second.position == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": " "}, "name", "This field cannot be blank."),
        ({"price": Decimal("5")}, "currency", "Choose the currency of the price."),
        ({"price": Decimal("-1"), "currency": "IDR"}, "price", "greater than or equal to 0"),
        ({"price": Decimal("5"), "currency": "XYZ"}, "currency", "not a valid choice"),
        ({"link": "not a link"}, "link", "Enter a valid URL."),
        (
            {"highlights": [f"h{i}" for i in range(11)]},
            "highlights",
            "Keep it to 10 highlights at most.",
        ),
        ({"highlights": ["y" * 41]}, "highlights", "is too long for a highlight"),
    ],
)
def test_invalid_products_are_refused_and_nothing_is_written(
    business: Business, fields: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_product(business, ProductFields(**{"name": "Kopi", **fields}))

    assert message in " ".join(caught.value.message_dict[field])
    assert not Product.objects.exists()


def test_a_price_without_a_number_drops_its_currency(business: Business) -> None:
    product = actions.create_product(business, ProductFields(name="Kopi", currency="IDR"))
    assert (product.price, product.currency) == (None, "")


@pytest.mark.parametrize(
    ("amount", "currency", "language", "text"),
    [
        ("18000", "IDR", "id", "Rp 18.000"),
        ("1250000.50", "IDR", "en", "Rp 1,250,001"),
        ("149.90", "TRY", "tr", "₺149,90"),
        ("12.00", "USD", "en", "$12"),
        ("1234.5", "EUR", "en", "€1,234.50"),
        ("35", "MYR", "en", "RM 35"),
    ],
)
def test_prices_read_the_way_each_market_writes_them(
    amount: str, currency: str, language: str, text: str
) -> None:
    assert format_price(Decimal(amount), currency, language) == text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("18000", "18000"),
        ("18.000", "18000"),  # Indonesian and Turkish group thousands with a dot
        ("Rp 18.000,-", "18000"),
        ("1.250.000,50", "1250000.50"),
        ("1,250,000.50", "1250000.50"),
        ("149,90", "149.90"),
        ("₺149,90", "149.90"),
        ("12.99", "12.99"),
        ("$12", "12"),
        ("1 250 000", "1250000"),
    ],
)
def test_prices_are_read_the_way_people_type_them(typed: str, amount: str) -> None:
    assert parse_price(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "abc", "-5", "1.2.3", "12,3456"])
def test_what_is_not_a_price_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_price(typed)


def test_stored_prices_go_back_into_the_form_plainly() -> None:
    assert [price_text(None), price_text(Decimal("18000.00")), price_text(Decimal("149.9"))] == [
        "",
        "18000",
        "149.90",
    ]


def test_update_product(product: Product) -> None:
    fields = ProductFields(name="Kopi Susu Besar", price=Decimal("25000"), currency="IDR")
    actions.update_product(product, fields)

    product.refresh_from_db()
    assert (product.name, product.description, product.highlights) == ("Kopi Susu Besar", "", [])


def test_added_photos_are_cleaned_and_stored_under_the_business(
    business: Business, media_root: Any
) -> None:
    product = actions.create_product(business, ProductFields(name="Kopi"))

    result = actions.add_product_photos(
        product, [upload(phone_jpeg(), "IMG_0001.JPG"), upload(png_with_alpha(), "logo.png")]
    )

    assert not result.refused
    first, second = product.images.order_by("position")
    assert re.fullmatch(rf"catalog/{business.pk}/[0-9a-f]{{32}}\.jpg", first.image.name)
    assert first.thumbnail.name == first.image.name.replace(".jpg", "_thumb.jpg")
    assert second.image.name.endswith(".png")
    assert (first.width, first.height, first.position, second.position) == (200, 400, 0, 1)
    assert not reopen((media_root / first.image.name).read_bytes()).getexif()
    assert len(stored_files()) == 4


def test_refused_photos_leave_no_row_and_no_file(product: Product) -> None:
    before = catalog_state()

    result = actions.add_product_photos(
        product,
        [upload(b"not a photo", "menu.jpg"), upload(b"GIF89a" + b"\x00" * 20, "anim.gif")],
    )

    assert [(name, error.code) for name, error in result.refused] == [
        ("menu.jpg", "not_an_image"),
        ("anim.gif", "unsupported_format"),
    ]
    assert result.added == []
    assert catalog_state() == before


def test_good_photos_are_kept_when_another_in_the_same_upload_is_bad(product: Product) -> None:
    result = actions.add_product_photos(
        product, [upload(b"broken", "bad.jpg"), upload(jpeg(), "good.jpg")]
    )

    assert [name for name, _error in result.refused] == ["bad.jpg"]
    assert len(result.added) == 1
    assert product.images.count() == 3


def test_files_are_removed_when_the_row_cannot_be_written(
    product: Product, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = catalog_state()

    def broken_create(**kwargs: Any) -> None:
        raise IntegrityError("disk full")

    monkeypatch.setattr(ProductImage._default_manager, "create", broken_create)
    with pytest.raises(IntegrityError):
        actions.add_product_photo(product, upload(jpeg()))

    assert catalog_state() == before


def test_a_product_holds_at_most_ten_photos(product: Product) -> None:
    files = [upload(jpeg(), f"{i}.jpg") for i in range(MAX_PHOTOS)]

    result = actions.add_product_photos(product, files)

    assert len(result.added) == MAX_PHOTOS - 2
    assert [error.code for _name, error in result.refused] == ["too_many_images"] * 2
    assert product.images.count() == MAX_PHOTOS
    assert len(stored_files()) == 2 * MAX_PHOTOS


def test_removing_a_photo_removes_its_files(
    product: Product, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    photo = product.images.first()
    assert photo is not None
    names = photo.file_names

    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_photo(photo)

    assert not set(names) & set(stored_files())
    assert len(stored_files()) == 2


def test_files_stay_until_the_delete_is_committed(product: Product) -> None:
    # Inside the test's transaction nothing is committed yet, so the files must still be there.
    actions.delete_product(product)
    assert len(stored_files()) == 4


def test_deleting_a_product_removes_all_its_files(
    product: Product, persona: Persona, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_product(product)

    assert not ProductImage.objects.exists()
    assert stored_files() == sorted(
        name for photo in PersonaImage.objects.all() for name in photo.file_names
    )


def test_deleting_a_business_removes_every_catalog_file(
    product: Product, persona: Persona, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        product.business.delete()

    assert stored_files() == []


def test_moving_photos_up_and_down(product: Product) -> None:
    actions.add_product_photo(product, upload(jpeg(), "three.jpg"))
    first, second, third = product.images.order_by("position", "id")

    actions.move_photo(third, "up")
    assert list(product.images.order_by("position")) == [first, third, second]
    actions.move_photo(first, "down")
    assert list(product.images.order_by("position")) == [third, first, second]
    actions.move_photo(third, "up")  # already first: stays
    actions.move_photo(second, "down")  # already last: stays
    assert list(product.images.order_by("position")) == [third, first, second]
    assert sorted(product.images.values_list("position", flat=True)) == [0, 1, 2]


def test_describe_photo(product: Product) -> None:
    photo = product.images.first()
    assert photo is not None
    actions.describe_photo(photo, "  A glass of iced coffee on a wooden table  ")
    photo.refresh_from_db()
    assert photo.alt_text == "A glass of iced coffee on a wooden table"


def test_personas(business: Business) -> None:
    persona = actions.create_persona(
        business, PersonaFields(name=" Sari ", look="Short hair", style="Batik", voice="Warm")
    )
    photo = actions.add_persona_photo(persona, upload(phone_jpeg()), alt_text="Sari smiling")
    actions.update_persona(persona, PersonaFields(name="Sari Dewi", active=False))

    persona.refresh_from_db()
    assert (persona.name, persona.look, persona.active) == ("Sari Dewi", "", False)
    assert photo.image.name.startswith(f"catalog/{business.pk}/")
    assert photo.alt_text == "Sari smiling"
    with pytest.raises(ValidationError):
        actions.create_persona(business, PersonaFields(name=""))


def test_deleting_a_persona_removes_its_reference_photos(
    persona: Persona, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_persona(persona)
    assert stored_files() == []
    assert not PersonaImage.objects.exists()


def test_photos_of_two_businesses_live_in_separate_folders(
    product: Product, make_user: Callable[..., User]
) -> None:
    other = brand_actions.create_business(make_user(), name="Batik Bunga")
    theirs = actions.create_product(other, ProductFields(name="Batik"))
    actions.add_product_photo(theirs, upload(jpeg()))

    folders = {name.split("/")[1] for name in stored_files()}
    assert folders == {str(product.business_id), str(other.pk)}
