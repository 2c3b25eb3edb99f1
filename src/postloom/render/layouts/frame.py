"""What every layout draws with: the canvas, the brand, the safe area and text roles."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from PIL import Image

from postloom.render import bands
from postloom.render.color import RGB, Palette
from postloom.render.fonts import FontFace, Typography
from postloom.render.kit import Box, BrandKit, CanvasSize, Creative, TextBox
from postloom.render.output import Encoder
from postloom.render.textfit import TextStyle

MARGIN = 72
GAP = 28


@dataclass
class Frame:
    """A creative being drawn.

    The canvas is black until something is drawn. A photo still being decoded is placed
    the first time the canvas is used, so a layout fits its texts while the photo decodes.
    Tints and fades asked for before then wait for it too, and are then applied together on
    two threads (see `bands`). Rows the layout has finished are sealed, and their JPEG is
    written while it draws the rest (see `output.Encoder`).
    """

    kit: BrandKit
    creative: Creative
    size: CanvasSize
    palette: Palette
    typography: Typography
    text_boxes: list[TextBox] = field(default_factory=list)
    _canvas: Image.Image | None = field(default=None, repr=False)
    _pending: tuple[Future[Image.Image], Callable[[Image.Image], None]] | None = field(
        default=None, repr=False
    )
    _queued: list[tuple[Box, bands.Work]] = field(default_factory=list, repr=False)
    encoder: Encoder = field(default_factory=Encoder, repr=False)

    @property
    def canvas(self) -> Image.Image:
        self.settle()
        if self._canvas is None:
            self._canvas = Image.new("RGB", (self.width, self.height))
        return self._canvas

    @canvas.setter
    def canvas(self, image: Image.Image) -> None:
        self.settle()  # what was asked for earlier happens first
        self._canvas = image

    def place_later(self, image: Future[Image.Image], place: Callable[[Image.Image], None]) -> None:
        """Call `place` with the image once it is ready, before the canvas is next used."""
        self.settle()
        self._pending = (image, place)

    def process(self, box: Box, work: bands.Work) -> None:
        """Apply a pixel-by-pixel operation to `box` of the canvas (now, or with the others
        asked for while the photo decodes, once it is placed)."""
        if self._pending is not None:
            self._queued.append((box, work))
        else:
            bands.apply(self.canvas, [(box, work)])

    def seal(self, top: int, bottom: int) -> None:
        """Nothing more will be drawn in rows `top` to `bottom`, so the second thread can
        write their JPEG while the rest is drawn. A layout seals only what its plan shows
        is finished (a test checks every layout's file against its finished canvas)."""
        self.encoder.seal(self.canvas, top, bottom)

    def seal_while(self, top: int, bottom: int, decoding: Future[Image.Image]) -> None:
        """`seal`, for a layout about to wait for its photo: until it is decoded, the JPEG
        of those rows is written here instead."""
        self.encoder.write(self.canvas, top, bottom, until=decoding.done)

    def settle(self) -> None:
        """Place a photo still to be placed (waiting for it), then the tints asked for."""
        if self._pending is not None:
            image, place = self._pending
            self._pending = None
            place(image.result())
            queued, self._queued = self._queued, []
            if queued:
                bands.apply(self.canvas, queued)

    @property
    def width(self) -> int:
        return self.size.width

    @property
    def height(self) -> int:
        return self.size.height

    @property
    def content(self) -> Box:
        """Where text and logos may go: inside the margins and out of Instagram's UI bands."""
        top = max(MARGIN, self.size.unsafe_top)
        bottom = self.height - max(MARGIN, self.size.unsafe_bottom)
        return (MARGIN, top, self.width - MARGIN, bottom)

    @property
    def is_tall(self) -> bool:
        return self.height / self.width > 1.5

    @property
    def is_square(self) -> bool:
        return self.height == self.width

    def style(
        self, role: str, max_size: int | None = None, max_lines: int | None = None
    ) -> TextStyle:
        face, low, high, spacing, lines = _role_spec(self.typography, role)
        high = high if max_size is None else max(low, max_size)
        lines = lines if max_lines is None else max_lines
        return TextStyle(face, low, high, spacing, lines, self.kit.language)

    def text_candidates(self, *preferred: RGB) -> tuple[RGB, ...]:
        return (*preferred, *self.palette.text_candidates)


def _role_spec(t: Typography, role: str) -> tuple[FontFace, int, int, float, int]:
    """face, min px, max px, line spacing, max lines. Minimums stay legible on a phone."""
    specs: dict[str, tuple[FontFace, int, int, float, int]] = {
        "headline": (t.heading, 52, 128, 1.08, 4),
        "body": (t.body, 30, 46, 1.3, 6),
        "eyebrow": (t.body_bold, 26, 32, 1.1, 1),
        "price": (t.heading, 56, 170, 1.0, 2),
        "cta": (t.body_bold, 30, 40, 1.1, 1),
        "item": (t.body, 30, 48, 1.2, 3),
        "quote": (t.quote, 40, 88, 1.22, 8),
        "attribution": (t.body_bold, 28, 36, 1.2, 2),
        "counter": (t.body_bold, 28, 34, 1.1, 1),
        "brand": (t.heading, 28, 40, 1.1, 1),
        "number": (t.heading, 30, 44, 1.0, 1),
        "slide_number": (t.heading, 72, 150, 1.0, 1),
    }
    return specs[role]


def inset(box: Box, by: int) -> Box:
    return (box[0] + by, box[1] + by, box[2] - by, box[3] - by)


def pad(box: Box, by: int, limit: Box | None = None) -> Box:
    left, top, right, bottom = box[0] - by, box[1] - by, box[2] + by, box[3] + by
    if limit is not None:
        left, top = max(left, limit[0]), max(top, limit[1])
        right, bottom = min(right, limit[2]), min(bottom, limit[3])
    return (left, top, right, bottom)
