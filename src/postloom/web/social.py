"""The business's own social accounts, from the links on its pages.

Share buttons ("share this on Facebook"), placeholder links ("#", instagram.com/username) and
the networks' own home pages are not the business's accounts. URLs are normalised to one
canonical form per network (https, one host, the profile path only), so the same account
linked twice in two spellings is one account.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.site import SOCIAL_NETWORKS

_PLACEHOLDER_HANDLES = {
    "username", "yourusername", "your-username", "yourname", "yourpage", "your-page", "yourhandle",
    "handle", "example", "profile", "page", "account", "user", "name", "#", "...",
}  # fmt: skip
# First path segments that are not someone's profile.
_NOT_PROFILE = {
    "instagram": {"p", "reel", "reels", "explore", "accounts", "stories", "tv", "share", "direct"},
    "tiktok": {"tag", "music", "discover", "search", "share", "embed", "video", "foryou"},
    "facebook": {"sharer", "sharer.php", "share", "share.php", "dialog", "plugins", "tr",
                 "login", "login.php", "home.php", "watch", "hashtag", "help", "policies",
                 "privacy", "events", "photo.php", "photo", "story.php", "permalink.php"},
    "youtube": {"watch", "embed", "results", "shorts", "playlist", "feed", "redirect", "live"},
    "linkedin": {"sharearticle", "sharing", "feed", "shareArticle", "share", "posts", "pulse"},
    "x": {"intent", "share", "home", "search", "hashtag", "i", "explore", "login", "widgets"},
    "pinterest": {"pin", "search", "ideas", "today"},
}  # fmt: skip


def find_social(
    trees: list[LexborHTMLParser], extra_urls: list[str] | None = None
) -> dict[str, str]:
    """Network -> profile URL; links in the header, footer or a "social" block win ties."""
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    order: dict[str, list[str]] = defaultdict(list)
    for tree in trees:
        for anchor in tree.css("a[href]"):
            found = classify(anchor.attributes.get("href") or "")
            if found:
                _count(scores, order, found, 1.0 + (1.0 if _in_social_block(anchor) else 0.0))
    for url in extra_urls or []:  # JSON-LD sameAs: the site's own statement of its accounts
        found = classify(url)
        if found:
            _count(scores, order, found, 2.0)
    result = {}
    for network in SOCIAL_NETWORKS:
        if network in scores:
            urls = order[network]
            result[network] = max(urls, key=lambda u: (scores[network][u], -urls.index(u)))
    return result


def _count(
    scores: dict[str, dict[str, float]],
    order: dict[str, list[str]],
    found: tuple[str, str],
    weight: float,
) -> None:
    network, url = found
    scores[network][url] += weight
    if url not in order[network]:
        order[network].append(url)


def _in_social_block(node: LexborNode) -> bool:
    current = node.parent
    for _ in range(6):
        if current is None or current.tag == "body":
            return False
        marks = f"{current.tag} {current.attributes.get('class') or ''} {current.id or ''}"
        if re.search(r"footer|header|social|follow|sosmed|sosyal", marks, re.IGNORECASE):
            return True
        current = current.parent
    return False


def classify(href: str) -> tuple[str, str] | None:
    """(network, canonical profile URL) for a link to a business's account, else None."""
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    for network, serves, reader in _READERS:
        if serves(host):
            url = reader(segments, query)
            return (network, url) if url else None
    return None


def _handle(segments: list[str], network: str) -> str:
    if not segments:
        return ""
    first = segments[0]
    if first.lower() in _NOT_PROFILE[network] or first.lower() in _PLACEHOLDER_HANDLES:
        return ""
    return first


def _instagram(segments: list[str], query: dict[str, list[str]]) -> str:
    handle = _handle(segments, "instagram")
    return f"https://www.instagram.com/{handle}/" if handle else ""


def _tiktok(segments: list[str], query: dict[str, list[str]]) -> str:
    handle = _handle(segments, "tiktok")
    return f"https://www.tiktok.com/{handle}" if handle.startswith("@") and len(handle) > 1 else ""


def _facebook(segments: list[str], query: dict[str, list[str]]) -> str:
    if segments[:1] == ["profile.php"]:
        ident = query.get("id", [""])[0]
        return f"https://www.facebook.com/profile.php?id={ident}" if ident.isdigit() else ""
    if segments[:1] in (["pages"], ["groups"], ["people"]):
        return "https://www.facebook.com/" + "/".join(segments[:3])
    handle = _handle(segments, "facebook")
    return f"https://www.facebook.com/{handle}" if handle else ""


def _whatsapp(segments: list[str], query: dict[str, list[str]]) -> str:
    """wa.me/<number>, wa.me/message/<code>, api.whatsapp.com/send?phone=<number>."""
    if segments[:1] == ["message"] and len(segments) > 1:
        return f"https://wa.me/message/{segments[1]}"
    if segments[:1] in (["channel"], ["c"]) and len(segments) > 1:
        return "https://whatsapp.com/channel/" + segments[1]
    number = query.get("phone", [""])[0] if segments[:1] in ([], ["send"]) else segments[0]
    digits = re.sub(r"\D", "", number)
    # wa.me/?text=... with no number is a share button, not the business's chat.
    return f"https://wa.me/{digits}" if len(digits) >= 8 else ""


def _youtube(segments: list[str], query: dict[str, list[str]]) -> str:
    if not segments:
        return ""
    if segments[0].startswith("@"):
        return f"https://www.youtube.com/{segments[0]}"
    if segments[0] in ("channel", "c", "user") and len(segments) > 1:
        return f"https://www.youtube.com/{segments[0]}/{segments[1]}"
    handle = _handle(segments, "youtube")
    return f"https://www.youtube.com/{handle}" if handle else ""


def _linkedin(segments: list[str], query: dict[str, list[str]]) -> str:
    if len(segments) >= 2 and segments[0] in ("company", "in", "school", "showcase"):
        return f"https://www.linkedin.com/{segments[0]}/{segments[1]}/"
    return ""


def _x(segments: list[str], query: dict[str, list[str]]) -> str:
    handle = _handle(segments, "x")
    return f"https://x.com/{handle.lstrip('@')}" if handle else ""


def _pinterest(segments: list[str], query: dict[str, list[str]]) -> str:
    handle = _handle(segments, "pinterest")
    return f"https://www.pinterest.com/{handle}/" if handle else ""


def _is_pinterest(host: str) -> bool:
    # pinterest.com, id.pinterest.com, pinterest.co.uk, pinterest.com.au...
    return bool(re.fullmatch(r"([a-z]{2}\.)?pinterest\.[a-z.]+", host))


_Reader = Callable[[list[str], dict[str, list[str]]], str]
_READERS: tuple[tuple[str, Callable[[str], bool], _Reader], ...] = (
    ("instagram", lambda h: h in ("instagram.com", "m.instagram.com", "instagr.am"), _instagram),
    ("tiktok", lambda h: h in ("tiktok.com", "m.tiktok.com"), _tiktok),
    ("facebook", lambda h: h in ("facebook.com", "m.facebook.com", "web.facebook.com", "fb.com",
                                 "business.facebook.com"), _facebook),
    ("whatsapp", lambda h: h in ("wa.me", "api.whatsapp.com", "whatsapp.com",
                                 "web.whatsapp.com"), _whatsapp),
    ("youtube", lambda h: h in ("youtube.com", "m.youtube.com"), _youtube),
    ("linkedin", lambda h: h == "linkedin.com" or h.endswith(".linkedin.com"), _linkedin),
    ("x", lambda h: h in ("twitter.com", "x.com", "mobile.twitter.com"), _x),
    ("pinterest", _is_pinterest, _pinterest),
)  # fmt: skip
