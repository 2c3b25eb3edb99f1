"""Publish now, schedule, cancel and retry: who may, what is refused, and what rows follow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from postloom.brands import actions as brand_actions
from postloom.integrations.networks.base import ErrorCode, NetworkError, TikTokOptions
from postloom.publishing import actions, claims, policy, problems, selectors
from postloom.publishing.models import Publication
from postloom.studio import actions as studio_actions
from postloom.studio import approval
from postloom.studio.models import Post
from tests.publishing.conftest import make_connection, make_due, run

S = Publication.Status


def code_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(excinfo.value.code)


def test_publish_now_creates_one_queued_row_and_schedules_the_post(approved, ig_connection, owner):
    pub = actions.publish_now(approved, by=owner, connection=ig_connection)
    assert (pub.status, pub.phase, pub.platform, pub.kind) == (
        S.QUEUED, "start", "instagram", "feed_image",
    )  # fmt: skip
    assert pub.content_hash == approved.approved_hash == approval.content_hash(approved)
    assert pub.next_attempt_at <= timezone.now() and pub.scheduled_for is None
    assert (pub.created_by, pub.business_id) == (owner, approved.business_id)
    approved.refresh_from_db()
    assert approved.status == Post.Status.SCHEDULED


def test_publish_now_runs_after_commit(fake, approved, ig_connection, owner,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pub = actions.publish_now(approved, by=owner, connection=ig_connection)
        assert fake.calls == []  # nothing is sent before the row is committed
    assert len(callbacks) == 1
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED and len(fake.published) == 1


def test_a_lost_enqueue_is_picked_up_by_the_dispatcher(fake, approved, ig_connection, owner):
    from postloom.publishing import worker

    pub = actions.publish_now(approved, by=owner, connection=ig_connection)  # callback dropped
    assert worker.dispatch_due() == 1
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED


def test_unapproved_post_is_refused(make_approved, ig_connection, owner):
    post = make_approved()
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)
    post.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(post, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "not_approved"
    assert not Publication.objects.exists()


def edit(post: Post, caption: str) -> None:
    studio_actions.update_post(
        post, caption=caption, hashtags=post.hashtags, headline=post.headline,
        alt_text=post.alt_text,
    )  # fmt: skip


def test_a_post_edited_through_the_studio_is_no_longer_approved(approved, ig_connection, owner):
    edit(approved, "New words")
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "not_approved"


def test_content_changed_behind_the_approval_is_refused(approved, ig_connection, owner):
    Post.objects.filter(pk=approved.pk).update(caption="Changed behind our back")
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "content_changed"


def test_viewer_cannot_publish(approved, ig_connection, viewer):
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=viewer, connection=ig_connection)
    assert code_of(excinfo) == "not_allowed"


def test_connection_of_another_business_is_refused(approved, owner, make_user):
    other = brand_actions.create_business(make_user(), name="Other", website="https://o.example")
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=make_connection(other))
    assert code_of(excinfo) == "wrong_connection"


def test_connection_of_another_network_is_refused(approved, owner, tt_connection):
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=tt_connection)
    assert code_of(excinfo) == "wrong_connection"
    assert "made for Instagram" in excinfo.value.messages[0]


def test_connection_needing_reconnect_is_refused(approved, owner, ig_connection):
    ig_connection.status = "reconnect"
    ig_connection.save()
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "connection_needs_reconnect"


def test_tiktok_needs_a_privacy_choice(make_approved, owner, tt_connection):
    post = make_approved(format="tiktok_photo")
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(post, by=owner, connection=tt_connection)
    assert code_of(excinfo) == "tiktok_privacy_missing"
    options = TikTokOptions(privacy_level="SELF_ONLY")
    pub = actions.publish_now(post, by=owner, connection=tt_connection, tiktok=options)
    assert pub.tiktok_options["privacy_level"] == "SELF_ONLY"
    assert pub.tiktok_options["allow_comment"] is False


def test_double_publish_now_makes_one_row(approved, ig_connection, owner):
    actions.publish_now(approved, by=owner, connection=ig_connection)
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "already_publishing"
    assert Publication.objects.count() == 1


def test_the_database_refuses_a_second_active_row(approved, ig_connection):
    from django.db import IntegrityError, transaction

    actions.publish_now(approved, by=None, connection=ig_connection)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(
            business=approved.business, post=approved, connection=ig_connection,
            platform="instagram", kind="feed_image", content_hash="x",
        )  # fmt: skip


def test_published_post_cannot_be_published_again(fake, approved, ig_connection, owner):
    run(actions.publish_now(approved, by=owner, connection=ig_connection))
    approved.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        actions.publish_now(approved, by=owner, connection=ig_connection)
    assert code_of(excinfo) == "already_published"


# --- schedule --------------------------------------------------------------------------------


def test_schedule_in_the_past_is_refused(approved, ig_connection, owner):
    with pytest.raises(ValidationError) as excinfo:
        actions.schedule_post(
            approved, by=owner, connection=ig_connection, when=timezone.now() - timedelta(1)
        )
    assert code_of(excinfo) == "in_past"
    naive = datetime.now() + timedelta(days=1)  # noqa: DTZ005  (the point of the test)
    with pytest.raises(ValidationError) as excinfo:
        actions.schedule_post(approved, by=owner, connection=ig_connection, when=naive)
    assert code_of(excinfo) == "naive_time"
    assert not Publication.objects.exists()
    approved.refresh_from_db()
    assert approved.status == Post.Status.APPROVED


def test_schedule_is_stored_in_utc_and_sent_when_due(fake, approved, ig_connection, owner):
    when = timezone.now() + timedelta(hours=3)
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=when)
    assert pub.status == S.SCHEDULED and pub.scheduled_for == when
    assert pub.scheduled_for.tzinfo == UTC
    assert run(pub).status == S.SCHEDULED  # not due yet: untouched
    assert fake.calls == []
    make_due(pub)
    assert run(pub).status == S.PUBLISHED


def test_schedule_across_daylight_saving(fake, approved, ig_connection, owner, monkeypatch):
    """Berlin springs forward on 28 March 2027: 09:00 that day is 07:00 UTC, a day earlier it
    was 08:00 UTC. The row is due at exactly that UTC moment and shown as 09:00 local."""
    business = approved.business
    business.timezone = "Europe/Berlin"
    business.save()
    berlin = ZoneInfo("Europe/Berlin")
    before = datetime(2027, 3, 27, 9, 0, tzinfo=berlin)
    after = datetime(2027, 3, 28, 9, 0, tzinfo=berlin)
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=after)
    assert pub.scheduled_for == datetime(2027, 3, 28, 7, 0, tzinfo=UTC)
    assert before.astimezone(UTC).hour == 8
    local = selectors.local(pub, pub.scheduled_for)
    assert (local.hour, local.utcoffset()) == (9, timedelta(hours=2))

    def at(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    at(datetime(2027, 3, 28, 6, 59, 59, tzinfo=UTC))
    assert claims.claim(policy.current(), only_id=pub.pk) == []
    at(datetime(2027, 3, 28, 7, 0, tzinfo=UTC))
    assert len(claims.claim(policy.current(), only_id=pub.pk)) == 1


def test_schedule_in_the_repeated_hour_keeps_the_moment_chosen(approved, ig_connection, owner):
    """Berlin falls back on 31 October 2027: 02:30 happens twice; the form picks one (fold),
    and the engine keeps exactly that moment."""
    second = datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin"))
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=second)
    assert pub.scheduled_for == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


# --- cancel ----------------------------------------------------------------------------------


def test_cancel_a_scheduled_publication(approved, ig_connection, owner):
    when = timezone.now() + timedelta(days=1)
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=when)
    pub = actions.cancel_publication(pub, by=owner)
    assert (pub.status, pub.cancelled_by) == (S.CANCELLED, owner)
    approved.refresh_from_db()
    assert approved.status == Post.Status.APPROVED
    with pytest.raises(ValidationError) as excinfo:
        actions.cancel_publication(pub, by=owner)
    assert code_of(excinfo) == "not_cancellable"
    # Once cancelled it may be published again: the constraint counts active rows only.
    assert actions.publish_now(approved, by=owner, connection=ig_connection).status == S.QUEUED


def test_cancel_while_a_worker_holds_the_row_is_refused(approved, ig_connection, owner):
    pub = actions.publish_now(approved, by=owner, connection=ig_connection)
    assert claims.claim(policy.current(), only_id=pub.pk)
    with pytest.raises(ValidationError) as excinfo:
        actions.cancel_publication(pub, by=owner)
    assert code_of(excinfo) == "sending_now"


def test_cancel_after_an_unanswered_publish_is_refused(fake, approved, ig_connection, owner):
    fake.lose_answer("finish")
    pub = run(actions.publish_now(approved, by=owner, connection=ig_connection))
    assert (pub.status, pub.in_flight) == (S.WAITING, "finish")
    with pytest.raises(ValidationError) as excinfo:
        actions.cancel_publication(pub, by=owner)
    assert code_of(excinfo) == "sending_now"


def test_cancel_once_started_with_nothing_sent_returns_the_post_to_approved(
    fake, approved, ig_connection, owner
):
    # The container exists at Instagram; the publish call was refused outright (throttled),
    # so nothing of the post can go live: the post is locked for publishing, and cancelling
    # must give it back, approved, not leave it "failed".
    fake.fail("finish", NetworkError(ErrorCode.RATE_LIMITED, "4", permanent=False))
    pub = run(actions.publish_now(approved, by=owner, connection=ig_connection))
    assert (pub.status, pub.remote_id, pub.in_flight) == (S.WAITING, "c1", "")
    approved.refresh_from_db()
    assert approved.status == Post.Status.PUBLISHING
    pub = actions.cancel_publication(pub, by=owner)
    assert pub.status == S.CANCELLED
    approved.refresh_from_db()
    assert (approved.status, approved.approved_hash) == (Post.Status.APPROVED, pub.content_hash)
    again = run(actions.publish_now(approved, by=owner, connection=ig_connection))
    assert again.status == S.PUBLISHED and [p.remote_id for p in fake.published] == ["c2"]


def test_cancel_after_a_tiktok_start_is_refused_and_the_post_stays_publishing(
    fake_tiktok, make_approved, tt_connection, owner
):
    fake_tiktok.processing_polls = 5  # TikTok has the media and is processing them
    fake_tiktok.publishes_itself = False
    post = make_approved(format="tiktok_photo")
    options = TikTokOptions(privacy_level="SELF_ONLY")
    pub = run(actions.publish_now(post, by=owner, connection=tt_connection, tiktok=options))
    assert (pub.status, pub.remote_id) == (S.WAITING, "c1")
    with pytest.raises(ValidationError) as excinfo:
        actions.cancel_publication(pub, by=owner)
    assert code_of(excinfo) == "sending_now"
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHING


def test_the_unsent_move_only_takes_a_publishing_post(approved):
    assert not approval.return_unsent(approved)  # approved: nothing to give back
    Post.objects.filter(pk=approved.pk).update(status=Post.Status.PUBLISHED)
    assert not approval.return_unsent(approved)
    Post.objects.filter(pk=approved.pk).update(status=Post.Status.PUBLISHING)
    assert approval.return_unsent(approved) and approved.status == Post.Status.APPROVED


def test_editing_a_scheduled_post_cancels_its_publication(approved, ig_connection, owner):
    when = timezone.now() + timedelta(days=1)
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=when)
    edit(approved, "A late change")
    pub.refresh_from_db()
    assert (pub.status, pub.error_code) == (S.CANCELLED, problems.CONTENT_CHANGED)


def test_rejecting_a_scheduled_post_cancels_its_publication(approved, ig_connection, owner):
    when = timezone.now() + timedelta(days=1)
    pub = actions.schedule_post(approved, by=owner, connection=ig_connection, when=when)
    approval.reject_post(approved, by=owner, comment="Wrong product")
    pub.refresh_from_db()
    assert (pub.status, pub.error_code) == (S.CANCELLED, problems.NOT_APPROVED)


# --- retry -----------------------------------------------------------------------------------


def test_retry_a_failed_publication(fake, approved, ig_connection, owner):
    fake.fail("start", NetworkError(ErrorCode.SERVER, "500", permanent=True))
    pub = run(actions.publish_now(approved, by=owner, connection=ig_connection))
    assert pub.status == S.FAILED
    approved.refresh_from_db()
    assert approved.status == Post.Status.FAILED
    pub = actions.retry_publication(pub, by=owner)
    assert (pub.status, pub.attempts, pub.error_code, pub.phase) == (S.QUEUED, 0, "", "start")
    approved.refresh_from_db()
    assert approved.status == Post.Status.SCHEDULED
    assert run(pub).status == S.PUBLISHED
    assert Publication.objects.count() == 1


def test_retry_after_reconnect_asks_about_the_container_first(fake, approved, ig_connection):
    fake.fail(
        "finish",
        NetworkError(ErrorCode.TOKEN_EXPIRED, "190", permanent=True, reconnect=True),
    )
    pub = run(actions.publish_now(approved, by=None, connection=ig_connection))
    assert (pub.status, pub.remote_id) == (S.FAILED, "c1")
    with pytest.raises(ValidationError) as excinfo:
        actions.retry_publication(pub, by=None)
    assert code_of(excinfo) == "connection_needs_reconnect"
    ig_connection.status = "active"
    ig_connection.save()
    pub = actions.retry_publication(pub, by=None)
    assert pub.phase == "check"
    assert run(pub).status == S.PUBLISHED
    assert fake.steps()[-2:] == ["check", "finish"] and len(fake.containers) == 1


def test_only_failed_publications_are_retried(approved, ig_connection, owner):
    pub = actions.publish_now(approved, by=owner, connection=ig_connection)
    with pytest.raises(ValidationError) as excinfo:
        actions.retry_publication(pub, by=owner)
    assert code_of(excinfo) == "not_failed"
