"""Reads of plans, posts, media and jobs, always through the business's tenancy check.

Someone outside the business gets 404 for any of its rows (an id from another business is a
404 too); a role too weak for a change gets 403 (see brands.selectors.get_business_for_user).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from postloom.accounts.models import User
from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.studio import credits
from postloom.studio.models import Format, GenerationJob, Plan, Post, PostMedia

AnyUser = User | AnonymousUser

# What Instagram shows in a profile's grid (stories and TikTok posts are not there).
GRID_FORMATS = (Format.FEED_IMAGE, Format.CAROUSEL, Format.REEL)
PICTURE_KINDS = (PostMedia.Kind.IMAGE, PostMedia.Kind.COVER)


def with_media(posts: QuerySet[Post]) -> QuerySet[Post]:
    media = Prefetch("media", queryset=PostMedia.objects.order_by("position", "id"))
    return posts.select_related("product", "plan").prefetch_related(media)


def posts_of_plan(plan: Plan) -> QuerySet[Post]:
    return with_media(Post.objects.filter(business_id=plan.business_id, plan=plan)).order_by(
        "planned_for", "id"
    )


def plans_of(business: Business) -> QuerySet[Plan]:
    return Plan.objects.filter(business=business).annotate(post_count=Count("posts"))


def single_posts_of(business: Business, limit: int = 12) -> QuerySet[Post]:
    """Posts made one at a time from a topic (not part of a plan), newest first."""
    posts = Post.objects.filter(business=business, plan__isnull=True)
    return with_media(posts).order_by("-created_at", "-id")[:limit]


def latest_job(business: Business) -> GenerationJob | None:
    return GenerationJob.objects.filter(business=business).first()


def latest_job_of(*, plan: Plan | None = None, post: Post | None = None) -> GenerationJob | None:
    if plan is not None:
        return GenerationJob.objects.filter(business_id=plan.business_id, plan=plan).first()
    assert post is not None
    return GenerationJob.objects.filter(business_id=post.business_id, post=post).first()


def jobs_writing(post: Post) -> QuerySet[GenerationJob]:
    """Unfinished jobs that will write this post: its own, or its plan's."""
    mine = Q(post=post) | (Q(plan_id=post.plan_id) if post.plan_id else Q(pk__in=[]))
    return GenerationJob.objects.filter(
        mine,
        business_id=post.business_id,
        status__in=[GenerationJob.Status.QUEUED, GenerationJob.Status.RUNNING],
    )


def is_being_generated(post: Post) -> bool:
    return jobs_writing(post).exists()


def job_for_post(post: Post) -> GenerationJob | None:
    """The job a post's page shows: one still writing it, else the post's own last one."""
    return jobs_writing(post).first() or latest_job_of(post=post)


def credit_balance(business: Business) -> int:
    """The balance the person will have: the welcome grant counts before it is written.

    The grant itself is written by the first generation (studio.actions); a page view
    changes nothing.
    """
    return credits.available(business)


def first_picture(post: Post) -> PostMedia | None:
    """The picture that stands for a post: its first image, or a video's cover."""
    pictures = [m for m in post.media.all() if m.kind in PICTURE_KINDS]
    images = [m for m in pictures if m.kind == PostMedia.Kind.IMAGE]
    return next(iter(images or pictures), None)


def profile_grid(business: Business, current: Post, size: int = 9) -> list[Post]:
    """The latest posts as a profile's 3-column grid would show them, this one included."""
    posts = with_media(
        Post.objects.filter(business=business, format__in=GRID_FORMATS, media__isnull=False)
    )
    ordered = list(posts.distinct().order_by("-planned_for", "-created_at", "-id")[:size])
    if current.format in GRID_FORMATS and current not in ordered and current.media.all():
        ordered = [current, *ordered[: size - 1]]
    return ordered


def tomorrow_in(business: Business) -> date:
    return local_now(business).date() + timedelta(days=1)


def local_now(business: Business) -> datetime:
    return timezone.now().astimezone(ZoneInfo(business.timezone))


def get_plan_for_user(
    user: AnyUser, business_id: int, plan_id: int, need: Access = Access.VIEW
) -> tuple[Plan, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    return get_object_or_404(Plan.objects.filter(business=business), pk=plan_id), membership


def get_post_for_user(
    user: AnyUser, business_id: int, post_id: int, need: Access = Access.VIEW
) -> tuple[Post, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    posts = with_media(Post.objects.filter(business=business)).select_related("business")
    return get_object_or_404(posts, pk=post_id), membership


def get_job_for_user(
    user: AnyUser, business_id: int, job_id: int, need: Access = Access.VIEW
) -> tuple[GenerationJob, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    jobs = GenerationJob.objects.filter(business=business).select_related("business")
    return get_object_or_404(jobs, pk=job_id), membership


def get_media_for_user(user: AnyUser, business_id: int, media_id: int) -> PostMedia:
    business, _membership = get_business_for_user(user, business_id)
    return get_object_or_404(PostMedia.objects.filter(post__business=business), pk=media_id)


@dataclass(frozen=True)
class PostCard:
    """A post as lists and calendars show it: its picture and its time where the business is."""

    post: Post
    picture: PostMedia | None
    local: datetime | None


def card(post: Post, zone: ZoneInfo) -> PostCard:
    local = post.planned_for.astimezone(zone) if post.planned_for else None
    return PostCard(post=post, picture=first_picture(post), local=local)
