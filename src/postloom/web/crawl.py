"""Fetch a handful of pages of a business's website: the home page and the ones worth reading.

``crawl_site`` reads the home page (its FetchError goes to the caller: without it there is
nothing to show), then up to five pages picked for what they say about the business (about,
menu, products, services, pricing, contact — in English, Indonesian and Turkish), found in the
home page's links and in /sitemap.xml, and the site's own stylesheets. A secondary page that
fails is noted, never raised.
"""

from __future__ import annotations

import codecs
import re
import time
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from postloom.web.safe_http import CSS, HTML, XML, FetchError, FetchResult
from postloom.web.site import PageNote
from postloom.web.text import fold
from postloom.web.urls import absolute, is_vendor_asset, looks_like_html, same_page, same_site

MAX_STYLESHEETS = 8
STYLESHEET_MAX_BYTES = 1024 * 1024
SITEMAP_MAX_BYTES = 2 * 1024 * 1024
SITEMAP_MAX_URLS = 500
# Each fetch has its own timeouts; this bounds the whole crawl of a slow site, so onboarding
# answers in under a minute even when every secondary page hangs to its limit.
CRAWL_BUDGET_SECONDS = 40.0


class Fetcher(Protocol):
    """What the crawler needs from ``safe_http.SafeFetcher`` (tests pass a folder fetcher)."""

    def fetch(
        self, url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None
    ) -> FetchResult: ...


@dataclass
class Page:
    url: str  # final URL, after redirects
    html: str


@dataclass
class Stylesheet:
    url: str
    css: str


@dataclass
class CrawlResult:
    pages: list[Page]  # the home page first
    stylesheets: list[Stylesheet] = field(default_factory=list)
    notes: list[PageNote] = field(default_factory=list)

    @property
    def home(self) -> Page:
        return self.pages[0]


# Folded keywords (see text.fold) per kind of page, most useful kinds first. A page is picked
# per kind before a second page of any kind, so a site with ten product pages still shows us
# its about and contact pages.
PAGE_KINDS: dict[str, tuple[str, ...]] = {
    "about": (
        "about", "about us", "our story", "who we are", "tentang", "tentang kami", "profil",
        "profile", "hakkimizda", "hakkinda", "biz kimiz", "kurumsal",
    ),
    "menu": ("menu", "our menu", "daftar menu", "menuler", "menumuz"),
    "products": (
        "product", "products", "shop", "store", "catalog", "catalogue", "collection",
        "collections", "produk", "produk kami", "katalog", "koleksi", "urun", "urunler",
        "urunlerimiz", "magaza", "koleksiyon",
    ),
    "services": (
        "service", "services", "our services", "what we do", "treatments", "programs",
        "layanan", "layanan kami", "jasa", "hizmet", "hizmetler", "hizmetlerimiz", "perawatan",
    ),
    "pricing": (
        "pricing", "price", "prices", "plans", "rates", "harga", "daftar harga", "paket",
        "fiyat", "fiyatlar", "fiyat listesi", "tarifeler",
    ),
    "contact": (
        "contact", "contact us", "find us", "location", "kontak", "hubungi", "hubungi kami",
        "lokasi", "iletisim", "bize ulasin", "adres",
    ),
}  # fmt: skip


@dataclass
class _Candidate:
    url: str
    kind: str
    score: float


def crawl_site(
    url: str, fetcher: Fetcher, max_pages: int = 6, budget: float = CRAWL_BUDGET_SECONDS
) -> CrawlResult:
    deadline = time.monotonic() + budget
    home_result = fetcher.fetch(url, accept=HTML)
    home = Page(home_result.url, decode_html(home_result))
    result = CrawlResult(pages=[home], notes=[PageNote(home.url, ok=True)])
    for candidate in _pick_pages(home, fetcher, max_pages - 1):
        if time.monotonic() > deadline:
            result.notes.append(PageNote(candidate.url, ok=False, error="timeout"))
            continue
        _fetch_page(candidate.url, fetcher, result)
    result.stylesheets = _fetch_stylesheets(result.pages, fetcher, deadline)
    return result


def _fetch_page(url: str, fetcher: Fetcher, result: CrawlResult) -> None:
    try:
        fetched = fetcher.fetch(url, accept=HTML)
    except FetchError as error:
        result.notes.append(PageNote(url, ok=False, error=error.code))
        return
    # A redirect may land on a page we already have, or on another site: neither adds anything.
    if not same_site(fetched.url, result.home.url):
        return
    if any(same_page(fetched.url, page.url) for page in result.pages):
        return
    result.pages.append(Page(fetched.url, decode_html(fetched)))
    result.notes.append(PageNote(fetched.url, ok=True))


# --- choosing pages -------------------------------------------------------------------------


def _pick_pages(home: Page, fetcher: Fetcher, limit: int) -> list[_Candidate]:
    if limit <= 0:
        return []
    links = _home_links(home)
    for sitemap_url in _sitemap_urls(home.url, fetcher):
        links.setdefault(sitemap_url, "")
    candidates = [c for link, text in links.items() if (c := _score_link(link, text))]
    return _diverse_best(candidates, limit)


def _home_links(home: Page) -> dict[str, str]:
    """Same-site page links of the home page -> their anchor text (first seen wins)."""
    tree = LexborHTMLParser(home.html)
    base = base_url(tree, home.url)
    links: dict[str, str] = {}
    for anchor in tree.css("a[href]"):
        link = absolute(anchor.attributes.get("href") or "", base)
        if not link or not same_site(link, home.url) or not looks_like_html(link):
            continue
        if same_page(link, home.url):
            continue
        links.setdefault(link, anchor.text(deep=True, separator=" ", strip=True))
    return links


def base_url(tree: LexborHTMLParser, page_url: str) -> str:
    """What the page's relative links are relative to: its <base href>, else its own URL."""
    base = tree.css_first("base[href]")
    href = (base.attributes.get("href") or "") if base else ""
    return urljoin(page_url, href) if href else page_url


def _sitemap_urls(home_url: str, fetcher: Fetcher) -> list[str]:
    sitemap = urljoin(home_url, "/sitemap.xml")
    try:
        fetched = fetcher.fetch(sitemap, accept=XML, max_bytes=SITEMAP_MAX_BYTES)
    except FetchError:
        return []  # most small sites have none; that is not worth a note
    # A regex, not an XML parser: nothing in a stranger's XML gets to expand entities.
    locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", fetched.text)[:SITEMAP_MAX_URLS]
    urls = [absolute(loc.replace("&amp;", "&"), home_url) for loc in locs]
    return [u for u in urls if u and same_site(u, home_url) and looks_like_html(u)]


_EXTENSION = re.compile(r"\.[a-z0-9]+$", re.IGNORECASE)


def _score_link(url: str, text: str) -> _Candidate | None:
    parts = urlsplit(url)
    path = unquote(parts.path)
    # index.php?page=about names its page in the query
    path_words = f" {fold(_EXTENSION.sub('', path) + ' ' + unquote(parts.query))} "
    text_words = f" {fold(text)} "
    best: _Candidate | None = None
    for kind, words in PAGE_KINDS.items():
        score = 0.0
        if any(f" {w} " in path_words for w in words):
            score += 3
        if any(f" {w} " in text_words for w in words):
            score += 2
        if not score:
            continue
        # Deep paths are blog posts that merely mention "menu" or "harga".
        score -= 0.5 * max(0, path.strip("/").count("/"))
        if best is None or score > best.score:
            best = _Candidate(url, kind, score)
    return best if best and best.score > 0 else None


def _diverse_best(candidates: list[_Candidate], limit: int) -> list[_Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, len(c.url)))
    kinds = list(PAGE_KINDS)
    unique: list[_Candidate] = []
    for candidate in ranked:  # about.html and about.html?ref=nav are one page
        if not any(same_page(candidate.url, u.url) for u in unique):
            unique.append(candidate)
    picked: list[_Candidate] = []
    for kind in kinds:
        first = next((c for c in unique if c.kind == kind), None)
        if first:
            picked.append(first)
    picked = picked[:limit]
    for candidate in unique:
        if len(picked) >= limit:
            break
        if candidate not in picked:
            picked.append(candidate)
    return picked


# --- stylesheets ----------------------------------------------------------------------------


def _fetch_stylesheets(pages: list[Page], fetcher: Fetcher, deadline: float) -> list[Stylesheet]:
    """The site's own stylesheets, linked by the pages read (framework files are skipped:
    their colors and fonts are Bootstrap's, not the brand's)."""
    queue = _stylesheet_links(pages)
    sheets: list[Stylesheet] = []
    seen: set[str] = set()
    while queue and len(sheets) < MAX_STYLESHEETS and time.monotonic() < deadline:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            fetched = fetcher.fetch(url, accept=CSS, max_bytes=STYLESHEET_MAX_BYTES)
        except FetchError:
            continue
        sheets.append(Stylesheet(fetched.url, fetched.text))
        queue.extend(_css_imports(fetched.text, fetched.url, pages[0].url))
    return sheets


def _stylesheet_links(pages: list[Page]) -> list[str]:
    links: list[str] = []
    for page in pages:
        tree = LexborHTMLParser(page.html)
        base = base_url(tree, page.url)
        for node in tree.css("link[rel][href]"):
            rel = (node.attributes.get("rel") or "").lower().split()
            if "stylesheet" not in rel:
                continue
            url = absolute(node.attributes.get("href") or "", base)
            own = url and same_site(url, pages[0].url) and not is_vendor_asset(url)
            if own and url not in links:
                links.append(url)
    return links


def _css_imports(css: str, css_url: str, home_url: str) -> list[str]:
    found = re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)", css)
    urls = [absolute(href, css_url) for href in found]
    return [u for u in urls if u and same_site(u, home_url) and not is_vendor_asset(u)]


# --- decoding -------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)


def decode_html(result: FetchResult) -> str:
    """Decode with the HTTP charset, else the page's own <meta charset>, else UTF-8."""
    charset = result.charset or _meta_charset(result.body[:4096]) or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return result.body.decode(charset, errors="replace")


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None
