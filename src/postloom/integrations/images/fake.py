"""A deterministic image provider for tests and demos: a gradient drawn from the prompt.

The same request always gives the same picture, at exactly the requested size. A reference
photo tints it (its average colour becomes one end of the gradient), so a test can see that
references reached the provider. Switches (settings ``FAKE_FAIL``, ``FAKE_CORRUPT``):

    fail="refused"|"timeout"|...   raise ImageError with that code (permanent as the real
                                   providers would say it)
    corrupt=True                   answer bytes that are not a picture (→ invalid_output)
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import replace

from PIL import Image, ImageDraw, ImageStat

from postloom.integrations.images.base import (
    MAX_REFERENCES,
    ImageError,
    ImageProvider,
    ImageRequest,
    ImageResult,
    ImageUsage,
)
from postloom.integrations.images.check import MAX_SIDE, checked_result

MODEL = "fake-gradient-1"
TRANSIENT = ("rate_limited", "timeout", "server", "unreachable")


class FakeImageProvider(ImageProvider):
    name = "fake"
    model = MODEL
    supports_references = True

    def __init__(self, *, fail: str = "", corrupt: bool = False) -> None:
        self.fail = fail
        self.corrupt = corrupt
        self.requests: list[ImageRequest] = []

    def generate(self, request: ImageRequest) -> ImageResult:
        started = time.monotonic()
        request = replace(request, reference_images=request.reference_images[:MAX_REFERENCES])
        self.requests.append(request)
        if self.fail:
            permanent = self.fail not in TRANSIENT
            message = f"fake: failing with {self.fail!r}, as switched on."
            raise ImageError(self.fail, message, permanent=permanent, provider=self.name)
        data = b"not a picture" if self.corrupt else draw(request)
        usage = ImageUsage(self.name, MODEL, duration_ms=int((time.monotonic() - started) * 1000))
        return checked_result(data, usage, used_references=bool(request.reference_images))


def draw(request: ImageRequest) -> bytes:
    digest = hashlib.sha256(request.full_prompt().encode()).digest()
    width, height = (max(64, min(side, MAX_SIDE)) for side in request.size)
    top = _reference_colour(request.reference_images) or tuple(digest[0:3])
    bottom = tuple(digest[3:6])
    mask = Image.linear_gradient("L").resize((width, height))
    picture = Image.composite(Image.new("RGB", (width, height), bottom),
                              Image.new("RGB", (width, height), top), mask)  # fmt: skip
    radius = min(width, height) // 4
    centre = (width // 2, height // 2)
    ImageDraw.Draw(picture).ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=tuple(digest[6:9]),
    )
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def _reference_colour(references: tuple[bytes, ...]) -> tuple[int, ...] | None:
    if not references:
        return None
    with Image.open(io.BytesIO(references[0])) as image:
        mean = ImageStat.Stat(image.convert("RGB")).mean
    return tuple(int(channel) for channel in mean)
