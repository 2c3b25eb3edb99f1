"""The basic engine's sentences, written for each language the product ships (en, id, tr).

Word order differs (Turkish puts the verb last and the city first, with its own suffix), so each
language composes its sentences itself from its own phrases; nothing is translated word by word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from postloom.integrations.ai import basic_lexicons as lex
from postloom.integrations.ai.basic_signals import AudienceReading, ToneReading
from postloom.integrations.ai.basic_visual import VisualReading
from postloom.integrations.ai.facts import ReplyLanguage


@dataclass(frozen=True)
class _Words:
    traits: dict[str, str]
    touches: dict[str, str]
    address: dict[str, str]
    length: dict[str, str]
    extras: dict[str, str]
    audience: dict[str, str]
    cues: dict[str, str]
    industry: dict[str, str]
    palettes: dict[str, str]
    hues: dict[str, str]
    fonts: dict[str, str]
    conjunction: str
    serial_comma: bool


EN = _Words(
    traits={
        "friendly": "friendly and warm",
        "professional": "professional and trustworthy",
        "energetic": "energetic and bold",
        "elegant": "elegant and refined",
        "calm": "calm and informative",
    },
    touches={
        "friendly": "warm",
        "professional": "reassuring",
        "energetic": "lively",
        "elegant": "refined",
        "calm": "calm",
    },
    address={
        "casual": "speaks to customers casually and directly",
        "formal": "addresses customers politely and formally",
        "direct": "speaks directly to the customer as “you”",
        "none": "describes the business plainly",
    },
    length={
        "short": "in short, punchy sentences",
        "medium": "in clear, simple sentences",
        "long": "in longer, detailed sentences",
    },
    extras={"exclamations": "exclamation marks", "emoji": "emoji", "superlatives": "superlatives"},
    audience={
        "food_beverage": "people nearby looking for good food and drinks",
        "fashion_retail": "style-conscious shoppers and groups ordering custom or everyday "
        "clothing",
        "beauty": "people who want to look and feel their best with regular care",
        "health": "patients and families looking for care they can trust",
        "fitness": "people who want to get fit, stay active and train with guidance",
        "home_services": "homeowners and businesses nearby who need quick, reliable help",
        "retail": "local shoppers looking for good products at fair prices",
        "education": "learners and parents looking for courses that get results",
        "hospitality_travel": "travellers looking for a comfortable stay and memorable trips",
        "professional_services": "business owners and individuals who need expert advice",
        "automotive": "drivers who want their car or motorbike looked after properly",
        "arts_crafts": "people looking for something handmade, creative and personal",
        "technology": "businesses and people who want technology that simply works",
        "other": "local customers interested in what the business offers",
    },
    cues={
        "families": "families",
        "women": "women",
        "men": "men",
        "students": "students",
        "young": "young people",
        "companies": "companies",
        "communities": "communities",
        "tourists": "tourists",
        "locals": "local residents",
    },
    industry={
        "food_beverage": "food and drink",
        "fashion_retail": "fashion and clothing",
        "beauty": "beauty and personal care",
        "health": "health care",
        "fitness": "fitness",
        "home_services": "home services",
        "retail": "retail",
        "education": "education",
        "hospitality_travel": "hospitality and travel",
        "professional_services": "professional services",
        "automotive": "automotive",
        "arts_crafts": "arts, crafts and events",
        "technology": "technology",
        "other": "local",
    },
    palettes={
        "monochrome": "a clean monochrome palette",
        "dark": "dark, moody tones",
        "pastel": "soft pastel tones",
        "earthy": "warm earthy tones",
        "vivid_warm": "bold, vivid warm colors",
        "vivid_cool": "bright, vivid cool colors",
        "fresh": "fresh natural greens",
        "warm": "warm, inviting tones",
        "cool": "cool, calm tones",
        "accent": "a neutral base with {article} {hue} accent",
    },
    hues={
        "red": "red",
        "orange": "orange",
        "yellow": "yellow",
        "green": "green",
        "teal": "teal",
        "blue": "blue",
        "purple": "purple",
        "pink": "pink",
        "brown": "brown",
    },
    fonts={
        "sans": "a clean modern sans-serif",
        "serif": "an elegant serif",
        "script": "a handwritten script",
        "display": "a bold display typeface",
        "mono": "a technical monospace font",
    },
    conjunction="and",
    serial_comma=False,
)

ID = _Words(
    traits={
        "friendly": "ramah dan hangat",
        "professional": "profesional dan tepercaya",
        "energetic": "energik dan berani",
        "elegant": "elegan dan berkelas",
        "calm": "tenang dan informatif",
    },
    touches={
        "friendly": "hangat",
        "professional": "profesional",
        "energetic": "penuh semangat",
        "elegant": "elegan",
        "calm": "tenang",
    },
    address={
        "casual": "menyapa pelanggan secara santai dan akrab",
        "formal": "menyapa pelanggan secara sopan dan formal sebagai “Anda”",
        "direct": "berbicara langsung kepada pelanggan",
        "none": "menjelaskan bisnis apa adanya",
    },
    length={
        "short": "dengan kalimat pendek dan lugas",
        "medium": "dengan kalimat yang jelas dan sederhana",
        "long": "dengan kalimat panjang dan rinci",
    },
    extras={"exclamations": "tanda seru", "emoji": "emoji", "superlatives": "kata superlatif"},
    audience={
        "food_beverage": "warga sekitar yang mencari makanan dan minuman enak",
        "fashion_retail": "pembeli yang peduli gaya dan kelompok yang memesan pakaian custom "
        "maupun sehari-hari",
        "beauty": "orang yang ingin tampil menarik dan merasa percaya diri lewat perawatan rutin",
        "health": "pasien dan keluarga yang mencari layanan kesehatan tepercaya",
        "fitness": "orang yang ingin bugar, tetap aktif, dan berlatih dengan bimbingan",
        "home_services": "pemilik rumah dan usaha di sekitar yang butuh bantuan cepat dan andal",
        "retail": "pembeli lokal yang mencari produk bagus dengan harga wajar",
        "education": "pelajar dan orang tua yang mencari kursus dengan hasil nyata",
        "hospitality_travel": "wisatawan yang mencari penginapan nyaman dan perjalanan berkesan",
        "professional_services": "pemilik usaha dan perorangan yang membutuhkan saran ahli",
        "automotive": "pengendara yang ingin mobil atau motornya dirawat dengan baik",
        "arts_crafts": "orang yang mencari karya buatan tangan yang kreatif dan personal",
        "technology": "bisnis dan perorangan yang menginginkan teknologi yang praktis dan andal",
        "other": "pelanggan lokal yang tertarik dengan produk dan layanan bisnis ini",
    },
    cues={
        "families": "keluarga",
        "women": "perempuan",
        "men": "pria",
        "students": "pelajar",
        "young": "anak muda",
        "companies": "perusahaan",
        "communities": "komunitas",
        "tourists": "wisatawan",
        "locals": "warga setempat",
    },
    industry={
        "food_beverage": "kuliner",
        "fashion_retail": "fesyen dan pakaian",
        "beauty": "kecantikan dan perawatan",
        "health": "kesehatan",
        "fitness": "kebugaran",
        "home_services": "jasa rumah tangga",
        "retail": "ritel",
        "education": "pendidikan",
        "hospitality_travel": "perhotelan dan wisata",
        "professional_services": "jasa profesional",
        "automotive": "otomotif",
        "arts_crafts": "seni, kerajinan, dan acara",
        "technology": "teknologi",
        "other": "lokal",
    },
    palettes={
        "monochrome": "palet monokrom yang bersih",
        "dark": "nuansa gelap yang dramatis",
        "pastel": "warna pastel yang lembut",
        "earthy": "warna tanah yang hangat",
        "vivid_warm": "warna hangat yang cerah dan berani",
        "vivid_cool": "warna sejuk yang cerah dan hidup",
        "fresh": "hijau alami yang segar",
        "warm": "nuansa hangat yang mengundang",
        "cool": "nuansa sejuk yang menenangkan",
        "accent": "dasar netral dengan aksen {hue}",
    },
    hues={
        "red": "merah",
        "orange": "oranye",
        "yellow": "kuning",
        "green": "hijau",
        "teal": "hijau toska",
        "blue": "biru",
        "purple": "ungu",
        "pink": "merah muda",
        "brown": "cokelat",
    },
    fonts={
        "sans": "huruf sans-serif modern yang bersih",
        "serif": "huruf serif yang elegan",
        "script": "huruf tulisan tangan",
        "display": "huruf display yang tegas",
        "mono": "huruf monospace yang teknis",
    },
    conjunction="dan",
    serial_comma=True,
)

TR = _Words(
    traits={
        "friendly": "samimi ve sıcak",
        "professional": "profesyonel ve güven veren",
        "energetic": "enerjik ve cesur",
        "elegant": "zarif ve seçkin",
        "calm": "sakin ve bilgilendirici",
    },
    touches={
        "friendly": "sıcak",
        "professional": "profesyonel",
        "energetic": "enerjik",
        "elegant": "zarif",
        "calm": "sakin",
    },
    address={
        "casual": "müşteriye içten bir dille “sen” diye sesleniyor",
        "formal": "müşteriye kibar ve resmî bir dille “siz” diye sesleniyor",
        "direct": "doğrudan müşteriye sesleniyor",
        "none": "işletmeyi sade bir dille anlatıyor",
    },
    length={
        "short": "kısa ve vurucu cümlelerle",
        "medium": "açık ve sade cümlelerle",
        "long": "uzun ve ayrıntılı cümlelerle",
    },
    extras={
        "exclamations": "ünlem işaretleri",
        "emoji": "emoji",
        "superlatives": "üstünlük ifadeleri",
    },
    audience={
        "food_beverage": "lezzetli yemek ve içecek arayan çevredeki insanlar",
        "fashion_retail": "tarzına önem veren alıcılar ve özel ya da günlük giyim sipariş eden "
        "gruplar",
        "beauty": "düzenli bakımla kendini iyi hissetmek ve iyi görünmek isteyenler",
        "health": "güvenebilecekleri bir sağlık hizmeti arayan hastalar ve aileler",
        "fitness": "formda kalmak, aktif olmak ve rehberlik eşliğinde çalışmak isteyenler",
        "home_services": "hızlı ve güvenilir yardıma ihtiyaç duyan çevredeki ev sahipleri ve "
        "işletmeler",
        "retail": "kaliteli ürünleri uygun fiyata arayan yerel alışverişçiler",
        "education": "sonuç getiren kurslar arayan öğrenciler ve veliler",
        "hospitality_travel": "konforlu bir konaklama ve unutulmaz geziler arayan gezginler",
        "professional_services": "uzman desteğine ihtiyaç duyan işletme sahipleri ve bireyler",
        "automotive": "aracına özenle bakılmasını isteyen sürücüler",
        "arts_crafts": "el yapımı, yaratıcı ve kişisel bir şey arayanlar",
        "technology": "sorunsuz çalışan teknoloji isteyen işletmeler ve bireyler",
        "other": "işletmenin sunduklarıyla ilgilenen yerel müşteriler",
    },
    cues={
        "families": "aileler",
        "women": "kadınlar",
        "men": "erkekler",
        "students": "öğrenciler",
        "young": "gençler",
        "companies": "şirketler",
        "communities": "topluluklar",
        "tourists": "turistler",
        "locals": "mahalle sakinleri",
    },
    industry={
        "food_beverage": "yeme-içme",
        "fashion_retail": "moda ve giyim",
        "beauty": "güzellik ve bakım",
        "health": "sağlık",
        "fitness": "spor ve fitness",
        "home_services": "ev hizmetleri",
        "retail": "perakende",
        "education": "eğitim",
        "hospitality_travel": "konaklama ve turizm",
        "professional_services": "profesyonel hizmet",
        "automotive": "otomotiv",
        "arts_crafts": "sanat, el sanatları ve etkinlik",
        "technology": "teknoloji",
        "other": "yerel",
    },
    palettes={
        "monochrome": "sade, tek renkli bir palet",
        "dark": "koyu ve dramatik tonlar",
        "pastel": "yumuşak pastel tonlar",
        "earthy": "sıcak toprak tonları",
        "vivid_warm": "canlı ve cesur sıcak renkler",
        "vivid_cool": "canlı ve parlak soğuk renkler",
        "fresh": "ferah, doğal yeşiller",
        "warm": "sıcak ve davetkâr tonlar",
        "cool": "serin ve sakin tonlar",
        "accent": "{hue} vurgulu nötr bir zemin",
    },
    hues={
        "red": "kırmızı",
        "orange": "turuncu",
        "yellow": "sarı",
        "green": "yeşil",
        "teal": "turkuaz",
        "blue": "mavi",
        "purple": "mor",
        "pink": "pembe",
        "brown": "kahverengi",
    },
    fonts={
        "sans": "temiz, modern bir sans-serif yazı tipi",
        "serif": "zarif bir serif yazı tipi",
        "script": "el yazısı bir yazı tipi",
        "display": "iddialı bir başlık yazı tipi",
        "mono": "teknik, eş aralıklı bir yazı tipi",
    },
    conjunction="ve",
    serial_comma=False,
)

WORDS: dict[ReplyLanguage, _Words] = {"en": EN, "id": ID, "tr": TR}


def join(items: Sequence[str], words: _Words) -> str:
    """ "a", "a and b", "a, b and c" (Indonesian: "a, b, dan c")."""
    if len(items) <= 1:
        return "".join(items)
    comma = "," if words.serial_comma and len(items) > 2 else ""
    return f"{', '.join(items[:-1])}{comma} {words.conjunction} {items[-1]}"


def capitalise(text: str, language: ReplyLanguage) -> str:
    if not text:
        return text
    first = "İ" if language == "tr" and text[0] == "i" else text[0].upper()
    return first + text[1:]


# --- Tone -----------------------------------------------------------------------------------


def tone_sentence(reading: ToneReading, language: ReplyLanguage) -> str:
    words = WORDS[language]
    head = words.traits[reading.primary]
    if reading.secondary:
        head += {
            "en": f", with a {words.touches[reading.secondary]} touch",
            "id": f", dengan sentuhan {words.touches[reading.secondary]}",
            "tr": f", {words.touches[reading.secondary]} bir dokunuşla",
        }[language]
    flags = {
        "exclamations": reading.exclamations,
        "emoji": reading.emoji,
        "superlatives": reading.superlatives,
    }
    extras = join([words.extras[name] for name, on in flags.items() if on], words)
    address, length = words.address[reading.address], words.length[reading.length]
    if language == "tr":
        body = f"{length} {address}" + (f"; {extras} kullanıyor" if extras else "")
    else:
        used = {"en": "using", "id": "memakai"}[language]
        body = f"{address} {length}" + (f", {used} {extras}" if extras else "")
    return capitalise(f"{head}; {body}.", language)


# --- Audience -------------------------------------------------------------------------------


def audience_sentence(reading: AudienceReading, language: ReplyLanguage) -> str:
    words = WORDS[language]
    base = words.audience.get(reading.industry, words.audience["other"])
    cues = join([words.cues[cue] for cue in reading.cues], words)
    city = lex.CITIES[reading.city] if reading.city is not None else None
    if language == "tr":
        text = (f"{city[3]} " if city else "") + base + (f", özellikle {cues}" if cues else "")
    elif language == "id":
        text = base + (f", terutama {cues}" if cues else "") + (f" di {city[2]}" if city else "")
    else:
        text = base + (f", especially {cues}" if cues else "") + (f" in {city[1]}" if city else "")
    return capitalise(text + ".", language)


# --- Visual theme ---------------------------------------------------------------------------


def _palette_phrase(reading: VisualReading, words: _Words) -> str:
    phrase = words.palettes.get(reading.palette, "")
    if reading.palette == "accent" and reading.accent:
        hue = words.hues[reading.accent]
        article = "an" if hue[0] in "aeiou" else "a"
        phrase = phrase.format(hue=hue, article=article)
    return phrase


def _fonts_phrase(reading: VisualReading, words: _Words, language: ReplyLanguage) -> str:
    faces = [words.fonts[kind] for kind in reading.fonts]
    if len(faces) < 2:
        return "".join(faces)
    pair: dict[ReplyLanguage, Callable[[str, str], str]] = {
        "en": lambda a, b: f"{a} paired with {b}",
        "id": lambda a, b: f"{a}, dipadukan dengan {b}",
        "tr": lambda a, b: f"{a} ile {b}",
    }
    return pair[language](faces[0], faces[1])


def visual_sentence(reading: VisualReading, language: ReplyLanguage) -> str:
    words = WORDS[language]
    colors, fonts = _palette_phrase(reading, words), _fonts_phrase(reading, words, language)
    if colors and fonts:
        link = {"en": " with ", "id": " dengan ", "tr": " ve "}[language]
        if reading.palette == "accent":
            link = {"en": " and ", "id": ", serta ", "tr": " ve "}[language]
        return capitalise(f"{colors}{link}{fonts}.", language)
    if colors:
        return capitalise(f"{colors}.", language)
    if fonts:
        return {
            "en": f"No brand colors found yet; the type is {fonts}.",
            "id": f"Belum ada warna merek yang ditemukan; tipografinya memakai {fonts}.",
            "tr": f"Henüz marka rengi bulunamadı; tipografide {fonts} öne çıkıyor.",
        }[language]
    return {
        "en": "No brand colors or fonts found yet.",
        "id": "Belum ada warna atau huruf merek yang ditemukan.",
        "tr": "Henüz marka rengi veya yazı tipi bulunamadı.",
    }[language]


# --- Description ----------------------------------------------------------------------------


def description_sentence(name: str, industry: str, language: ReplyLanguage) -> str:
    label = WORDS[language].industry.get(industry, WORDS[language].industry["other"])
    return {
        "en": f"{name} is a {label} business.",
        "id": f"{name} adalah bisnis {label}.",
        "tr": f"{name}, bir {label} işletmesi.",
    }[language]
