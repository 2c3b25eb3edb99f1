"""The periodic dispatcher and the task that runs one publication."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from postloom.publishing import actions, claims, policy, tasks
from postloom.publishing.models import Publication
from tests.publishing.conftest import make_due

S = Publication.Status


def scheduled(post, connection, hours: float = 1) -> Publication:  # type: ignore[no-untyped-def]
    when = timezone.now() + timedelta(hours=hours)
    return actions.schedule_post(post, by=None, connection=connection, when=when)


def test_the_dispatcher_sends_what_is_due_and_leaves_the_rest(fake, make_approved, ig_connection):
    due = [scheduled(make_approved(), ig_connection) for _ in range(3)]
    later = scheduled(make_approved(), ig_connection)
    for pub in due:
        make_due(pub)
    result = tasks.dispatch_publications.enqueue()  # the test backend runs tasks inline
    assert result.return_value == 3
    statuses = dict(Publication.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in due] == [S.PUBLISHED] * 3
    assert statuses[later.pk] == S.SCHEDULED
    assert len(fake.published) == 3


def test_the_dispatcher_takes_over_from_a_worker_that_died(fake, approved, ig_connection):
    pub = scheduled(approved, ig_connection)
    make_due(pub)
    assert claims.claim(policy.current(), only_id=pub.pk)  # a worker took it, then died
    assert tasks.dispatch_publications.enqueue().return_value == 0  # its lease still holds
    Publication.objects.filter(pk=pub.pk).update(
        claim_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert tasks.dispatch_publications.enqueue().return_value == 1
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED
    assert pub.attempts == 0  # it died between calls, not during one


def test_a_task_with_a_stale_claim_does_nothing(fake, approved, ig_connection):
    pub = scheduled(approved, ig_connection)
    make_due(pub)
    rules = policy.current()
    old = claims.claim(rules, only_id=pub.pk)[0]
    Publication.objects.filter(pk=pub.pk).update(
        claim_expires_at=timezone.now() - timedelta(seconds=1)
    )
    new = claims.claim(rules, only_id=pub.pk)[0]
    assert tasks.run_publication.enqueue(pub.pk, old.token).return_value == S.IN_PROGRESS
    assert fake.calls == []
    assert tasks.run_publication.enqueue(pub.pk, new.token).return_value == S.PUBLISHED


def test_running_a_publication_that_is_not_due_does_nothing(fake, approved, ig_connection):
    pub = scheduled(approved, ig_connection)
    assert tasks.run_publication.enqueue(pub.pk).return_value == "not_due"
    assert fake.calls == []


def test_the_dispatcher_is_a_periodic_job_every_minute() -> None:
    from huey.contrib.djhuey import HUEY

    import postloom.config.schedule as schedule

    names = {task.__name__ for task in HUEY._registry._periodic_tasks}
    assert "postloom.dispatch_publications" in names
    job = schedule.dispatch_publications.task_class()
    assert all(job.validate_datetime(timezone.now().replace(minute=m)) for m in (0, 17, 59))
