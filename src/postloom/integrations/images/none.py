"""The default: no AI images. The renderer keeps using product photos and brand backgrounds."""

from __future__ import annotations

from postloom.integrations.images.base import ImageError, ImageProvider, ImageRequest, ImageResult


class NoImageProvider(ImageProvider):
    name = "none"

    @property
    def enabled(self) -> bool:
        return False

    def generate(self, request: ImageRequest) -> ImageResult:
        message = "No AI image provider is set up: set POSTLOOM_IMAGE_PROVIDER to openai or fal."
        raise ImageError("not_configured", message, permanent=True, provider=self.name)
