from __future__ import annotations

from django.tasks import task

from postloom.system import actions


@task()
def heartbeat() -> int:
    """Proves that a worker takes tasks from the queue; returns the beat count."""
    return actions.record_heartbeat().beats
