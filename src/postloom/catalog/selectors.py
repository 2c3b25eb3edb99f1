"""Reads of products, personas and their photos, always through the business's tenancy check.

Someone outside the business gets 404 for any of its rows; a role too weak for a change gets
403 (see brands.selectors.get_business_for_user).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from postloom.accounts.models import User
from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage, StoredImage

AnyUser = User | AnonymousUser

# The URL segment of each kind of photo → its model.
IMAGE_KINDS: dict[str, type[StoredImage]] = {"products": ProductImage, "personas": PersonaImage}


def products_of(business: Business) -> QuerySet[Product]:
    images = Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"))
    return (
        Product.objects.filter(business=business)
        .prefetch_related(images)
        .order_by("position", "id")
    )


def personas_of(business: Business) -> QuerySet[Persona]:
    images = Prefetch("images", queryset=PersonaImage.objects.order_by("position", "id"))
    return Persona.objects.filter(business=business).prefetch_related(images).order_by("name", "id")


def get_product_for_user(
    user: AnyUser, business_id: int, product_id: int, need: Access = Access.VIEW
) -> tuple[Product, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    return get_object_or_404(products_of(business), pk=product_id), membership


def get_persona_for_user(
    user: AnyUser, business_id: int, persona_id: int, need: Access = Access.VIEW
) -> tuple[Persona, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    return get_object_or_404(personas_of(business), pk=persona_id), membership


def get_image_for_user(
    user: AnyUser,
    business_id: int,
    kind: str,
    owner_id: int,
    image_id: int,
    need: Access = Access.VIEW,
) -> StoredImage:
    """A product photo or persona reference photo of this business, reached through its owner."""
    business, _membership = get_business_for_user(user, business_id, need)
    model = IMAGE_KINDS[kind]
    owner = model.owner_field
    lookup = {"pk": image_id, f"{owner}_id": owner_id, f"{owner}__business": business}
    return get_object_or_404(model, **lookup)
