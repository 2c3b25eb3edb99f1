"""The studio over JSON: plans, posts, generation jobs. Mounted under /businesses.

Writes start background jobs (202 with the job); poll the job until it is done, failed or
cancelled. Times are UTC, with the business's local time alongside.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from postloom.brands.models import Access, Business
from postloom.brands.selectors import get_business_for_user
from postloom.studio import actions
from postloom.studio.forms import check_start, parse_hashtags
from postloom.studio.models import GenerationJob, Plan, Post, PostMedia
from postloom.studio.problems import job_problem
from postloom.studio.selectors import (
    credit_balance,
    get_job_for_user,
    get_plan_for_user,
    get_post_for_user,
    latest_job_of,
    local_now,
    plans_of,
    posts_of_plan,
)

router = Router(tags=["studio"])


class Problem(Schema):
    code: str
    message: str


class JobOut(Schema):
    id: int
    status: str
    total: int
    done: int
    cancel_requested: bool
    plan_id: int | None
    post_id: int | None
    error: Problem | None

    @staticmethod
    def from_job(job: GenerationJob) -> JobOut:
        error = Problem(code=job.error_code, message=job_problem(job.error_code))
        return JobOut(
            id=job.pk,
            status=job.status,
            total=job.total,
            done=job.done,
            cancel_requested=job.cancel_requested,
            plan_id=job.plan_id,
            post_id=job.post_id,
            error=error if job.error_code else None,
        )


class MediaOut(Schema):
    id: int
    kind: str
    url: str  # members only, like every page of the business
    width: int
    height: int
    position: int

    @staticmethod
    def from_media(media: PostMedia, business_id: int) -> MediaOut:
        return MediaOut(
            id=media.pk,
            kind=media.kind,
            url=reverse("studio_media", args=[business_id, media.pk]),
            width=media.width,
            height=media.height,
            position=media.position,
        )


class PostOut(Schema):
    id: int
    plan_id: int | None
    status: str
    format: str
    platform: str
    pillar: str
    product_id: int | None
    occasion: str
    topic: str
    hint: str  # the angle the planner gave the post (not part of the approval)
    caption: str
    hashtags: list[str]
    headline: str
    alt_text: str
    planned_for: datetime | None
    planned_for_local: datetime | None
    media: list[MediaOut]

    @staticmethod
    def from_post(post: Post, business: Business) -> PostOut:
        zone = ZoneInfo(business.timezone)
        return PostOut(
            id=post.pk,
            plan_id=post.plan_id,
            status=post.status,
            format=post.format,
            platform=post.platform,
            pillar=post.pillar,
            product_id=post.product_id,
            occasion=post.occasion,
            topic=post.topic,
            hint=post.hint,
            caption=post.caption,
            hashtags=list(post.hashtags),
            headline=post.headline,
            alt_text=post.alt_text,
            planned_for=post.planned_for,
            planned_for_local=post.planned_for.astimezone(zone) if post.planned_for else None,
            media=[MediaOut.from_media(m, business.pk) for m in post.media.all()],
        )


class PlanOut(Schema):
    id: int
    start_date: date
    days: int
    post_count: int
    created_at: datetime

    @staticmethod
    def from_plan(plan: Plan, post_count: int) -> PlanOut:
        return PlanOut(
            id=plan.pk,
            start_date=plan.start_date,
            days=plan.days,
            post_count=post_count,
            created_at=plan.created_at,
        )


class PlanDetailOut(PlanOut):
    timezone: str
    posts: list[PostOut]
    latest_job: JobOut | None


class PlanIn(Schema):
    start: date
    days: int  # 1–31: the action's rule, refused with its message
    posts_per_week: int = actions.DEFAULT_POSTS_PER_WEEK  # 3, 5, 7, 10 or 14


class SinglePostIn(Schema):
    topic: str = Field(max_length=300)
    format: str
    product_id: int | None = None


class PostIn(Schema):
    """PUT replaces the post's words; any change to an approved post returns it to draft."""

    caption: str
    hashtags: list[str]
    headline: str = Field(max_length=120)
    alt_text: str = Field(max_length=500)


class CreditsOut(Schema):
    balance: int


@router.get("/{business_id}/credits", response=CreditsOut, summary="The credit balance")
def get_credits(request: HttpRequest, business_id: int) -> CreditsOut:
    business, _membership = get_business_for_user(request.user, business_id)
    return CreditsOut(balance=credit_balance(business))


@router.get("/{business_id}/plans", response=list[PlanOut], summary="Content plans, newest first")
def list_plans(request: HttpRequest, business_id: int) -> list[PlanOut]:
    business, _membership = get_business_for_user(request.user, business_id)
    return [PlanOut.from_plan(plan, plan.post_count) for plan in plans_of(business)]  # type: ignore[attr-defined]


@router.post(
    "/{business_id}/plans",
    response={202: JobOut},
    summary="Plan 1–31 days of posts and generate them in the background (owner, editor)",
)
def create_plan(request: HttpRequest, business_id: int, payload: PlanIn) -> Status[JobOut]:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    check_start(payload.start, local_now(business).date())
    job = actions.create_plan(
        business,
        by=request.user,  # type: ignore[arg-type]
        start=payload.start,
        days=payload.days,
        posts_per_week=payload.posts_per_week,
    )
    job.refresh_from_db()
    return Status(202, JobOut.from_job(job))


@router.get(
    "/{business_id}/plans/{plan_id}", response=PlanDetailOut, summary="A plan and its posts"
)
def get_plan(request: HttpRequest, business_id: int, plan_id: int) -> PlanDetailOut:
    plan, membership = get_plan_for_user(request.user, business_id, plan_id)
    business = membership.business
    posts = [PostOut.from_post(post, business) for post in posts_of_plan(plan)]
    job = latest_job_of(plan=plan)
    return PlanDetailOut(
        **PlanOut.from_plan(plan, len(posts)).dict(),
        timezone=business.timezone,
        posts=posts,
        latest_job=JobOut.from_job(job) if job else None,
    )


@router.post(
    "/{business_id}/posts",
    response={202: JobOut},
    summary="Write and design one post from a topic, in the background (owner, editor)",
)
def create_post(request: HttpRequest, business_id: int, payload: SinglePostIn) -> Status[JobOut]:
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    products = business.products.filter(active=True)
    if payload.product_id is not None and not products.filter(pk=payload.product_id).exists():
        raise ValidationError(_("Choose one of this business's products."))
    job = actions.create_single_post(
        business,
        by=request.user,  # type: ignore[arg-type]
        topic=payload.topic,
        format=payload.format,
        product_id=payload.product_id,
    )
    job.refresh_from_db()
    return Status(202, JobOut.from_job(job))


@router.get("/{business_id}/posts/{post_id}", response=PostOut, summary="One post")
def get_post(request: HttpRequest, business_id: int, post_id: int) -> PostOut:
    post, membership = get_post_for_user(request.user, business_id, post_id)
    return PostOut.from_post(post, membership.business)


@router.put(
    "/{business_id}/posts/{post_id}",
    response=PostOut,
    summary="Edit a post's words (owner, editor); an approved post returns to draft",
)
def put_post(request: HttpRequest, business_id: int, post_id: int, payload: PostIn) -> PostOut:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    actions.update_post(
        post,
        caption=payload.caption,
        hashtags=parse_hashtags(payload.hashtags),
        headline=payload.headline,
        alt_text=payload.alt_text,
    )
    return PostOut.from_post(post, membership.business)


@router.get("/{business_id}/jobs/{job_id}", response=JobOut, summary="A generation's progress")
def get_job(request: HttpRequest, business_id: int, job_id: int) -> JobOut:
    job, _membership = get_job_for_user(request.user, business_id, job_id)
    return JobOut.from_job(job)


@router.post(
    "/{business_id}/jobs/{job_id}/cancel",
    response=JobOut,
    summary="Stop a generation after the posts being made now (owner, editor)",
)
def cancel_job(request: HttpRequest, business_id: int, job_id: int) -> JobOut:
    job, _membership = get_job_for_user(request.user, business_id, job_id, Access.EDIT)
    actions.cancel_job(job)
    job.refresh_from_db()
    return JobOut.from_job(job)
