"""Periodic jobs, registered with Huey's scheduler in the worker process only.

This is the one place that talks to Huey directly: app code enqueues through django.tasks,
and each periodic job here only calls an action or enqueues a django task.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from postloom.system import actions


@HUEY.on_startup()
def _announce_worker() -> None:
    # Beat at start-up so /healthz turns healthy without waiting for the first minute tick.
    from django.db import close_old_connections

    actions.record_heartbeat()
    close_old_connections()


@db_periodic_task(crontab(minute="*"), name="postloom.heartbeat")
def worker_heartbeat() -> None:
    actions.record_heartbeat()


@db_periodic_task(crontab(minute="7"), name="postloom.refresh_tokens")
def refresh_connection_tokens() -> None:
    # Hourly: renews Instagram/Facebook/TikTok tokens before they expire (connections/refresh.py).
    from postloom.connections.tasks import refresh_tokens

    refresh_tokens.enqueue()


@db_periodic_task(crontab(minute="*"), name="postloom.dispatch_publications")
def dispatch_publications() -> None:
    # Every minute: due publications (scheduled, retries, lost enqueues, crashed workers).
    from postloom.publishing.tasks import dispatch_publications as dispatch

    dispatch.enqueue()
