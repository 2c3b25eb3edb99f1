"""Every change to plans, posts and jobs goes through a function here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio import approval, credits
from postloom.studio.models import Format, GenerationJob, Pillar, Plan, Post
from postloom.studio.planner import plan_slots

MAX_DAYS = 31
# A month of posts: one a day by default; the person chooses 3 to 14 a week.
DEFAULT_POSTS_PER_WEEK = 7
POSTS_PER_WEEK_CHOICES = (3, 5, 7, 10, 14)
_WORDS = ("caption", "hashtags", "headline", "alt_text")


def _start_job(
    business: Business, by: User | None, background: bool = True, **target: Any
) -> GenerationJob:
    from postloom.studio.tasks import run_generation

    job = GenerationJob.objects.create(business=business, created_by=by, **target)
    if background:
        run_generation.enqueue(job.pk)
    return job


def _check_credits(business: Business) -> None:
    credits.ensure_welcome_grant(business)
    if credits.balance(business) <= 0:
        raise ValidationError(
            _("Your credit balance is empty. Add credits to generate posts."), code="no_credits"
        )


@transaction.atomic
def create_plan(
    business: Business,
    *,
    by: User | None,
    start: date,
    days: int,
    posts_per_week: int = DEFAULT_POSTS_PER_WEEK,
    background: bool = True,
) -> GenerationJob:
    """Plan ``days`` of posts (1–31) and start generating their words and pictures.

    ``background=False`` only creates the job; the caller runs it (the command line does).
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            _("A plan covers 1 to %(max)s days.") % {"max": MAX_DAYS}, code="too_many_days"
        )
    if posts_per_week not in POSTS_PER_WEEK_CHOICES:
        raise ValidationError(
            _("Choose how many posts a week: %(choices)s.")
            % {"choices": ", ".join(str(n) for n in POSTS_PER_WEEK_CHOICES)},
            code="bad_posts_per_week",
        )
    _check_credits(business)
    plan = Plan.objects.create(business=business, start_date=start, days=days, created_by=by)
    slots = plan_slots(business, start, days, posts_per_week)
    Post.objects.bulk_create([Post(business=business, plan=plan, **slot) for slot in slots])
    return _start_job(business, by, background, plan=plan, total=len(slots))


@transaction.atomic
def create_single_post(
    business: Business, *, by: User | None, topic: str, format: str, product_id: int | None = None
) -> GenerationJob:
    topic = topic.strip()
    if not topic:
        raise ValidationError(_("Tell Postloom what the post is about."), code="no_topic")
    if format not in Format.values:
        raise ValidationError(_("Choose a format."), code="bad_format")
    _check_credits(business)
    product = business.products.filter(pk=product_id).first() if product_id else None
    post = Post.objects.create(
        business=business,
        format=format,
        platform="tiktok" if format.startswith("tiktok") else "instagram",
        pillar=Pillar.PRODUCT_SPOTLIGHT if product else Pillar.BEHIND_THE_SCENES,
        product=product,
        topic=topic[:300],
    )
    return _start_job(business, by, post=post, total=1)


def cancel_job(job: GenerationJob) -> None:
    """Stop after the batch in progress; what is generated stays."""
    GenerationJob.objects.filter(
        pk=job.pk, status__in=[GenerationJob.Status.QUEUED, GenerationJob.Status.RUNNING]
    ).update(cancel_requested=True)
    GenerationJob.objects.filter(pk=job.pk, status=GenerationJob.Status.QUEUED).update(
        status=GenerationJob.Status.CANCELLED
    )


def update_post(
    post: Post, *, caption: str, hashtags: list[str], headline: str, alt_text: str
) -> Post:
    """A person's edit. Any edit of an approved post returns it to draft (approval is voided)."""
    post.caption = caption
    post.hashtags = hashtags
    post.headline = headline
    post.alt_text = alt_text
    post.full_clean()
    with transaction.atomic():
        if _changes_content(post):
            approval.void_approval(post, reason="edited")
        # Only the words: the status belongs to the approval functions (and the publisher).
        post.save(update_fields=[*_WORDS, "updated_at"])
    return post


def _changes_content(post: Post) -> bool:
    """Whether the words differ from the stored ones (saving the same words voids nothing)."""
    before = Post.objects.filter(pk=post.pk).values(*_WORDS).first()
    return before != {field: getattr(post, field) for field in _WORDS}


def _check_not_busy(post: Post) -> None:
    from postloom.studio.selectors import is_being_generated

    if is_being_generated(post):
        raise ValidationError(_("This post is already being generated."), code="busy")


def regenerate(post: Post, *, by: User | None) -> GenerationJob:
    """New words and pictures for one post (costs credits like a new post)."""
    _check_not_busy(post)
    approval.check_editable(post)
    _check_credits(post.business)
    with transaction.atomic():
        approval.void_approval(post, reason="regenerated", by=by)
        post.caption = ""
        post.save(update_fields=["caption", "updated_at"])
        return _start_job(post.business, by, post=post, total=1)


def rerender(post: Post) -> None:
    """New pictures from the current words (no credits: nothing is written)."""
    from postloom.studio.media import render_media

    _check_not_busy(post)
    approval.void_approval(post, reason="redrawn")
    render_media(post)
