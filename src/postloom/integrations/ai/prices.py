"""What a call to a language model costs, in US dollars, from a small price table.

Prices are list prices in USD per million tokens (input, output). They change; an operator
overrides or adds models with the ``AI_PRICES`` setting, e.g. ``{"my-model": ["0.5", "1.5"]}``.
A model is found by exact name or by the longest listed name it starts with followed by "-"
or ":" ("claude-haiku-4-5-20251001" is "claude-haiku-4-5"); an unknown model costs 0, with a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PER_MILLION = Decimal(1_000_000)
MICRO_USD = Decimal("0.000001")  # the usage table stores six decimal places


@dataclass(frozen=True)
class Price:
    input: Decimal  # USD per million input tokens
    output: Decimal  # USD per million output tokens


def _p(input_usd: str, output_usd: str) -> Price:
    return Price(Decimal(input_usd), Decimal(output_usd))


# Vendors' list prices when this table was written (base tier: some models charge more past
# 100k-272k input tokens, far beyond a brand analysis). AI_PRICES wins over them.
DEFAULT_PRICES: dict[str, Price] = {
    "claude-opus-5-5": _p("4", "20"),
    "claude-opus-5": _p("5", "25"),
    "claude-sonnet-5-5": _p("2", "10"),
    "claude-sonnet-5": _p("2", "10"),
    "claude-haiku-5-5": _p("0.10", "0.50"),
    "claude-opus-4-8": _p("5", "25"),
    "claude-opus-4-7": _p("5", "25"),
    "claude-opus-4-6": _p("5", "25"),
    "claude-opus-4-5": _p("5", "25"),
    "claude-opus-4-1": _p("15", "75"),
    "claude-sonnet-4-6": _p("3", "15"),
    "claude-sonnet-4-5": _p("3", "15"),
    "claude-sonnet-4": _p("3", "15"),
    "claude-haiku-4-5": _p("1", "5"),
    "claude-3-5-haiku": _p("0.80", "4"),
    "gpt-6.1-sol": _p("2", "10"),
    "gpt-6.1-terra": _p("1", "5"),
    "gpt-6-sol": _p("2", "10"),
    "gpt-6-luna": _p("0.10", "0.50"),
    "gpt-5.4-mini": _p("0.75", "4.50"),
    "gpt-5.4-nano": _p("0.20", "1.25"),
    "gpt-5.2": _p("1.75", "14"),
    "gpt-5.1": _p("1.25", "10"),
    "gpt-5": _p("1.25", "10"),
    "gpt-5-mini": _p("0.25", "2"),
    "gpt-5-nano": _p("0.05", "0.40"),
    "gpt-4.1": _p("2", "8"),
    "gpt-4.1-mini": _p("0.40", "1.60"),
    "gpt-4.1-nano": _p("0.10", "0.40"),
    "gpt-4o": _p("2.50", "10"),
    "gpt-4o-mini": _p("0.15", "0.60"),
    "o4-mini": _p("1.10", "4.40"),
}


@dataclass(frozen=True)
class Cost:
    usd: Decimal
    note: str = ""


def price_table(overrides: Mapping[str, object] | None = None) -> dict[str, Price]:
    """The default table with the operator's prices laid over it (bad entries raise)."""
    table = dict(DEFAULT_PRICES)
    for model, value in (overrides or {}).items():
        table[model.lower()] = _parse_price(model, value)
    return table


def _parse_price(model: str, value: object) -> Price:
    # Accepts [in, out], (in, out), {"input": in, "output": out} or a Price; numbers or strings.
    if isinstance(value, Price):
        return value
    if isinstance(value, Mapping):
        value = (value.get("input"), value.get("output"))
    if isinstance(value, list | tuple) and len(value) == 2:
        try:
            price = Price(Decimal(str(value[0])), Decimal(str(value[1])))
        except InvalidOperation:
            pass
        else:
            if price.input >= 0 and price.output >= 0:
                return price
    raise ValueError(f"AI_PRICES[{model!r}]: give two prices (input, output), USD per 1M tokens")


def find_price(model: str, table: Mapping[str, Price]) -> Price | None:
    name = model.lower()
    if name in table:
        return table[name]
    matches = [known for known in table if name.startswith(known) and name[len(known)] in "-:@"]
    return table[max(matches, key=len)] if matches else None


def cost_of(model: str, input_tokens: int, output_tokens: int, table: Mapping[str, Price]) -> Cost:
    price = find_price(model, table)
    if price is None:
        return Cost(Decimal("0"), f"no price known for model {model!r}; cost not computed")
    usd = (input_tokens * price.input + output_tokens * price.output) / PER_MILLION
    return Cost(usd.quantize(MICRO_USD, rounding=ROUND_HALF_UP))
