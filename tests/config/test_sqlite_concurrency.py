"""The embedded database: web and worker write at once without "database is locked"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

# Each writer reads, then writes, in one transaction: the pattern that fails with
# "database is locked" under SQLite's default DEFERRED mode when two processes race.
WRITER = """
import django, sys
django.setup()
from django.db import connection, transaction
from postloom.system.models import WorkerHeartbeat
from django.utils import timezone
with connection.cursor() as c:
    c.execute("PRAGMA journal_mode")
    assert c.fetchone()[0] == "wal"
name = sys.argv[1]
for i in range(150):
    with transaction.atomic():
        count = WorkerHeartbeat.objects.filter(worker=name).count()
        WorkerHeartbeat.objects.update_or_create(
            worker=name, defaults={"last_seen": timezone.now(), "beats": count + i}
        )
print("ok")
"""


def test_two_processes_write_without_locking_errors(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLOOM_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE="postloom.config.settings", POSTLOOM_DATA_DIR=str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "postloom", "manage", "migrate", "-v0"], env=env, check=True
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "ok"
