"""Keeping the leases of the rows this process works on: one thread renews them all.

A claimed row's lease (``claim_expires_at``) must outlast every call made under it, or a second
worker could take the row over while the first is still sending (a TikTok upload can run for
minutes). Instead of renewing per call, each process has one keeper thread that renews every
row its workers hold, a third of the way into the lease, in one UPDATE. So an expired lease
always means a process that stopped, and a busy process pays one write per third of a lease
for all its rows together.

    with leases.held(claim, policy):   # renewed until the block ends
        ...
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import close_old_connections, connection
from django.utils import timezone

from postloom.publishing.models import Publication
from postloom.publishing.policy import Policy

log = logging.getLogger(__name__)
S = Publication.Status


class _Keeper:
    def __init__(self) -> None:
        self.changed = threading.Condition()
        # (pk, claim token) → (lease seconds, when it is next renewed, on the monotonic clock)
        self.rows: dict[tuple[int, str], tuple[float, float]] = {}
        self.thread: threading.Thread | None = None
        self.pid = 0

    def add(self, pk: int, token: str, lease_seconds: float) -> None:
        due = time.monotonic() + lease_seconds / 3  # a third of the lease gone
        with self.changed:
            earliest = min((d for _, d in self.rows.values()), default=None)
            self.rows[(pk, token)] = (lease_seconds, due)
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, daemon=True, name="leases")
                self.thread.start()
            if earliest is None or due < earliest:
                self.changed.notify()  # only when the keeper must wake sooner than planned

    def remove(self, pk: int, token: str) -> None:
        with self.changed:
            self.rows.pop((pk, token), None)
            if not self.rows:
                self.changed.notify()  # nothing held: the keeper lets its connection go

    def _run(self) -> None:
        while True:
            with self.changed:
                if not self.rows:
                    connection.close()  # idle for a while, perhaps: hold no connection
                self.changed.wait_for(lambda: bool(self.rows))
                wait = min(d for _, d in self.rows.values()) - time.monotonic()
                if wait > 0:
                    self.changed.wait(wait)
                due = self._due()
            if due:
                self._renew(due)

    def _due(self) -> dict[tuple[int, str], float]:
        """Rows due now, with those due within half a beat (renewed together, in one go)."""
        now = time.monotonic()
        due = {key: seconds for key, (seconds, at) in self.rows.items() if at <= now + seconds / 6}
        for key, seconds in due.items():
            self.rows[key] = (seconds, now + seconds / 3)
        return due

    def _renew(self, held: dict[tuple[int, str], float]) -> None:
        now = timezone.now()
        by_length: dict[float, list[tuple[int, str]]] = {}
        for key, seconds in held.items():
            by_length.setdefault(seconds, []).append(key)
        try:
            for seconds, keys in by_length.items():
                # pk and token sets: a row matches only under a token this process holds.
                Publication.objects.filter(
                    pk__in=[pk for pk, _ in keys],
                    claim_token__in={token for _, token in keys},
                    status=S.IN_PROGRESS,
                ).update(claim_expires_at=now + timedelta(seconds=seconds))
        except Exception:
            # The database is failing: the next beat tries again; the rows' writes fail too.
            log.exception("renewing publication leases failed")
            close_old_connections()
            connection.close()


_keeper = _Keeper()


def hold(pk: int, token: str, policy: Policy) -> None:
    """Keep renewing this row's lease (until ``let_go``)."""
    _keeper.add(pk, token, policy.lease_seconds)


def let_go(pk: int, token: str) -> None:
    _keeper.remove(pk, token)


@contextmanager
def held(pk: int, token: str, policy: Policy) -> Iterator[None]:
    hold(pk, token, policy)
    try:
        yield
    finally:
        let_go(pk, token)
