"""A network's publishing limit (Instagram's ``content_publishing_limit``), read now and then
and counted here in between, as the reference recommends (platform-apis §1.3.5: read
``config.quota_total`` and enforce the limit in the app).

A reading (used, total) is trusted for ``policy.quota_reuse_seconds``, with every post this
process publishes through the account since counted on top. Nothing ever waits on the count
alone: when it says the limit is reached, the network is asked again first. So the count only
saves calls; the network's own refusal at publish time (9/2207042) remains the last word, and
a process that cannot see another's posts at worst makes a container that waits.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass

from postloom.integrations.networks.base import ErrorCode, NetworkClient, NetworkError
from postloom.publishing import outcomes
from postloom.publishing.calls import call
from postloom.publishing.job import Job
from postloom.publishing.models import PublicationAttempt


@dataclass
class _Reading:
    used: int
    total: int
    at: float  # time.monotonic() of the reading
    since: int = 0  # posts published here since


_NO_LIMIT = sys.maxsize  # the network answered that it sets none
_lock = threading.Lock()
_readings: dict[int, _Reading] = {}  # by connection id


def allows(job: Job) -> bool:
    """Whether the account may publish now; False when the row was released (waiting)."""
    client, account, pub = job.client, job.account, job.publication
    assert client is not None and account is not None
    if type(client).publishing_quota is NetworkClient.publishing_quota:
        return True  # the network has no such limit
    if _has_room(pub.connection_id or 0, job.policy.quota_reuse_seconds):
        return True
    try:
        reading = call(job, PublicationAttempt.Step.QUOTA, lambda: client.publishing_quota(account))
    except NetworkError as exc:
        outcomes.network_error(job, exc, "")
        return False
    used, total = reading if reading is not None else (0, _NO_LIMIT)
    _remember(pub.connection_id or 0, used, total)
    if used >= total:
        outcomes.wait_for_limit(job, ErrorCode.QUOTA_REACHED.value, f"{used}/{total}")
        return False
    return True


def count_published(connection_id: int | None) -> None:
    with _lock:
        reading = _readings.get(connection_id or 0)
        if reading is not None:
            reading.since += 1


def forget(connection_id: int | None) -> None:
    """The network refused a publish for its limit: the next post asks it again."""
    with _lock:
        _readings.pop(connection_id or 0, None)


def clear() -> None:
    with _lock:
        _readings.clear()


def _has_room(connection_id: int, max_age: float) -> bool:
    with _lock:
        reading = _readings.get(connection_id)
        if reading is None or time.monotonic() - reading.at > max_age:
            return False
        return reading.used + reading.since < reading.total


def _remember(connection_id: int, used: int, total: int) -> None:
    with _lock:
        _readings[connection_id] = _Reading(used, total, time.monotonic())
