"""Every change to products, personas and their photos goes through a function here.

Photos: an upload is cleaned (uploads.clean_image) before anything is written; its files are
written outside any transaction (SQLite's write lock is not held during file I/O), then the row;
if the row cannot be written the files are removed again. Deleting a row removes its files after
the commit (signals.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, Literal

from django.db import transaction
from django.db.models import Max, QuerySet

from postloom.brands.models import Business
from postloom.catalog import uploads
from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage, StoredImage
from postloom.catalog.uploads import UploadError

MAX_PHOTOS = 10  # per product or persona: plenty for a carousel or a set of references


@dataclass(frozen=True)
class ProductFields:
    name: str
    description: str = ""
    price: Decimal | None = None
    currency: str = ""
    link: str = ""
    highlights: list[str] = field(default_factory=list)
    active: bool = True


@dataclass(frozen=True)
class PersonaFields:
    name: str
    look: str = ""
    style: str = ""
    voice: str = ""
    active: bool = True


@dataclass
class PhotosAdded:
    added: list[StoredImage] = field(default_factory=list)
    refused: list[tuple[str, UploadError]] = field(default_factory=list)  # (file name, why)


def clean_highlights(items: Iterable[str]) -> list[str]:
    """Trimmed, single-spaced, without empties or repeats (ignoring case); order kept."""
    seen: set[str] = set()
    result = []
    for item in items:
        text = re.sub(r"\s+", " ", item).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            result.append(text)
    return result


def _next_position(queryset: QuerySet[Any]) -> int:
    highest = queryset.aggregate(Max("position"))["position__max"]
    return 0 if highest is None else highest + 1


# --- Products -------------------------------------------------------------------------------


def _fill_product(product: Product, fields: ProductFields) -> Product:
    product.name = fields.name.strip()
    product.description = fields.description.strip()
    product.price = fields.price
    product.currency = fields.currency if fields.price is not None else ""
    product.link = fields.link.strip()
    product.highlights = clean_highlights(fields.highlights)
    product.active = fields.active
    product.full_clean(exclude=["business"])
    if product.price is not None:
        # Stored with two places anyway; normalised now so every response reads the same.
        product.price = product.price.quantize(Decimal("0.01"))
    return product


@transaction.atomic
def create_product(business: Business, fields: ProductFields) -> Product:
    product = _fill_product(Product(business=business), fields)
    product.position = _next_position(Product.objects.filter(business=business))
    product.save()
    return product


def update_product(product: Product, fields: ProductFields) -> Product:
    _fill_product(product, fields).save()
    return product


def delete_product(product: Product) -> None:
    product.delete()  # photos cascade; their files go after the commit


def add_product_photo(product: Product, upload: IO[bytes], alt_text: str = "") -> ProductImage:
    photo = _add_photo(ProductImage, product, product.business_id, upload, alt_text)
    assert isinstance(photo, ProductImage)
    return photo


def add_product_photos(product: Product, files: Iterable[IO[bytes]]) -> PhotosAdded:
    return _add_photos(ProductImage, product, product.business_id, files)


# --- Personas -------------------------------------------------------------------------------


def _fill_persona(persona: Persona, fields: PersonaFields) -> Persona:
    persona.name = fields.name.strip()
    persona.look = fields.look.strip()
    persona.style = fields.style.strip()
    persona.voice = fields.voice.strip()
    persona.active = fields.active
    persona.full_clean(exclude=["business"])
    return persona


def create_persona(business: Business, fields: PersonaFields) -> Persona:
    persona = _fill_persona(Persona(business=business), fields)
    persona.save()
    return persona


def update_persona(persona: Persona, fields: PersonaFields) -> Persona:
    _fill_persona(persona, fields).save()
    return persona


def delete_persona(persona: Persona) -> None:
    persona.delete()


def add_persona_photo(persona: Persona, upload: IO[bytes], alt_text: str = "") -> PersonaImage:
    photo = _add_photo(PersonaImage, persona, persona.business_id, upload, alt_text)
    assert isinstance(photo, PersonaImage)
    return photo


def add_persona_photos(persona: Persona, files: Iterable[IO[bytes]]) -> PhotosAdded:
    return _add_photos(PersonaImage, persona, persona.business_id, files)


# --- Photos of either -----------------------------------------------------------------------


def _add_photos(
    model: type[StoredImage], owner: Product | Persona, business_id: int, files: Iterable[IO[bytes]]
) -> PhotosAdded:
    """Each file on its own: a bad one is refused with its reason, the good ones are kept."""
    result = PhotosAdded()
    for upload in files:
        try:
            result.added.append(_add_photo(model, owner, business_id, upload))
        except UploadError as error:
            result.refused.append((_display_name(upload), error))
    return result


def _display_name(upload: IO[bytes]) -> str:
    name = str(getattr(upload, "name", "") or "?")
    return name if len(name) <= 60 else name[:57] + "…"


def _add_photo(
    model: type[StoredImage],
    owner: Product | Persona,
    business_id: int,
    upload: IO[bytes],
    alt_text: str = "",
) -> StoredImage:
    siblings = model._default_manager.filter(**{model.owner_field: owner})
    if siblings.count() >= MAX_PHOTOS:
        raise UploadError("too_many_images", limit=MAX_PHOTOS)
    clean = uploads.clean_image(upload, getattr(upload, "size", None))
    image_name, thumbnail_name = uploads.store(business_id, clean)
    try:
        with transaction.atomic():
            photo = model._default_manager.create(
                **{model.owner_field: owner},
                image=image_name,
                thumbnail=thumbnail_name,
                width=clean.width,
                height=clean.height,
                alt_text=alt_text.strip()[:250],
                position=_next_position(siblings),
            )
    except BaseException:
        uploads.discard([image_name, thumbnail_name])  # no file without its row
        raise
    return photo


def _siblings(photo: StoredImage) -> list[StoredImage]:
    owner_id = getattr(photo, f"{photo.owner_field}_id")
    queryset = type(photo)._default_manager.filter(**{f"{photo.owner_field}_id": owner_id})
    return list(queryset.select_for_update().order_by("position", "id"))


@transaction.atomic
def move_photo(photo: StoredImage, direction: Literal["up", "down"]) -> None:
    """Swap with the neighbour before (up) or after (down); the ends stay where they are."""
    siblings = _siblings(photo)
    index = [sibling.pk for sibling in siblings].index(photo.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    # Renumbering all of them also repairs duplicate positions left by concurrent uploads.
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


def describe_photo(photo: StoredImage, alt_text: str) -> StoredImage:
    photo.alt_text = alt_text.strip()
    photo.full_clean()
    photo.save(update_fields=["alt_text"])
    return photo


def remove_photo(photo: StoredImage) -> None:
    photo.delete()  # the files go after the commit (signals.py)
