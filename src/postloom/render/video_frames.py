"""Frames of the reel, computed with Pillow as Y'CbCr 4:2:0 planes ready for the encoder.

Each picture is converted once to BT.709 limited-range Y'CbCr planes (luma at full size,
chroma at half), so a frame costs three sub-pixel resizes of one channel each: less than half
the work of an RGB frame, and the encoder takes it as is, with no conversion of its own.
Compositing (text over a frame, a crossfade between two) is linear, so doing it on Y'CbCr
gives the same pixels as doing it on RGB and converting after.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image, ImageFilter

from postloom.render import backgrounds, photo
from postloom.render.color import BLACK, Palette
from postloom.render.errors import RenderError
from postloom.render.motion import GENTLE_ZOOM, OVERSIZE, Move, Timeline
from postloom.render.video_kit import CONTAIN, HEIGHT, WIDTH

_KR, _KB = 0.2126, 0.0722
_KG = 1 - _KR - _KB
_Y, _C = 219 / 255, 224 / 255
# RGB -> Y'CbCr (BT.709, limited range), as the 3x4 matrix Image.convert takes.
BT709_LIMITED = (
    _KR * _Y, _KG * _Y, _KB * _Y, 16.0,
    -_KR / (2 * (1 - _KB)) * _C, -_KG / (2 * (1 - _KB)) * _C, 0.5 * _C, 128.0,
    0.5 * _C, -_KG / (2 * (1 - _KR)) * _C, -_KB / (2 * (1 - _KR)) * _C, 128.0,
)  # fmt: skip
SOURCE_SIZE = (round(WIDTH * OVERSIZE / 2) * 2, round(HEIGHT * OVERSIZE / 2) * 2)
_FRAME = (WIDTH, HEIGHT)
_HALF = (WIDTH // 2, HEIGHT // 2)
_RESAMPLE = Image.Resampling.BILINEAR


@dataclass(frozen=True)
class Planes:
    """A picture as three 8-bit planes: Y' full size, Cb and Cr half size each way."""

    y: Image.Image
    cb: Image.Image
    cr: Image.Image

    def tobytes(self) -> bytes:
        """One raw yuv420p frame."""
        return b"".join((self.y.tobytes(), self.cb.tobytes(), self.cr.tobytes()))


def to_planes(rgb: Image.Image) -> Planes:
    """Convert an RGB image with even sides; chroma is the average of each 2x2 block."""
    y, cb, cr = rgb.convert("RGB", BT709_LIMITED).split()
    half = (rgb.width // 2, rgb.height // 2)
    return Planes(y, cb.resize(half, Image.Resampling.BOX), cr.resize(half, Image.Resampling.BOX))


@dataclass(frozen=True)
class Overlay:
    """A transparent layer (text on a panel) in plane form, placed at even coordinates."""

    planes: Planes
    alpha: Image.Image
    alpha_half: Image.Image
    x: int
    y: int


def to_overlay(layer: Image.Image, x: int, y: int) -> Overlay:
    """An RGBA layer to lay at (x, y); position and size are made even for the chroma."""
    if x % 2 or y % 2 or layer.width % 2 or layer.height % 2:
        padded = Image.new("RGBA", ((layer.width + x % 2 + 1) // 2 * 2,
                                    (layer.height + y % 2 + 1) // 2 * 2))  # fmt: skip
        padded.paste(layer, (x % 2, y % 2))
        layer, x, y = padded, x - x % 2, y - y % 2
    half = (layer.width // 2, layer.height // 2)
    # Resizing RGBA premultiplies, so colours under transparent pixels do not bleed in.
    small = layer.resize(half, Image.Resampling.BOX)
    y_plane = layer.convert("RGB").convert("RGB", BT709_LIMITED).getchannel(0)
    _, cb, cr = small.convert("RGB").convert("RGB", BT709_LIMITED).split()
    return Overlay(Planes(y_plane, cb, cr), layer.getchannel("A"), small.getchannel("A"), x, y)


def lay_over(frame: Planes, overlay: Overlay, opacity: float = 1.0) -> None:
    """Composite the overlay onto a frame's planes in place."""
    alpha, alpha_half = overlay.alpha, overlay.alpha_half
    if opacity <= 0:
        return
    if opacity < 1:
        table = [round(a * opacity) for a in range(256)]
        alpha, alpha_half = alpha.point(table), alpha_half.point(table)
    frame.y.paste(overlay.planes.y, (overlay.x, overlay.y), alpha)
    at = (overlay.x // 2, overlay.y // 2)
    frame.cb.paste(overlay.planes.cb, at, alpha_half)
    frame.cr.paste(overlay.planes.cr, at, alpha_half)


def blend(a: Planes, b: Planes, weight: float) -> Planes:
    """`weight` of b over a."""
    return Planes(
        Image.blend(a.y, b.y, weight),
        Image.blend(a.cb, b.cb, weight),
        Image.blend(a.cr, b.cr, weight),
    )


def prepare_picture(
    data: bytes, focal: tuple[float, float], fit: str, palette: Palette, number: int
) -> Image.Image:
    """The scene's picture as RGB at SOURCE_SIZE (the frame plus room to move)."""
    try:
        if fit == CONTAIN:
            image = photo.open_image(data, "photo")
            image.draft("RGB", SOURCE_SIZE)  # JPEG: decode at a fraction of the size
            return _contained(photo.load(image, "photo"), palette)
        picture = photo.fit_photo(data, SOURCE_SIZE, focal)
    except RenderError as error:
        raise RenderError(error.code, f"image {number}: {error}") from error
    if picture.mode == "RGBA":
        # A cutout stands on the brand background instead of being stretched over the frame.
        return _on_brand(picture, palette)
    return picture


def _contained(image: Image.Image, palette: Palette) -> Image.Image:
    """The whole picture at the centre, as wide as a gentle zoom's closest view, on a
    blurred and darkened copy of itself (a reel never shows bars)."""
    inner = (round(SOURCE_SIZE[0] / GENTLE_ZOOM), round(SOURCE_SIZE[1] / GENTLE_ZOOM))
    picture = photo.contain(image, inner)
    if picture.mode == "RGBA":
        return _on_brand(picture, palette)
    small = (SOURCE_SIZE[0] // 8, SOURCE_SIZE[1] // 8)
    box = photo.cover_box(image.size, small, (0.5, 0.5))
    blurred = image.resize(small, Image.Resampling.BILINEAR, box=box, reducing_gap=2.0)
    blurred = blurred.filter(ImageFilter.GaussianBlur(6))
    ground = Image.blend(blurred, Image.new("RGB", small, BLACK), 0.35)
    ground = ground.resize(SOURCE_SIZE, Image.Resampling.BICUBIC)
    ground.paste(picture, _centred(picture.size, SOURCE_SIZE))
    return ground


def _on_brand(picture: Image.Image, palette: Palette) -> Image.Image:
    ground = backgrounds.brand_background(palette, SOURCE_SIZE, backgrounds.SOFT)
    ground.paste(picture, _centred(picture.size, SOURCE_SIZE), picture)
    return ground


def _centred(inner: tuple[int, int], outer: tuple[int, int]) -> tuple[int, int]:
    return ((outer[0] - inner[0]) // 2, (outer[1] - inner[1]) // 2)


@dataclass
class SceneSource:
    """A scene ready to film: its picture as planes, its camera move and its text."""

    picture: Planes
    move: Move
    overlay: Overlay | None

    @classmethod
    def from_rgb(cls, picture: Image.Image, move: Move, overlay: Overlay | None) -> SceneSource:
        return cls(to_planes(picture), move, overlay)

    def frame(self, progress: float, text: float = 1.0) -> Planes:
        """The scene at `progress` (0..1), its headline at `text` opacity."""
        window = self.move.at(progress)
        box = window.box(self.picture.y.width, self.picture.y.height)
        half = (box[0] / 2, box[1] / 2, box[2] / 2, box[3] / 2)
        planes = Planes(
            _view(self.picture.y, box, _FRAME),
            _view(self.picture.cb, half, _HALF),
            _view(self.picture.cr, half, _HALF),
        )
        if self.overlay is not None:
            lay_over(planes, self.overlay, text)
        return planes


def _view(
    plane: Image.Image, box: tuple[float, float, float, float], size: tuple[int, int]
) -> Image.Image:
    """The part of a plane under `box`, at `size`: a plain crop when the box is whole
    pixels at 1:1 (pans are planned so), else a sub-pixel bilinear resize."""
    left, top, right, bottom = (round(v) for v in box)
    whole = all(abs(v - round(v)) < 1e-6 for v in box)
    if whole and (right - left, bottom - top) == size:
        return plane.crop((left, top, right, bottom))
    return plane.resize(size, _RESAMPLE, box=box)


def film_rgb(picture: Image.Image, move: Move, progress: float) -> Image.Image:
    """The frame a scene shows at `progress`, in RGB at full quality (for the cover)."""
    box = move.at(progress).box(picture.width, picture.height)
    return picture.resize(_FRAME, Image.Resampling.LANCZOS, box=box)


@dataclass
class Film:
    """All segments of a reel and its timeline: computes any frame on demand."""

    timeline: Timeline
    scenes: list[SceneSource]
    card: Planes | None

    def frame(self, number: int) -> Planes:
        shown = self.timeline.active(number)
        if len(shown) == 1:
            return self._segment(shown[0][0], number, 1.0)
        (leaving, _), (coming, weight) = shown
        # Two headlines on top of each other read as neither: the leaving one is gone by the
        # middle of the crossfade, and the coming one appears from there.
        a = self._segment(leaving, number, max(0.0, 1 - 2 * weight))
        b = self._segment(coming, number, max(0.0, 2 * weight - 1))
        return blend(a, b, weight)

    def _only_card(self, number: int) -> bool:
        shown = self.timeline.active(number)
        return len(shown) == 1 and self.timeline.spans[shown[0][0]].kind == "card"

    def _segment(self, index: int, number: int, text: float) -> Planes:
        span = self.timeline.spans[index]
        if span.kind == "card":
            assert self.card is not None
            return self.card
        return self.scenes[span.index].frame(self.timeline.progress(index, number), text)

    def raw_frames(self, workers: int) -> Iterator[bytes]:
        """Every frame as raw yuv420p, in order; `workers` threads compute ahead (Pillow
        lets go of the GIL while it resizes), a few frames at most, to bound memory."""
        total = self.timeline.frame_count
        card_bytes = self.card.tobytes() if self.card is not None else None

        def render(number: int) -> bytes:
            # The card stands still: its frames are one frame's bytes, computed once.
            if card_bytes is not None and self._only_card(number):
                return card_bytes
            return self.frame(number).tobytes()

        yield from _ordered(render, total, workers)


def _ordered(render: Callable[[int], bytes], total: int, workers: int) -> Iterator[bytes]:
    if workers <= 1:
        for number in range(total):
            yield render(number)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reel-frame") as pool:
        pending: deque[Future[bytes]] = deque()
        try:
            for number in range(total):
                pending.append(pool.submit(render, number))
                if len(pending) > workers * 2:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
