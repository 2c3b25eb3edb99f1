from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time each background worker proved it runs. Holds no personal data."""

    worker = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.worker} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
