"""Publishing benchmark: exactly once, at the speed latency and concurrency allow.

10,000 approved posts across 1,000 connected accounts (9 in 10 Instagram feed pictures, the
rest TikTok videos by FILE_UPLOAD) are published through the real clients to the local
simulators (bench/publish_sims.py, their own process) answering after 100 ms, with 2 % random
transient faults — half of those on writes strike after the write took effect, so the answer
is lost and the engine must find out what happened. Four worker processes (threads in each)
run ``publishing.worker.run_worker``, as ``postloom worker --publishers N`` does. Then the
same again while workers are SIGKILLed at random moments (each one restarted at once).

For each run it prints published, duplicates (repeats at the simulators, which record every
post), lost (posts not at the network exactly once, or whose row does not say so), wall time
and throughput against the bound that latency and concurrency set:

    bound = worker threads / (network calls per post × latency)

where the calls per post are the fewest the protocols allow for the mix: 2 for an Instagram
picture (container, media_publish) plus one limit read per account, 5 for a TikTok video
(creator_info, init, the upload, two status reads: the simulator is still processing at the
first). Retries, recoveries and a limit read per worker process are the engine's cost, not
the bound's. It also prints the CPU the workers, the simulators and (when it runs here)
PostgreSQL used per post: on a small machine that, not the waiting, is the limit.

The last line is JSON: posts, published, duplicates, lost, throughput_ratio, kills (both runs
together; the ratio is the lower of the two), worker_cpu_ms_per_post (the higher), and each
run's figures.

    .venv/bin/python bench/publish.py [--quick] [--posts N] [--accounts N] [--threads N]

``--quick``: 1,000 posts on 100 accounts in all, half in each run. PostgreSQL when
DATABASE_URL is set (a database ``bench_publish`` is made afresh on that server), else SQLite
in a throwaway directory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import publish_cpu as cpu  # bench/ is on the path: this file is run as a script
from publish_seed import seed

BENCH_DB = "bench_publish"
HERE = Path(__file__).resolve().parent
IG_CALLS, TIKTOK_CALLS = 2, 5  # the fewest a post takes (see above)
ENGINE = {  # the policy for a 100 ms network: short backoffs, a lease well over a call
    "lease_seconds": 12.0,
    "retry_base_seconds": 0.4,
    "poll_base_seconds": 0.4,
    "idle_sleep_seconds": 0.2,
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 posts, 100 accounts")
    parser.add_argument("--posts", type=int, default=0)
    parser.add_argument("--accounts", type=int, default=0)
    parser.add_argument("--tiktok-share", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=6, help="threads per worker")
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--faults", type=float, default=0.02)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=240, help="seconds a run may take")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.posts = args.posts or (500 if args.quick else 10_000)  # a run's; two runs
    args.accounts = args.accounts or (100 if args.quick else max(1, args.posts // 10))
    return args


# --- Environment: database, data directory, simulators ----------------------------------


def database_env() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    data = tempfile.mkdtemp(prefix="postloom-bench-publish-")
    env = {"POSTLOOM_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "postloom.config.settings"}
    if not url:
        env["DATABASE_URL"] = ""
        return env
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    parts = urlsplit(url)
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    return env


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sim:
    """One simulator of bench/publish_sims.py, served by granian in its own process."""

    def __init__(self, kind: str, accounts: int, args: argparse.Namespace) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "BENCH_SIM_KIND": kind, "BENCH_SIM_ACCOUNTS": str(accounts),
               "BENCH_SIM_LATENCY": str(args.latency), "BENCH_SIM_FAULTS": str(args.faults),
               "BENCH_SIM_SEED": str(args.seed)}  # fmt: skip
        command = [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", "1", "--blocking-threads", "256",
            "--backlog", "2048", "--log-level", "warning", f"publish_sims:{kind}",
        ]  # fmt: skip
        self.proc = subprocess.Popen(command, cwd=HERE, env=env)
        self.hello: dict[str, Any] = self._wait_for_hello()

    def _get(self, path: str) -> dict[str, Any]:
        from urllib.request import urlopen

        with urlopen(self.url + path, timeout=60) as answer:  # noqa: S310  (our own server)
            return dict(json.loads(answer.read()))

    def _wait_for_hello(self) -> dict[str, Any]:
        deadline = time.monotonic() + 60
        while True:
            try:
                return self._get("/_bench/hello")
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("the simulator did not start") from None
                time.sleep(0.2)

    def stats(self) -> dict[str, Any]:
        return self._get("/_bench/stats")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Sims:
    def __init__(self, args: argparse.Namespace, instagram: int, tiktok: int) -> None:
        self.instagram = Sim("instagram", instagram, args)
        self.tiktok = Sim("tiktok", tiktok, args)
        self.hello = {
            "instagram": self.instagram.url,
            "tiktok": self.tiktok.url,
            "ig_accounts": self.instagram.hello["accounts"],
            "tt_accounts": self.tiktok.hello["accounts"],
            "tiktok_app": self.tiktok.hello["app"],
        }

    def stats(self) -> dict[str, Any]:
        return {"instagram": self.instagram.stats(), "tiktok": self.tiktok.stats()}

    def stop(self) -> None:
        self.instagram.stop()
        self.tiktok.stop()


def network_env(sims: Sims) -> dict[str, str]:
    ig, tt = sims.hello["instagram"], sims.hello["tiktok"]
    key, secret = sims.hello["tiktok_app"]
    return {
        "INSTAGRAM_API_URL": ig,
        "INSTAGRAM_GRAPH_URL": ig,
        "FACEBOOK_GRAPH_URL": ig,
        "TIKTOK_API_URL": tt,
        "TIKTOK_CLIENT_KEY": key,
        "TIKTOK_CLIENT_SECRET": secret,
        # Shorter than the lease, so no call outlives its worker's hold on the row.
        "POSTLOOM_NETWORK_TIMEOUT": "3",
        "POSTLOOM_BASE_URL": "http://127.0.0.1:8000",
    }


# --- A worker process ---------------------------------------------------------------------


def worker_main(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.conf import settings

    from postloom.publishing import worker

    settings.PUBLISHING = ENGINE
    quiet_logs()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    worker.run_worker(args.threads, stop)


def quiet_logs() -> None:
    """A line per request and per publication would cost more than the engine itself here."""
    import logging

    for name in ("httpx", "postloom"):
        logging.getLogger(name).setLevel(logging.WARNING)


class Workers:
    def __init__(self, args: argparse.Namespace, env: dict[str, str]) -> None:
        self.command = [sys.executable, str(Path(__file__).resolve()), "--worker",
                        "--threads", str(args.threads)]  # fmt: skip
        self.env = env
        self.procs = [self._spawn() for _ in range(args.workers)]
        self.kills = 0

    def _spawn(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(self.command, env=self.env)

    def kill_one(self, rng: random.Random) -> None:
        """SIGKILL a random worker mid-flight and start another in its place."""
        n = rng.randrange(len(self.procs))
        self.procs[n].send_signal(signal.SIGKILL)
        self.procs[n].wait()
        self.kills += 1
        self.procs[n] = self._spawn()

    def stop(self) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


# --- One run -------------------------------------------------------------------------------


def run(
    args: argparse.Namespace, sims: Sims, env: dict[str, str], kills: int, tag: str
) -> dict[str, Any]:
    from postloom.publishing.models import Publication

    started_seed = time.monotonic()
    first_row = Publication.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    post_ids = seed(args, sims.hello, tag)
    print(f"[{tag}] {len(post_ids)} approved posts seeded in "
          f"{time.monotonic() - started_seed:.1f} s", flush=True)  # fmt: skip
    rows = Publication.objects.filter(pk__gt=first_row)
    rng = random.Random(args.seed + kills)  # noqa: S311  (kill moments, not secrets)
    threads = args.workers * args.threads
    bound = threads / (calls_per_post(args, len(post_ids)) * args.latency)
    expected = len(post_ids) / bound
    kill_at = sorted(rng.uniform(0.1, 0.6) * expected for _ in range(kills))
    before = cpu_now(sims)
    started = time.monotonic()
    workers = Workers(args, env)
    try:
        while time.monotonic() - started < args.timeout:
            elapsed = time.monotonic() - started
            while kill_at and elapsed >= kill_at[0]:
                kill_at.pop(0)
                workers.kill_one(rng)
            if rows.filter(status__in=Publication.ENDED).count() == len(post_ids):
                break
            time.sleep(0.5)
    finally:
        wall = time.monotonic() - started
        workers.stop()
    result = tally(args, sims, rows, tag, wall, bound, workers.kills, len(post_ids))
    used = {part: cpu_now(sims)[part] - before[part] for part in before}  # workers have exited
    per_post = {part: round(1000 * seconds / max(1, len(post_ids)), 1)
                for part, seconds in used.items()}  # fmt: skip
    result["worker_cpu_ms_per_post"] = per_post["workers"]
    result["cpu_ms_per_post"] = per_post
    result["cpu_cores"] = os.cpu_count()
    print(f"[{tag}] CPU per post: workers {per_post['workers']} ms, simulators "
          f"{per_post['simulators']} ms, PostgreSQL {per_post['postgres']} ms, this process "
          f"{per_post['bench']} ms ({sum(used.values()):.0f} s in all on {os.cpu_count()} "
          f"cores)", flush=True)  # fmt: skip
    return result


def cpu_now(sims: Sims) -> dict[str, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "workers": cpu.workers(),
        "simulators": cpu.tree(sims.instagram.proc.pid) + cpu.tree(sims.tiktok.proc.pid),
        "postgres": cpu.postgres(),
        "bench": own.ru_utime + own.ru_stime,
    }


def calls_per_post(args: argparse.Namespace, posts: int) -> float:
    """The fewest network calls a post of this run's mix takes (see the module's docstring)."""
    tiktok_accounts = round(args.accounts * args.tiktok_share)
    tiktok_posts = round(posts * args.tiktok_share) if tiktok_accounts else 0
    ig_posts = posts - tiktok_posts
    ig_accounts = min(args.accounts - tiktok_accounts, ig_posts)
    return (ig_posts * IG_CALLS + ig_accounts + tiktok_posts * TIKTOK_CALLS) / posts


def tally(args: argparse.Namespace, sims: Sims, rows: Any, tag: str, wall: float,
          bound: float, kills: int, posts: int) -> dict[str, Any]:  # fmt: skip
    from collections import Counter

    stats = sims.stats()
    at_network: Counter[str] = Counter()
    for platform in ("instagram", "tiktok"):
        for _account, caption in stats[platform]["published"]:
            key = caption.split(" ", 1)[0]
            if key.startswith(f"{tag}-"):
                at_network[key] += 1
    statuses = Counter(rows.values_list("status", flat=True))
    state = {
        caption.split(" ", 1)[0]: status
        for caption, status in rows.values_list("post__caption", "status")
    }
    ended = {key for key, status in state.items() if status in ("published", "failed", "cancelled")}
    duplicates = sum(count - 1 for count in at_network.values())
    # Lost: ended, yet not at the network exactly once with a row that says "published".
    lost = sum(1 for key in ended if at_network[key] != 1 or state[key] != "published")
    unfinished = posts - len(ended)  # still on their way when the run's time ran out
    published = sum(1 for key in state if at_network[key] >= 1)
    throughput = published / wall if wall else 0.0
    result = {
        "posts": posts, "published": published, "duplicates": duplicates, "lost": lost,
        "unfinished": unfinished, "statuses": dict(statuses), "wall_seconds": round(wall, 1),
        "throughput": round(throughput, 1), "bound": round(bound, 1),
        "throughput_ratio": round(throughput / bound, 3), "kills": kills,
        "threads": args.workers * args.threads, "calls": _calls(stats),
    }  # fmt: skip
    print(
        f"[{tag}] published {published}/{posts}, duplicates {duplicates}, lost {lost}, "
        f"unfinished {unfinished}, kills {kills}; {wall:.1f} s, {throughput:.1f} posts/s "
        f"of a bound of {bound:.1f} ({100 * throughput / bound:.0f} %); rows {dict(statuses)}",
        flush=True,
    )
    return result


_CALLS_BEFORE: dict[str, int] = {}  # the simulators count from their start: runs take deltas


def _calls(stats: dict[str, Any]) -> dict[str, int]:
    totals = {
        f"{platform}_{kind}": sum(stats[platform][kind].values())
        for platform in ("instagram", "tiktok")
        for kind in ("requests", "errors")
    }
    delta = {name: total - _CALLS_BEFORE.get(name, 0) for name, total in totals.items()}
    _CALLS_BEFORE.update(totals)
    return delta


def main() -> None:
    began = time.monotonic()
    args = parse_args()
    if args.worker:
        worker_main(args)
        return
    env = {**os.environ, **database_env()}
    tiktok_accounts = round(args.accounts * args.tiktok_share)
    sims = Sims(args, args.accounts - tiktok_accounts, tiktok_accounts)
    env.update(network_env(sims))
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(f"{args.posts} posts, {args.accounts} accounts ({tiktok_accounts} TikTok), "
          f"{args.workers} workers x {args.threads} threads, {args.latency * 1000:.0f} ms "
          f"latency, {args.faults:.0%} faults, database "
          f"{'PostgreSQL' if env['DATABASE_URL'] else 'SQLite'}", flush=True)  # fmt: skip
    try:
        steady = run(args, sims, env, 0, "steady")
        killed = run(args, sims, env, args.kills, "killed")
    finally:
        sims.stop()
    both = (steady, killed)
    summary = {
        "posts": sum(r["posts"] for r in both),
        "published": sum(r["published"] for r in both),
        "duplicates": sum(r["duplicates"] for r in both),
        "lost": sum(r["lost"] for r in both),
        "unfinished": sum(r["unfinished"] for r in both),
        "throughput_ratio": min(r["throughput_ratio"] for r in both),
        "kills": killed["kills"],
        "worker_cpu_ms_per_post": max(r["worker_cpu_ms_per_post"] for r in both),
        "wall_seconds": round(time.monotonic() - began, 1),
        "steady": steady,
        "killed": killed,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
