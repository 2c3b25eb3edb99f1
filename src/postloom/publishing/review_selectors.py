"""Reads for the review queue and the publish screens, always through the tenancy check."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.connections.models import Connection
from postloom.publishing.models import Publication
from postloom.studio.models import GenerationJob, Post, PostMedia
from postloom.studio.selectors import AnyUser, with_media

UNFINISHED_JOBS = (GenerationJob.Status.QUEUED, GenerationJob.Status.RUNNING)
PUBLICATIONS_SHOWN = 50


def awaiting_review(business: Business) -> QuerySet[Post]:
    """Drafts with words and media that no job is still writing: ready for a person to judge."""
    has_media = Exists(PostMedia.objects.filter(post=OuterRef("pk")))
    own_job = Exists(GenerationJob.objects.filter(post=OuterRef("pk"), status__in=UNFINISHED_JOBS))
    plan_job = Exists(
        GenerationJob.objects.filter(plan=OuterRef("plan"), status__in=UNFINISHED_JOBS)
    )
    posts = (
        Post.objects.filter(business=business, status=Post.Status.DRAFT)
        .exclude(caption="")
        .filter(has_media)
        .exclude(own_job)
        .exclude(plan_job)
    )
    return with_media(posts).order_by("planned_for", "id")


def rejected(business: Business) -> QuerySet[Post]:
    return with_media(Post.objects.filter(business=business, status=Post.Status.REJECTED))


def approved_and_scheduled(business: Business) -> QuerySet[Post]:
    statuses = (Post.Status.APPROVED, Post.Status.SCHEDULED)
    posts = Post.objects.filter(business=business, status__in=statuses)
    return with_media(posts).select_related("approved_by").order_by("planned_for", "id")


def publications_of(business: Business, post: Post | None = None) -> QuerySet[Publication]:
    rows = Publication.objects.filter(business=business)
    if post is not None:
        rows = rows.filter(post=post)
    return rows.select_related("post", "connection", "created_by").order_by("-created_at", "-id")


def recent_publications(business: Business) -> list[Publication]:
    return list(publications_of(business)[:PUBLICATIONS_SHOWN])


def has_active_publications(publications: list[Publication]) -> bool:
    return any(p.is_active for p in publications)


def active_connections(business: Business, platform: str) -> QuerySet[Connection]:
    return Connection.objects.filter(
        business=business, platform=platform, status=Connection.Status.ACTIVE
    ).order_by("username", "id")


def get_publication_for_user(
    user: AnyUser, business_id: int, publication_id: int, need: Access = Access.VIEW
) -> tuple[Publication, Membership]:
    business, membership = get_business_for_user(user, business_id, need)
    rows = Publication.objects.filter(business=business).select_related("post", "connection")
    return get_object_or_404(rows, pk=publication_id), membership


def get_connection_for_post(post: Post, connection_id: int | None) -> Connection | None:
    """The chosen active connection of the post's business and network (None: not one)."""
    connections = active_connections(post.business, post.platform)
    if connection_id is None:
        return connections.first()
    return connections.filter(pk=connection_id).first()
