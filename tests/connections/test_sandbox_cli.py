"""`postloom sandbox`: the simulators on fixed local ports, Postloom pointed at them; Ctrl-C
stops everything."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from postloom.cli import _sandbox_environment, build_parser
from tests.test_cli import alive, children, free_port, healthz

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from postloom.accounts.models import User
from postloom.brands.actions import create_business
user = User.objects.create_user("sandbox@example.com", "correct horse battery staple")
business = create_business(user, name="Sandbox Shop")
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(business.pk, session.session_key)
"""


def get(url: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=5) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.mark.integration
def test_sandbox_starts_simulators_and_postloom_and_ctrl_c_stops_all(tmp_path: Path) -> None:
    port, ig_port, tt_port = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLOOM_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env.update(PYTHONUNBUFFERED="1")
    data = tmp_path / "sandbox-data"
    command = [
        sys.executable, "-m", "postloom", "sandbox", "--port", str(port),
        "--instagram-port", str(ig_port), "--tiktok-port", str(tt_port), "--data-dir", str(data),
    ]  # fmt: skip
    sandbox = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 90
        while (health := healthz(port)) is None or health["status"] != "ok":
            assert time.monotonic() < deadline, "not healthy within 90 s"
            assert sandbox.poll() is None, "sandbox exited early"
            time.sleep(0.5)
        status, _headers, body = get(f"http://127.0.0.1:{ig_port}/_sim/state")
        assert status == 200 and "sandbox.shop" in body.decode()
        status, _headers, body = get(f"http://127.0.0.1:{tt_port}/_sim/")
        assert status == 200 and json.loads(body)

        # Postloom itself runs in sandbox mode against the simulators.
        setup = subprocess.run(
            [sys.executable, "-m", "postloom", "manage", "shell", "-c", SETUP],
            env={**env, "POSTLOOM_DATA_DIR": str(data)},
            capture_output=True,
            text=True,
            check=True,
        )
        business_id, session_key = setup.stdout.strip().splitlines()[-1].split()
        cookie = f"sessionid={session_key}"
        base = f"http://127.0.0.1:{port}/b/{business_id}/connections"
        status, headers, _body = get(f"{base}/connect/instagram/", cookie)
        assert status == 302
        assert headers["location"].startswith(f"http://127.0.0.1:{ig_port}/oauth/authorize?")
        assert "client_id=sandbox-instagram-app" in headers["location"]
        assert f"redirect_uri=http%3A%2F%2Flocalhost%3A{port}%2Fconnections" in headers["location"]
        status, headers, _body = get(f"{base}/connect/tiktok/", cookie)
        assert headers["location"].startswith(f"http://127.0.0.1:{tt_port}/v2/auth/authorize/?")
        status, _headers, body = get(f"{base}/", cookie)
        assert status == 200 and body.decode().count(">Sandbox</span>") == 3

        started = children(sandbox.pid)
        assert len(started) == 2  # granian and the worker; the simulators are threads
        sandbox.send_signal(signal.SIGINT)
        sandbox.wait(timeout=30)
        output = sandbox.stdout.read().decode() if sandbox.stdout else ""
    finally:
        if sandbox.poll() is None:
            os.killpg(sandbox.pid, signal.SIGKILL)
    assert sandbox.returncode == 0, output
    assert f"Instagram simulator: http://127.0.0.1:{ig_port}" in output
    assert f"TikTok simulator: http://127.0.0.1:{tt_port}" in output
    assert f"Postloom is running at http://localhost:{port}/" in output
    assert not any(alive(pid) for pid in started)
    assert healthz(port) is None
    for sim_port in (ig_port, tt_port):
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{sim_port}/_sim/", timeout=2)


def test_sandbox_options_and_environment() -> None:
    args = build_parser().parse_args(["sandbox", "--instagram-port", "9101"])
    assert (args.instagram_port, args.tiktok_port, args.port) == (9101, 8102, args.port)

    class IG:
        instagram_app_id, instagram_app_secret = "ig-id", "ig-secret"
        facebook_app_id, facebook_app_secret = "fb-id", "fb-secret"

    class TT:
        client_key, client_secret = "tt-key", "tt-secret"

    urls = {"instagram": "http://127.0.0.1:9101", "tiktok": "http://127.0.0.1:9102"}
    assert _sandbox_environment(urls, {"instagram": IG(), "tiktok": TT()}) == {
        "POSTLOOM_SANDBOX": "1",
        "POSTLOOM_FETCH_ALLOW_LOOPBACK": "1",
        "INSTAGRAM_AUTHORIZE_URL": "http://127.0.0.1:9101/oauth/authorize",
        "INSTAGRAM_API_URL": "http://127.0.0.1:9101",
        "INSTAGRAM_GRAPH_URL": "http://127.0.0.1:9101",
        "FACEBOOK_DIALOG_URL": "http://127.0.0.1:9101",
        "FACEBOOK_GRAPH_URL": "http://127.0.0.1:9101",
        "INSTAGRAM_APP_ID": "ig-id",
        "INSTAGRAM_APP_SECRET": "ig-secret",
        "FACEBOOK_APP_ID": "fb-id",
        "FACEBOOK_APP_SECRET": "fb-secret",
        "TIKTOK_AUTHORIZE_URL": "http://127.0.0.1:9102/v2/auth/authorize/",
        "TIKTOK_API_URL": "http://127.0.0.1:9102",
        "TIKTOK_CLIENT_KEY": "tt-key",
        "TIKTOK_CLIENT_SECRET": "tt-secret",
    }
