"""Where a site shows its logo: an image in the header or navigation, else its JSON-LD logo,
else (only when the brand is not simply text in the header) the apple-touch-icon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.social import classify
from postloom.web.urls import absolute, same_page

HEADER_SCOPES = (
    "header, nav, [role=banner], .header, .navbar, #header, .site-header, .topbar, .top-bar, "
    ".masthead, #masthead"
)
_LOGO_MARK = re.compile(r"logo|brand", re.IGNORECASE)
# Blocks that show other companies' logos, or the social networks' icons.
_NOT_OURS = re.compile(
    r"client|partner|sponsor|carousel|slider|payment|footer|award|brands-", re.IGNORECASE
)


@dataclass
class Logo:
    url: str
    alt: str
    source: str  # "header", "page", "json-ld", "apple-touch-icon"


def find_logo(tree: LexborHTMLParser, page_url: str) -> Logo | None:
    """The logo image shown on the page itself (header first), if any."""
    return _header_logo(tree, page_url) or _marked_logo(tree, page_url)


def touch_icon(tree: LexborHTMLParser, page_url: str) -> Logo | None:
    node = tree.css_first(
        'link[rel~="apple-touch-icon"][href], link[rel~="apple-touch-icon-precomposed"][href]'
    )
    url = absolute(node.attributes.get("href") or "", page_url) if node else ""
    return Logo(url, "", "apple-touch-icon") if url else None


def _header_logo(tree: LexborHTMLParser, page_url: str) -> Logo | None:
    scopes = tree.css(HEADER_SCOPES)
    for scope in scopes:
        for img in scope.css("img"):
            if _marked(img, stop=scope) and not _is_social_icon(img):
                logo = _logo_from(img, page_url, "header")
                if logo:
                    return logo
    # Unmarked, but the first image that links home from the header is the logo too.
    for scope in scopes:
        for img in scope.css("a[href] img"):
            link = _enclosing_link(img)
            href = (link.attributes.get("href") or "") if link else ""
            if href and same_page(absolute(href, page_url) or page_url, page_url):
                logo = _logo_from(img, page_url, "header")
                if logo:
                    return logo
    return None


def _marked_logo(tree: LexborHTMLParser, page_url: str) -> Logo | None:
    """An image outside the header whose own file name, class or id says "logo"."""
    for img in tree.css("img"):
        attrs = img.attributes
        marks = f"{attrs.get('src') or ''} {attrs.get('class') or ''} {attrs.get('id') or ''}"
        if "logo" not in marks.lower() or _is_social_icon(img) or _in_foreign_block(img):
            continue
        logo = _logo_from(img, page_url, "page")
        if logo:
            return logo
    return None


def _marked(img: LexborNode, stop: LexborNode) -> bool:
    attrs = img.attributes
    marks = " ".join(attrs.get(k) or "" for k in ("src", "alt", "class", "id"))
    current = img.parent
    for _ in range(3):
        if current is None or current.mem_id == stop.mem_id:
            break
        marks += f" {current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"
        current = current.parent
    return bool(_LOGO_MARK.search(marks))


def _logo_from(img: LexborNode, page_url: str, source: str) -> Logo | None:
    src = img.attributes.get("src") or img.attributes.get("data-src") or ""
    url = absolute(src, page_url)
    return Logo(url, img.attributes.get("alt") or "", source) if url else None


def _enclosing_link(node: LexborNode) -> LexborNode | None:
    current = node.parent
    while current is not None and current.tag not in ("a", "body"):
        current = current.parent
    return current if current is not None and current.tag == "a" else None


def _is_social_icon(img: LexborNode) -> bool:
    link = _enclosing_link(img)
    return bool(link and classify(link.attributes.get("href") or ""))


def _in_foreign_block(node: LexborNode) -> bool:
    current = node.parent
    while current is not None and current.tag != "body":
        marks = f"{current.tag} {current.attributes.get('class') or ''} {current.id or ''}"
        if _NOT_OURS.search(marks):
            return True
        current = current.parent
    return False
