"""``/_sim/``: drive the TikTok simulator from another process (the benchmark, ``postloom
sandbox``, a browser test). JSON in, JSON out; the same shape as the Instagram simulator's.

    GET  /_sim/ or /_sim/state   switches, clock, creators, counts, posts, publishes
    POST /_sim/ or /_sim/switches  {"name": value, ...} sets fields of TikTokSim (unknown or
                                   mistyped → 400)
    POST /_sim/creators    {"creators": [{"open_id", "display_name", "username", "private"?,
                            "comment_disabled"?, "duet_disabled"?, "stitch_disabled"?,
                            "max_video_post_duration_sec"?, "can_post"?,
                            "cant_post_reason"?, ...}], "replace"?: false}
    POST /_sim/tokens      {"open_id", "scopes"?: [...]} → a token answer, as /v2/oauth/token/
    POST /_sim/expire      {"open_id"?} access tokens expire now (all when absent)
    POST /_sim/revoke      {"open_id"?} as if the person removed the app (all when absent)
    POST /_sim/errors      {"endpoint", "code", "times"?: 1, "status"?, "after"?: false}
                           (also /_sim/force); upload codes are HTTP statuses ("500", "416")
    POST /_sim/clock       {"advance": seconds} → state
    POST /_sim/settle      finish every fully transferred publish now
    POST /_sim/reset       a fresh simulator (switches too unless {"keep_switches": true})
    GET  /_sim/published   {"data": [posts], "duplicates": n}
    GET  /_sim/requests    the last requests: endpoint, method, path, status

No answer here holds a token other than /_sim/tokens' own, nor the client secret.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from postloom.sandbox.tiktok_http import Json, Request, Response, json_response
from postloom.sandbox.tiktok_state import Creator

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

_NOT_SWITCHES = frozenset({"creators", "client_secret"})
_NULLABLE = frozenset({"seed", "grant_scopes"})

Action = Callable[["TikTokSim", Json], Json]


def handle(sim: TikTokSim, request: Request) -> Response:
    name = request.path.removeprefix("/_sim").strip("/")
    action = _ACTIONS.get((request.method, name))
    if action is None:
        return _bad(f"No such control endpoint: {request.method} /_sim/{name}", 404)
    body = request.json() if request.method == "POST" else {}
    if body is None:
        return _bad("The body must be a JSON object.")
    try:
        return json_response(action(sim, body))
    except (ValueError, TypeError, KeyError) as exc:
        return _bad(str(exc))


def state(sim: TikTokSim, body: Json | None = None) -> Json:
    with sim.lock:
        now = sim.now()
        return {
            "switches": switches(sim),
            "clock": {"now": now, "offset": sim.clock.offset},
            "creators": [c.to_json() for c in sim.creators.values()],
            "counts": {
                "published": len(sim.posts),
                "duplicates": sim.duplicates(),
                "publishes": dict(Counter(p.status for p in sim.publishes.values())),
                "requests": dict(sim.counters),
                "daily_posts": {k: sim.daily_posts.count(k, now)
                                for k in sim.daily_posts.keys(now)},
                "tokens": {"codes": len(sim.tokens.codes), "access": len(sim.tokens.access),
                           "refresh": len(sim.tokens.refresh)},
            },
            "posts": [p.to_json() for p in sim.posts],
            "publishes": [p.summary() for p in sim.publishes.values()],
        }  # fmt: skip


def switches(sim: TikTokSim) -> Json:
    return {f.name: _copy(getattr(sim, f.name)) for f in dataclasses.fields(sim)
            if f.name not in _NOT_SWITCHES}  # fmt: skip


def set_switches(sim: TikTokSim, body: Json) -> Json:
    unknown = set(body) - set(switches(sim))
    if unknown:
        raise ValueError(f"Unknown switches: {', '.join(sorted(unknown))}")
    with sim.lock:
        for name, value in body.items():
            _check_type(name, getattr(sim, name), value)
        for name, value in body.items():
            setattr(sim, name, value)
        if "seed" in body:
            sim.rng = random.Random(body["seed"])  # noqa: S311  (faults, not secrets)
    return state(sim)


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


def seed_creators(sim: TikTokSim, body: Json) -> Json:
    creators = [Creator.from_json(c) for c in body.get("creators", [])]
    with sim.lock:
        if body.get("replace"):
            sim.creators.clear()
        for creator in creators:
            sim.creators[creator.open_id] = creator
    return state(sim)


def issue_tokens(sim: TikTokSim, body: Json) -> Json:
    scopes = body.get("scopes")
    if scopes is None:
        return sim.issue_tokens(str(body["open_id"]))
    return sim.issue_tokens(str(body["open_id"]), [str(s) for s in scopes])


def expire(sim: TikTokSim, body: Json) -> Json:
    return {"expired": sim.expire_tokens(str(body.get("open_id", "")))}


def revoke(sim: TikTokSim, body: Json) -> Json:
    sim.revoke_tokens(str(body.get("open_id", "")))
    return state(sim)


def force(sim: TikTokSim, body: Json) -> Json:
    status = body.get("status")
    sim.force(
        str(body["endpoint"]),
        str(body["code"]),
        int(body.get("times", 1)),
        int(status) if status is not None else None,
        after=bool(body.get("after")),
    )
    return state(sim)  # fmt: skip


def move_clock(sim: TikTokSim, body: Json) -> Json:
    seconds = body["advance"]
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise TypeError("advance must be a number of seconds")
    sim.advance(seconds)
    return state(sim)


def settle(sim: TikTokSim, body: Json) -> Json:
    sim.settle()
    return state(sim)


def reset(sim: TikTokSim, body: Json) -> Json:
    sim.reset(keep_switches=bool(body.get("keep_switches")))
    return state(sim)


def published(sim: TikTokSim, body: Json) -> Json:
    with sim.lock:
        return {"data": [p.to_json() for p in sim.posts], "duplicates": sim.duplicates()}


def requests(sim: TikTokSim, body: Json) -> Json:
    with sim.lock:
        return {"data": [{"endpoint": r.endpoint, "method": r.method, "path": r.path,
                          "status": r.status} for r in sim.requests]}  # fmt: skip


_ACTIONS: dict[tuple[str, str], Action] = {
    ("GET", ""): state,
    ("GET", "state"): state,
    ("POST", ""): set_switches,
    ("POST", "switches"): set_switches,
    ("POST", "creators"): seed_creators,
    ("POST", "tokens"): issue_tokens,
    ("POST", "expire"): expire,
    ("POST", "revoke"): revoke,
    ("POST", "errors"): force,
    ("POST", "force"): force,
    ("POST", "clock"): move_clock,
    ("POST", "settle"): settle,
    ("POST", "reset"): reset,
    ("GET", "published"): published,
    ("GET", "requests"): requests,
}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _bad(message: str, status: int = 400) -> Response:
    return json_response({"error": {"code": "invalid_request", "message": message}}, status)
