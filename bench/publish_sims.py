"""The simulators for bench/publish.py, each served by granian in a process of its own.

    BENCH_SIM_ACCOUNTS=900 BENCH_SIM_LATENCY=0.1 BENCH_SIM_FAULTS=0.02 \\
        granian --interface wsgi --workers 1 --blocking-threads 128 publish_sims:instagram

(``tiktok`` for the other one). granian, not the sandbox's wsgiref server: at hundreds of
requests a second a new connection and thread per request costs more CPU than the engine
being measured. One worker process, so the simulator's state is one.

Each simulator gets that many connected accounts, and answers, besides its API:

    GET /_bench/hello   its accounts with their tokens (and TikTok's app key)
    GET /_bench/stats   every published post (account, caption), duplicates as the simulator
                        counts them, requests and error answers by endpoint

Only simulator switches are used: latency before every answer, ``fault_rate`` random
transient faults (half of those on writes strike after the write took effect: a lost
answer), media not fetched (nothing serves them here), and, for TikTok, no per-minute rate
limits and no daily cap (both would measure TikTok's limits, not the engine).
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from postloom.sandbox import instagram_api, tiktok_api
from postloom.sandbox.instagram_state import INSTAGRAM_LOGIN
from postloom.sandbox.tiktok_state import Creator


class Bench:
    """A simulator's WSGI app with request counters and the /_bench/ routes."""

    def __init__(self, app: WSGIApplication, hello: Callable[[], Any], stats: Callable[[], Any]):
        self.app, self.hello, self.stats = app, hello, stats
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path in ("/_bench/hello", "/_bench/stats"):
            body = self.hello() if path.endswith("hello") else self.report()
            data = json.dumps(body).encode()
            start_response("200 OK", [("Content-Type", "application/json"),
                                      ("Content-Length", str(len(data)))])  # fmt: skip
            return [data]
        name = environ.get("REQUEST_METHOD", "") + " " + _head(path)

        def counting(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            with self.lock:
                self.requests[name] += 1
                if int(status.split()[0]) >= 400:
                    self.errors[name] += 1
            return start_response(status, headers, *rest)

        return self.app(environ, counting)

    def report(self) -> dict[str, Any]:
        with self.lock:
            counts = {"requests": dict(self.requests), "errors": dict(self.errors)}
        return {**self.stats(), **counts}


def _head(path: str) -> str:
    """/v24.0/1789.../media_publish → media_publish; /v24.0/1789... → node."""
    parts = [p for p in path.split("/") if p]
    last = parts[-1] if parts else ""
    return "node" if last.isdigit() else last


def _settings() -> tuple[int, float, float, int]:
    env = os.environ
    return (
        int(env.get("BENCH_SIM_ACCOUNTS", "10")),
        float(env.get("BENCH_SIM_LATENCY", "0.1")),
        float(env.get("BENCH_SIM_FAULTS", "0.02")),
        int(env.get("BENCH_SIM_SEED", "1")),
    )


def make_instagram() -> Bench:
    count, latency, faults, seed = _settings()
    sim = instagram_api.InstagramSim(
        latency=latency, fault_rate=faults, seed=seed, fetch_media=False, quota_total=1000
    )
    accounts = []
    for n in range(count):
        user = sim.add_instagram_account(f"bench.shop.{n}")
        accounts.append([user.ig_id, sim.issue_token(user.ig_id, INSTAGRAM_LOGIN).token])

    def stats() -> dict[str, Any]:
        with sim.lock:
            posts = [[p.ig_id, p.caption] for p in sim.published]
        return {"published": posts, "duplicates": sim.duplicates()}

    return Bench(instagram_api.make_app(sim), lambda: {"accounts": accounts}, stats)


def make_tiktok() -> Bench:
    count, latency, faults, seed = _settings()
    sim = tiktok_api.TikTokSim(
        latency=latency,
        fault_rate=faults,
        seed=seed + 1,
        fetch_media=False,
        rate_limit_enabled=False,
        daily_post_cap=1_000_000,
        # Throttling answers carry long retry-after times: they measure TikTok's limits.
        fault_kinds=["internal_error", "bad_gateway"],
    )
    accounts = []
    for n in range(count):
        open_id = f"bench-open-{n}"
        sim.add_creator(Creator(open_id=open_id, display_name=f"Bench {n}", username=f"b{n}"))
        tokens = sim.issue_tokens(open_id)
        accounts.append([open_id, tokens["access_token"], tokens["refresh_token"]])

    def stats() -> dict[str, Any]:
        with sim.lock:
            posts = [[p.open_id, p.title] for p in sim.posts]
        return {"published": posts, "duplicates": sim.duplicates()}

    hello = {"accounts": accounts, "app": [sim.client_key, sim.client_secret]}
    return Bench(tiktok_api.make_app(sim), lambda: hello, stats)


_KIND = os.environ.get("BENCH_SIM_KIND", "")
instagram = make_instagram() if _KIND == "instagram" else None
tiktok = make_tiktok() if _KIND == "tiktok" else None
