"""Products, personas and their photos over the JSON API, mounted under /businesses.

Same tenancy as the web pages: outsiders 404, viewers read, editors and owners write. Photos
are uploaded one per request (multipart, field ``file``); a refused photo is a 422 with the
upload error's stable ``code`` and a translated ``message``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from postloom.brands.models import Access
from postloom.brands.selectors import get_business_for_user
from postloom.catalog import actions
from postloom.catalog.actions import PersonaFields, ProductFields
from postloom.catalog.models import Persona, Product, StoredImage
from postloom.catalog.problems import upload_problem
from postloom.catalog.selectors import (
    get_image_for_user,
    get_persona_for_user,
    get_product_for_user,
    personas_of,
    products_of,
)
from postloom.catalog.uploads import UploadError

router = Router(tags=["catalog"])


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    alt_text: str
    position: int

    @staticmethod
    def from_photo(photo: StoredImage, business_id: int, kind: str, owner_id: int) -> PhotoOut:
        args = [business_id, kind, owner_id, photo.pk]
        return PhotoOut(
            id=photo.pk,
            url=reverse("catalog_photo_file", args=args),
            thumbnail_url=reverse("catalog_photo_thumb", args=args),
            width=photo.width,
            height=photo.height,
            alt_text=photo.alt_text,
            position=photo.position,
        )


class ProductOut(Schema):
    id: int
    name: str
    description: str
    price: Decimal | None
    currency: str
    link: str
    highlights: list[str]
    active: bool
    position: int
    photos: list[PhotoOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def from_product(product: Product) -> ProductOut:
        photos = [
            PhotoOut.from_photo(p, product.business_id, "products", product.pk)
            for p in product.images.all()
        ]
        fields = ("id", "name", "description", "price", "currency", "link", "highlights",
                  "active", "position", "created_at", "updated_at")  # fmt: skip
        return ProductOut(photos=photos, **{name: getattr(product, name) for name in fields})


class ProductCreate(Schema):
    name: str = Field(min_length=1, max_length=120)
    description: str = Field("", max_length=1000)
    price: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: str = ""
    link: str = ""
    highlights: list[str] = []
    active: bool = True


class ProductUpdate(ProductCreate):
    """PUT replaces the whole product, so every field is required: nothing is reset silently."""

    description: str = Field(max_length=1000)
    price: Decimal | None = Field(ge=0, max_digits=12, decimal_places=2)
    currency: str
    link: str
    highlights: list[str]
    active: bool


class PersonaOut(Schema):
    id: int
    name: str
    look: str
    style: str
    voice: str
    active: bool
    photos: list[PhotoOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def from_persona(persona: Persona) -> PersonaOut:
        photos = [
            PhotoOut.from_photo(p, persona.business_id, "personas", persona.pk)
            for p in persona.images.all()
        ]
        fields = ("id", "name", "look", "style", "voice", "active", "created_at", "updated_at")
        return PersonaOut(photos=photos, **{name: getattr(persona, name) for name in fields})


class PersonaCreate(Schema):
    name: str = Field(min_length=1, max_length=80)
    look: str = Field("", max_length=600)
    style: str = Field("", max_length=600)
    voice: str = Field("", max_length=600)
    active: bool = True


class PersonaUpdate(PersonaCreate):
    look: str = Field(max_length=600)
    style: str = Field(max_length=600)
    voice: str = Field(max_length=600)
    active: bool


class UploadProblem(Schema):
    code: str
    message: str


def _refused(error: UploadError) -> Status[UploadProblem]:
    return Status(
        422, UploadProblem(code=error.code, message=upload_problem(error.code, error.detail))
    )


# --- Products -------------------------------------------------------------------------------


@router.get("/{business_id}/products", response=list[ProductOut], summary="The products")
def list_products(request: HttpRequest, business_id: int) -> list[ProductOut]:
    business, _membership = get_business_for_user(request.user, business_id)
    return [ProductOut.from_product(product) for product in products_of(business)]


@router.post(
    "/{business_id}/products", response={201: ProductOut}, summary="Add a product (owner, editor)"
)
def create_product(
    request: HttpRequest, business_id: int, payload: ProductCreate
) -> Status[ProductOut]:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    product = actions.create_product(business, ProductFields(**payload.dict()))
    return Status(201, ProductOut.from_product(product))


@router.get("/{business_id}/products/{product_id}", response=ProductOut, summary="One product")
def get_product(request: HttpRequest, business_id: int, product_id: int) -> ProductOut:
    product, _membership = get_product_for_user(request.user, business_id, product_id)
    return ProductOut.from_product(product)


@router.put(
    "/{business_id}/products/{product_id}",
    response=ProductOut,
    summary="Replace a product's details (owner, editor)",
)
def update_product(
    request: HttpRequest, business_id: int, product_id: int, payload: ProductUpdate
) -> ProductOut:
    product, _membership = get_product_for_user(request.user, business_id, product_id, Access.EDIT)
    actions.update_product(product, ProductFields(**payload.dict()))
    return ProductOut.from_product(product)


@router.delete(
    "/{business_id}/products/{product_id}",
    response={204: None},
    summary="Delete a product and its photos (owner, editor)",
)
def delete_product(request: HttpRequest, business_id: int, product_id: int) -> Status[None]:
    product, _membership = get_product_for_user(request.user, business_id, product_id, Access.EDIT)
    actions.delete_product(product)
    return Status(204, None)


@router.post(
    "/{business_id}/products/{product_id}/photos",
    response={201: PhotoOut, 422: UploadProblem},
    summary="Upload a product photo (multipart: file, alt_text)",
)
def upload_product_photo(
    request: HttpRequest,
    business_id: int,
    product_id: int,
    file: File[UploadedFile],
    alt_text: Form[str] = "",
) -> Any:
    product, _membership = get_product_for_user(request.user, business_id, product_id, Access.EDIT)
    try:
        photo = actions.add_product_photo(product, file, alt_text)
    except UploadError as error:
        return _refused(error)
    return Status(201, PhotoOut.from_photo(photo, business_id, "products", product.pk))


# --- Personas -------------------------------------------------------------------------------


@router.get("/{business_id}/personas", response=list[PersonaOut], summary="The personas")
def list_personas(request: HttpRequest, business_id: int) -> list[PersonaOut]:
    business, _membership = get_business_for_user(request.user, business_id)
    return [PersonaOut.from_persona(persona) for persona in personas_of(business)]


@router.post(
    "/{business_id}/personas", response={201: PersonaOut}, summary="Add a persona (owner, editor)"
)
def create_persona(
    request: HttpRequest, business_id: int, payload: PersonaCreate
) -> Status[PersonaOut]:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    persona = actions.create_persona(business, PersonaFields(**payload.dict()))
    return Status(201, PersonaOut.from_persona(persona))


@router.get("/{business_id}/personas/{persona_id}", response=PersonaOut, summary="One persona")
def get_persona(request: HttpRequest, business_id: int, persona_id: int) -> PersonaOut:
    persona, _membership = get_persona_for_user(request.user, business_id, persona_id)
    return PersonaOut.from_persona(persona)


@router.put(
    "/{business_id}/personas/{persona_id}",
    response=PersonaOut,
    summary="Replace a persona's details (owner, editor)",
)
def update_persona(
    request: HttpRequest, business_id: int, persona_id: int, payload: PersonaUpdate
) -> PersonaOut:
    persona, _membership = get_persona_for_user(request.user, business_id, persona_id, Access.EDIT)
    actions.update_persona(persona, PersonaFields(**payload.dict()))
    return PersonaOut.from_persona(persona)


@router.delete(
    "/{business_id}/personas/{persona_id}",
    response={204: None},
    summary="Delete a persona and its reference photos (owner, editor)",
)
def delete_persona(request: HttpRequest, business_id: int, persona_id: int) -> Status[None]:
    persona, _membership = get_persona_for_user(request.user, business_id, persona_id, Access.EDIT)
    actions.delete_persona(persona)
    return Status(204, None)


@router.post(
    "/{business_id}/personas/{persona_id}/photos",
    response={201: PhotoOut, 422: UploadProblem},
    summary="Upload a persona reference photo (multipart: file, alt_text)",
)
def upload_persona_photo(
    request: HttpRequest,
    business_id: int,
    persona_id: int,
    file: File[UploadedFile],
    alt_text: Form[str] = "",
) -> Any:
    persona, _membership = get_persona_for_user(request.user, business_id, persona_id, Access.EDIT)
    try:
        photo = actions.add_persona_photo(persona, file, alt_text)
    except UploadError as error:
        return _refused(error)
    return Status(201, PhotoOut.from_photo(photo, business_id, "personas", persona.pk))


# --- Removing photos ------------------------------------------------------------------------


def _remove_photo(
    request: HttpRequest, business_id: int, kind: str, owner_id: int, photo_id: int
) -> Status[None]:
    photo = get_image_for_user(request.user, business_id, kind, owner_id, photo_id, Access.EDIT)
    actions.remove_photo(photo)
    return Status(204, None)


@router.delete(
    "/{business_id}/products/{product_id}/photos/{photo_id}",
    response={204: None},
    summary="Remove a product photo (owner, editor)",
)
def delete_product_photo(
    request: HttpRequest, business_id: int, product_id: int, photo_id: int
) -> Status[None]:
    return _remove_photo(request, business_id, "products", product_id, photo_id)


@router.delete(
    "/{business_id}/personas/{persona_id}/photos/{photo_id}",
    response={204: None},
    summary="Remove a persona reference photo (owner, editor)",
)
def delete_persona_photo(
    request: HttpRequest, business_id: int, persona_id: int, photo_id: int
) -> Status[None]:
    return _remove_photo(request, business_id, "personas", persona_id, photo_id)
