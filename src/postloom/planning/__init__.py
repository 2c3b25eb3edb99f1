"""The pure planning core of the studio: local occasions and content plans. No Django here.

from postloom.planning import PlanRequest, ProductRef, build_plan, occasions_between

occasions_between(date(2026, 12, 1), date(2026, 12, 31), "ID")  # Harbolnas 12.12, ...
plan = build_plan(PlanRequest(start=date(2026, 12, 1), days=30,
                              timezone="Asia/Jakarta", country="ID"))
"""

from postloom.planning.content import Format, Pillar, Platform
from postloom.planning.occasions import (
    Kind,
    Names,
    Occasion,
    OccasionError,
    Tone,
    is_ramadan,
    occasions_between,
)
from postloom.planning.plan import (
    Plan,
    PlanError,
    PlannedSlot,
    PlanRequest,
    ProductRef,
    build_plan,
    guess_country,
)

__all__ = [
    "Format",
    "Kind",
    "Names",
    "Occasion",
    "OccasionError",
    "Pillar",
    "Plan",
    "PlanError",
    "PlanRequest",
    "PlannedSlot",
    "Platform",
    "ProductRef",
    "Tone",
    "build_plan",
    "guess_country",
    "is_ramadan",
    "occasions_between",
]
