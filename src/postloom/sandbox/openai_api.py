"""A local stand-in for OpenAI's Chat Completions API (and servers that copy it: Ollama, vLLM).

A plain WSGI app; run it with ``postloom.sandbox.server.serve`` and use ``<base URL>/v1`` as
``OPENAI_BASE_URL`` or ``OPENAI_COMPATIBLE_BASE_URL``. It answers every request with one
configurable JSON object: as a function tool call when the request offers tools (pydantic-ai's
default), else as the message content (``response_format`` JSON schema, or prompted JSON).

Endpoint:

    POST /v1/chat/completions   ``Authorization: Bearer <api_key>``; ``stream: true`` is refused

Configuration (attributes of ``OpenAISimulator``; safe to change between requests):

    api_key                     the one key accepted; None accepts any or none (a local server)
    answer                      the object returned as the tool arguments (default SAMPLE_ANSWER)
    captions                    for a caption request (numbered briefs in ``<post_briefs>``):
                                the list answered as ``{"captions": [...]}``; None (default)
                                writes one plausible caption per brief, in its language
    input_tokens, output_tokens the ``usage`` reported; None estimates them (4 chars a token)

Failure switches:

    status=401|403|429|500|503  answer with that error (OpenAI's JSON error shape); 429 sends
                                ``retry-after`` and ``retry-after-ms`` (``retry_after``)
    fail_times=N                only the next N requests fail, then it answers normally
    delay=seconds               wait before answering (for client timeouts)
    malformed=True              tool arguments that are not valid JSON
    injected=True               the answer of a model that obeyed a prompt injection
                                (INJECTED_ANSWER: invalid colors and industry, a foreign name)
    short_answers=N             the next N caption answers leave out the last caption
    reverse_captions=True       caption answers come in reverse order (numbers kept)
    refuse=True                 a ``refusal`` message instead of an answer

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

COMPLETIONS_PATH = "/v1/chat/completions"

Json = dict[str, Any]

MALFORMED_ARGUMENTS = '{"name": "Sandbox Coffee", "keywords": ["coffee"'  # cut off mid-way

ErrorShape = tuple[str, str, str]  # OpenAI's error: (type, code, message)
SERVER_ERROR: ErrorShape = ("server_error", "server_error", "Error")

_ERRORS: dict[int, ErrorShape] = {
    400: ("invalid_request_error", "invalid_request", "Invalid request"),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("invalid_request_error", "unsupported_country_region_territory", "Not allowed."),
    404: ("invalid_request_error", "model_not_found", "The model does not exist."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached for requests."),
    500: ("server_error", "server_error", "The server had an error processing your request."),
    503: ("server_error", "service_unavailable", "The engine is currently overloaded."),
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
        roles = ("system", "developer")
        texts = [_text_of(m.get("content")) for m in self.body.get("messages", [])
                 if m.get("role") in roles]  # fmt: skip
        return "\n".join(texts)


@dataclass
class OpenAISimulator:
    api_key: str | None = "sk-sandbox"
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
        return send(start_response, reply, ("x-request-id", f"req_{self._count}"))

    def _handle(self, environ: WSGIEnvironment) -> Reply:
        if environ.get("PATH_INFO") != COMPLETIONS_PATH or environ["REQUEST_METHOD"] != "POST":
            return _error(404, f"Unknown request URL: {environ.get('PATH_INFO')}")
        request = _record(environ)
        with self._lock:
            self.requests.append(request)
            self._count += 1
        if self.delay:
            time.sleep(self.delay)
        return self._checked(request) or self._failure() or self._completion(request)

    def _checked(self, request: RecordedRequest) -> Reply | None:
        expected = f"Bearer {self.api_key}"
        if self.api_key is not None and request.headers.get("authorization") != expected:
            return _error(401)
        if not request.body.get("messages") or not request.body.get("model"):
            return _error(400, "messages and model are required")
        if request.body.get("stream"):
            return _error(400, "the sandbox does not stream")
        return None

    def _failure(self) -> Reply | None:
        if self.status is None or not failing_now(self, self._lock):
            return None
        reply = _error(self.status)
        if self.status == 429:
            reply.headers += retry_after_headers(self.retry_after)
        return reply

    def _completion(self, request: RecordedRequest) -> Reply:
        body = request.body
        arguments = MALFORMED_ARGUMENTS if self.malformed else json.dumps(self._answer(request))
        prompt = self.input_tokens or _estimate(body.get("messages"), body.get("tools"))
        completion = self.output_tokens or _estimate(arguments)
        message, finish = self._message(body, arguments)
        return Reply(200, {
            "id": f"chatcmpl-sandbox-{self._count}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [{"index": 0, "message": message, "logprobs": None,
                         "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
            "system_fingerprint": "fp_sandbox",
        })  # fmt: skip

    def _message(self, body: Json, arguments: str) -> tuple[Json, str]:
        if self.refuse:
            refusal = "I'm sorry, I can't help with that."
            return {"role": "assistant", "content": None, "refusal": refusal}, "stop"
        tool = _forced_tool(body)
        if not tool:  # response_format json_schema, or JSON asked for in the prompt
            return {"role": "assistant", "content": arguments, "refusal": None}, "stop"
        call = {"id": f"call_sandbox_{self._count}", "type": "function",
                "function": {"name": tool, "arguments": arguments}}  # fmt: skip
        message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [call]}
        return message, "tool_calls"

    def _answer(self, request: RecordedRequest) -> Json:
        text = request.user_text()
        if caption_answers.is_caption_request(text):
            return caption_answers.caption_answer(
                text, self.captions, injected=self.injected, short=self._short_answer(),
                reverse=self.reverse_captions,
            )  # fmt: skip
        return dict(INJECTED_ANSWER if self.injected else self.answer)

    def _short_answer(self) -> bool:
        with self._lock:
            if self.short_answers <= 0:
                return False
            self.short_answers -= 1
            return True


def _forced_tool(body: Json) -> str:
    """The function the client asked for: named in tool_choice, else the first one offered."""
    tools = body.get("tools") or []
    if not tools:
        return ""
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("function", {}).get("name"):
        return str(choice["function"]["name"])
    return str(tools[0].get("function", {}).get("name", ""))


def _record(environ: WSGIEnvironment) -> RecordedRequest:
    body = json_object(read_body(environ))
    headers = request_headers(environ)
    return RecordedRequest(environ["REQUEST_METHOD"], environ["PATH_INFO"], headers, body)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def _estimate(*parts: Any) -> int:
    return max(1, len(json.dumps(parts)) // 4)  # about four characters a token


def _error(status: int, message: str = "") -> Reply:
    return openai_error(status, _ERRORS.get(status, SERVER_ERROR), message)


def openai_error(status: int, shape: ErrorShape, message: str = "") -> Reply:
    """OpenAI's error body (the chat and the images simulators both answer it)."""
    kind, code, default = shape
    error = {"message": message or default, "type": kind, "param": None, "code": code}
    return Reply(status, {"error": error})
