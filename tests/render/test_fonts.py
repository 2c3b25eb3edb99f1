"""Brand font wishes map to bundled faces by style; the cmap reader sees what fonts hold."""

from __future__ import annotations

import pytest

from postloom.render.cmap import codepoints
from postloom.render.fonts import (
    ARABIC,
    DISPLAY,
    FACES,
    HANDWRITTEN,
    SANS,
    SERIF,
    load,
    style_of,
    typography_for,
)


@pytest.mark.parametrize(
    ("family", "style"),
    [
        ("Playfair Display", SERIF),
        ("'Lora', serif", SERIF),
        ("Montserrat", DISPLAY),
        ("Pacifico", HANDWRITTEN),
        ("Brush Script MT", HANDWRITTEN),
        ("Roboto Slab", SERIF),
        ("Open Sans", SANS),
        ("Helvetica Neue", None),
    ],
)
def test_family_names_map_to_a_style(family: str, style: str | None) -> None:
    assert style_of(family) == style


def test_typography_follows_the_brand_and_keeps_body_text_readable() -> None:
    serif = typography_for(("Playfair Display", "Lato"))
    assert serif.heading == FACES[SERIF][1]
    assert serif.body == FACES[SANS][0]
    script = typography_for(("Dancing Script", "Pacifico"))
    assert script.heading == FACES[HANDWRITTEN][1]
    assert script.body == FACES[SANS][0], "a script face is never used for paragraphs"
    plain = typography_for(())
    assert plain.heading == FACES[DISPLAY][1]


def test_every_bundled_face_loads_with_raqm() -> None:
    for faces in FACES.values():
        for face in faces:
            font = load(face, 40)
            assert font.getlength("Şişli") > 0
    assert load(ARABIC, 40).getlength("مرحبا") > 0


def test_cmap_reader_matches_known_coverage() -> None:
    latin = codepoints(FACES[SANS][0].path)
    assert {ord("A"), ord("ş"), ord("İ"), 0x20BA} <= latin
    assert 0x0627 not in latin  # no Arabic alef in Source Sans
    assert 0x0627 in codepoints(ARABIC.path)
