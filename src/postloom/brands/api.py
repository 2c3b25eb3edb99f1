from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from postloom.brands import actions
from postloom.brands.models import Access, Membership
from postloom.brands.selectors import get_business_for_user, memberships_of_user

router = Router(tags=["businesses"])


class BusinessOut(Schema):
    id: int
    name: str
    website: str
    timezone: str
    language: str
    role: str

    @staticmethod
    def from_membership(membership: Membership) -> BusinessOut:
        business = membership.business
        return BusinessOut(
            id=business.pk,
            name=business.name,
            website=business.website,
            timezone=business.timezone,
            language=business.language,
            role=membership.role,
        )


class BusinessCreate(Schema):
    name: str = Field(min_length=1, max_length=120)
    website: str = ""
    timezone: str = "UTC"
    language: str = "en"


class BusinessUpdate(Schema):
    """PUT replaces the whole record, so every field is required: nothing is reset silently."""

    name: str = Field(min_length=1, max_length=120)
    website: str
    timezone: str
    language: str


@router.get("", response=list[BusinessOut], summary="Businesses the user belongs to")
def list_businesses(request: HttpRequest) -> list[BusinessOut]:
    return [BusinessOut.from_membership(m) for m in memberships_of_user(request.user)]


@router.post("", response={201: BusinessOut}, summary="Create a business (you become its owner)")
def create_business(request: HttpRequest, payload: BusinessCreate) -> Status[BusinessOut]:
    business = actions.create_business(
        request.user,  # type: ignore[arg-type]
        name=payload.name,
        website=payload.website,
        timezone_name=payload.timezone,
        language=payload.language,
    )
    _, membership = get_business_for_user(request.user, business.pk)
    return Status(201, BusinessOut.from_membership(membership))


@router.get("/{business_id}", response=BusinessOut, summary="One business")
def get_business(request: HttpRequest, business_id: int) -> BusinessOut:
    _, membership = get_business_for_user(request.user, business_id)
    return BusinessOut.from_membership(membership)


@router.put("/{business_id}", response=BusinessOut, summary="Update a business (owner, editor)")
def update_business(request: HttpRequest, business_id: int, payload: BusinessUpdate) -> BusinessOut:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    actions.update_business(
        business,
        name=payload.name,
        website=payload.website,
        timezone_name=payload.timezone,
        language=payload.language,
    )
    return BusinessOut.from_membership(membership)
