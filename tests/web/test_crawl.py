"""crawl_site: which pages and stylesheets it reads, and how it reports what failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from postloom.web.crawl import (
    MAX_STYLESHEETS,
    STYLESHEET_MAX_BYTES,
    CrawlResult,
    crawl_site,
    decode_html,
)
from postloom.web.folder_fetch import FolderFetcher
from postloom.web.safe_http import CSS, HTML, XML, FetchError, FetchResult
from postloom.web.site import PageNote

SITES = Path(__file__).parent / "sites"
HOME = "https://site.test/"


class SpyFetcher(FolderFetcher):
    """A folder fetcher that also records how each URL was asked for."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, HOME)
        self.calls: list[tuple[str, tuple[str, ...], int | None]] = []

    def fetch(
        self, url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None
    ) -> FetchResult:
        self.calls.append((url, accept, max_bytes))
        return super().fetch(url, accept=accept, max_bytes=max_bytes)


def crawl(site: str, max_pages: int = 6, budget: float = 40.0) -> tuple[CrawlResult, SpyFetcher]:
    fetcher = SpyFetcher(SITES / site)
    return crawl_site(HOME, fetcher, max_pages=max_pages, budget=budget), fetcher


def page_paths(result: CrawlResult) -> list[str]:
    return [page.url.removeprefix(HOME) for page in result.pages]


def test_english_site_reads_about_menu_services_pricing_and_contact() -> None:
    result, fetcher = crawl("en-bakery")

    assert page_paths(result) == ["", "about.html", "menu.html", "services.html", "contact.html"]
    assert result.home.url == HOME
    # careers, gallery and the blog say nothing about what the bakery sells
    assert not any("careers" in u or "gallery" in u or "blog" in u for u in fetcher.requested)


def test_a_failing_secondary_page_is_noted_not_raised() -> None:
    result, _ = crawl("en-bakery")  # the sitemap lists pricing.html, which does not exist

    assert PageNote(HOME + "pricing.html", ok=False, error="http_status") in result.notes
    assert PageNote(HOME, ok=True) == result.notes[0]
    assert len(result.notes) == 6


def test_other_sites_are_never_fetched() -> None:
    _, fetcher = crawl("en-bakery")
    _, turkish = crawl("tr-atolye")  # its sitemap lists a page on another domain

    requested = fetcher.requested + turkish.requested
    assert all(url.startswith(HOME) for url in requested)


def test_sitemap_is_read_as_xml_and_can_add_a_page() -> None:
    result, fetcher = crawl("tr-atolye")

    assert (HOME + "sitemap.xml", XML, 2 * 1024 * 1024) in fetcher.calls
    assert "menu.html" in page_paths(result)  # linked only from the sitemap


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("id-kopi", ["", "tentang-kami.html", "produk.html", "hubungi-kami.html"]),
        (
            "tr-atolye",
            ["", "hakkimizda.html", "menu.html", "urunler.html", "fiyat-listesi.html",
             "iletisim.html"],
        ),
    ],
)  # fmt: skip
def test_page_words_in_indonesian_and_turkish(site: str, expected: list[str]) -> None:
    result, _ = crawl(site)

    assert page_paths(result) == expected


def test_never_more_than_max_pages() -> None:
    result, fetcher = crawl("tr-atolye", max_pages=3)

    assert len(result.pages) == 3
    html_fetches = [c for c in fetcher.calls if c[1] == HTML]
    assert len(html_fetches) == 3


def test_only_the_home_page_when_max_pages_is_one() -> None:
    result, fetcher = crawl("tr-atolye", max_pages=1)

    assert page_paths(result) == [""]
    assert fetcher.requested == [HOME, HOME + "stil.css"]


def test_own_stylesheets_are_fetched_as_css_with_a_cap_and_vendor_files_are_not() -> None:
    result, fetcher = crawl("en-bakery")

    css_calls = [c for c in fetcher.calls if c[1] == CSS]
    assert [url for url, _, _ in css_calls] == [HOME + "css/site.css", HOME + "css/about.css"]
    assert all(limit == STYLESHEET_MAX_BYTES for _, _, limit in css_calls)
    assert [s.url for s in result.stylesheets] == [HOME + "css/site.css", HOME + "css/about.css"]
    assert "--brand: hsl(14 72% 45%)" in result.stylesheets[0].css
    assert not any("bootstrap" in url or "cdn." in url for url in fetcher.requested)


def test_stylesheets_are_capped(tmp_path: Path) -> None:
    links = "".join(f'<link rel="stylesheet" href="s{i}.css">' for i in range(12))
    (tmp_path / "index.html").write_text(f"<html><head>{links}</head><body></body></html>")
    for i in range(12):
        (tmp_path / f"s{i}.css").write_text(f".c{i} {{ color: red }}")

    result = crawl_site(HOME, FolderFetcher(tmp_path, HOME))

    assert len(result.stylesheets) == MAX_STYLESHEETS


def test_css_imports_of_the_same_site_are_followed(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="main.css">')
    (tmp_path / "main.css").write_text('@import url("parts/colors.css");\nbody { margin: 0 }')
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "colors.css").write_text(".btn { background: #123456 }")

    result = crawl_site(HOME, FolderFetcher(tmp_path, HOME))

    assert [s.url for s in result.stylesheets] == [HOME + "main.css", HOME + "parts/colors.css"]


def test_a_failing_home_page_raises(tmp_path: Path) -> None:
    with pytest.raises(FetchError) as raised:
        crawl_site(HOME, FolderFetcher(tmp_path, HOME))

    assert raised.value.code == "http_status"


def test_a_redirect_to_another_site_adds_no_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="about.html">About us</a>')
    (tmp_path / "about.html").write_text("<p>About</p>")

    class Redirecting(FolderFetcher):
        def fetch(
            self, url: str, accept: tuple[str, ...] = HTML, max_bytes: int | None = None
        ) -> FetchResult:
            result = super().fetch(url, accept=accept, max_bytes=max_bytes)
            if url.endswith("about.html"):
                result.url = "https://elsewhere.test/about.html"
            return result

    result = crawl_site(HOME, Redirecting(tmp_path, HOME))

    assert page_paths(result) == [""]


def test_html_is_decoded_with_its_meta_charset_when_http_gives_none() -> None:
    body = '<meta charset="windows-1254"><p>Hakkımızda</p>'.encode("cp1254")
    result = FetchResult(url=HOME, status=200, content_type="text/html", charset=None, body=body)

    assert "Hakkımızda" in decode_html(result)


def test_pages_past_the_time_budget_are_noted_as_timeouts() -> None:
    result, fetcher = crawl("en-bakery", budget=0.0)

    assert page_paths(result) == [""]
    assert [n.error for n in result.notes[1:]] == ["timeout"] * 5
    assert not any(url.endswith(".css") for url in fetcher.requested)
