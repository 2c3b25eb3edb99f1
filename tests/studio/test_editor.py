"""The post editor: words, counters, previews, regenerate and redraw."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.studio.models import GenerationJob, Plan, Post, PostMedia

ClientFor = Callable[[User | None], Client]


def save(client: Client, post: Post, **changes: str) -> Client:
    form = {
        "caption": post.caption,
        "hashtags": " ".join(post.hashtags),
        "headline": post.headline,
        "alt_text": post.alt_text,
        **changes,
    }
    return client.post(f"/b/{post.business_id}/studio/posts/{post.pk}/save/", form, follow=True)


def test_saving_keeps_the_words_and_parses_hashtags(
    post: Post, owner: User, client_for: ClientFor
) -> None:
    response = save(
        client_for(owner), post, caption="Fresh today.", hashtags="#kopi, senja  #Kopi ##bandung"
    )
    post.refresh_from_db()
    assert (post.caption, post.hashtags) == ("Fresh today.", ["kopi", "senja", "bandung"])
    assert "Saved." in response.content.decode()


def test_a_bad_hashtag_is_refused_and_nothing_is_lost(
    post: Post, owner: User, client_for: ClientFor
) -> None:
    response = save(client_for(owner), post, caption="My new words", hashtags="#kopi #es-kopi")
    page = response.content.decode()
    assert "cannot be a hashtag" in page
    assert "My new words" in page  # what was typed is shown again
    post.refresh_from_db()
    assert post.caption == "Three ways to enjoy palm sugar coffee at home."


def test_editing_an_approved_post_returns_it_to_draft(
    post: Post, editor: User, client_for: ClientFor
) -> None:
    Post.objects.filter(pk=post.pk).update(status=Post.Status.APPROVED)
    client = client_for(editor)
    page = client.get(f"/b/{post.business_id}/studio/posts/{post.pk}/").content.decode()
    assert 'data-testid="approved-note"' in page
    response = save(client, post, caption="A changed caption")
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    assert "your edit returned it to draft" in response.content.decode()


def test_counters_count_like_instagram(
    make_post: Callable[..., Post], owner: User, client_for: ClientFor
) -> None:
    post = make_post(caption="x" * 2190 + " #inline", hashtags=["a", "b"])
    page = client_for(owner).get(f"/b/{post.business_id}/studio/posts/{post.pk}/").content.decode()
    # The caption, a blank line, then "#a #b": 2198 + 2 + 5 characters.
    assert "<span data-value>2205</span> / 2200 characters" in page
    assert "<span data-value>3</span> / 30 hashtags" in page
    assert 'data-max-chars="2200" data-max-tags="30" data-max-title=""' in page
    assert 'data-warning role="alert"' in page  # shown: over the limit


def test_tiktok_photo_posts_show_tiktoks_limits(
    make_post: Callable[..., Post], owner: User, client_for: ClientFor
) -> None:
    post = make_post(format="tiktok_photo", headline="h" * 95)
    page = client_for(owner).get(f"/b/{post.business_id}/studio/posts/{post.pk}/").content.decode()
    assert 'data-max-chars="4000" data-max-tags="" data-max-title="90"' in page
    assert "TikTok photo posts" in page
    assert "<span data-value>95</span> / 90" in page


def test_previews_show_the_feed_the_grid_and_a_story(
    business: Business,
    make_post: Callable[..., Post],
    owner: User,
    client_for: ClientFor,
) -> None:
    older = make_post()
    post = make_post(format="carousel", caption="word " * 60)
    from tests.studio.conftest import add_media

    add_media(post)  # a second slide
    page = client_for(owner).get(f"/b/{business.pk}/studio/posts/{post.pk}/").content.decode()
    for frame in ("preview-feed", "preview-grid", "preview-story"):
        assert f'data-testid="{frame}"' in page
    assert 'class="more"' in page  # the long caption is cut with "more"
    grid = page.split('data-testid="preview-grid"', 1)[1]
    assert f"/studio/posts/{older.pk}/" in grid and "tile current" in grid
    assert page.count('class="dots"') == 1


def test_regenerate_writes_new_words_and_pictures(
    post: Post, owner: User, client_for: ClientFor
) -> None:
    old_media = post.media.get().file.name
    response = client_for(owner).post(f"/b/{post.business_id}/studio/posts/{post.pk}/regenerate/")
    assert response["Location"] == f"/b/{post.business_id}/studio/posts/{post.pk}/"
    post.refresh_from_db()
    assert post.caption and post.caption != "Three ways to enjoy palm sugar coffee at home."
    assert post.media.get().file.name != old_media
    assert GenerationJob.objects.get(post=post).status == "done"


def test_regenerate_without_credits_says_why(
    post: Post, owner: User, client_for: ClientFor, settings
) -> None:
    settings.WELCOME_CREDITS = 0
    url = f"/b/{post.business_id}/studio/posts/{post.pk}/regenerate/"
    page = client_for(owner).post(url, follow=True).content.decode()
    assert "Your credit balance is empty" in page
    post.refresh_from_db()
    assert post.caption == "Three ways to enjoy palm sugar coffee at home."
    assert not GenerationJob.objects.exists()


def test_redraw_makes_new_pictures_and_keeps_the_words(
    post: Post, editor: User, client_for: ClientFor
) -> None:
    old = post.media.get()
    url = f"/b/{post.business_id}/studio/posts/{post.pk}/redraw/"
    page = client_for(editor).post(url, follow=True).content.decode()
    assert "New pictures are ready." in page
    new = PostMedia.objects.get(post=post)
    assert new.pk != old.pk and (new.width, new.height) == (1080, 1350)
    post.refresh_from_db()
    assert post.caption == "Three ways to enjoy palm sugar coffee at home."


@pytest.mark.parametrize("header", ["bytes=5-", "bytes=-10", "bytes=999999-"])
def test_media_ranges(post: Post, owner: User, client_for: ClientFor, header: str) -> None:
    media = post.media.get()
    data = media.file.open("rb").read()
    response = client_for(owner).get(
        f"/b/{post.business_id}/studio/media/{media.pk}/", HTTP_RANGE=header
    )
    if header == "bytes=999999-":
        assert response.status_code == 416
    else:
        assert response.status_code == 206
        expected = data[5:] if header == "bytes=5-" else data[-10:]
        assert response.content == expected


@pytest.mark.parametrize("action", ["regenerate", "redraw"])
def test_a_post_being_generated_is_left_alone(
    business: Business,
    plan: Plan,
    owner: User,
    client_for: ClientFor,
    action: str,
) -> None:
    post = Post.objects.filter(plan=plan).first()
    assert post is not None
    GenerationJob.objects.create(business=business, plan=post.plan, status="running", total=3)
    media = list(PostMedia.objects.values_list("id", flat=True))
    url = f"/b/{business.pk}/studio/posts/{post.pk}/{action}/"
    page = client_for(owner).post(url, follow=True).content.decode()
    assert "This post is already being generated." in page
    assert 'hx-trigger="every 1s"' in page  # the plan's progress, until the post is written
    assert list(PostMedia.objects.values_list("id", flat=True)) == media
    assert GenerationJob.objects.count() == 1


@pytest.mark.parametrize("action", ["regenerate", "rerender"])
def test_the_actions_themselves_refuse_a_post_being_generated(
    business: Business, plan: Plan, owner: User, action: str
) -> None:
    from django.core.exceptions import ValidationError

    from postloom.studio import actions

    post = Post.objects.filter(plan=plan).first()
    assert post is not None
    GenerationJob.objects.create(business=business, plan=post.plan, status="queued", total=3)
    call = {
        "regenerate": lambda: actions.regenerate(post, by=owner),
        "rerender": lambda: actions.rerender(post),
    }
    with pytest.raises(ValidationError, match="already being generated"):
        call[action]()
    assert GenerationJob.objects.count() == 1
