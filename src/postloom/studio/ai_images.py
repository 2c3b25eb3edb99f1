"""AI pictures for posts: which posts get one, asking the image provider, and falling back.

When an image provider is configured (``settings.IMAGES``), a post without a product photo, or
whose pillar asks for a scene (behind the scenes), gets a picture made from its
``image_prompt``: a persona shot (with the persona's reference photos) when the business has
an active persona and the pillar is about people, a plain background for text-heavy pillars,
else a lifestyle scene. The renderer then composes it as the post's photo.

The picture is kept at ``studio/<business>/<post>/ai-picture`` (the renderer's input, not a
post medium), so redrawing a post reuses it for free. Every call leaves an ``AIUsage`` row
(kind "image", subject "post:<id>"), written before the call and completed after. A failure
or a refusal never stops a job: the post keeps its words, the brand background stands in,
the credits paid for the picture are refunded, and the post says what happened.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from postloom.brands.models import AIUsage, BrandProfile
from postloom.catalog.models import Persona
from postloom.integrations import images
from postloom.integrations.images import ImageError, ImageRequest, ImageResult, Purpose
from postloom.studio.models import CreditEntry, Format, GenerationJob, Pillar, Post

log = logging.getLogger(__name__)

REFUND = "refund"
SCENE_PILLARS = {Pillar.BEHIND_THE_SCENES}  # a scene even when the product has photos
PEOPLE_PILLARS = {Pillar.BEHIND_THE_SCENES, Pillar.SOCIAL_PROOF}  # the persona, if any
BACKGROUND_PILLARS = {Pillar.TIPS, Pillar.QUESTION}  # words over a calm picture
TALL_FORMATS = (Format.STORY, Format.REEL, Format.TIKTOK_VIDEO, Format.TIKTOK_PHOTO)
FEED_SIZE, STORY_SIZE = (1080, 1350), (1080, 1920)

REASONS = {
    "not_configured": gettext_lazy("the image provider is not set up"),
    "auth": gettext_lazy("the image provider refused the API key"),
    "quota": gettext_lazy("the image provider's account has no credit left"),
    "rate_limited": gettext_lazy("the image provider is receiving too many requests"),
    "timeout": gettext_lazy("the image provider took too long"),
    "server": gettext_lazy("the image provider had an internal error"),
    "unreachable": gettext_lazy("the image provider could not be reached"),
    "bad_request": gettext_lazy("the image provider did not accept the request"),
    "refused": gettext_lazy("the image provider declined to draw this picture"),
    "invalid_output": gettext_lazy("the picture it sent back could not be used"),
}


@dataclass(frozen=True)
class Outcome:
    purpose: Purpose
    result: ImageResult | None = None
    error: ImageError | None = None


def credits_per_image() -> int:
    return max(0, int(settings.IMAGES.get("CREDITS_PER_IMAGE", 0)))


def purpose_for(post: Post) -> Purpose | None:
    """The kind of AI picture ``post`` gets, or None (no provider, or a product photo does)."""
    if not images.enabled(**settings.IMAGES):
        return None
    pillar = post.pillar
    has_photo = post.product is not None and post.product.images.exists()
    if has_photo and pillar not in SCENE_PILLARS:
        return None
    if pillar in PEOPLE_PILLARS and _persona(post) is not None:
        return "persona"
    return "background" if pillar in BACKGROUND_PILLARS else "lifestyle"


def wanted(posts: Iterable[Post]) -> dict[int, Purpose]:
    """The posts of a batch that get an AI picture, by id (to price the batch up front)."""
    chosen = {post.pk: purpose_for(post) for post in posts}
    return {pk: purpose for pk, purpose in chosen.items() if purpose is not None}


def request_for(post: Post, purpose: Purpose) -> ImageRequest:
    brand = BrandProfile.objects.filter(business=post.business).first()
    prompt = post.image_prompt.strip() or _fallback_prompt(post)
    references: tuple[bytes, ...] = ()
    persona = _persona(post) if purpose == "persona" else None
    if persona is not None:
        described = "; ".join(p for p in (persona.look.strip(), persona.style.strip()) if p)
        if described:
            prompt = f"{prompt} The person: {described}"
        references = _persona_photos(persona)
    tall = post.format in TALL_FORMATS
    return ImageRequest(
        prompt=prompt,
        purpose=purpose,
        size=STORY_SIZE if tall else FEED_SIZE,
        reference_images=references,
        style=brand.visual_theme if brand else "",
        brand_colors=tuple(brand.colors) if brand else (),
    )


def illustrate(
    post: Post, purpose: Purpose, *, job: GenerationJob | None = None, paid: int = 0
) -> Outcome:
    """Ask for ``post``'s AI picture and keep it; on failure fall back and refund ``paid``."""
    try:
        request = request_for(post, purpose)
        result = _recorded(post, purpose, lambda: images.generate(request, **settings.IMAGES))
    except ImageError as exc:
        forget_picture(post)
        if paid:
            CreditEntry.objects.create(business=post.business, delta=paid, reason=REFUND,
                                       job=job, post=post)  # fmt: skip
        log.warning("AI picture for post %s failed (%s); brand background used", post.pk,
                    exc.code)  # fmt: skip
        return Outcome(purpose, error=exc)
    forget_picture(post)
    default_storage.save(picture_name(post), ContentFile(result.image))
    return Outcome(purpose, result=result)


def picture_name(post: Post) -> str:
    return f"studio/{post.business_id}/{post.pk}/ai-picture"


def stored_picture(post: Post) -> bytes | None:
    """The post's AI picture, while the post still calls for one."""
    name = picture_name(post)
    if not default_storage.exists(name) or purpose_for(post) is None:
        return None
    with default_storage.open(name, "rb") as fh:
        return bytes(fh.read())


def forget_picture(post: Post) -> None:
    default_storage.delete(picture_name(post))


def last_attempt(post: Post) -> AIUsage | None:
    rows = AIUsage.objects.filter(kind=AIUsage.Kind.IMAGE, subject=_subject(post))
    return rows.order_by("-created_at", "-id").first()


def picture_warning(post: Post) -> str:
    """What the post page says when the AI picture failed and the brand background stands in."""
    attempt = last_attempt(post) if purpose_for(post) is not None else None
    if attempt is None or attempt.ok is not False:
        return ""
    reason = REASONS.get(attempt.error_code, gettext_lazy("it failed"))
    return _(
        "The AI picture could not be made (%(reason)s), so this post uses the brand background. "
        "Its words are kept; regenerate the post to try the picture again."
    ) % {"reason": reason}


def job_picture_warning(job: GenerationJob) -> str:
    """What a finished job says when some of its posts fell back to the brand background."""
    from postloom.studio.generation import job_posts

    subjects = [f"post:{pk}" for pk in job_posts(job).values_list("pk", flat=True)]
    failed = (
        AIUsage.objects.filter(
            kind=AIUsage.Kind.IMAGE, subject__in=subjects, ok=False, created_at__gte=job.created_at
        )  # fmt: skip
        .values("subject")
        .distinct()
        .count()
    )
    if not failed:
        return ""
    return ngettext(
        "%(count)s AI picture could not be made; that post uses the brand background.",
        "%(count)s AI pictures could not be made; those posts use the brand background.",
        failed,
    ) % {"count": failed}


def _recorded(post: Post, purpose: Purpose, call: Callable[[], ImageResult]) -> ImageResult:
    """Run ``call``, recording it in an AIUsage row written before the call."""
    row = AIUsage.objects.create(
        business=post.business,
        kind=AIUsage.Kind.IMAGE,
        purpose=f"image_{purpose}",
        provider=images.provider_name(**settings.IMAGES),
        subject=_subject(post),
    )
    started = time.monotonic()
    try:
        result = call()
    except Exception as exc:
        error = exc if isinstance(exc, ImageError) else _unexpected(exc)
        row.ok, row.error_code = False, error.code
        row.duration_ms = int((time.monotonic() - started) * 1000)
        row.save()
        raise error from None
    usage = result.usage
    row.model = usage.model
    row.input_tokens, row.output_tokens = usage.input_tokens, usage.output_tokens
    row.cost_usd, row.duration_ms, row.ok = usage.cost_usd, usage.duration_ms, True
    row.save()
    return result


def _unexpected(exc: Exception) -> ImageError:
    # A provider bug must not stop the job either; the log keeps the details for an operator.
    log.exception("image provider failed unexpectedly")
    return ImageError("server", "The image provider failed unexpectedly.", permanent=False)


def _subject(post: Post) -> str:
    return f"post:{post.pk}"


def _persona(post: Post) -> Persona | None:
    return Persona.objects.filter(business_id=post.business_id, active=True).first()


def _persona_photos(persona: Persona) -> tuple[bytes, ...]:
    photos = []
    for image in persona.images.order_by("position", "id")[: images.MAX_REFERENCES]:
        try:
            with image.image.open("rb") as fh:
                photos.append(bytes(fh.read()))
        except OSError:  # a photo lost from storage: the others (or the words) still serve
            log.warning("persona photo %s could not be read", image.pk)
    return tuple(photos)


def _fallback_prompt(post: Post) -> str:
    product = post.product.name if post.product is not None else ""
    subject = " — ".join(p for p in (post.headline, post.topic, product) if p)
    return subject or post.business.name
