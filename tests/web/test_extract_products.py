"""Products and services: schema.org, repeated cards, lists in prose."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from postloom.web.jsonld import jsonld_objects
from postloom.web.products import find_products, listed_after_cue, looks_like_price
from postloom.web.site import Product

PAGE = "https://site.test/"


def products(html: str, skip: set[str] | None = None) -> list[Product]:
    tree = LexborHTMLParser(html)
    return find_products([(tree, PAGE)], jsonld_objects([tree]), skip or set())


def names(html: str) -> list[str]:
    return [p.name for p in products(html)]


def test_json_ld_offer_catalog_with_services() -> None:
    html = """<script type="application/ld+json">
    {"@type": "HairSalon", "name": "Salon Ayu",
     "hasOfferCatalog": {"@type": "OfferCatalog", "itemListElement": [
        {"@type": "Offer", "price": "75000", "priceCurrency": "IDR",
         "itemOffered": {"@type": "Service", "name": "Potong Rambut"}},
        {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "Creambath",
         "description": "Perawatan kulit kepala"}}]}}
    </script>"""

    found = products(html)
    assert [p.name for p in found] == ["Potong Rambut", "Creambath"]
    assert found[1].description == "Perawatan kulit kepala"


def test_microdata_product() -> None:
    html = """<div itemscope itemtype="https://schema.org/Product">
      <h2 itemprop="name">Linen Apron</h2><meta itemprop="price" content="29.00">
      <img itemprop="image" src="/apron.jpg"></div>"""

    assert products(html) == [Product("Linen Apron", "", "29.00", PAGE + "apron.jpg")]


def test_cards_with_price_headings_take_their_title_element() -> None:
    html = """<section class="pricing"><div class="row">
      <div class="col"><p class="plan-title">Paket Basic</p><h2>50 Ribuan</h2></div>
      <div class="col"><p class="plan-title">Paket Premium</p><h2>85 Ribuan</h2></div>
      <div class="col"><p class="plan-title">Paket Bisnis</p><h2>135 Ribuan</h2></div>
    </div></section>"""

    found = products(html)
    assert [(p.name, p.price) for p in found] == [
        ("Paket Basic", "50 Ribuan"),
        ("Paket Premium", "85 Ribuan"),
        ("Paket Bisnis", "135 Ribuan"),
    ]


def test_the_same_label_on_every_card_is_not_a_name() -> None:
    html = """<div class="plans">
      <div class="plan"><h4>₺3999</h4><div class="offer-title">Special Offer</div></div>
      <div class="plan"><h4>₺7999</h4><div class="offer-title">Special Offer</div></div>
      <div class="plan"><h4>₺9999</h4><div class="offer-title">Special Offer</div></div>
    </div>"""

    assert names(html) == []


def test_testimonials_team_and_reasons_are_not_products() -> None:
    html = """
    <section class="testimonials"><div class="item"><h3>Ayşe K.</h3><p>Harika!</p></div>
      <div class="item"><h3>Mehmet T.</h3><p>Çok iyi.</p></div>
      <div class="item"><h3>Zeynep A.</h3><p>Tavsiye ederim.</p></div></section>
    <section><h2>Kenapa Memilih Kami?</h2><div class="grid">
      <div class="box"><img src="a.png"><h3>Harga Terjangkau</h3></div>
      <div class="box"><img src="b.png"><h3>Tim Profesional</h3></div>
      <div class="box"><img src="c.png"><h3>Tepat Waktu</h3></div></div></section>
    <div class="counters"><div class="c"><h2>100</h2><p>Clients</p></div>
      <div class="c"><h2>250</h2><p>Projects</p></div>
      <div class="c"><h2>12</h2><p>Years</p></div></div>
    """

    assert names(html) == []


def test_navigation_and_footer_are_not_products() -> None:
    html = """<nav><ul><li><h4>Home</h4></li><li><h4>Menu</h4></li><li><h4>Shop</h4></li></ul></nav>
    <footer><div class="col"><h3>Links</h3></div><div class="col"><h3>Contact</h3></div>
    <div class="col"><h3>Hours</h3></div></footer>"""

    assert names(html) == []


def test_menu_labels_passed_in_are_skipped() -> None:
    html = """<div class="boxes">
      <div class="box"><img src="1.jpg"><h2>Hakkımızda</h2></div>
      <div class="box"><img src="2.jpg"><h2>Kapı Açma</h2></div>
      <div class="box"><img src="3.jpg"><h2>İletişim</h2></div></div>"""

    assert [p.name for p in products(html, skip={"hakkimizda", "iletisim"})] == ["Kapı Açma"]


def test_bare_lists_of_features_are_not_products() -> None:
    html = """<div class="package"><ul class="package-list">
      <li>3 Month</li><li>With trainer</li><li>Home workout videos</li></ul></div>"""

    assert names(html) == []


def test_services_listed_in_prose_after_a_cue() -> None:
    html = """<p>We offer calm, modern care. Specializing in General Dentistry, Cosmetic
    Dentistry, Implantology, Orthodontics, and Oral Surgery, our team is here for you.</p>
    <p>Patates, Pilav, Salata, Çorba ve Su</p>"""

    assert names(html) == [
        "General Dentistry",
        "Cosmetic Dentistry",
        "Implantology",
        "Orthodontics",
        "Oral Surgery",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kami melayani Sablon Kaos, Bordir, dan Jahit Seragam.",
         ["Sablon Kaos", "Bordir", "Jahit Seragam"]),
        ("We provide Plumbing, Heating and Drainage.", []),  # only two commas' worth: 2 items
        ("We offer great service, fast delivery, and friendly staff.", []),
        ("Hizmetlerimiz: Kapı Açma, Kilit Değişimi, Anahtar Kopyalama.",
         ["Kapı Açma", "Kilit Değişimi", "Anahtar Kopyalama"]),
        ("Kapı Açma, Kilit Değişimi, Anahtar Kopyalama.", []),  # no cue word
    ],
)  # fmt: skip
def test_listed_after_cue(sentence: str, expected: list[str]) -> None:
    assert listed_after_cue(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Rp 75.000", True), ("₹3999", True), ("50 Ribuan", True), ("1.350 ₺", True),
     ("$4.25", True), ("100", True), ("Whey Isolate", False), ("Kaos Polo 24s", False),
     ("3 Month", False)],
)  # fmt: skip
def test_looks_like_price(text: str, expected: bool) -> None:
    assert looks_like_price(text) is expected


def test_same_product_on_two_pages_is_merged_keeping_what_each_knows() -> None:
    html = """<script type="application/ld+json">{"@type": "Product", "name": "Kaos Polo CVC"}
    </script><div class="produk">
    <div class="item"><h3>KAOS POLO CVC</h3><span class="harga">Rp 85.000</span></div>
    <div class="item"><h3>Hoodie Fleece</h3><span class="harga">Rp 135.000</span></div></div>"""

    found = products(html)
    assert [(p.name, p.price) for p in found] == [
        ("Kaos Polo CVC", "Rp 85.000"),
        ("Hoodie Fleece", "Rp 135.000"),
    ]
