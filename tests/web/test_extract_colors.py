"""Colors: parsing every CSS syntax, weighing by use, and the logo's palette."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from coloraide import Color as CAColor
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from postloom.web.colors import (
    colors_in,
    css_color_tallies,
    image_palette,
    parse_color,
    rank_colors,
)
from postloom.web.crawl import crawl_site
from postloom.web.css import SelectorMatcher, build_style_model
from postloom.web.extract import extract_site
from postloom.web.folder_fetch import FolderFetcher
from postloom.web.site import Color

HOME = "https://site.test/"


def ranked(css: str, html: str) -> list[Color]:
    tree = LexborHTMLParser(html)
    model = build_style_model([css], [tree])
    return rank_colors(css_color_tallies(model, SelectorMatcher([tree])))


def hexes(colors: list[Color]) -> list[str]:
    return [c.hex for c in colors]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("#C0392B", "#c0392b"),
        ("#abc", "#aabbcc"),
        ("rgb(111, 78, 55)", "#6f4e37"),
        ("rgb(111 78 55 / 100%)", "#6f4e37"),
        ("hsl(169 88% 75%)", "#87f7e3"),  # modern space-separated syntax
        ("hsla(169, 88%, 75%, 1)", "#87f7e3"),
        ("teal", "#008080"),
        ("RebeccaPurple", "#663399"),
        ("oklch(70% 0.1 200)", "#40b1b7"),
    ],
)
def test_parse_color_syntaxes(written: str, expected: str) -> None:
    assert parse_color(written) == (expected, 1.0)


@pytest.mark.parametrize("word", ["transparent", "currentColor", "inherit", "right", "solid"])
def test_words_that_are_not_colors(word: str) -> None:
    assert parse_color(word) is None


def test_colors_in_a_gradient_and_faint_shadows_skipped() -> None:
    value = "linear-gradient(135deg, #f8a5c2 0%, #786fa6 100%), url(red.png)"

    assert colors_in(value) == [("#f8a5c2", 1.0), ("#786fa6", 1.0)]
    assert colors_in("0 2px 8px rgba(0, 0, 0, 0.08)") == []


def test_var_references_are_resolved_with_fallbacks() -> None:
    css = """
    :root { --accent: var(--teal, #123456); --teal: hsl(180 100% 25%); }
    .btn { background: var(--accent); }
    .card { border-color: var(--missing, #ff0000); }
    """
    html = '<a class="btn">Go</a><div class="card"></div>'

    assert hexes(ranked(css, html))[:2] == ["#008080", "#ff0000"]


def test_buttons_outweigh_decoration_and_rules_that_match_nothing() -> None:
    css = """
    .btn-order { background-color: #e4572e; color: #fff; }
    .modal-never-shown { background: #29335c; }
    .card { border: 1px solid #669bbc; }
    """
    html = '<a class="btn-order">Order</a>' + '<div class="card"></div>' * 3

    assert hexes(ranked(css, html))[0] == "#e4572e"


def test_header_and_primary_variable_count_more_than_body_copy() -> None:
    css = """
    :root { --primary: #2a9d8f; }
    header { background: var(--primary); }
    p { color: #6a4c93; }
    """
    html = "<header></header>" + "<p>text</p>" * 3

    colors = ranked(css, html)
    assert colors[0].hex == "#2a9d8f"
    assert "css-var:--primary" in colors[0].sources


def test_greys_are_damped_unless_they_dominate() -> None:
    css = "body { background: #fff; color: #222; } a, .btn { color: #d62828; }"
    assert hexes(ranked(css, '<a href="/">x</a><a class="btn">y</a>'))[0] == "#d62828"

    only_grey = "body { background: #f4f4f4; color: #333333; } h1 { color: #111111; }"
    assert hexes(ranked(only_grey, "<h1>x</h1>"))[0] in ("#333333", "#f4f4f4", "#111111")


def test_hover_and_media_query_colors_count_less() -> None:
    css = """
    .btn { background: #1d3557; }
    .btn:hover { background: #e63946; }
    @media (max-width: 600px) { .btn { background: #f4a261; } }
    """
    assert hexes(ranked(css, '<a class="btn">x</a>'))[0] == "#1d3557"


def test_style_attributes_count_with_their_element_role() -> None:
    html = '<header style="background-color: #118ab2"></header><p style="color: #ef476f">x</p>'

    assert hexes(ranked("", html))[0] == "#118ab2"


def test_near_identical_shades_merge_into_one_color() -> None:
    css = ".btn { background: #e4572e; } a { color: #e5582f; }"

    colors = ranked(css, '<a class="btn">x</a><a href="/">y</a>')
    assert hexes(colors) == ["#e4572e"]


# --- the logo's palette ----------------------------------------------------------------------


def logo_png() -> bytes:
    """A transparent 100x100 logo: a red block (60% of the visible pixels) and a navy block."""
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((192, 57, 43, 255), (0, 0, 60, 50))
    image.paste((20, 33, 61, 255), (60, 0, 100, 50))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_image_palette_ignores_transparent_pixels() -> None:
    palette = dict(image_palette(logo_png(), "image/png"))

    assert set(palette) == {"#c0392b", "#14213d"}
    assert palette["#c0392b"] == pytest.approx(0.6, abs=0.02)  # thumbnailing rounds a little


def test_svg_logo_palette_from_its_fill_colors() -> None:
    svg = b'<svg><path fill="#0b7a75"/><path fill="#0b7a75"/><circle style="fill: gold"/></svg>'

    assert image_palette(svg, "image/svg+xml") == [("#0b7a75", 2 / 3), ("#ffd700", 1 / 3)]


def test_a_broken_image_has_no_palette() -> None:
    assert image_palette(b"not an image", "image/png") == []


def test_logo_palette_joins_the_site_colors(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<header><a href="/"><img src="img/brand-logo.png" alt="Tomato Logo"></a></header>'
        "<h1>Tomato Trattoria</h1><p>Wood-fired pizza in the old harbour since 1998.</p>"
    )
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "brand-logo.png").write_bytes(logo_png())
    fetcher = FolderFetcher(tmp_path, HOME)

    site = extract_site(crawl_site(HOME, fetcher), fetcher)

    assert site.logo_url == HOME + "img/brand-logo.png"
    assert site.colors[0].hex == "#c0392b"
    assert site.colors[0].sources == ["logo"]
    assert float(CAColor(site.colors[1].hex).delta_e("#14213d", method="2000")) < 1
    assert (site.images[0].width, site.images[0].height) == (100, 100)
