"""Reading a business's name: placeholders, SEO tails, fancy letters, logo alt text."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from postloom.web.names import (
    NameCandidate,
    choose_name,
    clean_name,
    header_brand_texts,
    is_valid_name,
    logo_alt_name,
    title_segments,
)


@pytest.mark.parametrize(
    "title",
    ["Document", "Home", "Untitled", "Welcome", "Beranda", "Anasayfa", "Ana Sayfa", "React App",
     "HOME PAGE", "index"],
)  # fmt: skip
def test_placeholder_titles_are_never_names(title: str) -> None:
    assert not is_valid_name(clean_name(title))
    assert title_segments(title, "example.com", "") == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PowerPlay Gym - A GYM WEBSITE", "PowerPlay Gym"),
        ("PowerPlay Gym- A GYM WEBSITE", "PowerPlay Gym"),  # no space before the hyphen
        ("Lumen Studio | Home", "Lumen Studio"),
        ("Beranda – Toko Batik Sari", "Toko Batik Sari"),
        ("Anasayfa :: Deniz Balıkçılık", "Deniz Balıkçılık"),
        ("Welcome to Harbour Books", "Harbour Books"),
        ("Coca-Cola Bottlers", "Coca-Cola Bottlers"),  # a hyphen inside a word stays
    ],
)
def test_title_separators_and_seo_tails(title: str, expected: str) -> None:
    assert title_segments(title, "127.0.0.1", "")[0] == expected


def test_title_segment_matching_the_domain_wins() -> None:
    segments = title_segments("Ramadan Menus | Olive Tree Cafe", "www.olivetreecafe.com", "")

    assert segments[0] == "Olive Tree Cafe"


def test_title_segment_the_page_repeats_wins() -> None:
    text = "Olive Tree Cafe. Iftar menus. © 2025 Olive Tree Cafe. Olive Tree Cafe, Izmir"

    assert (
        title_segments("Iftar Menus | Olive Tree Cafe", "127.0.0.1", text)[0] == "Olive Tree Cafe"
    )


def test_long_seo_title_is_not_a_name() -> None:
    title = "Screen printing Jogja: cheap custom t-shirts, printing prices, konveksi and more here"

    assert title_segments(title, "", "") == []


def test_nfkc_turns_mathematical_letters_into_plain_ones_and_drops_symbols() -> None:
    assert clean_name(" 𝓩𝓮𝓷 𝓒𝓪𝓯𝓮 & 𝓑𝓪𝓴𝓮𝓻𝔂 ") == "Zen Cafe & Bakery"
    assert clean_name("Ｆｕｌｌｗｉｄｔｈ Ｓｈｏｐ") == "Fullwidth Shop"
    assert clean_name("ACME KAOS™") == "ACME KAOS"
    assert clean_name("Ordu® Pide") == "Ordu Pide"


@pytest.mark.parametrize(
    ("alt", "expected"),
    [("Harbour Dental Logo", "Harbour Dental"), ("logo", ""), ("Logo Toko Sari", "Toko Sari"),
     ("Deniz Kafe logosu", "Deniz Kafe")],
)  # fmt: skip
def test_logo_alt_text_without_the_word_logo(alt: str, expected: str) -> None:
    assert logo_alt_name(alt) == expected


def test_a_weak_name_gives_way_to_a_fuller_form_of_itself() -> None:
    chosen = choose_name(
        [
            NameCandidate("Harbour Dental Logo", "logo-alt"),
            NameCandidate("Harbour Dental Specialists", "title"),
        ]
    )
    assert chosen == NameCandidate("Harbour Dental Specialists", "title")


def test_json_ld_name_is_kept_as_written() -> None:
    chosen = choose_name(
        [NameCandidate("Harbour", "json-ld"), NameCandidate("Harbour Dental Clinic", "title")]
    )
    assert chosen == NameCandidate("Harbour", "json-ld")


def test_invalid_candidates_are_skipped() -> None:
    chosen = choose_name([NameCandidate("Home", "og:site_name"), NameCandidate("Lumen", "title")])

    assert chosen == NameCandidate("Lumen", "title")
    assert choose_name([NameCandidate("Document", "title")]) is None


def test_header_brand_text_from_logo_or_brand_classes() -> None:
    tree = LexborHTMLParser(
        """<header><a class="logo"><i class="fa fa-dumbbell"></i>Iron Temple</a>
        <nav><a href="/">Home</a></nav></header>
        <nav class="navbar"><span class="navbar-brand"> Iron  Temple Gym </span></nav>
        <section class="hero"><h1 class="brand-story">Not a header</h1></section>"""
    )

    assert header_brand_texts(tree) == ["Iron Temple", "Iron Temple Gym"]


def test_innermost_brand_element_wins_over_its_wrapper() -> None:
    tree = LexborHTMLParser(
        """<header id="masthead"><div class="site-branding">
        <p class="site-title"><a href="/" rel="home">Cedar &amp; Pine Joinery</a></p>
        <p class="site-description">Just another WordPress site</p></div></header>"""
    )

    assert header_brand_texts(tree) == ["Cedar & Pine Joinery"]
