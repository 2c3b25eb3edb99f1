"""The `postloom` command.

postloom serve    migrate, then run the web server and a worker; Ctrl-C stops both
postloom worker   run a background worker (with the periodic scheduler; --publishers N adds
                  a pool of publisher threads)
postloom manage   any Django management command, e.g. `postloom manage createsuperuser`
postloom onboard  read a website and print its brand profile (nothing is saved)
postloom generate plan and generate a business's posts and write them to a folder
postloom sandbox  like serve, against local Instagram and TikTok simulators (no vendor accounts)
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

SETTINGS = "postloom.config.settings"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["postloom manage", *args.rest])
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    import postloom.config.schedule  # noqa: F401  (registers the periodic jobs)

    options: dict[str, object] = {}
    if args.workers:
        options["workers"] = args.workers
    if args.no_periodic:
        options["periodic"] = False
    stop_publishers = _start_publishers(args.publishers)
    try:
        # Huey owns SIGTERM/SIGINT here: either makes run_huey return, and so does huey exiting.
        call_command("run_huey", **options)
    finally:
        stop_publishers()
    return 0


PUBLISHERS_STOP_SECONDS = 30.0  # a walker mid-call finishes it; the lease covers one that doesn't


def _start_publishers(threads: int) -> Callable[[], None]:
    """Start a pool of ``threads`` publisher threads beside huey (none when 0); returns the
    function that tells the pool to stop and waits a while for it."""
    if threads <= 0:
        return lambda: None
    import logging
    import threading

    from postloom.publishing.worker import run_worker

    stop = threading.Event()

    def _run() -> None:
        try:
            run_worker(threads, stop)
        except Exception:
            logging.getLogger("postloom.publishing").exception("the publisher pool stopped")

    pool = threading.Thread(target=_run, name="publishers", daemon=True)
    pool.start()

    def _stop_pool() -> None:
        stop.set()
        pool.join(timeout=PUBLISHERS_STOP_SECONDS)

    return _stop_pool


def _prepare() -> None:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _stop(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + 10
    for proc in processes:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()


def cmd_serve(args: argparse.Namespace) -> int:
    print("Preparing the database and static files…", flush=True)
    _prepare()
    web = [
        sys.executable, "-m", "granian",
        "--interface", "wsgi",
        "--host", args.host,
        "--port", str(args.port),
        "--workers", str(args.web_workers),
        "--blocking-threads", str(args.threads),
        "--no-ws",
        "postloom.config.wsgi:application",
    ]  # fmt: skip
    commands = [web]
    if not args.no_worker:
        commands.append([sys.executable, "-m", "postloom", "worker"])
    processes = [subprocess.Popen(cmd) for cmd in commands]
    wildcard = ("127.0.0.1", "0.0.0.0", "::")  # noqa: S104  (only to print a friendly URL)
    shown_host = "localhost" if args.host in wildcard else args.host
    print(f"Postloom is running at http://{shown_host}:{args.port}/  (Ctrl-C stops it)", flush=True)

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        while all(proc.poll() is None for proc in processes):
            time.sleep(0.5)
        failed = next(proc for proc in processes if proc.poll() is not None)
        print(f"A Postloom process stopped (exit code {failed.returncode}); stopping.", flush=True)
        return failed.returncode or 1
    except KeyboardInterrupt:
        print("\nStopping Postloom…", flush=True)
        return 0
    finally:
        _stop(processes)


SIMULATORS = {  # name: (label, module, simulator class, default port)
    "instagram": ("Instagram", "postloom.sandbox.instagram_api", "InstagramSim", 8101),
    "tiktok": ("TikTok", "postloom.sandbox.tiktok_api", "TikTokSim", 8102),
}


def _serve_simulator(app: Any, port: int) -> Callable[[], None]:
    """Serve a WSGI simulator on a fixed local port in a thread; returns its stop function."""
    from postloom.sandbox.server import start

    return start(app, port).stop


def _sandbox_environment(urls: dict[str, str], sims: dict[str, Any]) -> dict[str, str]:
    """Point Postloom at the simulators, with the simulators' own app ids and secrets."""
    env = {"POSTLOOM_SANDBOX": "1", "POSTLOOM_FETCH_ALLOW_LOOPBACK": "1"}
    if "instagram" in urls:
        base, sim = urls["instagram"], sims["instagram"]
        env |= {
            "INSTAGRAM_AUTHORIZE_URL": base + "/oauth/authorize",
            "INSTAGRAM_API_URL": base,
            "INSTAGRAM_GRAPH_URL": base,
            "FACEBOOK_DIALOG_URL": base,
            "FACEBOOK_GRAPH_URL": base,
            "INSTAGRAM_APP_ID": sim.instagram_app_id,
            "INSTAGRAM_APP_SECRET": sim.instagram_app_secret,
            "FACEBOOK_APP_ID": sim.facebook_app_id,
            "FACEBOOK_APP_SECRET": sim.facebook_app_secret,
        }
    if "tiktok" in urls:
        base, sim = urls["tiktok"], sims["tiktok"]
        env |= {
            "TIKTOK_AUTHORIZE_URL": base + "/v2/auth/authorize/",
            "TIKTOK_API_URL": base,
            "TIKTOK_CLIENT_KEY": sim.client_key,
            "TIKTOK_CLIENT_SECRET": sim.client_secret,
        }
    return env


def cmd_sandbox(args: argparse.Namespace) -> int:
    """The simulated networks on localhost, then Postloom (web + worker) pointed at them, with
    its own data directory so sandbox accounts never mix with real ones."""
    import importlib

    ports = {"instagram": args.instagram_port, "tiktok": args.tiktok_port}
    sims: dict[str, Any] = {}
    urls: dict[str, str] = {}
    stops: list[Callable[[], None]] = []
    try:
        for name, (label, module_name, class_name, _port) in SIMULATORS.items():
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                print(f"The {label} simulator is not available in this version.", flush=True)
                continue
            sims[name] = getattr(module, class_name)()
            stops.append(_serve_simulator(module.make_app(sims[name]), ports[name]))
            urls[name] = f"http://127.0.0.1:{ports[name]}"
            print(f"{label} simulator: {urls[name]}  (control: /_sim/)", flush=True)
        for key in ("DATABASE_URL", "REDIS_URL", "MEDIA_STORAGE"):
            os.environ.pop(key, None)  # the sandbox always runs embedded
        os.environ.update(_sandbox_environment(urls, sims))
        os.environ["POSTLOOM_DATA_DIR"] = args.data_dir
        os.environ["POSTLOOM_BASE_URL"] = f"http://localhost:{args.port}"
        print(f"Sandbox data (separate from your real data): {args.data_dir}", flush=True)
        return cmd_serve(args)
    finally:
        for stop in stops:
            stop()


def cmd_onboard(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.exceptions import ValidationError

    from postloom.brands.onboarding import analyse_url
    from postloom.brands.problems import fetch_problem, warning_text
    from postloom.web.safe_http import FetchError

    try:
        # Nothing is saved, so nothing needs a database: the call is not recorded.
        profile, warnings = analyse_url(args.url, args.provider or "", record=False)
    except ValidationError as exc:
        print(exc.messages[0], file=sys.stderr)
        return 2
    except FetchError as exc:
        print(fetch_problem(exc.code, exc.detail), file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning_text(warning["code"], warning), file=sys.stderr)
    data = profile.model_dump()
    print(json.dumps(data, ensure_ascii=False) if args.json else format_profile(data))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    _setup_django()
    from datetime import timedelta
    from pathlib import Path

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from postloom.brands.models import Business
    from postloom.studio.actions import create_plan
    from postloom.studio.export import export_plan
    from postloom.studio.generation import perform_job

    business = Business.objects.filter(pk=args.business).first()
    if business is None:
        print(f"No business with id {args.business}.", file=sys.stderr)
        return 2
    start = timezone.localdate() + timedelta(days=1)
    try:
        job = create_plan(
            business,
            by=None,
            start=start,
            days=args.days,
            posts_per_week=args.per_week,
            background=False,
        )
    except ValidationError as exc:
        print(exc.messages[0], file=sys.stderr)
        return 2
    job = perform_job(job.pk)
    assert job.plan is not None
    out = export_plan(job.plan, Path(args.out))
    print(f"{job.done} posts written to {out} (open index.html); job {job.status}")
    return 0 if job.status == "done" else 1


def format_profile(data: dict[str, object]) -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        lines.append(f"{key.replace('_', ' '):>16}: {value}")
    return "\n".join(lines)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="postloom", description="Postloom content studio")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the web server and a worker")
    serve.add_argument("--host", default=os.environ.get("POSTLOOM_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("POSTLOOM_PORT", "8000")))
    serve.add_argument("--web-workers", type=int, default=1, help="web server processes")
    serve.add_argument("--threads", type=int, default=8, help="request threads per process")
    serve.add_argument("--no-worker", action="store_true", help="do not start a worker")
    serve.set_defaults(func=cmd_serve)

    sandbox = sub.add_parser(
        "sandbox", help="run Postloom against local Instagram and TikTok simulators"
    )
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=int(os.environ.get("POSTLOOM_PORT", "8000")))
    sandbox.add_argument("--web-workers", type=int, default=1, help="web server processes")
    sandbox.add_argument("--threads", type=int, default=8, help="request threads per process")
    sandbox.add_argument("--no-worker", action="store_true", help="do not start a worker")
    for name, (_label, _module, _class, port) in SIMULATORS.items():
        env_port = os.environ.get(f"POSTLOOM_SANDBOX_{name.upper()}_PORT", str(port))
        sandbox.add_argument(f"--{name}-port", type=int, default=int(env_port))
    sandbox.add_argument(
        "--data-dir", default=os.environ.get("POSTLOOM_SANDBOX_DATA_DIR", "data-sandbox")
    )
    sandbox.set_defaults(func=cmd_sandbox)

    worker = sub.add_parser("worker", help="run a background worker")
    worker.add_argument("--workers", type=int, default=0, help="worker threads")
    worker.add_argument(
        "--no-periodic", action="store_true", help="leave periodic jobs to another worker"
    )
    worker.add_argument(
        "--publishers",
        type=_count,
        default=0,
        metavar="N",
        help="also run N publisher threads that take due posts as they fall due, for many "
        "accounts or near-real-time publishing (default 0: huey's tasks and the dispatcher "
        "that runs every minute publish)",
    )
    worker.set_defaults(func=cmd_worker)

    onboard = sub.add_parser("onboard", help="read a website and print its brand profile")
    onboard.add_argument("url")
    onboard.add_argument("--json", action="store_true", help="print one JSON object")
    onboard.add_argument(
        "--provider", choices=("basic", "anthropic", "openai", "openai-compatible"), default=None
    )
    onboard.set_defaults(func=cmd_onboard)

    generate = sub.add_parser("generate", help="plan and generate posts into a folder")
    generate.add_argument("--business", type=int, required=True, help="business id")
    generate.add_argument("--days", type=int, default=30, help="1 to 31")
    generate.add_argument("--per-week", type=int, default=7, help="posts a week: 3, 5, 7, 10 or 14")
    generate.add_argument("--out", required=True, help="folder for media, posts.json, index.html")
    generate.set_defaults(func=cmd_generate)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(args.func(args))
