"""A local stand-in for Anthropic's Messages API, as pydantic-ai calls it for structured output.

A plain WSGI app; run it with ``postloom.sandbox.server.serve`` and use its base URL as
``ANTHROPIC_BASE_URL``. It answers every request with one configurable JSON object: as a
``tool_use`` block when the request offers tools (pydantic-ai's default), else as text.

Endpoint:

    POST /v1/messages   needs the configured key (``x-api-key`` or ``Authorization: Bearer``)
                        and ``anthropic-version``;
                        ``stream: true`` is refused (set ``max_tokens`` so clients do not stream)

Configuration (attributes of ``AnthropicSimulator``; safe to change between requests):

    api_key                     the one key accepted
    answer                      the object returned as the tool input (default SAMPLE_ANSWER)
    captions                    for a caption request (numbered briefs in ``<post_briefs>``):
                                the list answered as ``{"captions": [...]}``; None (default)
                                writes one plausible caption per brief, in its language
    input_tokens, output_tokens the ``usage`` reported; None estimates them (4 chars a token)

Failure switches:

    status=401|403|429|500|529  answer with that error (Anthropic's JSON error shape); 429 sends
                                ``retry-after`` and ``retry-after-ms`` (``retry_after``)
    fail_times=N                only the next N requests fail, then it answers normally
    delay=seconds               wait before answering (for client timeouts)
    malformed=True              a tool input of the wrong types (MALFORMED_ANSWER)
    injected=True               the answer of a model that obeyed a prompt injection
                                (INJECTED_ANSWER: invalid colors and industry, a foreign name)
    short_answers=N             the next N caption answers leave out the last caption
    reverse_captions=True       caption answers come in reverse order (numbers kept)
    refuse=True                 ``stop_reason: "refusal"`` with no content

Every request is recorded in ``requests`` (headers and JSON body) for tests to inspect.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from postloom.sandbox import caption_answers
from postloom.sandbox.brand_answers import INJECTED_ANSWER, SAMPLE_ANSWER
from postloom.sandbox.wsgi import (
    Reply,
    failing_now,
    json_object,
    read_body,
    request_headers,
    retry_after_headers,
    send,
)

MESSAGES_PATH = "/v1/messages"

Json = dict[str, Any]

MALFORMED_ANSWER: Json = {"name": 42, "keywords": "not a list", "colors": "red"}

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Json

    def user_text(self) -> str:
        """The text of the first user message (what the client asked, before any retry)."""
        for message in self.body.get("messages", []):
            if message.get("role") == "user":
                return _text_of(message.get("content"))
        return ""

    def system_text(self) -> str:
        return _text_of(self.body.get("system"))


@dataclass
class AnthropicSimulator:
    api_key: str = "sk-ant-sandbox"
    answer: Json = field(default_factory=lambda: dict(SAMPLE_ANSWER))
    input_tokens: int | None = None
    output_tokens: int | None = None
    status: int | None = None
    fail_times: int | None = None
    retry_after: float = 1.0
    delay: float = 0.0
    malformed: bool = False
    injected: bool = False
    refuse: bool = False
    captions: list[Json] | None = None
    short_answers: int = 0
    reverse_captions: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self.requests: list[RecordedRequest] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        reply = self._handle(environ)
        return send(start_response, reply, ("request-id", self._request_id()))

    def _handle(self, environ: WSGIEnvironment) -> Reply:
        if environ.get("PATH_INFO") != MESSAGES_PATH or environ["REQUEST_METHOD"] != "POST":
            return _error(404, f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO')} not found")
        request = _record(environ)
        with self._lock:
            self.requests.append(request)
            self._count += 1
        if self.delay:
            time.sleep(self.delay)
        return self._checked(request) or self._failure() or self._message(request)

    def _checked(self, request: RecordedRequest) -> Reply | None:
        # Older SDKs send x-api-key, newer ones a Bearer token; the API takes either.
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.api_key not in (request.headers.get("x-api-key"), bearer):
            return _error(401, "invalid x-api-key")
        if "anthropic-version" not in request.headers:
            return _error(400, "anthropic-version: header is required")
        if not request.body.get("messages") or not request.body.get("max_tokens"):
            return _error(400, "messages and max_tokens are required")
        if request.body.get("stream"):
            return _error(400, "the sandbox does not stream; set max_tokens to avoid streaming")
        return None

    def _failure(self) -> Reply | None:
        if self.status is None or not failing_now(self, self._lock):
            return None
        reply = _error(self.status, _ERROR_MESSAGES.get(self.status, "Internal server error"))
        if self.status == 429:
            reply.headers += retry_after_headers(self.retry_after)
        return reply

    def _message(self, request: RecordedRequest) -> Reply:
        body, model = request.body, str(request.body.get("model", ""))
        answer = self._answer(request)
        usage = {
            "input_tokens": self.input_tokens or _estimate(body.get("system"), body["messages"]),
            "output_tokens": self.output_tokens or _estimate(answer),
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        }
        message: Json = {
            "id": f"msg_sandbox_{self._count}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "stop_sequence": None,
            "usage": usage,
        }
        if self.refuse:
            return Reply(200, {**message, "content": [], "stop_reason": "refusal"})
        tool = _forced_tool(body)
        if tool:
            block = {"type": "tool_use", "id": f"toolu_sandbox_{self._count}", "name": tool,
                     "input": answer}  # fmt: skip
            return Reply(200, {**message, "content": [block], "stop_reason": "tool_use"})
        text = json.dumps(answer)[:-1] if self.malformed else json.dumps(answer)
        block = {"type": "text", "text": text}
        return Reply(200, {**message, "content": [block], "stop_reason": "end_turn"})

    def _answer(self, request: RecordedRequest) -> Json:
        text = request.user_text()
        if caption_answers.is_caption_request(text):
            if self.malformed:
                return dict(caption_answers.MALFORMED_CAPTIONS)
            return caption_answers.caption_answer(
                text, self.captions, injected=self.injected, short=self._short_answer(),
                reverse=self.reverse_captions,
            )  # fmt: skip
        if self.malformed:
            return dict(MALFORMED_ANSWER)
        return dict(INJECTED_ANSWER if self.injected else self.answer)

    def _short_answer(self) -> bool:
        with self._lock:
            if self.short_answers <= 0:
                return False
            self.short_answers -= 1
            return True

    def _request_id(self) -> str:
        return f"req_sandbox_{self._count}"


_ERROR_MESSAGES = {
    401: "invalid x-api-key",
    403: "Your API key does not have permission to use the specified resource.",
    429: "Number of request tokens has exceeded your per-minute rate limit.",
    500: "Internal server error",
    529: "Overloaded",
}


def _forced_tool(body: Json) -> str:
    """The tool the client asked for: named in tool_choice, else the first one offered."""
    tools = body.get("tools") or []
    if not tools:
        return ""
    choice = body.get("tool_choice") or {}
    return str(choice.get("name") or tools[0].get("name", ""))


def _record(environ: WSGIEnvironment) -> RecordedRequest:
    body = json_object(read_body(environ))
    headers = request_headers(environ, "CONTENT_TYPE")
    return RecordedRequest(environ["REQUEST_METHOD"], environ["PATH_INFO"], headers, body)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(b.get("text", "") for b in content if isinstance(b, dict))
    return ""


def _estimate(*parts: Any) -> int:
    # About four characters a token, as Anthropic's own rule of thumb says.
    return max(1, len(json.dumps(parts)) // 4)


def _error(status: int, message: str) -> Reply:
    kind = _ERROR_TYPES.get(status, "api_error")
    return Reply(status, {"type": "error", "error": {"type": kind, "message": message}})
