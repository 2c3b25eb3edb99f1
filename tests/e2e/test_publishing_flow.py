"""The publishing issue's "done when", in a real browser: a new shop owner connects a sandbox
Instagram and TikTok account, approves two generated posts, publishes one now and schedules
the other, and sees both published, each once, with a link to the post.

Everything runs for real: Postloom's web server (``live_server``), the studio's basic engine
for the posts, the Instagram and TikTok simulators on 127.0.0.1 (their consent pages, their
APIs, their fetching of the media from Postloom's signed /public-media/ URLs), configured as
``postloom sandbox`` configures them. Tasks run inline after each commit (the test settings'
immediate backend); the scheduled post is made due the way the engine's tests do it, then the
periodic dispatcher runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from postloom.accounts.models import User
from postloom.brands import actions as brands
from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.publishing.models import Publication
from postloom.publishing.worker import dispatch_due
from postloom.sandbox.instagram_api import InstagramSim
from postloom.sandbox.instagram_api import make_app as instagram_app
from postloom.sandbox.instagram_state import SANDBOX_IG_ID
from postloom.sandbox.server import serve
from postloom.sandbox.tiktok_api import TikTokSim
from postloom.sandbox.tiktok_api import make_app as tiktok_app
from postloom.studio import actions as studio
from postloom.studio.models import Format, Post
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.test_onboarding_flow import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
Shot = Callable[[str], Path]
S = Publication.Status

PASSWORD = "Pagi-pagi 2026 ngopi!"
ZONE = "Asia/Jakarta"
TIKTOK_CREATOR = "sbx-open-kopisenja"  # the simulator's default consenting creator
LOCAL = "http://127.0.0.1:*"
CHOSEN_ON_SCREEN = ("privacy_level", "disable_comment", "brand_organic_toggle",
                    "brand_content_toggle")  # fmt: skip


@dataclass
class Sandbox:
    instagram: InstagramSim
    tiktok: TikTokSim
    instagram_url: str
    postloom_url: str


@pytest.fixture
def sandbox(settings: Any, live_server: LiveServer, tmp_path: Path) -> Iterator[Sandbox]:
    """The simulators, and Postloom set up as ``postloom sandbox`` sets it up (cli.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BASE_URL = live_server.url  # the simulators fetch the media from here
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "img-src": [*settings.SECURE_CSP["img-src"], LOCAL, "http://localhost:*"],
        "form-action": [*settings.SECURE_CSP["form-action"], LOCAL, "http://localhost:*"],
    }
    ig, tt = InstagramSim(), TikTokSim()
    with serve(instagram_app(ig)) as ig_url, serve(tiktok_app(tt)) as tt_url:
        settings.NETWORKS = {
            **settings.NETWORKS,
            "SANDBOX": True,
            "INSTAGRAM_AUTHORIZE_URL": ig_url + "/oauth/authorize",
            "INSTAGRAM_API_URL": ig_url,
            "INSTAGRAM_GRAPH_URL": ig_url,
            "FACEBOOK_DIALOG_URL": ig_url,
            "FACEBOOK_GRAPH_URL": ig_url,
            "INSTAGRAM_APP_ID": ig.instagram_app_id,
            "INSTAGRAM_APP_SECRET": ig.instagram_app_secret,
            "FACEBOOK_APP_ID": ig.facebook_app_id,
            "FACEBOOK_APP_SECRET": ig.facebook_app_secret,
            "TIKTOK_AUTHORIZE_URL": tt_url + "/v2/auth/authorize/",
            "TIKTOK_API_URL": tt_url,
            "TIKTOK_CLIENT_KEY": tt.client_key,
            "TIKTOK_CLIENT_SECRET": tt.client_secret,
            "TIMEOUT_SECONDS": 5,
        }
        yield Sandbox(ig, tt, ig_url, live_server.url)


def generated_post(business: Business, owner: User, format: str, topic: str) -> Post:
    """One post written and drawn by the studio's basic engine (the task runs inline)."""
    job = studio.create_single_post(business, by=owner, topic=topic, format=format)
    job.refresh_from_db()
    assert job.post_id is not None
    post = Post.objects.get(pk=job.post_id)
    assert post.caption and post.media.exists(), (job.status, job.error_code)
    assert post.status == Post.Status.DRAFT
    return post


def connect(page: Page, shot: Shot, business: Business, flow: str, consent_title: str) -> None:
    """Connect ``flow`` from the Accounts page through the simulator's consent page."""
    page.goto(f"/b/{business.pk}/connections/")
    page.get_by_test_id(f"connect-{flow}").click()
    expect(page).to_have_title(re.compile(consent_title))
    expect(page.get_by_text("Sandbox").first).to_be_visible()
    shot(f"{flow}-consent")
    page.get_by_role("button", name="Allow").click()
    # The browser keeps Instagram's "#_" through our redirect, as it would with Instagram.
    expect(page).to_have_url(re.compile(rf"/b/{business.pk}/connections/(#_)?$"))


def account_row(page: Page, connection: Connection) -> Any:
    return page.get_by_test_id(f"connection-{connection.pk}")


def publication_row(page: Page, publication: Publication) -> Any:
    return page.locator(f"[data-testid=publication][data-publication='{publication.pk}']")


def approve_in_queue(page: Page, post: Post) -> None:
    item = page.locator(f"#review-post-{post.pk}")
    expect(item.get_by_test_id("review-status")).to_have_text("Draft")
    item.get_by_role("button", name="Approve").click()
    expect(page.locator(f"#review-post-{post.pk}").get_by_test_id("approved-now")).to_be_visible()


def press_publish_now(page: Page) -> None:
    """Click "Publish now" as a person does: the schedule's date field beside it is empty, and
    the browser must still send the form (the button says ``formnovalidate``)."""
    page.get_by_test_id("publish-now").click()


def redrawn(page: Page, change: Callable[[], object]) -> None:
    """Make a change on the TikTok screen and wait until htmx has redrawn the choices (the
    next click then lands on the new elements, and screenshots never race the swap)."""
    with page.expect_response(re.compile(r"/publish/posts/\d+/tiktok/$")):
        change()
    expect(
        page.locator("#tiktok-choices.htmx-request, #tiktok-choices .htmx-settling")
    ).to_have_count(0)
    expect(page.locator(".htmx-settling")).to_have_count(0)


def console_errors(page: Page, postloom: str) -> list[str]:
    """Errors in the console of Postloom's pages (the simulators' pages are not ours, nor are
    the networks' own pictures that fail to load)."""
    found: list[str] = []

    def note(message: ConsoleMessage) -> None:
        resource = str(message.location.get("url", ""))
        foreign = resource.startswith("http") and not resource.startswith(postloom)
        if message.type == "error" and page.url.startswith(postloom) and not foreign:
            found.append(f"{page.url}: {message.text}")

    page.on("console", note)
    return found


def come_due(publication: Publication) -> None:
    """Time passes: what the row waits for (its schedule, the next status check) is due."""
    Publication.objects.filter(pk=publication.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def run_dispatcher_until_ended(publication: Publication, rounds: int = 6) -> Publication:
    """The every-minute dispatcher, minute after minute, until the row has an outcome."""
    for _ in range(rounds):
        publication.refresh_from_db()
        if publication.status in Publication.ENDED:
            break
        come_due(publication)
        dispatch_due()
    publication.refresh_from_db()
    return publication


def test_connect_approve_publish_now_and_on_schedule(
    page: Page, shot: Shot, sandbox: Sandbox, request: pytest.FixtureRequest
) -> None:
    owner = User.objects.create_user("sari@kopisenja.example", PASSWORD)
    business = brands.create_business(owner, name="Kopi Senja", timezone_name=ZONE)
    feed = generated_post(business, owner, Format.FEED_IMAGE, "Our palm sugar iced coffee")
    photo = generated_post(business, owner, Format.TIKTOK_PHOTO, "How we roast our beans")
    problems = console_errors(page, sandbox.postloom_url)
    log_in(page, owner.email, PASSWORD)

    # 1. Accounts: connect both networks through their (sandbox) consent pages.
    page.goto(f"/b/{business.pk}/connections/")
    expect(page.get_by_test_id("connections-empty")).to_be_visible()
    shot("accounts-empty")
    connect(page, shot, business, "instagram", "Sandbox Instagram: allow access")
    instagram = Connection.objects.get(business=business, platform="instagram")
    assert (instagram.account_id, instagram.sandbox) == (SANDBOX_IG_ID, True)
    expect(page.locator(".messages")).to_contain_text("@sandbox.shop on Instagram is connected.")
    expect(account_row(page, instagram)).to_contain_text("@sandbox.shop")
    expect(account_row(page, instagram).get_by_test_id("sandbox-badge")).to_have_text("Sandbox")

    connect(page, shot, business, "tiktok", "TikTok \\(Sandbox\\)")
    tiktok = Connection.objects.get(business=business, platform="tiktok")
    assert (tiktok.account_id, tiktok.sandbox) == (TIKTOK_CREATOR, True)
    expect(account_row(page, tiktok)).to_contain_text("@kopisenja.sandbox")
    expect(account_row(page, tiktok).get_by_test_id("sandbox-badge")).to_have_text("Sandbox")
    expect(page.get_by_test_id("connections").locator("tbody > tr[data-status]")).to_have_count(2)
    shot("accounts-connected")

    # 2. Review: approve both posts.
    page.goto(f"/b/{business.pk}/review/")
    expect(page.get_by_test_id("review-item")).to_have_count(2)
    shot("review-queue")
    approve_in_queue(page, feed)
    approve_in_queue(page, photo)
    shot("approved")
    assert {p.status for p in Post.objects.filter(business=business)} == {Post.Status.APPROVED}

    # 3a. Instagram: publish now.
    page.locator(f"#review-post-{feed.pk}").get_by_test_id("publish-link").click()
    expect(page.get_by_role("heading", name="Publish to Instagram")).to_be_visible()
    expect(page.get_by_test_id("sandbox-note")).to_be_visible()
    expect(page.get_by_test_id("reach-problem")).to_have_count(0)  # not for sandbox accounts
    shot("instagram-publish")
    press_publish_now(page)
    expect(page.locator(".messages")).to_contain_text("Sent to Instagram.")
    feed_pub = Publication.objects.get(post=feed)
    expect(publication_row(page, feed_pub).get_by_test_id("publication-status")).to_have_text(
        "Published"
    )
    shot("instagram-published")

    # 3b. TikTok: the posting screen, scheduled five minutes ahead where the business is.
    page.goto(f"/b/{business.pk}/publish/posts/{photo.pk}/")
    expect(page.get_by_role("heading", name="Post to TikTok")).to_be_visible()
    expect(page.get_by_test_id("creator-nickname")).to_contain_text("Kopi Senja (Sandbox)")
    privacy = page.get_by_test_id("privacy-level")
    expect(privacy).to_have_value("")  # TikTok's audit: no privacy level is preselected
    expect(page.get_by_test_id("allow_comment")).not_to_be_checked()  # off until chosen
    redrawn(page, lambda: privacy.select_option(label="Everyone"))
    redrawn(page, page.get_by_test_id("allow_comment").check)
    redrawn(page, page.get_by_test_id("commercial").check)  # the shop promotes itself
    expect(page.get_by_test_id("blocked-reason")).to_be_visible()
    expect(page.get_by_test_id("schedule")).to_be_disabled()  # until a kind is ticked
    redrawn(page, page.get_by_test_id("your_brand").check)
    expect(page.get_by_test_id("label-prompt")).to_have_text(
        "Your photo will be labeled as 'Promotional content'"
    )
    expect(page.get_by_test_id("declaration")).to_contain_text("Music Usage Confirmation")
    expect(page.get_by_test_id("privacy-level")).to_have_value("PUBLIC_TO_EVERYONE")
    when = timezone.now().astimezone(ZoneInfo(ZONE)) + timedelta(minutes=5)
    redrawn(page, lambda: page.locator("input[name=when]").fill(when.strftime("%Y-%m-%dT%H:%M")))
    shot("tiktok-screen")
    page.get_by_test_id("schedule").click()
    expect(page.locator(".messages")).to_contain_text("Scheduled.")
    photo_pub = Publication.objects.get(post=photo)
    row = publication_row(page, photo_pub)
    expect(row.get_by_test_id("publication-status")).to_have_text("Scheduled")
    expect(row).to_contain_text(f"Scheduled for {when:%a} {when.day} {when:%b, %H:%M}")
    shot("tiktok-scheduled")
    assert dispatch_due() == 0 and sandbox.tiktok.posts == []  # not before its time

    # 4. The time comes: the dispatcher sends it, TikTok processes it.
    photo_pub = run_dispatcher_until_ended(photo_pub)
    assert photo_pub.status == S.PUBLISHED, (photo_pub.error_code, photo_pub.error_message)
    page.goto(f"/b/{business.pk}/review/")
    expect(page.get_by_test_id("nothing-to-review")).to_be_visible()
    for pub in (feed_pub, photo_pub):
        expect(publication_row(page, pub).get_by_test_id("publication-status")).to_have_text(
            "Published"
        )
        expect(publication_row(page, pub).get_by_test_id("sandbox-badge")).to_be_visible()
    shot("both-published")

    # Instagram: exactly one post, and the permalink opens it at the simulator.
    [published] = sandbox.instagram.published
    assert sandbox.instagram.duplicates() == 0
    assert published.ig_id == SANDBOX_IG_ID
    assert published.caption == f"{feed.caption}\n\n" + " ".join(f"#{t}" for t in feed.hashtags)
    assert published.media_urls[0].startswith(f"{sandbox.postloom_url}/public-media/")
    shortcode = sandbox.instagram.media[published.media_id].shortcode
    link = publication_row(page, feed_pub).get_by_test_id("permalink")
    expect(link).to_have_attribute("href", f"{sandbox.instagram_url}/p/{shortcode}/")
    with page.expect_popup() as opened:
        link.click()
    post_page = opened.value
    expect(post_page.get_by_text("published to the local simulator")).to_be_visible()
    expect(post_page.locator("body")).to_contain_text("@sandbox.shop")
    post_page.screenshot(path=str(SCREENSHOT_DIR / f"{request.node.name}-99-permalink-page.png"))
    post_page.close()

    # TikTok: exactly one post, as chosen on the screen.
    [record] = sandbox.tiktok.posts
    assert sandbox.tiktok.duplicates() == 0
    assert (record.open_id, record.kind, record.privacy_level) == (
        TIKTOK_CREATOR, "photo", "PUBLIC_TO_EVERYONE",
    )  # fmt: skip
    assert record.media_urls[0].startswith(f"{sandbox.postloom_url}/public-media/")
    assert photo_pub.media_id == str(record.post_id)
    [init] = [r.body for r in sandbox.tiktok.requests if r.endpoint == "content_init"]
    chosen = {k: init["post_info"][k] for k in CHOSEN_ON_SCREEN}
    assert chosen == {
        "privacy_level": "PUBLIC_TO_EVERYONE",
        "disable_comment": False,  # ticked "Allow comments"
        "brand_organic_toggle": True,  # "Your brand"
        "brand_content_toggle": False,
    }
    assert (photo_pub.scheduled_for, photo_pub.published_at is not None) == (
        when.replace(second=0, microsecond=0),
        True,
    )
    assert problems == [], "\n".join(problems)

    # TikTok answers a post id, not a URL: the "See it on the network" link is made from the
    # account's @username, a photo post's under /photo/.
    tiktok_url = f"https://www.tiktok.com/@kopisenja.sandbox/photo/{record.post_id}"
    assert photo_pub.permalink == tiktok_url
    tiktok_link = publication_row(page, photo_pub).get_by_test_id("permalink")
    expect(tiktok_link).to_have_attribute("href", tiktok_url)
