"""A local stand-in for OpenAI's Images API (GPT Image and DALL·E).

A plain WSGI app; run it with ``postloom.sandbox.server.serve`` and use ``<base URL>/v1`` as
the image provider's ``OPENAI_BASE_URL``. Every answer is a real picture: a gradient drawn
from the prompt at the requested size (JPEG, PNG or WebP as asked). ``with_chat(chat_app,
images_app)`` serves this and the chat simulator (``openai_api``) on one address, as OpenAI does.

Endpoints (``Authorization: Bearer <api_key>``):

    POST /v1/images/generations   JSON: model, prompt, size, n, quality, output_format or
                                  response_format=b64_json (DALL·E)
    POST /v1/images/edits         multipart: image[] (or image) files, prompt, model, size, ...

Configuration (attributes of ``OpenAIImagesSimulator``; safe to change between requests):

    api_key                     the one key accepted (None accepts any)
    revised_prompt              sent back with each picture (DALL·E 3 does), default none
    input_tokens, output_tokens the ``usage`` reported for GPT Image models (DALL·E: none)

Failure switches:

    status=401|403|429|500|503  answer with that error (OpenAI's JSON error shape); 429 sends
                                ``retry-after`` and ``retry-after-ms`` (``retry_after``)
    fail_times=N                only the next N requests fail, then it answers normally
    refuse=True                 400 ``moderation_blocked``: the content policy declined
    no_quota=True               429 ``insufficient_quota``
    delay=seconds               wait before answering (for client timeouts)
    corrupt=True                base64 that decodes to bytes that are not a picture
    oversized=True              a real PNG of 20000 × 20000 pixels (a decompression bomb)

Every request is recorded in ``requests`` (path, headers, JSON or form fields, files).
"""

from __future__ import annotations

import base64
import hashlib
import io
import struct
import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from PIL import Image, ImageDraw

from postloom.sandbox.openai_api import SERVER_ERROR, ErrorShape, openai_error
from postloom.sandbox.wsgi import (
    Reply,
    failing_now,
    json_object,
    parse_multipart,
    read_body,
    request_headers,
    retry_after_headers,
    send,
)

GENERATIONS_PATH = "/v1/images/generations"
EDITS_PATH = "/v1/images/edits"
SANDBOX_KEY = "sk-sandbox"
BOMB_SIDE = 20_000

Json = dict[str, Any]

_ERRORS: dict[int, ErrorShape] = {
    400: ("invalid_request_error", "invalid_request", "Invalid request"),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("invalid_request_error", "unsupported_country_region_territory", "Not allowed."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached for images per minute."),
    500: ("server_error", "server_error", "The server had an error processing your request."),
    503: ("server_error", "service_unavailable", "The engine is currently overloaded."),
}
_MODERATION: ErrorShape = (
    "image_generation_user_error",
    "moderation_blocked",
    "Your request was rejected by the safety system.",
)
_NO_QUOTA: ErrorShape = (
    "insufficient_quota",
    "insufficient_quota",
    "You exceeded your current quota.",
)


@dataclass(frozen=True)
class RecordedImageRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    fields: Json  # the JSON body, or the multipart form's text fields
    files: list[tuple[str, str, bytes]] = field(default_factory=list)  # (field, type, bytes)


@dataclass
class OpenAIImagesSimulator:
    api_key: str | None = SANDBOX_KEY
    revised_prompt: str = ""
    input_tokens: int = 60
    output_tokens: int = 1056
    status: int | None = None
    fail_times: int | None = None
    retry_after: float = 1.0
    refuse: bool = False
    no_quota: bool = False
    delay: float = 0.0
    corrupt: bool = False
    oversized: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: list[RecordedImageRequest] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return send(start_response, self._handle(environ), ("x-request-id", "req_sandbox_images"))

    def _handle(self, environ: WSGIEnvironment) -> Reply:
        path = environ.get("PATH_INFO", "")
        if path not in (GENERATIONS_PATH, EDITS_PATH) or environ["REQUEST_METHOD"] != "POST":
            return _error(404, f"Unknown request URL: {path}")
        request = _record(environ)
        with self._lock:
            self.requests.append(request)
        if self.delay:
            time.sleep(self.delay)
        return self._checked(request) or self._failure() or self._picture(request)

    def _checked(self, request: RecordedImageRequest) -> Reply | None:
        expected = f"Bearer {self.api_key}"
        if self.api_key is not None and request.headers.get("authorization") != expected:
            return _error(401)
        if not str(request.fields.get("prompt") or "").strip():
            return _error(400, "prompt is required")
        if request.path == EDITS_PATH and not request.files:
            return _error(400, "image is required")
        return None

    def _failure(self) -> Reply | None:
        switched = self.status is not None or self.refuse or self.no_quota
        if not switched or not failing_now(self, self._lock):
            return None
        if self.refuse:
            return _error(400, shape=_MODERATION)
        if self.no_quota:
            return _error(429, shape=_NO_QUOTA)
        assert self.status is not None
        reply = _error(self.status)
        if self.status == 429:
            reply.headers += retry_after_headers(self.retry_after)
        return reply

    def _picture(self, request: RecordedImageRequest) -> Reply:
        fields = request.fields
        model = str(fields.get("model") or "dall-e-2")
        size = _size(str(fields.get("size") or "1024x1024"))
        kind = str(fields.get("output_format") or "png")
        if self.corrupt:
            data = b"this is not a picture at all"
        elif self.oversized:
            data = bomb()
        else:
            data = draw_picture(str(fields["prompt"]), size, kind)
        item: Json = {"b64_json": base64.b64encode(data).decode()}
        if self.revised_prompt:
            item["revised_prompt"] = self.revised_prompt
        body: Json = {"created": int(time.time()), "data": [item]}
        if model.startswith("gpt-image"):
            image_in = 323 * len(request.files)
            body |= {"output_format": kind, "size": f"{size[0]}x{size[1]}",
                     "quality": fields.get("quality") or "auto", "background": "opaque",
                     "usage": _usage(self.input_tokens, image_in, self.output_tokens)}  # fmt: skip
        return Reply(200, body)


def draw_picture(prompt: str, size: tuple[int, int], kind: str = "png") -> bytes:
    """A deterministic picture for ``prompt``: a two-colour gradient with a disc in the middle."""
    digest = hashlib.sha256(prompt.encode()).digest()
    width, height = size
    mask = Image.linear_gradient("L").resize((width, height))
    picture = Image.composite(Image.new("RGB", size, tuple(digest[3:6])),
                              Image.new("RGB", size, tuple(digest[0:3])), mask)  # fmt: skip
    radius = min(width, height) // 4
    x, y = width // 2, height // 2
    ImageDraw.Draw(picture).ellipse((x - radius, y - radius, x + radius, y + radius),
                                    fill=tuple(digest[6:9]))  # fmt: skip
    out = io.BytesIO()
    picture.save(out, {"jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP"}.get(kind, "PNG"))
    return out.getvalue()


def bomb() -> bytes:
    """A small PNG whose header claims 20000 × 20000 pixels: what a careless decoder expands.

    Written chunk by chunk: asking Pillow to encode that many pixels would take seconds.
    """
    header = struct.pack(">IIBBBBB", BOMB_SIDE, BOMB_SIDE, 8, 2, 0, 0, 0)  # 8-bit RGB
    pixels = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_chat(chat: WSGIApplication, images: WSGIApplication) -> WSGIApplication:
    """One app for both simulators: /v1/images/* to ``images``, everything else to ``chat``."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        target = images if environ.get("PATH_INFO", "").startswith("/v1/images/") else chat
        return target(environ, start_response)

    return app


def _usage(text_tokens: int, image_tokens: int, output_tokens: int) -> Json:
    return {
        "input_tokens": text_tokens + image_tokens,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": image_tokens},
        "output_tokens": output_tokens,
        "total_tokens": text_tokens + image_tokens + output_tokens,
    }


def _size(text: str) -> tuple[int, int]:
    if text == "auto":
        return (1024, 1024)
    try:
        width, height = (int(side) for side in text.split("x"))
    except ValueError:
        return (1024, 1024)
    return (min(max(width, 64), 4096), min(max(height, 64), 4096))


def _record(environ: WSGIEnvironment) -> RecordedImageRequest:
    raw = read_body(environ)
    headers = request_headers(environ)
    content_type = environ.get("CONTENT_TYPE", "")
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    if content_type.startswith("multipart/form-data"):
        fields, files = parse_multipart(content_type, raw)
        return RecordedImageRequest(method, path, headers, dict(fields), files)
    return RecordedImageRequest(method, path, headers, json_object(raw))


def _error(status: int, message: str = "", shape: ErrorShape | None = None) -> Reply:
    return openai_error(status, shape or _ERRORS.get(status, SERVER_ERROR), message)
