"""How a worker leaves a claimed publication: published, failed, cancelled or waiting.

Each one releases the claim through a fenced write and moves the post along with it in the same
transaction (studio.approval's conditional moves), so the publication and its post never tell
different stories.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.utils import timezone

from postloom.connections.models import Connection
from postloom.integrations.networks.base import ErrorCode, NetworkError, RemoteState
from postloom.publishing import problems
from postloom.publishing.job import Job
from postloom.publishing.models import Publication
from postloom.studio import approval

__all__ = ["Job", "cancelled", "failed", "network_error", "published", "reconnect_needed",
           "transient", "wait", "wait_for_limit"]  # fmt: skip

log = logging.getLogger(__name__)
S = Publication.Status
P = Publication.Phase
_ENDED: dict[str, Any] = {"next_attempt_at": None, "deadline_at": None, "wait_reason": ""}
SENT_UNKNOWN = (ErrorCode.TIMEOUT, ErrorCode.SERVER)  # the call may have taken effect
WAIT_LATER = (ErrorCode.QUOTA_REACHED, ErrorCode.CANT_POST_NOW)


def published(job: Job, state: RemoteState) -> None:
    post = job.publication.post
    job.release(
        (lambda: approval.mark_published(post)) if post is not None else None,
        **_ENDED,
        status=S.PUBLISHED,
        in_flight="",
        media_id=state.media_id[:64],
        permalink=state.permalink[:500],
        published_at=timezone.now(),
        error_code="",
        error_message="",
        vendor_code="",
    )
    log.info("publication %s published (%s)", job.claim.publication_id, state.media_id)


def failed(job: Job, code: str, message: str = "", *, vendor_code: str = "", **values: Any) -> None:
    post, approved_as = job.publication.post, job.publication.content_hash
    job.release(
        (lambda: approval.mark_failed(post, approved_as=approved_as)) if post is not None else None,
        **{**_ENDED, **values},
        status=S.FAILED,
        error_code=code[:40],
        error_message=(message or code)[:300],
        vendor_code=vendor_code[:64],
    )
    log.info("publication %s failed: %s %s", job.claim.publication_id, code, vendor_code)


def cancelled(job: Job, code: str) -> None:
    job.release(None, **_ENDED, status=S.CANCELLED, error_code=code, in_flight="")
    log.info("publication %s cancelled: %s", job.claim.publication_id, code)


def wait(job: Job, delay: timedelta, reason: str, **values: Any) -> None:
    job.release(
        status=S.WAITING, next_attempt_at=timezone.now() + delay, wait_reason=reason, **values
    )


def transient(job: Job, error: NetworkError, **values: Any) -> None:
    """Try again later with backoff, or give up after ``max_attempts``."""
    attempts = job.publication.attempts + 1
    if attempts >= job.policy.max_attempts:
        # A publish call still unanswered: nobody can say whether the post went out.
        in_flight = values.get("in_flight", job.publication.in_flight)
        code = problems.OUTCOME_UNKNOWN if in_flight == P.FINISH else problems.GAVE_UP
        message = f"{error.code}: {error.message}"
        failed(job, code, message, vendor_code=error.vendor_code, attempts=attempts, **values)
        return
    delay = job.policy.retry_delay(attempts, error.retry_after)
    wait(job, delay, error.code.value, attempts=attempts, **values)


def reconnect_needed(connection_id: int | None, code: str) -> None:
    """The network no longer accepts the token: the connection must be authorised again."""
    if connection_id is None:
        return
    Connection.objects.filter(pk=connection_id).exclude(
        status=Connection.Status.DISCONNECTED
    ).update(status=Connection.Status.RECONNECT, status_reason=code[:40], updated_at=timezone.now())


def network_error(job: Job, exc: NetworkError, sent: str) -> None:
    """How a network error leaves the row. ``sent``: the in-flight step this error answered
    ("" for calls that change nothing)."""
    # Only an error that may hide a call's effect keeps the in-flight mark.
    in_flight = sent if exc.code in SENT_UNKNOWN else ""
    extra: dict[str, object] = {"in_flight": in_flight} if sent else {}
    if exc.reconnect:
        reconnect_needed(job.publication.connection_id, exc.code.value)
        failed(job, exc.code.value, exc.message, vendor_code=exc.vendor_code, **extra)
    elif exc.code in WAIT_LATER:
        wait_for_limit(job, exc.code.value, exc.message, **extra)
    elif exc.permanent:
        failed(job, exc.code.value, exc.message, vendor_code=exc.vendor_code, **extra)
    else:
        transient(job, exc, **extra)


def wait_for_limit(job: Job, code: str, message: str, **values: Any) -> None:
    """A daily limit: look again later, for a few days at most."""
    pub = job.publication
    since = pub.scheduled_for or pub.created_at
    if (timezone.now() - since).total_seconds() > job.policy.give_up_after_seconds:
        failed(job, code, message, **values)
        return
    wait(job, timedelta(seconds=job.policy.quota_wait_seconds), code, **values)
