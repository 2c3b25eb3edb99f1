"""What one AI picture costs, in US dollars, from a small price table.

Image models are priced three ways: per picture (DALL·E, FLUX Kontext), per megapixel made
(FLUX on fal, rounded up to whole megapixels as fal bills) or per token (GPT Image: text and
image tokens in, image tokens out). An entry may give a per-picture price and token prices;
tokens win when the vendor reported them. Prices change: an operator overrides or adds models
with the ``IMAGE_PRICES`` setting, e.g. ``{"fal-ai/flux/dev": {"per_megapixel": "0.025"}}``.
A model is found by exact name or by the longest listed name it starts with followed by "-",
":", "@" or "/"; an unknown model costs 0, with a note.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PER_MILLION = Decimal(1_000_000)
MICRO_USD = Decimal("0.000001")  # the usage table stores six decimal places
_FIELDS = ("per_image", "per_megapixel", "text_input", "image_input", "output")


@dataclass(frozen=True)
class ImagePrice:
    per_image: Decimal = Decimal("0")
    per_megapixel: Decimal = Decimal("0")
    text_input: Decimal = Decimal("0")  # USD per million text tokens in
    image_input: Decimal = Decimal("0")  # USD per million image tokens in (reference photos)
    output: Decimal = Decimal("0")  # USD per million image tokens out

    @property
    def by_tokens(self) -> bool:
        return bool(self.output)


def _p(**prices: str) -> ImagePrice:
    return ImagePrice(**{name: Decimal(value) for name, value in prices.items()})


# List prices when this table was written. A GPT Image entry's per_image is the price of a
# medium-quality portrait, used only when the answer reports no tokens.
DEFAULT_PRICES: dict[str, ImagePrice] = {
    "gpt-image-1": _p(text_input="5", image_input="10", output="40", per_image="0.063"),
    "gpt-image-1-mini": _p(text_input="2", image_input="2.5", output="8", per_image="0.015"),
    "dall-e-3": _p(per_image="0.08"),
    "dall-e-2": _p(per_image="0.02"),
    "fal-ai/flux/schnell": _p(per_megapixel="0.003"),
    "fal-ai/flux/dev": _p(per_megapixel="0.025"),
    "fal-ai/flux-pro/v1.1": _p(per_megapixel="0.04"),
    "fal-ai/flux-pro/kontext": _p(per_image="0.04"),
    "fal-ai/flux-pro/kontext/max": _p(per_image="0.08"),
}


@dataclass(frozen=True)
class Cost:
    usd: Decimal
    note: str = ""


def price_table(overrides: Mapping[str, object] | None = None) -> dict[str, ImagePrice]:
    """The default table with the operator's prices laid over it (bad entries raise)."""
    table = dict(DEFAULT_PRICES)
    for model, value in (overrides or {}).items():
        table[model.lower()] = _parse_price(model, value)
    return table


def _parse_price(model: str, value: object) -> ImagePrice:
    # Accepts {"per_image": "0.04", ...}, a bare number (per picture) or an ImagePrice.
    if isinstance(value, ImagePrice):
        return value
    if isinstance(value, int | float | str | Decimal):
        value = {"per_image": value}
    if isinstance(value, Mapping) and value and set(value) <= set(_FIELDS):
        try:
            price = ImagePrice(**{k: Decimal(str(v)) for k, v in value.items()})
        except InvalidOperation:
            pass
        else:
            if all(getattr(price, name) >= 0 for name in _FIELDS):
                return price
    fields = ", ".join(_FIELDS)
    raise ValueError(f"IMAGE_PRICES[{model!r}]: give USD prices by name ({fields})")


def find_price(model: str, table: Mapping[str, ImagePrice]) -> ImagePrice | None:
    name = model.lower()
    if name in table:
        return table[name]
    matches = [known for known in table if name.startswith(known) and name[len(known)] in "-:@/"]
    return table[max(matches, key=len)] if matches else None


def cost_of(
    model: str,
    table: Mapping[str, ImagePrice],
    *,
    size: tuple[int, int],
    text_tokens: int = 0,
    image_tokens: int = 0,
    output_tokens: int = 0,
) -> Cost:
    """The cost of one picture of ``size`` (and the tokens, when the vendor counted them)."""
    price = find_price(model, table)
    if price is None:
        return Cost(Decimal("0"), f"no price known for model {model!r}; cost not computed")
    if price.by_tokens and output_tokens:
        tokens = (
            text_tokens * price.text_input
            + image_tokens * price.image_input
            + output_tokens * price.output
        )
        return Cost(_rounded(tokens / PER_MILLION))
    megapixels = math.ceil(size[0] * size[1] / 1_000_000)
    return Cost(_rounded(price.per_image + price.per_megapixel * megapixels))


def _rounded(usd: Decimal) -> Decimal:
    return usd.quantize(MICRO_USD, rounding=ROUND_HALF_UP)
