"""A content plan for 1–31 days: which post goes out when, where, about what.

    plan = build_plan(PlanRequest(
        start=date(2026, 3, 1), days=30, timezone="Asia/Jakarta", country="ID",
        products=(ProductRef(7, "Kopi Susu"), ProductRef(9, "Cold Brew")),
    ))
    plan.slots[0]  # PlannedSlot(date, local_time, utc_time, format, platform, pillar, ...)

Pure and deterministic: the same request gives the same plan (the seed is a hash of the
request; `variant` asks for another arrangement of the same request). Bad requests raise
`PlanError` with a stable `code` the studio translates.
"""

from __future__ import annotations

import hashlib
import math
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from postloom.planning.assign import (
    assign_formats,
    assign_pillars,
    assign_products,
    carries_product,
)
from postloom.planning.content import Format, Pillar, Platform
from postloom.planning.hints import HintWriter
from postloom.planning.mix import Noise
from postloom.planning.occasion_types import EVERYWHERE, Occasion, OccasionError, Tone
from postloom.planning.occasions import (
    FIRST_DAY,
    LAST_DAY,
    is_ramadan,
    normalize_country,
    occasions_between,
)
from postloom.planning.schedule import (
    Slot,
    clear_solemn_days,
    local_time,
    minute_in,
    opens_the_day,
    place_occasions,
    posts_per_day,
    window_bounds,
    windows_for,
)

MAX_DAYS = 31
MAX_POSTS_PER_WEEK = 14
MAX_POSTS_PER_DAY = 3
# Friday prayer moves the lunch window; Ramadan moves lunch and evening.
_MUSLIM_MAJORITY = frozenset({"ID", "TR"})
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})

type ProductId = int | str


class PlanError(ValueError):
    """A plan request that cannot be planned.

    `code` is stable: `too_few_days`, `too_many_days`, `dates_out_of_range`,
    `unknown_timezone`, `bad_country`, `bad_posts_per_week`, `bad_posts_per_day`,
    `no_formats`, `no_pillars`, `bad_product`, `duplicate_product`.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ProductRef:
    """A product the plan may feature; `weight` 2 features it about twice as often as 1."""

    id: ProductId
    name: str
    weight: float = 1.0


@dataclass(frozen=True)
class PlanRequest:
    """What to plan. `posts_per_day`, when set, replaces `posts_per_week`.

    `country` is an ISO 3166 code ("ID", "TR", "US", ...); None or "" when unknown, and then
    only worldwide occasions are marked (see `guess_country`).
    `platforms` are those connected or wanted; `formats` of other platforms are ignored.
    `skip_occasions` holds occasion keys the business does not mark. `language` (en, id, tr)
    names occasions in the hints.
    """

    start: date
    days: int
    timezone: str
    country: str | None
    posts_per_week: int = 5
    posts_per_day: int | None = None
    platforms: tuple[Platform, ...] = (Platform.INSTAGRAM, Platform.TIKTOK)
    formats: tuple[Format, ...] = tuple(Format)
    products: tuple[ProductRef, ...] = ()
    pillars: tuple[Pillar, ...] = tuple(Pillar)
    language: str = "en"
    skip_occasions: frozenset[str] = frozenset()
    variant: int = 0


@dataclass(frozen=True)
class PlannedSlot:
    index: int
    date: date
    local_time: datetime  # aware, in the business's time zone
    utc_time: datetime  # aware, UTC
    format: Format
    platform: Platform
    pillar: Pillar
    product_id: ProductId | None
    occasion: Occasion | None
    hint: str


@dataclass(frozen=True)
class Plan:
    request: PlanRequest
    seed: int
    slots: tuple[PlannedSlot, ...]
    occasions: tuple[Occasion, ...]  # every occasion in range for the country

    @property
    def videos(self) -> int:
        return sum(1 for slot in self.slots if slot.format.is_video)


def build_plan(request: PlanRequest) -> Plan:
    zone, country = _validate(request)
    seed = plan_seed(request)
    noise = Noise(seed)
    days = [request.start + timedelta(days=d) for d in range(request.days)]
    occasions = _occasions(days[0], days[-1], country)
    slots = _schedule(request, days, occasions, noise)
    formats = _enabled_formats(request)
    fmts = assign_formats(slots, formats, noise)
    enabled_pillars = list(dict.fromkeys(request.pillars))
    pillars = assign_pillars(slots, fmts, enabled_pillars, bool(request.products), noise)
    times = [
        _time_of(slot, fmt, i, country, zone, noise)
        for i, (slot, fmt) in enumerate(zip(slots, fmts, strict=True))
    ]
    products = _products(request, slots, pillars, noise)
    hints = HintWriter(noise, request.language)
    names = {p.id: p.name for p in request.products}
    planned = []
    for i, (slot, fmt, pillar, when) in enumerate(zip(slots, fmts, pillars, times, strict=True)):
        product = products.get(i)
        name = names[product] if product is not None else None
        if slot.occasion is not None:
            hint = hints.for_occasion(slot.occasion, name)
        else:
            hint = hints.for_pillar(pillar, fmt, name)
        planned.append(
            PlannedSlot(
                index=i,
                date=slot.day,
                local_time=when,
                utc_time=when.astimezone(UTC),
                format=fmt,
                platform=fmt.platform,
                pillar=pillar,
                product_id=product,
                occasion=slot.occasion,
                hint=hint,
            )
        )
    return Plan(request, seed, tuple(planned), tuple(occasions))


def _schedule(
    request: PlanRequest, days: list[date], occasions: list[Occasion], noise: Noise
) -> list[Slot]:
    """The posts, day by day in time order, with their occasions and windows."""
    counts = posts_per_day(request.days, request.posts_per_week, request.posts_per_day, noise)
    marking = Pillar.LOCAL_OCCASION in request.pillars
    marked = [o for o in occasions if marking and o.key not in request.skip_occasions]
    taken = place_occasions(counts, days, marked)
    solemn = {d for d in days for o in occasions if o.tone is Tone.SOLEMN and o.covers(d)}
    clear_solemn_days(counts, days, solemn, taken)
    quiet_tones = (Tone.GREETING, Tone.SOLEMN)
    no_sale = {d for d in days for o in occasions if o.tone in quiet_tones and o.covers(d)}
    slots: list[Slot] = []
    for day, count in zip(days, counts, strict=True):
        on_day = taken.get(day, [])
        first = on_day[0] if on_day else None
        for j, window in enumerate(windows_for(count, opens_the_day(first, day), noise, day)):
            occasion = on_day[j] if j < len(on_day) else None
            quiet = day in solemn and occasion is None
            slots.append(Slot(day, occasion, quiet, day in no_sale, window))
    return slots


def _time_of(
    slot: Slot,
    fmt: Format,
    index: int,
    country: str | None,
    zone: zoneinfo.ZoneInfo,
    noise: Noise,
) -> datetime:
    occasion = slot.occasion
    if occasion is not None and occasion.post_time is not None and occasion.covers(slot.day):
        minutes = occasion.post_time.hour * 60 + occasion.post_time.minute
    else:
        local = country is not None and country in _MUSLIM_MAJORITY
        fasting = local and is_ramadan(slot.day, country or "")
        bounds = window_bounds(slot.window, slot.day, fasting=fasting, friday_prayer=local)
        minutes = minute_in(bounds, fmt, noise, (slot.day, index))
    return local_time(slot.day, minutes, zone)


def _occasions(start: date, end: date, country: str | None) -> list[Occasion]:
    if country:
        return occasions_between(start, end, country)
    return [o for o in occasions_between(start, end, None) if EVERYWHERE in o.countries]


def _products(
    request: PlanRequest, slots: list[Slot], pillars: list[Pillar], noise: Noise
) -> dict[int, ProductId]:
    places = [i for i, slot in enumerate(slots) if carries_product(slot, pillars[i])]
    weights = {p.id: p.weight for p in request.products}
    chosen = assign_products(len(places), weights, noise)
    return dict(zip(places, chosen, strict=False))


def _enabled_formats(request: PlanRequest) -> list[Format]:
    platforms = set(request.platforms)
    return [f for f in dict.fromkeys(request.formats) if f.platform in platforms]


def plan_seed(request: PlanRequest) -> int:
    """A number drawn from everything in the request, and only from it."""
    products = ";".join(f"{p.id!r}:{p.name}:{p.weight!r}" for p in request.products)
    parts = [
        request.start.isoformat(),
        str(request.days),
        request.timezone,
        (request.country or "").strip().upper(),
        str(request.posts_per_week),
        str(request.posts_per_day),
        ",".join(request.platforms),
        ",".join(request.formats),
        products,
        ",".join(request.pillars),
        request.language,
        ",".join(sorted(request.skip_occasions)),
        str(request.variant),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def _validate(request: PlanRequest) -> tuple[zoneinfo.ZoneInfo, str | None]:
    if request.days < 1:
        raise PlanError("too_few_days", f"A plan needs at least 1 day, not {request.days}")
    if request.days > MAX_DAYS:
        raise PlanError("too_many_days", f"A plan covers at most {MAX_DAYS} days")
    last = request.start + timedelta(days=request.days - 1)
    if request.start < FIRST_DAY or last > LAST_DAY:
        raise PlanError("dates_out_of_range", f"Plans can cover {FIRST_DAY} to {LAST_DAY}")
    if request.timezone not in _zones():
        raise PlanError("unknown_timezone", f"Unknown time zone {request.timezone!r}")
    try:
        country = normalize_country(request.country) if request.country else None
    except OccasionError as error:
        raise PlanError("bad_country", str(error)) from error
    if not 1 <= request.posts_per_week <= MAX_POSTS_PER_WEEK:
        raise PlanError("bad_posts_per_week", f"Posts per week must be 1 to {MAX_POSTS_PER_WEEK}")
    per_day = request.posts_per_day
    if per_day is not None and not 1 <= per_day <= MAX_POSTS_PER_DAY:
        raise PlanError("bad_posts_per_day", f"Posts per day must be 1 to {MAX_POSTS_PER_DAY}")
    if not _enabled_formats(request):
        raise PlanError("no_formats", "No format is on for a connected platform")
    _validate_content(request)
    return zoneinfo.ZoneInfo(request.timezone), country


def _validate_content(request: PlanRequest) -> None:
    usable = set(request.pillars) - {Pillar.LOCAL_OCCASION}
    if not request.products:
        usable.discard(Pillar.PRODUCT_SPOTLIGHT)
    if not usable:
        raise PlanError("no_pillars", "Turn on at least one pillar besides local occasions")
    seen: set[ProductId] = set()
    for product in request.products:
        if product.id in seen:
            raise PlanError("duplicate_product", f"Product {product.id!r} is listed twice")
        seen.add(product.id)
        if not product.name.strip():
            raise PlanError("bad_product", f"Product {product.id!r} has no name")
        if not (math.isfinite(product.weight) and product.weight > 0):
            raise PlanError("bad_product", f"Product {product.id!r} needs a positive weight")


def guess_country(timezone: str, language: str | None = None) -> str | None:
    """The likely country of a business from its time zone, else its language."""
    if timezone in _ZONE_COUNTRIES:
        return _ZONE_COUNTRIES[timezone]
    region = timezone.split("/", 1)[0]
    if region == "Australia":
        return "AU"
    return {"id": "ID", "tr": "TR"}.get(language or "")


_ZONE_COUNTRIES = {
    **dict.fromkeys(("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"), "ID"),
    **dict.fromkeys(("Europe/Istanbul", "Asia/Istanbul", "Turkey"), "TR"),
    "Europe/London": "GB",
    "Europe/Dublin": "IE",
    **dict.fromkeys(("Pacific/Auckland", "Pacific/Chatham"), "NZ"),
    **dict.fromkeys(
        (
            "America/Toronto",
            "America/Vancouver",
            "America/Edmonton",
            "America/Winnipeg",
            "America/Halifax",
            "America/St_Johns",
            "America/Regina",
        ),
        "CA",
    ),  # fmt: skip
    **dict.fromkeys(
        (
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Phoenix",
            "America/Anchorage",
            "America/Detroit",
            "Pacific/Honolulu",
        ),
        "US",
    ),  # fmt: skip
}
