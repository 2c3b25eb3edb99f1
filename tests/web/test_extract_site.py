"""extract_site end to end on the small fixture sites under tests/web/sites/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coloraide import Color as CAColor

from postloom.web.crawl import CrawlResult, Page, Stylesheet, crawl_site
from postloom.web.extract import extract_site
from postloom.web.folder_fetch import FolderFetcher
from postloom.web.site import AI_TEXT_LIMIT, SiteExtract

SITES = Path(__file__).parent / "sites"
HOME = "https://site.test/"


@cache
def extract(site: str) -> SiteExtract:
    fetcher = FolderFetcher(SITES / site, HOME)
    return extract_site(crawl_site(HOME, fetcher), fetcher)


def close(one: str, other: str) -> bool:
    return float(CAColor(one).delta_e(other, method="2000")) <= 3


# --- names ----------------------------------------------------------------------------------


def test_json_ld_name_wins_over_a_placeholder_title() -> None:
    site = extract("en-bakery")

    assert site.title == "Document"
    assert (site.name, site.name_source) == ("Maple & Rye Bakery", "json-ld")


def test_og_site_name_when_the_title_is_beranda() -> None:
    site = extract("id-kopi")

    assert (site.name, site.name_source) == ("Kopi Senja", "og:site_name")


def test_fancy_unicode_letters_and_trademark_sign_read_as_plain_text() -> None:
    site = extract("tr-atolye")  # header: 𝓚𝓲𝓵 𝓐𝓽𝓸𝓵𝔂𝓮𝓼𝓲™, title "Anasayfa"

    assert (site.name, site.name_source) == ("Kil Atolyesi", "header")


# --- language -------------------------------------------------------------------------------


def test_language_comes_from_the_text_not_the_declared_lang() -> None:
    site = extract("id-kopi")  # <html lang="en">, Indonesian words

    assert (site.language, site.declared_language) == ("id", "en")


def test_turkish_and_english_sites() -> None:
    assert extract("tr-atolye").language == "tr"
    assert extract("en-bakery").language == "en"


# --- colors and fonts -----------------------------------------------------------------------


def test_brand_color_from_buttons_and_links_beats_the_vendor_framework() -> None:
    site = extract("en-bakery")  # --brand: hsl(14 72% 45%); bootstrap's #0d6efd is vendor CSS

    assert close(site.colors[0].hex, "hsl(14 72% 45%)")
    assert "button" in site.colors[0].sources
    assert not any(close(c.hex, "#0d6efd") for c in site.colors)
    assert site.colors[0].weight == 1.0
    assert [c.weight for c in site.colors] == sorted((c.weight for c in site.colors), reverse=True)


def test_rgb_colors_on_buttons_and_navbar() -> None:
    assert extract("id-kopi").colors[0].hex == "#6f4e37"


def test_named_color_through_a_custom_property() -> None:
    assert extract("tr-atolye").colors[0].hex == "#008080"  # --ana-renk: teal


def test_fonts_from_google_fonts_and_css_without_icon_fonts() -> None:
    assert extract("en-bakery").fonts == ["Lato", "Playfair Display"]
    assert extract("tr-atolye").fonts == ["Georgia"]  # ionicons is not a brand font
    assert extract("id-kopi").fonts == ["Nunito Sans"]


# --- logo and images ------------------------------------------------------------------------


def test_logo_is_the_header_image_marked_logo() -> None:
    site = extract("en-bakery")

    assert site.logo_url == HOME + "img/logo.png"
    assert site.images[0].url == site.logo_url


def test_a_text_only_brand_has_no_logo() -> None:
    assert extract("tr-atolye").logo_url == ""
    assert extract("id-kopi").logo_url == ""


def test_images_keep_their_size_attributes() -> None:
    site = extract("en-bakery")

    bun = next(i for i in site.images if i.url.endswith("bun.jpg"))
    assert (bun.width, bun.height) == (None, None)
    logo = site.images[0]
    assert (logo.alt, logo.width, logo.height) == ("Maple & Rye logo", 160, 48)


# --- social, contact, products --------------------------------------------------------------


def test_social_links_skip_share_buttons_placeholders_and_home_pages() -> None:
    assert extract("en-bakery").social == {
        "instagram": "https://www.instagram.com/maplerye.bakes/",
        "youtube": "https://www.youtube.com/@maplerye",
    }


def test_whatsapp_chat_link_but_not_a_whatsapp_share_link() -> None:
    assert extract("id-kopi").social == {
        "tiktok": "https://www.tiktok.com/@kopisenja.bdg",
        "whatsapp": "https://wa.me/6281234567890",
    }


def test_social_links_normalised() -> None:
    assert extract("tr-atolye").social == {
        "instagram": "https://www.instagram.com/kilatolyesi/",
        "facebook": "https://www.facebook.com/profile.php?id=100012345678901",
        "linkedin": "https://www.linkedin.com/company/kil-atolyesi/",
        "x": "https://x.com/kilatolyesi",
    }


def test_contact_details() -> None:
    bakery = extract("en-bakery").contact
    assert bakery.emails == ["hello@maplerye.test"]
    assert bakery.phones == ["+1 555 010 2030"]  # the tel: link is the same number
    assert bakery.address == "14 Harbour Street, Portland, 04101"

    atolye = extract("tr-atolye").contact
    assert atolye.phones == ["+902165550101"]
    assert atolye.address == "Cumhuriyet Cad. No: 21, Kadıköy / İstanbul"

    kopi = extract("id-kopi").contact
    assert kopi.emails == ["kopisenja@contoh.test"]
    assert kopi.phones == ["+62221234567"]


def test_products_from_json_ld_menu_and_cards() -> None:
    products = {p.name: p for p in extract("en-bakery").products}

    assert list(products) == [
        "Country Sourdough", "Seeded Rye",  # JSON-LD Menu > MenuSection > MenuItem
        "Cardamom Bun", "Butter Croissant", "Lemon Tart",  # cards on the home page
        "Cinnamon Knot", "Focaccia Slice", "Flat White",  # menu.html
    ]  # fmt: skip
    assert products["Seeded Rye"].price == "9.00 USD"
    assert products["Seeded Rye"].description == "Dense, dark, with sunflower and flax."
    assert products["Cardamom Bun"].price == "$4.25"
    assert products["Cardamom Bun"].image_url == HOME + "img/bun.jpg"
    # "Why choose us?" boxes repeat like cards but are reasons, not products
    assert "Local flour" not in products


def test_json_ld_products_with_a_trailing_comma_and_rupiah_cards() -> None:
    products = {p.name: p.price for p in extract("id-kopi").products}

    assert products == {
        "Biji Kopi Gayo 250 g": "85000 IDR",
        "Biji Kopi Kintamani 250 g": "90000 IDR",
        "Es Kopi Susu Gula Aren": "Rp 25.000",
        "Kopi Tubruk Toraja": "Rp 18.000",
        "Roti Bakar Cokelat": "Rp 22.000",
    }


def test_photo_cards_without_headings_and_no_menu_labels() -> None:
    names = [p.name for p in extract("tr-atolye").products]

    assert names == ["Sırlı Kupa", "Servis Tabağı", "Mini Vazo"]  # emoji dropped


# --- text -----------------------------------------------------------------------------------


def test_description_and_main_text_without_navigation() -> None:
    site = extract("en-bakery")

    assert site.description.startswith("Small-batch sourdough")
    assert site.main_text.startswith("Bread worth getting up for\nOur ovens are lit at four.")
    assert "Careers" not in site.main_text  # navigation is chrome
    assert "six bakers work through the night" in site.main_text  # from about.html


def test_ai_text_is_capped() -> None:
    site = extract("en-bakery")
    site.main_text = "Sourdough " * 1000

    text = site.ai_text()
    assert len(text) <= AI_TEXT_LIMIT
    assert text.startswith("Maple & Rye Bakery\n\nSmall-batch sourdough")


def test_javascript_only_page_gives_empty_text_without_crashing() -> None:
    site = extract("js-only")

    assert site.main_text == ""
    assert site.description == ""
    assert site.name == ""  # "Vite App" is a placeholder, not a name
    assert site.language == "en"  # too little text to read: the declared language stands
    assert (site.colors, site.fonts, site.products, site.social) == ([], [], [], {})
    assert site.ai_text() == ""


def test_pages_are_reported() -> None:
    site = extract("en-bakery")

    assert [(p.url.removeprefix(HOME), p.ok) for p in site.pages] == [
        ("", True), ("about.html", True), ("menu.html", True), ("services.html", True),
        ("pricing.html", False), ("contact.html", True),
    ]  # fmt: skip


def test_an_empty_crawl_gives_an_empty_extract() -> None:
    assert extract_site(CrawlResult(pages=[])) == SiteExtract(url="")


def test_extract_without_a_fetcher_skips_the_logo_palette() -> None:
    html = '<header><img class="logo" src="/logo.png" alt="Acme logo"></header><p>Hi</p>'
    site = extract_site(CrawlResult(pages=[Page(HOME, html)]))

    assert site.logo_url == HOME + "logo.png"
    assert all("logo" not in c.sources for c in site.colors)
    assert site.name == "Acme"


def test_broken_and_hostile_input_does_not_crash() -> None:
    pages = [
        Page(HOME, ""),
        Page(HOME + "a", "\x00\x01<html<<<" + "<div>" * 3000),
        Page(
            HOME + "b",
            '<script type="application/ld+json">[[{"@type": ["Product"], "name": {"@value": 5},'
            ' "offers": [[]], "logo": [[]]}], {"@type": "Store", "address": [{}], "sameAs": 7}'
            '</script><a href="http://[::1">x</a><img width="-5" src="http://[bad">'
            '<p style="color: ' + "(" * 3000 + '">x</p>',
        ),
    ]
    sheets = [Stylesheet(HOME + "x.css", "a{color:rgb(" + "(" * 3000 + ")} }{ @media{")]

    site = extract_site(CrawlResult(pages=pages, stylesheets=sheets))

    assert site.url == HOME
    assert site.colors == []


def test_logo_from_json_ld_when_the_header_has_no_image() -> None:
    html = """<script type="application/ld+json">{"@type": "Organization", "name": "Tide",
    "logo": {"@type": "ImageObject", "url": "/brand/tide.svg"}}</script><p>Surf lessons</p>"""

    assert extract_site(CrawlResult(pages=[Page(HOME, html)])).logo_url == HOME + "brand/tide.svg"


def test_touch_icon_only_when_the_brand_is_not_plain_header_text() -> None:
    icon = '<link rel="apple-touch-icon" href="/apple-touch-icon.png">'
    image_less = f"<head>{icon}</head><header><nav><a href='/about'>About</a></nav></header>"
    text_brand = f"<head>{icon}</head><header><a class='logo' href='/'>Tide Surf</a></header>"

    assert extract_site(CrawlResult(pages=[Page(HOME, image_less)])).logo_url == (
        HOME + "apple-touch-icon.png"
    )
    assert extract_site(CrawlResult(pages=[Page(HOME, text_brand)])).logo_url == ""


def test_other_companies_logos_and_social_icons_are_not_the_logo() -> None:
    html = """<header><a href="https://instagram.com/tide"><img src="/ig-logo.png"></a></header>
    <section class="clients"><img src="/client-logo-1.png" alt="Client Logo"></section>"""

    assert extract_site(CrawlResult(pages=[Page(HOME, html)])).logo_url == ""


def test_relative_urls_follow_the_base_element() -> None:
    html = '<head><base href="/"></head><body><img src="img/cake.jpg" alt="Cake"></body>'
    site = extract_site(CrawlResult(pages=[Page(HOME + "shop/index.html", html)]))

    assert site.url == HOME + "shop/index.html"
    assert [image.url for image in site.images] == [HOME + "img/cake.jpg"]
