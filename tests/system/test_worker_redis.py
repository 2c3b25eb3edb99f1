"""One real run: `postloom worker` consumes a django.tasks task through Huey on Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

pytestmark = pytest.mark.integration

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")

CLIENT = """
import time, django
django.setup()
from django.tasks import TaskResultStatus
from postloom.system.tasks import heartbeat
result = heartbeat.enqueue()
deadline = time.monotonic() + 30
while result.status not in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
    if time.monotonic() > deadline:
        break
    time.sleep(0.2)
    result.refresh()
print(result.status, result.return_value if result.status == "SUCCESSFUL" else None)
"""


def redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def worker_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLOOM_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="postloom.config.settings",
        POSTLOOM_DATA_DIR=str(tmp_path),
        REDIS_URL=REDIS_URL,
        POSTLOOM_HUEY_NAME=f"postloomtest{uuid.uuid4().hex[:8]}",  # huey keeps only [a-z0-9]
    )
    subprocess.run(
        [sys.executable, "-m", "postloom", "manage", "migrate", "-v0"], env=env, check=True
    )
    yield env
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(f"*{env['POSTLOOM_HUEY_NAME']}*"):
        server.delete(key)


def test_worker_runs_tasks_from_redis(worker_env: dict[str, str]) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "postloom", "worker"],
        env=worker_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        client = subprocess.run(
            [sys.executable, "-c", CLIENT],
            env=worker_env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        log, _ = worker.communicate(timeout=20)
    assert client.returncode == 0, client.stderr
    status, beats = client.stdout.split()
    assert status == "SUCCESSFUL", log.decode()
    # The start-up beat came first, so the enqueued task saw at least the second one.
    assert int(beats) >= 2
    assert b"Huey consumer started" in log
    assert b"postloom.heartbeat" in log
