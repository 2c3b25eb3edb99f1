"""Generating posts from the studio: one post from a topic, plans, progress, cancel, credits.

Tasks run where they are enqueued in tests, so a generation has finished when the POST returns;
the built-in caption engine and the renderer run for real.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils.html import escape

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.models import CreditEntry, GenerationJob, Plan, Post, PostMedia

ClientFor = Callable[[User | None], Client]


def one_post(client: Client, business: Business, **data: str) -> Client:
    form = {"topic": "Our new iced palm sugar latte", "format": "feed_image", **data}
    return client.post(f"/b/{business.pk}/studio/posts/new/", form)


def test_one_post_from_a_topic_gets_words_and_a_picture(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    client = client_for(owner)
    response = one_post(client, business)
    post = Post.objects.get()
    assert response["Location"] == f"/b/{business.pk}/studio/posts/{post.pk}/"
    assert post.topic == "Our new iced palm sugar latte"
    assert post.caption and post.headline and post.alt_text
    assert post.hashtags and all(not tag.startswith("#") for tag in post.hashtags)
    assert post.status == Post.Status.DRAFT
    job = GenerationJob.objects.get()
    assert (job.status, job.done, job.total, job.post_id) == ("done", 1, 1, post.pk)
    assert CreditEntry.objects.filter(business=business, reason="generation").get().delta == -1

    image = post.media.get()
    assert image.kind == PostMedia.Kind.IMAGE
    file = client.get(f"/b/{business.pk}/studio/media/{image.pk}/")
    assert file["Content-Type"] == "image/jpeg"
    assert "private" in file["Cache-Control"]
    assert b"".join(file.streaming_content).startswith(b"\xff\xd8\xff")  # type: ignore[attr-defined]

    page = client.get(response["Location"]).content.decode()
    assert escape(post.caption.split("\n")[0]) in page
    assert f"/b/{business.pk}/studio/media/{image.pk}/" in page
    assert "/media/" not in page.replace("/studio/media/", "")  # never the public MEDIA_URL


def test_a_reel_gets_a_video_and_its_cover(
    business: Business, editor: User, client_for: ClientFor
) -> None:
    client = client_for(editor)
    one_post(client, business, format="reel")
    post = Post.objects.get()
    kinds = {m.kind: m for m in post.media.all()}
    assert set(kinds) == {"video", "cover"}
    video = client.get(f"/b/{business.pk}/studio/media/{kinds['video'].pk}/")
    assert video["Content-Type"] == "video/mp4"
    data = b"".join(video.streaming_content)  # type: ignore[attr-defined]
    assert data[4:8] == b"ftyp"
    # Browsers fetch video in ranges (Safari plays nothing otherwise).
    part = client.get(
        f"/b/{business.pk}/studio/media/{kinds['video'].pk}/", HTTP_RANGE="bytes=0-99"
    )
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert part.content == data[:100]
    page = client.get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode()
    assert "<video" in page
    assert f'poster="/b/{business.pk}/studio/media/{kinds["cover"].pk}/"' in page


def test_an_empty_balance_stops_generation_with_a_clear_message(
    business: Business, owner: User, client_for: ClientFor, settings
) -> None:
    settings.WELCOME_CREDITS = 0
    client = client_for(owner)
    home = client.get(f"/b/{business.pk}/studio/").content.decode()
    assert "0 credits" in home and 'data-testid="no-credits"' in home
    page = one_post(client, business).content.decode()
    assert "Your credit balance is empty. Add credits to generate posts." in page
    assert not Post.objects.exists()
    assert not GenerationJob.objects.exists()
    assert not CreditEntry.objects.exists()


def test_running_out_of_credits_mid_plan_is_explained(
    business: Business, owner: User, plan: Plan, client_for: ClientFor
) -> None:
    GenerationJob.objects.create(
        business=business, plan=plan, status="failed", error_code="no_credits", total=30, done=12
    )
    page = client_for(owner).get(f"/b/{business.pk}/studio/").content.decode()
    assert "12 of 30 posts" in page
    assert "Your credit balance is empty, so generation stopped." in page
    assert "hx-trigger" not in page


def test_a_provider_problem_is_explained(
    business: Business, owner: User, post: Post, client_for: ClientFor
) -> None:
    GenerationJob.objects.create(
        business=business, post=post, status="failed", error_code="ai_quota", total=1
    )
    page = client_for(owner).get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode()
    assert "The AI provider had a problem (the account&#x27;s quota or budget is used up)" in page


def test_a_90_day_plan_is_refused(business: Business, owner: User, client_for: ClientFor) -> None:
    response = client_for(owner).post(
        f"/b/{business.pk}/studio/plans/new/", {"days": "90", "start": "2099-01-01"}
    )
    assert response.status_code == 200
    assert "A plan covers 1 to 31 days." in response.content.decode()
    assert not Plan.objects.exists() and not Post.objects.exists()


def test_a_plan_cannot_start_in_the_past(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    response = client_for(owner).post(
        f"/b/{business.pk}/studio/plans/new/", {"days": "3", "start": "2020-01-01"}
    )
    assert "Start today or on a later day." in response.content.decode()
    assert not Plan.objects.exists()


def test_the_plan_form_starts_tomorrow_where_the_business_is(
    business: Business, owner: User, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At noon UTC on 23 November it is already 02:00 on the 24th on Kiritimati (UTC+14).
    noon = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    monkeypatch.setattr("postloom.studio.selectors.timezone.now", lambda: noon)
    business.timezone = "Pacific/Kiritimati"
    business.save()
    page = client_for(owner).get(f"/b/{business.pk}/studio/").content.decode()
    assert 'value="2026-11-25"' in page and 'min="2026-11-24"' in page


def test_a_plan_of_a_few_days_is_generated(
    business: Business, owner: User, client_for: ClientFor
) -> None:
    """The whole path with the real planner, engine and renderer (kept short for speed)."""
    from postloom.studio.selectors import tomorrow_in

    business.timezone = "Asia/Jakarta"
    business.save()
    start = tomorrow_in(business)
    response = client_for(owner).post(
        f"/b/{business.pk}/studio/plans/new/", {"days": "2", "start": start.isoformat()}
    )
    plan = Plan.objects.get()
    assert response["Location"] == f"/b/{business.pk}/studio/plans/{plan.pk}/"
    assert (plan.days, plan.start_date) == (2, start)
    posts = list(plan.posts.all())
    assert posts and all(p.caption and p.planned_for for p in posts)
    assert all(p.media.exists() for p in posts)
    job = GenerationJob.objects.get()
    assert (job.status, job.done) == ("done", len(posts))


def running_job(business: Business, plan: Plan, **fields: object) -> GenerationJob:
    values = {"status": "running", "total": 30, "done": 12, **fields}
    return GenerationJob.objects.create(business=business, plan=plan, **values)


def test_progress_is_polled_until_the_job_ends(
    business: Business, editor: User, plan: Plan, client_for: ClientFor
) -> None:
    job = running_job(business, plan)
    client = client_for(editor)
    url = f"/b/{business.pk}/studio/jobs/{job.pk}/"
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "12 of 30 posts" in running
    assert 'hx-trigger="every 1s"' in running
    assert 'data-testid="job-cancel"' in running
    home = client.get(f"/b/{business.pk}/studio/").content.decode()
    assert 'data-testid="job-progress"' in home and "12 of 30 posts" in home
    GenerationJob.objects.filter(pk=job.pk).update(status="done", done=30)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == f"/b/{business.pk}/studio/plans/{plan.pk}/"
    # The page it was watched on reloads; another site's address is never followed.
    home_url = f"http://testserver/b/{business.pk}/studio/"
    done = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=home_url)
    assert done["HX-Redirect"] == f"/b/{business.pk}/studio/"
    elsewhere = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/")
    assert elsewhere["HX-Redirect"] == f"/b/{business.pk}/studio/plans/{plan.pk}/"


def test_viewers_watch_progress_without_a_cancel_button(
    business: Business, viewer: User, plan: Plan, client_for: ClientFor
) -> None:
    job = running_job(business, plan)
    page = client_for(viewer).get(f"/b/{business.pk}/studio/jobs/{job.pk}/").content.decode()
    assert "12 of 30 posts" in page
    assert 'data-testid="job-cancel"' not in page


def test_cancel_stops_a_running_job_after_its_batch(
    business: Business, owner: User, plan: Plan, client_for: ClientFor
) -> None:
    job = running_job(business, plan)
    response = client_for(owner).post(
        f"/b/{business.pk}/studio/jobs/{job.pk}/cancel/", HTTP_HX_REQUEST="true"
    )
    job.refresh_from_db()
    assert (job.status, job.cancel_requested) == ("running", True)
    page = response.content.decode()
    assert "Stopping after the posts being made right now" in page
    assert 'data-testid="job-cancel"' not in page


def test_cancel_of_a_waiting_job_cancels_it_at_once(
    business: Business, owner: User, plan: Plan, client_for: ClientFor
) -> None:
    job = running_job(business, plan, status="queued", done=0)
    response = client_for(owner).post(f"/b/{business.pk}/studio/jobs/{job.pk}/cancel/")
    assert response["Location"] == f"/b/{business.pk}/studio/plans/{plan.pk}/"
    job.refresh_from_db()
    assert job.status == "cancelled"
    page = client_for(owner).get(response["Location"]).content.decode()
    assert "Cancelled. The posts already made are kept." in page


@pytest.mark.parametrize("data", [{"topic": "  "}, {"format": "fax"}])
def test_single_post_form_errors_create_nothing(
    business: Business, owner: User, client_for: ClientFor, data: dict[str, str]
) -> None:
    response = one_post(client_for(owner), business, **data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Post.objects.exists()


def test_a_product_of_another_business_cannot_be_chosen(
    business: Business, owner: User, outsider: User, client_for: ClientFor
) -> None:
    from postloom.brands import actions as brand_actions
    from postloom.catalog.models import Product

    theirs = brand_actions.create_business(outsider, name="Toko Lain")
    product = Product.objects.create(business=theirs, name="Secret")
    response = one_post(client_for(owner), business, product=str(product.pk))
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_a_failed_ai_provider_leaves_a_row_and_the_built_in_engine_writes(
    business: Business, settings
) -> None:
    from postloom.brands.models import AIUsage
    from postloom.studio.generation import write_captions

    settings.AI = {**settings.AI, "PROVIDER": "openai", "OPENAI_API_KEY": ""}
    post = Post.objects.create(business=business, format="feed_image", pillar="tips")
    result = write_captions(business, [post])
    assert len(result.captions) == 1 and result.captions[0].caption
    calls = list(
        AIUsage.objects.order_by("id").values_list("provider", "purpose", "ok", "error_code")
    )
    assert calls == [
        ("openai", "captions", False, "not_configured"),
        ("basic", "captions", True, ""),
    ]
