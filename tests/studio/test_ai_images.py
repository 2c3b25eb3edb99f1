"""AI pictures in the studio: which posts get one, what is sent, what is kept and paid for,
and what happens when the provider fails or refuses.

The image providers talk to the local simulators (OpenAI Images, fal's queue); the built-in
caption engine and the renderer run for real, and tasks run where they are enqueued.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from postloom.accounts.models import User
from postloom.brands.models import AIUsage, BrandProfile, Business
from postloom.catalog.actions import add_persona_photo, add_product_photo
from postloom.catalog.models import Persona, Product
from postloom.render import render_creative
from postloom.sandbox.fal_api import SANDBOX_KEY as FAL_KEY
from postloom.sandbox.fal_api import FalSimulator
from postloom.sandbox.openai_images import EDITS_PATH, GENERATIONS_PATH, OpenAIImagesSimulator
from postloom.sandbox.server import serve
from postloom.studio import actions, ai_images
from postloom.studio.media import brand_kit, creatives_for
from postloom.studio.models import CreditEntry, GenerationJob, Pillar, Post

from .conftest import jpeg

ClientFor = Callable[[User | None], Client]
LIFESTYLE_COST = Decimal("0.042540")  # the simulator's tokens at gpt-image-1's list prices


@pytest.fixture
def openai_images(settings: Any) -> Iterator[OpenAIImagesSimulator]:
    """settings.IMAGES pointed at a running OpenAI Images simulator."""
    sim = OpenAIImagesSimulator()
    with serve(sim) as base_url:
        settings.IMAGES = {
            "PROVIDER": "openai", "OPENAI_API_KEY": "sk-sandbox",
            "OPENAI_BASE_URL": f"{base_url}/v1", "MAX_RETRIES": 0, "CREDITS_PER_IMAGE": 1,
        }  # fmt: skip
        yield sim


@pytest.fixture
def fal_images(settings: Any) -> Iterator[FalSimulator]:
    sim = FalSimulator()
    with serve(sim) as base_url:
        settings.IMAGES = {
            "PROVIDER": "fal", "FAL_API_KEY": FAL_KEY, "FAL_BASE_URL": base_url,
            "ALLOW_LOOPBACK": True, "FAL_POLL_SECONDS": 0.01, "CREDITS_PER_IMAGE": 2,
        }  # fmt: skip
        yield sim


def one_post(client: Client, business: Business, **data: str) -> Post:
    form = {"topic": "A morning behind the counter", "format": "feed_image", **data}
    response = client.post(f"/b/{business.pk}/studio/posts/new/", form)
    assert response.status_code == 302
    return Post.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def image_rows() -> list[AIUsage]:
    return list(AIUsage.objects.filter(kind=AIUsage.Kind.IMAGE).order_by("id"))


def ledger(business: Business) -> list[tuple[int, str]]:
    entries = CreditEntry.objects.filter(business=business).exclude(reason="welcome")
    return [(e.delta, e.reason) for e in entries.order_by("id")]


def rendered_with(post: Post, photos: list[bytes]) -> bytes:
    """What the renderer makes of the post's first creative with these photos."""
    kit = brand_kit(post)
    return render_creative(kit, creatives_for(post, kit, photos)[0]).jpeg


def media_bytes(post: Post) -> bytes:
    with post.media.get().file.open("rb") as fh:
        return bytes(fh.read())


def test_without_a_provider_no_picture_is_asked_for(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    post = one_post(client_for(owner), business)

    assert image_rows() == []
    assert ai_images.purpose_for(post) is None
    assert ledger(business) == [(-1, "generation")]
    assert media_bytes(post) == rendered_with(post, [])  # the brand background


def test_a_post_without_a_photo_gets_an_ai_picture_that_the_renderer_composes(
    business: Business, owner: User, client_for: ClientFor, openai_images: OpenAIImagesSimulator
) -> None:
    BrandProfile.objects.create(business=business, name="Kopi Senja", colors=["#6f4e37"],
                                visual_theme="Warm wood and soft morning light")  # fmt: skip

    post = one_post(client_for(owner), business)

    [sent] = openai_images.requests
    assert sent.path == GENERATIONS_PATH
    assert post.pillar == Pillar.BEHIND_THE_SCENES and post.image_prompt
    assert post.image_prompt in sent.fields["prompt"]
    assert "Visual style: Warm wood and soft morning light." in sent.fields["prompt"]
    assert "#6f4e37" in sent.fields["prompt"]
    assert sent.fields["size"] == "1024x1536"
    [row] = image_rows()
    assert (row.business_id, row.purpose, row.provider, row.model, row.subject) == (
        business.pk, "image_lifestyle", "openai", "gpt-image-1", f"post:{post.pk}"
    )  # fmt: skip
    assert (row.ok, row.error_code, row.cost_usd) == (True, "", LIFESTYLE_COST)
    assert (row.input_tokens, row.output_tokens) == (60, 1056)
    picture = ai_images.stored_picture(post)
    assert picture is not None and Image.open(io.BytesIO(picture)).size == (1024, 1536)
    assert media_bytes(post) == rendered_with(post, [picture])
    assert media_bytes(post) != rendered_with(post, [])
    assert ledger(business) == [(-2, "generation")]  # the post and its picture
    assert ai_images.picture_warning(post) == ""


def test_a_refusal_falls_back_to_the_brand_background_and_refunds_the_picture(
    business: Business, owner: User, client_for: ClientFor, openai_images: OpenAIImagesSimulator
) -> None:
    openai_images.refuse = True
    client = client_for(owner)

    post = one_post(client, business)

    job = GenerationJob.objects.get()
    assert (job.status, job.done, job.error_code) == ("done", 1, "")
    assert post.caption and post.headline  # the words are kept
    assert media_bytes(post) == rendered_with(post, [])
    assert not default_storage.exists(ai_images.picture_name(post))
    [row] = image_rows()
    assert (row.ok, row.error_code, row.model, row.cost_usd) == (False, "refused", "", 0)
    assert ledger(business) == [(-2, "generation"), (1, "refund")]
    refund = CreditEntry.objects.get(reason="refund")
    assert (refund.job_id, refund.post_id) == (job.pk, post.pk)
    warning = ai_images.picture_warning(post)
    assert "declined to draw this picture" in warning and "brand background" in warning
    page = client.get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode()
    assert "declined to draw this picture" in page
    assert "safety system" not in page  # never the vendor's words
    assert "1 AI picture could not be made" in ai_images.job_picture_warning(job)


def test_a_timeout_falls_back_the_same_way(
    business: Business, owner: User, client_for: ClientFor, fal_images: FalSimulator, settings: Any
) -> None:
    settings.IMAGES = {**settings.IMAGES, "TIMEOUT_SECONDS": 0.4}
    fal_images.stuck = True

    post = one_post(client_for(owner), business)

    [row] = image_rows()
    assert (row.provider, row.ok, row.error_code) == ("fal", False, "timeout")
    assert fal_images.cancelled == ["sandbox-000001"]
    assert post.media.count() == 1 and media_bytes(post) == rendered_with(post, [])
    assert ledger(business) == [(-3, "generation"), (2, "refund")]
    assert "took too long" in ai_images.picture_warning(post)


@pytest.mark.parametrize(
    ("switch", "code"), [("corrupt", "invalid_output"), ("oversized", "invalid_output")]
)
def test_an_unusable_answer_is_never_composed(
    business: Business, owner: User, client_for: ClientFor,
    openai_images: OpenAIImagesSimulator, switch: str, code: str,
) -> None:  # fmt: skip
    setattr(openai_images, switch, True)

    post = one_post(client_for(owner), business)

    assert [(r.ok, r.error_code) for r in image_rows()] == [(False, code)]
    assert media_bytes(post) == rendered_with(post, [])


def test_a_missing_key_is_recorded_and_falls_back(
    business: Business, owner: User, client_for: ClientFor, settings: Any
) -> None:
    settings.IMAGES = {"PROVIDER": "openai", "OPENAI_API_KEY": "", "CREDITS_PER_IMAGE": 1}

    post = one_post(client_for(owner), business)

    assert [(r.provider, r.ok, r.error_code) for r in image_rows()] == [
        ("openai", False, "not_configured")
    ]  # fmt: skip
    assert "not set up" in ai_images.picture_warning(post)
    assert ledger(business) == [(-2, "generation"), (1, "refund")]


def test_a_persona_shot_sends_the_personas_reference_photos(
    business: Business, owner: User, client_for: ClientFor, openai_images: OpenAIImagesSimulator
) -> None:
    look = "Woman in her 20s, short black hair, round glasses"
    sari = Persona.objects.create(business=business, name="Sari", look=look, style="denim apron")
    add_persona_photo(sari, io.BytesIO(jpeg("purple", (400, 500))))
    stored = sari.images.get().image.open("rb").read()

    post = one_post(client_for(owner), business, format="story")

    [sent] = openai_images.requests
    assert sent.path == EDITS_PATH
    assert [data for _name, _type, data in sent.files] == [stored]
    assert (
        "The person: Woman in her 20s, short black hair, round glasses; denim apron."
        in (sent.fields["prompt"])
    )
    assert sent.fields["size"] == "1024x1536"
    assert image_rows()[0].purpose == "image_persona"
    assert ai_images.stored_picture(post) is not None


def test_a_product_photo_needs_no_ai_picture_unless_the_pillar_asks_for_a_scene(
    business: Business, owner: User, openai_images: OpenAIImagesSimulator
) -> None:
    product = Product.objects.create(business=business, name="Kopi Susu Gula Aren")
    add_product_photo(product, io.BytesIO(jpeg("brown", (600, 600))))
    spotlight = Post.objects.create(business=business, format="feed_image", product=product,
                                    pillar=Pillar.PRODUCT_SPOTLIGHT)  # fmt: skip
    scene = Post.objects.create(business=business, format="feed_image", product=product,
                                pillar=Pillar.BEHIND_THE_SCENES)  # fmt: skip
    tips = Post.objects.create(business=business, format="feed_image", pillar=Pillar.TIPS)

    assert ai_images.wanted([spotlight, scene, tips]) == {scene.pk: "lifestyle",
                                                          tips.pk: "background"}  # fmt: skip

    job = actions.regenerate(spotlight, by=owner)
    job.refresh_from_db()
    assert job.status == "done"
    assert openai_images.requests == [] and image_rows() == []


def test_a_plan_asks_once_per_post_and_records_every_call(
    business: Business, owner: User, fal_images: FalSimulator, simple_planner: None
) -> None:
    job = actions.create_plan(business, by=owner, start=date(2026, 12, 1), days=3)
    job.refresh_from_db()

    assert (job.status, job.done) == ("done", 3)
    posts = list(Post.objects.filter(plan=job.plan).order_by("id"))
    rows = image_rows()
    assert [r.subject for r in rows] == [f"post:{p.pk}" for p in posts]
    assert {(r.purpose, r.provider, r.model, r.ok) for r in rows} == {
        ("image_background", "fal", "fal-ai/flux/dev", True)
    }  # fmt: skip
    assert all(r.cost_usd == Decimal("0.050000") for r in rows)
    assert ledger(business) == [(-9, "generation")]  # 3 posts at 1 and 3 pictures at 2
    submits = [r for r in fal_images.requests if r.method == "POST"]
    assert [r.body["prompt"] for r in submits] == [
        ai_images.request_for(p, "background").full_prompt() for p in posts
    ]
    assert ai_images.job_picture_warning(job) == ""


def test_redrawing_reuses_the_picture_without_asking_again(
    business: Business, owner: User, client_for: ClientFor, openai_images: OpenAIImagesSimulator
) -> None:
    post = one_post(client_for(owner), business)
    before = media_bytes(post)

    actions.rerender(post)

    assert len(openai_images.requests) == 1 and len(image_rows()) == 1
    assert media_bytes(post) == before


def test_pictures_are_paid_for_with_the_batch(
    business: Business, owner: User, openai_images: OpenAIImagesSimulator
) -> None:
    CreditEntry.objects.create(business=business, delta=1, reason="welcome")
    post = Post.objects.create(business=business, format="feed_image", topic="Our new latte",
                               pillar=Pillar.BEHIND_THE_SCENES)  # fmt: skip

    job = actions.regenerate(post, by=owner)
    job.refresh_from_db()

    # One credit covers the words but not the picture: nothing is spent, nothing is asked.
    assert (job.status, job.error_code) == ("failed", "no_credits")
    assert openai_images.requests == [] and ledger(business) == []


def test_a_persona_without_photos_is_drawn_from_the_description(
    business: Business, owner: User, client_for: ClientFor, openai_images: OpenAIImagesSimulator
) -> None:
    Persona.objects.create(business=business, name="Sari", look="Woman with a red headscarf")

    one_post(client_for(owner), business)

    [sent] = openai_images.requests
    assert sent.path == GENERATIONS_PATH
    assert sent.fields["prompt"].startswith("A natural photograph of the person described below")
    assert "The person: Woman with a red headscarf." in sent.fields["prompt"]
    assert image_rows()[0].purpose == "image_persona"
