"""What an occasion is: its days, countries, names and how content on it should sound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from postloom.planning.content import Pillar

EVERYWHERE = "*"


class OccasionError(ValueError):
    """A question the occasion table cannot answer.

    `code` is stable: `out_of_range` (a date outside 2026–2028), `bad_range` (end before
    start), `bad_country` (not a two-letter ISO 3166 code).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Kind(StrEnum):
    RELIGIOUS = "religious"
    NATIONAL = "national"
    COMMERCIAL = "commercial"
    AWARENESS = "awareness"


class Tone(StrEnum):
    """How a post on the day should sound, and whether selling is welcome."""

    SALE = "sale"  # a shopping day: offers are the point
    FESTIVE = "festive"  # a celebration: gifts and a soft offer fit
    GREETING = "greeting"  # a respectful greeting; no selling that day
    SOLEMN = "solemn"  # remembrance; no products, no offers, nothing upbeat


@dataclass(frozen=True)
class Names:
    en: str
    id: str
    tr: str

    def get(self, language: str) -> str:
        return {"en": self.en, "id": self.id, "tr": self.tr}.get(language, self.en)


@dataclass(frozen=True)
class Occasion:
    """One occasion in one year for some countries.

    The same `key` appears in several rows when countries keep it on different days
    (Eid al-Fitr is 21 March 2026 in Indonesia and 20 March 2026 in Turkey). `end` is
    inclusive. `lead_days`: how many days before `start` a post about it may go out;
    `on_day` False means not on the day itself (Nyepi is a day of silence: the greeting
    goes out the day before). `post_time` pins the local time (10 Kasım: 09:05, the minute
    of silence). `confirmed` is False when the date is calculated the way the authority
    calculates it but not yet announced; even announced dates can move by a day.
    """

    key: str
    start: dt.date
    end: dt.date
    countries: frozenset[str]
    names: Names
    kind: Kind
    tone: Tone
    pillars: tuple[Pillar, ...]
    hint: str
    priority: int
    source: str
    confirmed: bool = True
    lead_days: int = 1
    on_day: bool = True
    post_time: dt.time | None = None
    excluded: frozenset[str] = frozenset()

    @property
    def date(self) -> dt.date:
        return self.start

    @property
    def promotion_friendly(self) -> bool:
        return self.tone in (Tone.SALE, Tone.FESTIVE)

    def name(self, language: str = "en") -> str:
        return self.names.get(language)

    def applies_to(self, country: str) -> bool:
        if country in self.excluded:
            return False
        return EVERYWHERE in self.countries or country in self.countries

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def post_days(self) -> list[dt.date]:
        """Days a post about it may go out, best first: the day itself, then just before."""
        before = [self.start - dt.timedelta(days=n) for n in range(1, self.lead_days + 1)]
        if not self.on_day:
            return before
        length = (self.end - self.start).days + 1
        during = [self.start + dt.timedelta(days=n) for n in range(length)]
        return [during[0], *before, *during[1:]]
