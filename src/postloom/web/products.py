"""What the business sells: products, menu items, services.

Three readings, most reliable first: schema.org data (JSON-LD Product/Offer/MenuItem/Service,
microdata), repeated sibling "cards" that each carry a heading (and often a price or a photo),
and lists written in prose after a cue ("Specializing in General Dentistry, Cosmetic
Dentistry, Implantology, ..."). Navigation, footers, testimonials, team members and feature
boxes repeat too, so they are left out unless their cards carry prices.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.jsonld import PRODUCT_TYPES, JsonObject, text_of, types_of, url_of
from postloom.web.site import Product
from postloom.web.text import clean, fold, key, truncate
from postloom.web.urls import absolute

MAX_PRODUCTS = 40
MAX_NAME_WORDS = 10
MAX_NAME_CHARS = 80
DESCRIPTION_CHARS = 240

_CURRENCY = r"(?:Rp\.?|IDR|₺|TL|TRY|\$|€|£|₹|USD|EUR|Rs\.?)"
_AMOUNT_WORD = r"(?:ribuan|ribu|rb|juta|jt|k|bin)"
PRICE = re.compile(
    rf"{_CURRENCY}\s?\d[\d.,]*(?:\s?{_AMOUNT_WORD}\b)?"
    rf"|\d[\d.,]*\s?(?:{_CURRENCY}|{_AMOUNT_WORD}\b)"
    r"|(?:harga|fiyat|price|mulai dari|mulai|starting at|from)\D{0,12}\d[\d.,]*",
    re.IGNORECASE,
)
_PRICE_CLASS = re.compile(r"price|harga|fiyat|cost|amount", re.IGNORECASE)
_TITLE_CLASS = re.compile(r"title|name|nama|isim|baslik", re.IGNORECASE)
_CONTEXT = re.compile(
    r"product|produk|urun|menu|service|layanan|jasa|hizmet|program|paket|package|plan|pric"
    r"|harga|fiyat|shop|katalog|catalog|koleksi|collection|treatment|perawatan|portfolio",
    re.IGNORECASE,
)
# Blocks that repeat like product cards but hold people, reasons, posts or slides. The
# section's heading is part of what is searched, so "Why choose us?" / "Kenapa Memilih Kami"
# / "Neden Biz?" sections of reasons are recognised too.
_NOT_PRODUCTS = re.compile(
    r"team|tim-|testimonial|review|client|partner|blog|\bpost|news|berita|faq|step|counter|\bstat"
    r"|feature|why|kenapa|mengapa|neden|keunggulan|advantage|benefit|keuntungan|avantaj"
    r"|gallery|galeri|social|award|breadcrumb|pagination|carousel|slider|slide|hero|banner",
    re.IGNORECASE,
)
_CHROME = {"header", "nav", "footer", "aside", "form"}
# Whole page sections repeat too ("<section><h2>About</h2>...</section>" x 5); they are not cards.
_NOT_CARDS = {"section", "main", "header", "footer", "nav", "body", "html", "head", "script",
              "style", "form", "table", "tbody", "thead", "tr", "option"}  # fmt: skip
MAX_CARD_CHARS = 1000
GENERIC = {
    "read more", "more", "learn more", "details", "detail", "view", "view more", "see more",
    "order now", "buy now", "book now", "get started", "explore more", "load more",
    "selengkapnya", "lihat", "lihat detail", "lihat semua", "pesan sekarang", "beli",
    "beli sekarang", "devami", "detaylar", "incele", "siparis ver", "hemen al", "tumunu gor",
}  # fmt: skip
_CUE = re.compile(
    r"\b(speciali[sz]\w*|offer\w*|provid\w*|including|such as|melayani|menyediakan|spesialis"
    r"|meliputi|termasuk|hizmetleri\w*|sunuyoruz|sunmaktayiz|uzman\w*)\b",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(r"^(and|or|dan|serta|atau|ve|veya|ile|&)\s+", re.IGNORECASE)
_TITLE_WORD = re.compile(r"^([A-ZÀ-ÖØ-ÞÇĞİÖŞÜ][\w'’&-]*|&|and|of|dan|ve|de|la)$")


def find_products(
    trees: list[tuple[LexborHTMLParser, str]], objects: list[JsonObject], skip_names: set[str]
) -> list[Product]:
    """Products from every page (home first); skip_names: folded texts that are not products
    (navigation labels, the business's own name)."""
    found = products_from_jsonld(objects)
    for tree, url in trees:
        found += products_from_microdata(tree, url)
    for tree, url in trees:
        found += products_from_cards(tree, url)
    for tree, _ in trees:
        found += products_from_prose(tree)
    return _unique(found, skip_names)[:MAX_PRODUCTS]


def _unique(products: list[Product], skip_names: set[str]) -> list[Product]:
    by_key: dict[str, Product] = {}
    for product in products:
        product.name = clean(product.name)
        name_key = key(product.name)
        if not is_product_name(product.name) or fold(product.name) in skip_names:
            continue
        if name_key in by_key:
            _fill_gaps(by_key[name_key], product)
        else:
            by_key[name_key] = product
    return list(by_key.values())


def _fill_gaps(kept: Product, other: Product) -> None:
    kept.description = kept.description or other.description
    kept.price = kept.price or other.price
    kept.image_url = kept.image_url or other.image_url


def is_product_name(name: str) -> bool:
    return (
        2 <= len(name) <= MAX_NAME_CHARS
        and len(name.split()) <= MAX_NAME_WORDS
        and any(c.isalpha() for c in name)
        and fold(name) not in GENERIC
        and not looks_like_price(name)
    )


def looks_like_price(text: str) -> bool:
    """ "50 Ribuan", "₹3999", "Rp 75.000" — or just a number, as in "100 clients"."""
    rest = PRICE.sub(" ", text)
    return not re.search(r"[^\W\d_]{2,}", rest) or bool(re.fullmatch(r"[\d\s.,+%]+", text))


# --- schema.org -----------------------------------------------------------------------------


def products_from_jsonld(objects: list[JsonObject]) -> list[Product]:
    products = []
    for obj in objects:
        kinds = types_of(obj)
        if not kinds & PRODUCT_TYPES:
            continue
        if kinds == {"offer"} and isinstance(obj.get("itemOffered"), dict):
            continue  # the offered item is walked on its own; its price is read from here
        name = text_of(obj.get("name"))
        if name:
            description = truncate(text_of(obj.get("description")), DESCRIPTION_CHARS)
            price = _jsonld_price(obj.get("offers")) or _jsonld_price(obj)
            products.append(Product(name, description, price, url_of(obj.get("image"))))
    return products


def _jsonld_price(offers: Any) -> str:
    if isinstance(offers, list):
        return _jsonld_price(offers[0]) if offers else ""
    if not isinstance(offers, dict):
        return ""
    price = text_of(offers.get("price") or offers.get("lowPrice"))
    currency = text_of(offers.get("priceCurrency"))
    return f"{price} {currency}".strip() if price else ""


def products_from_microdata(tree: LexborHTMLParser, page_url: str) -> list[Product]:
    products = []
    selector = '[itemtype*="schema.org/Product"], [itemtype*="schema.org/MenuItem"]'
    for item in tree.css(selector):
        name = item.css_first('[itemprop="name"]')
        if not name:
            continue
        price = item.css_first('[itemprop="price"]')
        price_text = (price.attributes.get("content") or price.text(strip=True)) if price else ""
        image = item.css_first('[itemprop="image"]')
        image_url = absolute((image.attributes.get("src") or "") if image else "", page_url)
        products.append(Product(name.text(deep=True, strip=True), "", price_text or "", image_url))
    return products


# --- cards ----------------------------------------------------------------------------------


def products_from_cards(tree: LexborHTMLParser, page_url: str) -> list[Product]:
    products: list[Product] = []
    body = tree.body
    if body is None:
        return products
    for parent in body.css("*"):
        for group in _sibling_groups(parent):
            products += _read_group(group, page_url)
    return products


def _sibling_groups(parent: LexborNode) -> list[list[LexborNode]]:
    """Children of one parent that share a tag and first class: candidate cards."""
    groups: dict[tuple[str, str], list[LexborNode]] = defaultdict(list)
    for child in parent.iter(include_text=False):
        if child.tag in _NOT_CARDS:
            continue
        classes = (child.attributes.get("class") or "").split()
        groups[(child.tag or "", classes[0] if classes else "")].append(child)
    return [g for g in groups.values() if len(g) >= 2]


def _read_group(cards: list[LexborNode], page_url: str) -> list[Product]:
    if _in_chrome(cards[0]) or any(_too_long(card) for card in cards):
        return []
    read = [_read_card(card, page_url) for card in cards]
    named = [c.product for c in read if c.product.name]
    if len(named) < 2 or len(named) < 0.6 * len(cards):
        return []
    if len({key(p.name) for p in named}) == 1 and not all(c.named_by_heading for c in read):
        return []  # "Exclusive Offer" on every plan card is a label, not a name
    priced = any(p.price for p in named)
    pictured = any(p.image_url for p in named)
    context = _context_marks(cards[0])
    if _NOT_PRODUCTS.search(context) and not priced:
        return []
    if len(cards) < 3 and not priced:
        return []
    if not (priced or pictured or _CONTEXT.search(context)):
        return []
    return named


def _read_card(card: LexborNode, page_url: str) -> _Card:
    image = card.css_first("img[src], img[data-src]")
    image_url = ""
    if image:
        image_url = absolute(
            image.attributes.get("src") or image.attributes.get("data-src") or "", page_url
        )
    name, from_heading = _card_name(card, pictured=bool(image_url))
    price = _card_price(card, name)
    product = Product(name, _card_description(card, name, price), price, image_url)
    return _Card(product, from_heading)


@dataclass
class _Card:
    product: Product
    named_by_heading: bool


def _card_name(card: LexborNode, pictured: bool) -> tuple[str, bool]:
    """The card's name and whether a heading gave it (else a "title"/"name" element or,
    for a photo card, its only short label)."""
    heading = card.css_first("h1, h2, h3, h4, h5, h6")
    if heading:
        text = clean(heading.text(deep=True, separator=" ", strip=True))
        if text and not looks_like_price(text):
            return text, True
    for node in card.css("[class]"):
        if _TITLE_CLASS.search(node.attributes.get("class") or ""):
            text = clean(node.text(deep=True, separator=" ", strip=True))
            if text and not looks_like_price(text):
                return text, False
    if heading or not pictured:
        return "", False  # a price heading with no title, or a bare list item
    # No heading at all: a photo with a short label ("🔑 Key Copying") is a product card.
    text = clean(card.text(deep=True, separator=" ", strip=True))
    return (text if 0 < len(text.split()) <= 6 else ""), False


def _card_price(card: LexborNode, name: str) -> str:
    """The shortest price-looking text in an element classed "price"/"harga"/"fiyat", else
    the first price written anywhere in the card."""
    marked = []
    for node in card.css("[class]"):
        if _PRICE_CLASS.search(node.attributes.get("class") or ""):
            text = clean(node.text(deep=True, separator=" ", strip=True))
            match = PRICE.search(text.replace(name, " ") if name else text)
            if match:
                marked.append((len(text), match.group(0).strip()))
    if marked:
        return min(marked)[1]
    match = PRICE.search(clean(card.text(deep=True, separator=" ", strip=True)))
    return match.group(0).strip() if match else ""


def _card_description(card: LexborNode, name: str, price: str) -> str:
    for node in card.css("p"):
        text = clean(node.text(deep=True, separator=" ", strip=True))
        if text and text not in (name, price) and not looks_like_price(text):
            return truncate(text, DESCRIPTION_CHARS)
    return ""


def _too_long(card: LexborNode) -> bool:
    """A "card" with an essay in it is a page section, not a product."""
    return len(card.text(deep=True, strip=True)) > MAX_CARD_CHARS


def _in_chrome(node: LexborNode) -> bool:
    current: LexborNode | None = node.parent
    while current is not None and current.tag != "body":
        classes = current.attributes.get("class") or ""
        if current.tag in _CHROME or re.search(r"\b(footer|navbar|nav-menu)", classes):
            return True
        current = current.parent
    return False


def _context_marks(node: LexborNode, levels: int = 4) -> str:
    """Classes and ids of a card and its nearest ancestors, plus the section's heading."""
    marks: list[str] = []
    current: LexborNode | None = node
    for _ in range(levels + 1):
        if current is None or current.tag == "body":
            break
        marks.append(f"{current.attributes.get('class') or ''} {current.id or ''}")
        heading = current.css_first("h1, h2, h3") if current is not node else None
        if heading and current.tag == "section":
            marks.append(heading.text(deep=True, strip=True))
        current = current.parent
    return " ".join(marks)


# --- prose ----------------------------------------------------------------------------------


def products_from_prose(tree: LexborHTMLParser) -> list[Product]:
    products = []
    for paragraph in tree.css("p"):
        text = clean(paragraph.text(deep=True, separator=" ", strip=True))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            products += [Product(item) for item in listed_after_cue(sentence)]
    return products


def listed_after_cue(sentence: str) -> list[str]:
    """Title-case items of a comma list that follows a cue word, when there are at least 3."""
    cue = _CUE.search(sentence)
    if not cue:
        return []
    items: list[str] = []
    for position, part in enumerate(sentence[cue.end() :].split(",")):
        words = _CONNECTOR.sub("", part.strip().rstrip(".!?;:")).split()
        if position == 0:  # "in General Dentistry": keep the title-case tail
            while words and not _TITLE_WORD.match(words[0]):
                words.pop(0)
        if not (1 <= len(words) <= 4) or not all(_TITLE_WORD.match(w) for w in words):
            break
        if not words[0][0].isupper():
            break
        items.append(" ".join(words))
    return items if len(items) >= 3 else []
