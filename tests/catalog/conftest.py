from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from postloom.brands.models import Business
from postloom.catalog import actions
from postloom.catalog.actions import PersonaFields, ProductFields
from postloom.catalog.models import Persona, Product
from tests.catalog.images import jpeg, upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Each test stores its photos in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are asserted in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def product(business: Business) -> Product:
    """A product with two photos (so that reordering has something to move)."""
    product = actions.create_product(
        business,
        ProductFields(
            name="Kopi Susu Gula Aren",
            description="Es kopi susu dengan gula aren asli.",
            highlights=["halal", "fresh every morning"],
        ),
    )
    result = actions.add_product_photos(
        product, [upload(jpeg(color="brown"), "one.jpg"), upload(jpeg(color="white"), "two.jpg")]
    )
    assert not result.refused
    return product


@pytest.fixture
def persona(business: Business) -> Persona:
    persona = actions.create_persona(
        business, PersonaFields(name="Sari", look="Late twenties, short hair", voice="Warm")
    )
    result = actions.add_persona_photos(
        persona, [upload(jpeg(color="pink"), "sari1.jpg"), upload(jpeg(color="gray"), "sari2.jpg")]
    )
    assert not result.refused
    return persona
