"""The occasion table: known dates, per-country differences, range queries and refusals."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from postloom.planning import Kind, Occasion, OccasionError, Tone, is_ramadan, occasions_between
from postloom.planning.occasion_table import OCCASIONS, easter, nth_weekday
from postloom.planning.occasions import EVERYWHERE, FIRST_DAY, LAST_DAY, LOCAL_COUNTRIES

YEARS = (2026, 2027, 2028)


def one(key: str, country: str, year: int) -> Occasion:
    found = [
        o for o in occasions_between(date(year, 1, 1), date(year, 12, 31), country) if o.key == key
    ]
    assert len(found) == 1, (key, country, year, found)
    return found[0]


def days_of(key: str, country: str, year: int) -> tuple[date, date]:
    occasion = one(key, country, year)
    return occasion.start, occasion.end


# -- dates announced by the authorities -------------------------------------------------------


def test_idul_fitri_2026_in_indonesia_is_21_and_22_march() -> None:
    # SKB 3 Menteri 2026 and the sidang isbat of 19 March 2026.
    assert days_of("eid_al_fitr", "ID", 2026) == (date(2026, 3, 21), date(2026, 3, 22))
    assert one("eid_al_fitr", "ID", 2026).confirmed


def test_ramazan_bayrami_2026_in_turkey_is_20_to_22_march() -> None:
    # Diyanet's 2026 calendar: one day before Indonesia.
    assert days_of("eid_al_fitr", "TR", 2026) == (date(2026, 3, 20), date(2026, 3, 22))
    assert one("eid_al_fitr", "TR", 2026).names.tr == "Ramazan Bayramı"


def test_kurban_bayrami_2026_lasts_four_days_and_idul_adha_one() -> None:
    assert days_of("eid_al_adha", "TR", 2026) == (date(2026, 5, 27), date(2026, 5, 30))
    assert days_of("eid_al_adha", "ID", 2026) == (date(2026, 5, 27), date(2026, 5, 27))


@pytest.mark.parametrize(
    ("key", "country", "expected"),
    [
        ("ramadan_start", "ID", date(2026, 2, 19)),  # sidang isbat, 17 Feb 2026
        ("ramadan_start", "TR", date(2026, 2, 19)),
        ("isra_miraj", "ID", date(2026, 1, 16)),
        ("isra_miraj", "TR", date(2026, 1, 15)),  # Miraç Kandili is the eve
        ("chinese_new_year", "ID", date(2026, 2, 17)),
        ("nyepi", "ID", date(2026, 3, 19)),
        ("islamic_new_year", "ID", date(2026, 6, 16)),
        ("islamic_new_year", "TR", date(2026, 6, 16)),
        ("mawlid", "ID", date(2026, 8, 25)),
        ("mawlid", "TR", date(2026, 8, 24)),  # Mevlid Kandili is the eve
        ("berat_kandili", "TR", date(2026, 2, 2)),
        ("kadir_gecesi", "TR", date(2026, 3, 16)),
        ("regaip_kandili", "TR", date(2026, 12, 10)),
        ("vesak", "ID", date(2026, 5, 31)),
    ],
)
def test_2026_religious_days_match_skb_and_diyanet(key: str, country: str, expected: date) -> None:
    occasion = one(key, country, 2026)
    assert occasion.start == expected
    assert occasion.confirmed


@pytest.mark.parametrize(
    ("key", "country", "year", "expected"),
    [
        ("eid_al_fitr", "TR", 2027, date(2027, 3, 9)),
        ("eid_al_fitr", "TR", 2028, date(2028, 2, 26)),
        ("eid_al_adha", "TR", 2027, date(2027, 5, 16)),
        ("eid_al_adha", "TR", 2028, date(2028, 5, 5)),
        ("eid_al_fitr", "ID", 2027, date(2027, 3, 10)),
        ("eid_al_fitr", "ID", 2028, date(2028, 2, 27)),
        ("eid_al_adha", "ID", 2027, date(2027, 5, 17)),
        ("eid_al_adha", "ID", 2028, date(2028, 5, 5)),
        ("ramadan_start", "ID", 2027, date(2027, 2, 8)),
        ("ramadan_start", "TR", 2028, date(2028, 1, 28)),
        ("chinese_new_year", "ID", 2027, date(2027, 2, 6)),
        ("chinese_new_year", "ID", 2028, date(2028, 1, 26)),
        ("nyepi", "ID", 2027, date(2027, 3, 8)),
        ("nyepi", "ID", 2028, date(2028, 3, 26)),
        ("mawlid", "ID", 2027, date(2027, 8, 15)),
    ],
)
def test_2027_and_2028_dates(key: str, country: str, year: int, expected: date) -> None:
    assert one(key, country, year).start == expected


@pytest.mark.parametrize("year", YEARS)
def test_fixed_national_days(year: int) -> None:
    assert one("republic_day", "TR", year).start == date(year, 10, 29)
    assert one("republic_day", "TR", year).names.tr == "29 Ekim Cumhuriyet Bayramı"
    assert one("harbolnas_12_12", "ID", year).start == date(year, 12, 12)
    assert one("harbolnas_11_11", "ID", year).start == date(year, 11, 11)
    assert one("id_independence_day", "ID", year).start == date(year, 8, 17)
    assert one("batik_day", "ID", year).start == date(year, 10, 2)
    assert one("youth_pledge_day", "ID", year).start == date(year, 10, 28)
    assert one("mothers_day", "ID", year).start == date(year, 12, 22)  # Hari Ibu
    assert one("teachers_day", "TR", year).start == date(year, 11, 24)
    assert one("victory_day", "TR", year).start == date(year, 8, 30)


def test_rules_computed_per_country() -> None:
    assert [one("mothers_day", "TR", y).start for y in YEARS] == [
        date(2026, 5, 10),
        date(2027, 5, 9),
        date(2028, 5, 14),
    ]
    # Mothering Sunday in the UK is three weeks before Easter, not in May.
    assert one("mothers_day", "GB", 2026).start == date(2026, 3, 15)
    assert one("fathers_day", "TR", 2026).start == date(2026, 6, 21)
    assert one("fathers_day", "AU", 2026).start == date(2026, 9, 6)
    assert [one("black_friday", "US", y).start for y in YEARS] == [
        date(2026, 11, 27),
        date(2027, 11, 26),
        date(2028, 11, 24),
    ]
    assert [easter(y) for y in YEARS] == [date(2026, 4, 5), date(2027, 3, 28), date(2028, 4, 16)]
    assert nth_weekday(2026, 10, 0, 2) == date(2026, 10, 12)  # Canadian Thanksgiving


# -- consistency of the lunar tables ----------------------------------------------------------


@pytest.mark.parametrize("country", ["ID", "TR"])
@pytest.mark.parametrize("year", YEARS)
def test_islamic_months_have_29_or_30_days(country: str, year: int) -> None:
    ramadan = one("ramadan_start", country, year).start
    fitr = one("eid_al_fitr", country, year).start
    adha = one("eid_al_adha", country, year).start
    hijri_new_year = one("islamic_new_year", country, year).start
    # Ramadan is one month; 1 Shawwal to 10 Dhu al-Hijjah is two months and 9 days;
    # 10 Dhu al-Hijjah to 1 Muharram is the rest of that month.
    assert (fitr - ramadan).days in (29, 30)
    assert (adha - fitr).days in (67, 68, 69)
    assert (hijri_new_year - adha).days in (20, 21)


@pytest.mark.parametrize("country", ["ID", "TR"])
def test_eids_come_about_eleven_days_earlier_each_year(country: str) -> None:
    for key in ("ramadan_start", "eid_al_fitr", "eid_al_adha", "islamic_new_year"):
        starts = [one(key, country, y).start for y in YEARS]
        for earlier, later in zip(starts, starts[1:], strict=False):
            assert (later - earlier).days in range(353, 357), (key, starts)


def test_kandil_dates_fall_on_their_nights() -> None:
    for occasion in OCCASIONS:
        if occasion.key == "regaip_kandili":
            # Regaib is the night before the first Friday of Rajab: always a Thursday.
            assert occasion.start.weekday() == 3, occasion
    for year in YEARS:
        for key in ("mothers_day", "fathers_day"):
            assert one(key, "TR", year).start.weekday() == 6
        assert one("black_friday", "TR", year).start.weekday() == 4


def test_every_row_is_complete() -> None:
    assert len(OCCASIONS) > 150
    for occasion in OCCASIONS:
        assert re.fullmatch(r"[a-z0-9_]+", occasion.key)
        assert FIRST_DAY <= occasion.start <= occasion.end <= LAST_DAY
        assert occasion.names.en and occasion.names.id and occasion.names.tr
        assert isinstance(occasion.kind, Kind) and isinstance(occasion.tone, Tone)
        assert occasion.hint and occasion.source and 1 <= occasion.priority <= 3
        assert occasion.countries <= LOCAL_COUNTRIES | {EVERYWHERE}
        if not occasion.confirmed:
            assert "Calculated" in occasion.source or "awaits" in occasion.source
        if occasion.tone is Tone.SOLEMN:
            assert not occasion.pillars and not occasion.promotion_friendly


def test_tone_tells_where_selling_fits() -> None:
    assert one("harbolnas_12_12", "ID", 2026).tone is Tone.SALE
    assert one("harbolnas_12_12", "ID", 2026).promotion_friendly
    assert not one("eid_al_fitr", "ID", 2026).promotion_friendly
    assert one("ataturk_memorial_day", "TR", 2026).tone is Tone.SOLEMN
    assert one("christmas", "US", 2026).tone is Tone.FESTIVE
    assert one("christmas", "ID", 2026).tone is Tone.GREETING


def test_nyepi_greeting_goes_out_the_day_before() -> None:
    nyepi = one("nyepi", "ID", 2026)
    assert nyepi.post_days() == [date(2026, 3, 18)]
    eid = one("eid_al_fitr", "ID", 2026)
    assert eid.post_days()[0] == date(2026, 3, 21)
    assert date(2026, 3, 20) in eid.post_days()


# -- queries ----------------------------------------------------------------------------------


def test_march_2026_in_indonesia_and_turkey() -> None:
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert [o.key for o in occasions_between(*march, "ID")] == [
        "womens_day",
        "nyepi",
        "eid_al_fitr",
    ]
    assert [o.key for o in occasions_between(*march, "TR")] == [
        "womens_day",
        "kadir_gecesi",
        "eid_al_fitr",
    ]


def test_december_2026_in_indonesia() -> None:
    keys = [o.key for o in occasions_between(date(2026, 12, 1), date(2026, 12, 31), "id")]
    assert keys == ["harbolnas_12_12", "mothers_day", "christmas"]


def test_turkey_has_no_christmas_and_indonesia_no_black_friday() -> None:
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert "christmas" not in {o.key for o in occasions_between(*year, "TR")}
    assert "black_friday" not in {o.key for o in occasions_between(*year, "ID")}
    assert "black_friday" in {o.key for o in occasions_between(*year, "TR")}


def test_a_country_without_a_table_gets_the_everywhere_rows() -> None:
    keys = [o.key for o in occasions_between(date(2026, 1, 1), date(2026, 12, 31), "DE")]
    assert keys == ["new_year", "valentines_day", "womens_day", "christmas"]


def test_no_country_returns_every_country_row() -> None:
    rows = occasions_between(date(2026, 3, 20), date(2026, 3, 21), None)
    assert [(o.key, o.start) for o in rows] == [
        ("eid_al_fitr", date(2026, 3, 20)),
        ("eid_al_fitr", date(2026, 3, 21)),
    ]


def test_a_range_inside_a_multi_day_occasion_finds_it() -> None:
    rows = occasions_between(date(2026, 5, 29), date(2026, 5, 29), "TR")
    assert [o.key for o in rows] == ["eid_al_adha"]


def test_an_empty_month_is_empty_not_an_error() -> None:
    assert occasions_between(date(2026, 9, 15), date(2026, 9, 30), "TR") == []


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 12, 31), date(2026, 1, 5)),
        (date(2028, 12, 20), date(2029, 1, 2)),
        (date(2030, 1, 1), date(2030, 1, 1)),
    ],
)
def test_outside_the_table_is_refused(start: date, end: date) -> None:
    with pytest.raises(OccasionError) as caught:
        occasions_between(start, end, "ID")
    assert caught.value.code == "out_of_range"


def test_bad_ranges_and_countries_are_refused() -> None:
    with pytest.raises(OccasionError) as caught:
        occasions_between(date(2026, 5, 2), date(2026, 5, 1), "TR")
    assert caught.value.code == "bad_range"
    with pytest.raises(OccasionError) as caught:
        occasions_between(date(2026, 5, 1), date(2026, 5, 2), "Indonesia")
    assert caught.value.code == "bad_country"


def test_ramadan_days_per_country() -> None:
    assert not is_ramadan(date(2026, 2, 18), "ID")
    assert is_ramadan(date(2026, 2, 19), "ID")
    assert is_ramadan(date(2026, 3, 20), "ID")  # Indonesia fasts one day longer in 2026
    assert not is_ramadan(date(2026, 3, 20), "TR")
    assert not is_ramadan(date(2026, 3, 21), "ID")
    assert is_ramadan(date(2028, 2, 1), "tr")
    assert not is_ramadan(date(2026, 3, 1), "US")
    with pytest.raises(OccasionError):
        is_ramadan(date(2029, 1, 1), "ID")


def test_occasions_are_sorted_by_day() -> None:
    rows = occasions_between(FIRST_DAY, LAST_DAY, "ID")
    starts = [o.start for o in rows]
    assert starts == sorted(starts)
    assert rows[0].start == FIRST_DAY
    assert rows[-1].start >= LAST_DAY - timedelta(days=14)
