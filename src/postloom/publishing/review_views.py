"""The review queue: posts waiting for a person's judgement, approved and scheduled posts, and
what happened to every publication. Approve and reject work with or without htmx."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from postloom.accounts.models import User
from postloom.brands.models import Access, BrandProfile, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.publishing import review_selectors as reads
from postloom.publishing import selectors
from postloom.publishing.models import Publication
from postloom.studio import approval
from postloom.studio.models import ApprovalEvent, Post, PostMedia
from postloom.studio.post_views import feed_caption
from postloom.studio.selectors import first_picture, get_post_for_user


def person(request: HttpRequest) -> User:
    """The signed-in person (login_required and the API's session auth let no one else in)."""
    user = request.user
    assert isinstance(user, User)
    return user


def display_name(business: Business) -> str:
    brand = BrandProfile.objects.filter(business=business).first()
    return brand.name if brand and brand.name else business.name


def item_context(post: Post, membership: Membership, **extra: Any) -> dict[str, Any]:
    """One post as the queue shows it: its preview, its hash (what the person saw), its state."""
    media = list(post.media.all())
    short, cut = feed_caption(post.caption)
    last_rejection = post.approval_events.filter(action=ApprovalEvent.Action.REJECTED).first()
    return {
        "business": membership.business,
        "can_edit": membership.allows(Access.EDIT),
        "post": post,
        "display_name": display_name(membership.business),
        "images": [m for m in media if m.kind == PostMedia.Kind.IMAGE],
        "video": next((m for m in media if m.kind == PostMedia.Kind.VIDEO), None),
        "cover": next((m for m in media if m.kind == PostMedia.Kind.COVER), None),
        "picture": first_picture(post),
        "feed_short": short,
        "feed_cut": cut,
        "seen_hash": approval.content_hash(post),
        "rejection": last_rejection,
        **extra,
    }


def publication_problem(publication: Publication, zone: ZoneInfo) -> str:
    """The shop owner's words for what went wrong, or why it waits: pre-flight's own words
    for its refusals, the engine's for the rest (publishing.selectors.status_text)."""
    return selectors.status_text(publication, zone)


def publications_context(
    membership: Membership, rows: list[Publication], back: str = ""
) -> dict[str, Any]:
    business = membership.business
    zone = ZoneInfo(business.timezone)
    return {
        "business": business,
        "can_edit": membership.allows(Access.EDIT),
        "back": back,
        "publications": [(row, publication_problem(row, zone)) for row in rows],
        "polling": reads.has_active_publications(rows),
    }


@login_required
@require_GET
def queue(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    rows = reads.recent_publications(business)
    context = {
        "awaiting": [item_context(p, membership) for p in reads.awaiting_review(business)],
        "rejected": [item_context(p, membership) for p in reads.rejected(business)],
        "ready": list(reads.approved_and_scheduled(business)),
        **publications_context(membership, rows),
    }
    return render(request, "publishing/review.html", context)


@login_required
@require_GET
def publications(request: HttpRequest, business_id: int) -> HttpResponse:
    """The publications table alone: the queue polls it while something is on its way."""
    business, membership = get_business_for_user(request.user, business_id)
    context = publications_context(membership, reads.recent_publications(business))
    return render(request, "publishing/_publications.html", context)


def _after(
    request: HttpRequest, post: Post, membership: Membership, error: str = ""
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        fresh, _m = get_post_for_user(request.user, membership.business_id, post.pk)
        return render(
            request, "publishing/_review_item.html", item_context(fresh, membership, error=error)
        )
    if error:
        messages.error(request, error)
    if request.POST.get("back") == "editor":
        return redirect("studio_post", membership.business_id, post.pk)
    return redirect("publishing_review", membership.business_id)


@login_required
@require_POST
def approve(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    seen = request.POST.get("hash") or None
    try:
        approval.approve_post(post, by=person(request), expected_hash=seen)
    except ValidationError as exc:
        return _after(request, post, membership, exc.messages[0])
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Approved. You can publish it now or schedule it."))
    return _after(request, post, membership)


@login_required
@require_POST
def reject(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    try:
        approval.reject_post(post, by=person(request), comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        return _after(request, post, membership, exc.messages[0])
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Sent back with your comment."))
    return _after(request, post, membership)
