"""Main text, language and contact details."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from postloom.web.contact import find_contact
from postloom.web.language import declared_language, detect_language
from postloom.web.maintext import block_text, main_text

INDONESIAN = (
    "Kami adalah toko roti keluarga di Yogyakarta. Setiap pagi kami memanggang roti tawar, "
    "roti manis dan kue kering dengan bahan pilihan tanpa pengawet."
)
TURKISH = (
    "Fırınımız her sabah taze ekmek, simit ve poğaça çıkarıyor. Siparişlerinizi telefonla "
    "veya mağazamıza gelerek verebilirsiniz."
)


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (INDONESIAN, "en", "id"),
        (TURKISH, "en", "tr"),
        (
            "Fresh sourdough and pastries baked every morning in our small family bakery.",
            "id",
            "en",
        ),
        ("Hi", "tr", "tr"),  # too little text to judge: the declared language stands
        ("", "", ""),
    ],
)
def test_language_is_read_from_the_text(text: str, declared: str, expected: str) -> None:
    assert detect_language(text, declared) == expected


def test_detected_language_is_always_a_two_letter_code() -> None:
    assert len(detect_language("Hello there, we bake bread and make coffee.")) == 2


@pytest.mark.parametrize(
    ("attribute", "expected"), [("en-US", "en"), ("id", "id"), ("TR", "tr"), ("", ""), ("x", "")]
)
def test_declared_language(attribute: str, expected: str) -> None:
    assert declared_language(attribute) == expected


def test_block_text_keeps_headings_and_prices_but_not_chrome() -> None:
    html = """<html><body>
      <header><nav><a href="/">Home</a><a href="/menu">Menu</a></nav></header>
      <h1>Köfte <em>Menü</em></h1><p>Pilav, salata ve <strong>tatlı</strong>.</p>
      <div class="price">1000 ₺</div>
      <script>var tracking = 1;</script><style>p { color: red }</style>
      <form><label>Email</label><input></form>
      <footer>© 2025 Zeytin Cafe · Gizlilik</footer>
    </body></html>"""

    assert block_text(html) == "Köfte Menü\nPilav, salata ve tatlı.\n1000 ₺"


def test_a_header_holding_the_hero_is_kept() -> None:
    html = "<header><h1>Emergency locksmith, day and night</h1><a href='tel:1'>Call</a></header>"

    assert block_text(html) == "Emergency locksmith, day and night\nCall"


def test_main_text_joins_pages_and_drops_lines_repeated_on_every_page() -> None:
    pages = [
        ("https://s.test/", "<h2>Open daily 7-14</h2><p>Fresh bread every morning.</p>"),
        ("https://s.test/about", "<h2>Open daily 7-14</h2><p>We started in 2016.</p>"),
    ]

    assert main_text(pages) == "Open daily 7-14\nFresh bread every morning.\nWe started in 2016."


def test_javascript_only_page_has_no_text() -> None:
    html = '<html><body><div id="root"></div><noscript>Enable JavaScript</noscript></body></html>'

    assert block_text(html) == ""
    assert block_text("") == ""


def test_contact_details_from_links_text_and_address() -> None:
    tree = LexborHTMLParser(
        """<footer>
        <a href="mailto:Halo@TokoSari.test?subject=Order">Email us</a>
        <p>Telp: 0812-3456-7890 · WA +62 812 3456 7890 · info@tokosari.test</p>
        <a href="tel:+62 21 555 0101">Kantor</a>
        <img src="logo@2x.png"> <span>user@example.com</span>
        <ul><li><i class="fas fa-map-marker-alt"></i>
          <span>Jl. Malioboro 12, Yogyakarta 55213</span></li></ul>
        <p>Opening hours 08:00 - 17:00, prices from Rp 1.350.000</p>
        </footer>"""
    )

    contact = find_contact([tree], [])
    assert contact.emails == ["halo@tokosari.test", "info@tokosari.test"]
    assert contact.phones == ["+62 21 555 0101", "0812-3456-7890"]
    assert contact.address == "Jl. Malioboro 12, Yogyakarta 55213"


def test_contact_from_json_ld_first() -> None:
    tree = LexborHTMLParser("<address>Somewhere 1, Town</address>")
    business = {
        "@type": "Locksmith",
        "name": "Anahtar",
        "telephone": "+90 553 848 90 89",
        "email": "mailto:bilgi@anahtar.test",
        "address": {"streetAddress": "Saray Cad. 4", "addressLocality": "Denizli"},
    }

    contact = find_contact([tree], [business])
    assert contact.emails == ["bilgi@anahtar.test"]
    assert contact.phones == ["+90 553 848 90 89"]
    assert contact.address == "Saray Cad. 4, Denizli"
