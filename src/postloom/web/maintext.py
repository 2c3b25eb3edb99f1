"""The words of a site without its chrome: no navigation, footer, scripts, forms or repeats.

Small-business pages are landing pages, not articles: short headings and labels carry the
products and prices, and article extractors drop exactly those. So the text is read block by
block from the page itself, and trafilatura is used only for long, article-like pages, where
its boilerplate detection pays off.
"""

from __future__ import annotations

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.text import clean

MAIN_TEXT_LIMIT = 20_000
ARTICLE_CHARS = 2500  # a page this long reads like an article: let trafilatura judge it

_DROP = ["script", "style", "noscript", "template", "svg", "nav", "footer", "form", "iframe",
         "button", "select", "canvas", "object", "dialog"]  # fmt: skip
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "br", "hr",
}  # fmt: skip


def main_text(pages: list[tuple[str, str]]) -> str:
    """All pages' text (url, html), home first; a line repeated on several pages is kept once."""
    seen: set[str] = set()
    lines: list[str] = []
    for url, html in pages:
        for line in page_text(html, url).splitlines():
            if line and line not in seen:
                seen.add(line)
                lines.append(line)
    return "\n".join(lines)[:MAIN_TEXT_LIMIT]


def page_text(html: str, url: str = "") -> str:
    own = block_text(html)
    if len(own) > ARTICLE_CHARS:
        article = trafilatura.extract(
            html, url=url or None, include_comments=False, include_tables=True, favor_recall=True
        )
        if article and len(article) >= ARTICLE_CHARS // 5:
            return "\n".join(clean(line) for line in article.splitlines() if clean(line))
    return own


def block_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    tree.strip_tags(_DROP)
    for header in tree.css("header"):
        if _mostly_links(header):
            header.decompose()
    body = tree.body
    if body is None:
        return ""
    lines: list[str] = []
    current_block = -1
    for node in body.traverse(include_text=True):
        if not node.is_text_node:
            continue
        text = node.text_content or ""
        if not text.strip():
            continue
        block = _block_of(node)
        if block != current_block or not lines:
            lines.append("")
            current_block = block
        lines[-1] += text  # as a browser does: inline pieces join with their own spacing
    return "\n".join(line for line in (clean(x) for x in lines) if line)


def _block_of(node: LexborNode) -> int:
    current = node.parent
    while current is not None and current.tag not in _BLOCKS:
        current = current.parent
    return current.mem_id if current is not None else 0


def _mostly_links(node: LexborNode) -> bool:
    """A header that is a menu (keep a header that holds the hero's headline and pitch)."""
    total = len(node.text(deep=True, strip=True))
    links = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return total == 0 or links >= 0.5 * total
