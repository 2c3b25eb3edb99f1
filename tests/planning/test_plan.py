"""Content plans: length, mix, rotation, occasions, local times, determinism, refusals."""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from postloom.planning import (
    Format,
    Pillar,
    Plan,
    PlanError,
    PlannedSlot,
    PlanRequest,
    Platform,
    ProductRef,
    Tone,
    build_plan,
    guess_country,
)
from postloom.planning.content import SELLING_PILLARS, STILL_FORMATS
from postloom.planning.schedule import local_time

PRODUCTS = (ProductRef(7, "Kopi Susu"), ProductRef(9, "Cold Brew"), ProductRef(11, "Roti Bakar"))


def make(**changes: object) -> PlanRequest:
    base = PlanRequest(
        start=date(2026, 6, 1),
        days=30,
        timezone="Asia/Jakarta",
        country="ID",
        products=PRODUCTS,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def runs(items: list[object]) -> int:
    """The longest run of equal neighbours."""
    longest = current = 1
    for before, after in zip(items, items[1:], strict=False):
        current = current + 1 if before == after else 1
        longest = max(longest, current)
    return longest if items else 0


def many_plans() -> Iterator[Plan]:
    """Plans across the calendar, countries, cadences, platforms and product lists."""
    markets = [
        ("ID", "Asia/Jakarta"),
        ("TR", "Europe/Istanbul"),
        ("US", "America/New_York"),
        ("GB", "Europe/London"),
    ]
    platform_sets = [
        (Platform.INSTAGRAM,),
        (Platform.TIKTOK,),
        (Platform.INSTAGRAM, Platform.TIKTOK),
    ]
    for n, start in enumerate(date(2026, 1, 3) + timedelta(days=47 * i) for i in range(22)):
        country, zone = markets[n % len(markets)]
        for per_week in (3, 5, 9, 14):
            products = tuple(ProductRef(i, f"P{i}") for i in range(n % 5))
            yield build_plan(
                make(
                    start=start,
                    timezone=zone,
                    country=country,
                    posts_per_week=per_week,
                    platforms=platform_sets[(n + per_week) % 3],
                    products=products,
                    variant=per_week,
                )
            )


# -- length and cadence -----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "posts"), [(1, 1), (7, 5), (30, 21), (31, 22)])
def test_plan_lengths(days: int, posts: int) -> None:
    plan = build_plan(make(days=days))
    assert len(plan.slots) == posts
    last = date(2026, 6, 1) + timedelta(days=days - 1)
    assert all(date(2026, 6, 1) <= slot.date <= last for slot in plan.slots)
    assert [slot.index for slot in plan.slots] == list(range(posts))


def test_posts_per_day_replaces_the_weekly_cadence() -> None:
    plan = build_plan(make(days=10, posts_per_day=2))
    assert len(plan.slots) == 20
    assert set(Counter(slot.date for slot in plan.slots).values()) == {2}


@pytest.mark.parametrize(("days", "code"), [(32, "too_many_days"), (90, "too_many_days")])
def test_too_many_days_is_refused(days: int, code: str) -> None:
    with pytest.raises(PlanError) as caught:
        build_plan(make(days=days))
    assert caught.value.code == code


@pytest.mark.parametrize("days", [0, -1])
def test_zero_or_negative_days_is_refused(days: int) -> None:
    with pytest.raises(PlanError) as caught:
        build_plan(make(days=days))
    assert caught.value.code == "too_few_days"


# -- formats ----------------------------------------------------------------------------------


def test_thirty_days_at_five_a_week_is_a_healthy_mix() -> None:
    plan = build_plan(make())
    formats = Counter(slot.format for slot in plan.slots)
    assert plan.videos >= 4
    assert formats[Format.CAROUSEL] >= 2
    assert formats[Format.STORY] >= 2
    assert len(formats) == len(Format)
    assert runs([slot.format for slot in plan.slots]) <= 2


def test_no_format_three_times_in_a_row_across_many_plans() -> None:
    for plan in many_plans():
        assert runs([slot.format for slot in plan.slots]) <= 2, plan.request


def test_instagram_only_plans_have_reels_and_no_tiktok() -> None:
    plan = build_plan(make(platforms=(Platform.INSTAGRAM,)))
    assert {slot.platform for slot in plan.slots} == {Platform.INSTAGRAM}
    assert sum(slot.format is Format.REEL for slot in plan.slots) >= 4


def test_formats_follow_their_platform() -> None:
    plan = build_plan(make(platforms=(Platform.TIKTOK,)))
    assert {slot.format for slot in plan.slots} <= {Format.TIKTOK_VIDEO, Format.TIKTOK_PHOTO}
    assert all(slot.platform is Platform.TIKTOK for slot in plan.slots)
    only_carousels = build_plan(make(formats=(Format.CAROUSEL,)))
    assert {slot.format for slot in only_carousels.slots} == {Format.CAROUSEL}


# -- pillars ----------------------------------------------------------------------------------


def test_pillars_are_mixed_and_selling_stays_under_forty_percent() -> None:
    for plan in many_plans():
        pillars = [slot.pillar for slot in plan.slots]
        selling = sum(p in SELLING_PILLARS for p in pillars)
        assert selling <= 0.4 * len(pillars), plan.request
        for before, after in zip(pillars, pillars[1:], strict=False):
            assert before != after or before is Pillar.LOCAL_OCCASION, plan.request
        for slot in plan.slots:
            assert (slot.pillar is Pillar.LOCAL_OCCASION) == (slot.occasion is not None)


def test_a_month_uses_every_pillar() -> None:
    plan = build_plan(make())
    assert {slot.pillar for slot in plan.slots} == set(Pillar)


def test_turned_off_pillars_are_not_used() -> None:
    pillars = (Pillar.TIPS, Pillar.QUESTION, Pillar.BEHIND_THE_SCENES)
    plan = build_plan(make(pillars=pillars))
    assert {slot.pillar for slot in plan.slots} <= set(pillars)
    assert all(slot.occasion is None for slot in plan.slots)  # local occasions are off


# -- products ---------------------------------------------------------------------------------


def product_ids(plan: Plan) -> list[object]:
    return [slot.product_id for slot in plan.slots if slot.product_id is not None]


def test_products_rotate_fairly_across_seeds_and_catalogues() -> None:
    for size in range(1, 8):
        products = tuple(ProductRef(f"sku-{i}", f"Product {i}") for i in range(size))
        for variant in range(6):
            for per_week in (4, 7, 14):
                plan = build_plan(make(products=products, variant=variant, posts_per_week=per_week))
                ids = product_ids(plan)
                counts = Counter(ids)
                shares = [counts.get(p.id, 0) for p in products]
                assert max(shares) - min(shares) <= 1, (size, variant, per_week, counts)
                if size >= 2:
                    assert all(a != b for a, b in zip(ids, ids[1:], strict=False)), ids


def test_weighted_products_get_their_share() -> None:
    products = (ProductRef("a", "Best seller", 2.0), ProductRef("b", "B"), ProductRef("c", "C"))
    for variant in range(8):
        plan = build_plan(make(products=products, posts_per_week=14, variant=variant))
        ids = product_ids(plan)
        counts = Counter(ids)
        for product in products:
            exact = len(ids) * product.weight / 4.0
            assert abs(counts[product.id] - exact) < 1, counts
        assert all(a != b for a, b in zip(ids, ids[1:], strict=False))


def test_no_products_still_plans() -> None:
    plan = build_plan(make(products=()))
    assert len(plan.slots) == 21
    assert all(slot.product_id is None for slot in plan.slots)
    assert Pillar.PRODUCT_SPOTLIGHT not in {slot.pillar for slot in plan.slots}
    assert all("{product}" not in slot.hint and slot.hint for slot in plan.slots)


def test_product_names_reach_the_hints() -> None:
    plan = build_plan(make())
    names = {p.id: p.name for p in PRODUCTS}
    for slot in plan.slots:
        if slot.product_id is not None:
            assert names[slot.product_id] in slot.hint


# -- occasions --------------------------------------------------------------------------------


def slot_for(plan: Plan, key: str) -> PlannedSlot:
    found = [slot for slot in plan.slots if slot.occasion and slot.occasion.key == key]
    assert len(found) == 1, [s.occasion.key for s in plan.slots if s.occasion]
    return found[0]


def test_december_in_indonesia_marks_harbolnas_hari_ibu_and_christmas() -> None:
    plan = build_plan(make(start=date(2026, 12, 1), days=31))
    harbolnas = slot_for(plan, "harbolnas_12_12")
    assert harbolnas.date == date(2026, 12, 12)
    assert harbolnas.pillar is Pillar.LOCAL_OCCASION
    assert harbolnas.product_id is not None  # a sale day features a product
    assert harbolnas.hint.startswith("12.12 National Online Shopping Day:")
    assert slot_for(plan, "mothers_day").date == date(2026, 12, 22)
    christmas = slot_for(plan, "christmas")
    assert christmas.date == date(2026, 12, 25)
    assert christmas.product_id is None  # a greeting in Indonesia, not a sale


def test_occasions_are_named_in_the_plan_language() -> None:
    plan = build_plan(make(start=date(2026, 12, 10), days=7, language="id"))
    assert slot_for(plan, "harbolnas_12_12").hint.startswith("Harbolnas 12.12: ")


def test_eid_gets_a_greeting_and_no_promotion_around_it() -> None:
    plan = build_plan(make(start=date(2026, 3, 10), days=21))
    eid = slot_for(plan, "eid_al_fitr")
    assert eid.date == date(2026, 3, 21)
    assert eid.product_id is None and eid.format in set(Format)
    assert eid.local_time.hour < 12  # greetings go out in the morning
    for slot in plan.slots:
        if slot.date in (date(2026, 3, 21), date(2026, 3, 22)):
            assert slot.pillar is not Pillar.PROMOTION
    # Nyepi's greeting goes out the day before the Day of Silence.
    assert slot_for(plan, "nyepi").date == date(2026, 3, 18)


def test_turkish_plan_marks_cumhuriyet_bayrami_and_10_kasim() -> None:
    plan = build_plan(
        make(
            start=date(2026, 10, 15),
            days=31,
            timezone="Europe/Istanbul",
            country="TR",
            language="tr",
        )
    )
    republic = slot_for(plan, "republic_day")
    assert republic.date == date(2026, 10, 29)
    assert "29 Ekim Cumhuriyet Bayramı" in republic.hint
    memorial = slot_for(plan, "ataturk_memorial_day")
    assert memorial.local_time.time().isoformat() == "09:05:00"
    assert memorial.format in STILL_FORMATS and memorial.product_id is None
    assert [s for s in plan.slots if s.date == date(2026, 11, 10)] == [memorial]


def test_a_one_post_week_still_marks_the_big_day() -> None:
    plan = build_plan(
        make(
            start=date(2026, 5, 25),
            days=7,
            posts_per_week=1,
            timezone="Europe/Istanbul",
            country="TR",
        )
    )
    assert len(plan.slots) == 1
    assert plan.slots[0].occasion is not None
    assert plan.slots[0].occasion.key == "eid_al_adha"


def test_occasions_never_crowd_out_the_business() -> None:
    for plan in many_plans():
        marked = sum(slot.occasion is not None for slot in plan.slots)
        assert marked <= max(1, 0.4 * len(plan.slots))
        for slot in plan.slots:
            if slot.occasion is not None:
                assert slot.date in slot.occasion.post_days()
                if slot.occasion.tone in (Tone.GREETING, Tone.SOLEMN):
                    assert slot.product_id is None
            quiet = [o for o in plan.occasions if o.covers(slot.date) and o.tone is not Tone.SALE]
            if any(o.tone in (Tone.GREETING, Tone.SOLEMN) for o in quiet):
                assert slot.pillar is not Pillar.PROMOTION


def test_skipped_occasions_are_left_out() -> None:
    plan = build_plan(
        make(start=date(2026, 12, 1), days=31, skip_occasions=frozenset({"christmas"}))
    )
    keys = {slot.occasion.key for slot in plan.slots if slot.occasion}
    assert "christmas" not in keys and "harbolnas_12_12" in keys
    assert "christmas" in {o.key for o in plan.occasions}


def test_ramadan_moves_lunch_posts_to_the_afternoon() -> None:
    plan = build_plan(make(start=date(2026, 2, 20), days=14, posts_per_day=2))
    for slot in plan.slots:
        minutes = slot.local_time.hour * 60 + slot.local_time.minute
        assert 15 * 60 + 30 <= minutes <= 17 * 60 or 20 * 60 + 30 <= minutes <= 22 * 60


def test_friday_lunch_waits_for_the_prayer_in_indonesia() -> None:
    plan = build_plan(make(start=date(2026, 6, 1), days=30, posts_per_day=2))
    fridays = [s for s in plan.slots if s.date.weekday() == 4 and s.local_time.hour < 17]
    assert fridays
    assert all((13, 15) <= (s.local_time.hour, s.local_time.minute) <= (14, 30) for s in fridays)


# -- time zones and DST -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "country", "start", "change"),
    [
        ("America/New_York", "US", date(2026, 3, 1), date(2026, 3, 8)),
        ("Europe/London", "GB", date(2026, 3, 20), date(2026, 3, 29)),
        ("America/New_York", "US", date(2026, 10, 25), date(2026, 11, 1)),
    ],
)
def test_local_times_survive_a_dst_change(
    zone: str, country: str, start: date, change: date
) -> None:
    plan = build_plan(make(start=start, days=14, posts_per_day=2, timezone=zone, country=country))
    offsets = set()
    for slot in plan.slots:
        assert slot.local_time.tzinfo == ZoneInfo(zone)
        assert slot.utc_time.tzinfo is UTC
        assert slot.utc_time == slot.local_time.astimezone(UTC)
        assert 8 <= slot.local_time.hour <= 22  # good hours, on both sides of the change
        # The wall time is real: converting back gives the same clock reading.
        assert slot.utc_time.astimezone(ZoneInfo(zone)).replace(
            tzinfo=None
        ) == slot.local_time.replace(tzinfo=None)
        offsets.add((slot.date >= change, slot.local_time.utcoffset()))
    before = {o for after, o in offsets if not after}
    after = {o for after_, o in offsets if after_}
    assert len(before) == 1 and len(after) == 1 and before != after


def test_istanbul_and_jakarta_keep_one_offset() -> None:
    istanbul = build_plan(
        make(start=date(2026, 3, 20), days=14, timezone="Europe/Istanbul", country="TR")
    )
    assert {s.local_time.utcoffset() for s in istanbul.slots} == {timedelta(hours=3)}
    jakarta = build_plan(make())
    assert {s.local_time.utcoffset() for s in jakarta.slots} == {timedelta(hours=7)}
    first = jakarta.slots[0]
    assert first.utc_time.hour == (first.local_time.hour - 7) % 24


def test_a_wall_time_skipped_by_dst_moves_forward() -> None:
    new_york = ZoneInfo("America/New_York")
    moved = local_time(date(2026, 3, 8), 2 * 60 + 30, new_york)
    assert moved == datetime(2026, 3, 8, 3, 30, tzinfo=new_york)
    assert moved.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "asia/jakarta", "", "localtime", "UTC+7"])
def test_unknown_time_zones_are_refused(zone: str) -> None:
    with pytest.raises(PlanError) as caught:
        build_plan(make(timezone=zone))
    assert caught.value.code == "unknown_timezone"


# -- determinism ------------------------------------------------------------------------------


def test_same_request_same_plan() -> None:
    random.seed(1)
    first = build_plan(make())
    random.seed(2)
    assert build_plan(make()) == first
    assert build_plan(make(products=tuple(PRODUCTS))) == first


def test_a_variant_rearranges_the_same_request() -> None:
    plans = [build_plan(make(variant=v)) for v in range(4)]
    arrangements = {tuple((s.format, s.pillar, s.product_id) for s in p.slots) for p in plans}
    assert len(arrangements) == 4
    assert len({p.seed for p in plans}) == 4


# -- other refusals and helpers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"start": date(2025, 12, 31)}, "dates_out_of_range"),
        ({"start": date(2028, 12, 15)}, "dates_out_of_range"),
        ({"country": "Indonesia"}, "bad_country"),
        ({"posts_per_week": 0}, "bad_posts_per_week"),
        ({"posts_per_week": 15}, "bad_posts_per_week"),
        ({"posts_per_day": 4}, "bad_posts_per_day"),
        ({"posts_per_day": 0}, "bad_posts_per_day"),
        ({"platforms": (Platform.TIKTOK,), "formats": (Format.REEL,)}, "no_formats"),
        ({"platforms": ()}, "no_formats"),
        ({"pillars": (Pillar.LOCAL_OCCASION,)}, "no_pillars"),
        ({"products": (), "pillars": (Pillar.PRODUCT_SPOTLIGHT,)}, "no_pillars"),
        ({"products": (ProductRef(1, "A"), ProductRef(1, "B"))}, "duplicate_product"),
        ({"products": (ProductRef(1, "A", 0.0),)}, "bad_product"),
        ({"products": (ProductRef(1, "A", float("nan")),)}, "bad_product"),
        ({"products": (ProductRef(1, "  "),)}, "bad_product"),
    ],
)
def test_bad_requests_get_a_stable_code(changes: dict[str, object], code: str) -> None:
    with pytest.raises(PlanError) as caught:
        build_plan(make(**changes))
    assert caught.value.code == code


@pytest.mark.parametrize("country", [None, ""])
def test_an_unknown_country_marks_only_worldwide_occasions(country: str | None) -> None:
    plan = build_plan(make(start=date(2026, 12, 1), days=31, country=country, timezone="UTC"))
    keys = {slot.occasion.key for slot in plan.slots if slot.occasion}
    assert keys == {"christmas"}
    assert {o.key for o in plan.occasions} == {"christmas"}


def test_country_is_guessed_from_zone_then_language() -> None:
    assert guess_country("Asia/Makassar") == "ID"
    assert guess_country("Europe/Istanbul") == "TR"
    assert guess_country("America/Chicago") == "US"
    assert guess_country("Australia/Perth") == "AU"
    assert guess_country("Europe/Berlin", "tr") == "TR"
    assert guess_country("Europe/Berlin", "de") is None


def test_the_planning_core_runs_without_django() -> None:
    code = (
        "import sys, datetime, postloom.planning as p;"
        "p.build_plan(p.PlanRequest(datetime.date(2026, 6, 1), 30, 'Asia/Jakarta', 'ID'));"
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
