from __future__ import annotations

import os
import socket

from django.db.models import F
from django.utils import timezone

from postloom.system.models import WorkerHeartbeat


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def record_heartbeat(worker: str | None = None) -> WorkerHeartbeat:
    now = timezone.now()
    name = worker or worker_name()
    updated = WorkerHeartbeat.objects.filter(worker=name).update(
        last_seen=now, beats=F("beats") + 1
    )
    if not updated:
        WorkerHeartbeat.objects.get_or_create(worker=name, defaults={"last_seen": now, "beats": 1})
    return WorkerHeartbeat.objects.get(worker=name)
