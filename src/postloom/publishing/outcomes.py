"""How a worker leaves a claimed publication: published, failed, cancelled or waiting.

Each one releases the claim through a fenced write and moves the post along with it in the same
transaction (studio.approval's conditional moves), so the publication and its post never tell
different stories.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from postloom.connections.models import Connection
from postloom.integrations.networks.base import Account, NetworkClient, NetworkError, RemoteState
from postloom.publishing import claims, problems
from postloom.publishing.claims import Claim
from postloom.publishing.models import Publication
from postloom.publishing.policy import Policy
from postloom.studio import approval

log = logging.getLogger(__name__)
S = Publication.Status
P = Publication.Phase


@dataclass
class Job:
    """A claimed publication, as one worker walks it."""

    claim: Claim
    publication: Publication
    policy: Policy
    client: NetworkClient | None = None
    account: Account | None = None
    lease_until: datetime | None = None  # when this worker's hold runs out (None: unknown)
    pending: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lease_until = self.lease_until or self.claim.expires_at

    @property
    def post_present(self) -> bool:
        return self.publication.post is not None

    def defer(self, **values: Any) -> None:
        """Values the next write carries. Only for what a crash may lose harmlessly (the
        engine would just ask the network again)."""
        self.pending.update(values)
        for name, value in values.items():
            setattr(self.publication, name, value)

    def save(self, **values: Any) -> None:
        """A fenced write (with anything deferred) that keeps the in-memory row in step."""
        claims.write(self.claim, **self._with_pending(values))

    def _with_pending(self, values: dict[str, Any]) -> dict[str, Any]:
        merged = {**self.pending, **values}
        self.pending.clear()
        for name, value in merged.items():
            setattr(self.publication, name, value)
        if "claim_expires_at" in merged:
            self.lease_until = merged["claim_expires_at"]
        return merged


def _release(job: Job, **values: Any) -> None:
    claims.release(job.claim, **job._with_pending(values))


def _finished(job: Job, **values: Any) -> None:
    _release(job, next_attempt_at=None, deadline_at=None, wait_reason="", **values)


def published(job: Job, state: RemoteState) -> None:
    with transaction.atomic():
        _finished(
            job,
            status=S.PUBLISHED,
            in_flight="",
            media_id=state.media_id[:64],
            permalink=state.permalink[:500],
            published_at=timezone.now(),
            error_code="",
            error_message="",
            vendor_code="",
        )
        if job.post_present:
            approval.mark_published(job.publication.post)  # type: ignore[arg-type]
    log.info("publication %s published (%s)", job.claim.publication_id, state.media_id)


def failed(job: Job, code: str, message: str = "", *, vendor_code: str = "", **values: Any) -> None:
    with transaction.atomic():
        _finished(
            job,
            status=S.FAILED,
            error_code=code[:40],
            error_message=(message or code)[:300],
            vendor_code=vendor_code[:64],
            **values,
        )
        if job.post_present:
            approval.mark_failed(job.publication.post)  # type: ignore[arg-type]
    log.info("publication %s failed: %s %s", job.claim.publication_id, code, vendor_code)


def cancelled(job: Job, code: str) -> None:
    _finished(job, status=S.CANCELLED, error_code=code, in_flight="")
    log.info("publication %s cancelled: %s", job.claim.publication_id, code)


def wait(job: Job, delay: timedelta, reason: str, **values: Any) -> None:
    _release(
        job, status=S.WAITING, next_attempt_at=timezone.now() + delay, wait_reason=reason, **values
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
