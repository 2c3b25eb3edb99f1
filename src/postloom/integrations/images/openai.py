"""OpenAI's Images API (GPT Image, DALL·E) through the ``openai`` SDK — the only module that
imports it. ``images.generate`` makes a picture from words; with reference photos (a persona)
a GPT Image model gets ``images.edit``, which keeps the person's look. Pictures come back as
base64 (``b64_json``); every SDK error becomes an ImageError with our own words.
"""

from __future__ import annotations

import time
from typing import Any

import openai

from postloom.integrations.images.base import (
    MAX_REFERENCES,
    ImageError,
    ImageProvider,
    ImageRequest,
    ImageResult,
    ImageUsage,
)
from postloom.integrations.images.check import checked_result, from_base64, invalid, media_type
from postloom.integrations.images.prices import ImagePrice, cost_of

DEFAULT_MODEL = "gpt-image-1"
NAME = "openai"
# (portrait, square, landscape): the sizes each family makes.
_GPT_IMAGE_SIZES = ("1024x1536", "1024x1024", "1536x1024")
_DALL_E_3_SIZES = ("1024x1792", "1024x1024", "1792x1024")
_REFUSAL_CODES = ("moderation_blocked", "content_policy_violation", "content_filter")


class OpenAIImageProvider(ImageProvider):
    name = NAME

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str = "",
        quality: str = "medium",
        timeout_seconds: float = 120.0,
        max_retries: int = 1,
        prices: dict[str, ImagePrice] | None = None,
    ) -> None:
        if not api_key:
            message = "The openai image provider needs an API key: set OPENAI_API_KEY."
            raise ImageError("not_configured", message, permanent=True, provider=NAME)
        self.model = model or DEFAULT_MODEL
        self.quality = quality
        self.prices = prices or {}
        self.supports_references = not self._dall_e
        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url or None,
            timeout=timeout_seconds,
            max_retries=max_retries,
        )

    def __repr__(self) -> str:  # never the key
        return f"OpenAIImageProvider(model={self.model!r})"

    @property
    def _dall_e(self) -> bool:
        return self.model.startswith("dall-e")

    def generate(self, request: ImageRequest) -> ImageResult:
        started = time.monotonic()
        references = request.reference_images[:MAX_REFERENCES] if self.supports_references else ()
        try:
            if references:
                files = [_upload(i, data) for i, data in enumerate(references, start=1)]
                response = self._client.images.edit(image=files, **self._params(request))
            else:
                response = self._client.images.generate(**self._params(request))
        except openai.OpenAIError as exc:
            raise map_error(exc) from None
        data, revised = _picture(response)
        usage = self._usage(request, response, started)
        if request.reference_images and not references:
            usage.note = f"{self.model} cannot use reference photos; made from the words alone"
        return checked_result(data, usage, revised_prompt=revised, used_references=bool(references))

    def _params(self, request: ImageRequest) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "prompt": request.full_prompt(),
            "n": 1,
            "size": self._size(request.aspect),
        }
        if self._dall_e:
            params["response_format"] = "b64_json"
            if self.model.startswith("dall-e-3"):
                params["quality"] = "hd" if self.quality == "high" else "standard"
        else:  # GPT Image always answers in base64; JPEG keeps photos small
            params["output_format"] = "jpeg"
            if self.quality:
                params["quality"] = self.quality
        return params

    def _size(self, aspect: float) -> str:
        sizes = _DALL_E_3_SIZES if self.model.startswith("dall-e-3") else _GPT_IMAGE_SIZES
        if self.model.startswith("dall-e-2"):
            return "1024x1024"
        if aspect < 0.85:
            return sizes[0]
        return sizes[2] if aspect > 1.18 else sizes[1]

    def _usage(self, request: ImageRequest, response: Any, started: float) -> ImageUsage:
        counted = getattr(response, "usage", None)
        details = getattr(counted, "input_tokens_details", None)
        text_tokens = int(getattr(details, "text_tokens", 0) or 0)
        image_tokens = int(getattr(details, "image_tokens", 0) or 0)
        output_tokens = int(getattr(counted, "output_tokens", 0) or 0)
        size = tuple(int(side) for side in self._size(request.aspect).split("x"))
        cost = cost_of(self.model, self.prices, size=(size[0], size[1]), text_tokens=text_tokens,
                       image_tokens=image_tokens, output_tokens=output_tokens)  # fmt: skip
        return ImageUsage(
            provider=NAME,
            model=self.model,
            input_tokens=text_tokens + image_tokens,
            output_tokens=output_tokens,
            cost_usd=cost.usd,
            duration_ms=int((time.monotonic() - started) * 1000),
            note=cost.note,
        )


def _upload(number: int, data: bytes) -> tuple[str, bytes, str]:
    kind = media_type(data)
    return (f"reference-{number}.{kind.removeprefix('image/')}", data, kind)


def _picture(response: Any) -> tuple[bytes, str]:
    pictures = getattr(response, "data", None) or []
    encoded = getattr(pictures[0], "b64_json", None) if pictures else None
    if not isinstance(encoded, str) or not encoded:
        raise invalid(NAME, "was missing from the answer")
    return from_base64(encoded, NAME), str(getattr(pictures[0], "revised_prompt", "") or "")


# --- Errors --------------------------------------------------------------------------------


def map_error(exc: openai.OpenAIError) -> ImageError:
    """Our code, permanence and words for an SDK error (never the vendor's message)."""
    code, permanent, message = _classify(exc)
    status = getattr(exc, "status_code", None)
    detail = f" (HTTP {status})" if isinstance(status, int) else ""
    return ImageError(code, f"{NAME}: {message}{detail}.", permanent=permanent, provider=NAME,
                      retry_after=_retry_after(exc))  # fmt: skip


def _classify(exc: openai.OpenAIError) -> tuple[str, bool, str]:
    vendor_code = str(getattr(exc, "code", "") or "")
    if isinstance(exc, openai.APITimeoutError):  # before APIConnectionError, its parent
        return "timeout", False, "no answer in time"
    if isinstance(exc, openai.APIConnectionError):
        return "unreachable", False, "the image service could not be reached"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "auth", True, "the API key was refused"
    if isinstance(exc, openai.RateLimitError):
        if vendor_code == "insufficient_quota":
            return "quota", True, "the account has no credit or quota left"
        return "rate_limited", False, "too many requests; try again shortly"
    if vendor_code in _REFUSAL_CODES:
        return "refused", True, "the content policy declined this picture"
    if isinstance(exc, openai.NotFoundError):
        return "not_configured", True, "the model or API address was not found"
    if isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return "bad_request", True, "the image service rejected the request"
    if isinstance(exc, openai.APIStatusError) and exc.status_code < 500:
        return "bad_request", True, "the image service rejected the request"
    if isinstance(exc, openai.APIResponseValidationError):
        return "invalid_output", True, "the answer was not usable"
    return "server", False, "the image service had an internal error"


def _retry_after(exc: openai.OpenAIError) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            return float(headers.get(name)) / scale
        except (TypeError, ValueError):
            continue
    return None
