"""A local stand-in for Instagram's APIs: both logins (Instagram Login and Facebook Login), the
Graph API's publishing flow, and the failures platform-apis.md §1 lists.

    sim = InstagramSim()
    with serve(make_app(sim)) as base:   # everything on ONE base URL
        INSTAGRAM_AUTHORIZE_URL = base + "/oauth/authorize"
        INSTAGRAM_API_URL = INSTAGRAM_GRAPH_URL = FACEBOOK_DIALOG_URL = FACEBOOK_GRAPH_URL = base

Endpoints (``{v}`` is any Graph version such as ``v24.0``; ids are long decimal strings):

    GET  /oauth/authorize              Instagram consent page ("Sandbox"; Allow / Cancel);
                                       redirects with ?code=..&state=..#_
    POST /oauth/access_token           code → 1 h token (api.instagram.com; documented
                                       ``{"data":[{...}]}`` shape, flat with flat_token_response)
    GET  /access_token                 ig_exchange_token: short → 60-day token
    GET  /refresh_access_token         ig_refresh_token: ≥ 24 h old, unexpired → new 60-day token
    GET  /{v}/dialog/oauth             Facebook Login consent page; redirects with ?code=..&state=
    GET  /{v}/oauth/access_token       Facebook: code → short token; fb_exchange_token → long
    GET  /{v}/me                       IG token: user_id, username, ...; FB token: id, name
    GET  /{v}/me/accounts              FB: Pages with instagram_business_account
    GET  /{v}/me/permissions           FB: granted scopes
    GET  /{v}/me/media                 IG token: the account's recent media
    GET  /{v}/{id}                     a Page, IG user, container (status_code, status) or media
    GET  /{v}/{media_id}/children      a carousel's items
    POST /{v}/{ig_id}/media            create a container (image, carousel item, CAROUSEL,
                                       REELS, STORIES); media checked as Meta checks them
    GET  /{v}/{ig_id}/media            recent media (stories excluded), cursor paging
    GET  /{v}/{ig_id}/stories          the stories of the last 24 hours
    POST /{v}/{ig_id}/media_publish    creation_id → media id; quota over a sliding window
    GET  /{v}/{ig_id}/content_publishing_limit   quota_usage (+ config)
    GET  /p/{shortcode}/               a "Sandbox" page standing for the post's permalink
    /_sim/...                          control: see instagram_control.py

Parameters come from the query, a form body or JSON; the token from ``access_token`` or
``Authorization: Bearer|OAuth``. Every answer carries ``X-App-Usage``. Errors use Graph's
envelope keyed on ``code``/``error_subcode`` (platform-apis §1.6).

Switches (fields of ``InstagramSim``; also settable with POST /_sim/switches):

    auto_approve        consent pages redirect at once (also ``?auto=1`` on the request)
    deny                the person cancels: redirect with error=access_denied
    flat_token_response the code exchange answers flat instead of ``{"data":[...]}``
    withhold_scopes     scopes the person unticks on the consent page
    login_instagram_user, login_facebook_user   who consents (IG user id / FB user id)
    code_ttl, short_token_ttl, fb_short_token_ttl, long_token_ttl, refresh_min_age (seconds)
    fetch_media         download image_url / video_url and check them (off: accept all,
                        for load tests); ``media_fixtures`` {url: {format, bytes, width,
                        height, duration, moov_first}} answers for a URL without fetching
    polls_until_finished {IMAGE, VIDEO, REELS, STORY_IMAGE, STORY_VIDEO, CAROUSEL: k}: a
                        container is IN_PROGRESS for its first k status reads (-1: forever)
    stuck_containers    the next N containers never leave IN_PROGRESS
    container_ttl       seconds until an unpublished container is EXPIRED (86400)
    quota_total, quota_duration   media_publish limit over a sliding window (50 / 86400)
    latency             seconds added to every API request (not /_sim/)
    error_rate          share of API calls answered HTTP 500, code 2 (transient)
    fault_rate, fault_after_share, seed   random transient faults; on writes, a share of
                        them strike after the write took effect (the answer is lost)
    throttle, throttle_times, throttle_minutes   "app": code 4 with X-App-Usage at 100 %;
                        "buc": code 80002 with X-Business-Use-Case-Usage and
                        estimated_time_to_regain_access; for the next N calls (-1: until off)
    app_call_limit      calls per rolling hour that X-App-Usage reports as 100 %
    redirect_uris       registered redirect URIs (empty: any http(s) URI)

Methods: force_error(endpoint, code, subcode, times=1, status=400) answers any Graph error on
the next N calls of an endpoint; lose_answers(endpoint, times=1) lets the next N calls take
effect and then answers HTTP 500 (a lost answer); revoke_tokens / expire_tokens(token=,
subject=); advance(seconds) moves the fake clock; issue_token(subject, variant) and
add_instagram_account / add_page seed what a test needs. Endpoint names (also in
``requests``): ig_code, ig_exchange, ig_refresh, fb_token, me, accounts, permissions, media
(POST), media_list, stories, media_publish, publishing_limit, container, media_object, page,
user, children, object; "*" matches any.

Every publication is kept in ``published`` (account, container id, media id, caption, kind,
media URLs, time); ``duplicates()`` counts repeats of the same post. It imports nothing of
Postloom's domain.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from postloom.sandbox import instagram_control, instagram_graph, instagram_oauth, wsgi
from postloom.sandbox.clock import Clock
from postloom.sandbox.instagram_http import GraphError, Reply, Request, parse_request
from postloom.sandbox.instagram_seed import seed_defaults
from postloom.sandbox.instagram_state import (
    DEFAULT_POLLS,
    FACEBOOK_LOGIN,
    INSTAGRAM_LOGIN,
    SANDBOX_FB_USER_ID,
    SANDBOX_IG_ID,
    Container,
    FBUser,
    ForcedError,
    Grant,
    Ids,
    IGUser,
    Media,
    Page,
    Published,
    RecordedRequest,
    Token,
    new_token,
)
from postloom.sandbox.instagram_traffic import Traffic

Handler = Callable[["InstagramSim", Request], Reply]


@dataclass
class InstagramSim:
    instagram_app_id: str = "sandbox-instagram-app"
    instagram_app_secret: str = "sandbox-instagram-secret"  # noqa: S105  (a simulator's own)
    facebook_app_id: str = "sandbox-facebook-app"
    facebook_app_secret: str = "sandbox-facebook-secret"  # noqa: S105
    redirect_uris: list[str] = field(default_factory=list)  # empty: any http(s) URI
    # OAuth
    auto_approve: bool = False
    deny: bool = False
    flat_token_response: bool = False
    withhold_scopes: list[str] = field(default_factory=list)
    login_instagram_user: str = SANDBOX_IG_ID
    login_facebook_user: str = SANDBOX_FB_USER_ID
    code_ttl: int = 3600
    short_token_ttl: int = 3600
    fb_short_token_ttl: int = 5400
    long_token_ttl: int = 5_184_000
    refresh_min_age: int = 86_400
    # Media and containers
    fetch_media: bool = True
    media_fetch_timeout: float = 5.0
    media_fixtures: dict[str, dict[str, Any]] = field(default_factory=dict)
    polls_until_finished: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_POLLS))
    stuck_containers: int = 0
    container_ttl: int = 86_400
    quota_total: int = 50
    quota_duration: int = 86_400
    # Failures and load
    latency: float = 0.0
    error_rate: float = 0.0
    fault_rate: float = 0.0
    fault_after_share: float = 0.5
    seed: int | None = None
    throttle: str = ""  # "" | "app" | "buc"
    throttle_times: int = -1
    throttle_minutes: int = 5
    app_call_limit: int = 4800  # calls per rolling hour that X-App-Usage reports as 100 %

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self.clock = Clock()
        self.ids = Ids()
        self.rng = random.Random(self.seed)  # noqa: S311  (faults, not secrets)
        self.traffic = Traffic()
        self.requests: deque[RecordedRequest] = deque(maxlen=10_000)  # the latest ones
        self.request_count = 0  # all API requests since the start (or the last reset)
        self.reset_state()

    def reset_state(self) -> None:
        with self.lock:
            self.users: dict[str, IGUser] = {}
            self.fb_users: dict[str, FBUser] = {}
            self.pages: dict[str, Page] = {}
            self.codes: dict[str, Grant] = {}
            self.tokens: dict[str, Token] = {}
            self.containers: dict[str, Container] = {}
            self.media: dict[str, Media] = {}
            self.published: list[Published] = []
            self.forced: list[ForcedError] = []
            self.traffic = Traffic()
            seed_defaults(self)

    # --- Helpers for tests, the benchmark and /_sim/ --------------------------------------

    def now(self) -> float:
        return self.clock.now()

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    def add_instagram_account(
        self,
        username: str,
        *,
        ig_id: str = "",
        name: str = "",
        biography: str = "",
        website: str = "",
        variant: str = INSTAGRAM_LOGIN,
    ) -> IGUser:
        with self.lock:
            user = IGUser(
                ig_id=ig_id or self.ids.next(),
                username=username,
                name=name or username,
                variant=variant,
                biography=biography,
                website=website,
                app_scoped_id=self.ids.next(),
            )
            self.users[user.ig_id] = user
            return user

    def add_page(
        self,
        name: str,
        *,
        page_id: str = "",
        ig_username: str = "",
        ig_id: str = "",
        fb_user_id: str = SANDBOX_FB_USER_ID,
        fb_user_name: str = "Sandbox Owner",
    ) -> Page:
        """A Facebook Page managed by ``fb_user_id``, linked to a new IG account if named."""
        with self.lock:
            linked = ""
            if ig_username:
                linked = self.add_instagram_account(
                    ig_username, ig_id=ig_id, name=name, variant=FACEBOOK_LOGIN
                ).ig_id
            page = Page(page_id=page_id or self.ids.next(), name=name, ig_id=linked)
            # A Page token from a long-lived user token does not expire (platform-apis §1.2).
            page_token = self.issue_token(fb_user_id, FACEBOOK_LOGIN, kind="page")
            page.access_token = page_token.token
            self.pages[page.page_id] = page
            owner = self.fb_users.setdefault(fb_user_id, FBUser(fb_user_id, fb_user_name))
            owner.pages.append(page.page_id)
            return page

    def issue_token(
        self, subject: str, variant: str, *, kind: str = "long", scopes: list[str] | None = None
    ) -> Token:
        """A token as the OAuth flow would give it (``subject``: IG user id or FB user id)."""
        ttl: float | None = {"short": self.short_token_ttl, "long": self.long_token_ttl}.get(kind)
        if variant == FACEBOOK_LOGIN and kind == "short":
            ttl = self.fb_short_token_ttl
        default = (
            instagram_oauth.IG_SCOPES if variant == INSTAGRAM_LOGIN else instagram_oauth.FB_SCOPES
        )
        now = self.now()
        token = Token(
            token=new_token(variant),
            variant=variant,
            subject=subject,
            kind=kind,
            scopes=list(default if scopes is None else scopes),
            issued_at=now,
            expires_at=None if ttl is None else now + ttl,
        )
        with self.lock:
            self.tokens[token.token] = token
        return token

    def revoke_tokens(self, *, token: str = "", subject: str = "") -> int:
        return self._change_tokens(token, subject, lambda t: setattr(t, "revoked", True))

    def expire_tokens(self, *, token: str = "", subject: str = "") -> int:
        now = self.now()
        return self._change_tokens(token, subject, lambda t: setattr(t, "expires_at", now - 1))

    def _change_tokens(self, token: str, subject: str, change: Callable[[Token], None]) -> int:
        with self.lock:
            chosen = [
                t
                for t in self.tokens.values()
                if (not token or t.token == token) and (not subject or t.subject == subject)
            ]
            for item in chosen:
                change(item)
            return len(chosen)

    def force_error(
        self,
        endpoint: str,
        code: int,
        subcode: int | None = None,
        *,
        times: int = 1,
        status: int = 400,
        transient: bool = False,
        message: str = "Forced by the sandbox",
    ) -> None:
        """Answer the next ``times`` calls of ``endpoint`` (an endpoint name, "*" for any)."""
        with self.lock:
            self.forced.append(
                ForcedError(endpoint, code, subcode, times, status, message, transient)
            )

    def lose_answers(self, endpoint: str, times: int = 1) -> None:
        """The next ``times`` calls of ``endpoint`` take effect, then answer HTTP 500."""
        with self.lock:
            lost = ForcedError(
                endpoint,
                2,
                None,
                times,
                500,
                "An unexpected error has occurred.",
                transient=True,
                after=True,
            )
            self.forced.append(lost)

    def published_for(self, ig_id: str = "") -> list[Published]:
        with self.lock:
            return [p for p in self.published if not ig_id or p.ig_id == ig_id]

    def duplicates(self) -> int:
        """Publications repeating an earlier one: same account, kind, caption and media (URLs
        compared without their query, since signed URLs change between attempts)."""
        seen: set[tuple[Any, ...]] = set()
        repeats = 0
        with self.lock:
            for item in self.published:
                paths = tuple(urlsplit(url)._replace(query="").geturl() for url in item.media_urls)
                key = (item.ig_id, item.kind, item.caption, paths)
                repeats += key in seen
                seen.add(key)
        return repeats

    def container(self, container_id: str) -> Container | None:
        with self.lock:
            return self.containers.get(container_id)

    # --- Serving ------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        if request.path.startswith("/_sim/"):
            return instagram_control.handle(self, request)
        endpoint, version, handler = _route(self, request)
        if endpoint in instagram_oauth.PAGES:  # a browser's page: no latency, no faults
            return _guard(handler, self, request)
        if self.latency:
            time.sleep(self.latency)
        reply = self.traffic.run(self, endpoint, request, lambda: _guard(handler, self, request))
        record = RecordedRequest(
            request.method, request.path, endpoint, version, request.token_in_url, reply.status
        )
        with self.lock:
            self.request_count += 1
            self.requests.append(record)
        return reply


def _guard(handler: Handler, sim: InstagramSim, request: Request) -> Reply:
    try:
        return handler(sim, request)
    except GraphError as exc:
        return exc.reply()
    except instagram_oauth.InstagramOAuthError as exc:
        return exc.reply()


def _route(sim: InstagramSim, request: Request) -> tuple[str, str, Handler]:
    found = instagram_oauth.route(request) or instagram_graph.route(sim, request)
    if found is None:
        return "unknown", "", _unknown
    return found


def _unknown(sim: InstagramSim, request: Request) -> Reply:
    raise GraphError(100, f"Unknown path components: {request.path}", subcode=2500)


def make_app(sim: InstagramSim | None = None) -> WSGIApplication:
    """The simulator as a WSGI app (serve it with ``postloom.sandbox.server.serve``)."""
    simulator = sim if sim is not None else InstagramSim()

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        reply = simulator.handle(parse_request(environ))
        start_response(wsgi.status_line(reply.status), reply.header_list())
        return [reply.body]

    return app
