"""How long the engine waits, retries and holds a publication. Tunable through
``settings.PUBLISHING`` (a dict of the field names below); the defaults suit a real network.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from datetime import timedelta

from django.conf import settings


@dataclass(frozen=True)
class Policy:
    # A worker's hold on a row. It must outlast the slowest network call (the clients time
    # out well before), or a slow worker and its successor could both act on the row.
    lease_seconds: float = 300.0
    max_attempts: int = 8  # transient failures (and interrupted workers) before giving up
    retry_base_seconds: float = 15.0  # first retry; doubles each time
    retry_cap_seconds: float = 1800.0
    poll_base_seconds: float = 2.0  # first status check after "still processing"; doubles
    poll_cap_seconds: float = 60.0  # Instagram asks for at most one check a minute
    processing_deadline_seconds: float = 1800.0  # a container must be ready by then
    quota_wait_seconds: float = 3600.0  # daily limit reached: look again after this long
    quota_reuse_seconds: float = 300.0  # a limit reading is trusted this long (quota.py)
    give_up_after_seconds: float = 3 * 86400.0  # waiting for the limit at most this long
    max_restarts: int = 3  # expired containers made again
    steps_per_claim: int = 12  # network steps one claim may walk before letting go
    idle_sleep_seconds: float = 1.0  # a worker with nothing due looks again after this long
    batch_size: int = 50  # rows claimed at once (the periodic dispatcher, a worker pool)

    def retry_delay(self, attempts: int, retry_after: float | None = None) -> timedelta:
        """Exponential backoff with jitter (half to full), at least ``retry_after``."""
        ceiling = min(self.retry_cap_seconds, self.retry_base_seconds * 2 ** max(0, attempts - 1))
        delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311  (jitter, not a secret)
        return timedelta(seconds=max(delay, retry_after or 0.0))

    def poll_delay(self, polls: int) -> timedelta:
        ceiling = min(self.poll_cap_seconds, self.poll_base_seconds * 2 ** max(0, polls - 1))
        return timedelta(seconds=random.uniform(ceiling * 0.8, ceiling))  # noqa: S311

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.lease_seconds)


def current() -> Policy:
    overrides = getattr(settings, "PUBLISHING", None) or {}
    known = {f.name for f in fields(Policy)}
    return replace(Policy(), **{k: v for k, v in overrides.items() if k in known})
