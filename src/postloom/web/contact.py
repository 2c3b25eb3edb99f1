"""Public contact details: email addresses, phone numbers, a street address."""

from __future__ import annotations

import re
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from postloom.web.jsonld import JsonObject, address_of, is_business, text_of
from postloom.web.site import Contact
from postloom.web.text import squash

MAX_EMAILS = 5
MAX_PHONES = 5

_EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NOT_EMAIL_DOMAIN = re.compile(
    r"(example\.(com|org)|domain\.com|email\.com|yourdomain|sentry|wixpress)$", re.IGNORECASE
)
_IMAGE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|webp|svg|avif)$", re.IGNORECASE)
# A phone number as printed: starts with +, 0 or "(", then groups of digits split by one
# space, dot or hyphen ("+62 812-2727-7298", "(021) 555 0101"); 9-15 digits are checked later.
# Separators are required between groups, so the pattern cannot backtrack its way into slowness.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d+|0\d*|\(\d+\))(?:[ .-]\(?\d+\)?){0,6}(?!\w)")
_ADDRESS_MARK = re.compile(r"address|alamat|adres|location|lokasi|konum", re.IGNORECASE)
_PIN_ICON = re.compile(r"map-marker|location|map-pin|\bpin\b|-pin\b|fa-map\b", re.IGNORECASE)


def find_contact(trees: list[LexborHTMLParser], objects: list[JsonObject]) -> Contact:
    business = [o for o in objects if is_business(o)]
    emails = [text_of(o.get("email")).removeprefix("mailto:") for o in business]
    phones = [text_of(o.get("telephone")) for o in business]
    address = next((a for o in business if (a := address_of(o.get("address")))), "")
    for tree in trees:
        emails += _emails(tree)
        phones += _phones(tree)
        address = address or _address(tree)
    return Contact(
        emails=_unique_emails(emails)[:MAX_EMAILS],
        phones=_unique_phones(phones)[:MAX_PHONES],
        address=address,
    )


def _visible_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return body.text(deep=True, separator=" ", strip=True) if body else ""


def _emails(tree: LexborHTMLParser) -> list[str]:
    found = []
    for link in tree.css('a[href^="mailto:"]'):
        address = unquote((link.attributes.get("href") or "")[7:]).split("?")[0]
        found += [a.strip() for a in address.split(",")]
    return found + _EMAIL.findall(_visible_text(tree))


def _unique_emails(candidates: list[str]) -> list[str]:
    result: list[str] = []
    for email in candidates:
        email = email.strip().lower()
        if not _EMAIL.fullmatch(email) or _IMAGE_SUFFIX.search(email):
            continue  # logo@2x.png is a file name, not an address
        if _NOT_EMAIL_DOMAIN.search(email) or email in result:
            continue
        result.append(email)
    return result


def _phones(tree: LexborHTMLParser) -> list[str]:
    found = []
    for link in tree.css('a[href^="tel:"]'):
        found.append(unquote((link.attributes.get("href") or "")[4:]))
    return found + _PHONE.findall(_visible_text(tree))


def _unique_phones(candidates: list[str]) -> list[str]:
    result: list[str] = []
    seen: set[str] = set()
    for phone in candidates:
        phone = squash(phone).strip(" -.")
        digits = re.sub(r"\D", "", phone)
        if not 9 <= len(digits) <= 15:
            continue
        # +62 812... and 0812... are one number: compare the last nine digits.
        if digits[-9:] in seen:
            continue
        seen.add(digits[-9:])
        result.append(phone)
    return result


def _address(tree: LexborHTMLParser) -> str:
    node = tree.css_first("address")
    if node:
        return _address_text(node)
    for candidate in tree.css('[itemprop="address"], [class], [id]'):
        marks = f"{candidate.attributes.get('class') or ''} {candidate.id or ''}"
        if _ADDRESS_MARK.search(marks) or candidate.attributes.get("itemprop") == "address":
            text = _address_text(candidate)
            if text:
                return text
    # A map-pin icon followed by text: <i class="fa fa-map-marker"></i><span>Jl. ...</span>
    for icon in tree.css("i[class], span[class]"):
        if _PIN_ICON.search(icon.attributes.get("class") or "") and icon.parent is not None:
            text = _address_text(icon.parent)
            if text:
                return text
    return ""


def _address_text(node: LexborNode) -> str:
    text = squash(node.text(deep=True, separator=" ", strip=True))
    # An address has a few words and usually a number; a whole section is not an address.
    words = len(text.split())
    return text if 3 <= words <= 30 and re.search(r"\d", text) else ""
