from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from postloom.brands import actions
from postloom.brands.models import Access, Business
from postloom.brands.selectors import businesses_for_user, get_business_for_user, get_membership

router = Router(tags=["businesses"])


class BusinessOut(Schema):
    id: int
    name: str
    website: str
    timezone: str
    language: str
    role: str

    @staticmethod
    def from_business(request: HttpRequest, business: Business) -> BusinessOut:
        membership = get_membership(request.user, business.pk)
        return BusinessOut(
            id=business.pk,
            name=business.name,
            website=business.website,
            timezone=business.timezone,
            language=business.language,
            role=membership.role if membership else "",
        )


class BusinessIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    website: str = ""
    timezone: str = "UTC"
    language: str = "en"


@router.get("", response=list[BusinessOut], summary="Businesses the user belongs to")
def list_businesses(request: HttpRequest) -> list[BusinessOut]:
    return [BusinessOut.from_business(request, b) for b in businesses_for_user(request.user)]


@router.post("", response={201: BusinessOut}, summary="Create a business (you become its owner)")
def create_business(request: HttpRequest, payload: BusinessIn) -> Status[BusinessOut]:
    business = actions.create_business(
        request.user,  # type: ignore[arg-type]
        name=payload.name,
        website=payload.website,
        timezone_name=payload.timezone,
        language=payload.language,
    )
    return Status(201, BusinessOut.from_business(request, business))


@router.get("/{business_id}", response=BusinessOut, summary="One business")
def get_business(request: HttpRequest, business_id: int) -> BusinessOut:
    business, _ = get_business_for_user(request.user, business_id)
    return BusinessOut.from_business(request, business)


@router.put("/{business_id}", response=BusinessOut, summary="Update a business (owner, editor)")
def update_business(request: HttpRequest, business_id: int, payload: BusinessIn) -> BusinessOut:
    business, _ = get_business_for_user(request.user, business_id, Access.EDIT)
    actions.update_business(
        business,
        name=payload.name,
        website=payload.website,
        timezone_name=payload.timezone,
        language=payload.language,
    )
    return BusinessOut.from_business(request, business)
