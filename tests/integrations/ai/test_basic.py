"""The built-in engine: industries, tone, audience, keywords and look, in en, id and tr.

Every business here is invented; each fixture is as small as the point it makes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from postloom.integrations.ai.base import BrandProfile, BrandRequest, InstagramInput
from postloom.integrations.ai.basic import BasicProvider
from postloom.integrations.ai.basic_lexicons import STOPWORDS
from postloom.integrations.ai.basic_text import fold
from postloom.web.site import Color, Product, SiteExtract


def site(name: str, text: str, language: str, **extra: Any) -> SiteExtract:
    url = f"https://{fold(name).replace(' ', '')}.example/"
    return SiteExtract(url=url, name=name, main_text=text, language=language, **extra)


def analyse(target: SiteExtract, reply: str = "en", **request: Any) -> BrandProfile:
    brand_request = BrandRequest(site=target, reply_language=reply, **request)
    return BasicProvider().analyse_brand(brand_request).profile


TSHIRT_SHOP = site(
    "Sablon Kaos Bandung",
    "Mau bikin kaos komunitas? Yuk pesan di sini, kak! Kami melayani sablon kaos satuan maupun "
    "lusinan untuk komunitas, kantor, dan acara kampus. Bahan cotton combed 30s yang adem. "
    "Sablon plastisol dan DTF, gratis desain! Konveksi kami juga menerima pesanan kemeja PDH, "
    "jaket dan hoodie. Cocok untuk mahasiswa, komunitas dan perusahaan di Bandung. 🙌👕",
    "id",
    description="Jasa sablon kaos custom dan konveksi di Bandung.",
    products=[Product("Kaos Sablon Custom"), Product("Hoodie Custom"), Product("Kemeja PDH")],
)
LOCKSMITH = site(
    "Kadıköy Çilingir",
    "Kapınızda kaldıysanız bizi arayın. Kadıköy'de 15 dakikada yanınızdayız. Çelik kapı açma, "
    "oto çilingir ve kilit değiştirme hizmetlerimizle size güvenli çözümler sunuyoruz. "
    "Deneyimli ustalarımız hasarsız kapı açma garantisi veriyor. İstanbul Anadolu yakası.",
    "tr",
    description="7/24 acil çilingir: kapı açma, kilit değişimi ve anahtar kopyalama.",
)
DENTAL_CLINIC = site(
    "Bright Smile Dental Clinic",
    "Our experienced dentists provide gentle, professional care for the whole family. We offer "
    "check-ups, teeth whitening, dental implants and braces. Our clinic follows strict hygiene "
    "standards and welcomes NHS and private patients. Book your appointment online and let our "
    "team look after your smile. Children are always welcome.",
    "en",
    description="Family and cosmetic dentistry in Manchester.",
)
GYM = site(
    "Iron House Gym",
    "Get stronger with us! Join today and smash your goals! Our coaches design workouts for "
    "every level. Free weights, squat racks, cardio machines and group classes. Don't miss "
    "our January offer: the first month is free! 💪🔥",
    "en",
    description="The best gym in London! Personal training and HIIT classes.",
)
SALON = site(
    "Salon Cantik Ayu",
    "Perawatan rambut dan wajah untuk wanita dan muslimah. Potong rambut, creambath, "
    "smoothing, facial, dan rias pengantin. Ruang muslimah yang privat dan nyaman.",
    "id",
)
CAFE = site(
    "Moda Kahve Evi",
    "Taze kavrulmuş kahve çekirdekleri, ev yapımı tatlılar ve sıcak bir ortam. Filtre kahve, "
    "espresso, latte ve Türk kahvesi. Hafta sonu kahvaltı servisimiz var.",
    "tr",
    description="Kadıköy Moda'da üçüncü nesil kahve dükkanı.",
)
TURKISH_GYM = site(
    "Güç Spor Salonu",
    "Spor salonumuzda fitness, pilates ve kardiyo alanları var. Antrenörlerimiz size özel "
    "antrenman programı hazırlıyor.",
    "tr",
)
AC_SERVICE = site(
    "Jaya Teknik",
    "Servis AC panggilan untuk rumah dan kantor. Cuci AC, isi freon, bongkar pasang AC. "
    "Teknisi berpengalaman dan bergaransi.",
    "id",
)
KUAFOR = site(
    "Elif Kuaför",
    "Saç kesimi, fön, saç boyama ve gelin saçı. Kadın kuaförü olarak Ankara'da hizmetinizdeyiz.",
    "tr",
)
ACCOUNTANT = site(
    "Harper & Cole Accountants",
    "Chartered accountants helping small businesses with bookkeeping, tax returns and payroll. "
    "Our experienced advisers offer fixed fees and friendly, expert advice.",
    "en",
)
WORKSHOP = site(
    "Bengkel Maju Motor",
    "Servis motor dan mobil, ganti oli, tune up, dan spare part original. Mekanik berpengalaman.",
    "id",
)


@pytest.mark.parametrize(
    ("target", "industry"),
    [
        (TSHIRT_SHOP, "fashion_retail"),
        (LOCKSMITH, "home_services"),
        (DENTAL_CLINIC, "health"),
        (GYM, "fitness"),
        (SALON, "beauty"),
        (CAFE, "food_beverage"),
        (TURKISH_GYM, "fitness"),
        (AC_SERVICE, "home_services"),
        (KUAFOR, "beauty"),
        (ACCOUNTANT, "professional_services"),
        (WORKSHOP, "automotive"),
    ],
    ids=lambda value: value.name if isinstance(value, SiteExtract) else value,
)
def test_industry_from_lexicons(target: SiteExtract, industry: str) -> None:
    assert analyse(target).industry == industry


def test_text_that_says_nothing_is_other() -> None:
    vague = site("Nusantara Jaya", "Selamat datang di website kami. Hubungi kami.", "id")

    assert analyse(vague).industry == "other"


def test_spor_salonu_is_a_gym_not_a_beauty_salon() -> None:
    text = "Yeni spor salonu açıldı. Spor salonu üyeliği için arayın. Salonumuz geniş."

    assert analyse(site("Ata", text, "tr")).industry == "fitness"


def test_stems_match_word_forms_and_boundaries_hold() -> None:
    # "kaosnya" and "sablonan" are forms of kaos and sablon;
    # "Toyota" is not a "toy", "marketing" not a "market".
    stems = site("Ayu", "Kaosnya adem, sablonan rapi, konveksinya cepat.", "id")
    brands = site("Dealer", "Toyota dealer and marketing for Toyota cars, car repair.", "en")

    assert analyse(stems).industry == "fashion_retail"
    assert analyse(brands).industry == "automotive"


def test_accents_are_optional() -> None:
    # Turkish sites often drop diacritics: "dis hekimi" reads as "diş hekimi".
    plain = site("Gulus", "Dis hekimi ve dis klinigi. Implant ve ortodonti tedavisi.", "tr")

    assert analyse(plain).industry == "health"


def test_the_name_outweighs_the_body_text() -> None:
    text = "Kami juga punya kantin dengan kopi, nasi goreng dan mie ayam untuk pasien."
    clinic = site("Klinik Gigi Sehat", text, "id")

    assert analyse(clinic).industry == "health"


def test_products_outweigh_the_body_text() -> None:
    text = "Toko kami ada di dekat kampus. Kopi gratis untuk pelanggan setia."
    shop = site("Toko Ayu", text, "id", products=[Product("Hijab Voal"), Product("Gamis Katun")])

    assert analyse(shop).industry == "fashion_retail"


def test_instagram_biography_and_captions_join_the_text() -> None:
    bare = site("Studio 88", "Welcome.", "en")
    instagram = InstagramInput(
        username="studio88",
        biography="Barbershop & beard care in Bandung ✂️",
        recent_captions=[("Fresh fade for the weekend! Book your haircut now 💈", 40, 2)],
    )

    assert analyse(bare).industry == "other"
    assert analyse(bare, instagram=instagram).industry == "beauty"


# --- Tone -----------------------------------------------------------------------------------


def test_exclamations_emoji_and_superlatives_read_energetic() -> None:
    tone = analyse(GYM).tone

    assert tone.startswith("Energetic and bold")
    assert "exclamation marks" in tone and "emoji" in tone and "superlatives" in tone


def test_trust_words_read_professional() -> None:
    assert analyse(ACCOUNTANT).tone.startswith("Professional and trustworthy")


def test_indonesian_kamu_and_kak_read_casual() -> None:
    tone = analyse(TSHIRT_SHOP, reply="id").tone

    assert "santai dan akrab" in tone
    assert tone.endswith("memakai tanda seru dan emoji.")


def test_turkish_siz_reads_formal() -> None:
    assert "“siz” diye sesleniyor" in analyse(LOCKSMITH, reply="tr").tone
    assert "politely and formally" in analyse(LOCKSMITH, reply="en").tone


def test_english_you_reads_direct() -> None:
    assert "speaks directly to the customer" in analyse(DENTAL_CLINIC).tone


def test_plain_text_falls_back_to_the_industrys_usual_tone() -> None:
    plain = site("Jaya Teknik", "Servis AC. Cuci AC. Isi freon.", "id")

    assert analyse(plain).tone.startswith("Professional and trustworthy")


@pytest.mark.parametrize(
    ("reply", "start"),
    [("en", "Energetic and bold"), ("id", "Energik dan berani"), ("tr", "Enerjik ve cesur"),
     ("id-ID", "Energik dan berani"), ("fr", "Energetic and bold")],
)  # fmt: skip
def test_tone_is_written_in_the_reply_language(reply: str, start: str) -> None:
    assert analyse(GYM, reply=reply).tone.startswith(start)


# --- Audience -------------------------------------------------------------------------------


def test_audience_names_the_cues_and_the_city() -> None:
    assert analyse(TSHIRT_SHOP).target_audience == (
        "Style-conscious shoppers and groups ordering custom or everyday clothing, especially "
        "communities, students and companies in Bandung."
    )


def test_audience_in_turkish_puts_the_city_first_with_its_suffix() -> None:
    audience = analyse(KUAFOR, reply="tr").target_audience

    assert audience.startswith("Ankara'da düzenli bakımla")
    assert "özellikle kadınlar" in audience


def test_audience_in_indonesian() -> None:
    assert analyse(DENTAL_CLINIC, reply="id").target_audience == (
        "Pasien dan keluarga yang mencari layanan kesehatan tepercaya, terutama keluarga "
        "di Manchester."
    )


# --- Keywords -------------------------------------------------------------------------------

_ALL_STOPWORDS = {fold(w) for words in STOPWORDS.values() for w in words.split()}


@pytest.mark.parametrize("target", [TSHIRT_SHOP, LOCKSMITH, DENTAL_CLINIC, GYM, CAFE, SALON])
def test_keywords_are_distinctive_words(target: SiteExtract) -> None:
    keywords = analyse(target).keywords

    assert 8 <= len(keywords) <= 12
    assert len({k.casefold() for k in keywords}) == len(keywords)
    for keyword in keywords:
        assert not any(ch.isdigit() for ch in keyword)
        assert all(fold(word) not in _ALL_STOPWORDS for word in keyword.split())


def test_keywords_favour_the_name_and_products() -> None:
    keywords = analyse(TSHIRT_SHOP).keywords

    assert keywords[0] == "sablon kaos"  # in the name, the products and the text
    assert {"hoodie", "kemeja pdh", "konveksi", "bandung"} <= set(keywords)
    assert "kemeja" not in keywords and "pdh" not in keywords  # said by "kemeja pdh"


def test_turkish_keywords_drop_suffixes_and_forms_of_address() -> None:
    keywords = analyse(LOCKSMITH).keywords

    assert "kadıköy" in keywords  # from "Kadıköy" and "Kadıköy'de"; Turkish lower case
    assert "çilingir" in keywords
    assert "kapınızda" not in keywords and "yanınızdayız" not in keywords  # "your door"...


def test_chained_phrases_are_not_cut_into_overlapping_pairs() -> None:
    text = "Kopi susu gula aren paling laris. Pesan kopi susu gula aren sekarang."
    keywords = analyse(site("Kopi Budi", text, "id")).keywords

    assert "kopi susu" in keywords
    assert "susu gula" not in keywords and "gula aren" not in keywords


def test_a_site_that_says_little_still_gets_eight_keywords() -> None:
    keywords = analyse(site("Kedai Kopi Budi", "Kopi enak.", "id")).keywords

    assert 8 <= len(keywords) <= 12
    assert keywords[:2] == ["kopi", "kedai"]
    assert "kuliner" in keywords  # from the food & drink seed words, in Indonesian


# --- Visual theme ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colors", "fonts", "theme"),
    [
        (["#6f4e37", "#c8a27a"], ["Poppins"], "Warm earthy tones with a clean modern sans-serif."),
        (["#f8c8dc", "#c9e4de"], ["Playfair Display", "Lato"],
         "Soft pastel tones with an elegant serif paired with a clean modern sans-serif."),
        (["#ffffff", "#222222"], [], "A clean monochrome palette."),
        (["#ffffff", "#111111", "#e63946"], ["Bebas Neue"],
         "A neutral base with a red accent and a bold display typeface."),
        (["#0a1f14", "#1b1b2f"], ["Inter"], "Dark, moody tones with a clean modern sans-serif."),
        (["#ff5722", "#ffc107"], ["Pacifico"],
         "Bold, vivid warm colors with a handwritten script."),
        ([], ["Roboto"], "No brand colors found yet; the type is a clean modern sans-serif."),
        ([], [], "No brand colors or fonts found yet."),
    ],
)  # fmt: skip
def test_visual_theme_from_colors_and_fonts(
    colors: list[str], fonts: list[str], theme: str
) -> None:
    target = site("Ayu", "Toko.", "id", colors=[Color(c, 1.0) for c in colors], fonts=fonts)

    assert analyse(target).visual_theme == theme


def test_visual_theme_in_indonesian_and_turkish() -> None:
    target = site("Ayu", "x", "id", colors=[Color("#6f4e37", 1), Color("#c8a27a", 1)],
                  fonts=["Poppins"])  # fmt: skip

    assert analyse(target, reply="id").visual_theme == (
        "Warna tanah yang hangat dengan huruf sans-serif modern yang bersih."
    )
    assert analyse(target, reply="tr").visual_theme == (
        "Sıcak toprak tonları ve temiz, modern bir sans-serif yazı tipi."
    )


# --- Facts and fallbacks --------------------------------------------------------------------


def test_colors_are_copied_in_weight_order_cleaned_and_capped() -> None:
    weights = [1.0, 5.0, 3.0, 2.0, 4.0, 0.5, 6.0, 0.1]
    hexes = ["#AA0000", "#00aa00", "red", "#0000aa", "#00aa00", "#123456", "#ABCDEF", "#654321"]
    colors = [Color(h, w) for h, w in zip(hexes, weights, strict=True)]
    target = site("Ayu", "x", "id", colors=colors)

    assert analyse(target).colors == [
        "#abcdef", "#00aa00", "#0000aa", "#aa0000", "#123456", "#654321",
    ]  # fmt: skip


def test_products_are_named_at_most_thirty() -> None:
    products = [Product(f"Kaos Model {chr(65 + i % 26)}{i}") for i in range(40)]

    profile = analyse(site("Ayu", "x", "id", products=products))

    assert len(profile.products) == 30
    assert profile.products[0] == "Kaos Model A0"


def test_description_is_the_sites_own_then_its_opening_then_a_sentence() -> None:
    assert analyse(DENTAL_CLINIC).description == "Family and cosmetic dentistry in Manchester."
    assert analyse(SALON).description.startswith("Perawatan rambut dan wajah untuk wanita")
    bare = site("Kedai Budi", "Kopi.", "id")
    assert analyse(bare, reply="en").description == "Kedai Budi is a food and drink business."
    assert analyse(bare, reply="id").description == "Kedai Budi adalah bisnis kuliner."
    assert analyse(bare, reply="tr").description == "Kedai Budi, bir yeme-içme işletmesi."


def test_usage_of_the_basic_engine() -> None:
    usage = BasicProvider().analyse_brand(BrandRequest(site=GYM)).usage

    assert (usage.provider, usage.model, usage.input_tokens, usage.output_tokens) == (
        "basic", "basic-1", 0, 0,
    )  # fmt: skip
    assert usage.cost_usd == 0 and usage.duration_ms >= 0


REPOSITORY = Path(__file__).resolve().parents[3]
_RUN_IN_A_FRESH_PROCESS = """
import json
from postloom.integrations.ai.base import BrandRequest
from postloom.integrations.ai.basic import BasicProvider
from tests.integrations.ai.test_basic import TSHIRT_SHOP
result = BasicProvider().analyse_brand(BrandRequest(site=TSHIRT_SHOP, reply_language="tr"))
print(result.profile.model_dump_json())
"""


def test_output_does_not_depend_on_hash_randomisation() -> None:
    # Iterating a set of strings changes order between processes; the engine must not.
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _RUN_IN_A_FRESH_PROCESS], env=env, capture_output=True,
            text=True, check=True, timeout=60, cwd=REPOSITORY,
        )  # fmt: skip
        outputs.append(json.loads(done.stdout))

    assert outputs[0] == outputs[1]
    assert outputs[0] == analyse(TSHIRT_SHOP, reply="tr").model_dump()
