"""Brand analysis by a language model through pydantic-ai: the part every vendor shares.
(Captions take the same model and settings; their run lives in ``captions_llm``.)

A vendor module (``anthropic``, ``openai``) only says how to build its pydantic-ai model; this
module runs the agent, validates the answer against BrandProfile, keeps it within the rules
(``finalise``), counts tokens and cost, and turns every failure into an AIError.
"""

from __future__ import annotations

import asyncio
import re
import time
from abc import abstractmethod
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, Self

from pydantic import PrivateAttr, ValidatorFunctionWrapHandler, model_validator
from pydantic_ai import Agent, NativeOutput, PromptedOutput, ToolOutput
from pydantic_ai.exceptions import AgentRunError, UserError
from pydantic_ai.models import Model
from pydantic_ai.settings import ModelSettings
from pydantic_ai.usage import RunUsage

from postloom.integrations.ai import facts, prompts
from postloom.integrations.ai.base import (
    INDUSTRIES,
    BrandProfile,
    BrandRequest,
    BrandResult,
    Industry,
    TextProvider,
    Usage,
)
from postloom.integrations.ai.basic import text_fields, text_language
from postloom.integrations.ai.basic_signals import guess_industry
from postloom.integrations.ai.basic_text import match_tokens
from postloom.integrations.ai.captions_base import CaptionBatchResult, CaptionRequest
from postloom.integrations.ai.errors import map_error
from postloom.integrations.ai.prices import DEFAULT_PRICES, Price, cost_of

OutputMode = Literal["tool", "native", "prompted"]

MAX_OUTPUT_TOKENS = 4096  # a profile needs ~600; room for models that think before answering
OUTPUT_RETRIES = 1  # one more try when the answer does not fit the schema, then invalid_output


@dataclass(frozen=True)
class LLMSettings:
    model: str
    timeout_seconds: float = 60.0
    max_retries: int = 1  # SDK retries of a failed request (429, 5xx, connection errors)
    prices: dict[str, Price] | None = None
    output_mode: OutputMode = "tool"


class BrandAnalysis(BrandProfile):
    """The brand profile of the business described in the website text."""

    # Field names the model filled with a value outside the rules, which were set aside.
    _repaired: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _lenient(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Self:
        # Values a model gets slightly wrong (an unknown industry, "red" for a color, a long
        # sentence) are repaired here rather than failing the whole analysis; wrong types
        # (a number for a name, text for a list) still fail validation.
        repaired: list[str] = []
        if isinstance(data, dict):
            data = _repair(dict(data), repaired)
        instance = handler(data)
        instance._repaired = repaired
        return instance


_TEXT_LIMITS = {
    "name": facts.NAME_LIMIT,
    "description": 600,
    "target_audience": 400,
    "tone": 400,
    "visual_theme": 300,
}
_LIST_LIMITS = {"keywords": 15, "colors": 6, "fonts": 4, "products": 30}


def _repair(data: dict[str, Any], repaired: list[str]) -> dict[str, Any]:
    if data.get("industry") not in INDUSTRIES:  # unknown, or left out
        data["industry"] = "other"
        repaired.append("industry")
    if isinstance(data.get("colors"), list):
        data["colors"] = facts.clean_colors(data["colors"])
    for key, limit in _TEXT_LIMITS.items():
        if isinstance(data.get(key), str) and len(data[key]) > limit:
            data[key] = facts.fit(data[key], limit)
    for key, limit in _LIST_LIMITS.items():
        if isinstance(data.get(key), list):
            data[key] = data[key][:limit]
    if not isinstance(data.get("language"), str) or len(data["language"]) > 8:
        data["language"] = ""
    data["logo_url"], data["social"] = "", {}  # facts of the site, never the model's to say
    return data


class LLMProvider(TextProvider):
    """A provider that asks a language model; subclasses build the pydantic-ai model."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings

    @abstractmethod
    def build_model(self) -> Model:
        """A fresh pydantic-ai model (with its own HTTP client) for one analysis."""

    def analyse_brand(self, request: BrandRequest) -> BrandResult:
        started = time.perf_counter()
        try:
            answer, run_usage = run_blocking(self._ask(request))
        except (AgentRunError, UserError) as exc:
            # from None: vendor errors can quote request details; the code says enough.
            # Anything else is a bug of ours and keeps its traceback.
            raise map_error(exc, self.name) from None
        usage = self._usage(run_usage, started)
        return BrandResult(
            profile=finalise(answer, request),
            usage=usage,
            sent_text=request.quoted_text(),
            sent_instagram_text=request.quoted_instagram_text(),
        )

    def write_captions(self, request: CaptionRequest) -> CaptionBatchResult:
        from postloom.integrations.ai.captions_llm import write_with_model

        return write_with_model(self, request)

    async def _ask(self, request: BrandRequest) -> tuple[BrandAnalysis, RunUsage]:
        agent = Agent(
            self.build_model(),
            output_type=_output_spec(self.settings.output_mode),
            instructions=prompts.instructions(request),
            model_settings=self._model_settings(),
            retries={"tools": 0, "output": OUTPUT_RETRIES},
            name="brand_analysis",
        )
        async with agent:  # closes the model's HTTP client when the call is over
            result = await agent.run(prompts.user_message(request))
        return result.output, result.usage

    def _model_settings(self) -> ModelSettings:
        seconds = self.settings.timeout_seconds
        return ModelSettings(
            max_tokens=MAX_OUTPUT_TOKENS,
            timeout=seconds,  # one attempt
            request_timeout=seconds * (self.settings.max_retries + 1),  # all attempts
            max_retries=self.settings.max_retries,
        )

    def _usage(self, run_usage: RunUsage, started: float) -> Usage:
        model = self.settings.model
        cost = cost_of(model, run_usage.input_tokens, run_usage.output_tokens, self.prices)
        return Usage(
            provider=self.name,
            model=model,
            input_tokens=run_usage.input_tokens,
            output_tokens=run_usage.output_tokens,
            cost_usd=cost.usd,
            duration_ms=int((time.perf_counter() - started) * 1000),
            note=cost.note,
        )

    @property
    def prices(self) -> dict[str, Price]:
        return self.settings.prices if self.settings.prices is not None else DEFAULT_PRICES


def _output_spec(mode: OutputMode) -> Any:
    # Tool calling is the default everywhere; local servers that do not do tools well can be
    # asked for a JSON schema response (native) or plain JSON in the text (prompted).
    if mode == "native":
        return NativeOutput(BrandAnalysis)
    if mode == "prompted":
        return PromptedOutput(BrandAnalysis)
    return ToolOutput(BrandAnalysis)


def run_blocking[R](coroutine: Coroutine[Any, Any, R]) -> R:
    """Run a coroutine from synchronous code (tasks, management commands, sync views)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from async code: this thread's loop is busy, so run the call on another thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# --- Keeping the answer within the rules ----------------------------------------------------


def finalise(answer: BrandAnalysis, request: BrandRequest) -> BrandProfile:
    """The model's answer as a BrandProfile whose facts are the site's own."""
    site = request.site
    return BrandProfile(
        name=trusted_name(answer.name, request),
        description=facts.fit(answer.description, 600) or facts.fit(site.description, 600),
        industry=_industry(answer, request),
        target_audience=facts.fit(answer.target_audience, 400),
        tone=facts.fit(answer.tone, 400),
        keywords=facts.clean_keywords(answer.keywords),
        colors=_colors(answer, request),
        fonts=facts.site_fonts(site) or facts.clean_fonts(answer.fonts),
        visual_theme=facts.fit(answer.visual_theme, 300),
        language=facts.site_language(site) or _language_code(answer.language),
        logo_url=facts.site_logo(site),
        products=facts.site_products(site)
        or facts.clean_names(answer.products, facts.MAX_PRODUCTS),
        social=facts.site_social(site),
    )


def trusted_name(proposed: str, request: BrandRequest) -> str:
    """The model may tidy the site's name ("Home | Kopi Senja" -> "Kopi Senja"), not replace it."""
    site = request.site
    stated = facts.site_name(site)
    proposed = facts.fit(proposed, facts.NAME_LIMIT)
    if not proposed:
        return stated
    if not (site.name or site.title):
        return proposed  # the site states no name; the model's reading is all there is
    known = {word for word in match_tokens(f"{site.name} {site.title}") if len(word) > 2}
    return proposed if known.intersection(match_tokens(proposed)) else stated


def _industry(answer: BrandAnalysis, request: BrandRequest) -> Industry:
    if "industry" not in answer._repaired:
        return answer.industry
    # The model named no valid industry: the built-in lexicons decide instead.
    return guess_industry(text_fields(request), text_language(request))


def _colors(answer: BrandAnalysis, request: BrandRequest) -> list[str]:
    found = facts.site_colors(request.site)
    if not found:
        return answer.colors  # already cleaned to #rrggbb
    # The crawler saw the real colors; the model may order or choose among them, not add.
    chosen = [color for color in answer.colors if color in found]
    return chosen or found


def _language_code(code: str) -> str:
    code = code.strip().lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else ""
