"""Running publications: one by id (a task), due ones from the periodic dispatcher, or a pool
of threads walking rows until told to stop (``postloom worker``, the benchmark).

Safe to run anywhere and any number of times at once: a row is walked only under its claim.
"""

from __future__ import annotations

import logging
import queue
import random
import threading

from django.db import close_old_connections, connection

from postloom.publishing import claims, leases, permalinks, policy
from postloom.publishing.claims import Claim
from postloom.publishing.dispatch import advance
from postloom.publishing.models import Publication
from postloom.publishing.policy import Policy

log = logging.getLogger(__name__)


def run_one(publication_id: int, claim_token: str = "") -> str:
    """Run one publication: under the dispatcher's claim (``claim_token``), or claim it now
    if it is due. Returns its status afterwards."""
    rules = policy.current()
    if claim_token:
        claim = Claim(publication_id, claim_token, claims.worker_name())
    else:
        found = claims.claim(rules, only_id=publication_id)
        if not found:
            return "not_due"
        claim = found[0]
    advance(claim, rules)
    status = Publication.objects.filter(pk=publication_id).values_list("status", flat=True)
    return status.first() or "gone"


def dispatch_due() -> int:
    """The periodic job: claim what is due and hand each row to a task (rows whose task is
    lost come back when their lease runs out); then the links still to read."""
    from postloom.publishing.tasks import fill_permalinks, run_publication

    rules = policy.current()
    found = claims.claim(rules, limit=rules.batch_size, worker="dispatcher")
    for claim in found:
        run_publication.enqueue(claim.publication_id, claim.token)
    if Publication.objects.filter(permalinks.missing()).exists():
        fill_permalinks.enqueue()
    return len(found)


def run_worker(
    threads: int = 4, stop: threading.Event | None = None, *, rules: Policy | None = None
) -> None:
    """Walk due publications on ``threads`` threads until ``stop`` is set."""
    _Pool(threads, stop or threading.Event(), rules or policy.current()).run()


class _Pool:
    """Walkers fed by one claimer. The claimer keeps a few rows ready beyond the walkers
    (claimed, leased and read in two queries per batch), so that a walker that finishes takes
    its next row at once and a busy pool costs the database little per row for claiming."""

    def __init__(self, threads: int, stop: threading.Event, rules: Policy) -> None:
        self.threads, self.stop, self.rules = threads, stop, rules
        self.ahead = threads  # rows claimed beyond the walkers (and the smallest batch)
        self.ready: queue.SimpleQueue[Publication | None] = queue.SimpleQueue()
        self.changed = threading.Condition()
        self.outstanding = 0  # rows claimed by this pool and not yet walked to the end
        self.worker = f"{claims.worker_name().rsplit(':', 1)[0]}:pool"

    def run(self) -> None:
        walkers = [
            threading.Thread(target=self._walk, name=f"publisher-{n}", daemon=True)
            for n in range(self.threads)
        ]
        for thread in walkers:
            thread.start()
        try:
            self._feed()
        finally:
            for _ in walkers:
                self.ready.put(None)
            for thread in walkers:
                thread.join()
            connection.close()

    def _feed(self) -> None:
        capacity = self.threads + self.ahead
        while not self.stop.is_set():
            with self.changed:
                # Claim in batches: once at least ``ahead`` places are free.
                self.changed.wait_for(
                    lambda: capacity - self.outstanding >= self.ahead or self.stop.is_set(),
                    timeout=self.rules.idle_sleep_seconds,
                )
                room = capacity - self.outstanding
            if self.stop.is_set() or room <= 0:
                continue
            found = self._claim(min(room, self.rules.batch_size))
            if not found:
                # Spread idle pools out so they do not all knock at the same moment.
                self.stop.wait(self.rules.idle_sleep_seconds * random.uniform(0.5, 1.5))  # noqa: S311
                continue
            with self.changed:
                self.outstanding += len(found)
            for row in found:
                leases.hold(row.pk, row.claim_token, self.rules)  # renewed while it waits
                self.ready.put(row)

    def _claim(self, limit: int) -> list[Publication]:
        try:
            return claims.claim_loaded(self.rules, limit=limit, worker=self.worker)
        except Exception:
            log.exception("claiming publications failed")
            close_old_connections()
            return []

    def _walk(self) -> None:
        try:
            while (row := self.ready.get()) is not None:
                try:
                    advance(claims.claim_of(row), self.rules, row)
                finally:
                    with self.changed:
                        self.outstanding -= 1
                        self.changed.notify()
        finally:
            connection.close()
