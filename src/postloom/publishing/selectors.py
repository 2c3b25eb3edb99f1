"""Reads about publications that need care: times in the business's zone, the words for a
publication's state, what is due, and the record of network calls."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone

from postloom.publishing import problems
from postloom.publishing.models import Publication, PublicationAttempt

S = Publication.Status


def zone_of(publication: Publication) -> ZoneInfo:
    return ZoneInfo(publication.business.timezone or "UTC")


def local(
    publication: Publication, moment: datetime | None, zone: ZoneInfo | None = None
) -> datetime | None:
    """A stored (UTC) moment as the business's wall clock, daylight saving included."""
    return moment.astimezone(zone or zone_of(publication)) if moment else None


def status_text(publication: Publication, zone: ZoneInfo | None = None) -> str:
    """What a shop owner reads about the publication's state; "" when all is well. A
    pre-flight refusal is told in pre-flight's own words (with the numbers in them).
    ``zone``: the business's, when the caller has it (saves a query per row)."""
    if publication.status == S.WAITING and publication.wait_reason:
        until = local(publication, publication.next_attempt_at, zone)
        return problems.waiting_text(publication.wait_reason, publication.platform, until)
    if publication.status in (S.FAILED, S.CANCELLED) and publication.error_code:
        return problems.publication_problem(
            publication.error_code, publication.platform, publication.error_message
        )
    return ""


def due(now: datetime | None = None) -> QuerySet[Publication]:
    """Rows a worker would claim now (waiting and due, or abandoned by a stopped worker)."""
    now = now or timezone.now()
    waiting = Q(status__in=Publication.DUE, next_attempt_at__lte=now)
    abandoned = Q(status=S.IN_PROGRESS, claim_expires_at__lt=now)
    return Publication.objects.filter(waiting | abandoned)


def active_for_post(post_id: int) -> Publication | None:
    rows = Publication.objects.filter(post_id=post_id).exclude(status__in=Publication.ENDED)
    return rows.select_related("connection").first()


def calls_of(publication: Publication) -> QuerySet[PublicationAttempt]:
    return PublicationAttempt.objects.filter(publication=publication).order_by("started_at", "id")
