"""Generation jobs: words for a batch of posts, then their pictures, credits debited per post.

A job works through its posts in batches (the brand voice goes to the AI once per batch),
checks for cancellation between batches, and stops with a clear code when credits run out.
Every post already generated stays, whatever happens later. Posts that call for an AI picture
(studio/ai_images.py) get one before they are rendered; a failed picture never stops the job.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from postloom.brands.models import BrandProfile, Business
from postloom.brands.onboarding import ask_with_fallback
from postloom.integrations import ai
from postloom.integrations.ai.base import AIError
from postloom.integrations.ai.captions_base import (
    BrandVoice,
    Caption,
    CaptionBatchResult,
    CaptionRequest,
    PostBrief,
    ProductBrief,
)
from postloom.integrations.ai.captions_base import Persona as PersonaVoice
from postloom.render import RenderError
from postloom.studio import ai_images, credits
from postloom.studio.media import render_media
from postloom.studio.models import GenerationJob, Post

log = logging.getLogger(__name__)
BATCH = 10


def brand_voice(business: Business) -> BrandVoice:
    brand = BrandProfile.objects.filter(business=business).first()
    language = business.language if business.language in ("en", "id", "tr") else "en"
    persona = business.personas.filter(active=True).first()
    voice = PersonaVoice(name=persona.name, voice=persona.voice) if persona else None
    if brand is None:
        return BrandVoice(name=business.name, language=language, persona=voice,  # type: ignore[arg-type]
                          website=business.website)  # fmt: skip
    industry = brand.industry if brand.industry in ai.INDUSTRIES else "other"
    return BrandVoice(
        name=brand.name or business.name,
        industry=industry,  # type: ignore[arg-type]
        tone=brand.tone,
        target_audience=brand.target_audience,
        keywords=tuple(brand.keywords),
        language=language,  # type: ignore[arg-type]
        persona=voice,
        website=business.website,
    )


def brief_for(post: Post) -> PostBrief:
    product = None
    if post.product_id is not None:
        item: Any = post.product
        product = ProductBrief(
            name=item.name,
            description=item.description,
            price=item.price_label,
            highlights=tuple(item.highlights),
        )
    platform = "tiktok" if post.format.startswith("tiktok") else "instagram"
    language = post.business.language if post.business.language in ("en", "id", "tr") else "en"
    return PostBrief(
        post_type=post.format,  # type: ignore[arg-type]
        pillar=post.pillar,  # type: ignore[arg-type]
        language=language,  # type: ignore[arg-type]
        platform=platform,  # type: ignore[arg-type]
        product=product,
        occasion=post.occasion,
        topic=post.topic,
    )


def write_captions(business: Business, posts: list[Post]) -> CaptionBatchResult:
    request = CaptionRequest(brand=brand_voice(business), briefs=tuple(brief_for(p) for p in posts))
    provider = str(settings.AI["PROVIDER"])
    result, failure = ask_with_fallback(
        business, provider, "captions", lambda chosen: chosen.write_captions(request)
    )
    if failure is not None:
        log.warning("AI provider %s failed for captions (%s); used the built-in engine",
                    provider, failure.code)  # fmt: skip
    return result


def apply_caption(post: Post, caption: Caption) -> None:
    post.caption = caption.caption
    post.hashtags = list(caption.hashtags)
    post.alt_text = caption.alt_text
    post.headline = caption.headline
    post.image_prompt = caption.image_prompt
    post.status = Post.Status.DRAFT
    post.save()


def _set(job: GenerationJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    GenerationJob.objects.filter(pk=job.pk).update(**fields)


def _finish(job: GenerationJob, status: str, error_code: str = "") -> GenerationJob:
    _set(job, status=status, error_code=error_code, finished_at=timezone.now())
    return job


def perform_job(job_id: int) -> GenerationJob:
    job = GenerationJob.objects.select_related("business").get(pk=job_id)
    if job.status in (GenerationJob.Status.DONE, GenerationJob.Status.CANCELLED):
        return job
    _set(job, status=GenerationJob.Status.RUNNING)
    pending = list(job_posts(job).filter(caption=""))
    for start in range(0, len(pending), BATCH):
        if GenerationJob.objects.filter(pk=job.pk, cancel_requested=True).exists():
            return _finish(job, GenerationJob.Status.CANCELLED)
        batch = pending[start : start + BATCH]
        try:
            generate_batch(job, batch)
        except credits.NotEnoughCredits:
            return _finish(job, GenerationJob.Status.FAILED, "no_credits")
        except AIError as exc:
            return _finish(job, GenerationJob.Status.FAILED, f"ai_{exc.code}")
    return _finish(job, GenerationJob.Status.DONE)


def job_posts(job: GenerationJob) -> Any:
    posts = Post.objects.filter(business=job.business).select_related("product", "business")
    if job.plan_id:
        return posts.filter(plan_id=job.plan_id)
    return posts.filter(pk=job.post_id or 0)


def generate_batch(job: GenerationJob, posts: list[Post]) -> None:
    # An AI picture costs extra (settings.IMAGES), paid with the batch, refunded if it fails.
    pictures = ai_images.wanted(posts)
    per_picture = ai_images.credits_per_image()
    cost = int(settings.CREDITS_PER_POST) * len(posts) + per_picture * len(pictures)
    with transaction.atomic():
        credits.debit(job.business, cost, job=job)
    result = write_captions(job.business, posts)
    for post, caption in zip(posts, result.captions, strict=True):
        apply_caption(post, caption)
        if post.pk in pictures:
            ai_images.illustrate(post, pictures[post.pk], job=job, paid=per_picture)
        try:
            render_media(post)
        except RenderError as exc:  # the words are kept; the picture can be regenerated
            log.warning("could not render post %s: %s", post.pk, exc.code)
        _set(job, done=job.done + 1)
