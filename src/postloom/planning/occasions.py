"""Local occasions a content plan can mark: holidays, religious days, shopping days.

Tabulated for 2026, 2027 and 2028 for Indonesia, Turkey and the English-speaking markets
(US, GB, CA, AU, NZ, IE); `"*"` rows (New Year, Valentine's Day, ...) apply everywhere.
Where each date comes from, and how sure it is, is in `occasion_table`.

    occasions_between(date(2026, 3, 1), date(2026, 3, 31), "ID")
    -> [Occasion(key="womens_day", ...), Occasion(key="nyepi", ...), ...]

Dates outside the table raise `OccasionError("out_of_range")` rather than returning an empty
list: "no occasions" and "we don't know" must not look the same to the planner.
"""

from __future__ import annotations

import re
from datetime import date

from postloom.planning.occasion_table import OCCASIONS
from postloom.planning.occasion_types import (
    EVERYWHERE,
    Kind,
    Names,
    Occasion,
    OccasionError,
    Tone,
)

__all__ = [
    "EVERYWHERE",
    "FIRST_DAY",
    "LAST_DAY",
    "LOCAL_COUNTRIES",
    "Kind",
    "Names",
    "Occasion",
    "OccasionError",
    "Tone",
    "check_range",
    "is_ramadan",
    "normalize_country",
    "occasions_between",
]

FIRST_DAY = date(2026, 1, 1)
LAST_DAY = date(2028, 12, 31)
# Countries with a table of their own; any other ISO code gets the "*" occasions only.
LOCAL_COUNTRIES = frozenset({"ID", "TR", "US", "GB", "CA", "AU", "NZ", "IE"})

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def normalize_country(country: str) -> str:
    code = country.strip().upper()
    if not _COUNTRY_CODE.match(code):
        raise OccasionError("bad_country", f"Not a two-letter country code: {country!r}")
    return code


def check_range(start: date, end: date) -> None:
    if end < start:
        raise OccasionError("bad_range", f"End {end} is before start {start}")
    if start < FIRST_DAY or end > LAST_DAY:
        raise OccasionError(
            "out_of_range",
            f"Occasions are tabulated from {FIRST_DAY} to {LAST_DAY}; asked {start}..{end}",
        )


def occasions_between(start: date, end: date, country: str | None) -> list[Occasion]:
    """Occasions overlapping `start`..`end` (both inclusive), by date then importance.

    `country` None returns every row, whichever country it belongs to.
    """
    check_range(start, end)
    code = None if country is None else normalize_country(country)
    found = [
        occasion
        for occasion in OCCASIONS
        if occasion.start <= end
        and occasion.end >= start
        and (code is None or occasion.applies_to(code))
    ]
    return sorted(found, key=lambda o: (o.start, o.priority, o.key))


def is_ramadan(day: date, country: str) -> bool:
    """Whether `day` is a fasting day of Ramadan by that country's calendar (ID and TR only)."""
    check_range(day, day)
    code = normalize_country(country)
    starts = sorted(o.start for o in OCCASIONS if o.key == "ramadan_start" and code in o.countries)
    eids = sorted(o.start for o in OCCASIONS if o.key == "eid_al_fitr" and code in o.countries)
    return any(first <= day < eid for first, eid in zip(starts, eids, strict=True))
