"""The only way Postloom fetches a URL a user gave it (SSRF-safe).

Public interface (other modules rely on these names):

    policy = FetchPolicy(allow_loopback=False)
    with SafeFetcher(policy) as fetcher:
        result = fetcher.fetch("https://example.com/", accept=HTML)
        fetcher.robots_allows("https://example.com/shop")
    result.url, result.status, result.content_type, result.body, result.text, result.redirects

Every refusal raises FetchError with a stable ``code`` (see FetchError.CODES); the Django side
turns codes into translated messages. Nothing here is translated or imports Django.

How an address is checked: a URL naming an IP literal (in any spelling a resolver accepts:
``127.1``, ``2130706433``, ``0x7f.1``, ``[::ffff:7f00:1]``) is refused before anything else
happens. A name is resolved when the connection is made, by ``_PinnedBackend``: it resolves the
name once, checks every address it got, and connects to one of those checked addresses. httpx
still sends the original Host header and does TLS with the name as SNI and for certificate
verification, so nothing but the socket's target changes. Checking and connecting use the same
answer, so a name that answers differently the second time (DNS rebinding) cannot slip through.
Redirects are followed here, hop by hop, and every hop goes through the same checks.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

import httpcore
import httpx
from protego import Protego

from postloom.web.addresses import IPAddress, is_allowed_address, parse_ip_literal

HTML = ("text/html", "application/xhtml+xml")
CSS = ("text/css",)
IMAGES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml", "image/x-icon",
          "image/vnd.microsoft.icon", "image/avif")  # fmt: skip
XML = ("application/xml", "text/xml")
TEXT = ("text/plain",)

# The media type of a response without a Content-Type header. It is refused unless the caller
# accepts it explicitly, e.g. ``accept=allow_missing_type(CSS)``: we never guess a type from
# the bytes, because a guess is how an attacker's file gets treated as something else.
NO_CONTENT_TYPE = ""

USER_AGENT = "PostloomBot/0.1 (+https://github.com/postloom/postloom; brand onboarding)"

ROBOTS_MAX_BYTES = 500 * 1024  # Google reads the first 500 KiB of a robots.txt; so do we


def allow_missing_type(accept: tuple[str, ...]) -> tuple[str, ...]:
    """``accept`` plus responses that have no Content-Type header at all."""
    return (*accept, NO_CONTENT_TYPE)


class FetchError(Exception):
    CODES = (
        "invalid_url",  # not a URL, or not http/https
        "credentials_in_url",  # user:password@host
        "blocked_address",  # resolves to loopback/private/link-local/CGNAT/multicast/metadata...
        "dns_failure",  # the name does not resolve
        "unreachable",  # connection refused/reset, TLS failure, unreadable body; detail["reason"]
        "timeout",
        "too_many_redirects",
        "http_status",  # 4xx/5xx; detail["status"]
        "wrong_content_type",  # detail["content_type"] ("" when the header is missing)
        "too_large",  # over the size cap; detail["limit"]
        "robots_disallowed",
    )

    def __init__(self, code: str, url: str, **detail: object) -> None:
        assert code in self.CODES, code
        super().__init__(f"{code}: {url}")
        self.code = code
        self.url = url
        self.detail = detail


@dataclass(frozen=True)
class FetchPolicy:
    allow_loopback: bool = False  # tests and the sandbox only
    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content_type: str  # media type only, lower case, e.g. "text/html"
    charset: str | None
    body: bytes
    redirects: list[str] = field(default_factory=list)  # URLs that answered with a redirect
    elapsed: float = 0.0

    @property
    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")


# --- Which addresses may be reached: see web/addresses.py --------------------------------------


def resolve_allowed(host: str, port: int, allow_loopback: bool) -> list[str]:
    """The addresses to connect to for ``host``; FetchError unless every one of them is allowed.

    All answers are checked, not only the first: a name answering with one public and one
    private address would otherwise reach the private one whenever the public one fails.
    """
    literal = parse_ip_literal(host)
    addresses = [literal] if literal is not None else _resolve(host, port)
    for address in addresses:
        if not is_allowed_address(address, allow_loopback):
            raise FetchError("blocked_address", host, address=str(address))
    return [str(address) for address in addresses]


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # socket.gaierror is an OSError
        raise FetchError("dns_failure", host) from None
    addresses: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in answers:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
            if address not in addresses:
                addresses.append(address)
    if not addresses:
        raise FetchError("dns_failure", host)
    return addresses


# --- Connecting to the checked address ---------------------------------------------------------


class _HostRefused(Exception):
    """A FetchError raised inside httpx by the pinned backend, which knows the host but not the
    URL; _as_fetch_errors turns it back into a FetchError about the URL."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend that resolves and checks the host, then connects to the
    checked IP. httpcore hands it only the host and port; the Host header, TLS SNI and the
    certificate check all still use the name from the URL."""

    def __init__(self, allow_loopback: bool) -> None:
        self._allow_loopback = allow_loopback
        self._system = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_allowed(host, port, self._allow_loopback)
        except FetchError as exc:
            raise _HostRefused(exc) from None
        refused: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return self._system.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:  # try the next address, as browsers do
                refused = exc
        assert refused is not None  # resolve_allowed never returns an empty list
        raise refused

    def sleep(self, seconds: float) -> None:
        self._system.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own HTTP transport whose connection pool connects through _PinnedBackend.

    httpx 0.28 has no public hook for a network backend, so the pool it builds is replaced by
    an identical one with ours (pyproject pins httpx~=0.28). Should a later httpx rename the
    attribute, construction fails here rather than connecting unchecked; the tests that resolve
    names to blocked addresses would fail too.
    """

    def __init__(self, allow_loopback: bool) -> None:
        ssl_context = httpx.create_ssl_context()  # certifi, or SSL_CERT_FILE when set
        super().__init__(verify=ssl_context)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):
            raise RuntimeError("httpx changed: cannot install the pinned network backend")
        limits = httpx.Limits()
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(allow_loopback),
        )


# --- Reading a body within the cap -------------------------------------------------------------

_ZLIB_WBITS = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": zlib.MAX_WBITS,
}


class _BoundedDecoder:
    """Undoes gzip/deflate incrementally, never producing more than ``limit + 1`` bytes in all.

    One byte over the cap is enough to know the cap was exceeded, so a small "zip bomb" costs at
    most the cap in memory and time. Identity bodies pass through unchanged.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding
        self._room = limit + 1
        self._fresh = True
        self._zlib = zlib.decompressobj(_ZLIB_WBITS[encoding]) if encoding else None

    def decode(self, data: bytes) -> bytes:
        if self._zlib is None:
            return data
        if self._room <= 0:  # zlib would read a max_length of 0 as "no limit"
            return b""
        try:
            out = self._zlib.decompress(data, self._room)
        except zlib.error:
            if not (self._fresh and self._encoding == "deflate"):
                raise
            # Some servers send raw deflate without the zlib header the standard asks for.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, self._room)
        self._fresh = False
        self._room -= len(out)
        return out


def _content_encoding(response: httpx.Response, url: str) -> str:
    encodings = [
        value.strip().lower()
        for value in response.headers.get("content-encoding", "").split(",")
        if value.strip().lower() not in ("", "identity")
    ]
    if not encodings:
        return ""
    if len(encodings) > 1 or encodings[0] not in _ZLIB_WBITS:  # we only ask for gzip, deflate
        raise FetchError("unreachable", url, reason=f"unsupported encoding {', '.join(encodings)}")
    return encodings[0]


def _refuse_declared_length(response: httpx.Response, url: str, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError("too_large", url, limit=limit)


def _read_body(response: httpx.Response, url: str, limit: int, deadline: float) -> bytes:
    """The decoded body, reading no further than the cap and the deadline allow."""
    _refuse_declared_length(response, url, limit)
    if response.is_stream_consumed:  # built in memory (httpx.MockTransport) and decoded already
        chunks: Iterable[bytes] = [response.content]
        decoder = _BoundedDecoder("", limit)
    else:
        chunks = response.iter_raw()
        decoder = _BoundedDecoder(_content_encoding(response, url), limit)
    body = bytearray()
    received = 0
    for chunk in chunks:
        received += len(chunk)
        try:
            body += decoder.decode(chunk)
        except zlib.error:
            raise FetchError("unreachable", url, reason="corrupt compressed body") from None
        if received > limit or len(body) > limit:
            raise FetchError("too_large", url, limit=limit)
        if time.monotonic() > deadline:
            raise FetchError("timeout", url)
    return bytes(body)


def _parse_content_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header; an unknown charset counts as none."""
    if not header:
        return NO_CONTENT_TYPE, None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    if charset is not None:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    return media_type.strip().lower(), charset


# --- URLs --------------------------------------------------------------------------------------

_HOSTNAME = re.compile(r"[a-z0-9_.-]+")  # after IDNA encoding; anything else is not a host
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def checked_url(url: str, allow_loopback: bool = False) -> httpx.URL:
    """``url`` parsed, or FetchError: http(s) only, no credentials, no refused IP literal.

    Names are resolved and checked later, when connecting (see _PinnedBackend).
    """
    text = url.strip() if isinstance(url, str) else ""
    # Control characters (newlines above all) never belong in a URL; a plain space in a path
    # is tolerated and percent-encoded by httpx, one in the host is refused below.
    if not text or not text.isprintable():
        raise FetchError("invalid_url", str(url))
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError:
        raise FetchError("invalid_url", text) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("invalid_url", text)
    if "@" in parts.netloc:
        raise FetchError("credentials_in_url", text)
    # Checked before httpx parses the URL: httpx rejects 0177.0.0.1 as a malformed address,
    # while the C resolver reads it as 127.0.0.1, and it must be refused as what it is.
    _refuse_literal(parts.hostname, text, allow_loopback)
    return _parsed_by_httpx(text, allow_loopback)


def _parsed_by_httpx(text: str, allow_loopback: bool) -> httpx.URL:
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL:
        raise FetchError("invalid_url", text) from None
    host = parsed.raw_host.decode("ascii")
    if ":" not in host and not _HOSTNAME.fullmatch(host):
        raise FetchError("invalid_url", text)
    _refuse_literal(host, text, allow_loopback)  # the host httpx will actually connect to
    return parsed


def _refuse_literal(host: str, url: str, allow_loopback: bool) -> None:
    address = parse_ip_literal(host)
    if address is not None and not is_allowed_address(address, allow_loopback):
        raise FetchError("blocked_address", url, address=str(address))


@contextmanager
def _as_fetch_errors(url: str) -> Iterator[None]:
    """httpx's exceptions, and the pinned backend's refusals, as FetchError about ``url``."""
    try:
        yield
    except _HostRefused as exc:
        raise FetchError(exc.error.code, url, **exc.error.detail) from None
    except httpx.TimeoutException:
        raise FetchError("timeout", url) from None
    except httpx.HTTPError as exc:  # refused, reset, TLS failure, broken HTTP
        raise FetchError("unreachable", url, reason=str(exc)[:200] or type(exc).__name__) from None


# --- The fetcher -------------------------------------------------------------------------------


class SafeFetcher:
    """Fetches user-supplied URLs under a FetchPolicy. One per crawl: it keeps connections,
    cookies and each site's robots.txt for its lifetime. Close it (or use ``with``).

    ``transport`` replaces the network, for unit tests with httpx.MockTransport; names are then
    not resolved (IP literals are still checked).
    """

    def __init__(self, policy: FetchPolicy, transport: httpx.BaseTransport | None = None) -> None:
        self._policy = policy
        self._robots: dict[tuple[str, str, int | None], Protego | None] = {}
        self._cookies = httpx.Cookies()  # some sites set a cookie and redirect to check it
        # The transport is used without an httpx.Client: a Client would parse Location headers
        # itself (failing on some) and could add proxies or .netrc credentials from the
        # environment. Every hop is built, sent and checked here instead.
        self._transport = transport or _PinnedTransport(policy.allow_loopback)

    def __enter__(self) -> SafeFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    def fetch(
        self, url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None
    ) -> FetchResult:
        """The response to GET ``url``, after redirects; FetchError on any refusal."""
        limit = self._policy.max_bytes if max_bytes is None else max_bytes
        return self._get(self._checked(url), accept, limit, self._policy.respect_robots)

    def robots_allows(self, url: str) -> bool:
        """Whether the site's robots.txt lets Postloom read ``url`` (True when the policy does
        not respect robots). A missing or unreadable robots.txt allows everything."""
        if not self._policy.respect_robots:
            return True
        return self._robots_allows(self._checked(url))

    def _checked(self, url: str) -> httpx.URL:
        return checked_url(url, self._policy.allow_loopback)

    def _get(
        self, url: httpx.URL, accept: tuple[str, ...] | None, limit: int, check_robots: bool
    ) -> FetchResult:
        started = time.monotonic()
        deadline = started + self._policy.total_timeout
        redirects: list[str] = []
        while True:
            if check_robots and not self._robots_allows(url):
                raise FetchError("robots_disallowed", str(url))
            outcome = self._hop(url, accept, limit, deadline)
            if isinstance(outcome, FetchResult):
                outcome.redirects = redirects
                outcome.elapsed = time.monotonic() - started
                return outcome
            redirects.append(str(url))
            if len(redirects) > self._policy.max_redirects:
                raise FetchError("too_many_redirects", redirects[0], limit=len(redirects) - 1)
            url = outcome

    def _hop(
        self, url: httpx.URL, accept: tuple[str, ...] | None, limit: int, deadline: float
    ) -> FetchResult | httpx.URL:
        """One request: its response read in full, or the checked URL it redirects to."""
        with _as_fetch_errors(str(url)):
            response = self._open(url, accept, deadline)
        try:
            if response.status_code in _REDIRECT_STATUSES:
                return self._redirect_target(url, response)
            with _as_fetch_errors(str(url)):
                return self._read(url, response, accept, limit, deadline)
        finally:
            response.close()

    def _open(
        self, url: httpx.URL, accept: tuple[str, ...] | None, deadline: float
    ) -> httpx.Response:
        media_types = [media_type for media_type in accept or () if media_type]
        headers = {
            "User-Agent": self._policy.user_agent,
            "Accept": ", ".join(media_types) or "*/*",
            "Accept-Encoding": "gzip, deflate",  # what _BoundedDecoder can undo
        }
        timeout = self._timeout(url, deadline).as_dict()
        request = httpx.Request("GET", url, headers=headers, extensions={"timeout": timeout})
        self._cookies.set_cookie_header(request)
        response = self._transport.handle_request(request)
        response.request = request
        self._cookies.extract_cookies(response)
        return response

    def _timeout(self, url: httpx.URL, deadline: float) -> httpx.Timeout:
        # Each hop may only use what is left of the total, so a slow redirect chain or a slow
        # body cannot stretch a fetch much past total_timeout.
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError("timeout", str(url))
        connect = min(self._policy.connect_timeout, left)
        read = min(self._policy.read_timeout, left)
        return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)

    def _redirect_target(self, url: httpx.URL, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("location", "").strip()
        if not location:
            raise FetchError("http_status", str(url), status=response.status_code)
        try:
            target = str(url.join(location))
        except httpx.InvalidURL:
            raise FetchError("invalid_url", location) from None
        return self._checked(target)

    def _read(
        self,
        url: httpx.URL,
        response: httpx.Response,
        accept: tuple[str, ...] | None,
        limit: int,
        deadline: float,
    ) -> FetchResult:
        # Status and type are checked before the body is read: a PDF is not downloaded to be
        # refused afterwards.
        if not 200 <= response.status_code < 300:
            raise FetchError("http_status", str(url), status=response.status_code)
        media_type, charset = _parse_content_type(response.headers.get("content-type"))
        if accept is not None and media_type not in accept:
            raise FetchError("wrong_content_type", str(url), content_type=media_type)
        body = _read_body(response, str(url), limit, deadline)
        return FetchResult(str(url), response.status_code, media_type, charset, body)

    def _robots_allows(self, url: httpx.URL) -> bool:
        origin = (url.scheme, url.host, url.port)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(url.join("/robots.txt"))
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(str(url), self._policy.user_agent)

    def _load_robots(self, robots_url: httpx.URL) -> Protego | None:
        """The rules of a robots.txt, or None (everything allowed) when there is none, it fails
        or it cannot be read: a broken robots.txt says nothing about what the owner wants, and
        when the site itself is down the page fetch says so."""
        try:
            result = self._get(robots_url, None, ROBOTS_MAX_BYTES, check_robots=False)
        except FetchError:
            return None
        return Protego.parse(result.text)
