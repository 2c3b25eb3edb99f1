"""schema.org JSON-LD: what a site says about itself in machine-readable form.

Only ``<script type="application/ld+json">`` is read (no microdata/RDFa: small-business sites
that bother with structured data nearly always use JSON-LD, usually through an SEO plugin).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from postloom.web.text import squash

JsonObject = dict[str, Any]

# Organization, LocalBusiness and the subtypes small businesses actually use; any other type
# whose name ends like a business type is accepted too (schema.org has hundreds).
_BUSINESS_TYPES = {
    "organization", "corporation", "localbusiness", "onlinebusiness", "onlinestore", "store",
    "restaurant", "bakery", "cafeorcoffeeshop", "barorpub", "foodestablishment",
    "fastfoodrestaurant", "icecreamshop", "winery", "brewery", "beautysalon", "hairsalon",
    "nailsalon", "dayspa",
    "healthandbeautybusiness", "healthclub", "exercisegym", "sportsactivitylocation", "dentist",
    "medicalbusiness", "medicalclinic", "physician", "pharmacy", "optician", "autorepair",
    "automotivebusiness", "autodealer", "professionalservice", "homeandconstructionbusiness",
    "locksmith", "plumber", "electrician", "hvacbusiness", "housepainter", "roofingcontractor",
    "generalcontractor", "lodgingbusiness", "hotel", "motel", "bedandbreakfast", "hostel",
    "travelagency", "realestateagent", "legalservice", "attorney", "accountingservice",
    "financialservice", "insuranceagency", "educationalorganization", "school", "childcare",
    "entertainmentbusiness", "photographer", "florist", "petstore", "veterinarycare", "ngo",
}  # fmt: skip
_BUSINESS_SUFFIX = re.compile(
    r"(store|shop|business|restaurant|salon|service|organization|clinic)$"
)
PRODUCT_TYPES = {"product", "menuitem", "service", "offer", "course", "productmodel", "vehicle"}


def jsonld_objects(trees: list[LexborHTMLParser]) -> list[JsonObject]:
    """Every JSON-LD object on the pages, nested ones included, in page order."""
    found: list[JsonObject] = []
    for tree in trees:
        for script in tree.css('script[type="application/ld+json"]'):
            data = _load(script.text(deep=True))
            found.extend(_walk(data))
    return found


def _load(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # Trailing commas and stray control characters are common in hand-written JSON-LD.
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except ValueError:
            return None


def _walk(data: Any) -> Iterator[JsonObject]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def types_of(obj: JsonObject) -> set[str]:
    raw = obj.get("@type", [])
    names = raw if isinstance(raw, list) else [raw]
    return {str(n).rsplit("/", 1)[-1].lower() for n in names if n}


def is_business(obj: JsonObject) -> bool:
    return any(
        t in _BUSINESS_TYPES or (t not in PRODUCT_TYPES and _BUSINESS_SUFFIX.search(t))
        for t in types_of(obj)
    )


def find_business(objects: list[JsonObject]) -> JsonObject | None:
    """The site's Organization/LocalBusiness: the first one with a name."""
    return next((o for o in objects if is_business(o) and text_of(o.get("name"))), None)


def find_website(objects: list[JsonObject]) -> JsonObject | None:
    return next((o for o in objects if "website" in types_of(o) and text_of(o.get("name"))), None)


def text_of(value: Any) -> str:
    """A JSON-LD text value, whether written as a string, a list or {"@value": ...}."""
    if isinstance(value, list):
        return text_of(value[0]) if value else ""
    if isinstance(value, dict):
        return text_of(value.get("@value") or value.get("name") or "")
    return squash(str(value)) if isinstance(value, str | int | float) else ""


def url_of(value: Any) -> str:
    """An image or logo value: a URL string, an ImageObject, or a list of either."""
    if isinstance(value, list):
        return url_of(value[0]) if value else ""
    if isinstance(value, dict):
        return url_of(value.get("url") or value.get("contentUrl") or value.get("@id") or "")
    return value.strip() if isinstance(value, str) else ""


def address_of(value: Any) -> str:
    if isinstance(value, list):
        return address_of(value[0]) if value else ""
    if isinstance(value, dict):
        keys = ("streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry")
        parts = [text_of(value.get(k)) for k in keys]
        return ", ".join(p for p in parts if p)
    return text_of(value)


def same_as(objects: list[JsonObject]) -> list[str]:
    urls: list[str] = []
    for obj in objects:
        if is_business(obj):
            value = obj.get("sameAs", [])
            urls += [
                v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
            ]
    return urls
