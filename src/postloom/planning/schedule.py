"""When posts go out: how many each day, which day carries which occasion, at what hour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from postloom.planning.content import Format
from postloom.planning.mix import Noise
from postloom.planning.occasion_types import Occasion, Tone

# Share of a plan's posts that occasions may take at most, so a busy month still has room
# for the business's own content.
OCCASION_SHARE = 0.4
# Windows in a day (morning, lunch, evening); no day gets more posts than that.
MAX_PER_DAY = 3


class Window(StrEnum):
    MORNING = "morning"
    LUNCH = "lunch"
    EVENING = "evening"


@dataclass
class Slot:
    """A post being planned; filled in step by step."""

    day: date
    occasion: Occasion | None = None
    quiet: bool = False  # a solemn day: a still format, nothing that sells
    no_sale: bool = False  # a day of greeting or remembrance: no promotion
    window: Window = Window.EVENING


def posts_per_day(days: int, per_week: int, per_day: int | None, noise: Noise) -> list[int]:
    """Posts on each day, spread as evenly as the cadence allows (never more than 3 a day)."""
    if per_day is not None:
        return [per_day] * days
    total = max(1, math.floor(per_week * days / 7 + 0.5))
    phase = noise.unit("phase")
    return [
        math.floor((d + 1) * total / days + phase) - math.floor(d * total / days + phase)
        for d in range(days)
    ]


def place_occasions(
    counts: list[int], days: list[date], occasions: list[Occasion]
) -> dict[date, list[Occasion]]:
    """Give each occasion a post on (or just before) its day, most important first.

    A day without a post borrows one from the nearest day with a post to spare, so the
    total stays what the cadence asked for. Minor occasions (priority 3) only take a post
    that is already there. `counts` is changed in place.
    """
    taken: dict[date, list[Occasion]] = {}
    cap = max(1, math.floor(sum(counts) * OCCASION_SHARE))
    for occasion in sorted(occasions, key=lambda o: (o.priority, o.start, o.key)):
        if sum(map(len, taken.values())) >= cap:
            break
        options = [d for d in occasion.post_days() if d in days]
        day = _day_for(options, counts, days, taken, may_borrow=occasion.priority < 3)
        if day is not None:
            taken.setdefault(day, []).append(occasion)
    return taken


def _day_for(
    options: list[date],
    counts: list[int],
    days: list[date],
    taken: dict[date, list[Occasion]],
    *,
    may_borrow: bool,
) -> date | None:
    def spare(d: int) -> int:
        return counts[d] - len(taken.get(days[d], []))

    if not options:
        return None
    target = days.index(options[0])
    if spare(target) > 0:
        return options[0]
    donors = [d for d in range(len(days)) if d != target and spare(d) > 0]
    if may_borrow and donors and counts[target] < MAX_PER_DAY:
        donor = min(donors, key=lambda d: (abs(d - target), d < target))
        counts[donor] -= 1
        counts[target] += 1
        return options[0]
    return next((o for o in options[1:] if spare(days.index(o)) > 0), None)


def clear_solemn_days(
    counts: list[int], days: list[date], solemn: set[date], taken: dict[date, list[Occasion]]
) -> None:
    """Move a solemn day's other posts to the nearest ordinary day with room (later first);
    a post that finds no room stays, to be planned as a quiet one."""
    for d, day in enumerate(days):
        while day in solemn and counts[d] > len(taken.get(day, [])):
            room = [
                t for t, other in enumerate(days) if other not in solemn and counts[t] < MAX_PER_DAY
            ]
            if not room:
                break
            nearest = min(room, key=lambda t: (abs(t - d), t < d))
            counts[d] -= 1
            counts[nearest] += 1


def windows_for(count: int, opens_with_occasion: bool, noise: Noise, day: date) -> list[Window]:
    """The windows of a day's posts, in the order they go out."""
    if count == 0:
        return []
    if count >= MAX_PER_DAY:
        return [Window.MORNING, Window.LUNCH, Window.EVENING]
    if count == 2:
        first = Window.MORNING if opens_with_occasion else Window.LUNCH
        return [first, Window.EVENING]
    if opens_with_occasion:
        return [Window.MORNING]
    return [Window.EVENING if noise.unit("window", day) < 0.6 else Window.LUNCH]


def window_bounds(
    window: Window, day: date, *, fasting: bool, friday_prayer: bool
) -> tuple[int, int]:
    """Start and end minute of a window on a day.

    Weekend mornings start later. During Ramadan lunch becomes the late afternoon before
    iftar and the evening moves after tarawih; in Indonesia and Turkey Friday lunch waits
    for the Friday prayer.
    """
    weekend = day.weekday() >= 5
    if window is Window.MORNING:
        return (9 * 60 + 30, 11 * 60) if weekend else (8 * 60, 9 * 60 + 30)
    if window is Window.LUNCH:
        if fasting:
            return (15 * 60 + 30, 17 * 60)
        if friday_prayer and day.weekday() == 4:
            return (13 * 60 + 15, 14 * 60 + 30)
        return (11 * 60 + 30, 13 * 60)
    return (20 * 60 + 30, 22 * 60) if fasting else (19 * 60, 21 * 60)


def local_time(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """A wall-clock time in the business's zone; a time skipped by a DST change moves on."""
    wall = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    settled = wall.astimezone(UTC).astimezone(zone)
    return settled if settled.replace(tzinfo=None) != wall.replace(tzinfo=None) else wall


def minute_in(bounds: tuple[int, int], fmt: Format, noise: Noise, key: object) -> int:
    """A minute on a 5-minute grid inside the window; TikTok leans a little later."""
    first, last = bounds
    steps = (last - first) // 5
    step = math.floor(noise.unit("minute", key) * (steps + 1))
    if fmt in (Format.TIKTOK_VIDEO, Format.TIKTOK_PHOTO):
        step = min(steps, step + 3)
    return first + 5 * step


def opens_the_day(occasion: Occasion | None, day: date) -> bool:
    """An occasion post on the day itself goes out in the morning, except a festive one."""
    return occasion is not None and occasion.covers(day) and occasion.tone is not Tone.FESTIVE
