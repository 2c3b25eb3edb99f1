"""Every way a language-model call can fail, as one AIError with a code and a ``permanent`` flag.

pydantic-ai already sorts vendor errors into categories (rate limit, authentication, timeout,
...), whichever SDK raised them; this maps those categories to the codes the product knows.
Messages are ours, short and free of vendor text, which can quote parts of a key or a prompt.
"""

from __future__ import annotations

from pydantic_ai import exceptions as pai

from postloom.integrations.ai.base import AIError

# Most specific first: an HTTP 429 is both a ModelRateLimitError and a ModelHTTPError.
_MAPPING: tuple[tuple[type[BaseException], str, bool, str], ...] = (
    (pai.ModelAuthenticationError, "auth", True, "The API key was refused"),
    (pai.ModelQuotaExceededError, "quota", True, "The account has no credit or quota left"),
    (pai.ModelRateLimitError, "rate_limited", False, "Too many requests; try again shortly"),
    (pai.ModelRequestTimeout, "timeout", False, "No answer in time"),
    (pai.ModelTimeoutError, "timeout", False, "No answer in time"),
    (pai.ModelConnectionError, "unreachable", False, "The AI service could not be reached"),
    (pai.ModelUnavailableError, "server", False, "The AI service is unavailable or overloaded"),
    (pai.ModelServerError, "server", False, "The AI service had an internal error"),
    (pai.ModelNotFoundError, "not_configured", True, "The model or API address was not found"),
    (pai.ModelRequestRejectedError, "bad_request", True, "The AI service rejected the request"),
    (pai.ContentFilterError, "refused", True, "The model refused to answer"),
    (pai.UnexpectedModelBehavior, "invalid_output", True, "The model's answer was not usable"),
    (pai.UserError, "not_configured", True, "The AI provider is set up wrongly"),
)


def map_error(exc: pai.AgentRunError | pai.UserError, provider: str) -> AIError:
    for kind, code, permanent, message in _MAPPING:
        if isinstance(exc, kind):
            return AIError(
                code,
                f"{provider}: {message}{_detail(exc)}.",
                permanent=permanent,
                provider=provider,
                retry_after=getattr(exc, "retry_after", None),
            )
    # A failure pydantic-ai could not place: assume a passing fault, so a retry may help.
    return AIError(
        "server", f"{provider}: the AI service failed{_detail(exc)}.", permanent=False,
        provider=provider,
    )  # fmt: skip


def _detail(exc: BaseException) -> str:
    # The status and the vendor's error type help an operator; neither carries secrets.
    parts = []
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        parts.append(f"HTTP {status}")
    kind = getattr(exc, "provider_error_type", None) or getattr(exc, "provider_error_code", None)
    if isinstance(kind, str) and kind.replace("_", "").isalnum() and len(kind) <= 40:
        parts.append(kind)
    return f" ({', '.join(parts)})" if parts else ""
