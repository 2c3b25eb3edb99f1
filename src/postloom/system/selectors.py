from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from postloom.system.models import WorkerHeartbeat


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure to reach the database is "not ok", never a 500
        return False


def last_heartbeat() -> datetime | None:
    value: datetime | None = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    return value


def worker_ok(last: datetime | None) -> bool:
    max_age = timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    return last is not None and timezone.now() - last <= max_age
