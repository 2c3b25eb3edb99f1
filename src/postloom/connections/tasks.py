from __future__ import annotations

from django.tasks import task


@task()
def refresh_tokens() -> dict[str, int]:
    """The hourly token renewal (registered in config/schedule.py)."""
    from postloom.connections.refresh import refresh_due_connections

    return refresh_due_connections()
