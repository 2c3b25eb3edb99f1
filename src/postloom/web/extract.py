"""Turn the pages of a crawl into a SiteExtract: what a brand profile is made from.

Each kind of fact has its own module (names, colors, fonts, social, products, contact,
language, maintext); this one parses every page once, hands the parsed pages around and
fetches the one extra thing extraction needs: the logo image, for its palette.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from postloom.web.colors import css_color_tallies, image_palette, image_size, rank_colors
from postloom.web.contact import find_contact
from postloom.web.crawl import CrawlResult, Fetcher, base_url
from postloom.web.css import SelectorMatcher, build_style_model
from postloom.web.fonts import rank_fonts
from postloom.web.jsonld import (
    JsonObject,
    find_business,
    find_website,
    jsonld_objects,
    same_as,
    text_of,
    url_of,
)
from postloom.web.language import declared_language, detect_language
from postloom.web.logo import HEADER_SCOPES, Logo, find_logo, touch_icon
from postloom.web.maintext import main_text
from postloom.web.names import (
    NameCandidate,
    choose_name,
    header_brand_texts,
    title_segments,
)
from postloom.web.products import find_products
from postloom.web.safe_http import IMAGES, FetchError
from postloom.web.site import Image, SiteExtract
from postloom.web.social import find_social
from postloom.web.text import clean, fold, squash, truncate
from postloom.web.urls import absolute

LOGO_MAX_BYTES = 2 * 1024 * 1024
DESCRIPTION_CHARS = 500
MAX_IMAGES = 60
# Matching every selector against every page costs time and adds little after a few pages.
MATCH_PAGES = 3


def extract_site(crawl: CrawlResult, fetcher: Fetcher | None = None) -> SiteExtract:
    if not crawl.pages:
        return SiteExtract(url="", pages=list(crawl.notes))
    parsed = _Parsed.of(crawl)
    site = SiteExtract(url=crawl.home.url, pages=list(crawl.notes))
    _read_words(site, crawl, parsed)
    logo = _read_identity(site, parsed)
    _read_look(site, crawl, parsed, logo, fetcher)
    _read_offer(site, parsed)
    return site


@dataclass
class _Parsed:
    """Every page parsed once, with what several readers need."""

    pages: list[tuple[str, LexborHTMLParser]]  # (URL relative links resolve against, tree)
    objects: list[JsonObject]  # JSON-LD of all pages
    business: JsonObject | None

    @classmethod
    def of(cls, crawl: CrawlResult) -> _Parsed:
        pages = []
        for page in crawl.pages:
            tree = LexborHTMLParser(page.html)
            pages.append((base_url(tree, page.url), tree))
        objects = jsonld_objects([tree for _, tree in pages])
        return cls(pages, objects, find_business(objects))

    @property
    def trees(self) -> list[LexborHTMLParser]:
        return [tree for _, tree in self.pages]

    @property
    def home(self) -> LexborHTMLParser:
        return self.pages[0][1]

    @property
    def home_url(self) -> str:
        return self.pages[0][0]


def _read_words(site: SiteExtract, crawl: CrawlResult, parsed: _Parsed) -> None:
    site.title = _title(parsed.home)
    site.declared_language = declared_language(_html_lang(parsed.home))
    site.main_text = main_text([(page.url, page.html) for page in crawl.pages])
    site.description = _description(parsed.home, parsed.business, site.main_text)
    site.language = detect_language(f"{site.description}\n{site.main_text}", site.declared_language)


def _read_identity(site: SiteExtract, parsed: _Parsed) -> Logo | None:
    """Name and logo: they inform each other (the logo's alt text is a name candidate)."""
    brand_texts = header_brand_texts(parsed.home)
    logo = _choose_logo(parsed, text_brand=bool(brand_texts))
    name = choose_name(_name_candidates(parsed, logo, brand_texts))
    site.name, site.name_source = (name.text, name.source) if name else ("", "")
    site.logo_url = logo.url if logo else ""
    return logo


def _read_look(
    site: SiteExtract,
    crawl: CrawlResult,
    parsed: _Parsed,
    logo: Logo | None,
    fetcher: Fetcher | None,
) -> None:
    """Colors, fonts and images."""
    logo_file = _fetch_logo(logo, fetcher)
    trees = parsed.trees
    style = build_style_model(_stylesheets(crawl, trees), trees)
    matcher = SelectorMatcher(trees[:MATCH_PAGES])
    palette = image_palette(*logo_file) if logo_file else []
    site.colors = rank_colors(css_color_tallies(style, matcher), palette)
    site.fonts = rank_fonts(style, matcher, trees)
    site.images = _images(parsed.pages, logo, logo_file[0] if logo_file else None)


def _read_offer(site: SiteExtract, parsed: _Parsed) -> None:
    """What the business sells and how to reach it."""
    trees = parsed.trees
    site.social = find_social(trees, same_as(parsed.objects))
    skip = _not_product_names(parsed.home, site.name)
    pages = [(tree, url) for url, tree in parsed.pages]
    site.products = find_products(pages, parsed.objects, skip)
    site.contact = find_contact(trees, parsed.objects)


# --- page basics ----------------------------------------------------------------------------


def _title(tree: LexborHTMLParser) -> str:
    node = tree.css_first("title")
    return squash(node.text(deep=True)) if node else ""


def _html_lang(tree: LexborHTMLParser) -> str:
    html = tree.css_first("html")
    return (html.attributes.get("lang") or html.attributes.get("xml:lang") or "") if html else ""


def _meta(tree: LexborHTMLParser, *names: str) -> str:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"], meta[name="{name}"]')
        content = squash(node.attributes.get("content") or "") if node else ""
        if content:
            return content
    return ""


def _description(tree: LexborHTMLParser, business: JsonObject | None, text: str) -> str:
    stated = _meta(tree, "description", "og:description", "twitter:description")
    stated = stated or (text_of(business.get("description")) if business else "")
    if not stated:
        # The first real paragraph: a sentence or two, not a label or a menu line.
        stated = next((line for line in text.splitlines() if _is_paragraph(line)), "")
    return truncate(clean(stated), DESCRIPTION_CHARS)


def _is_paragraph(line: str) -> bool:
    return len(line) >= 60 and len(line.split()) >= 8 and not line.isupper()


# --- name and logo --------------------------------------------------------------------------


def _name_candidates(
    parsed: _Parsed, logo: Logo | None, brand_texts: list[str]
) -> list[NameCandidate]:
    home, business = parsed.home, parsed.business
    candidates = []
    if business:
        candidates.append(NameCandidate(text_of(business.get("name")), "json-ld"))
    candidates.append(NameCandidate(_meta(home, "og:site_name"), "og:site_name"))
    website = find_website(parsed.objects)
    if website:
        candidates.append(NameCandidate(text_of(website.get("name")), "json-ld"))
    if logo and logo.source == "header":
        candidates.append(NameCandidate(logo.alt, "logo-alt"))
    candidates += [NameCandidate(text, "header") for text in brand_texts]
    body_text = home.body.text(deep=True, separator=" ") if home.body else ""
    host = urlsplit(parsed.home_url).hostname or ""
    for segment in title_segments(_title(home), host, body_text):
        candidates.append(NameCandidate(segment, "title"))
    return [c for c in candidates if c.text]


def _choose_logo(parsed: _Parsed, text_brand: bool) -> Logo | None:
    home, home_url, business = parsed.home, parsed.home_url, parsed.business
    logo = find_logo(home, home_url)
    if logo:
        return logo
    stated = absolute(url_of(business.get("logo")), home_url) if business else ""
    if stated:
        return Logo(stated, text_of(business.get("name")) if business else "", "json-ld")
    # A text-only brand has no logo image; the touch icon would only be a stand-in.
    return None if text_brand else touch_icon(home, home_url)


def _fetch_logo(logo: Logo | None, fetcher: Fetcher | None) -> tuple[bytes, str] | None:
    if not logo or not fetcher:
        return None
    try:
        fetched = fetcher.fetch(logo.url, accept=IMAGES, max_bytes=LOGO_MAX_BYTES)
    except FetchError:
        return None
    return fetched.body, fetched.content_type


# --- styles, images, products ---------------------------------------------------------------


def _stylesheets(crawl: CrawlResult, trees: list[LexborHTMLParser]) -> list[str]:
    inline = [node.text(deep=True) for tree in trees for node in tree.css("style")]
    return [sheet.css for sheet in crawl.stylesheets] + inline


def _images(
    pages: list[tuple[str, LexborHTMLParser]], logo: Logo | None, logo_body: bytes | None
) -> list[Image]:
    images: dict[str, Image] = {}
    for page_url, tree in pages:
        for node in tree.css("img"):
            attrs = node.attributes
            src = attrs.get("src") or attrs.get("data-src") or _first_srcset(attrs.get("srcset"))
            url = absolute(src or "", page_url)
            width, height = _dimension(attrs.get("width")), _dimension(attrs.get("height"))
            if not url or url in images or (width or 3) <= 2 or (height or 3) <= 2:
                continue  # tracking pixels and spacers are not pictures
            images[url] = Image(url, squash(attrs.get("alt") or ""), width, height)
    if logo:
        # The logo goes first, with its real size when its file was read.
        shown = images.pop(logo.url, Image(logo.url, logo.alt))
        size = image_size(logo_body) if logo_body else None
        if size:
            shown.width, shown.height = size
        images = {logo.url: shown, **images}
    return list(images.values())[:MAX_IMAGES]


def _first_srcset(srcset: str | None) -> str:
    return srcset.split(",")[0].strip().split(" ")[0] if srcset else ""


def _dimension(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)(px)?\s*$", value or "")
    return int(match.group(1)) if match else None


def _not_product_names(home: LexborHTMLParser, site_name: str) -> set[str]:
    """Menu labels ("About", "Hakkımızda") and the business's own name are not products."""
    scopes = [*HEADER_SCOPES.split(","), "footer"]
    selector = ", ".join(f"{scope.strip()} a" for scope in scopes)
    labels = {fold(a.text(deep=True, strip=True)) for a in home.css(selector)}
    return {label for label in labels if label} | {fold(site_name)}
