"""The simulator's traffic rules: usage headers, throttling, forced errors and random faults.

Throttling and random faults strike Graph API calls only (not the OAuth endpoints, so that
connecting an account in the sandbox keeps working while publishing is being tortured);
forced errors strike whichever endpoint they name.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from postloom.sandbox.instagram_http import GraphError, Reply, Request
from postloom.sandbox.instagram_state import ForcedError

if TYPE_CHECKING:
    from postloom.sandbox.instagram_api import InstagramSim

OAUTH_ENDPOINTS = frozenset({"ig_code", "ig_exchange", "ig_refresh", "fb_token", "unknown"})
WRITE_ENDPOINTS = frozenset({"media", "media_publish"})
HOUR = 3600.0

_FAULTS: tuple[tuple[int, int, int | None, str], ...] = (  # status, code, subcode, message
    (500, 1, None, "An unknown error occurred"),
    (500, 2, None, "Service temporarily unavailable"),
    (400, -1, 2207001, "An unexpected error occurred. Please try again later."),
    (503, 0, None, ""),  # not JSON at all: a proxy's page
)


class Traffic:
    def __init__(self) -> None:
        self.calls: deque[float] = deque()

    def run(
        self, sim: InstagramSim, endpoint: str, request: Request, call: Callable[[], Reply]
    ) -> Reply:
        with sim.lock:
            self._count(sim.now())
            throttle = sim.throttle if endpoint not in OAUTH_ENDPOINTS else ""
            before, after = self._decide(sim, endpoint)
        if before is not None:
            reply = before
        else:
            reply = call()
            if after is not None and reply.status < 400:
                reply = after  # the write happened; its answer is lost
        reply.headers.extend(self.usage_headers(sim, request, throttle))
        return reply

    def _decide(self, sim: InstagramSim, endpoint: str) -> tuple[Reply | None, Reply | None]:
        forced = _take_forced(sim, endpoint)
        if forced is not None:
            reply = _forced_reply(forced)
            return (None, reply) if forced.after else (reply, None)
        if endpoint in OAUTH_ENDPOINTS:
            return None, None
        if sim.throttle:
            return _throttled(sim), None
        if sim.error_rate and sim.rng.random() < sim.error_rate:
            error = GraphError(
                2,
                "An unexpected error has occurred. Please retry your request later.",
                status=500,
                transient=True,
            )
            return error.reply(), None
        if sim.fault_rate and sim.rng.random() < sim.fault_rate:
            if endpoint in WRITE_ENDPOINTS and sim.rng.random() < sim.fault_after_share:
                return None, _plain(502, "Bad Gateway")
            return _fault(sim.rng.choice(_FAULTS)), None
        return None, None

    def _count(self, now: float) -> None:
        self.calls.append(now)
        while self.calls and self.calls[0] < now - HOUR:
            self.calls.popleft()

    def usage(self, sim: InstagramSim) -> int:
        return min(100, round(100 * len(self.calls) / max(1, sim.app_call_limit)))

    def usage_headers(
        self, sim: InstagramSim, request: Request, throttle: str = ""
    ) -> list[tuple[str, str]]:
        """``throttle``: the mode that was on for this call; its metric then reads 100 %."""
        percent = self.usage(sim)
        app_percent = 100 if throttle == "app" else percent
        app = {
            "call_count": app_percent,
            "total_cputime": app_percent // 2,
            "total_time": app_percent // 2,
        }
        headers = [("X-App-Usage", json.dumps(app))]
        business = _business_id(sim, request) or ("sandbox" if throttle == "buc" else "")
        if business:
            percent = 100 if throttle == "buc" else percent
            regain = sim.throttle_minutes if throttle == "buc" else 0
            usage = {
                "type": "instagram",
                "call_count": percent,
                "total_cputime": percent // 2,
                "total_time": percent // 2,
                "estimated_time_to_regain_access": regain,
            }
            headers.append(("X-Business-Use-Case-Usage", json.dumps({business: [usage]})))
        return headers


def _take_forced(sim: InstagramSim, endpoint: str) -> ForcedError | None:
    for forced in sim.forced:
        if forced.endpoint in (endpoint, "*") and forced.times != 0:
            forced.times -= 1
            if forced.times == 0:
                sim.forced.remove(forced)
            return forced
    return None


def _forced_reply(forced: ForcedError) -> Reply:
    error = GraphError(
        forced.code,
        forced.message,
        subcode=forced.subcode,
        status=forced.status,
        transient=forced.transient,
    )
    return error.reply()


def _throttled(sim: InstagramSim) -> Reply:
    if sim.throttle_times > 0:
        sim.throttle_times -= 1
    mode = sim.throttle
    if sim.throttle_times == 0:
        sim.throttle, sim.throttle_times = "", -1  # this was the last throttled call
    if mode == "buc":
        error = GraphError(
            80002,
            "There have been too many calls to this Instagram account. Wait a bit and try again.",
            transient=True,
        )
    else:
        error = GraphError(4, "Application request limit reached", status=403, transient=True)
    return error.reply()


def _fault(fault: tuple[int, int, int | None, str]) -> Reply:
    status, code, subcode, message = fault
    if not message:
        return _plain(status, "Service Unavailable")
    return GraphError(code, message, subcode=subcode, status=status, transient=True).reply()


def _plain(status: int, text: str) -> Reply:
    return Reply(status, f"<html><body>{text}</body></html>".encode(), "text/html")


def _business_id(sim: InstagramSim, request: Request) -> str:
    parts = [p for p in request.path.split("/") if p]
    if len(parts) >= 2 and parts[1] in sim.users:
        return parts[1]
    token = sim.tokens.get(request.token)
    return token.subject if token is not None and token.subject in sim.users else ""
