"""The step machine against the fake network: every step's failures, crashes and recoveries,
each ending in one clear state and never in two posts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from postloom.connections.models import Connection
from postloom.integrations.networks.base import ErrorCode, NetworkError, TikTokOptions
from postloom.publishing import actions, dispatch, problems, selectors
from postloom.publishing.models import Publication, PublicationAttempt
from postloom.studio.models import Post
from tests.publishing.conftest import IG_TOKEN, expire_lease, make_due, run, simple_prepared
from tests.publishing.fake_network import Crash, FakeInstagram, FakeNetwork, FakeTikTok

S = Publication.Status


def publish(post: Post, connection: Connection) -> Publication:
    return actions.publish_now(post, by=None, connection=connection)


def test_happy_path_records_every_call_and_publishes_once(fake, approved, ig_connection):
    pub = run(publish(approved, ig_connection))
    assert fake.steps() == ["quota", "start", "finish"]  # a picture needs no status read
    assert pub.status == S.PUBLISHED
    assert (pub.remote_id, pub.media_id) == ("c1", "mc1")
    assert pub.permalink == "https://network.example/p/mc1/"
    assert (pub.in_flight, pub.claim_token, pub.attempts) == ("", "", 0)
    assert pub.published_at is not None
    approved.refresh_from_db()
    assert approved.status == Post.Status.PUBLISHED
    assert len(fake.published) == 1
    calls = list(selectors.calls_of(pub).values_list("step", "outcome", "remote_status"))
    assert calls == [("quota", "ok", ""), ("start", "ok", ""), ("finish", "ok", "published")]
    assert fake.tokens_seen == {IG_TOKEN}


def test_no_token_in_any_row_written(fake, approved, ig_connection):
    pub = run(publish(approved, ig_connection))
    rows = [*Publication.objects.filter(pk=pub.pk).values(), *PublicationAttempt.objects.values()]
    assert IG_TOKEN not in repr(rows)
    assert IG_TOKEN not in repr(pub) + str(pub)


def test_edited_after_approval_is_refused_at_send_time(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    # Bypassing the studio's edit path (which would void the approval first): the words the
    # network would get are no longer the words approved.
    Post.objects.filter(pk=approved.pk).update(caption="Something nobody approved")
    pub = run(pub)
    assert pub.status == S.FAILED
    assert pub.error_code == problems.CONTENT_CHANGED
    assert "start" not in fake.steps() and fake.published == []
    assert "changed after it was approved" in selectors.status_text(pub)


def test_crash_after_start_before_recording_starts_again(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    fake.crash_after("start")
    with pytest.raises(Crash):
        run(pub)
    pub.refresh_from_db()
    assert (pub.status, pub.in_flight, pub.remote_id) == (S.IN_PROGRESS, "start", "")
    expire_lease(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED and pub.remote_id == "c2"
    assert [p.remote_id for p in fake.published] == ["c2"]  # c1 never goes live by itself
    interrupted = pub.calls.filter(outcome=PublicationAttempt.Outcome.INTERRUPTED)
    assert list(interrupted.values_list("step", flat=True)) == ["start"]
    assert pub.attempts == 1


def test_unanswered_start_that_may_go_live_is_never_sent_twice(fake, approved, ig_connection):
    fake.safe_start = False
    pub = publish(approved, ig_connection)
    fake.crash_after("start")
    with pytest.raises(Crash):
        run(pub)
    expire_lease(pub)
    pub = run(pub)
    assert pub.status == S.FAILED and pub.error_code == problems.OUTCOME_UNKNOWN
    assert fake.steps().count("start") == 1
    assert "Check your profile" in selectors.status_text(pub)


def test_start_timeout_on_an_unsafe_network_fails_with_check_your_profile(
    fake, approved, ig_connection
):
    fake.safe_start = False
    fake.lose_answer("start")
    pub = run(publish(approved, ig_connection))
    assert pub.status == S.FAILED and pub.error_code == problems.OUTCOME_UNKNOWN
    assert fake.steps().count("start") == 1


def test_crash_after_finish_before_recording_is_found_not_repeated(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    fake.crash_after("finish")
    with pytest.raises(Crash):
        run(pub)
    pub.refresh_from_db()
    assert (pub.phase, pub.in_flight, pub.remote_id) == ("finish", "finish", "c1")
    expire_lease(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED and pub.media_id == "mc1"
    assert fake.steps() == ["quota", "start", "finish", "find"]
    assert len(fake.published) == 1


def test_timeout_on_finish_checks_then_records_once(fake, approved, ig_connection):
    fake.lose_answer("finish")
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.in_flight, pub.attempts) == (S.WAITING, "finish", 1)
    assert pub.wait_reason == "timeout"
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED
    assert fake.steps()[-2:] == ["finish", "find"]
    assert len(fake.published) == 1


def test_finish_failing_every_time_ends_with_outcome_unknown(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    for _ in range(20):
        fake.fail("finish", NetworkError(ErrorCode.SERVER, "500", permanent=False))
        fake.fail("find", NetworkError(ErrorCode.SERVER, "500", permanent=False))
    pub = run(pub)
    while pub.status == S.WAITING:
        make_due(pub)
        pub = run(pub)
    assert pub.status == S.FAILED and pub.error_code == problems.OUTCOME_UNKNOWN
    assert pub.attempts == 8


def test_container_in_progress_waits_without_holding_a_worker(fake, approved, ig_connection):
    fake.ready_at_start = False  # a video: its container is read until it is ready
    fake.processing_polls = 2
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.phase, pub.polls, pub.wait_reason) == (
        S.WAITING, "check", 1, "processing",
    )  # fmt: skip
    assert pub.claim_token == "" and pub.next_attempt_at > timezone.now()
    make_due(pub)
    pub = run(pub)
    assert (pub.status, pub.polls) == (S.WAITING, 2)
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED
    assert fake.steps() == ["quota", "start", "check", "check", "check", "finish"]


def test_container_processing_past_the_deadline_fails(fake, approved, ig_connection):
    fake.processing_polls = 100
    pub = run(publish(approved, ig_connection))
    Publication.objects.filter(pk=pub.pk).update(deadline_at=timezone.now())
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.FAILED and pub.error_code == problems.PROCESSING_TIMEOUT
    assert fake.published == []


def test_expired_container_is_made_again(fake, approved, ig_connection):
    fake.expire_next = 1
    pub = run(publish(approved, ig_connection))
    assert pub.status == S.PUBLISHED
    assert (pub.remote_id, pub.restarts) == ("c2", 1)
    # The limit read a moment ago still holds: it is not asked again for the new container.
    assert fake.steps() == ["quota", "start", "finish", "start", "finish"]


def test_expired_video_container_is_made_again_after_its_status_read(fake, approved, ig_connection):
    fake.ready_at_start, fake.expire_next = False, 1
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.remote_id, pub.restarts) == (S.PUBLISHED, "c2", 1)
    assert fake.steps() == ["quota", "start", "check", "start", "check", "finish"]


def test_a_picture_not_ready_at_publish_time_waits_and_reads_its_status(
    fake, approved, ig_connection
):
    fake.processing_polls = 1  # published at once, it answers 9007/2207027 "not ready"
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.phase, pub.in_flight, pub.wait_reason) == (
        S.WAITING, "check", "", "processing",
    )  # fmt: skip
    assert fake.published == []
    while pub.status == S.WAITING:
        make_due(pub)
        pub = run(pub)
    assert pub.status == S.PUBLISHED and len(fake.published) == 1
    assert fake.steps() == ["quota", "start", "finish", "check", "check", "finish"]


def test_expiry_at_publish_time_makes_a_new_container(fake, approved, ig_connection):
    fake.fail("finish", NetworkError(ErrorCode.CONTAINER_EXPIRED, "24/2207008", permanent=False))
    pub = run(publish(approved, ig_connection))
    assert pub.status == S.PUBLISHED and pub.remote_id == "c2"
    assert len(fake.published) == 1


def test_quota_reached_waits_for_the_window(fake, approved, ig_connection):
    fake.quota = (50, 50)
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.wait_reason, pub.attempts) == (S.WAITING, "quota_reached", 0)
    assert pub.next_attempt_at - timezone.now() > timedelta(minutes=59)
    assert fake.steps() == ["quota"]
    assert "daily publishing limit" in selectors.status_text(pub)
    approved.refresh_from_db()
    assert approved.status == Post.Status.SCHEDULED  # not yet on its way: still editable
    fake.quota = (49, 50)
    make_due(pub)
    assert run(pub).status == S.PUBLISHED


def test_quota_reached_at_publish_waits_too(fake, approved, ig_connection):
    fake.fail("finish", NetworkError(ErrorCode.QUOTA_REACHED, "9/2207042", permanent=True))
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.phase, pub.in_flight, pub.wait_reason) == (
        S.WAITING, "finish", "", "quota_reached",
    )  # fmt: skip
    make_due(pub)
    assert run(pub).status == S.PUBLISHED
    assert fake.steps()[-1] == "finish" and len(fake.published) == 1


def test_transient_server_error_is_retried_with_backoff(fake, approved, ig_connection):
    fake.fail("start", NetworkError(ErrorCode.SERVER, "500", permanent=False, http_status=500))
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.attempts, pub.wait_reason) == (S.WAITING, 1, "server")
    delay = (pub.next_attempt_at - timezone.now()).total_seconds()
    assert 4 < delay <= 10  # retry_base_seconds=10, jittered between half and all of it
    failed_call = pub.calls.get(step="start")
    assert (failed_call.outcome, failed_call.error_code, failed_call.http_status) == (
        "error", "server", 500,
    )  # fmt: skip
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED and len(fake.published) == 1


def test_rate_limit_waits_at_least_retry_after(fake, approved, ig_connection):
    fake.fail("start", NetworkError(ErrorCode.RATE_LIMITED, "4", permanent=False, retry_after=120))
    pub = run(publish(approved, ig_connection))
    assert pub.status == S.WAITING and pub.in_flight == ""
    assert (pub.next_attempt_at - timezone.now()).total_seconds() > 115


def test_transient_errors_give_up_after_the_limit(fake, approved, ig_connection):
    for _ in range(10):
        fake.fail("quota", NetworkError(ErrorCode.UNREACHABLE, "refused", permanent=False))
    pub = run(publish(approved, ig_connection))
    while pub.status == S.WAITING:
        make_due(pub)
        pub = run(pub)
    assert (pub.status, pub.error_code, pub.attempts) == (S.FAILED, problems.GAVE_UP, 8)
    approved.refresh_from_db()
    assert approved.status == Post.Status.FAILED
    assert "kept failing" in selectors.status_text(pub)


def test_permanent_error_fails_with_a_shop_owners_message(fake, approved, ig_connection):
    fake.fail(
        "start",
        NetworkError(
            ErrorCode.MEDIA_REJECTED, "36003/2207009", permanent=True, vendor_code="36003/2207009"
        ),
    )
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.error_code, pub.vendor_code) == (
        S.FAILED, "media_rejected", "36003/2207009",
    )  # fmt: skip
    assert selectors.status_text(pub) == (
        "Instagram did not accept the picture or video (its format, size or shape). Change "
        "the media, approve the post again and retry."
    )
    approved.refresh_from_db()
    assert approved.status == Post.Status.FAILED


def test_expired_token_marks_the_connection_for_reconnect(fake, approved, ig_connection):
    fake.fail(
        "start",
        NetworkError(
            ErrorCode.TOKEN_EXPIRED, "190/463", permanent=True, reconnect=True, vendor_code="190"
        ),
    )
    pub = run(publish(approved, ig_connection))
    assert (pub.status, pub.error_code) == (S.FAILED, "token_expired")
    ig_connection.refresh_from_db()
    assert (ig_connection.status, ig_connection.status_reason) == ("reconnect", "token_expired")
    assert "Reconnect the account" in selectors.status_text(pub)


def test_connection_broken_before_the_worker_comes(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    Connection.objects.filter(pk=ig_connection.pk).update(status="reconnect")
    pub = run(pub)
    assert (pub.status, pub.error_code) == (S.FAILED, problems.CONNECTION_NEEDS_RECONNECT)
    assert fake.calls == []


def test_post_deleted_before_sending_is_cancelled(fake, approved, ig_connection):
    pub = publish(approved, ig_connection)
    Post.objects.filter(pk=approved.pk).delete()
    pub = run(pub)
    assert (pub.status, pub.error_code, pub.post_id) == (S.CANCELLED, problems.POST_DELETED, None)
    assert fake.calls == []
    assert selectors.status_text(pub) == "The post was deleted before it was published."


def test_post_deleted_while_its_container_processes_is_never_published(
    fake, approved, ig_connection
):
    fake.ready_at_start, fake.processing_polls = False, 1
    pub = run(publish(approved, ig_connection))
    assert pub.status == S.WAITING
    Post.objects.filter(pk=approved.pk).delete()
    make_due(pub)
    pub = run(pub)
    assert (pub.status, pub.error_code) == (S.CANCELLED, problems.POST_DELETED)
    assert "finish" not in fake.steps() and fake.published == []


def publish_tiktok(post: Post, connection: Connection) -> Publication:
    options = TikTokOptions(privacy_level="SELF_ONLY", allow_comment=True)
    return actions.publish_now(post, by=None, connection=connection, tiktok=options)


def test_post_deleted_after_a_network_published_it_records_the_truth(
    fake_tiktok, make_approved, tt_connection
):
    fake = fake_tiktok  # TikTok: the upload is the publish
    fake.lose_answer("check")
    post = make_approved(format="tiktok_photo")
    pub = run(publish_tiktok(post, tt_connection))
    assert (pub.status, pub.remote_id) == (S.WAITING, "c1")
    Post.objects.filter(pk=post.pk).delete()
    make_due(pub)
    pub = run(pub)
    assert pub.status == S.PUBLISHED and pub.post_id is None
    assert len(fake.published) == 1


def test_post_deleted_after_an_unanswered_tiktok_start_is_not_called_cancelled(
    fake_tiktok, make_approved, tt_connection
):
    fake_tiktok.reports_remote_id = False  # a client that hands over no id before it ends
    post = make_approved(format="tiktok_photo")
    pub = publish_tiktok(post, tt_connection)
    fake_tiktok.crash_after("start")  # it went live; the worker died before recording it
    with pytest.raises(Crash):
        run(pub)
    Post.objects.filter(pk=post.pk).delete()
    expire_lease(pub)
    pub = run(pub)
    assert (pub.status, pub.error_code) == (S.FAILED, problems.OUTCOME_UNKNOWN)
    assert fake_tiktok.steps() == ["start"] and len(fake_tiktok.published) == 1


def test_a_lost_claim_stops_the_slow_worker(fake, approved, ig_connection):
    from postloom.publishing import claims, policy

    pub = publish(approved, ig_connection)
    rules = policy.current()
    first = claims.claim(rules, only_id=pub.pk)[0]
    assert claims.claim(rules, only_id=pub.pk) == []  # held: nobody else gets it
    expire_lease(pub)
    second = claims.claim(rules, only_id=pub.pk)[0]
    assert second.token != first.token
    dispatch.advance(first, rules)  # the slow worker wakes up: every write is refused
    assert fake.calls == []
    pub.refresh_from_db()
    assert (pub.status, pub.claim_token) == (S.IN_PROGRESS, second.token)
    dispatch.advance(second, rules)
    pub.refresh_from_db()
    assert pub.status == S.PUBLISHED and len(fake.published) == 1


def test_tiktok_goes_live_with_its_upload(fake_tiktok, make_approved, tt_connection, monkeypatch):
    seen = []

    def build(post, platform, tiktok):  # type: ignore[no-untyped-def]
        seen.append((platform, tiktok))
        return simple_prepared(post, platform, tiktok)

    monkeypatch.setattr(dispatch, "prepare_request", build)
    pub = run(publish_tiktok(make_approved(format="tiktok_photo"), tt_connection))
    assert (pub.status, pub.media_id) == (S.PUBLISHED, "mc1")
    assert fake_tiktok.steps() == ["start", "check"]  # the client asks creator_info itself
    assert seen == [("tiktok", TikTokOptions("SELF_ONLY", allow_comment=True))]


def test_the_words_sent_are_kept_to_recognise_a_lost_publish(fake, approved, ig_connection):
    pub = run(publish(approved, ig_connection))
    assert pub.sent_caption == f"{approved.caption} #kopi"


def test_fake_network_is_a_network_client() -> None:
    from postloom.integrations.networks.base import NetworkClient

    assert isinstance(FakeNetwork(), NetworkClient)
    assert isinstance(FakeInstagram(), NetworkClient) and isinstance(FakeTikTok(), NetworkClient)


def test_edited_and_approved_again_after_the_row_was_read_sends_nothing(
    fake, approved, ig_connection, owner
):
    """A pool reads rows ahead of its walkers: the words a walker hashes may be older than
    the post. An edit and a new approval in between still stop it, before any call."""
    from postloom.publishing import claims, policy
    from postloom.studio import approval

    pub = publish(approved, ig_connection)
    [row] = claims.claim_loaded(policy.current(), limit=1)
    approval.void_approval(approved, reason="edited")
    Post.objects.filter(pk=approved.pk).update(caption="Words approved later")
    approved.refresh_from_db()
    approval.approve_post(approved, by=owner)
    dispatch.advance(claims.claim_of(row), policy.current(), row)
    pub.refresh_from_db()
    assert pub.status in (S.FAILED, S.CANCELLED), pub.status
    assert "start" not in fake.steps() and fake.published == []
    approved.refresh_from_db()
    assert approved.status == Post.Status.APPROVED  # the new approval stands, untouched
