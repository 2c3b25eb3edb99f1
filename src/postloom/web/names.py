"""The business's name, as a person would read it off the site.

Sources, most deliberate first: JSON-LD Organization/LocalBusiness, og:site_name, the logo's
alt text, the brand text in the header, the page title. A title is cut at its separators
("Menu | Zorbey Cafe", "PowerZone Fitness- A GYM WEBSITE") and placeholder titles ("Document",
"Home", "Beranda"...) are never a name. Text is NFKC-normalised, so Unicode "fancy letters"
read as plain letters, and ™/® are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.logo import HEADER_SCOPES
from postloom.web.text import clean, fold, key

MAX_WORDS = 8
MAX_CHARS = 60
EXPAND_MAX_WORDS = 6
MAX_SEGMENTS = 8

PLACEHOLDERS = {
    "document", "home", "homepage", "home page", "untitled", "untitled document", "welcome",
    "index", "default", "main", "my website", "website", "my site", "site", "new page", "page",
    "landing page", "coming soon", "under construction", "blank", "test", "react app",
    "vite app", "vite react", "vite react ts", "create next app", "next app", "my app", "app",
    "beranda", "halaman utama", "selamat datang", "situs", "anasayfa", "ana sayfa",
    "hos geldiniz", "web sitesi", "sayfa",
}  # fmt: skip
_SEPARATORS = re.compile(r"\s*[|•·»~]\s*|\s+(?:[-–—/]|:{1,2})\s+|(?<=\S)[-–—]\s+|\s+[-–—](?=\S)")
_WELCOME = re.compile(
    r"^(welcome to|selamat datang di|selamat datang|hos geldiniz)\s+", re.IGNORECASE
)
_LOGO_WORDS = re.compile(
    r"\b(logo|logotype|logosu|logomuz|icon|image|img|gambar|resim|brand mark)\b", re.IGNORECASE
)
_BRAND_MARK = re.compile(r"logo|brand|site-title|site-name|sitename|site_title", re.IGNORECASE)


@dataclass
class NameCandidate:
    text: str
    source: str  # "json-ld", "og:site_name", "logo-alt", "header", "title"


def choose_name(candidates: list[NameCandidate]) -> NameCandidate | None:
    """The most deliberate valid candidate; a weak one (logo alt, header text) gives way to a
    fuller form of itself found later ("Buencamino Dental" -> "Buencamino Dental Specialist")."""
    valid = [NameCandidate(_cleaned(c), c.source) for c in candidates]
    valid = [c for c in valid if is_valid_name(c.text)]
    if not valid:
        return None
    chosen = valid[0]
    if chosen.source in ("logo-alt", "header"):
        chosen = _fuller_form(chosen, valid[1:])
    return chosen


def _cleaned(candidate: NameCandidate) -> str:
    if candidate.source == "logo-alt":
        return logo_alt_name(candidate.text)
    return clean_name(candidate.text)


def _fuller_form(chosen: NameCandidate, later: list[NameCandidate]) -> NameCandidate:
    base = fold(chosen.text)
    for candidate in later:
        words = fold(candidate.text)
        if words.startswith(base + " ") and len(words.split()) <= EXPAND_MAX_WORDS:
            return candidate
    return chosen


def clean_name(text: str) -> str:
    text = clean(text)
    text = _WELCOME.sub("", text)
    return text.strip(" -–—|:·•~,.\"'")


def is_valid_name(text: str) -> bool:
    return (
        2 <= len(text) <= MAX_CHARS
        and len(text.split()) <= MAX_WORDS
        and any(c.isalpha() for c in text)
        and fold(text) not in PLACEHOLDERS
    )


def logo_alt_name(alt: str) -> str:
    """ "Buencamino Dental Logo" -> "Buencamino Dental"; "logo" alone -> "" """
    return clean_name(_LOGO_WORDS.sub(" ", alt))


def header_brand_texts(tree: LexborHTMLParser) -> list[str]:
    """Short text in header elements whose class or id says logo/brand/site-title.

    The innermost such element wins: in WordPress' ``.site-branding`` the name is the
    ``.site-title`` inside it, not the title plus the tagline beside it.
    """
    found: list[tuple[LexborNode, str]] = []
    for scope in tree.css(HEADER_SCOPES):
        for node in scope.css("[class], [id]"):
            marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
            if _BRAND_MARK.search(marks):
                text = clean_name(node.text(deep=True, separator=" ", strip=True))
                if is_valid_name(text):
                    found.append((node, text))
    texts: list[str] = []
    for node, text in found:
        inner = any(_is_inside(other, node) for other, _ in found if other is not node)
        if not inner and text not in texts:
            texts.append(text)
    return texts


def _is_inside(node: LexborNode, ancestor: LexborNode) -> bool:
    current = node.parent
    while current is not None:
        if current.mem_id == ancestor.mem_id:
            return True
        current = current.parent
    return False


def title_segments(title: str, host: str, page_text: str) -> list[str]:
    """The parts of a <title> that could be a name, most likely first.

    A segment that matches the domain wins; then one the page repeats (a brand name recurs in
    the header, footer and copyright line; a page topic does not); then the first.
    """
    segments = [clean_name(s) for s in _SEPARATORS.split(clean(title))[:MAX_SEGMENTS]]
    segments = [s for s in segments if is_valid_name(s)]
    is_ip = bool(re.fullmatch(r"[\d.:\[\]]+", host))
    host_key = "" if is_ip else key(host.split(":")[0].rsplit(".", 1)[0])
    folded_text = fold(page_text)

    def score(index_segment: tuple[int, str]) -> tuple[int, int, int]:
        index, segment = index_segment
        seg_key = key(segment)
        on_domain = bool(host_key and seg_key and (seg_key in host_key or host_key in seg_key))
        repeats = min(folded_text.count(fold(segment)), 3)
        return (int(on_domain), repeats, -index)

    ranked = sorted(enumerate(segments), key=score, reverse=True)
    return [segment for _, segment in ranked]
