"""Occasion dates for 2026–2028, and where each one comes from.

Sources, by kind of date:

- Indonesia, official: SKB 3 Menteri on national holidays 2026 (signed 19 Sept 2025) and
  2027 (Sept 2026); the 2026 Ramadan and Idul Fitri dates as set by the sidang isbat
  (17 Feb 2026: 1 Ramadan = 19 Feb; 19 Mar 2026: 1 Syawal = 21 Mar).
- Indonesia, calculated: Idul Fitri/Adha 2027–2028 and the 2028 Islamic days are computed
  with the government's MABIMS criteria (altitude >= 3°, elongation >= 6.4° at sunset
  anywhere in Indonesia), the way Kemenag's calendar is made; the sidang isbat announces the
  final date. Muhammadiyah (KHGT) can differ by a day (Idul Fitri 2027: 9 March).
- Indonesia, Nyepi 2027–2028: the Balinese Saka calendar (day after Tilem Kesanga).
- Turkey, official: Diyanet's 2026 "dini günler takvimi"; both Bayrams 2027–2028 from
  Diyanet's Hijri calendar (hicriden miladiye), which is calculated years ahead.
- Turkey, calculated: Ramazan start, kandils, Hicri yılbaşı and Mevlid 2027–2028 with
  Diyanet's criteria (altitude >= 5°, elongation >= 8° at sunset anywhere before 00:00 UTC,
  or on the American mainland after it when the conjunction precedes dawn in New Zealand);
  these criteria reproduce every date of Diyanet's 2026 list.
- Chinese New Year: the Chinese calendar (2028 not yet in an SKB).
- Everything else: fixed dates or rules (2nd Sunday of May, day after the 4th Thursday of
  November, Easter by the Gregorian computus).

Dates that are calculated rather than announced carry `confirmed=False`; any of them, and
even an announced Eid, can move by a day when the authority announces it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from postloom.planning.content import Pillar
from postloom.planning.occasion_types import EVERYWHERE, Kind, Names, Occasion, Tone

YEARS = (2026, 2027, 2028)

SKB_2026 = "SKB 3 Menteri 2026"
SKB_2027 = "SKB 3 Menteri 2027"
ISBAT_2026 = "Sidang isbat Kemenag 2026"
MABIMS = "Calculated with MABIMS criteria; awaits sidang isbat"
SAKA = "Balinese Saka calendar; awaits SKB"
CHINESE = "Chinese calendar; awaits SKB"
DIYANET_2026 = "Diyanet dini günler takvimi 2026"
DIYANET_HIJRI = "Diyanet Hicri takvim"
DIYANET_CALC = "Calculated with Diyanet's criteria; awaits Diyanet's yearly list"
FIXED = "Fixed date"

ID = frozenset({"ID"})
TR = frozenset({"TR"})
ALL = frozenset({EVERYWHERE})
WEST = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})

_P = Pillar
_NO_OFFERS = "calm visual, no offers."


@dataclass(frozen=True)
class _Spec:
    key: str
    names: Names
    kind: Kind
    tone: Tone
    pillars: tuple[Pillar, ...]
    hint: str
    priority: int
    lead_days: int = 1
    on_day: bool = True
    post_time: time | None = None


def _row(
    spec: _Spec,
    start: date,
    countries: frozenset[str],
    source: str,
    *,
    days: int = 1,
    confirmed: bool = True,
    excluded: frozenset[str] = frozenset(),
) -> Occasion:
    return Occasion(
        key=spec.key,
        start=start,
        end=start + timedelta(days=days - 1),
        countries=countries,
        names=spec.names,
        kind=spec.kind,
        tone=spec.tone,
        pillars=spec.pillars,
        hint=spec.hint,
        priority=spec.priority,
        source=source,
        confirmed=confirmed,
        lead_days=spec.lead_days,
        on_day=spec.on_day,
        post_time=spec.post_time,
        excluded=excluded,
    )


def _yearly(
    spec: _Spec,
    rule: Callable[[int], date],
    countries: frozenset[str],
    source: str = FIXED,
    *,
    excluded: frozenset[str] = frozenset(),
) -> list[Occasion]:
    return [_row(spec, rule(year), countries, source, excluded=excluded) for year in YEARS]


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (Monday 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


SUNDAY, MONDAY, THURSDAY = 6, 0, 3

# -- everywhere and the English-speaking markets -------------------------------------------

NEW_YEAR = _Spec(
    "new_year", Names("New Year's Day", "Tahun Baru", "Yılbaşı"), Kind.NATIONAL, Tone.FESTIVE,
    (_P.QUESTION, _P.BEHIND_THE_SCENES, _P.PROMOTION),
    "Thank customers for the year and share what is coming; light and celebratory.", 1,
)  # fmt: skip
VALENTINES = _Spec(
    "valentines_day", Names("Valentine's Day", "Hari Valentine", "Sevgililer Günü"),
    Kind.COMMERCIAL, Tone.FESTIVE, (_P.PRODUCT_SPOTLIGHT, _P.PROMOTION, _P.QUESTION),
    "Gift ideas for loved ones, friends and family; a gift bundle fits.", 2, lead_days=2,
)  # fmt: skip
WOMENS_DAY = _Spec(
    "womens_day",
    Names("International Women's Day", "Hari Perempuan Internasional", "Dünya Kadınlar Günü"),
    Kind.AWARENESS, Tone.GREETING, (_P.SOCIAL_PROOF, _P.BEHIND_THE_SCENES),
    "Celebrate the women among customers, makers and team; no discount push.", 2,
)  # fmt: skip
MOTHERS_DAY = _Spec(
    "mothers_day", Names("Mother's Day", "Hari Ibu", "Anneler Günü"), Kind.AWARENESS,
    Tone.FESTIVE, (_P.PRODUCT_SPOTLIGHT, _P.PROMOTION, _P.QUESTION),
    "Gift ideas for mothers and a warm family moment; a gift offer fits.", 1, lead_days=3,
)  # fmt: skip
FATHERS_DAY = _Spec(
    "fathers_day", Names("Father's Day", "Hari Ayah", "Babalar Günü"), Kind.AWARENESS,
    Tone.FESTIVE, (_P.PRODUCT_SPOTLIGHT, _P.PROMOTION, _P.QUESTION),
    "Gift ideas for fathers and a warm family moment; a gift offer fits.", 2, lead_days=3,
)  # fmt: skip
TEACHERS_DAY = _Spec(
    "teachers_day", Names("Teachers' Day", "Hari Guru Nasional", "Öğretmenler Günü"),
    Kind.AWARENESS, Tone.FESTIVE, (_P.SOCIAL_PROOF, _P.QUESTION),
    "Thank teachers: a small gift idea or a thank-you note.", 2,
)  # fmt: skip
HALLOWEEN = _Spec(
    "halloween", Names("Halloween", "Halloween", "Cadılar Bayramı"), Kind.COMMERCIAL,
    Tone.FESTIVE, (_P.PRODUCT_SPOTLIGHT, _P.PROMOTION),
    "Playful costume or spooky styling of a product; a small treat offer fits.", 2, lead_days=2,
)  # fmt: skip
BLACK_FRIDAY = _Spec(
    "black_friday", Names("Black Friday", "Black Friday", "Kasım İndirimleri (Black Friday)"),
    Kind.COMMERCIAL, Tone.SALE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT),
    "The season's biggest sale: clear discount, dates and stock limits.", 1, lead_days=3,
)  # fmt: skip
BOXING_DAY = _Spec(
    "boxing_day", Names("Boxing Day", "Boxing Day", "Boxing Day"), Kind.COMMERCIAL, Tone.SALE,
    (_P.PROMOTION,), "After-Christmas sale: clear discount and end date.", 2,
)  # fmt: skip
CHRISTMAS = _Spec(
    "christmas", Names("Christmas", "Hari Natal", "Noel"), Kind.RELIGIOUS, Tone.FESTIVE,
    (_P.PRODUCT_SPOTLIGHT, _P.BEHIND_THE_SCENES),
    "Festive greeting; gift ideas and last order dates fit.", 1, lead_days=2,
)  # fmt: skip
EASTER = _Spec(
    "easter", Names("Easter", "Paskah", "Paskalya"), Kind.RELIGIOUS, Tone.FESTIVE,
    (_P.PRODUCT_SPOTLIGHT, _P.QUESTION),
    "Spring, family and Easter treats; a seasonal offer fits.", 2,
)  # fmt: skip
THANKSGIVING = _Spec(
    "thanksgiving", Names("Thanksgiving", "Thanksgiving", "Şükran Günü"), Kind.NATIONAL,
    Tone.FESTIVE, (_P.SOCIAL_PROOF, _P.BEHIND_THE_SCENES),
    "Thank customers and the community; warm and grateful.", 1,
)  # fmt: skip
US_INDEPENDENCE = _Spec(
    "us_independence_day",
    Names("Independence Day (Fourth of July)", "Hari Kemerdekaan AS", "ABD Bağımsızlık Günü"),
    Kind.NATIONAL, Tone.FESTIVE, (_P.PROMOTION, _P.BEHIND_THE_SCENES),
    "Fourth of July celebration; a themed offer fits.", 2,
)  # fmt: skip
CANADA_DAY = _Spec(
    "canada_day", Names("Canada Day", "Hari Kanada", "Kanada Günü"), Kind.NATIONAL, Tone.FESTIVE,
    (_P.PROMOTION, _P.BEHIND_THE_SCENES), "Canada Day celebration; a themed offer fits.", 2,
)  # fmt: skip
ST_PATRICKS = _Spec(
    "st_patricks_day", Names("St Patrick's Day", "Hari Santo Patrick", "Aziz Patrick Günü"),
    Kind.NATIONAL, Tone.FESTIVE, (_P.PRODUCT_SPOTLIGHT, _P.QUESTION),
    "Green and playful; a themed offer fits.", 2,
)  # fmt: skip
REMEMBRANCE = _Spec(
    "remembrance_day", Names("Remembrance Day", "Hari Peringatan", "Anma Günü"),
    Kind.NATIONAL, Tone.SOLEMN, (),
    "Respectful remembrance (the poppy); no products, no offers.", 2, lead_days=0,
)  # fmt: skip
ANZAC = _Spec(
    "anzac_day", Names("Anzac Day", "Hari Anzac", "Anzak Günü"), Kind.NATIONAL, Tone.SOLEMN,
    (), "Respectful remembrance (Lest we forget); no products, no offers.", 2, lead_days=0,
)  # fmt: skip

# -- Indonesia ------------------------------------------------------------------------------

CHINESE_NEW_YEAR = _Spec(
    "chinese_new_year", Names("Chinese New Year", "Tahun Baru Imlek", "Çin Yeni Yılı"),
    Kind.RELIGIOUS, Tone.FESTIVE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT),
    "Gong Xi Fa Cai in red and gold; a festive bundle or angpao offer fits.", 2, lead_days=2,
)  # fmt: skip
ISRA_MIRAJ = _Spec(
    "isra_miraj", Names("Isra and Mi'raj", "Isra Mikraj Nabi Muhammad SAW", "Miraç Kandili"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "A short, respectful greeting; no offers.", 2,
)  # fmt: skip
NYEPI = _Spec(
    "nyepi", Names("Nyepi (Day of Silence)", "Hari Suci Nyepi", "Nyepi (Bali Sessizlik Günü)"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Wish a peaceful Nyepi the day before; nothing goes out on the Day of Silence.", 2,
    on_day=False,
)  # fmt: skip
RAMADAN_START = _Spec(
    "ramadan_start", Names("Start of Ramadan", "Awal Ramadan", "Ramazan Başlangıcı"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES, _P.QUESTION),
    "Welcome Ramadan warmly; mention changed hours or iftar and sahur options.", 1,
)  # fmt: skip
EID_AL_FITR = _Spec(
    "eid_al_fitr", Names("Eid al-Fitr", "Idul Fitri (Lebaran)", "Ramazan Bayramı"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Eid greeting from the team (mohon maaf lahir dan batin); no hard sell.", 1, lead_days=2,
)  # fmt: skip
EID_AL_ADHA = _Spec(
    "eid_al_adha", Names("Eid al-Adha", "Idul Adha", "Kurban Bayramı"), Kind.RELIGIOUS,
    Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Respectful Eid al-Adha greeting about sharing and gratitude; no hard sell.", 1,
)  # fmt: skip
ISLAMIC_NEW_YEAR = _Spec(
    "islamic_new_year", Names("Islamic New Year", "Tahun Baru Islam (1 Muharam)", "Hicri Yılbaşı"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "A short greeting for the new Hijri year; reflective, no offers.", 2,
)  # fmt: skip
MAWLID = _Spec(
    "mawlid",
    Names("Mawlid (the Prophet's birthday)", "Maulid Nabi Muhammad SAW", "Mevlid Kandili"),
    Kind.RELIGIOUS, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "A respectful greeting for the Prophet's birthday; no offers.", 2,
)  # fmt: skip
VESAK = _Spec(
    "vesak", Names("Vesak", "Hari Raya Waisak", "Vesak Günü"), Kind.RELIGIOUS, Tone.GREETING,
    (_P.BEHIND_THE_SCENES,), "A respectful Waisak greeting; no offers.", 3,
)  # fmt: skip
ID_INDEPENDENCE = _Spec(
    "id_independence_day",
    Names("Indonesian Independence Day", "Hari Kemerdekaan RI (17 Agustus)",
          "Endonezya Bağımsızlık Günü"),
    Kind.NATIONAL, Tone.FESTIVE, (_P.PROMOTION, _P.BEHIND_THE_SCENES, _P.QUESTION),
    "Merah putih and the 17-an spirit: team photo, games; a themed '17' offer fits.", 1,
    lead_days=2,
)  # fmt: skip
PANCASILA = _Spec(
    "pancasila_day", Names("Pancasila Day", "Hari Lahir Pancasila", "Pancasila Günü"),
    Kind.NATIONAL, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "A short, proud greeting on unity in diversity.", 3,
)  # fmt: skip
KARTINI = _Spec(
    "kartini_day", Names("Kartini Day", "Hari Kartini", "Kartini Günü"), Kind.AWARENESS,
    Tone.FESTIVE, (_P.BEHIND_THE_SCENES, _P.SOCIAL_PROOF),
    "Celebrate the women behind the business and its customers; kebaya styling fits.", 3,
)  # fmt: skip
BATIK = _Spec(
    "batik_day", Names("National Batik Day", "Hari Batik Nasional", "Ulusal Batik Günü"),
    Kind.AWARENESS, Tone.FESTIVE, (_P.BEHIND_THE_SCENES, _P.QUESTION),
    "Wear batik: the team or the products styled with batik; ask followers for theirs.", 2,
)  # fmt: skip
YOUTH_PLEDGE = _Spec(
    "youth_pledge_day", Names("Youth Pledge Day", "Hari Sumpah Pemuda", "Gençlik Yemini Günü"),
    Kind.NATIONAL, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Celebrate young Indonesians; feature young team members or customers.", 3,
)  # fmt: skip
HEROES_DAY = _Spec(
    "heroes_day", Names("Heroes' Day", "Hari Pahlawan", "Kahramanlar Günü"), Kind.NATIONAL,
    Tone.GREETING, (), "A respectful tribute to the national heroes; no offers.", 3,
)  # fmt: skip
CUSTOMERS_DAY = _Spec(
    "customers_day",
    Names("National Customer Day", "Hari Pelanggan Nasional", "Ulusal Müşteri Günü"),
    Kind.COMMERCIAL, Tone.FESTIVE, (_P.SOCIAL_PROOF, _P.PROMOTION),
    "Thank customers: share their reviews and a small thank-you offer.", 2,
)  # fmt: skip
_FLASH_SALE = "Flash-sale day: a clear discount, start and end time, what is included."
SHOPPING_9_9 = _Spec(
    "shopping_day_9_9", Names("9.9 Shopping Day", "Promo 9.9", "9.9 İndirim Günü"),
    Kind.COMMERCIAL, Tone.SALE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT), _FLASH_SALE, 2,
    lead_days=2,
)  # fmt: skip
SHOPPING_10_10 = _Spec(
    "shopping_day_10_10", Names("10.10 Shopping Day", "Promo 10.10", "10.10 İndirim Günü"),
    Kind.COMMERCIAL, Tone.SALE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT), _FLASH_SALE, 2,
    lead_days=2,
)  # fmt: skip
_HARBOLNAS = "Big online sale day: a clear discount, the time limit and where to check out."
HARBOLNAS_11_11 = _Spec(
    "harbolnas_11_11", Names("11.11 Shopping Day", "Harbolnas 11.11", "11.11 İndirim Günü"),
    Kind.COMMERCIAL, Tone.SALE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT), _HARBOLNAS, 1,
    lead_days=2,
)  # fmt: skip
HARBOLNAS_12_12 = _Spec(
    "harbolnas_12_12",
    Names("12.12 National Online Shopping Day", "Harbolnas 12.12",
          "12.12 Ulusal Online Alışveriş Günü"),
    Kind.COMMERCIAL, Tone.SALE, (_P.PROMOTION, _P.PRODUCT_SPOTLIGHT), _HARBOLNAS, 1,
    lead_days=2,
)  # fmt: skip

# -- Turkey ---------------------------------------------------------------------------------

CHILDRENS_DAY = _Spec(
    "childrens_day",
    Names("National Sovereignty and Children's Day", "Hari Kedaulatan Nasional dan Anak",
          "23 Nisan Ulusal Egemenlik ve Çocuk Bayramı"),
    Kind.NATIONAL, Tone.FESTIVE, (_P.BEHIND_THE_SCENES, _P.QUESTION),
    "Celebrate children: their drawings, kids' products or a family moment.", 2,
)  # fmt: skip
YOUTH_AND_SPORTS = _Spec(
    "youth_and_sports_day",
    Names("Commemoration of Atatürk, Youth and Sports Day",
          "Hari Peringatan Atatürk, Pemuda dan Olahraga",
          "19 Mayıs Atatürk'ü Anma, Gençlik ve Spor Bayramı"),
    Kind.NATIONAL, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Celebrate youth and sport and Atatürk's legacy; energetic, no hard sell.", 2,
)  # fmt: skip
DEMOCRACY_DAY = _Spec(
    "democracy_day",
    Names("Democracy and National Unity Day", "Hari Demokrasi dan Persatuan Nasional",
          "15 Temmuz Demokrasi ve Millî Birlik Günü"),
    Kind.NATIONAL, Tone.SOLEMN, (),
    "Respectful remembrance of those who died; no products, no offers.", 2, lead_days=0,
)  # fmt: skip
VICTORY_DAY = _Spec(
    "victory_day", Names("Victory Day", "Hari Kemenangan", "30 Ağustos Zafer Bayramı"),
    Kind.NATIONAL, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "A proud, celebratory greeting with the flag; no hard sell.", 2,
)  # fmt: skip
REPUBLIC_DAY = _Spec(
    "republic_day", Names("Republic Day", "Hari Republik", "29 Ekim Cumhuriyet Bayramı"),
    Kind.NATIONAL, Tone.GREETING, (_P.BEHIND_THE_SCENES,),
    "Celebrate the Republic with the flag and a proud message; no hard sell.", 1,
)  # fmt: skip
ATATURK_MEMORIAL = _Spec(
    "ataturk_memorial_day",
    Names("Atatürk Memorial Day", "Hari Peringatan Atatürk", "10 Kasım Atatürk'ü Anma Günü"),
    Kind.NATIONAL, Tone.SOLEMN, (),
    "Remember Atatürk at 09:05: black and white, a quote; no products, no offers.", 1,
    lead_days=0, post_time=time(9, 5),
)  # fmt: skip
_KANDIL = "Kandil greeting (Kandiliniz mübarek olsun); " + _NO_OFFERS
REGAIP = _Spec(
    "regaip_kandili", Names("Raghaib Night", "Malam Raghaib", "Regaip Kandili"),
    Kind.RELIGIOUS, Tone.GREETING, (), _KANDIL, 3, lead_days=0,
)  # fmt: skip
BERAT = _Spec(
    "berat_kandili", Names("Night of Bara'ah", "Malam Nisfu Syakban", "Berat Kandili"),
    Kind.RELIGIOUS, Tone.GREETING, (), _KANDIL, 3, lead_days=0,
)  # fmt: skip
KADIR = _Spec(
    "kadir_gecesi", Names("Laylat al-Qadr", "Malam Lailatul Qadar", "Kadir Gecesi"),
    Kind.RELIGIOUS, Tone.GREETING, (), "Night of Power greeting; " + _NO_OFFERS, 2, lead_days=0,
)  # fmt: skip


def _dated(
    spec: _Spec, countries: frozenset[str], rows: Iterable[tuple[date, int, bool, str]]
) -> list[Occasion]:
    """Rows given as (start, days, confirmed, source)."""
    return [
        _row(spec, start, countries, source, days=days, confirmed=ok)
        for start, days, ok, source in rows
    ]


# Row-level differences from the shared spec.
_replace = dataclasses.replace
CHRISTMAS_ID = _replace(
    CHRISTMAS, tone=Tone.GREETING, priority=2, pillars=(_P.BEHIND_THE_SCENES,),
    hint="A warm Selamat Natal greeting; no hard sell.",
)  # fmt: skip
EASTER_ID = _replace(
    EASTER, tone=Tone.GREETING, priority=3, pillars=(_P.BEHIND_THE_SCENES,),
    hint="A short Selamat Paskah greeting; no hard sell.",
)  # fmt: skip
FATHERS_DAY_ID = _replace(FATHERS_DAY, priority=3)
EID_AL_FITR_TR = _replace(
    EID_AL_FITR, hint="Bayram greeting from the team (Bayramınız mübarek olsun); no hard sell."
)
MAWLID_KANDIL = _replace(MAWLID, hint=_KANDIL, lead_days=0)
MIRAC_KANDIL = _replace(ISRA_MIRAJ, hint=_KANDIL, lead_days=0)
MOTHERING_SUNDAY = _replace(
    MOTHERS_DAY, names=Names("Mothering Sunday", "Hari Ibu (Mothering Sunday)", "Anneler Günü")
)
THANKSGIVING_CA = _replace(THANKSGIVING, priority=2)


_D = date

_INDONESIA: list[Occasion] = [
    *_dated(CHINESE_NEW_YEAR, ID, [
        (_D(2026, 2, 17), 1, True, SKB_2026), (_D(2027, 2, 6), 1, True, SKB_2027),
        (_D(2028, 1, 26), 1, False, CHINESE),
    ]),
    *_dated(ISRA_MIRAJ, ID, [
        (_D(2026, 1, 16), 1, True, SKB_2026), (_D(2027, 1, 5), 1, True, SKB_2027),
        (_D(2027, 12, 26), 1, True, SKB_2027), (_D(2028, 12, 14), 1, False, MABIMS),
    ]),
    *_dated(NYEPI, ID, [
        (_D(2026, 3, 19), 1, True, SKB_2026), (_D(2027, 3, 8), 1, False, SAKA),
        (_D(2028, 3, 26), 1, False, SAKA),
    ]),
    *_dated(RAMADAN_START, ID, [
        (_D(2026, 2, 19), 1, True, ISBAT_2026), (_D(2027, 2, 8), 1, False, MABIMS),
        (_D(2028, 1, 28), 1, False, MABIMS),
    ]),
    *_dated(EID_AL_FITR, ID, [
        (_D(2026, 3, 21), 2, True, ISBAT_2026), (_D(2027, 3, 10), 2, False, MABIMS),
        (_D(2028, 2, 27), 2, False, MABIMS),
    ]),
    *_dated(EID_AL_ADHA, ID, [
        (_D(2026, 5, 27), 1, True, SKB_2026), (_D(2027, 5, 17), 1, False, MABIMS),
        (_D(2028, 5, 5), 1, False, MABIMS),
    ]),
    *_dated(ISLAMIC_NEW_YEAR, ID, [
        (_D(2026, 6, 16), 1, True, SKB_2026), (_D(2027, 6, 6), 1, True, SKB_2027),
        (_D(2028, 5, 26), 1, False, MABIMS),
    ]),
    *_dated(MAWLID, ID, [
        (_D(2026, 8, 25), 1, True, SKB_2026), (_D(2027, 8, 15), 1, True, SKB_2027),
        (_D(2028, 8, 4), 1, False, MABIMS),
    ]),
    *_dated(VESAK, ID, [
        (_D(2026, 5, 31), 1, True, SKB_2026), (_D(2027, 5, 20), 1, True, SKB_2027),
        (_D(2028, 5, 9), 1, False, "Full moon of Waisak; awaits SKB"),
    ]),
    *_yearly(ID_INDEPENDENCE, _fixed(8, 17), ID),
    *_yearly(PANCASILA, _fixed(6, 1), ID),
    *_yearly(KARTINI, _fixed(4, 21), ID),
    *_yearly(BATIK, _fixed(10, 2), ID),
    *_yearly(YOUTH_PLEDGE, _fixed(10, 28), ID),
    *_yearly(HEROES_DAY, _fixed(11, 10), ID),
    *_yearly(CUSTOMERS_DAY, _fixed(9, 4), ID),
    *_yearly(SHOPPING_9_9, _fixed(9, 9), ID),
    *_yearly(SHOPPING_10_10, _fixed(10, 10), ID),
    *_yearly(HARBOLNAS_11_11, _fixed(11, 11), ID),
    *_yearly(HARBOLNAS_12_12, _fixed(12, 12), ID),
    *_yearly(MOTHERS_DAY, _fixed(12, 22), ID),
    *_yearly(FATHERS_DAY_ID, _fixed(11, 12), ID),
    *_yearly(TEACHERS_DAY, _fixed(11, 25), ID),
    *_yearly(CHRISTMAS_ID, _fixed(12, 25), ID),
    *_yearly(EASTER_ID, easter, ID, "Gregorian computus"),
]  # fmt: skip

_TURKEY: list[Occasion] = [
    *_dated(RAMADAN_START, TR, [
        (_D(2026, 2, 19), 1, True, DIYANET_2026), (_D(2027, 2, 8), 1, False, DIYANET_CALC),
        (_D(2028, 1, 28), 1, False, DIYANET_CALC),
    ]),
    *_dated(EID_AL_FITR_TR, TR, [
        (_D(2026, 3, 20), 3, True, DIYANET_2026), (_D(2027, 3, 9), 3, True, DIYANET_HIJRI),
        (_D(2028, 2, 26), 3, True, DIYANET_HIJRI),
    ]),
    *_dated(EID_AL_ADHA, TR, [
        (_D(2026, 5, 27), 4, True, DIYANET_2026), (_D(2027, 5, 16), 4, True, DIYANET_HIJRI),
        (_D(2028, 5, 5), 4, True, DIYANET_HIJRI),
    ]),
    *_dated(ISLAMIC_NEW_YEAR, TR, [
        (_D(2026, 6, 16), 1, True, DIYANET_2026), (_D(2027, 6, 6), 1, False, DIYANET_CALC),
        (_D(2028, 5, 25), 1, False, DIYANET_CALC),
    ]),
    # Kandils are nights: the date is the evening they begin.
    *_dated(MAWLID_KANDIL, TR, [
        (_D(2026, 8, 24), 1, True, DIYANET_2026), (_D(2027, 8, 13), 1, False, DIYANET_CALC),
        (_D(2028, 8, 2), 1, False, DIYANET_CALC),
    ]),
    *_dated(MIRAC_KANDIL, TR, [
        (_D(2026, 1, 15), 1, True, DIYANET_2026),
        # 26 Recep 1448; Diyanet's 2026 list starts Recep 1448 on 10 December 2026.
        (_D(2027, 1, 4), 1, True, DIYANET_2026),
        (_D(2027, 12, 24), 1, False, DIYANET_CALC), (_D(2028, 12, 13), 1, False, DIYANET_CALC),
    ]),
    *_dated(REGAIP, TR, [
        (_D(2026, 12, 10), 1, True, DIYANET_2026), (_D(2027, 12, 2), 1, False, DIYANET_CALC),
        (_D(2028, 11, 23), 1, False, DIYANET_CALC),
    ]),
    *_dated(BERAT, TR, [
        (_D(2026, 2, 2), 1, True, DIYANET_2026), (_D(2027, 1, 22), 1, False, DIYANET_CALC),
        (_D(2028, 1, 11), 1, False, DIYANET_CALC),
    ]),
    *_dated(KADIR, TR, [
        (_D(2026, 3, 16), 1, True, DIYANET_2026), (_D(2027, 3, 5), 1, False, DIYANET_CALC),
        (_D(2028, 2, 22), 1, False, DIYANET_CALC),
    ]),
    *_yearly(CHILDRENS_DAY, _fixed(4, 23), TR),
    *_yearly(YOUTH_AND_SPORTS, _fixed(5, 19), TR),
    *_yearly(DEMOCRACY_DAY, _fixed(7, 15), TR),
    *_yearly(VICTORY_DAY, _fixed(8, 30), TR),
    *_yearly(REPUBLIC_DAY, _fixed(10, 29), TR),
    *_yearly(ATATURK_MEMORIAL, _fixed(11, 10), TR),
    *_yearly(TEACHERS_DAY, _fixed(11, 24), TR),
]  # fmt: skip


def _mothering_sunday(year: int) -> date:
    return easter(year) - timedelta(days=21)


_EVERYWHERE_AND_WEST: list[Occasion] = [
    *_yearly(NEW_YEAR, _fixed(1, 1), ALL),
    *_yearly(VALENTINES, _fixed(2, 14), ALL),
    *_yearly(WOMENS_DAY, _fixed(3, 8), ALL),
    # Christmas in Indonesia has its own row; Turkey keeps New Year, not Christmas.
    *_yearly(CHRISTMAS, _fixed(12, 25), ALL, excluded=frozenset({"ID", "TR"})),
    *_yearly(MOTHERS_DAY, lambda y: nth_weekday(y, 5, SUNDAY, 2),
             frozenset({"TR", "US", "CA", "AU", "NZ"}), "2nd Sunday of May"),
    *_yearly(MOTHERING_SUNDAY, _mothering_sunday, frozenset({"GB", "IE"}),
             "3 weeks before Easter"),
    *_yearly(FATHERS_DAY, lambda y: nth_weekday(y, 6, SUNDAY, 3),
             frozenset({"TR", "US", "CA", "GB", "IE"}), "3rd Sunday of June"),
    *_yearly(FATHERS_DAY, lambda y: nth_weekday(y, 9, SUNDAY, 1), frozenset({"AU", "NZ"}),
             "1st Sunday of September"),
    *_yearly(BLACK_FRIDAY, lambda y: nth_weekday(y, 11, THURSDAY, 4) + timedelta(days=1),
             WEST | TR, "Day after the 4th Thursday of November"),
    *_yearly(THANKSGIVING, lambda y: nth_weekday(y, 11, THURSDAY, 4), frozenset({"US"}),
             "4th Thursday of November"),
    *_yearly(THANKSGIVING_CA, lambda y: nth_weekday(y, 10, MONDAY, 2), frozenset({"CA"}),
             "2nd Monday of October"),
    *_yearly(EASTER, easter, WEST, "Gregorian computus"),
    *_yearly(HALLOWEEN, _fixed(10, 31), frozenset({"US", "CA", "GB", "IE"})),
    *_yearly(BOXING_DAY, _fixed(12, 26), frozenset({"GB", "CA", "AU", "NZ", "IE"})),
    *_yearly(US_INDEPENDENCE, _fixed(7, 4), frozenset({"US"})),
    *_yearly(CANADA_DAY, _fixed(7, 1), frozenset({"CA"})),
    *_yearly(ST_PATRICKS, _fixed(3, 17), frozenset({"IE", "US"})),
    *_yearly(REMEMBRANCE, _fixed(11, 11), frozenset({"GB", "CA"})),
    *_yearly(ANZAC, _fixed(4, 25), frozenset({"AU", "NZ"})),
]  # fmt: skip

OCCASIONS: tuple[Occasion, ...] = tuple(
    sorted([*_INDONESIA, *_TURKEY, *_EVERYWHERE_AND_WEST], key=lambda o: (o.start, o.key))
)
