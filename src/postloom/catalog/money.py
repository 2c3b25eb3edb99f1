"""Prices as shop owners write them: the currencies Postloom's markets use, and their display.

Prices are stored as a number plus an ISO 4217 code (not free text) so that creatives can show
"Rp 25.000" or "₺149,90" consistently and plans can say "under Rp 50.000".
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

# code → symbol, in the order the form offers them.
CURRENCIES: dict[str, str] = {
    "IDR": "Rp",
    "TRY": "₺",
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "MYR": "RM",
    "SGD": "S$",
    "AUD": "A$",
}
# Currencies whose prices are written without cents.
WHOLE_UNITS = {"IDR"}
DEFAULT_CURRENCY = {"id": "IDR", "tr": "TRY"}
# (thousands, decimal) separators per interface language.
SEPARATORS = {"en": (",", "."), "id": (".", ","), "tr": (".", ",")}


def default_currency(language: str) -> str:
    return DEFAULT_CURRENCY.get(language, "USD")


def format_price(amount: Decimal, currency: str, language: str = "en") -> str:
    """`Rp 25.000`, `₺149,90`, `$12`: cents only when there are some."""
    thousands, decimal = SEPARATORS.get(language, SEPARATORS["en"])
    places = 0 if currency in WHOLE_UNITS or amount == amount.to_integral_value() else 2
    rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}".translate(str.maketrans(",.", thousands + decimal))
    symbol = CURRENCIES.get(currency, currency)
    # Letter symbols (Rp, RM) read better with a space; sign symbols ($, ₺) stand close.
    return f"{symbol} {text}" if symbol[-1].isalpha() else f"{symbol}{text}"


PRICE_TEXT = re.compile(r"^\d{1,3}([.,\s'’]?\d{3})*([.,]\d{1,2})?$|^\d+([.,]\d{1,2})?$")


def parse_price(text: str) -> Decimal:
    """A price as people type it, in any of our markets: 18000, 18.000, Rp 18.000,-, 149,90,
    1.250.000,50, 1,250,000.50, 12.99. Raises ValueError when it is not a price.

    A lone separator followed by exactly three digits groups thousands ("18.000" is eighteen
    thousand rupiah, not eighteen): nobody prices in thousandths.
    """
    # Currency symbols and codes go; a minus stays (and fails), "Rp 18.000,-" loses its ",-".
    cleaned = re.sub(r"[.,]-$", "", re.sub(r"[^\d.,\s'’-]", "", text).strip())
    if not cleaned or not PRICE_TEXT.match(cleaned):
        raise ValueError(text)
    digits = re.sub(r"[\s'’]", "", cleaned)
    last = max(digits.rfind("."), digits.rfind(","))
    decimals = digits[last + 1 :] if last >= 0 else ""
    if last >= 0 and len(decimals) in (1, 2):
        whole = re.sub(r"[.,]", "", digits[:last])
        return Decimal(f"{whole}.{decimals}")
    return Decimal(re.sub(r"[.,]", "", digits))


def price_text(amount: Decimal | None) -> str:
    """How a stored price goes back into the form: 18000, 149.90."""
    if amount is None:
        return ""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"
