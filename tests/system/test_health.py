from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from postloom.system.models import WorkerHeartbeat
from postloom.system.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_unhealthy_until_a_worker_beats(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == {"status": "stale", "last_heartbeat": None}
    assert response.json()["database"] == "ok"


def test_healthy_after_the_heartbeat_task_runs(client: Client) -> None:
    result = heartbeat.enqueue()
    assert result.return_value == 1
    assert heartbeat.enqueue().return_value == 2  # safe to run twice: it counts
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_stale_heartbeat_is_unhealthy(client: Client, settings) -> None:
    settings.WORKER_HEARTBEAT_MAX_AGE = 180
    WorkerHeartbeat.objects.create(worker="w1", last_seen=timezone.now() - timedelta(minutes=4))
    assert client.get("/healthz").status_code == 503


def test_database_failure_is_reported_not_raised(client: Client) -> None:
    with mock.patch("postloom.system.views.database_ok", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_periodic_heartbeat_is_scheduled_every_minute() -> None:
    from huey.contrib.djhuey import HUEY

    import postloom.config.schedule as schedule

    due = HUEY.read_periodic(timezone.now().replace(second=0, microsecond=0))
    assert any(task.name == "postloom.heartbeat" for task in due)
    schedule.worker_heartbeat.call_local()
    assert WorkerHeartbeat.objects.get().beats == 1
