"""Races on the real database (PostgreSQL in CI, SQLite locally): workers claiming the same
rows, two clicks at once, and a pool of workers publishing many posts exactly once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from postloom.publishing import actions, claims, policy, worker
from postloom.publishing.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)
S = Publication.Status


def in_threads(count: int, target: Callable[[int], Any]) -> list[Any]:
    """Run ``target(n)`` on ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def body(n: int) -> None:
        try:
            barrier.wait()
            results[n] = target(n)
        except Exception as exc:  # the caller looks at what each thread ended with
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def due_rows(posts: list[Any], connection: Any) -> list[Publication]:
    """Scheduled rows that are due now (publish_now would run them inline here: with real
    commits, the test settings' immediate task backend runs the task at once)."""
    later = timezone.now() + timedelta(hours=1)
    pubs = [actions.schedule_post(p, by=None, connection=connection, when=later) for p in posts]
    Publication.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    return pubs


def test_two_workers_never_claim_the_same_row(make_approved, ig_connection):
    pubs = due_rows([make_approved() for _ in range(30)], ig_connection)
    rules = policy.current()

    def grab(n: int) -> list[int]:
        taken: list[int] = []
        while found := claims.claim(rules, limit=2, worker=f"w{n}"):
            taken += [c.publication_id for c in found]
        return taken

    results = in_threads(4, grab)
    assert not [r for r in results if isinstance(r, Exception)], results
    every = [pk for taken in results for pk in taken]
    assert sorted(every) == sorted(p.pk for p in pubs)  # each row once, none left
    workers = dict(Publication.objects.values_list("pk", "claimed_by"))
    for n, taken in enumerate(results):
        assert {workers[pk] for pk in taken} <= {f"w{n}"}


def test_postgresql_claims_skip_locked_rows(approved, ig_connection):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises claims instead")
    due_rows([approved], ig_connection)
    with CaptureQueriesContext(connection) as queries:
        assert claims.claim(policy.current())
    assert any("FOR UPDATE SKIP LOCKED" in q["sql"] for q in queries.captured_queries)


def test_two_clicks_at_once_make_one_publication(fake, approved, ig_connection, owner):
    def click(n: int) -> Publication:
        return actions.publish_now(approved, by=owner, connection=ig_connection)

    results = in_threads(2, click)
    made = [r for r in results if isinstance(r, Publication)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    # Refused as being published, or (the first click's post was quick) as published.
    assert refused[0].code in ("already_publishing", "already_published")
    assert Publication.objects.count() == 1
    assert len(fake.published) == 1


def test_a_pool_of_workers_publishes_every_post_once(fake, make_approved, ig_connection):
    from postloom.integrations.networks.base import ErrorCode, NetworkError

    posts = [make_approved() for _ in range(40)]
    due_rows(posts, ig_connection)
    fake.processing_polls = 1  # every container makes its worker let go once
    for _ in range(5):
        fake.lose_answer("finish")
        fake.fail("start", NetworkError(ErrorCode.SERVER, "500", permanent=False))
    stop = threading.Event()
    rules = replace(policy.current(), retry_base_seconds=0.05, poll_base_seconds=0.05)
    pool = threading.Thread(target=worker.run_worker, args=(4, stop), kwargs={"rules": rules})
    pool.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not Publication.objects.exclude(status__in=Publication.ENDED).exists():
            break
        time.sleep(0.1)
    stop.set()
    pool.join(timeout=30)
    statuses = Counter(Publication.objects.values_list("status", flat=True))
    assert statuses == {S.PUBLISHED: 40}
    published = Counter(p.caption for p in fake.published)
    assert set(published) == {f"{p.caption} #kopi" for p in posts}
    assert max(published.values()) == 1  # no post twice


def test_a_long_call_keeps_its_lease(fake, approved, ig_connection, settings):
    """A call longer than the lease (a big TikTok upload) renews it as it runs: nobody may
    take the row over from a worker that is still sending."""
    settings.PUBLISHING = {"lease_seconds": 0.6}
    [pub] = due_rows([approved], ig_connection)
    rules = policy.current()
    taken: list[list[claims.Claim]] = []
    original_start = fake.start

    def slow_start(account: Any, request: Any) -> str:
        time.sleep(1.0)  # well past the 0.6 s lease
        taken.append(claims.claim(rules, only_id=pub.pk, worker="intruder"))
        return original_start(account, request)

    fake.start = slow_start  # type: ignore[method-assign]
    [claim] = claims.claim(rules, only_id=pub.pk)
    from postloom.publishing import dispatch

    dispatch.advance(claim, rules)
    pub.refresh_from_db()
    assert taken == [[]]  # the intruder found nothing to take
    assert pub.status == S.PUBLISHED and len(fake.published) == 1
