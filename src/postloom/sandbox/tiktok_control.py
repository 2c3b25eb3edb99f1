"""``/_sim/``: the TikTok simulator's state and switches over HTTP (see tiktok_api's docstring).

The state never holds a token, a code or the client secret.
"""

from __future__ import annotations

import dataclasses
import random
from typing import TYPE_CHECKING, Any

from postloom.sandbox.tiktok_http import Json, Request, Response, json_response
from postloom.sandbox.tiktok_state import Creator, DailyCounter, RateLimiter, TokenStore

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

_NOT_SWITCHES = frozenset({"creators", "client_secret"})
_NULLABLE = frozenset({"seed", "grant_scopes"})


def handle(sim: TikTokSim, request: Request) -> Response:
    action = request.path.removeprefix("/_sim").strip("/")
    if request.method == "GET" and action == "":
        return json_response(state(sim))
    if request.method != "POST":
        return _bad("Use GET /_sim/ or POST.", 405)
    body = request.json()
    if body is None:
        return _bad("The body must be a JSON object.")
    actions = {"": set_switches, "creators": seed_creators, "clock": move_clock,
               "force": force, "settle": settle, "reset": reset}  # fmt: skip
    if action not in actions:
        return _bad(f"No such control: {action}", 404)
    try:
        actions[action](sim, body)
    except (ValueError, TypeError, KeyError) as exc:
        return _bad(str(exc))
    return json_response(state(sim))


def state(sim: TikTokSim) -> Json:
    with sim.lock:
        now = sim.now()
        return {
            "switches": switches(sim),
            "clock": {"now": now, "offset": sim.clock.offset},
            "creators": [c.to_json() for c in sim.creators.values()],
            "posts": [p.to_json() for p in sim.posts],
            "publishes": [p.summary() for p in sim.publishes.values()],
            "counters": dict(sim.counters),
            "daily_posts": {k: sim.daily_posts.count(k, now) for k in sim.daily_posts.keys(now)},
            "tokens": {"codes": len(sim.tokens.codes), "access": len(sim.tokens.access),
                       "refresh": len(sim.tokens.refresh)},  # fmt: skip
        }


def switches(sim: TikTokSim) -> Json:
    return {f.name: _copy(getattr(sim, f.name)) for f in dataclasses.fields(sim)
            if f.name not in _NOT_SWITCHES}  # fmt: skip


def set_switches(sim: TikTokSim, body: Json) -> None:
    known = set(switches(sim))
    unknown = set(body) - known
    if unknown:
        raise ValueError(f"Unknown switches: {', '.join(sorted(unknown))}")
    with sim.lock:
        for name, value in body.items():
            _check_type(name, getattr(sim, name), value)
        for name, value in body.items():
            setattr(sim, name, value)
        if "seed" in body:
            sim.rng = random.Random(body["seed"])  # noqa: S311  (faults, not secrets)


def _check_type(name: str, current: Any, value: Any) -> None:
    if value is None and name in _NULLABLE:
        return
    expected: type | tuple[type, ...] = type(current)
    if current is None:  # a nullable switch now unset: accept its natural types
        expected = (int, list)
    elif isinstance(current, float):
        expected = (int, float)
    if isinstance(value, bool) != isinstance(current, bool) or not isinstance(value, expected):
        raise TypeError(f"{name} must be {type(current).__name__}")


def seed_creators(sim: TikTokSim, body: Json) -> None:
    creators = [Creator.from_json(c) for c in body.get("creators", [])]
    with sim.lock:
        if body.get("replace"):
            sim.creators.clear()
        for creator in creators:
            sim.creators[creator.open_id] = creator


def move_clock(sim: TikTokSim, body: Json) -> None:
    seconds = body["advance"]
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise TypeError("advance must be a number of seconds")
    sim.advance(seconds)


def force(sim: TikTokSim, body: Json) -> None:
    status = body.get("status")
    sim.force(str(body["endpoint"]), str(body["code"]), int(body.get("times", 1)),
              int(status) if status is not None else None)  # fmt: skip


def settle(sim: TikTokSim, body: Json) -> None:
    sim.settle()


def reset(sim: TikTokSim, body: Json) -> None:
    with sim.lock:
        sim.tokens = TokenStore()
        sim.limiter = RateLimiter()
        sim.daily_posts, sim.pending_shares = DailyCounter(), DailyCounter()
        sim.active_creators = DailyCounter()
        sim.publishes.clear()
        sim.uploads.clear()
        sim.posts.clear()
        sim.counters.clear()
        sim.requests.clear()
        sim.forced.clear()


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _bad(message: str, status: int = 400) -> Response:
    return json_response({"error": {"code": "invalid_request", "message": message}}, status)
