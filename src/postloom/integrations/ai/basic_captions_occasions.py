"""Local occasions the basic caption engine knows how to greet, in en, id and tr.

An occasion arrives as a name ("Ramadan", "Harbolnas 12.12", "Cumhuriyet Bayramı"); it is
matched on folded words, in any of the three languages. An occasion it does not know still gets
a greeting that uses the name as given ("Happy {occasion}!"), never an invented one. Days of
remembrance are "solemn": no sales talk, no emoji, no "happy".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from postloom.integrations.ai.basic_text import lower, match_tokens
from postloom.integrations.ai.facts import ReplyLanguage

Lines = dict[ReplyLanguage, tuple[str, ...]]


@dataclass(frozen=True)
class Occasion:
    kind: str
    aliases: tuple[str, ...]  # folded word sequences, matched anywhere in the name
    greeting: Lines  # an opening line; may use {occasion}
    wishes: Lines  # a line for the body
    headline: Lines  # on-image text, 40 characters at most once filled
    tags: Lines
    emoji: tuple[str, ...]
    motif: str  # English, for the image prompt
    names: dict[ReplyLanguage, str] | None = None  # its name in each language; None: as given
    mood: Literal["festive", "sale", "solemn"] = "festive"


# fmt: off
OCCASIONS: tuple[Occasion, ...] = (
    Occasion(
        "eid_fitr",
        ("eid al fitr", "eid ul fitr", "eid mubarak", "eid fitr", "idul fitri", "idulfitri",
         "idul fitr", "lebaran", "ramazan bayrami", "seker bayrami"),
        {"en": ("Eid Mubarak to you and your family!", "Wishing you a joyful Eid al-Fitr!"),
         "id": ("Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin.",
                "Selamat Lebaran! Mohon maaf lahir dan batin."),
         "tr": ("Ramazan Bayramınız mübarek olsun!",
                "Sevdiklerinizle güzel bir bayram geçirmenizi dileriz!")},
        {"en": ("May your table be full and your home full of laughter.",),
         "id": ("Semoga momen Lebaran ini penuh kehangatan bersama keluarga.",),
         "tr": ("Sofralarınız bereketli, evleriniz neşeyle dolsun.",)},
        {"en": ("Eid Mubarak",), "id": ("Selamat Idul Fitri", "Selamat Lebaran"),
         "tr": ("İyi Bayramlar", "Bayramınız Mübarek Olsun")},
        {"en": ("eidmubarak", "eidalfitr"), "id": ("lebaran", "idulfitri"),
         "tr": ("ramazanbayramı", "bayram")},
        ("🌙", "✨"), "a festive family table with warm lights and traditional sweets",
        {"en": "Eid al-Fitr", "id": "Idul Fitri", "tr": "Ramazan Bayramı"},
    ),
    Occasion(
        "eid_adha",
        ("eid al adha", "eid ul adha", "eid adha", "idul adha", "iduladha", "hari raya kurban",
         "kurban bayrami"),
        {"en": ("Eid al-Adha Mubarak to all who celebrate!",),
         "id": ("Selamat Hari Raya Idul Adha bagi yang merayakan.",),
         "tr": ("Kurban Bayramınız mübarek olsun!",)},
        {"en": ("May it bring peace, generosity and time with the people you love.",),
         "id": ("Semoga semangat berbagi selalu menyertai kita semua.",),
         "tr": ("Paylaşmanın ve birlikteliğin bayramı hepimize huzur getirsin.",)},
        {"en": ("Eid Mubarak",), "id": ("Selamat Idul Adha",),
         "tr": ("İyi Bayramlar", "Kurban Bayramınız Mübarek")},
        {"en": ("eidaladha", "eidmubarak"), "id": ("iduladha", "harirayakurban"),
         "tr": ("kurbanbayramı", "bayram")},
        ("🌙", "🤲"), "a warm family gathering around a table in soft golden light",
        {"en": "Eid al-Adha", "id": "Idul Adha", "tr": "Kurban Bayramı"},
    ),
    Occasion(
        "ramadan",
        ("ramadan", "ramadhan", "ramazan", "bulan puasa", "puasa"),
        {"en": ("Ramadan Mubarak to everyone observing.",
                "Ramadan is here, and we wish you a peaceful month."),
         "id": ("Marhaban ya Ramadhan!",
                "Selamat menunaikan ibadah puasa bagi yang menjalankan."),
         "tr": ("Hayırlı Ramazanlar.", "On bir ayın sultanı Ramazan'a hoş geldiniz.")},
        {"en": ("From suhoor to iftar, we're here to make the month a little easier.",),
         "id": ("Dari sahur sampai berbuka, kami siap menemani.",),
         "tr": ("Sahurdan iftara kadar yanınızdayız.",)},
        {"en": ("Ramadan Mubarak", "Ramadan Kareem"),
         "id": ("Marhaban ya Ramadhan", "Selamat Berpuasa"), "tr": ("Hayırlı Ramazanlar",)},
        {"en": ("ramadan", "ramadanmubarak"), "id": ("ramadhan", "bulanpuasa"),
         "tr": ("ramazan", "hayırlıramazanlar")},
        ("🌙",), "a crescent moon and warm lantern light at dusk",
        {"en": "Ramadan", "id": "Ramadhan", "tr": "Ramazan"},
    ),
    Occasion(
        "harbolnas",
        ("harbolnas", "hari belanja online nasional", "11 11", "12 12", "10 10", "9 9",
         "singles day"),
        {"en": ("{occasion} is here!", "Big shopping day alert: {occasion}!"),
         "id": ("{occasion} sudah tiba!", "Siap-siap, {occasion} sudah di depan mata!"),
         "tr": ("{occasion} geldi!", "Büyük alışveriş günü: {occasion}!")},
        {"en": ("Fill your cart with something you'll actually love.",),
         "id": ("Isi keranjang {you} dengan barang yang benar-benar disuka.",),
         "tr": ("Sepetinizi gerçekten seveceğiniz şeylerle doldurun.",)},
        {"en": ("{occasion}", "Shop {occasion}"), "id": ("{occasion}", "Serbu {occasion}!"),
         "tr": ("{occasion}",)},
        {"en": ("onlineshopping",), "id": ("harbolnas", "belanjaonline"),
         "tr": ("alışveriş", "onlinealışveriş")},
        ("🛒", "🛍️", "🎉"), "shopping bags and gift boxes with festive confetti",
        None, "sale",
    ),
    Occasion(
        "chinese_new_year",
        ("imlek", "chinese new year", "lunar new year", "cin yeni yili"),
        {"en": ("Happy Lunar New Year!",),
         "id": ("Selamat Tahun Baru Imlek! Gong Xi Fa Cai!",),
         "tr": ("Çin Yeni Yılı kutlu olsun!",)},
        {"en": ("Wishing you luck, health and good food in the year ahead.",),
         "id": ("Semoga tahun ini membawa rezeki, kesehatan, dan kebahagiaan.",),
         "tr": ("Yeni yılın bolluk, sağlık ve mutluluk getirmesini dileriz.",)},
        {"en": ("Happy Lunar New Year",), "id": ("Gong Xi Fa Cai",), "tr": ("Çin Yeni Yılı",)},
        {"en": ("lunarnewyear",), "id": ("imlek", "gongxifacai"), "tr": ("çinyeniyılı",)},
        ("🧧", "🏮"), "red lanterns and warm festive lights",
        {"en": "Lunar New Year", "id": "Imlek", "tr": "Çin Yeni Yılı"},
    ),
    Occasion(
        "islamic_new_year",
        ("tahun baru islam", "1 muharam", "1 muharram", "islamic new year", "hijri new year",
         "hicri yilbasi"),
        {"en": ("Happy Islamic New Year to all who mark it.",),
         "id": ("Selamat Tahun Baru Islam.",),
         "tr": ("Hicri yılbaşınız mübarek olsun.",)},
        {"en": ("May the new year bring peace and blessings.",),
         "id": ("Semoga tahun yang baru membawa keberkahan untuk kita semua.",),
         "tr": ("Yeni yılın huzur ve bereket getirmesini dileriz.",)},
        {"en": ("Islamic New Year",), "id": ("Tahun Baru Islam",), "tr": ("Hicri Yılbaşı",)},
        {"en": ("islamicnewyear",), "id": ("tahunbaruislam",), "tr": ("hicriyılbaşı",)},
        ("🌙",), "a crescent moon over a calm evening sky",
        {"en": "Islamic New Year", "id": "Tahun Baru Islam", "tr": "Hicri Yılbaşı"},
    ),
    Occasion(
        "new_year",
        ("new year", "new years", "tahun baru", "yilbasi", "yeni yil"),
        {"en": ("Happy New Year!", "Here's to a brand-new year!"),
         "id": ("Selamat Tahun Baru!", "Halo, tahun baru!"),
         "tr": ("Mutlu yıllar!", "Yeni yılınız kutlu olsun!")},
        {"en": ("Thank you for a wonderful year together; we can't wait for the next one.",),
         "id": ("Terima kasih sudah menemani sepanjang tahun, sampai jumpa di cerita "
                "berikutnya.",),
         "tr": ("Bu yıl bizimle olduğunuz için teşekkür ederiz; yeni yılda da birlikteyiz.",)},
        {"en": ("Happy New Year",), "id": ("Selamat Tahun Baru",), "tr": ("Mutlu Yıllar",)},
        {"en": ("happynewyear", "newyear"), "id": ("tahunbaru", "selamattahunbaru"),
         "tr": ("yeniyıl", "mutluyıllar")},
        ("🎆", "🥂", "✨"), "sparklers and festive golden lights",
        {"en": "New Year", "id": "Tahun Baru", "tr": "Yeni Yıl"},
    ),
    Occasion(
        "independence_id",
        ("hari kemerdekaan", "17 agustus", "hut ri", "dirgahayu", "indonesian independence",
         "indonesia independence", "independence day indonesia", "kemerdekaan"),
        {"en": ("Happy Independence Day, Indonesia!",),
         "id": ("Dirgahayu Republik Indonesia!", "Merdeka! Selamat Hari Kemerdekaan Indonesia."),
         "tr": ("Endonezya'nın Bağımsızlık Günü kutlu olsun!",)},
        {"en": ("Proud to be part of a country that builds, shares and celebrates together.",),
         "id": ("Bangga jadi bagian dari negeri yang terus tumbuh bersama.",),
         "tr": ("Birlikte büyüyen bir ülkenin parçası olmaktan gurur duyuyoruz.",)},
        {"en": ("Happy Independence Day",), "id": ("Dirgahayu RI", "Merdeka!"),
         "tr": ("Bağımsızlık Günü",)},
        {"en": ("independenceday", "indonesia"), "id": ("dirgahayuri", "17agustus", "merdeka"),
         "tr": ("endonezya",)},
        ("🇮🇩", "🎉"), "red and white decorations and festive bunting",
        {"en": "Indonesian Independence Day", "id": "Hari Kemerdekaan",
         "tr": "Endonezya Bağımsızlık Günü"},
    ),
    Occasion(
        "republic_day_tr",
        ("cumhuriyet bayrami", "29 ekim", "turkish republic day", "republic day"),
        {"en": ("Happy Republic Day, Türkiye!",),
         "id": ("Selamat Hari Republik Turki!",),
         "tr": ("Cumhuriyet Bayramımız kutlu olsun!", "29 Ekim Cumhuriyet Bayramı kutlu olsun!")},
        {"en": ("Celebrating with everyone who calls Türkiye home.",),
         "id": ("Salam hangat untuk semua sahabat di Turki.",),
         "tr": ("Cumhuriyetimizin nice yıllarına, hep birlikte.",)},
        {"en": ("Happy Republic Day",), "id": ("Hari Republik Turki",),
         "tr": ("29 Ekim", "Cumhuriyet Bayramı")},
        {"en": ("republicday", "turkiye"), "id": ("turki",), "tr": ("29ekim", "cumhuriyetbayramı")},
        ("🇹🇷", "🎉"), "red Turkish flags and festive lights",
        {"en": "Republic Day", "id": "Hari Republik Turki", "tr": "Cumhuriyet Bayramı"},
    ),
    Occasion(
        "christmas",
        ("christmas", "xmas", "natal", "noel"),
        {"en": ("Merry Christmas to all who celebrate!",),
         "id": ("Selamat Natal bagi yang merayakan!",),
         "tr": ("Noel'i kutlayan herkese mutlu Noeller!",)},
        {"en": ("Wishing you warm moments with the people you love.",),
         "id": ("Semoga damai dan sukacita selalu menyertai.",),
         "tr": ("Sevdiklerinizle sıcak anlar dileriz.",)},
        {"en": ("Merry Christmas",), "id": ("Selamat Natal",), "tr": ("Mutlu Noeller",)},
        {"en": ("christmas", "merrychristmas"), "id": ("natal", "selamatnatal"), "tr": ("noel",)},
        ("🎄", "✨"), "a cosy Christmas setting with warm fairy lights",
        {"en": "Christmas", "id": "Natal", "tr": "Noel"},
    ),
    Occasion(
        "mothers_day",
        ("mother s day", "mothers day", "hari ibu", "anneler gunu"),
        {"en": ("Happy Mother's Day!",), "id": ("Selamat Hari Ibu!",),
         "tr": ("Anneler Günü kutlu olsun!",)},
        {"en": ("To every mum, and everyone who loves like one: thank you.",),
         "id": ("Untuk semua ibu hebat, terima kasih atas cinta yang tak pernah habis.",),
         "tr": ("Tüm annelere, sevgileri ve emekleri için teşekkürler.",)},
        {"en": ("Happy Mother's Day",), "id": ("Selamat Hari Ibu",), "tr": ("Anneler Günü",)},
        {"en": ("mothersday",), "id": ("hariibu", "selamathariibu"), "tr": ("annelergünü",)},
        ("💐", "💕"), "a bouquet of fresh flowers in soft morning light",
        {"en": "Mother's Day", "id": "Hari Ibu", "tr": "Anneler Günü"},
    ),
    Occasion(
        "ataturk_memorial",
        ("10 kasim", "ataturk u anma gunu", "ataturk memorial", "peringatan ataturk"),
        {"en": ("Today we remember Mustafa Kemal Atatürk, founder of the Republic of Türkiye.",),
         "id": ("Hari ini kami mengenang Mustafa Kemal Atatürk, pendiri Republik Turki.",),
         "tr": ("Cumhuriyetimizin kurucusu Gazi Mustafa Kemal Atatürk'ü saygı, sevgi ve özlemle "
                "anıyoruz.",)},
        {"en": ("With respect.",), "id": ("Dengan penuh hormat.",), "tr": ("Saygıyla.",)},
        {"en": ("10 November",), "id": ("10 November",), "tr": ("10 Kasım",)},
        {"en": ("10november",), "id": ("10november",), "tr": ("10kasım", "atatürk")},
        (), "a Turkish flag at half-mast against a quiet sky",
        None, "solemn",
    ),
    Occasion(
        "remembrance",
        ("remembrance", "anzac", "memorial day", "hari peringatan", "anma gunu"),
        {"en": ("Today we pause to remember: {occasion}.",),
         "id": ("Hari ini kami ikut mengenang: {occasion}.",),
         "tr": ("{occasion} vesilesiyle saygıyla anıyoruz.",)},
        {"en": ("With respect.",), "id": ("Dengan penuh hormat.",), "tr": ("Saygıyla.",)},
        {"en": ("{occasion}",), "id": ("{occasion}",), "tr": ("{occasion}",)},
        {"en": (), "id": (), "tr": ()},
        (), "a quiet, respectful scene with a single flower",
        None, "solemn",
    ),
    Occasion(
        "islamic_night",
        ("kandili", "kandil", "isra", "mikraj", "miraj", "maulid", "mawlid", "mevlid",
         "lailatul", "laylat", "kadir gecesi", "nisfu"),
        {"en": ("Wishing a blessed {occasion} to all who observe it.",),
         "id": ("Selamat memperingati {occasion}.",),
         "tr": ("{occasion} mübarek olsun.",)},
        {"en": ("May it bring peace to your home.",),
         "id": ("Semoga membawa kedamaian dan keberkahan.",),
         "tr": ("Huzur ve bereket dileriz.",)},
        {"en": ("{occasion}",), "id": ("{occasion}",), "tr": ("{occasion}",)},
        {"en": (), "id": (), "tr": ()},
        ("🌙",), "soft candlelight and a crescent moon",
    ),
    Occasion(
        "religious_day",
        ("easter", "paskah", "paskalya", "vesak", "waisak", "nyepi"),
        {"en": ("Wishing a peaceful {occasion} to all who celebrate.",),
         "id": ("Selamat {occasion} bagi yang merayakan.",),
         "tr": ("{occasion} vesilesiyle kutlayan herkese iyi dileklerimizi sunuyoruz.",)},
        {"en": ("May the day bring peace to you and your family.",),
         "id": ("Semoga damai selalu menyertai.",),
         "tr": ("Huzurlu bir gün dileriz.",)},
        {"en": ("{occasion}",), "id": ("{occasion}",), "tr": ("{occasion}",)},
        {"en": (), "id": (), "tr": ()},
        ("🕊️",), "soft morning light and fresh flowers",
    ),
    Occasion(
        "sale_day",
        ("black friday", "cyber monday", "boxing day", "efsane cuma", "shopping day", "sale",
         "diskon", "indirim", "promo"),
        {"en": ("{occasion} is here!",), "id": ("{occasion} sudah tiba!",),
         "tr": ("{occasion} geldi!",)},
        {"en": ("Take a look at what we have ready for you.",),
         "id": ("Yuk, intip apa yang sudah kami siapkan untuk {you}.",),
         "tr": ("Sizin için hazırladıklarımıza göz atın.",)},
        {"en": ("{occasion}",), "id": ("{occasion}",), "tr": ("{occasion}",)},
        {"en": (), "id": (), "tr": ()},
        ("🛍️", "🎉"), "shopping bags and gift boxes",
        None, "sale",
    ),
)

# Any other occasion: its own name, used as given.
GENERIC = Occasion(
    "other",
    (),
    {"en": ("Happy {occasion}!", "{occasion} is here."),
     "id": ("Selamat {occasion}!", "{occasion} telah tiba."),
     "tr": ("{occasion} kutlu olsun!", "{occasion} geldi.")},
    {"en": ("We hope it's a good one for you.",),
     "id": ("Semoga momen ini membawa kebahagiaan untuk {you}.",),
     "tr": ("Güzel anlar dileriz.",)},
    {"en": ("{occasion}",), "id": ("{occasion}",), "tr": ("{occasion}",)},
    {"en": (), "id": (), "tr": ()},
    ("🎉",), "tasteful festive decorations",
)
# fmt: on

_DIGIT_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\b")
_ASIDE = re.compile(r"\([^)]*\)")


def find_occasion(name: str) -> Occasion | None:
    """The known occasion ``name`` refers to, GENERIC for any other name, None for none."""
    tokens = match_tokens(name)
    if not tokens:
        return None
    for occasion in OCCASIONS:
        for alias in occasion.aliases:
            words = alias.split()
            if any(tokens[i : i + len(words)] == words for i in range(len(tokens))):
                return occasion
    return GENERIC


def occasion_name(occasion: Occasion, given: str, language: ReplyLanguage) -> str:
    """How the post names the occasion: its name in the post's language, else as given."""
    if occasion.names:
        return occasion.names[language]
    # "Black Friday (Efsane Cuma)": the aside in brackets is a gloss, not part of the name.
    return " ".join(_ASIDE.sub(" ", given).split()) or " ".join(given.split())


def occasion_tags(occasion: Occasion, name: str, language: ReplyLanguage) -> list[str]:
    """The occasion's usual tags, plus what its own name says ("12.12" -> "harbolnas1212")."""
    tags = list(occasion.tags[language])
    date = _DIGIT_DATE.search(name)
    if occasion.kind == "harbolnas" and date and language == "id":
        tags.insert(1, f"harbolnas{date.group(1)}{date.group(2)}")
    if not tags:  # an occasion known only by its name: the name is its tag
        own = "".join(ch for ch in lower(occasion_name(occasion, name, language), language)
                      if ch.isalnum())  # fmt: skip
        if 3 <= len(own) <= 25:
            tags.append(own)
    return tags
