"""safe_http: every way a user-supplied URL could reach somewhere it must not, and every way a
website could waste our time or memory, refused with its code.

No test reaches the internet: names resolve only through ``fake_dns`` and ``connection_log``
fails a test that connects anywhere but 127.0.0.1.
"""

from __future__ import annotations

import functools
import gzip
import ipaddress
import socket
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from postloom.web.safe_http import (
    HTML,
    IMAGES,
    TEXT,
    USER_AGENT,
    FetchError,
    FetchPolicy,
    FetchResult,
    SafeFetcher,
    allow_missing_type,
    is_allowed_address,
    parse_ip_literal,
)
from tests.web.conftest import FakeDns, LocalHttpServer, Reply

LOCAL: dict[str, Any] = {"allow_loopback": True}
ANY_ADDRESS = "0.0.0.0"  # noqa: S104 - an address to refuse, not one to bind to


@pytest.fixture(autouse=True)
def _offline(fake_dns: FakeDns, connection_log: list[tuple[str, int]]) -> None:
    """Every test here runs with the fake DNS and the connection guard."""


def fetch(
    url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None, **policy: Any
) -> FetchResult:
    with SafeFetcher(FetchPolicy(**policy)) as fetcher:
        return fetcher.fetch(url, accept=accept, max_bytes=max_bytes)


def refusal(
    url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None, **policy: Any
) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, accept, max_bytes, **policy)
    return caught.value


# --- Addresses that are refused before any connection -------------------------------------------

BLOCKED_IPV4 = [
    "127.0.0.1", "127.255.255.254",  # loopback
    "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",  # private
    "169.254.0.1", "169.254.169.254",  # link-local, cloud metadata
    "100.64.0.1", "100.100.100.200",  # carrier-grade NAT, Alibaba metadata
    ANY_ADDRESS, "0.1.2.3",  # unspecified, "this network"
    "224.0.0.1", "239.255.255.250", "255.255.255.255",  # multicast, broadcast
    "240.0.0.1",  # reserved
    "192.0.2.1", "198.51.100.7", "203.0.113.9",  # documentation
    "198.18.0.1", "198.19.255.1",  # benchmarking
    "192.0.0.192", "192.88.99.1",  # Oracle metadata, 6to4 relay
    "168.63.129.16",  # Azure wire server (a public address)
]  # fmt: skip

BLOCKED_IPV6 = [
    "::1", "::",  # loopback, unspecified
    "fc00::1", "fd12:3456::1", "fd00:ec2::254",  # unique local, AWS metadata
    "fe80::1", "fec0::1",  # link-local, site-local
    "ff02::1", "ff05::1:3",  # multicast
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",  # mapped
    "::127.0.0.1", "::a9fe:a9fe",  # IPv4-compatible
    "2002:7f00:1::", "2002:a9fe:a9fe::1",  # 6to4 of 127.0.0.1 and 169.254.169.254
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1",  # NAT64 of blocked IPv4
    "64:ff9b:1::1",  # local-use NAT64
    "2001:db8::1", "3fff::1",  # documentation
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "100::1",  # discard
]  # fmt: skip

ODD_SPELLINGS = [
    ("http://2130706433/", "127.0.0.1"),
    ("http://0x7f.1/", "127.0.0.1"),
    ("http://0177.0.0.1/", "127.0.0.1"),
    ("http://127.1/", "127.0.0.1"),
    ("http://127.0.1/", "127.0.0.1"),
    ("http://0x7f000001/", "127.0.0.1"),
    ("http://017700000001/", "127.0.0.1"),
    ("http://0x7F.0x00.0x00.0x01/", "127.0.0.1"),
    ("http://127.0.0.1./", "127.0.0.1"),
    ("http://0/", ANY_ADDRESS),
    ("http://0xa9fea9fe/", "169.254.169.254"),
    ("http://169.254.43518/", "169.254.169.254"),
    ("http://0251.0376.0251.0376/", "169.254.169.254"),
    ("http://10.1/", "10.0.0.1"),
    ("http://167772161/", "10.0.0.1"),
    ("http://[::ffff:a9fe:a9fe]/", "::ffff:169.254.169.254"),
    ("http://[0:0:0:0:0:0:0:1]/", "::1"),
    ("http://127.0.0.1:8080/admin", "127.0.0.1"),
    ("http://127\u30020\u30020\u30021/", "127.0.0.1"),  # ideographic full stops, IDNA dots
    ("http://[fe80::1%25eth0]/", "fe80::1%25eth0"),  # with a zone
]


@pytest.mark.parametrize("address", BLOCKED_IPV4)
def test_blocked_ipv4_literal_is_refused_without_connecting(
    address: str, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    error = refusal(f"http://{address}/")
    assert (error.code, error.detail) == ("blocked_address", {"address": address})
    assert connection_log == [] and fake_dns.lookups == []


@pytest.mark.parametrize("address", BLOCKED_IPV6)
def test_blocked_ipv6_literal_is_refused_without_connecting(
    address: str, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    error = refusal(f"https://[{address}]/")
    assert error.code == "blocked_address"
    assert error.detail["address"] == str(ipaddress.ip_address(address))
    assert connection_log == [] and fake_dns.lookups == []


@pytest.mark.parametrize(("url", "address"), ODD_SPELLINGS)
def test_odd_spellings_of_blocked_addresses_are_refused(
    url: str, address: str, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    error = refusal(url)
    assert (error.code, error.detail, error.url) == ("blocked_address", {"address": address}, url)
    assert connection_log == [] and fake_dns.lookups == []


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "169.254.169.254", ANY_ADDRESS, "100.100.100.200", "[::]", "[::ffff:127.0.0.1]",
     "[fd00:ec2::254]", "[fe80::1]", "0x0a000001"],
)  # fmt: skip
def test_allow_loopback_allows_loopback_only(
    address: str, connection_log: list[tuple[str, int]]
) -> None:
    assert refusal(f"http://{address}/", **LOCAL).code == "blocked_address"
    assert connection_log == []


@pytest.mark.parametrize(
    "resolved",
    ["127.0.0.1", "10.0.0.1", "192.168.0.10", "169.254.169.254", "100.100.100.200", ANY_ADDRESS,
     "::1", "fd00:ec2::254", "fe80::1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe"],
)  # fmt: skip
def test_name_resolving_to_a_blocked_address_is_refused_without_connecting(
    resolved: str, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    fake_dns.add("shop.example", resolved)
    error = refusal("http://shop.example/products")
    assert (error.code, error.url) == ("blocked_address", "http://shop.example/products")
    assert error.detail == {"address": str(ipaddress.ip_address(resolved))}
    assert connection_log == []


def test_name_with_one_blocked_address_among_allowed_ones_is_refused(
    fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    fake_dns.add("shop.example", "127.0.0.1", "10.0.0.1")
    error = refusal("http://shop.example/", **LOCAL)
    assert (error.code, error.detail) == ("blocked_address", {"address": "10.0.0.1"})
    assert connection_log == []


def test_localhost_by_name_is_refused(fake_dns: FakeDns) -> None:
    fake_dns.add("localhost", "127.0.0.1", "::1")
    assert refusal("http://localhost:8000/").code == "blocked_address"


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.1/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:169.254.169.254]/",
        "http://0xa9fea9fe/",
        "http://metadata.example/computeMetadata/v1/",  # fake_dns: 169.254.169.254
    ],
)
def test_redirect_to_a_blocked_address_is_refused_without_connecting(
    target: str,
    local_http_server: LocalHttpServer,
    fake_dns: FakeDns,
    connection_log: list[tuple[str, int]],
) -> None:
    fake_dns.add("metadata.example", "169.254.169.254")
    local_http_server.redirect("/", target)
    error = refusal(local_http_server.url("/"), respect_robots=False, **LOCAL)
    assert (error.code, error.url) == ("blocked_address", target)
    assert {host for host, _port in connection_log} == {"127.0.0.1"}
    assert local_http_server.paths() == ["/"]


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("64:ff9b::808:808", True),  # NAT64 of a public address, as DNS64 networks answer
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("::ffff:127.0.0.1", False),
    ],
)
def test_is_allowed_address(address: str, allowed: bool) -> None:
    assert is_allowed_address(ipaddress.ip_address(address)) is allowed


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("8.8.8.8.", "8.8.8.8"),
        ("::1", "::1"),
        ("shop.example", None),
        ("1.2.3.4.5", None),
        ("256.1.1.1", None),
        ("1.2.3.16777216", None),
        ("08.0.0.1", None),  # 8 is not an octal digit: a name, as for inet_aton()
        ("0x", ANY_ADDRESS),
    ],
)
def test_parse_ip_literal_reads_what_the_resolver_reads(host: str, address: str | None) -> None:
    parsed = parse_ip_literal(host)
    assert (str(parsed) if parsed else None) == address


# --- URLs that are not fetchable ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://user:pass@127.0.0.1/",
        "http://owner@shop.example/",
        "https://:secret@shop.example/",
        "https://user:pass@10.0.0.1/",
        "http://shop.example\\@127.0.0.1/",
    ],
)
def test_credentials_in_url_are_refused(
    url: str, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    assert refusal(url, **LOCAL).code == "credentials_in_url"
    assert connection_log == [] and fake_dns.lookups == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://shop.example/menu.pdf",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://127.0.0.1:70/_stats",
        "dict://127.0.0.1:11211/stats",
        "data:text/html,<h1>hi</h1>",
        "ws://shop.example/",
        "mailto:owner@shop.example",
    ],
)
def test_schemes_other_than_http_are_refused(
    url: str, connection_log: list[tuple[str, int]]
) -> None:
    assert refusal(url, **LOCAL).code == "invalid_url"
    assert connection_log == []


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "not a url",
        "shop.example",
        "//shop.example/",
        "http://",
        "http:///path",
        "http://exa mple.com/",
        "http://shop.example/\nHost: evil",
        "http://[::1/",
        "http://shop.example:99999/",
        "http://256.256.256.256/",
        "http://shop<script>.example/",
        "http://127.0.0.1%2e/",  # percent-encoded hosts are not hosts
        "http://\u2460\u2461\u2466.0.0.1/",  # circled digits: IDNA refuses them
    ],
)
def test_strings_that_are_not_urls_are_refused(
    url: str, connection_log: list[tuple[str, int]]
) -> None:
    assert refusal(url, **LOCAL).code == "invalid_url"
    assert connection_log == []


def test_space_in_path_is_percent_encoded(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/our%20menu")
    result = fetch(local_http_server.url("/our menu"), **LOCAL)
    assert result.url == local_http_server.url("/our%20menu")


# --- Redirects ----------------------------------------------------------------------------------


def test_relative_redirect_is_followed_and_recorded(local_http_server: LocalHttpServer) -> None:
    local_http_server.redirect("/", "shop/")
    local_http_server.redirect("/shop/", "../home?lang=id")
    local_http_server.page("/home?lang=id", "<p>Selamat datang</p>")
    result = fetch(local_http_server.url("/"), **LOCAL)
    assert result.url == local_http_server.url("/home?lang=id")
    assert result.redirects == [local_http_server.url("/"), local_http_server.url("/shop/")]
    assert result.text == "<p>Selamat datang</p>"


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_every_redirect_status_is_followed(status: int, local_http_server: LocalHttpServer) -> None:
    local_http_server.redirect("/old", local_http_server.url("/new"), status=status)
    local_http_server.page("/new")
    assert fetch(local_http_server.url("/old"), **LOCAL).url == local_http_server.url("/new")


def test_five_redirects_are_followed(local_http_server: LocalHttpServer) -> None:
    for hop in range(5):
        local_http_server.redirect(f"/{hop}", f"/{hop + 1}")
    local_http_server.page("/5")
    assert len(fetch(local_http_server.url("/0"), **LOCAL).redirects) == 5


def test_more_than_five_redirects_are_refused(local_http_server: LocalHttpServer) -> None:
    for hop in range(6):
        local_http_server.redirect(f"/{hop}", f"/{hop + 1}")
    local_http_server.page("/6")
    error = refusal(local_http_server.url("/0"), respect_robots=False, **LOCAL)
    assert (error.code, error.url) == ("too_many_redirects", local_http_server.url("/0"))
    assert "/6" not in local_http_server.paths()


def test_redirect_loop_is_refused(local_http_server: LocalHttpServer) -> None:
    local_http_server.redirect("/a", "/b")
    local_http_server.redirect("/b", "/a")
    error = refusal(local_http_server.url("/a"), respect_robots=False, **LOCAL)
    assert error.code == "too_many_redirects"
    assert len(local_http_server.paths()) == 6  # the first request and five redirects


def test_max_redirects_comes_from_the_policy(local_http_server: LocalHttpServer) -> None:
    local_http_server.redirect("/", "/home")
    local_http_server.page("/home")
    assert refusal(local_http_server.url("/"), max_redirects=0, **LOCAL).code == (
        "too_many_redirects"
    )


@pytest.mark.parametrize(
    "target", ["ftp://127.0.0.1/file", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_redirect_to_another_scheme_is_refused(
    target: str, local_http_server: LocalHttpServer
) -> None:
    local_http_server.redirect("/", target)
    error = refusal(local_http_server.url("/"), **LOCAL)
    assert error.code == "invalid_url"
    assert error.url.startswith(target.split(":")[0] + ":")


def test_redirect_with_credentials_is_refused(local_http_server: LocalHttpServer) -> None:
    local_http_server.redirect("/", local_http_server.url("/", host="admin:admin@127.0.0.1"))
    assert refusal(local_http_server.url("/"), **LOCAL).code == "credentials_in_url"


def test_cookies_set_on_a_redirect_are_sent_on_the_next_hop(
    local_http_server: LocalHttpServer,
) -> None:
    local_http_server.reply("/", Reply(302, headers={"Location": "/home", "Set-Cookie": "s=1"}))
    local_http_server.page("/home")
    fetch(local_http_server.url("/"), respect_robots=False, **LOCAL)
    assert local_http_server.seen[-1].headers.get("cookie") == "s=1"


def test_redirect_without_location_is_an_http_error(local_http_server: LocalHttpServer) -> None:
    local_http_server.reply("/", Reply(status=302))
    error = refusal(local_http_server.url("/"), **LOCAL)
    assert (error.code, error.detail) == ("http_status", {"status": 302})


# --- Timeouts -----------------------------------------------------------------------------------


def test_slow_response_times_out(local_http_server: LocalHttpServer) -> None:
    local_http_server.reply("/", Reply(body=b"<p>late</p>", delay=5))
    started = time.monotonic()
    error = refusal(local_http_server.url("/"), read_timeout=0.2, respect_robots=False, **LOCAL)
    assert error.code == "timeout"
    assert time.monotonic() - started < 2


def test_body_dripping_past_the_total_timeout_times_out(
    local_http_server: LocalHttpServer,
) -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(100):  # five seconds in all, each part well within the read timeout
            time.sleep(0.05)
            yield b"<p>still here</p>"

    local_http_server.reply("/", Reply(body=drip, headers={"Content-Type": "text/html"}))
    started = time.monotonic()
    error = refusal(
        local_http_server.url("/"), read_timeout=1, total_timeout=0.4, respect_robots=False,
        **LOCAL,
    )  # fmt: skip
    assert error.code == "timeout"
    assert time.monotonic() - started < 1.5


def test_slow_redirect_chain_shares_one_total_timeout(local_http_server: LocalHttpServer) -> None:
    for hop in range(5):
        slow_redirect = Reply(302, headers={"Location": f"/{hop + 1}"}, delay=0.2)
        local_http_server.reply(f"/{hop}", slow_redirect)
    local_http_server.page("/5")
    error = refusal(
        local_http_server.url("/0"), read_timeout=1, total_timeout=0.5, respect_robots=False,
        **LOCAL,
    )  # fmt: skip
    assert error.code == "timeout"


# --- Size caps ----------------------------------------------------------------------------------


def test_declared_length_over_the_cap_is_refused_before_reading(
    local_http_server: LocalHttpServer,
) -> None:
    # The server promises a gigabyte and sends ten bytes: only an up-front refusal is quick.
    headers = {"Content-Type": "text/html", "Content-Length": str(10**9)}
    local_http_server.reply("/", Reply(body=b"x" * 10, headers=headers))
    error = refusal(local_http_server.url("/"), read_timeout=5, **LOCAL)
    assert (error.code, error.detail) == ("too_large", {"limit": 5 * 1024 * 1024})


def test_max_bytes_argument_overrides_the_policy(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/", "x" * 2000)
    error = refusal(local_http_server.url("/"), max_bytes=1000, **LOCAL)
    assert (error.code, error.detail) == ("too_large", {"limit": 1000})
    assert len(fetch(local_http_server.url("/"), max_bytes=2000, **LOCAL).body) == 2000


def test_endless_chunked_body_stops_at_the_cap(local_http_server: LocalHttpServer) -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield b"x" * 65536

    local_http_server.reply("/", Reply(body=endless, headers={"Content-Type": "text/html"}))
    error = refusal(local_http_server.url("/"), max_bytes=1_000_000, **LOCAL)
    assert (error.code, error.detail) == ("too_large", {"limit": 1_000_000})


def test_default_cap_is_five_megabytes(local_http_server: LocalHttpServer) -> None:
    cap = 5 * 1024 * 1024
    local_http_server.page("/exact", b"x" * cap)
    local_http_server.reply(
        "/over", Reply(body=lambda: [b"x" * cap, b"x"], headers={"Content-Type": "text/html"})
    )
    assert len(fetch(local_http_server.url("/exact"), **LOCAL).body) == cap
    assert refusal(local_http_server.url("/over"), **LOCAL).code == "too_large"


@functools.cache
def _zeros_compressed(size: int, wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + (
        compressor.flush()
    )


@pytest.mark.parametrize(
    ("encoding", "wbits"),
    [("gzip", 16 + zlib.MAX_WBITS), ("deflate", zlib.MAX_WBITS), ("deflate", -zlib.MAX_WBITS)],
)
def test_compression_bomb_is_refused_at_the_cap(
    encoding: str, wbits: int, local_http_server: LocalHttpServer
) -> None:
    bomb = _zeros_compressed(64 * 1024 * 1024, wbits)  # 64 MB of zeros in about 64 kB
    assert len(bomb) < 1024 * 1024
    headers = {"Content-Type": "text/html", "Content-Encoding": encoding}
    local_http_server.reply("/", Reply(body=bomb, headers=headers))
    tracemalloc.start()
    try:
        error = refusal(local_http_server.url("/"), **LOCAL)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (error.code, error.detail) == ("too_large", {"limit": 5 * 1024 * 1024})
    assert peak < 24 * 1024 * 1024  # the cap and some change, never the 64 MB the bomb holds


def test_gzip_page_is_decoded(local_http_server: LocalHttpServer) -> None:
    page = "<p>Kopi susu gula aren</p>" * 100
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    local_http_server.reply("/", Reply(body=gzip.compress(page.encode()), headers=headers))
    result = fetch(local_http_server.url("/"), **LOCAL)
    assert result.text == page
    assert local_http_server.seen[-1].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("encoding", "body"), [("gzip", b"this is not gzip at all"), ("br", b"\x1b\x03")]
)
def test_unreadable_encoding_is_refused(
    encoding: str, body: bytes, local_http_server: LocalHttpServer
) -> None:
    headers = {"Content-Type": "text/html", "Content-Encoding": encoding}
    local_http_server.reply("/", Reply(body=body, headers=headers))
    assert refusal(local_http_server.url("/"), **LOCAL).code == "unreachable"


# --- Content types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "accept", "refused_as"),
    [
        ("application/pdf", HTML, "application/pdf"),
        ("image/png", HTML, "image/png"),
        ("text/plain", HTML, "text/plain"),  # even if the bytes look like HTML: no sniffing
        ("application/octet-stream", HTML, "application/octet-stream"),
        ("text/html", IMAGES, "text/html"),
        (None, HTML, ""),
    ],
)
def test_wrong_content_type_is_refused(
    content_type: str | None,
    accept: tuple[str, ...],
    refused_as: str,
    local_http_server: LocalHttpServer,
) -> None:
    local_http_server.page("/", "<html><body>hi</body></html>", content_type=content_type)
    error = refusal(local_http_server.url("/"), accept, **LOCAL)
    assert (error.code, error.detail) == ("wrong_content_type", {"content_type": refused_as})


def test_wrong_content_type_is_refused_before_the_body_is_read(
    local_http_server: LocalHttpServer,
) -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield b"%PDF" * 16384

    local_http_server.reply("/", Reply(body=endless, headers={"Content-Type": "application/pdf"}))
    assert refusal(local_http_server.url("/"), read_timeout=2, **LOCAL).code == (
        "wrong_content_type"
    )


def test_missing_content_type_is_accepted_only_when_asked_for(
    local_http_server: LocalHttpServer,
) -> None:
    local_http_server.page("/style.css", "body { color: #c0ffee }", content_type=None)
    result = fetch(local_http_server.url("/style.css"), allow_missing_type(TEXT), **LOCAL)
    assert (result.content_type, result.charset, result.text) == (
        "",
        None,
        "body { color: #c0ffee }",
    )


def test_content_type_and_charset_are_normalised(local_http_server: LocalHttpServer) -> None:
    latin1 = "Text/HTML; Charset=ISO-8859-1"
    local_http_server.page("/", "Caf\xe9".encode("latin-1"), content_type=latin1)
    result = fetch(local_http_server.url("/"), **LOCAL)
    assert (result.status, result.content_type, result.charset, result.text) == (
        200,
        "text/html",
        "iso-8859-1",
        "Café",
    )


def test_unknown_charset_is_dropped(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/", "ok", content_type="text/html; charset=klingon")
    result = fetch(local_http_server.url("/"), **LOCAL)
    assert (result.charset, result.text) == (None, "ok")


def test_images_are_fetched_with_images_accept(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    result = fetch(local_http_server.url("/logo.png"), IMAGES, **LOCAL)
    assert (result.content_type, result.body) == ("image/png", b"\x89PNG\r\n\x1a\n")
    assert local_http_server.seen[-1].headers["accept"] == ", ".join(IMAGES)


# --- robots.txt ---------------------------------------------------------------------------------

ROBOTS = """\
User-agent: *
Disallow: /private
"""


def test_robots_disallow_is_honoured(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots(ROBOTS)
    local_http_server.page("/private/stock")
    error = refusal(local_http_server.url("/private/stock"), **LOCAL)
    assert (error.code, error.url) == ("robots_disallowed", local_http_server.url("/private/stock"))
    assert local_http_server.paths() == ["/robots.txt"]


def test_robots_allows_other_paths_and_is_fetched_once(
    local_http_server: LocalHttpServer,
) -> None:
    local_http_server.robots(ROBOTS)
    local_http_server.page("/")
    local_http_server.page("/about")
    with SafeFetcher(FetchPolicy(**LOCAL)) as fetcher:
        fetcher.fetch(local_http_server.url("/"))
        fetcher.fetch(local_http_server.url("/about"))
        assert fetcher.robots_allows(local_http_server.url("/about"))
        assert not fetcher.robots_allows(local_http_server.url("/private"))
    assert local_http_server.paths() == ["/robots.txt", "/", "/about"]


def test_robots_group_for_postloom_applies(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots("User-agent: PostloomBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    local_http_server.page("/")
    assert refusal(local_http_server.url("/"), **LOCAL).code == "robots_disallowed"


def test_robots_group_for_another_bot_does_not_apply(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots("User-agent: GPTBot\nDisallow: /\n")
    local_http_server.page("/")
    assert fetch(local_http_server.url("/"), **LOCAL).status == 200


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_robots_error_allows_everything(status: int, local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/robots.txt", "Disallow: /", content_type="text/plain", status=status)
    local_http_server.page("/")
    assert fetch(local_http_server.url("/"), **LOCAL).status == 200


def test_robots_txt_itself_is_not_subject_to_robots(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots("User-agent: *\nDisallow: /\n")
    result = fetch(local_http_server.url("/robots.txt"), TEXT, **LOCAL)
    assert result.text.startswith("User-agent")


def test_redirect_into_a_disallowed_path_is_refused(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots(ROBOTS)
    local_http_server.redirect("/", "/private/")
    local_http_server.page("/private/")
    error = refusal(local_http_server.url("/"), **LOCAL)
    assert (error.code, error.url) == ("robots_disallowed", local_http_server.url("/private/"))


def test_robots_are_ignored_when_the_policy_says_so(local_http_server: LocalHttpServer) -> None:
    local_http_server.robots("User-agent: *\nDisallow: /\n")
    local_http_server.page("/")
    with SafeFetcher(FetchPolicy(respect_robots=False, **LOCAL)) as fetcher:
        assert fetcher.fetch(local_http_server.url("/")).status == 200
        assert fetcher.robots_allows(local_http_server.url("/"))
    assert local_http_server.paths() == ["/"]


# --- HTTP and network failures ------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 403, 404, 410, 500, 502, 503])
def test_error_status_is_refused_with_the_status(
    status: int, local_http_server: LocalHttpServer
) -> None:
    local_http_server.page("/", "<h1>Oops</h1>", status=status)
    error = refusal(local_http_server.url("/"), **LOCAL)
    assert (error.code, error.detail) == ("http_status", {"status": status})


def test_dns_failure(fake_dns: FakeDns, connection_log: list[tuple[str, int]]) -> None:
    error = refusal("https://no-such-shop.example/")
    assert (error.code, error.url) == ("dns_failure", "https://no-such-shop.example/")
    assert "no-such-shop.example" in fake_dns.lookups
    assert connection_log == []


def test_connection_refused_is_unreachable() -> None:
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = refusal(f"http://127.0.0.1:{port}/", respect_robots=False, **LOCAL)
    assert error.code == "unreachable"


# --- What is sent, and to where -----------------------------------------------------------------


def test_user_agent_names_postloom(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/")
    fetch(local_http_server.url("/"), **LOCAL)
    assert [seen.headers["user-agent"] for seen in local_http_server.seen] == [USER_AGENT] * 2
    assert USER_AGENT.startswith("PostloomBot/")


def test_user_agent_comes_from_the_policy(local_http_server: LocalHttpServer) -> None:
    local_http_server.page("/")
    fetch(local_http_server.url("/"), user_agent="PostloomBot/9 (sandbox)", **LOCAL)
    assert local_http_server.seen[-1].headers["user-agent"] == "PostloomBot/9 (sandbox)"


def test_connection_goes_to_the_checked_address_with_the_original_host_header(
    local_http_server: LocalHttpServer, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    fake_dns.add("shop.example", "127.0.0.1")
    local_http_server.page("/")
    url = local_http_server.url("/", host="shop.example")
    result = fetch(url, **LOCAL)
    assert result.url == url
    port = local_http_server.port
    assert [seen.headers["host"] for seen in local_http_server.seen] == [f"shop.example:{port}"] * 2
    assert set(connection_log) == {("127.0.0.1", port)}


def test_dns_rebinding_cannot_swap_the_address_after_the_check(
    local_http_server: LocalHttpServer, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    # The name answers 127.0.0.1 once, then the metadata address. The connection must use the
    # answer that was checked, and a later connection must check the new answer.
    fake_dns.rebind("shop.example", ["127.0.0.1"], ["169.254.169.254"])
    local_http_server.page("/")
    url = local_http_server.url("/", host="shop.example")
    assert fetch(url, respect_robots=False, **LOCAL).status == 200
    assert fake_dns.lookups == ["shop.example"]
    assert refusal(url, respect_robots=False, **LOCAL).code == "blocked_address"
    assert connection_log == [("127.0.0.1", local_http_server.port)]


def test_tls_verifies_the_name_while_connecting_to_the_checked_address(
    local_https_server: LocalHttpServer, fake_dns: FakeDns, connection_log: list[tuple[str, int]]
) -> None:
    fake_dns.add("shop.example", "127.0.0.1")
    local_https_server.page("/")
    result = fetch(local_https_server.url("/", host="shop.example"), **LOCAL)
    assert result.url == local_https_server.url("/", host="shop.example")
    assert set(local_https_server.sni) == {"shop.example"}
    assert local_https_server.seen[-1].headers["host"] == f"shop.example:{local_https_server.port}"
    assert {host for host, _port in connection_log} == {"127.0.0.1"}


@pytest.mark.parametrize("host", ["other.example", "127.0.0.1"])
def test_tls_certificate_for_another_name_is_refused(
    host: str, local_https_server: LocalHttpServer, fake_dns: FakeDns
) -> None:
    fake_dns.add("other.example", "127.0.0.1")
    local_https_server.page("/")
    error = refusal(local_https_server.url("/", host=host), respect_robots=False, **LOCAL)
    assert error.code == "unreachable"
    assert "certificate" in str(error.detail["reason"]).lower()
    assert local_https_server.seen == []


# --- With an injected transport (unit tests of code that uses the fetcher) ------------------------


def test_mock_transport_replaces_the_network() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        assert request.headers["user-agent"] == USER_AGENT
        assert request.headers["host"] == "shop.example"
        return httpx.Response(200, html="<p>hi</p>")

    with SafeFetcher(FetchPolicy(), transport=httpx.MockTransport(answer)) as fetcher:
        result = fetcher.fetch("https://shop.example/")
    assert (result.url, result.content_type, result.text) == (
        "https://shop.example/",
        "text/html",
        "<p>hi</p>",
    )


def test_mock_transport_still_refuses_blocked_literals_and_redirects_to_them() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "shop.example", "a blocked address reached the transport"
        return httpx.Response(302, headers={"Location": "http://[::ffff:a9fe:a9fe]/"})

    with SafeFetcher(FetchPolicy(), transport=httpx.MockTransport(answer)) as fetcher:
        with pytest.raises(FetchError) as direct:
            fetcher.fetch("http://169.254.169.254/")
        with pytest.raises(FetchError) as redirected:
            fetcher.fetch("https://shop.example/")
    assert direct.value.code == redirected.value.code == "blocked_address"
