"""Review, approval and publishing over JSON. Mounted under /businesses.

Approving and publishing need an owner or an editor. Publishing calls the engine's actions
(publishing.actions), which refuse a post that is not approved or whose content changed; their
messages come back as 422 like every validation error. Times are UTC; a schedule time without
an offset is read in the business's time zone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from postloom.brands.models import Access, Business
from postloom.brands.selectors import get_business_for_user
from postloom.connections.models import Connection
from postloom.integrations.networks.base import NetworkError, TikTokOptions
from postloom.publishing import actions as engine
from postloom.publishing import review_selectors as reads
from postloom.publishing import tiktok_form as tt
from postloom.publishing.models import Publication
from postloom.publishing.publish_forms import local_to_utc
from postloom.publishing.publish_views import creator_problem, platform_of
from postloom.publishing.review_views import person
from postloom.studio import approval
from postloom.studio.api import PostOut
from postloom.studio.models import Post
from postloom.studio.selectors import get_post_for_user

router = Router(tags=["publishing"])


class ReviewPostOut(PostOut):
    approved_by_id: int | None
    approved_at: datetime | None
    content_hash: str  # send it back with approve: nothing changed since you looked

    @staticmethod
    def of(post: Post, business: Business) -> ReviewPostOut:
        return ReviewPostOut(
            **PostOut.from_post(post, business).dict(),
            approved_by_id=post.approved_by_id,
            approved_at=post.approved_at,
            content_hash=approval.content_hash(post),
        )


class ReviewQueueOut(Schema):
    awaiting: list[ReviewPostOut]
    rejected: list[ReviewPostOut]
    approved: list[ReviewPostOut]  # approved and scheduled


class PublicationOut(Schema):
    id: int
    post_id: int | None
    connection_id: int | None
    sandbox: bool
    platform: str
    kind: str
    status: str
    scheduled_for: datetime | None
    attempts: int
    next_attempt_at: datetime | None
    remote_id: str
    media_id: str
    permalink: str
    error_code: str
    message: str  # what went wrong or why it waits, in the person's language
    created_at: datetime
    published_at: datetime | None

    @staticmethod
    def of(row: Publication) -> PublicationOut:
        from postloom.publishing.review_views import publication_problem

        zone = ZoneInfo(row.business.timezone)
        return PublicationOut(
            id=row.pk,
            post_id=row.post_id,
            connection_id=row.connection_id,
            sandbox=bool(row.connection and row.connection.sandbox),
            platform=row.platform,
            kind=row.kind,
            status=row.status,
            scheduled_for=row.scheduled_for,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            remote_id=row.remote_id,
            media_id=row.media_id,
            permalink=row.permalink,
            error_code=row.error_code,
            message=publication_problem(row, zone),
            created_at=row.created_at,
            published_at=row.published_at,
        )


class ApproveIn(Schema):
    content_hash: str | None = None  # from the post as you reviewed it; refused if it changed


class RejectIn(Schema):
    comment: str = Field(max_length=approval.MAX_COMMENT)


class TikTokIn(Schema):
    """TikTok's audit choices; no defaults are assumed for privacy."""

    privacy_level: str
    allow_comment: bool = False
    allow_duet: bool = False
    allow_stitch: bool = False
    commercial: bool = False
    your_brand: bool = False
    branded_content: bool = False


class PublishIn(Schema):
    connection_id: int
    tiktok: TikTokIn | None = None


class ScheduleIn(PublishIn):
    when: datetime


class CreatorOut(Schema):
    nickname: str
    username: str
    avatar_url: str
    privacy_level_options: list[str]
    comment_disabled: bool
    duet_disabled: bool
    stitch_disabled: bool
    max_video_post_duration_sec: int


@router.get(
    "/{business_id}/review",
    response=ReviewQueueOut,
    summary="Posts waiting for review, sent back, and approved or scheduled",
)
def review_queue(request: HttpRequest, business_id: int) -> ReviewQueueOut:
    business, _membership = get_business_for_user(request.user, business_id)
    return ReviewQueueOut(
        awaiting=[ReviewPostOut.of(p, business) for p in reads.awaiting_review(business)],
        rejected=[ReviewPostOut.of(p, business) for p in reads.rejected(business)],
        approved=[ReviewPostOut.of(p, business) for p in reads.approved_and_scheduled(business)],
    )


@router.post(
    "/{business_id}/posts/{post_id}/approve",
    response=ReviewPostOut,
    summary="Approve a post as it is now (owner, editor)",
)
def approve(
    request: HttpRequest, business_id: int, post_id: int, payload: ApproveIn
) -> ReviewPostOut:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    approval.approve_post(post, by=person(request), expected_hash=payload.content_hash)
    post, _m = get_post_for_user(request.user, business_id, post_id)
    return ReviewPostOut.of(post, membership.business)


@router.post(
    "/{business_id}/posts/{post_id}/reject",
    response=ReviewPostOut,
    summary="Send a post back with a comment (owner, editor)",
)
def reject(
    request: HttpRequest, business_id: int, post_id: int, payload: RejectIn
) -> ReviewPostOut:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    approval.reject_post(post, by=person(request), comment=payload.comment)
    post, _m = get_post_for_user(request.user, business_id, post_id)
    return ReviewPostOut.of(post, membership.business)


@router.get(
    "/{business_id}/posts/{post_id}/publications",
    response=list[PublicationOut],
    summary="Every publication of a post, newest first",
)
def post_publications(request: HttpRequest, business_id: int, post_id: int) -> list[PublicationOut]:
    post, membership = get_post_for_user(request.user, business_id, post_id)
    return [PublicationOut.of(row) for row in reads.publications_of(membership.business, post)]


def _connection(post: Post, connection_id: int) -> Connection:
    connection = reads.active_connections(post.business, platform_of(post)).filter(pk=connection_id)
    found = connection.first()
    if found is None:
        raise ValidationError(
            _("Choose one of this business's connected accounts for this network."),
            code="no_connection",
        )
    return found


def _tiktok(post: Post, connection: Connection, choices: TikTokIn | None) -> TikTokOptions | None:
    """The same checks as the posting screen, against creator_info asked now."""
    if platform_of(post) != "tiktok":
        return None
    if choices is None:
        raise ValidationError(_("Choose who can see this post."), code="tiktok_choices_missing")
    try:
        info = tt.creator_info(connection)
    except NetworkError as error:
        raise ValidationError(creator_problem(error), code="creator_unavailable") from None
    problem = tt.duration_problem(post, info)
    if problem:
        raise ValidationError(problem, code="video_too_long")
    data = {name: value for name, value in choices.dict().items() if value is not False}
    form = tt.TikTokForm(data, info=info, photo=tt.is_photo(post))
    if not form.is_valid():
        raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
    return form.options()


def _as_utc(when: datetime, business: Business) -> datetime:
    if timezone.is_naive(when):
        return local_to_utc(when, ZoneInfo(business.timezone))
    return when


@router.post(
    "/{business_id}/posts/{post_id}/publish",
    response={201: PublicationOut},
    summary="Publish an approved post now (owner, editor)",
)
def publish_now(
    request: HttpRequest, business_id: int, post_id: int, payload: PublishIn
) -> Status[PublicationOut]:
    post, _membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    connection = _connection(post, payload.connection_id)
    tiktok = _tiktok(post, connection, payload.tiktok)
    row = engine.publish_now(post, by=person(request), connection=connection, tiktok=tiktok)
    return Status(201, PublicationOut.of(row))


@router.post(
    "/{business_id}/posts/{post_id}/schedule",
    response={201: PublicationOut},
    summary="Schedule an approved post (owner, editor); a time without offset is local",
)
def schedule(
    request: HttpRequest, business_id: int, post_id: int, payload: ScheduleIn
) -> Status[PublicationOut]:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    when = _as_utc(payload.when, membership.business)
    if when <= timezone.now():
        raise ValidationError(_("Choose a time in the future."), code="in_past")
    connection = _connection(post, payload.connection_id)
    tiktok = _tiktok(post, connection, payload.tiktok)
    row = engine.schedule_post(
        post, by=person(request), connection=connection, when=when, tiktok=tiktok
    )
    return Status(201, PublicationOut.of(row))


@router.post(
    "/{business_id}/publications/{publication_id}/cancel",
    response=PublicationOut,
    summary="Cancel a publication that has not gone out (owner, editor)",
)
def cancel(request: HttpRequest, business_id: int, publication_id: int) -> PublicationOut:
    row, _m = reads.get_publication_for_user(request.user, business_id, publication_id, Access.EDIT)
    engine.cancel_publication(row, by=person(request))
    row.refresh_from_db()
    return PublicationOut.of(row)


@router.post(
    "/{business_id}/publications/{publication_id}/retry",
    response=PublicationOut,
    summary="Try a failed publication again (owner, editor)",
)
def retry(request: HttpRequest, business_id: int, publication_id: int) -> PublicationOut:
    row, _m = reads.get_publication_for_user(request.user, business_id, publication_id, Access.EDIT)
    result = engine.retry_publication(row, by=person(request))
    row = result if isinstance(result, Publication) else row
    row.refresh_from_db()
    return PublicationOut.of(row)


@router.get(
    "/{business_id}/posts/{post_id}/tiktok-creator",
    response=CreatorOut,
    summary="TikTok creator_info for a connection, to draw the posting choices (owner, editor)",
)
def tiktok_creator(
    request: HttpRequest, business_id: int, post_id: int, connection_id: int
) -> CreatorOut:
    post, _membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    connection = _connection(post, connection_id)
    try:
        info = tt.creator_info(connection)
    except NetworkError as error:
        raise ValidationError(creator_problem(error), code="creator_unavailable") from None
    return CreatorOut(
        **{**info.__dict__, "privacy_level_options": list(info.privacy_level_options)}
    )
