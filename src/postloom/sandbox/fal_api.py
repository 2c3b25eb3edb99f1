"""A local stand-in for fal's queue API and CDN, for the fal image provider.

A plain WSGI app; run it with ``postloom.sandbox.server.serve`` and use its base URL as the
image provider's ``FAL_BASE_URL`` (with ``ALLOW_LOOPBACK`` so the picture can be downloaded).
Every finished request is a real JPEG, drawn from the prompt at the size asked for.

Endpoints (``Authorization: Key <api_key>`` except the files):

    POST /{owner}/{app}[/{path}]                  submit: {request_id, status_url,
                                                  response_url, cancel_url, status: IN_QUEUE}
    GET  /{owner}/{app}/requests/{id}/status      202 IN_QUEUE / IN_PROGRESS, then 200 COMPLETED
    GET  /{owner}/{app}/requests/{id}             the output: {images: [{url, width, height,
                                                  content_type}], seed, has_nsfw_concepts,
                                                  prompt, timings}, or the model's error
    PUT  /{owner}/{app}/requests/{id}/cancel      202 CANCELLATION_REQUESTED
    GET  /files/{name}                            the picture (no key, like fal's CDN)

Input: text-to-image models read ``prompt`` and ``image_size`` ({width, height} or a preset
name); a model whose id contains "kontext" also needs ``image_url`` (or ``image_urls``) as a
data URI of a real picture, and is sized by ``aspect_ratio``. A bad input answers 422 with
fal's ``detail`` list.

Configuration (attributes of ``FalSimulator``): ``api_key`` (None accepts any), ``polls``
(status answers before COMPLETED, default 2).

Failure switches:

    status=401|403|429|500|503  the submit answers that error (429 sends ``retry-after``)
    fail_times=N                only the next N submits fail, then it answers normally
    no_balance=True             403 "User is locked. Reason: Exhausted balance."
    refuse=True                 the output is 422 ``content_policy_violation``
    nsfw=True                   the output's ``has_nsfw_concepts`` is [true] (a blacked-out picture)
    result_status=500|504       the output is that request error (504: ``request_timeout``)
    stuck=True                  the status never leaves IN_PROGRESS
    delay=seconds               wait before answering a submit (for client timeouts)
    no_images=True              the output has an empty ``images`` list
    corrupt=True                the picture file is not a picture
    wrong_type=True             the picture file is served as text/html
    oversized=True              the picture file is a 20000 × 20000 PNG (a decompression bomb)
    private_url=True            the picture's URL points at a private address (10.0.0.1)

Every request is recorded in ``requests`` (method, path, headers, JSON body); cancelled
request ids in ``cancelled``.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from PIL import Image, UnidentifiedImageError

from postloom.sandbox.openai_images import bomb, draw_picture
from postloom.sandbox.wsgi import (
    Reply,
    failing_now,
    json_object,
    origin,
    read_body,
    request_headers,
    retry_after_headers,
    send,
)

SANDBOX_KEY = "fal-sandbox-key"
PRESETS = {"square_hd": (1024, 1024), "square": (512, 512), "portrait_4_3": (768, 1024),
           "portrait_16_9": (576, 1024), "landscape_4_3": (1024, 768),
           "landscape_16_9": (1024, 576)}  # fmt: skip

Json = dict[str, Any]


@dataclass(frozen=True)
class RecordedFalRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Json


@dataclass
class _Job:
    model: str
    body: Json
    polls_left: int
    size: tuple[int, int] = (1024, 1024)


@dataclass
class FalSimulator:
    api_key: str | None = SANDBOX_KEY
    polls: int = 2
    status: int | None = None
    fail_times: int | None = None
    retry_after: float = 1.0
    no_balance: bool = False
    refuse: bool = False
    nsfw: bool = False
    result_status: int | None = None
    stuck: bool = False
    delay: float = 0.0
    no_images: bool = False
    corrupt: bool = False
    wrong_type: bool = False
    oversized: bool = False
    private_url: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}
        self._files: dict[str, bytes] = {}
        self.requests: list[RecordedFalRequest] = []
        self.cancelled: list[str] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return send(start_response, self._handle(environ), ("x-fal-request-id", "sandbox"))

    def _handle(self, environ: WSGIEnvironment) -> Reply:
        request = _record(environ)
        with self._lock:
            self.requests.append(request)
        parts = request.path.strip("/").split("/")
        if request.method == "GET" and len(parts) == 2 and parts[0] == "files":
            return self._file(parts[1])
        expected = f"Key {self.api_key}"
        if self.api_key is not None and request.headers.get("authorization") != expected:
            return Reply(401, {"detail": "Unauthorized"})
        if "requests" in parts:
            return self._queue(request, parts, origin(environ))
        if request.method == "POST" and len(parts) >= 2:
            return self._submit(request, "/".join(parts), origin(environ))
        return Reply(404, {"detail": "Not Found"})

    # --- Submit ----------------------------------------------------------------------------

    def _submit(self, request: RecordedFalRequest, model: str, base: str) -> Reply:
        if self.delay:
            time.sleep(self.delay)
        failure = self._failure()
        if failure is not None:
            return failure
        problem = _invalid_input(model, request.body)
        if problem:
            return Reply(422, {"detail": [problem]})
        with self._lock:
            request_id = f"sandbox-{len(self._jobs) + 1:06d}"
            self._jobs[request_id] = _Job(
                model, request.body, self.polls, _output_size(request.body)
            )
        owner_app = "/".join(model.split("/")[:2])
        url = f"{base}/{owner_app}/requests/{request_id}"
        return Reply(200, {"status": "IN_QUEUE", "request_id": request_id, "response_url": url,
                           "status_url": f"{url}/status", "cancel_url": f"{url}/cancel",
                           "queue_position": 0})  # fmt: skip

    def _failure(self) -> Reply | None:
        switched = self.status is not None or self.no_balance
        if not switched or not failing_now(self, self._lock):
            return None
        if self.no_balance:
            detail = "User is locked. Reason: Exhausted balance. Top up your balance."
            return Reply(403, {"detail": detail})
        assert self.status is not None
        headers: list[tuple[str, str]] = []
        if self.status == 429:  # fal sends whole seconds only
            headers = retry_after_headers(self.retry_after, milliseconds=False)
        return Reply(self.status, {"detail": HTTPStatus(self.status).phrase}, headers)

    # --- Status, result, cancel ----------------------------------------------------------

    def _queue(self, request: RecordedFalRequest, parts: list[str], base: str) -> Reply:
        at = parts.index("requests")
        request_id = parts[at + 1] if len(parts) > at + 1 else ""
        job = self._jobs.get(request_id)
        if job is None:
            return Reply(404, {"detail": "Request not found"})
        action = parts[at + 2] if len(parts) > at + 2 else ""
        if request.method == "PUT" and action == "cancel":
            self.cancelled.append(request_id)
            return Reply(202, {"status": "CANCELLATION_REQUESTED"})
        if request.method == "GET" and action == "status":
            return self._status(job, f"{base}/{'/'.join(parts[: at + 2])}")
        if request.method == "GET" and not action:
            return self._result(job, request_id, base)
        return Reply(405, {"detail": "Method Not Allowed"})

    def _status(self, job: _Job, response_url: str) -> Reply:
        with self._lock:
            done = job.polls_left <= 0 and not self.stuck
            job.polls_left -= 1
        if done:
            return Reply(200, {"status": "COMPLETED", "response_url": response_url,
                               "logs": None, "metrics": {"inference_time": 1.25}})  # fmt: skip
        state = "IN_QUEUE" if job.polls_left + 1 >= self.polls and self.polls > 1 else "IN_PROGRESS"
        return Reply(202, {"status": state, "queue_position": 0, "response_url": response_url})

    def _result(self, job: _Job, request_id: str, base: str) -> Reply:
        if job.polls_left >= 0 or self.stuck:
            return Reply(400, {"detail": "Request is still in progress"})
        if self.refuse:
            return Reply(422, {"detail": [_content_policy(job.body)]})
        if self.result_status == 504:
            return Reply(504, {"detail": "Request timed out", "error_type": "request_timeout"},
                         [("x-fal-error-type", "request_timeout")])  # fmt: skip
        if self.result_status:
            return Reply(self.result_status, {"detail": "Internal Server Error",
                                              "error_type": "internal_error"})  # fmt: skip
        name = f"{request_id}.jpg"
        self._files[name] = draw_picture(str(job.body.get("prompt", "")), job.size, "jpeg")
        host = "http://10.0.0.1" if self.private_url else base
        image = {"url": f"{host}/files/{name}", "width": job.size[0], "height": job.size[1],
                 "content_type": "image/jpeg"}  # fmt: skip
        return Reply(200, {"images": [] if self.no_images else [image], "seed": 42,
                           "has_nsfw_concepts": [self.nsfw], "prompt": job.body.get("prompt"),
                           "timings": {"inference": 1.25}})  # fmt: skip

    def _file(self, name: str) -> Reply:
        data = self._files.get(name)
        if data is None:
            return Reply(404, {"detail": "Not Found"})
        if self.oversized:
            return Reply(200, bomb(), content_type="image/png")
        if self.corrupt:
            return Reply(200, b"\xff\xd8\xff\xe0 not really a jpeg", content_type="image/jpeg")
        if self.wrong_type:
            return Reply(200, b"<html>oops</html>", content_type="text/html")
        return Reply(200, data, content_type="image/jpeg")


def _invalid_input(model: str, body: Json) -> Json | None:
    if not str(body.get("prompt") or "").strip():
        return {"loc": ["body", "prompt"], "msg": "Field required", "type": "missing"}
    if "kontext" not in model:
        return None
    uris = body.get("image_urls") if "image_urls" in body else [body.get("image_url")]
    if not isinstance(uris, list) or not uris or not all(_is_picture_uri(u) for u in uris):
        return {"loc": ["body", "image_url"], "msg": "Could not read the image.",
                "type": "image_load_error"}  # fmt: skip
    return None


def _is_picture_uri(uri: object) -> bool:
    if not isinstance(uri, str) or not uri.startswith("data:image/"):
        return False
    try:
        data = base64.b64decode(uri.partition(",")[2], validate=True)
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError):
        return False
    return True


def _content_policy(body: Json) -> Json:
    return {"loc": ["body", "prompt"], "msg": "The content was flagged by a content checker.",
            "type": "content_policy_violation", "input": body.get("prompt"),
            "categories": ["model_moderated"]}  # fmt: skip


def _output_size(body: Json) -> tuple[int, int]:
    size = body.get("image_size")
    if isinstance(size, dict):
        return (_side(size.get("width")), _side(size.get("height")))
    if isinstance(size, str) and size in PRESETS:
        return PRESETS[size]
    ratio = str(body.get("aspect_ratio") or "1:1")
    try:
        wide, tall = (float(n) for n in ratio.split(":"))
    except ValueError:
        wide, tall = 1.0, 1.0
    width = round(math.sqrt(1_048_576 * wide / tall) / 32) * 32
    return (_side(width), _side(round(width * tall / wide / 32) * 32))


def _side(value: object) -> int:
    return min(max(int(value), 64), 2048) if isinstance(value, int | float) else 1024


def _record(environ: WSGIEnvironment) -> RecordedFalRequest:
    body = json_object(read_body(environ))
    headers = request_headers(environ)
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
    return RecordedFalRequest(method, path, headers, body)
