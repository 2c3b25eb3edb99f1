"""`postloom serve`: one command starts web server and worker; Ctrl-C stops both."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from postloom.cli import build_parser

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def healthz(port: int) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            body: dict[str, object] = json.load(response)
            return body
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_serve_runs_web_and_worker_and_ctrl_c_stops_both(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLOOM_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env.update(POSTLOOM_DATA_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    serve = subprocess.Popen(
        [sys.executable, "-m", "postloom", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while (health := healthz(port)) is None or health["status"] != "ok":
            assert time.monotonic() < deadline, "not healthy within 90 s"
            assert serve.poll() is None, "serve exited early"
            time.sleep(0.5)
        started = children(serve.pid)
        assert len(started) == 2  # granian and the worker
        serve.send_signal(signal.SIGINT)  # what Ctrl-C sends
        serve.wait(timeout=30)
        output = serve.stdout.read().decode() if serve.stdout else ""
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    assert serve.returncode == 0
    assert f"Postloom is running at http://localhost:{port}/" in output
    assert "Stopping Postloom" in output
    assert not any(alive(pid) for pid in started)
    assert healthz(port) is None


def test_subcommands_are_listed() -> None:
    parser = build_parser()
    assert parser.parse_args(["worker", "--no-periodic"]).no_periodic is True
    assert parser.parse_args(["manage", "migrate", "--plan"]).rest == ["migrate", "--plan"]
    assert parser.parse_args(["serve"]).port == int(os.environ.get("POSTLOOM_PORT", "8000"))


def test_worker_publishers_default_to_off_and_refuse_a_negative_count() -> None:
    parser = build_parser()
    assert parser.parse_args(["worker"]).publishers == 0
    assert parser.parse_args(["worker", "--publishers", "8"]).publishers == 8
    with pytest.raises(SystemExit):
        parser.parse_args(["worker", "--publishers", "-1"])


class FakePool:
    """Stands for run_worker: records its arguments and runs until told to stop."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.stop = threading.Event()  # replaced by the command's own
        self.started = threading.Event()
        self.finished = threading.Event()

    def __call__(self, threads: int, stop: threading.Event) -> None:
        self.calls.append(threads)
        self.stop = stop
        self.started.set()
        stop.wait(timeout=10)
        self.finished.set()


def worker_command(
    monkeypatch: pytest.MonkeyPatch, pool: FakePool, huey: Callable[..., None], *argv: str
) -> int:
    """`postloom worker ARGV` with huey's loop and the publisher pool replaced."""
    monkeypatch.setattr("postloom.publishing.worker.run_worker", pool)
    monkeypatch.setattr("django.core.management.call_command", huey)
    args = build_parser().parse_args(["worker", *argv])
    result: int = args.func(args)
    return result


def test_worker_runs_the_publisher_pool_beside_huey_and_stops_it_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = FakePool()
    seen: dict[str, object] = {}

    def huey(name: str, **options: object) -> None:
        # While huey runs, the pool is up on its own thread and not told to stop.
        seen.update(name=name, options=options, started=pool.started.wait(timeout=5))
        seen["stop_set"] = pool.stop.is_set()

    assert worker_command(monkeypatch, pool, huey, "--publishers", "3", "--no-periodic") == 0
    assert seen == {
        "name": "run_huey",
        "options": {"periodic": False},
        "started": True,
        "stop_set": False,
    }
    assert pool.calls == [3]
    assert pool.stop.is_set()  # set once huey returned
    assert pool.finished.is_set()  # and the command waited for the pool


def test_worker_stops_the_pool_when_huey_is_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = FakePool()

    def huey(name: str, **options: object) -> None:
        assert pool.started.wait(timeout=5)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        worker_command(monkeypatch, pool, huey, "--publishers", "2")
    assert pool.calls == [2]
    assert pool.finished.is_set()


def test_worker_without_publishers_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = FakePool()
    calls: list[str] = []
    assert worker_command(monkeypatch, pool, lambda name, **options: calls.append(name)) == 0
    assert calls == ["run_huey"]
    assert pool.calls == []
