"""Small URL helpers shared by the crawler and the extractors."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

# Framework and plugin stylesheets: their colors and fonts are the framework's, not the brand's.
_VENDOR_PATH = re.compile(
    r"(^|/)(vendor|vendors|lib|libs|plugins?|node_modules|bower_components|third[-_]?party)/"
    r"|bootstrap|font-?awesome|fontawesome|ionicons|owl\.?carousel|lightbox|slick|swiper"
    r"|animate(\.min)?\.css|aos(\.min)?\.css|magnific|fancybox|normalize|jquery|select2"
    r"|datepicker|flickity|glightbox|remixicon|boxicons|bootstrap-icons|materialdesignicons"
    r"|(^|/)all(\.min)?\.css$",
    re.IGNORECASE,
)

_NOT_HTML = re.compile(
    r"\.(pdf|jpe?g|png|gif|webp|avif|svg|ico|css|js|json|xml|txt|zip|rar|gz|mp4|mp3|webm|mov"
    r"|docx?|xlsx?|pptx?|woff2?|ttf|eot)$",
    re.IGNORECASE,
)


def host_of(url: str) -> str:
    """The host without "www." and port, lower case: what "same site" compares."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_site(url: str, base: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") and host_of(url) == host_of(base)


def absolute(href: str, base: str) -> str:
    """Resolve a link the way a browser would, without the #fragment; "" for non-web links."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return ""
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def looks_like_html(url: str) -> bool:
    return not _NOT_HTML.search(urlsplit(url).path)


def is_vendor_asset(url: str) -> bool:
    return bool(_VENDOR_PATH.search(urlsplit(url).path))


def same_page(a: str, b: str) -> bool:
    """Two URLs name the same page (trailing slash, index.html and www. ignored)."""
    return _page_key(a) == _page_key(b)


def _page_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    path = re.sub(r"/(index|default)\.(html?|php|aspx?)$", "/", parts.path or "/")
    return host_of(url), path.rstrip("/") or "/", parts.query
