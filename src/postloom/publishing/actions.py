"""Every change a person makes to publishing goes through a function here.

    publish_now(post, by=..., connection=...)              approved → scheduled, sent at once
    schedule_post(post, by=..., connection=..., when=...)  approved → scheduled for ``when``
    cancel_publication(publication, by=...)                before anything can go live
    retry_publication(publication, by=...)                 failed → queued again

Only an approved post whose content still hashes to what was approved moves on; the row lock on
the post plus the one-active-publication constraint mean a double click or two tabs make one
publication. The work is enqueued after commit (django.tasks); if that enqueue is lost the
periodic dispatcher finds the row anyway, because it is due.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from postloom.accounts.models import User
from postloom.brands.models import Access, Membership
from postloom.connections.models import Connection
from postloom.integrations.networks.base import TikTokOptions
from postloom.publishing import problems
from postloom.publishing.models import Publication
from postloom.studio import approval
from postloom.studio.models import Post

log = logging.getLogger(__name__)
S = Publication.Status
MAX_AHEAD = timedelta(days=366)


def post_platform(post: Post) -> str:
    """The network a post is made for: its format decides (as on the publish screen)."""
    return "tiktok" if post.format.startswith("tiktok") else "instagram"


def publish_now(
    post: Post, *, by: User | None, connection: Connection, tiktok: TikTokOptions | None = None
) -> Publication:
    return _create(post, by, connection, tiktok, scheduled_for=None)


def schedule_post(
    post: Post,
    *,
    by: User | None,
    connection: Connection,
    when: datetime,
    tiktok: TikTokOptions | None = None,
) -> Publication:
    """``when`` is an aware moment (the form turns the business's wall clock into one, DST
    included); it is stored in UTC and shown in the business's zone."""
    if timezone.is_naive(when):
        raise ValidationError(_("Choose a time with its time zone."), code="naive_time")
    now = timezone.now()
    if when <= now:
        raise ValidationError(_("That time has passed. Choose a time ahead."), code="in_past")
    if when > now + MAX_AHEAD:
        raise ValidationError(_("Schedule at most a year ahead."), code="too_far")
    return _create(post, by, connection, tiktok, scheduled_for=when.astimezone(UTC))


@transaction.atomic
def _create(
    post: Post,
    by: User | None,
    connection: Connection,
    tiktok: TikTokOptions | None,
    scheduled_for: datetime | None,
) -> Publication:
    _check_may_publish(post, by)
    locked = Post.objects.select_for_update().get(pk=post.pk)  # two clicks queue up here
    platform = post_platform(locked)
    _check_connection(locked, connection, platform)
    _check_tiktok(platform, tiktok)
    _check_publishable(locked)
    publication = _insert(locked, by, connection, platform, tiktok, scheduled_for)
    if not approval.mark_scheduled(locked):
        raise _changed()
    _enqueue_on_commit(publication)
    post.status = locked.status
    return publication


def _insert(
    post: Post,
    by: User | None,
    connection: Connection,
    platform: str,
    tiktok: TikTokOptions | None,
    scheduled_for: datetime | None,
) -> Publication:
    try:
        with transaction.atomic():
            return Publication.objects.create(
                business_id=post.business_id,
                post=post,
                connection=connection,
                platform=platform,
                kind=post.format,
                status=S.SCHEDULED if scheduled_for else S.QUEUED,
                scheduled_for=scheduled_for,
                next_attempt_at=scheduled_for or timezone.now(),
                content_hash=post.approved_hash,
                tiktok_options=asdict(tiktok) if tiktok else {},
                created_by=by,
            )
    except IntegrityError:
        raise _busy() from None


def _enqueue_on_commit(publication: Publication) -> None:
    if publication.scheduled_for is not None:
        return  # the dispatcher sends it when it is due
    from postloom.publishing.tasks import run_publication

    pk = publication.pk
    transaction.on_commit(lambda: run_publication.enqueue(pk), robust=True)


# --- checks ----------------------------------------------------------------------------------


def _check_may_publish(post: Post, by: User | None) -> None:
    if by is None:
        return  # the system itself (a command, a test)
    membership = Membership.objects.filter(business_id=post.business_id, user=by).first()
    if membership is None or not membership.allows(Access.EDIT):
        raise ValidationError(
            _("Only an owner or an editor can publish posts."), code="not_allowed"
        )


def _check_connection(post: Post, connection: Connection, platform: str) -> None:
    if connection.business_id != post.business_id:
        raise ValidationError(
            _("This account is not connected to this business."), code="wrong_connection"
        )
    if connection.platform != platform:
        raise ValidationError(
            _("This post is made for %(network)s; choose a %(network)s account.")
            % {"network": problems.NETWORK_NAMES.get(platform, platform)},
            code="wrong_connection",
        )
    if connection.status != Connection.Status.ACTIVE:
        raise ValidationError(
            problems.publication_problem(problems.CONNECTION_NEEDS_RECONNECT, platform),
            code="connection_needs_reconnect",
        )


def _check_tiktok(platform: str, tiktok: TikTokOptions | None) -> None:
    if platform == "tiktok" and (tiktok is None or not tiktok.privacy_level):
        raise ValidationError(
            _("Choose who can see this TikTok post."), code="tiktok_privacy_missing"
        )


def _active(post: Post) -> Any:
    return Publication.objects.filter(post_id=post.pk).exclude(status__in=Publication.ENDED)


def _busy() -> ValidationError:
    return ValidationError(
        _("This post is already scheduled or being published."), code="already_publishing"
    )


def _changed() -> ValidationError:
    return ValidationError(
        _("This post changed after it was approved. Approve it again before publishing."),
        code="content_changed",
    )


def _check_publishable(post: Post) -> None:
    if post.status == Post.Status.PUBLISHED:
        raise ValidationError(_("This post is already published."), code="already_published")
    if post.status == Post.Status.PUBLISHING or _active(post).exists():
        raise _busy()
    if post.status == Post.Status.SCHEDULED:
        approval.unschedule(post)  # scheduled with nothing behind it: undo the stray state
    if post.status not in (Post.Status.APPROVED, Post.Status.FAILED):
        raise ValidationError(
            _("Only an approved post can be published. Approve it first."), code="not_approved"
        )
    if not approval.approval_is_current(post):
        raise _changed()


# --- cancel and retry ------------------------------------------------------------------------


@transaction.atomic
def cancel_publication(publication: Publication, *, by: User | None) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if pub.post is not None:
        _check_may_publish(pub.post, by)
    if not pub.is_active:
        raise ValidationError(
            _("This publication has ended and cannot be cancelled."), code="not_cancellable"
        )
    sent = bool(pub.remote_id) and pub.goes_live_on_start
    if pub.status == S.IN_PROGRESS or pub.in_flight or sent:
        raise ValidationError(
            _("This post is being sent to the network now and can no longer be cancelled."),
            code="sending_now",
        )
    moved = Publication.objects.filter(pk=pub.pk, status__in=Publication.DUE, in_flight="")
    if not moved.update(status=S.CANCELLED, cancelled_by=by, updated_at=timezone.now()):
        raise ValidationError(
            _("This post is being sent to the network now and can no longer be cancelled."),
            code="sending_now",
        )
    if pub.post is not None:
        _post_after_cancel(pub.post)
    pub.refresh_from_db()
    return pub


def _post_after_cancel(post: Post) -> None:
    """Back to approved, so it can be scheduled or published again: from scheduled, or from
    publishing (a start was made, yet the checks above say nothing of it can go live: no
    publish call was made or left unanswered, and no TikTok object exists)."""
    if not approval.unschedule(post):
        approval.return_unsent(post)


@transaction.atomic
def retry_publication(publication: Publication, *, by: User | None) -> Publication:
    """Send a failed publication again. A remote object it made is asked about first; an
    unanswered call is trusted to have failed (the failure told the person to check)."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if pub.status != S.FAILED:
        raise ValidationError(_("Only a failed publication can be retried."), code="not_failed")
    post, connection = pub.post, pub.connection
    if post is None:
        raise ValidationError(problems.publication_problem(problems.POST_DELETED), code="gone")
    if connection is None:
        raise ValidationError(
            problems.publication_problem(problems.CONNECTION_REMOVED), code="wrong_connection"
        )
    _check_may_publish(post, by)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    _check_connection(locked, connection, pub.platform)
    _check_publishable(locked)
    if not approval.mark_scheduled(locked):
        raise _changed()
    now = timezone.now()
    Publication.objects.filter(pk=pub.pk, status=S.FAILED).update(
        **_fresh_start(pub), content_hash=locked.approved_hash, scheduled_for=now,
        next_attempt_at=now, created_by=by or pub.created_by, updated_at=now,
    )  # fmt: skip
    pub.refresh_from_db()
    _enqueue_on_commit(pub)
    return pub


def _fresh_start(pub: Publication) -> dict[str, object]:
    return {
        "status": S.QUEUED,
        "phase": Publication.Phase.CHECK if pub.remote_id else Publication.Phase.START,
        "in_flight": "",
        "attempts": 0,
        "polls": 0,
        "restarts": 0,
        "deadline_at": None,
        "wait_reason": "",
        "error_code": "",
        "error_message": "",
        "vendor_code": "",
    }


# --- the approval was withdrawn (studio.approval.approval_withdrawn) -------------------------


def cancel_for_withdrawn_approval(sender: object, post: Post, reason: str, **kwargs: Any) -> int:
    """An edit or a rejection ended the post's approval: what was scheduled is not sent.

    Rows already at the network cannot be here (a post being published cannot be edited);
    any that slip through are refused by the worker's hash check before each call.
    """
    code = problems.NOT_APPROVED if reason == "rejected" else problems.CONTENT_CHANGED
    unsent = Q(remote_id="") | ~Q(platform="tiktok")  # see Publication.goes_live_on_start
    rows = Publication.objects.filter(unsent, post_id=post.pk, status__in=Publication.DUE)
    count = rows.filter(in_flight="").update(
        status=S.CANCELLED, error_code=code, updated_at=timezone.now()
    )
    if count:
        log.info("post %s: %s publication(s) cancelled (%s)", post.pk, count, reason)
    return count
