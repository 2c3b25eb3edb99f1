"""Every network call leaves a row. A call that can change something at the network has it
written before it is sent, with the ``in_flight`` mark in the same commit, so whoever finds
the row next knows the call's outcome is unknown until it asks; its outcome, and the whole
row of a read-only call, go with the job's next write (job.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.utils import timezone

from postloom.integrations.networks.base import ErrorCode, NetworkError, RemoteState
from postloom.publishing.claims import LostClaim
from postloom.publishing.job import Job, Record
from postloom.publishing.models import PublicationAttempt

log = logging.getLogger(__name__)
Outcome = PublicationAttempt.Outcome


def call[T](job: Job, step: str, action: Callable[[], T], *, in_flight: bool = False) -> T:
    """Run one network call under the claim, recording it; NetworkError passes through."""
    started_at = timezone.now()
    record = Record(step, started_at, pk=job.begin_call(step, started_at) if in_flight else None)
    started = time.monotonic()
    try:
        result = action()
    except NetworkError as exc:
        record.error_code, record.vendor_code = exc.code.value, exc.vendor_code
        record.http_status = exc.http_status
        _done(job, record, started, Outcome.ERROR)
        raise
    except LostClaim:
        raise  # the engine's own write inside the call (a reported remote id) was refused
    except Exception as exc:
        # A client bug or an unmapped library error: the call's effect is unknown, like a 5xx.
        log.exception("publication %s: %s call raised", job.claim.publication_id, step)
        record.error_code = "internal"
        _done(job, record, started, Outcome.ERROR)
        raise NetworkError(
            ErrorCode.SERVER, f"internal: {type(exc).__name__}", permanent=False
        ) from exc
    record.remote_status = result.status.value if isinstance(result, RemoteState) else ""
    _done(job, record, started, Outcome.OK)
    return result


def _done(job: Job, record: Record, started: float, outcome: str) -> None:
    record.outcome, record.finished_at = outcome, timezone.now()
    record.duration_ms = int((time.monotonic() - started) * 1000)
    job.record(record)
