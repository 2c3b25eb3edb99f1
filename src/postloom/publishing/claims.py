"""Who works on which publication: claiming due rows under a lease, and fencing every write.

A claim sets ``status=in_progress``, a fresh ``claim_token`` and ``claim_expires_at``. Rows are
due when they wait (queued / scheduled / waiting) and their ``next_attempt_at`` has passed, or
when a worker's lease ran out (it crashed or hung). PostgreSQL claims with
``SELECT … FOR UPDATE SKIP LOCKED``, so concurrent workers take different rows without waiting
on each other; SQLite has no row locks, but its IMMEDIATE transactions take the write lock at
BEGIN, so claims are serialised, and the UPDATE repeats the due condition in any case. Every
later write by the worker is conditional on its token: a worker whose lease was taken over can
no longer change the row.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.utils import timezone

from postloom.publishing import writes
from postloom.publishing.models import Publication, PublicationAttempt
from postloom.publishing.policy import Policy
from postloom.studio.models import PostMedia

S = Publication.Status


@dataclass(frozen=True)
class Claim:
    publication_id: int
    token: str
    worker: str


class LostClaim(Exception):
    """Another worker took the row over (this worker's lease ran out): stop touching it."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:100]


def _waiting(now: datetime) -> Q:
    return Q(status__in=Publication.DUE, next_attempt_at__lte=now)


def _abandoned(now: datetime) -> Q:
    return Q(status=S.IN_PROGRESS, claim_expires_at__lt=now)


def _candidates(now: datetime, limit: int, only_id: int | None) -> list[Row]:
    """Rows a worker left first, then waiting rows, the longest due first. Two queries, so
    that each walks its own partial index (publication_claimed, publication_due) and stops
    after ``limit`` rows; one query with both conditions sorts every due row each time."""
    found = _locked(Publication.objects.filter(_abandoned(now)), only_id, limit, "claim_expires_at")
    if len(found) < limit:
        waiting = Publication.objects.filter(_waiting(now))
        found += _locked(waiting, only_id, limit - len(found), "next_attempt_at")
    return found


Row = tuple[int, str]  # (pk, status)


def _locked(rows: QuerySet[Publication], only_id: int | None, limit: int, order: str) -> list[Row]:
    if only_id is not None:
        rows = rows.filter(pk=only_id)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    # Ties (rows due at the same moment) in any order: an index on the moment alone is used.
    return list(rows.order_by(order).values_list("pk", "status")[:limit])


def claim(
    policy: Policy, *, limit: int = 1, worker: str = "", only_id: int | None = None
) -> list[Claim]:
    """Claim up to ``limit`` due publications (or only ``only_id``, if it is due)."""
    token, worker, ids, all_won = _claim(policy, limit, worker, only_id)
    if ids and not all_won:  # rows locked (or the write lock held) since the SELECT: rare
        won = Publication.objects.filter(pk__in=ids, claim_token=token)
        ids = list(won.values_list("pk", flat=True))
    return [Claim(pk, token, worker) for pk in ids]


def claim_loaded(policy: Policy, *, limit: int, worker: str = "") -> list[Publication]:
    """Claim up to ``limit`` due publications and read them, with what walking them needs,
    in one more query (which also tells which rows this claim won). Each row's claim is
    ``claim_of(row)``."""
    token, worker, ids, _all_won = _claim(policy, limit, worker, None)
    if not ids:
        return []
    return list(for_walking().filter(pk__in=ids, claim_token=token, status=S.IN_PROGRESS))


def for_walking() -> QuerySet[Publication]:
    """Publications with what walking them reads: the post with its media in order (for
    pre-flight), the connection, and the language its refusals are told in (the person's who
    asked to publish, else the business's)."""
    media = Prefetch(
        "post__media",
        queryset=PostMedia.objects.order_by("position", "id"),
        to_attr="media_in_order",
    )
    language = Case(
        When(created_by__isnull=False, then=F("created_by__language")),
        default=F("business__language"),
    )
    return (
        Publication.objects.select_related("post", "connection")
        .annotate(language=language)
        .prefetch_related(media)
    )


def claim_of(publication: Publication) -> Claim:
    return Claim(publication.pk, publication.claim_token, publication.claimed_by)


def _claim(
    policy: Policy, limit: int, worker: str, only_id: int | None
) -> tuple[str, str, list[int], bool]:
    """(token, worker, the ids claimed, whether every one of them surely was)."""
    worker = worker or worker_name()
    token = uuid.uuid4().hex
    now = timezone.now()
    with transaction.atomic():
        found = _candidates(now, limit, only_id)
        if not found:
            return token, worker, [], True
        fresh = [pk for pk, status in found if status != S.IN_PROGRESS]
        taken_over = [pk for pk, status in found if status == S.IN_PROGRESS]
        take = {
            "status": S.IN_PROGRESS,
            "claim_token": token,
            "claimed_by": worker,
            "claim_expires_at": now + policy.lease,
            "updated_at": now,
        }
        updated = 0
        if fresh:
            waiting = Q(status__in=Publication.DUE, next_attempt_at__lte=now)
            updated = Publication.objects.filter(waiting, pk__in=fresh).update(**take)
        if taken_over:
            updated += _take_over(taken_over, take, now)
        return token, worker, [pk for pk, _ in found], updated == len(found)


def _take_over(ids: list[int], take: dict[str, object], now: datetime) -> int:
    """Rows whose worker's lease ran out. One that died mid-call counts a failed attempt, so
    a row that kills every worker touching it cannot loop for ever; one whose task never ran
    (a lost enqueue, a long queue) does not."""
    abandoned = Publication.objects.filter(
        pk__in=ids, status=S.IN_PROGRESS, claim_expires_at__lt=now
    )
    pending = PublicationAttempt.objects.filter(
        publication_id__in=ids, outcome=PublicationAttempt.Outcome.PENDING
    )
    crashed = set(pending.values_list("publication_id", flat=True))
    count = abandoned.filter(pk__in=crashed).update(attempts=F("attempts") + 1, **take)
    count += abandoned.exclude(pk__in=crashed).update(**take)
    pending.update(outcome=PublicationAttempt.Outcome.INTERRUPTED, finished_at=now)
    return count


def fenced(claim: Claim) -> Q:
    """The condition every write of the claim's holder carries."""
    return Q(pk=claim.publication_id, claim_token=claim.token, status=S.IN_PROGRESS)


def write(claim: Claim, **values: object) -> None:
    """Update the claimed row, or raise ``LostClaim`` if it is no longer this worker's."""
    values.setdefault("updated_at", timezone.now())
    # The same condition as ``fenced``, in SQL made once (writes.py): this runs for every step.
    if not writes.update_fenced(claim.publication_id, claim.token, values):
        raise LostClaim(claim.publication_id)


def release(claim: Claim, **values: object) -> None:
    """Let go of the row with its new state (which must not be ``in_progress``)."""
    write(claim, claim_token="", claim_expires_at=None, **values)
