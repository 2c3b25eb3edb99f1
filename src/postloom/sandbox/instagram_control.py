"""``/_sim/``: drive the Instagram simulator from another process (the benchmark, `postloom
sandbox`, a browser test). JSON in, JSON out.

    GET  /_sim/state       switches, clock, accounts, Pages, counts, publications, forced errors
    POST /_sim/switches    {"name": value, ...} sets fields of InstagramSim (unknown → 400)
    POST /_sim/accounts    {"variant": "instagram_login", "username", "ig_id"?, "name"?,
                            "biography"?, "website"?} or {"variant": "facebook_login",
                            "page_name", "username"? (linked IG account), "page_id"?, "ig_id"?,
                            "fb_user_id"?}  → the account / Page created
    POST /_sim/tokens      {"ig_id"} (Instagram Login) or {"fb_user_id"} (Facebook Login),
                           "kind"?: long|short → {"access_token", "expires_in", ...}
    POST /_sim/revoke      {"access_token"? , "subject"?} revokes (both empty: every token)
    POST /_sim/expire      same selection; the tokens expire now
    POST /_sim/errors      {"endpoint", "code", "subcode"?, "times"?, "status"?, "transient"?,
                            "after"?: true (the call takes effect, its answer is lost)}
    POST /_sim/clock       {"advance": seconds} → {"now": ...}
    POST /_sim/reset       everything back to a fresh simulator (switches too unless
                           {"keep_switches": true})
    GET  /_sim/published   {"data": [publications], "duplicates": n}
    GET  /_sim/requests    the last API requests (method, path, endpoint, version, status)
    GET  /_sim/media/<name>.jpg   a placeholder picture (seeded posts, avatars)
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections import Counter
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from postloom.sandbox.instagram_http import Reply, Request, as_bool, json_reply
from postloom.sandbox.instagram_state import FACEBOOK_LOGIN, INSTAGRAM_LOGIN, iso

if TYPE_CHECKING:
    from postloom.sandbox.instagram_api import InstagramSim

Json = dict[str, Any]


class ControlError(Exception):
    pass


def handle(sim: InstagramSim, request: Request) -> Reply:
    name = request.path.removeprefix("/_sim/").strip("/")
    if name.startswith("media/") and request.method == "GET":
        return _placeholder(name.removeprefix("media/"))
    routes = {
        ("GET", "state"): state,
        ("POST", "switches"): set_switches,
        ("POST", "accounts"): add_account,
        ("POST", "tokens"): issue_token,
        ("POST", "revoke"): revoke,
        ("POST", "expire"): expire,
        ("POST", "errors"): force_error,
        ("POST", "clock"): clock,
        ("POST", "reset"): reset,
        ("GET", "published"): published,
        ("GET", "requests"): requests,
    }
    handler = routes.get((request.method, name))
    if handler is None:
        return json_reply(
            {"error": f"no such control endpoint: {request.method} /_sim/{name}"},
            HTTPStatus.NOT_FOUND,
        )
    try:
        return json_reply(handler(sim, request.body))
    except (ControlError, KeyError, TypeError, ValueError) as exc:
        return json_reply({"error": str(exc)}, HTTPStatus.BAD_REQUEST)


def switches(sim: InstagramSim) -> Json:
    return {f.name: getattr(sim, f.name) for f in dataclasses.fields(sim)}


def state(sim: InstagramSim, body: Json) -> Json:
    with sim.lock:
        statuses = Counter(c.status(sim.now(), sim.container_ttl) for c in sim.containers.values())
        return {
            "switches": switches(sim),
            "clock": {"now": iso(sim.now()), "offset": sim.clock.offset},
            "accounts": [
                {
                    "ig_id": u.ig_id,
                    "username": u.username,
                    "variant": u.variant,
                    "media_count": len(u.media),
                }
                for u in sim.users.values()
            ],
            "pages": [
                dataclasses.asdict(p) | {"access_token": "(hidden)"} for p in sim.pages.values()
            ],
            "facebook_users": [dataclasses.asdict(u) for u in sim.fb_users.values()],
            "counts": {
                "published": len(sim.published),
                "duplicates": sim.duplicates(),
                "containers": dict(statuses),
                "requests": sim.request_count,
            },
            "published": [p.as_json() for p in sim.published],
            "forced_errors": [dataclasses.asdict(f) for f in sim.forced],
        }


def set_switches(sim: InstagramSim, body: Json) -> Json:
    known = {f.name for f in dataclasses.fields(sim)}
    unknown = sorted(set(body) - known)
    if unknown:
        raise ControlError(f"unknown switch: {', '.join(unknown)}")
    with sim.lock:
        for name, value in body.items():
            setattr(sim, name, _coerce(getattr(sim, name), value, name))
        if "seed" in body:
            sim.rng.seed(sim.seed)
    return {"switches": switches(sim)}


def _coerce(current: Any, value: Any, name: str) -> Any:
    if name == "seed":
        return None if value is None else int(value)
    if isinstance(current, bool):
        return as_bool(value)
    for kind in (int, float, str):
        if isinstance(current, kind):
            return kind(value)
    if isinstance(current, list | dict) and isinstance(value, type(current)):
        return value
    raise ControlError(f"{name} expects a {type(current).__name__}")


def add_account(sim: InstagramSim, body: Json) -> Json:
    variant = body.get("variant", INSTAGRAM_LOGIN)
    if variant == INSTAGRAM_LOGIN:
        user = sim.add_instagram_account(
            str(body["username"]),
            ig_id=str(body.get("ig_id", "")),
            name=str(body.get("name", "")),
            biography=str(body.get("biography", "")),
            website=str(body.get("website", "")),
        )
        return {"variant": variant, "ig_id": user.ig_id, "username": user.username}
    if variant == FACEBOOK_LOGIN:
        kwargs = {k: str(body[k]) for k in ("page_id", "ig_id", "fb_user_id") if body.get(k)}
        page = sim.add_page(
            str(body["page_name"]), ig_username=str(body.get("username", "")), **kwargs
        )
        return {
            "variant": variant,
            "page_id": page.page_id,
            "ig_id": page.ig_id,
            "fb_user_id": kwargs.get("fb_user_id", sim.login_facebook_user),
        }
    raise ControlError("variant must be instagram_login or facebook_login")


def issue_token(sim: InstagramSim, body: Json) -> Json:
    kind = str(body.get("kind", "long"))
    if kind not in ("long", "short"):
        raise ControlError("kind must be long or short")
    if body.get("ig_id"):
        subject, variant = str(body["ig_id"]), INSTAGRAM_LOGIN
        if subject not in sim.users or sim.users[subject].variant != INSTAGRAM_LOGIN:
            raise ControlError("no Instagram Login account with that ig_id")
    elif body.get("fb_user_id"):
        subject, variant = str(body["fb_user_id"]), FACEBOOK_LOGIN
        if subject not in sim.fb_users:
            raise ControlError("no Facebook user with that id")
    else:
        raise ControlError("give ig_id or fb_user_id")
    token = sim.issue_token(subject, variant, kind=kind)
    expires_in = int(token.expires_at - token.issued_at) if token.expires_at else None
    return {
        "access_token": token.token,
        "expires_in": expires_in,
        "variant": variant,
        "account_id": subject,
        "scopes": token.scopes,
    }


def revoke(sim: InstagramSim, body: Json) -> Json:
    count = sim.revoke_tokens(
        token=str(body.get("access_token", "")), subject=str(body.get("subject", ""))
    )
    return {"revoked": count}


def expire(sim: InstagramSim, body: Json) -> Json:
    count = sim.expire_tokens(
        token=str(body.get("access_token", "")), subject=str(body.get("subject", ""))
    )
    return {"expired": count}


def force_error(sim: InstagramSim, body: Json) -> Json:
    endpoint, times = str(body["endpoint"]), int(body.get("times", 1))
    if as_bool(body.get("after", False)):
        sim.lose_answers(endpoint, times)
    else:
        subcode = body.get("subcode")
        sim.force_error(
            endpoint,
            int(body["code"]),
            None if subcode is None else int(subcode),
            times=times,
            status=int(body.get("status", 400)),
            transient=as_bool(body.get("transient", False)),
            message=str(body.get("message", "Forced by the sandbox")),
        )
    return {"forced_errors": [dataclasses.asdict(f) for f in sim.forced]}


def clock(sim: InstagramSim, body: Json) -> Json:
    sim.advance(float(body.get("advance", 0)))
    return {"now": iso(sim.now()), "offset": sim.clock.offset}


def reset(sim: InstagramSim, body: Json) -> Json:
    if not as_bool(body.get("keep_switches", False)):
        fresh = type(sim)()
        with sim.lock:
            for field in dataclasses.fields(sim):
                setattr(sim, field.name, getattr(fresh, field.name))
            sim.rng.seed(sim.seed)
    sim.clock.offset = 0.0
    sim.reset_state()
    sim.requests.clear()
    sim.request_count = 0
    return {"reset": True}


def published(sim: InstagramSim, body: Json) -> Json:
    return {"data": [p.as_json() for p in sim.published_for()], "duplicates": sim.duplicates()}


def requests(sim: InstagramSim, body: Json) -> Json:
    return {"data": [dataclasses.asdict(r) for r in list(sim.requests)[-500:]]}


_PICTURES: dict[str, bytes] = {}


def _placeholder(name: str) -> Reply:
    """A square JPEG in a colour derived from the name: stable, and clearly not a real photo."""
    if not name.endswith(".jpg") or "/" in name:
        return json_reply({"error": "not found"}, HTTPStatus.NOT_FOUND)
    if name not in _PICTURES:
        from PIL import Image, ImageDraw

        digest = hashlib.sha256(name.encode()).digest()
        image = Image.new("RGB", (640, 640), (digest[0], digest[1], digest[2]))
        ImageDraw.Draw(image).text((24, 24), "SANDBOX", fill=(255, 255, 255))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        _PICTURES[name] = buffer.getvalue()
    return Reply(HTTPStatus.OK, _PICTURES[name], "image/jpeg")
