"""Every network call leaves a row: written before it is made, completed after. A call that may
change something at the network also sets ``in_flight`` (and renews the lease) in that same
commit, so whoever finds the row next knows the call's outcome is unknown until it asks."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from postloom.integrations.networks.base import ErrorCode, NetworkError, RemoteState
from postloom.publishing import claims
from postloom.publishing.models import Publication, PublicationAttempt
from postloom.publishing.outcomes import Job

log = logging.getLogger(__name__)
Outcome = PublicationAttempt.Outcome


def _needs_renewal(job: Job, now: datetime) -> bool:
    """Renew once a third of the lease is used (a call must not outlive the hold)."""
    if job.lease_until is None:
        return True
    return job.lease_until - now < job.policy.lease * (2 / 3)


def _begin(job: Job, step: str, in_flight: bool) -> PublicationAttempt:
    """The attempt row; with it, for a call that can change something at the network (or
    when the lease needs it), a fenced write: a worker that lost the row never sends. A
    read-only call skips that write: what it learns is only ever recorded through one."""
    now = timezone.now()
    with transaction.atomic():
        if in_flight or job.pending or _needs_renewal(job, now):
            values: dict[str, object] = {"claim_expires_at": now + job.policy.lease}
            if in_flight:
                values["in_flight"] = step
            job.save(**values)
        return PublicationAttempt.objects.create(
            publication_id=job.claim.publication_id,
            step=step,
            worker=job.claim.worker,
            started_at=now,
        )


def _complete(attempt: PublicationAttempt, started: float, outcome: str, **values: object) -> None:
    PublicationAttempt.objects.filter(pk=attempt.pk).update(
        outcome=outcome,
        finished_at=timezone.now(),
        duration_ms=int((time.monotonic() - started) * 1000),
        **values,
    )


class _KeptLease:
    """Renews the lease while a long call runs (a TikTok upload can outlast it), so that an
    expired lease always means a worker that stopped, never one that is still sending."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.every = job.policy.lease_seconds / 3
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="publisher-lease")

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()

    def _run(self) -> None:
        try:
            while not self.done.wait(self.every):
                expires = timezone.now() + self.job.policy.lease
                fence = claims.fenced(self.job.claim)
                if not Publication.objects.filter(fence).update(claim_expires_at=expires):
                    return  # taken over: the call's result will not be recorded either
        finally:
            connection.close()  # this thread's own database connection, if it made one


def call[T](job: Job, step: str, action: Callable[[], T], *, in_flight: bool = False) -> T:
    """Run one network call under the claim, recording it; NetworkError passes through."""
    attempt = _begin(job, step, in_flight)
    started = time.monotonic()
    try:
        with _KeptLease(job):
            result = action()
    except NetworkError as exc:
        _complete(
            attempt,
            started,
            Outcome.ERROR,
            error_code=exc.code.value,
            vendor_code=exc.vendor_code[:64],
            http_status=exc.http_status,
        )
        raise
    except Exception as exc:
        # A client bug or an unmapped library error: the call's effect is unknown, like a 5xx.
        log.exception("publication %s: %s call raised", job.claim.publication_id, step)
        _complete(attempt, started, Outcome.ERROR, error_code="internal")
        raise NetworkError(
            ErrorCode.SERVER, f"internal: {type(exc).__name__}", permanent=False
        ) from exc
    status = result.status.value if isinstance(result, RemoteState) else ""
    _complete(attempt, started, Outcome.OK, remote_status=status)
    return result
