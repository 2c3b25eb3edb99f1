"""Fonts: service links, @font-face, usage weights; generic and icon fonts left out."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from postloom.web.css import SelectorMatcher, build_style_model
from postloom.web.fonts import families_from_font_url, first_family, rank_fonts


def fonts(css: str, html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    return rank_fonts(build_style_model([css], [tree]), SelectorMatcher([tree]), [tree])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://fonts.googleapis.com/css2?family=Playfair+Display:wght@700&family=Lato:wght@400",
            ["Playfair Display", "Lato"],
        ),
        ("https://fonts.googleapis.com/css?family=Montserrat:200,300|Nunito:400,700&display=swap",
         ["Montserrat", "Nunito"]),
        ("https://fonts.bunny.net/css?family=inter:400,600", ["inter"]),
        ("https://api.fontshare.com/v2/css?f[]=satoshi@400,700&display=swap", ["Satoshi"]),
        ("https://fonts.googleapis.com/css2?family=Material+Symbols+Outlined", []),
        ("https://cdn.example.com/fonts.css?family=Lato", []),
    ],
)  # fmt: skip
def test_families_in_font_service_urls(url: str, expected: list[str]) -> None:
    assert families_from_font_url(url) == expected


@pytest.mark.parametrize(
    ("stack", "expected"),
    [
        ("'Segoe UI', 'Helvetica Neue', Arial, sans-serif", "Segoe UI"),
        ("-apple-system, BlinkMacSystemFont, Roboto, sans-serif", "Roboto"),
        ('"Font Awesome 6 Free"', ""),
        ("Ionicons", ""),
        ("sans-serif", ""),
        ("Arial", "Arial"),
    ],
)
def test_first_real_family_of_a_stack(stack: str, expected: str) -> None:
    assert first_family(stack) == expected


def test_body_font_first_then_headings() -> None:
    css = """
    :root { --body: "Sora", sans-serif; }
    body { font-family: var(--body); }
    h1, h2, h3 { font-family: 'Lora', serif; }
    """
    html = "<h1>a</h1>" + "<h2>b</h2>" * 10 + "<p>c</p>"

    assert fonts(css, html) == ["Sora", "Lora"]


def test_font_shorthand() -> None:
    css = "body { font: italic 400 1rem/1.6 'Karla', sans-serif; } .x { font: inherit; }"

    assert fonts(css, "<p>x</p>") == ["Karla"]


def test_icon_fonts_and_font_face_icon_sets_are_skipped() -> None:
    css = """
    @font-face { font-family: "icomoon"; src: url(icomoon.woff); }
    @font-face { font-family: "Brand Sans"; src: url(brand.woff2); }
    .fa { font-family: "Font Awesome 5 Free"; }
    .icon { font-family: icomoon; }
    body { font-family: "Brand Sans", sans-serif; }
    """
    html = '<i class="fa"></i>' * 20 + '<i class="icon"></i>' * 20

    assert fonts(css, html) == ["Brand Sans"]


def test_a_loaded_font_is_listed_even_before_css_uses_it() -> None:
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Poppins:wght@400">'
        "<p>x</p>"
    )

    assert fonts("", html) == ["Poppins"]


def test_google_font_imported_from_css() -> None:
    css = "@import url('https://fonts.googleapis.com/css2?family=Outfit&display=swap');"

    assert fonts(css, "<p>x</p>") == ["Outfit"]
