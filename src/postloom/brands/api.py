from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from postloom.brands import actions, onboarding
from postloom.brands.forms import HEX_COLOR
from postloom.brands.models import Access, BrandProfile, Membership, OnboardingRun
from postloom.brands.problems import fetch_problem, warning_text
from postloom.brands.selectors import get_business_for_user, memberships_of_user
from postloom.integrations.ai.base import INDUSTRIES
from postloom.web.safe_http import FetchError

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
    _business, membership = get_business_for_user(request.user, business.pk)
    return Status(201, BusinessOut.from_membership(membership))


@router.get("/{business_id}", response=BusinessOut, summary="One business")
def get_business(request: HttpRequest, business_id: int) -> BusinessOut:
    _business, membership = get_business_for_user(request.user, business_id)
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


class BrandOut(Schema):
    name: str
    description: str
    industry: str
    language: str
    target_audience: str
    tone: str
    keywords: list[str]
    colors: list[str]
    fonts: list[str]
    visual_theme: str
    logo_url: str
    products: list[str]
    social: dict[str, str]


class BrandIn(BrandOut):
    """PUT replaces the whole profile; the fields become the person's own (kept on re-analysis)."""

    name: str = Field(min_length=1, max_length=120)
    industry: str = Field(pattern="^(" + "|".join(INDUSTRIES) + ")$")
    colors: list[str] = Field(max_length=6)


class AnalyseIn(Schema):
    url: str = Field(min_length=1, max_length=500)
    keep_edits: bool = True


class Problem(Schema):
    code: str
    message: str


class RunOut(Schema):
    id: int
    url: str
    status: str
    error: Problem | None
    warnings: list[Problem]
    sent_text: str

    @staticmethod
    def from_run(run: OnboardingRun) -> RunOut:
        error = None
        if run.error_code:
            error = Problem(
                code=run.error_code, message=fetch_problem(run.error_code, run.error_detail)
            )
        return RunOut(
            id=run.pk,
            url=run.url,
            status=run.status,
            error=error,
            warnings=[
                Problem(code=w["code"], message=warning_text(w["code"], w)) for w in run.warnings
            ],
            sent_text=run.sent_text,
        )


class PreviewIn(Schema):
    url: str = Field(min_length=1, max_length=500)
    provider: str = ""


class PreviewOut(Schema):
    profile: BrandOut
    warnings: list[Problem]


def _brand_out(brand: BrandProfile) -> BrandOut:
    return BrandOut(**{field: getattr(brand, field) for field in BrandProfile.EDITABLE})


@router.get("/{business_id}/brand", response=BrandOut, summary="The business's brand profile")
def get_brand(request: HttpRequest, business_id: int) -> BrandOut:
    business, _membership = get_business_for_user(request.user, business_id)
    return _brand_out(get_object_or_404(BrandProfile, business=business))


@router.put("/{business_id}/brand", response=BrandOut, summary="Edit the brand profile")
def put_brand(request: HttpRequest, business_id: int, payload: BrandIn) -> BrandOut:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    brand, _created = BrandProfile.objects.get_or_create(business=business)
    changes = payload.dict()
    changes["colors"] = [c.lower() for c in changes["colors"]]
    if any(not HEX_COLOR.match(c) for c in changes["colors"]):
        raise ValidationError(_("Colors must be hex codes like #1f6f5c."))
    return _brand_out(onboarding.update_profile(brand, changes))


@router.post(
    "/{business_id}/brand/analyse",
    response={202: RunOut},
    summary="Read the website and (re)build the brand profile in the background",
)
def analyse_brand(request: HttpRequest, business_id: int, payload: AnalyseIn) -> Status[RunOut]:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    run = onboarding.start_onboarding(
        business,
        by=request.user,  # type: ignore[arg-type]
        url=payload.url,
        keep_edits=payload.keep_edits,
    )
    run.refresh_from_db()
    return Status(202, RunOut.from_run(run))


@router.get("/{business_id}/brand/runs/{run_id}", response=RunOut, summary="An analysis's progress")
def get_run(request: HttpRequest, business_id: int, run_id: int) -> RunOut:
    business, _membership = get_business_for_user(request.user, business_id)
    return RunOut.from_run(get_object_or_404(OnboardingRun, pk=run_id, business=business))


preview_router = Router(tags=["brand"])


@preview_router.post(
    "",
    response={200: PreviewOut, 422: Problem},
    summary="Analyse a website without saving anything (what `postloom onboard` prints)",
)
def preview(request: HttpRequest, payload: PreviewIn) -> Any:
    try:
        profile, warnings = onboarding.analyse_url(payload.url, payload.provider)
    except FetchError as exc:
        return Status(422, Problem(code=exc.code, message=fetch_problem(exc.code, exc.detail)))
    return PreviewOut(
        profile=BrandOut(**profile.model_dump()),
        warnings=[Problem(code=w["code"], message=warning_text(w["code"], w)) for w in warnings],
    )
