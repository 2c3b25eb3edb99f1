"""Captions by a language model: one call per batch of briefs, the brand voice sent once.

The model answers with a list of captions, each carrying its brief's number. A wrong count, or
numbers that are not the briefs', gets one retry with the reason; a list in the wrong order is
put right. Larger requests go in batches of ``POSTS_PER_CALL``, so a month's plan does not need
one enormous answer. Tokens and cost are recorded for the batch and divided among its posts.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field
from pydantic_ai import Agent, ModelRetry, NativeOutput, PromptedOutput, ToolOutput
from pydantic_ai.exceptions import AgentRunError, UserError
from pydantic_ai.settings import ModelSettings
from pydantic_ai.usage import RunUsage

from postloom.integrations.ai import captions_prompts
from postloom.integrations.ai.base import Usage
from postloom.integrations.ai.captions import finish_batch, split_usage
from postloom.integrations.ai.captions_base import (
    Caption,
    CaptionBatchResult,
    CaptionRequest,
    PostBrief,
    PostUsage,
)
from postloom.integrations.ai.errors import map_error
from postloom.integrations.ai.prices import cost_of

if TYPE_CHECKING:
    from postloom.integrations.ai.llm import LLMProvider, OutputMode

POSTS_PER_CALL = 10
TOKENS_PER_POST = 900  # room for a long Indonesian caption and its fields; Turkish runs longer
BASE_OUTPUT_TOKENS = 1200
MAX_OUTPUT_TOKENS = 16_000
POSTS_PER_TIMEOUT = 4  # a batch gets one configured timeout per four posts it asks for
OUTPUT_RETRIES = 1


class CaptionAnswer(BaseModel):
    """One post's caption as the model writes it (tidied and checked afterwards)."""

    post: int = Field(description="the number of the brief this caption is for")
    caption: str = Field(description="the caption text, in the brief's language, no hashtags")
    hashtags: list[str] = Field(default_factory=list, description="without the # sign")
    alt_text: str = ""
    headline: str = Field(default="", description="on-image text, at most 40 characters")
    image_prompt: str = Field(default="", description="in English")
    call_to_action: str = ""
    framework: str = ""


class CaptionBatchAnswer(BaseModel):
    """The captions for every numbered brief, one each, in the briefs' order."""

    captions: list[CaptionAnswer]


@dataclass
class _CallResult:
    answers: list[CaptionAnswer]
    usage: RunUsage


def write_with_model(provider: LLMProvider, request: CaptionRequest) -> CaptionBatchResult:
    started = time.perf_counter()
    drafts: list[Caption] = []
    per_post: list[PostUsage] = []
    total = RunUsage()
    briefs = list(request.briefs)
    batches = [briefs[i : i + POSTS_PER_CALL] for i in range(0, len(briefs), POSTS_PER_CALL)]
    for batch in batches:
        result = _call(provider, request, batch)
        drafts += [_as_caption(answer) for answer in result.answers]
        per_post += split_usage(_usage(provider, result.usage, started), len(batch))
        total.incr(result.usage)
    usage = _usage(provider, total, started)
    return finish_batch(drafts, request, usage, calls=len(batches), per_post=per_post)


def _call(provider: LLMProvider, request: CaptionRequest, batch: list[PostBrief]) -> _CallResult:
    from postloom.integrations.ai.llm import run_blocking

    try:
        return run_blocking(_ask(provider, request, batch))
    except (AgentRunError, UserError) as exc:
        # from None: vendor errors can quote request details; the code says enough.
        raise map_error(exc, provider.name) from None


async def _ask(
    provider: LLMProvider, request: CaptionRequest, batch: list[PostBrief]
) -> _CallResult:
    agent = Agent(
        provider.build_model(),
        output_type=_output_spec(provider.settings.output_mode),
        instructions=captions_prompts.instructions(),
        model_settings=_model_settings(provider, len(batch)),
        retries={"tools": 0, "output": OUTPUT_RETRIES},
        name="captions",
    )

    @agent.output_validator
    def _in_order(answer: CaptionBatchAnswer) -> CaptionBatchAnswer:
        return CaptionBatchAnswer(captions=in_brief_order(answer.captions, len(batch)))

    async with agent:  # closes the model's HTTP client when the call is over
        result = await agent.run(captions_prompts.user_message(request.brand, batch))
    return _CallResult(result.output.captions, result.usage)


def in_brief_order(answers: Sequence[CaptionAnswer], count: int) -> list[CaptionAnswer]:
    """The answers sorted by brief number; ModelRetry (one more try) unless there is exactly
    one answer for each brief 1..count."""
    numbers = sorted(answer.post for answer in answers)
    if numbers != list(range(1, count + 1)):
        raise ModelRetry(
            f"Write exactly {count} captions, one for each brief numbered 1 to {count}, "
            f"with 'post' set to the brief's number; the answer had {len(answers)} "
            f"(numbers {numbers[: count + 5]})."
        )
    return sorted(answers, key=lambda answer: answer.post)


def _as_caption(answer: CaptionAnswer) -> Caption:
    # The model's free-form values are tidied by captions.tidy (hashtags, headline, links,
    # framework); here they only take the Caption's shape, cut to its field sizes.
    return Caption.model_construct(
        caption=answer.caption,
        hashtags=list(answer.hashtags),
        alt_text=answer.alt_text,
        headline=answer.headline,
        image_prompt=answer.image_prompt,
        call_to_action=answer.call_to_action,
        framework=answer.framework,
    )


def _output_spec(mode: OutputMode) -> Any:
    if mode == "native":
        return NativeOutput(CaptionBatchAnswer)
    if mode == "prompted":
        return PromptedOutput(CaptionBatchAnswer)
    return ToolOutput(CaptionBatchAnswer)


def _model_settings(provider: LLMProvider, posts: int) -> ModelSettings:
    settings = provider.settings
    seconds = settings.timeout_seconds * max(1.0, posts / POSTS_PER_TIMEOUT)
    return ModelSettings(
        max_tokens=min(MAX_OUTPUT_TOKENS, BASE_OUTPUT_TOKENS + TOKENS_PER_POST * posts),
        timeout=seconds,
        request_timeout=seconds * (settings.max_retries + 1),
        max_retries=settings.max_retries,
    )


def _usage(provider: LLMProvider, run_usage: RunUsage, started: float) -> Usage:
    model = provider.settings.model
    cost = cost_of(model, run_usage.input_tokens, run_usage.output_tokens, provider.prices)
    return Usage(
        provider=provider.name,
        model=model,
        input_tokens=run_usage.input_tokens,
        output_tokens=run_usage.output_tokens,
        cost_usd=cost.usd,
        duration_ms=int((time.perf_counter() - started) * 1000),
        note=cost.note,
    )
