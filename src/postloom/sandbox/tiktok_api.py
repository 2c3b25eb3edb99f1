"""A local stand-in for TikTok: Login Kit (OAuth v2) and the Content Posting API, on one URL.

``make_app(sim)`` returns a WSGI app; run it with ``postloom.sandbox.server.serve`` and use
its base URL both as ``TIKTOK_API_URL`` and, with ``/v2/auth/authorize/``, as
``TIKTOK_AUTHORIZE_URL``. It follows ../shared/reference/platform-apis.md §2, failure modes
included. Nothing of Postloom's domain is imported here.

Endpoints:

    GET  /v2/auth/authorize/                consent page ("Sandbox"): pick an account, Allow
                                            or Cancel; ``auto_approve`` redirects at once
    POST /v2/auth/authorize/                the page's form → 302 redirect_uri?code&scopes&state
    POST /v2/oauth/token/                   form: authorization_code / refresh_token grants
    POST /v2/oauth/revoke/                  form: token → {}
    GET  /v2/user/info/?fields=...          Bearer
    POST /v2/post/publish/creator_info/query/
    POST /v2/post/publish/video/init/       Direct Post, FILE_UPLOAD or PULL_FROM_URL
    POST /v2/post/publish/inbox/video/init/ drafts to the creator's inbox
    POST /v2/post/publish/content/init/     photo posts (PULL_FROM_URL)
    PUT  /upload/?upload_id=..&upload_token=..  the upload_url of a FILE_UPLOAD init
    POST /v2/post/publish/status/fetch/
    POST /v2/post/publish/cancel/
    GET  /avatars/<open_id>.png             a creator's profile picture, drawn by the simulator
                                            (the avatar URLs it answers point here)

Control over HTTP under ``/_sim/`` (state, switches, creators, tokens, errors, clock,
settle, reset, published, requests): see tiktok_control.py. From Python, ``app.sim`` is the
``TikTokSim``: set its fields, or call ``force``, ``advance``, ``add_creator``,
``issue_tokens``, ``expire_tokens``, ``revoke_tokens``, ``settle``, ``duplicates``, ``reset``.

Every post that reached a profile or an inbox is kept in ``sim.posts`` (open_id, publish_id,
kind, mode, title, privacy, time, post id, media hash and URLs); ``duplicates()`` counts
repeats. Every request is kept in ``sim.requests`` (the last 2000, bodies included).

Seeded creators (``tiktok_state.default_creators``): ``sbx-open-kopisenja`` (public,
@kopisenja.sandbox, everything allowed, 600 s videos) and ``sbx-open-private`` (private,
@tokobatik.private, duet and stitch disabled, 180 s videos). The default consenting account
is the first one; PULL_FROM_URL media are accepted from http://127.0.0.1 and http://localhost.

Switches are the fields of ``TikTokSim``; see the comments there. Endpoint names (for
``force``, ``rate_limits`` and counters): authorize, token, revoke, user_info, creator_info,
video_init, inbox_init, content_init, upload, status, cancel.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from wsgiref.types import StartResponse, WSGIEnvironment

from postloom.sandbox import (
    tiktok_avatars,
    tiktok_control,
    tiktok_oauth,
    tiktok_posting,
    tiktok_upload,
)
from postloom.sandbox.clock import Clock
from postloom.sandbox.tiktok_http import Json, Request, Response, api_error, json_response, parse
from postloom.sandbox.tiktok_state import (
    AVATAR_PREFIX,
    Creator,
    DailyCounter,
    PostRecord,
    Publish,
    RateLimiter,
    TokenRecord,
    TokenStore,
    default_creators,
)
from postloom.sandbox.tiktok_traffic import FAULT_KINDS, faults, upload_progress

DEFAULT_SCOPES = ("user.info.basic", "video.publish", "video.upload")
# What reset() renews besides the switches (the lock stays: other threads may hold it).
_STATE = ("clock", "tokens", "limiter", "daily_posts", "pending_shares", "active_creators",
          "publishes", "uploads", "posts", "counters", "requests")  # fmt: skip

AUTHORIZE_PATH = "/v2/auth/authorize/"
UPLOAD_PATH = "/upload/"
CONTROL_PREFIX = "/_sim/"

RATE_LIMITS = {"creator_info": 20, "video_init": 6, "inbox_init": 6, "content_init": 6,
               "status": 30}  # fmt: skip

Handler = Callable[["TikTokSim", Request], Response]
ApiHandler = Callable[["TikTokSim", Request, TokenRecord], Response]


@dataclass
class TikTokSim:
    # The registered app. redirect_uris empty = any absolute http(s) URI is accepted.
    client_key: str = "sbx-tiktok-client-key"
    client_secret: str = "sbx-tiktok-client-secret"  # noqa: S105  (the simulator's own)
    redirect_uris: list[str] = field(default_factory=list)
    # Consent: auto_approve skips the page; deny answers error=access_denied; authorize_as is
    # the open_id that consents (default: the first creator); grant_scopes narrows the grant.
    auto_approve: bool = False
    deny: bool = False
    authorize_as: str = ""
    grant_scopes: list[str] | None = None
    # Tokens (seconds of the fake clock); rotate_refresh: a refresh retires the old token.
    access_ttl: int = 86400
    refresh_ttl: int = 31536000
    rotate_refresh: bool = True
    code_ttl: int = 600
    # The app's standing: unaudited apps may only post SELF_ONLY to private accounts (and
    # at most 5 creators a day); PULL_FROM_URL only from verified domains / URL prefixes.
    audited: bool = True
    verified_urls: list[str] = field(
        default_factory=lambda: ["http://127.0.0.1", "http://localhost"]
    )
    fetch_media: bool = True  # PULL_FROM_URL: really GET the media and check it
    fetch_timeout: float = 10.0
    # Limits: requests per minute per token and endpoint; posts per creator per day;
    # inbox shares pending per day; creators posting per day (0 = no cap).
    rate_limits: dict[str, int] = field(default_factory=lambda: dict(RATE_LIMITS))
    rate_limit_enabled: bool = True
    daily_post_cap: int = 15
    pending_share_cap: int = 5
    active_creator_cap: int = 0
    # FILE_UPLOAD chunk rules (§2.6; tests shrink them) and the upload URL's lifetime.
    upload_url_ttl: int = 3600
    min_chunk_bytes: int = 5_000_000
    max_chunk_bytes: int = 64 * 1024 * 1024
    max_final_chunk_bytes: int = 128 * 1024 * 1024
    max_chunks: int = 1000
    max_video_bytes: int = 4 * 1024 * 1024 * 1024
    # Processing: status answers still PROCESSING_* after the transfer; polls after
    # PUBLISH_COMPLETE before a public post id shows; fates of the next publishes
    # (fail_reason values, "" = success); the status field's (misspelt) name.
    processing_polls: int = 1
    post_id_delay_polls: int = 0
    fail_reasons: list[str] = field(default_factory=list)
    post_id_field: str = "publicaly_available_post_id"
    # Faults: forced codes per endpoint ({"endpoint": [{"code", "status"?, "after"?}]}); a
    # share of requests answered 500 (error_rate) or with a random FAULT_KINDS fault
    # (fault_rate; on writes, fault_after_share of those strike after the write took effect:
    # the answer is lost); seed makes them repeatable; latency in seconds before every answer.
    forced: dict[str, list[Json]] = field(default_factory=dict)
    error_rate: float = 0.0
    fault_rate: float = 0.0
    fault_after_share: float = 0.5
    fault_kinds: list[str] = field(default_factory=lambda: list(FAULT_KINDS))
    seed: int | None = None
    latency: float = 0.0
    creators: dict[str, Creator] = field(default_factory=default_creators)

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self.clock = Clock()
        self.tokens = TokenStore()
        self.limiter = RateLimiter()
        self.daily_posts = DailyCounter()
        self.pending_shares = DailyCounter()
        self.active_creators = DailyCounter()
        self.publishes: dict[str, Publish] = {}
        self.uploads: dict[str, str] = {}  # upload_id → publish_id
        self.posts: list[PostRecord] = []
        self.counters: dict[str, int] = {}
        self.requests: deque[RecordedRequest] = deque(maxlen=2000)
        self.rng = random.Random(self.seed)  # noqa: S311  (faults, not secrets)

    # --- What tests and the benchmark call -------------------------------------------------

    def force(self, endpoint: str, code: str, times: int = 1, status: int | None = None,
              *, after: bool = False) -> None:  # fmt: skip
        """Answer the next ``times`` calls of ``endpoint`` with ``code``; ``after``: the call
        takes effect first and only its answer is replaced (a lost answer)."""
        entry: Json = {"code": code}
        if status is not None:
            entry["status"] = status
        if after:
            entry["after"] = True
        with self.lock:
            self.forced.setdefault(endpoint, []).extend([dict(entry) for _ in range(times)])

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.clock.advance(seconds)

    def add_creator(self, creator: Creator) -> Creator:
        with self.lock:
            self.creators[creator.open_id] = creator
        return creator

    def issue_tokens(self, open_id: str, scopes: Iterable[str] = DEFAULT_SCOPES) -> Json:
        """Tokens for a creator without the consent page (the benchmark's shortcut)."""
        with self.lock:
            if open_id not in self.creators:
                raise KeyError(f"no creator {open_id!r}")
            issued = self.tokens.issue(open_id, frozenset(scopes), self.now(), self.access_ttl,
                                       self.refresh_ttl)  # fmt: skip
            return tiktok_oauth.token_body(issued, self.now())

    def expire_tokens(self, open_id: str = "") -> int:
        """Access tokens of ``open_id`` (all when empty) expire now; how many did."""
        with self.lock:
            return self.tokens.expire(open_id, self.now())

    def revoke_tokens(self, open_id: str = "") -> None:
        """As if the person removed the app in TikTok (everyone when empty)."""
        with self.lock:
            for who in [open_id] if open_id else list(self.creators):
                self.tokens.revoke_user(who)
                tiktok_posting.user_revoked(self, who)

    def settle(self) -> None:
        """Let TikTok finish everything it has all the bytes of, as if time passed."""
        tiktok_posting.settle(self)

    def duplicates(self) -> int:
        """Posts repeating an earlier one: same creator, kind, mode, title and media (the
        bytes' hash; URLs without their query when media were not fetched)."""
        seen: set[tuple[str, ...]] = set()
        repeats = 0
        with self.lock:
            for post in self.posts:
                key = (post.open_id, post.kind, post.mode, post.title, post.media_key)
                repeats += key in seen
                seen.add(key)
        return repeats

    def reset(self, *, keep_switches: bool = False) -> None:
        """Back to a fresh simulator: tokens, publishes, posts, limits, counters, forced codes
        and the clock; the switches (creators included) too unless ``keep_switches``."""
        fresh = TikTokSim()
        with self.lock:
            if not keep_switches:
                for f in dataclasses.fields(self):
                    setattr(self, f.name, getattr(fresh, f.name))
            for name in _STATE:
                setattr(self, name, getattr(fresh, name))
            self.forced = {}
            self.rng = random.Random(self.seed)  # noqa: S311  (faults, not secrets)

    def state(self) -> Json:
        return tiktok_control.state(self)

    def now(self) -> float:
        return self.clock.now()

    def count(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1


@dataclass(frozen=True)
class RecordedRequest:
    endpoint: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Json  # the JSON or form body; uploads: {"length": n}
    status: int


@dataclass(frozen=True)
class _Route:
    endpoint: str
    methods: frozenset[str]
    kind: str  # "page" | "oauth" | "api" | "upload"
    handler: Handler | None = None
    api: ApiHandler | None = None
    scopes: frozenset[str] = frozenset()  # any one of them is enough


def _api(endpoint: str, handler: ApiHandler, *scopes: str, method: str = "POST") -> _Route:
    return _Route(endpoint, frozenset({method}), "api", api=handler, scopes=frozenset(scopes))


ROUTES: dict[str, _Route] = {
    AUTHORIZE_PATH: _Route("authorize", frozenset({"GET", "POST"}), "page",
                           tiktok_oauth.authorize),
    "/v2/oauth/token/": _Route("token", frozenset({"POST"}), "oauth", tiktok_oauth.token),
    "/v2/oauth/revoke/": _Route("revoke", frozenset({"POST"}), "oauth", tiktok_oauth.revoke),
    "/v2/user/info/": _api("user_info", tiktok_oauth.user_info, "user.info.basic",
                           method="GET"),
    "/v2/post/publish/creator_info/query/": _api("creator_info", tiktok_posting.creator_info,
                                                 "video.publish"),
    "/v2/post/publish/video/init/": _api("video_init", tiktok_posting.video_init,
                                         "video.publish"),
    "/v2/post/publish/inbox/video/init/": _api("inbox_init", tiktok_posting.inbox_init,
                                               "video.upload"),
    "/v2/post/publish/content/init/": _api("content_init", tiktok_posting.content_init,
                                           "video.publish", "video.upload"),
    "/v2/post/publish/status/fetch/": _api("status", tiktok_posting.status, "video.publish",
                                           "video.upload"),
    "/v2/post/publish/cancel/": _api("cancel", tiktok_posting.cancel, "video.publish",
                                     "video.upload"),
    UPLOAD_PATH: _Route("upload", frozenset({"PUT"}), "upload", tiktok_upload.put_chunk),
}  # fmt: skip


class TikTokApp:
    """The WSGI app around one ``TikTokSim``; ``app.sim`` is there for tests to steer."""

    def __init__(self, sim: TikTokSim) -> None:
        self.sim = sim

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self._handle(parse(environ))
        start_response(response.status_line, response.headers)
        return [response.body]

    def _handle(self, request: Request) -> Response:
        if request.path.startswith(CONTROL_PREFIX) or request.path == CONTROL_PREFIX[:-1]:
            return tiktok_control.handle(self.sim, request)
        if request.path.startswith(AVATAR_PREFIX):
            return tiktok_avatars.picture(self.sim, request)
        route = ROUTES.get(request.path)
        if route is None:
            return json_response({"error": {"code": "not_found", "message": request.path}}, 404)
        if request.method not in route.methods:
            return json_response({"error": {"code": "method_not_allowed"}}, 405)
        if self.sim.latency:
            time.sleep(self.sim.latency)
        if route.endpoint == "status":
            tiktok_posting.await_transfer(self.sim, request)  # outside the lock
        with self.sim.lock:
            response = self._answer(route, request)
            self._record(route, request, response.status)
        return response

    def _answer(self, route: _Route, request: Request) -> Response:
        if route.kind == "page":
            assert route.handler is not None
            return route.handler(self.sim, request)
        progress = upload_progress(self.sim, request) if route.kind == "upload" else []
        before, after = faults(self.sim, route.endpoint, route.kind, progress)
        if before is not None:
            return before
        response = self._dispatch(route, request)
        return after if after is not None else response

    def _dispatch(self, route: _Route, request: Request) -> Response:
        if route.kind != "api":
            assert route.handler is not None
            return route.handler(self.sim, request)
        sim = self.sim
        record = sim.tokens.valid_access(request.bearer, sim.now())
        if record is None:
            return api_error("access_token_invalid")
        if route.scopes and not route.scopes & record.scopes:
            return api_error("scope_not_authorized")
        limit = sim.rate_limits.get(route.endpoint)
        if (
            limit is not None
            and sim.rate_limit_enabled
            and not sim.limiter.allow(request.bearer, route.endpoint, limit, sim.now())
        ):
            return api_error("rate_limit_exceeded")
        assert route.api is not None
        return route.api(sim, request, record)

    def _record(self, route: _Route, request: Request, status: int) -> None:
        if route.kind == "upload":
            body: Json = {"length": len(request.body)}
        elif request.method == "GET":
            body = {}
        elif route.kind in ("oauth", "page"):
            body = dict(request.form())
        else:
            body = request.json() or {}
        self.sim.requests.append(RecordedRequest(
            route.endpoint, request.method, request.path, dict(request.query),
            dict(request.headers), body, status,
        ))  # fmt: skip
        self.sim.count(route.endpoint)


def make_app(sim: TikTokSim | None = None) -> TikTokApp:
    """The simulator as a WSGI app; a new ``TikTokSim`` (with its sandbox creators) if none."""
    return TikTokApp(sim if sim is not None else TikTokSim())
