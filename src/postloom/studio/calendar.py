"""A plan as a calendar: weeks of days (Monday first), each day with its posts, in local time.

Posts are stored in UTC; the day a post falls on is the day where the business is, so a post
at 23:30 UTC for a shop in Jakarta sits on the next day at 06:30.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from postloom.studio.models import Plan, Post
from postloom.studio.selectors import PostCard, card


@dataclass
class Day:
    date: date
    in_plan: bool
    cards: list[PostCard] = field(default_factory=list)


@dataclass
class Calendar:
    weeks: list[list[Day]]
    cards: list[PostCard]  # every post, in time order, for the list under the calendar

    def week(self, number: int) -> list[Day]:
        return self.weeks[self.clamp(number) - 1]

    def clamp(self, number: int) -> int:
        return min(max(number, 1), len(self.weeks))


def plan_calendar(plan: Plan, posts: Iterable[Post], zone: ZoneInfo) -> Calendar:
    cards = [card(post, zone) for post in posts]
    by_day: dict[date, list[PostCard]] = defaultdict(list)
    for item in cards:
        if item.local is not None:
            by_day[item.local.date()].append(item)
    last = plan.start_date + timedelta(days=max(plan.days, 1) - 1)
    first_shown = min([plan.start_date, *by_day])
    last_shown = max([last, *by_day])
    day = first_shown - timedelta(days=first_shown.weekday())  # back to Monday
    weeks: list[list[Day]] = []
    while day <= last_shown:
        week = []
        for _ in range(7):
            in_plan = plan.start_date <= day <= last
            week.append(Day(day, in_plan, sorted(by_day.get(day, []), key=_time)))
            day += timedelta(days=1)
        weeks.append(week)
    return Calendar(weeks=weeks, cards=cards)


def _time(item: PostCard) -> tuple[int, int]:
    assert item.local is not None
    return (item.local.hour * 60 + item.local.minute, item.post.pk)
