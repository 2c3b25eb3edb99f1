"""fal's model APIs over plain HTTP (httpx; fal's SDK is not needed for three requests).

fal runs models behind a queue: POST ``{queue}/{model id}`` with the input (``Authorization:
Key …``) answers ``request_id``, ``status_url`` and ``response_url``; the status answers 202
(``IN_QUEUE``, ``IN_PROGRESS``) until it is 200 ``COMPLETED``; the response holds the output
or the model's error (HTTP 422 with ``detail: [{"type": "content_policy_violation", …}]``
when a content checker refused). Pictures come back as URLs on fal's CDN, which we download
through the safe fetcher (public addresses only, size-capped, image types only) without the key.

Two models: a text-to-image model (FLUX, sized by ``image_size``) and, when reference photos
are given, an image-reference model (FLUX Kontext, sized by ``aspect_ratio``; a model id
ending in ``/multi`` receives every reference as ``image_urls``). Reference photos travel as
base64 data URIs, so nothing is uploaded to fal's storage first.
"""

from __future__ import annotations

import base64
import contextlib
import math
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from postloom.integrations.images.base import (
    MAX_REFERENCES,
    ImageError,
    ImageProvider,
    ImageRequest,
    ImageResult,
    ImageUsage,
)
from postloom.integrations.images.check import (
    MAX_BYTES,
    checked_result,
    from_base64,
    invalid,
    media_type,
)
from postloom.integrations.images.fal_errors import error_for_fetch, error_for_status, fal_error
from postloom.integrations.images.prices import ImagePrice, cost_of
from postloom.web.safe_http import FetchError, FetchPolicy, SafeFetcher

NAME = "fal"
DEFAULT_BASE_URL = "https://queue.fal.run"
DEFAULT_MODEL = "fal-ai/flux/dev"
DEFAULT_REFERENCE_MODEL = "fal-ai/flux-pro/kontext"
MAX_AREA = 1536 * 1024  # FLUX's sweet spot; the renderer scales the rest
ASPECTS = {"9:16": 9 / 16, "2:3": 2 / 3, "3:4": 3 / 4, "1:1": 1.0, "4:3": 4 / 3, "3:2": 3 / 2,
           "16:9": 16 / 9}  # fmt: skip
PICTURE_TYPES = ("image/jpeg", "image/png", "image/webp")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_MAX_POLL_SECONDS = 2.0


@dataclass(frozen=True)
class _Handle:
    status_url: str
    response_url: str
    cancel_url: str


class FalImageProvider(ImageProvider):
    name = NAME

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        reference_model: str = DEFAULT_REFERENCE_MODEL,
        base_url: str = "",
        timeout_seconds: float = 120.0,
        poll_seconds: float = 0.5,
        allow_loopback: bool = False,
        prices: dict[str, ImagePrice] | None = None,
    ) -> None:
        if not api_key:
            message = "The fal image provider needs an API key: set FAL_KEY."
            raise ImageError("not_configured", message, permanent=True, provider=NAME)
        self._api_key = api_key
        self.model = model or DEFAULT_MODEL
        self.reference_model = reference_model
        self.supports_references = bool(reference_model)
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.timeout_seconds = timeout_seconds
        self.poll_seconds = poll_seconds
        self.allow_loopback = allow_loopback
        self.prices = prices or {}

    def __repr__(self) -> str:  # never the key
        return f"FalImageProvider(model={self.model!r}, base_url={self.base_url!r})"

    def generate(self, request: ImageRequest) -> ImageResult:
        started = time.monotonic()
        deadline = started + self.timeout_seconds
        references = request.reference_images[:MAX_REFERENCES] if self.supports_references else ()
        model = self.reference_model if references else self.model
        headers = {"Authorization": f"Key {self._api_key}", "Accept": "application/json"}
        with httpx.Client(headers=headers, trust_env=False, follow_redirects=False) as client:
            queued = _call(client, "POST", f"{self.base_url}/{model}", deadline,
                           json=self._payload(request, references))  # fmt: skip
            handle = self._handle(queued, model)
            self._wait(client, handle, deadline)
            answer = _call(client, "GET", handle.response_url, deadline)
        data = self._download(_picture_url(answer), deadline)
        usage = ImageUsage(NAME, model, duration_ms=int((time.monotonic() - started) * 1000))
        result = checked_result(data, usage, used_references=bool(references))
        cost = cost_of(model, self.prices, size=(result.width, result.height))
        usage.cost_usd, usage.note = cost.usd, cost.note
        return result

    def _payload(self, request: ImageRequest, references: tuple[bytes, ...]) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "prompt": request.full_prompt(),
            "num_images": 1,
            "output_format": "jpeg",
        }
        if not references:
            payload["image_size"] = image_size(request.size)
            payload["enable_safety_checker"] = True
            return payload
        uris = [_data_uri(data) for data in references]
        if self.reference_model.rstrip("/").endswith("/multi"):
            payload["image_urls"] = uris
        else:
            payload["image_url"] = uris[0]
        payload["aspect_ratio"] = aspect_ratio(request.aspect)
        payload["safety_tolerance"] = "2"
        return payload

    def _handle(self, queued: dict[str, Any], model: str) -> _Handle:
        """Where to poll; the key goes only to our configured queue host, whatever is answered."""
        request_id = str(queued.get("request_id") or "")
        if not _REQUEST_ID.match(request_id):
            raise invalid(NAME, "queue had no request id")
        owner_app = "/".join(model.strip("/").split("/")[:2])  # status URLs drop the path
        base = f"{self.base_url}/{owner_app}/requests/{request_id}"
        status_url = self._own(queued.get("status_url")) or f"{base}/status"
        response_url = self._own(queued.get("response_url")) or base
        cancel_url = self._own(queued.get("cancel_url")) or f"{base}/cancel"
        return _Handle(status_url, response_url, cancel_url)

    def _own(self, url: object) -> str:
        if not isinstance(url, str):
            return ""
        ours, theirs = urlsplit(self.base_url), urlsplit(url)
        same = (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)
        return url if same and theirs.path.startswith(ours.path) else ""

    def _wait(self, client: httpx.Client, handle: _Handle, deadline: float) -> None:
        pause = self.poll_seconds
        while True:
            status = _call(client, "GET", handle.status_url, deadline).get("status")
            if status == "COMPLETED":
                return
            if status not in ("IN_QUEUE", "IN_PROGRESS"):
                raise invalid(NAME, f"queue answered an unknown status ({str(status)[:20]})")
            if time.monotonic() + pause >= deadline:
                _cancel(client, handle)
                raise _no_picture_in_time()
            time.sleep(pause)
            pause = min(pause * 1.5, _MAX_POLL_SECONDS)

    def _download(self, url: str, deadline: float) -> bytes:
        if url.startswith("data:"):
            return _from_data_uri(url)
        remaining = max(1.0, deadline - time.monotonic())
        policy = FetchPolicy(
            allow_loopback=self.allow_loopback,
            max_bytes=MAX_BYTES,
            read_timeout=remaining,
            total_timeout=remaining,
            max_redirects=2,
            respect_robots=False,
        )
        try:
            with SafeFetcher(policy) as fetcher:
                return fetcher.fetch(url, accept=PICTURE_TYPES).body
        except FetchError as exc:
            raise error_for_fetch(exc) from None


def image_size(size: tuple[int, int]) -> dict[str, int]:
    """The requested size, scaled into FLUX's range, both sides multiples of 32."""
    width, height = size
    scale = min(1.0, math.sqrt(MAX_AREA / max(1, width * height)))
    return {
        "width": max(256, round(width * scale / 32) * 32),
        "height": max(256, round(height * scale / 32) * 32),
    }


def aspect_ratio(aspect: float) -> str:
    return min(ASPECTS, key=lambda name: abs(math.log(ASPECTS[name] / aspect)))


def _call(
    client: httpx.Client, method: str, url: str, deadline: float, **kwargs: Any
) -> dict[str, Any]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _no_picture_in_time()
    try:
        response = client.request(method, url, timeout=min(remaining, 60.0), **kwargs)
    except httpx.TimeoutException:
        raise fal_error("timeout", "no answer in time", False) from None
    except httpx.HTTPError:
        raise fal_error("unreachable", "the image service could not be reached", False) from None
    if response.status_code >= 400:
        raise error_for_status(response)
    try:
        body = response.json()
    except ValueError:
        raise invalid(NAME, "answer was not JSON") from None
    if not isinstance(body, dict):
        raise invalid(NAME, "answer was not a JSON object")
    return body


def _no_picture_in_time() -> ImageError:
    return fal_error("timeout", "no picture in time", False)


def _cancel(client: httpx.Client, handle: _Handle) -> None:
    # Best effort: a request we stopped waiting for should not keep running (and billing).
    with contextlib.suppress(httpx.HTTPError):
        client.put(handle.cancel_url, timeout=5.0)


def _picture_url(answer: dict[str, Any]) -> str:
    flagged = answer.get("has_nsfw_concepts")
    if isinstance(flagged, list) and any(flagged):
        # FLUX's safety checker blacks the picture out rather than failing the request.
        raise fal_error("refused", "the content checker declined this picture", True)
    images = answer.get("images")
    first = images[0] if isinstance(images, list) and images else None
    url = first.get("url") if isinstance(first, dict) else None
    if not isinstance(url, str) or not url:
        raise invalid(NAME, "was missing from the answer")
    return url


def _data_uri(data: bytes) -> str:
    return f"data:{media_type(data)};base64,{base64.b64encode(data).decode()}"


def _from_data_uri(uri: str) -> bytes:
    header, _, encoded = uri.partition(",")
    if not header.endswith(";base64") or len(encoded) > MAX_BYTES * 4 // 3 + 4:
        raise invalid(NAME, "was not a usable data URI")
    return from_base64(encoded, NAME)
