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

Control (for tests, the benchmark and ``postloom sandbox``; never tokens):

    GET  /_sim/          state: switches, clock, creators, posts, publishes, counters
    POST /_sim/          JSON object of switches to set (names as the fields below)
    POST /_sim/creators  {"creators": [{open_id, display_name, username, ...}], "replace": false}
    POST /_sim/clock     {"advance": seconds}
    POST /_sim/force     {"endpoint": "video_init", "code": "internal_error", "times": 1,
                          "status": 500}  (status optional; upload codes are HTTP statuses)
    POST /_sim/settle    finish processing of every fully transferred publish now
    POST /_sim/reset     forget tokens, publishes, posts, limits and counters

Switches are the fields of ``TikTokSim``; see the comments there. Endpoint names (for
``force``, ``rate_limits`` and counters): authorize, token, revoke, user_info, creator_info,
video_init, inbox_init, content_init, upload, status, cancel.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from wsgiref.types import StartResponse, WSGIEnvironment

from postloom.sandbox import tiktok_control, tiktok_oauth, tiktok_posting, tiktok_upload
from postloom.sandbox.tiktok_http import (
    Json,
    Request,
    Response,
    api_error,
    bad_gateway,
    json_response,
    oauth_error,
    parse,
)
from postloom.sandbox.tiktok_state import (
    Clock,
    Creator,
    DailyCounter,
    PostRecord,
    Publish,
    RateLimiter,
    TokenRecord,
    TokenStore,
    default_creators,
)

AUTHORIZE_PATH = "/v2/auth/authorize/"
UPLOAD_PATH = "/upload/"
CONTROL_PREFIX = "/_sim/"

RATE_LIMITS = {"creator_info": 20, "video_init": 6, "inbox_init": 6, "content_init": 6,
               "status": 30}  # fmt: skip
FAULT_KINDS = ["internal_error", "bad_gateway", "rate_limit_exceeded"]

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
    # Faults: forced codes per endpoint ({"endpoint": [{"code", "status"}]}); a share of
    # requests answered 500 (error_rate) or with a random FAULT_KINDS fault (fault_rate);
    # seed makes them repeatable; latency in seconds before every answer.
    forced: dict[str, list[Json]] = field(default_factory=dict)
    error_rate: float = 0.0
    fault_rate: float = 0.0
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

    def force(self, endpoint: str, code: str, times: int = 1, status: int | None = None) -> None:
        """Answer the next ``times`` calls of ``endpoint`` with ``code``."""
        with self.lock:
            entry: Json = {"code": code} if status is None else {"code": code, "status": status}
            self.forced.setdefault(endpoint, []).extend([entry] * times)

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.clock.advance(seconds)

    def add_creator(self, creator: Creator) -> Creator:
        with self.lock:
            self.creators[creator.open_id] = creator
        return creator

    def settle(self) -> None:
        """Let TikTok finish everything it has all the bytes of, as if time passed."""
        tiktok_posting.settle(self)

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
        route = ROUTES.get(request.path)
        if route is None:
            return json_response({"error": {"code": "not_found", "message": request.path}}, 404)
        if request.method not in route.methods:
            return json_response({"error": {"code": "method_not_allowed"}}, 405)
        self._record(route, request)
        if self.sim.latency:
            time.sleep(self.sim.latency)
        if route.kind == "page":
            assert route.handler is not None
            with self.sim.lock:
                return route.handler(self.sim, request)
        if route.endpoint == "status":
            tiktok_posting.await_transfer(self.sim, request)  # outside the lock
        with self.sim.lock:
            return self._fault(route) or self._dispatch(route, request)

    def _dispatch(self, route: _Route, request: Request) -> Response:
        if route.kind != "api":
            assert route.handler is not None
            return route.handler(self.sim, request)
        record = self.sim.tokens.valid_access(request.bearer, self.sim.now())
        if record is None:
            return api_error("access_token_invalid")
        if route.scopes and not route.scopes & record.scopes:
            return api_error("scope_not_authorized")
        limit = self.sim.rate_limits.get(route.endpoint)
        if self.sim.rate_limit_enabled and limit is not None and not self.sim.limiter.allow(
            request.bearer, route.endpoint, limit, self.sim.now()
        ):
            return api_error("rate_limit_exceeded")
        assert route.api is not None
        return route.api(self.sim, request, record)

    def _fault(self, route: _Route) -> Response | None:
        """A forced code, a random fault or a transient 500 — before anything is checked."""
        sim = self.sim
        queue = sim.forced.get(route.endpoint)
        if queue and route.kind != "upload":  # the upload handler applies its own
            entry = queue.pop(0)
            sim.count("forced")
            return _error_for(route.kind, str(entry["code"]), entry.get("status"))
        if sim.fault_rate and sim.fault_kinds and sim.rng.random() < sim.fault_rate:
            sim.count("faults")
            return _error_for(route.kind, sim.rng.choice(sim.fault_kinds))
        if sim.error_rate and sim.rng.random() < sim.error_rate:
            sim.count("faults")
            return _error_for(route.kind, "internal_error")
        return None

    def _record(self, route: _Route, request: Request) -> None:
        if route.kind == "upload":
            body: Json = {"length": len(request.body)}
        elif route.kind == "oauth" or request.method == "GET":
            body = dict(request.form()) if request.method == "POST" else {}
        else:
            body = request.json() or {}
        recorded = RecordedRequest(route.endpoint, request.method, request.path,
                                   dict(request.query), dict(request.headers), body)  # fmt: skip
        with self.sim.lock:
            self.sim.requests.append(recorded)
            self.sim.count(route.endpoint)


def _error_for(kind: str, code: str, status: int | None = None) -> Response:
    if code == "bad_gateway":
        return bad_gateway()
    if kind == "upload":
        status = status or (int(code) if code.isdigit() else 500)
        return json_response({"error": {"code": code, "message": "upload failed"}}, status)
    if kind == "oauth":
        mapped = {"internal_error": "server_error", "rate_limit_exceeded": "rate_limit_exceeded"}
        error = mapped.get(code, code)
        default = 429 if error == "rate_limit_exceeded" else None
        return oauth_error(error, "The sandbox was told to fail.", status or default)
    return api_error(code, status=status)


def make_app(sim: TikTokSim | None = None) -> TikTokApp:
    """The simulator as a WSGI app; a new ``TikTokSim`` (with its sandbox creators) if none."""
    return TikTokApp(sim if sim is not None else TikTokSim())
