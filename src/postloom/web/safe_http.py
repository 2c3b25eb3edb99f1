"""The only way Postloom fetches a URL a user gave it (SSRF-safe).

Public interface (other modules rely on these names):

    policy = FetchPolicy(allow_loopback=False)
    with SafeFetcher(policy) as fetcher:
        result = fetcher.fetch("https://example.com/", accept=HTML)
    result.url, result.status, result.content_type, result.body, result.text, result.redirects

Every refusal raises FetchError with a stable ``code`` (see FetchError.CODES); the Django side
turns codes into translated messages. Nothing here is translated or imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HTML = ("text/html", "application/xhtml+xml")
CSS = ("text/css",)
IMAGES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml", "image/x-icon",
          "image/vnd.microsoft.icon", "image/avif")
XML = ("application/xml", "text/xml")
TEXT = ("text/plain",)

USER_AGENT = "PostloomBot/0.1 (+https://github.com/postloom/postloom; brand onboarding)"


class FetchError(Exception):
    CODES = (
        "invalid_url",  # not a URL, or not http/https
        "credentials_in_url",  # user:password@host
        "blocked_address",  # resolves to loopback/private/link-local/CGNAT/multicast/metadata...
        "dns_failure",  # the name does not resolve
        "unreachable",  # connection refused/reset
        "timeout",
        "too_many_redirects",
        "http_status",  # 4xx/5xx; detail["status"]
        "wrong_content_type",  # detail["content_type"]
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
    redirects: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")
