"""The Post-to-TikTok screen against TikTok's audit rules (platform-apis.md §2.12)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections.models import Connection
from postloom.publishing.models import Publication
from postloom.render.video_encode import ffmpeg_executable
from postloom.studio.models import Format, Post, PostMedia
from tests.publishing.review_support import (
    FakeTikTok,
    add_file,
    approve,
    cant_post_now,
    connect,
    fake_tiktok,
    make_post,
)

ClientFor = Callable[[User | None], Client]
VIDEO: dict[float, bytes] = {}


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def tiktok(monkeypatch: pytest.MonkeyPatch) -> FakeTikTok:
    return fake_tiktok(monkeypatch)


def clip(seconds: float) -> bytes:
    if seconds not in VIDEO:
        with tempfile.TemporaryDirectory() as work:
            out = Path(work) / "clip.mp4"
            subprocess.run(
                [ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                 "-i", "testsrc=size=360x640:rate=30", "-t", str(seconds), "-c:v", "libx264",
                 "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out)],
                check=True, capture_output=True,
            )  # fmt: skip
            VIDEO[seconds] = out.read_bytes()
    return VIDEO[seconds]


def video_post(business: Business, owner: User, seconds: float = 2.0) -> Post:
    post = make_post(business, format=Format.TIKTOK_VIDEO, media=False)
    add_file(post, PostMedia.Kind.VIDEO, clip(seconds))
    return approve(post, owner)


def photo_post(business: Business, owner: User) -> Post:
    return approve(make_post(business, format=Format.TIKTOK_PHOTO), owner)


def screen(client: Client, post: Post) -> str:
    response = client.get(f"/b/{post.business_id}/publish/posts/{post.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def checkbox(page: str, name: str) -> str:
    found = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page)
    assert found, f"no {name} checkbox"
    return found.group(0)


def test_the_screen_asks_creator_info_and_shows_the_nickname(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok", account_id="open-id-123")
    page = screen(client_for(owner), video_post(business, owner))
    (account,) = tiktok.asked
    assert (account.platform, account.account_id, account.access_token) == (
        "tiktok", "open-id-123", "act.secret-token-never-shown",
    )  # fmt: skip
    assert "Posting as <strong>Kopi Senja Official</strong>" in page
    assert "act.secret-token-never-shown" not in page
    assert connection.access_token_encrypted not in page


def test_privacy_has_no_default_and_lists_the_creator_options(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    page = screen(client_for(owner), video_post(business, owner))
    select = page.split('data-testid="privacy-level">')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"([^>]*)>', select)
    assert [value for value, _ in options] == [
        "", "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY",
    ]  # fmt: skip
    assert [value for value, attrs in options if "selected" in attrs] == [""]


def test_interactions_are_off_and_disabled_as_the_creator_set_them(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    tiktok.with_creator(comment_disabled=True, stitch_disabled=True, duet_disabled=False)
    page = screen(client_for(owner), video_post(business, owner))
    comment, duet, stitch = (
        checkbox(page, n) for n in ("allow_comment", "allow_duet", "allow_stitch")
    )
    assert "checked" not in comment + duet + stitch
    assert "disabled" in comment and "disabled" in stitch and "disabled" not in duet


def test_photo_posts_offer_only_comments(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    page = screen(client_for(owner), photo_post(business, owner))
    assert 'name="allow_comment"' in page
    assert 'name="allow_duet"' not in page and 'name="allow_stitch"' not in page


def test_disclosure_is_off_and_the_music_line_and_processing_note_are_there(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    page = screen(client_for(owner), video_post(business, owner))
    assert "checked" not in checkbox(page, "commercial")
    assert 'name="your_brand"' not in page  # shown once the toggle is on
    assert "By posting, you agree to TikTok&#x27;s Music Usage Confirmation." in page
    assert "music-usage-confirmation" in page
    assert "TikTok may take a few minutes to process it" in page
    assert 'data-testid="preview-feed"' in page
    assert "disabled" not in page.split('data-testid="publish-now"')[1].split(">")[0]


def test_cannot_post_now_stops_the_screen(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    tiktok.error = cant_post_now()
    page = screen(client_for(owner), video_post(business, owner))
    assert "TikTok says this account cannot post right now. Try again later." in page
    assert 'data-testid="publish-form"' not in page


def test_a_video_longer_than_the_creator_may_post_is_stopped(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connect(business, "tiktok")
    tiktok.with_creator(max_video_post_duration_sec=1)
    page = screen(client_for(owner), video_post(business, owner, seconds=2.0))
    assert (
        "This video is 2 seconds long; this TikTok account can post videos of up to 1 seconds."
        in page
    )
    assert 'data-testid="publish-form"' not in page


def redraw(client: Client, post: Post, connection: Connection, **choices: str) -> str:
    url = f"/b/{post.business_id}/publish/posts/{post.pk}/tiktok/"
    response = client.post(url, {"connection": connection.pk, **choices}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def publish_button(page: str) -> str:
    return page.split('data-testid="publish-now"')[1].split(">")[0]


def test_commercial_on_with_nothing_chosen_disables_publishing(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok")
    post = video_post(business, owner)
    client = client_for(owner)
    screen(client, post)  # draws the page: creator_info is asked once here
    page = redraw(client, post, connection, privacy_level="PUBLIC_TO_EVERYONE", commercial="on")
    hover = "You need to indicate if your content promotes yourself, a third party, or both."
    assert "disabled" in publish_button(page) and f'title="{hover}"' in publish_button(page)
    assert 'name="your_brand"' in page and 'name="branded_content"' in page
    assert len(tiktok.asked) == 1  # a click is redrawn without asking TikTok again


def test_your_brand_and_branded_content_labels_and_declarations(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok")
    post = video_post(business, owner)
    client = client_for(owner)
    screen(client, post)
    own = redraw(
        client,
        post,
        connection,
        privacy_level="PUBLIC_TO_EVERYONE",
        commercial="on",
        your_brand="on",
    )
    assert "Your video will be labeled as &#x27;Promotional content&#x27;" in own
    assert "By posting, you agree to TikTok&#x27;s Music Usage Confirmation." in own
    assert "disabled" not in publish_button(own)
    paid = redraw(client, post, connection, privacy_level="PUBLIC_TO_EVERYONE", commercial="on",
                  your_brand="on", branded_content="on")  # fmt: skip
    assert "Your video will be labeled as &#x27;Paid partnership&#x27;" in paid
    assert "TikTok&#x27;s Branded Content Policy and Music Usage Confirmation." in paid
    only_me = re.search(r'<option value="SELF_ONLY"[^>]*>', paid)
    assert only_me and "disabled" in only_me.group(0)
    assert 'title="Branded content visibility cannot be set to private."' in only_me.group(0)


def test_branded_content_is_disabled_when_only_me_is_chosen(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok")
    post = photo_post(business, owner)
    client = client_for(owner)
    screen(client, post)
    page = redraw(client, post, connection, privacy_level="SELF_ONLY", commercial="on")
    assert "disabled" in checkbox(page, "branded_content")
    own = redraw(
        client, post, connection, privacy_level="SELF_ONLY", commercial="on", your_brand="on"
    )
    assert "Your photo will be labeled as &#x27;Promotional content&#x27;" in own


def post_now(client: Client, post: Post, connection: Connection, **choices: str) -> Any:
    page = screen(client, post)
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert token
    data = {"form_token": token.group(1), "connection": connection.pk, **choices}
    return client.post(f"/b/{post.business_id}/publish/posts/{post.pk}/now/", data)


@pytest.mark.parametrize(
    "choices, message",
    [
        ({}, "Choose who can see this post."),
        ({"privacy_level": "FOLLOWER_OF_CREATOR"}, "Choose who can see this post."),
        (
            {"privacy_level": "PUBLIC_TO_EVERYONE", "commercial": "on"},
            "You need to indicate if your content promotes yourself, a third party, or both.",
        ),
        (
            {"privacy_level": "SELF_ONLY", "commercial": "on", "branded_content": "on"},
            "Branded content visibility cannot be set to private.",
        ),
    ],
)
def test_choices_are_checked_on_the_server(
    business: Business,
    owner: User,
    client_for: ClientFor,
    tiktok: FakeTikTok,
    choices: dict[str, str],
    message: str,
) -> None:
    connection = connect(business, "tiktok")
    post = video_post(business, owner)
    response = post_now(client_for(owner), post, connection, **choices)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Publication.objects.exists()
    assert Post.objects.get(pk=post.pk).status == Post.Status.APPROVED


def test_the_choices_reach_the_engine(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok")
    post = video_post(business, owner)
    response = post_now(
        client_for(owner), post, connection, privacy_level="MUTUAL_FOLLOW_FRIENDS",
        allow_comment="on", allow_stitch="on",  # stitch is off for this creator: ignored
        commercial="on", your_brand="on",
    )  # fmt: skip
    assert response.status_code == 302
    row = Publication.objects.get()
    assert (row.platform, row.connection, row.status) == ("tiktok", connection, "queued")
    assert row.tiktok_options == {
        "privacy_level": "MUTUAL_FOLLOW_FRIENDS",
        "allow_comment": True,
        "allow_duet": False,
        "allow_stitch": False,
        "commercial": True,
        "your_brand": True,
        "branded_content": False,
        "is_aigc": True,
    }
    assert len(tiktok.asked) == 2  # when drawing the screen, and again before sending


def test_the_creator_cannot_post_when_the_form_is_sent(
    business: Business, owner: User, client_for: ClientFor, tiktok: FakeTikTok
) -> None:
    connection = connect(business, "tiktok")
    post = video_post(business, owner)
    client = client_for(owner)
    page = screen(client, post)
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert token
    tiktok.error = cant_post_now()
    data = {"form_token": token.group(1), "connection": connection.pk, "privacy_level": "SELF_ONLY"}
    response = client.post(f"/b/{business.pk}/publish/posts/{post.pk}/now/", data, follow=True)
    assert "cannot post right now. Try again later." in response.content.decode()
    assert not Publication.objects.exists()


# --- through the real client and the TikTok simulator -----------------------------------------


@pytest.fixture
def simulator(settings: Any) -> Iterator[Any]:
    from postloom.sandbox.server import serve
    from postloom.sandbox.tiktok_api import TikTokSim, make_app

    sim = TikTokSim(auto_approve=True)
    with serve(make_app(sim)) as url:
        settings.NETWORKS = {
            **settings.NETWORKS,
            "TIKTOK_API_URL": url,
            "TIKTOK_CLIENT_KEY": sim.client_key,
            "TIKTOK_CLIENT_SECRET": sim.client_secret,
            "TIMEOUT_SECONDS": 5,
        }
        yield sim


def simulated_connection(business: Business, sim: Any, open_id: str) -> Connection:
    tokens = sim.issue_tokens(open_id)
    connection = connect(business, "tiktok", account_id=open_id, sandbox=True)
    connection.access_token = tokens["access_token"]
    connection.save()
    return connection


def test_the_screen_through_the_simulator(
    business: Business, owner: User, client_for: ClientFor, simulator: Any
) -> None:
    simulated_connection(business, simulator, "sbx-open-private")
    page = screen(client_for(owner), video_post(business, owner))
    assert "Posting as <strong>Toko Batik Private (Sandbox)</strong>" in page
    select = page.split('data-testid="privacy-level">')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', select) == [
        "", "FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY",
    ]  # fmt: skip
    assert "disabled" in checkbox(page, "allow_duet") and "disabled" in checkbox(
        page, "allow_stitch"
    )
    assert "disabled" not in checkbox(page, "allow_comment")
    assert 'data-testid="sandbox-badge"' in page
    assert [r.endpoint for r in simulator.requests] == ["creator_info"]


def test_a_creator_who_cannot_post_through_the_simulator(
    business: Business, owner: User, client_for: ClientFor, simulator: Any
) -> None:
    simulated_connection(business, simulator, "sbx-open-kopisenja")
    simulator.creators["sbx-open-kopisenja"].can_post = False
    page = screen(client_for(owner), video_post(business, owner))
    assert "TikTok says this account cannot post right now. Try again later." in page
    assert 'data-testid="publish-form"' not in page
