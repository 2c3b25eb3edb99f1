"""Turns the pure plan (``postloom.planning``) into Post rows for a business."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from postloom.brands.models import Business
from postloom.planning.occasions import OccasionError
from postloom.planning.plan import PlanError, PlanRequest, ProductRef, build_plan, guess_country


def plan_problem(code: str) -> str:
    if code in ("too_many_days", "too_few_days"):
        return _("A plan covers 1 to 31 days.")
    if code in ("dates_out_of_range", "out_of_range"):
        return _("Postloom's calendar of occasions covers 2026 to 2028: choose dates within it.")
    if code == "unknown_timezone":
        return _("The business's time zone is not known. Fix it in the business settings.")
    return _("This plan cannot be made with these settings.")


def plan_slots(
    business: Business, start: date, days: int, posts_per_week: int = 7
) -> list[dict[str, Any]]:
    """The posts of a plan, as field values for Post (status draft, no words yet)."""
    products = tuple(
        ProductRef(id=p.pk, name=p.name)
        for p in business.products.filter(active=True).order_by("position", "id")
    )
    request = PlanRequest(
        start=start,
        days=days,
        timezone=business.timezone,
        country=guess_country(business.timezone, business.language) or "",
        products=products,
        language=business.language,
        posts_per_week=posts_per_week,
    )
    try:
        plan = build_plan(request)
    except (PlanError, OccasionError) as exc:
        raise ValidationError(plan_problem(exc.code), code=exc.code) from exc
    return [
        {
            "planned_for": slot.utc_time,
            "format": str(slot.format),
            "platform": str(slot.platform),
            "pillar": str(slot.pillar),
            "product_id": slot.product_id,
            "occasion": slot.occasion.names.get(business.language) if slot.occasion else "",
            "topic": "",  # the planner's hints are for people; captions get the pillar and format
            "hint": slot.hint[:300],
        }
        for slot in plan.slots
    ]
