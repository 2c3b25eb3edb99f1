"""`postloom serve`: one command starts web server and worker; Ctrl-C stops both."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
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
