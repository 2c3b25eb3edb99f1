"""Still creatives from a brand kit and content: pure functions, no Django.

from postloom.render import BrandKit, Creative, render_creative

result = render_creative(
    BrandKit(name="Zorbey Cafe", colors=("#7a1f1f", "#f4e3c1"), language="tr"),
    Creative(layout="product_hero", headline="Profiterol", price="₺180", photo=jpeg),
)
result.jpeg  # sRGB baseline JPEG, exactly result.width x result.height
"""

from postloom.render.errors import RenderError
from postloom.render.kit import SIZES, BrandKit, CanvasSize, Creative, RenderResult, TextBox
from postloom.render.layouts import LAYOUTS
from postloom.render.render import render_creative

__all__ = [
    "LAYOUTS",
    "SIZES",
    "BrandKit",
    "CanvasSize",
    "Creative",
    "RenderError",
    "RenderResult",
    "TextBox",
    "render_creative",
]
