"""The layouts, by the name a Creative asks for."""

from __future__ import annotations

from collections.abc import Callable

from postloom.render.layouts.frame import Frame
from postloom.render.layouts.overlay import announcement, carousel_cover, story
from postloom.render.layouts.product import product_hero, promotion
from postloom.render.layouts.slide import carousel_slide
from postloom.render.layouts.words import quote, tips

Layout = Callable[[Frame], None]

LAYOUTS: dict[str, Layout] = {
    "product_hero": product_hero,
    "promotion": promotion,
    "quote": quote,
    "tips": tips,
    "announcement": announcement,
    "carousel_cover": carousel_cover,
    "carousel_slide": carousel_slide,
    "story": story,
}

__all__ = ["LAYOUTS", "Frame", "Layout"]
