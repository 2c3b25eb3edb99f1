"""The approval state machine: who may approve what, the content hash, and every move."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from postloom.accounts.models import User
from postloom.studio import actions, approval
from postloom.studio.models import ApprovalEvent, GenerationJob, Post, PostMedia
from tests.studio.conftest import MakePost, add_media, jpeg

S = Post.Status
pytestmark = pytest.mark.django_db


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str | None]:
    return [error.code for error in exc.value.error_list]


def set_status(post: Post, status: str, **fields: Any) -> Post:
    Post.objects.filter(pk=post.pk).update(status=status, **fields)
    post.refresh_from_db()
    return post


def approved(post: Post, by: User) -> Post:
    return approval.approve_post(post, by=by)


# --- content_hash ------------------------------------------------------------------------


def test_hash_is_stable_and_hex(post: Post) -> None:
    first = approval.content_hash(post)
    assert first == approval.content_hash(Post.objects.get(pk=post.pk))
    assert len(first) == 64 and int(first, 16) >= 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("caption", "Three ways to enjoy palm sugar coffee at home!"),
        ("hashtags", ["kopi", "jakarta"]),
        ("hashtags", ["bandung", "kopi"]),  # order is part of what is sent
        ("alt_text", "A glass of hot coffee"),
        ("headline", "Palm sugar latte"),
        ("format", "story"),
    ],
)
def test_hash_changes_with_each_word(post: Post, field: str, value: Any) -> None:
    before = approval.content_hash(post)
    setattr(post, field, value)
    assert approval.content_hash(post) != before


def test_hash_changes_with_the_file_bytes(post: Post) -> None:
    before = approval.content_hash(post)
    media = post.media.get()
    with default_storage.open(media.file.name, "wb") as handle:
        handle.write(jpeg("navy"))
    assert approval.content_hash(post) != before


def test_hash_changes_with_media_added_reordered_or_kind(post: Post) -> None:
    before = approval.content_hash(post)
    second = add_media(post, data=jpeg("green"))
    with_two = approval.content_hash(post)
    assert with_two != before
    PostMedia.objects.filter(pk=second.pk).update(position=9)
    assert approval.content_hash(post) != with_two
    PostMedia.objects.filter(pk=second.pk).update(kind=PostMedia.Kind.COVER)
    assert approval.content_hash(post) != with_two


def test_a_missing_file_has_its_own_hash(post: Post) -> None:
    before = approval.content_hash(post)
    default_storage.delete(post.media.get().file.name)
    assert approval.content_hash(post) != before
    assert approval.file_sha256("studio/none.jpg") == "missing"


def test_same_bytes_under_another_name_hash_the_same(post: Post) -> None:
    before = approval.content_hash(post)
    media = post.media.get()
    with default_storage.open(media.file.name, "rb") as handle:
        data = handle.read()
    name = default_storage.save("studio/copy.jpg", ContentFile(data))
    PostMedia.objects.filter(pk=media.pk).update(file=name)
    assert approval.content_hash(post) == before


# --- approve -----------------------------------------------------------------------------


def test_approve_records_who_when_and_the_hash(post: Post, editor: User) -> None:
    digest = approval.content_hash(post)
    result = approval.approve_post(post, by=editor, expected_hash=digest)
    assert (result.status, result.approved_by, result.approved_hash) == (S.APPROVED, editor, digest)
    assert result.approved_at is not None
    event = ApprovalEvent.objects.get()
    assert (event.post, event.action, event.by, event.comment, event.content_hash) == (
        result,
        "approved",
        editor,
        "",
        digest,
    )
    assert approval.approval_is_current(result)


def test_viewer_and_outsider_cannot_approve(
    post: Post, viewer: User, outsider: User, owner: User
) -> None:
    for person in (viewer, outsider):
        with pytest.raises(ValidationError) as exc:
            approval.approve_post(post, by=person)
        assert codes(exc) == ["not_allowed"]
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert not ApprovalEvent.objects.exists()
    assert approval.approve_post(post, by=owner).status == S.APPROVED


def test_approve_refuses_empty_caption_no_media_and_busy(make_post: MakePost, owner: User) -> None:
    blank = make_post(caption="  \n ")
    bare = make_post(picture=False)
    busy = make_post()
    GenerationJob.objects.create(business=busy.business, post=busy, total=1)
    for post, code in ((blank, "no_caption"), (bare, "no_media"), (busy, "busy")):
        with pytest.raises(ValidationError) as exc:
            approval.approve_post(post, by=owner)
        assert codes(exc) == [code]
        assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert not ApprovalEvent.objects.exists()


@pytest.mark.parametrize("status", [S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.PUBLISHED, S.FAILED])
def test_approve_only_from_draft_or_rejected(post: Post, owner: User, status: str) -> None:
    set_status(post, status)
    with pytest.raises(ValidationError) as exc:
        approval.approve_post(post, by=owner)
    assert codes(exc) == ["not_draft"]
    assert Post.objects.get(pk=post.pk).status == status


def test_a_rejected_post_may_be_approved(post: Post, owner: User) -> None:
    approval.reject_post(post, by=owner, comment="Warmer, please")
    assert approval.approve_post(post, by=owner).status == S.APPROVED
    assert list(ApprovalEvent.objects.values_list("action", flat=True)) == ["approved", "rejected"]


def test_approve_refuses_a_version_the_person_did_not_see(post: Post, owner: User) -> None:
    seen = approval.content_hash(post)
    actions.update_post(post, caption="Changed meanwhile", hashtags=[], headline="", alt_text="")
    with pytest.raises(ValidationError) as exc:
        approval.approve_post(post, by=owner, expected_hash=seen)
    assert codes(exc) == ["changed"]
    assert Post.objects.get(pk=post.pk).status == S.DRAFT


# --- reject ------------------------------------------------------------------------------


def test_reject_records_the_comment(post: Post, editor: User) -> None:
    result = approval.reject_post(post, by=editor, comment="  Say it in Indonesian.  ")
    assert result.status == S.REJECTED
    event = ApprovalEvent.objects.get()
    assert (event.action, event.by, event.comment) == ("rejected", editor, "Say it in Indonesian.")
    assert event.content_hash == approval.content_hash(post)


def test_reject_needs_a_comment_and_a_role(post: Post, owner: User, viewer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        approval.reject_post(post, by=owner, comment="   ")
    assert codes(exc) == ["no_comment"]
    with pytest.raises(ValidationError) as exc:
        approval.reject_post(post, by=owner, comment="x" * 2001)
    assert codes(exc) == ["long_comment"]
    with pytest.raises(ValidationError) as exc:
        approval.reject_post(post, by=viewer, comment="No")
    assert codes(exc) == ["not_allowed"]
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert not ApprovalEvent.objects.exists()


def test_rejecting_an_approved_post_clears_its_approval(post: Post, owner: User) -> None:
    withdrawn: list[tuple[int, str]] = []

    def listen(sender: Any, post: Post, reason: str, **kwargs: Any) -> None:
        withdrawn.append((post.pk, reason))

    approval.approval_withdrawn.connect(listen)
    try:
        approved(post, owner)
        result = approval.reject_post(post, by=owner, comment="Not this week")
    finally:
        approval.approval_withdrawn.disconnect(listen)
    assert (result.status, result.approved_by, result.approved_hash) == (S.REJECTED, None, "")
    assert withdrawn == [(post.pk, "rejected")]


@pytest.mark.parametrize("status", [S.PUBLISHING, S.PUBLISHED, S.REJECTED])
def test_reject_refused_once_at_the_network(post: Post, owner: User, status: str) -> None:
    set_status(post, status)
    with pytest.raises(ValidationError) as exc:
        approval.reject_post(post, by=owner, comment="Too late")
    assert codes(exc) == ["not_rejectable"]
    assert Post.objects.get(pk=post.pk).status == status


# --- void: any edit after approval ---------------------------------------------------------


def test_an_edit_after_approval_returns_the_post_to_draft(post: Post, owner: User) -> None:
    approved(post, owner)
    actions.update_post(post, caption="New words", hashtags=["kopi"], headline="H", alt_text="A")
    fresh = Post.objects.get(pk=post.pk)
    assert (fresh.status, fresh.approved_by, fresh.approved_at, fresh.approved_hash) == (
        S.DRAFT,
        None,
        None,
        "",
    )
    assert fresh.caption == "New words"
    assert not approval.approval_is_current(fresh)
    void = ApprovalEvent.objects.first()
    assert void is not None and (void.action, void.comment) == ("voided", "edited")


def test_saving_the_same_words_keeps_the_approval(post: Post, owner: User) -> None:
    approved(post, owner)
    actions.update_post(
        post, caption=post.caption, hashtags=post.hashtags, headline=post.headline,
        alt_text=post.alt_text,
    )  # fmt: skip
    assert Post.objects.get(pk=post.pk).status == S.APPROVED
    assert ApprovalEvent.objects.count() == 1


def test_editing_a_rejected_post_puts_it_back_in_review(post: Post, owner: User) -> None:
    approval.reject_post(post, by=owner, comment="Shorter")
    actions.update_post(post, caption="Short.", hashtags=[], headline="", alt_text="")
    assert Post.objects.get(pk=post.pk).status == S.DRAFT


def test_a_scheduled_post_edited_is_voided_and_withdrawn(post: Post, owner: User) -> None:
    withdrawn: list[str] = []

    def listen(sender: Any, post: Post, reason: str, **kwargs: Any) -> None:
        withdrawn.append(reason)

    approved(post, owner)
    assert approval.mark_scheduled(post)
    approval.approval_withdrawn.connect(listen)
    try:
        actions.update_post(post, caption="Other", hashtags=[], headline="", alt_text="")
    finally:
        approval.approval_withdrawn.disconnect(listen)
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    assert withdrawn == ["edited"]


@pytest.mark.parametrize("status, code", [(S.PUBLISHING, "publishing"), (S.PUBLISHED, "published")])
def test_no_edit_while_publishing_or_published(
    post: Post, owner: User, status: str, code: str
) -> None:
    approved(post, owner)
    set_status(post, status)
    with pytest.raises(ValidationError) as exc:
        actions.update_post(post, caption="Sneaky", hashtags=[], headline="", alt_text="")
    assert codes(exc) == [code]
    fresh = Post.objects.get(pk=post.pk)
    assert (fresh.status, fresh.caption) == (
        status,
        "Three ways to enjoy palm sugar coffee at home.",
    )
    with pytest.raises(ValidationError):
        actions.rerender(post)
    with pytest.raises(ValidationError):
        actions.regenerate(post, by=owner)
    assert Post.objects.get(pk=post.pk).approved_hash != ""


def test_regenerate_voids_the_approval(post: Post, owner: User) -> None:
    approved(post, owner)
    before = post.caption
    actions.regenerate(post, by=owner)
    fresh = Post.objects.get(pk=post.pk)
    assert (fresh.status, fresh.approved_hash) == (S.DRAFT, "")
    assert fresh.caption != before  # rewritten (tests run tasks at once)
    assert ApprovalEvent.objects.first().comment == "regenerated"  # type: ignore[union-attr]


def test_rerender_voids_the_approval(
    post: Post, owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def new_picture(target: Post) -> None:
        target.media.all().delete()
        add_media(target, data=jpeg("purple"))

    monkeypatch.setattr("postloom.studio.media.render_media", new_picture)
    approved(post, owner)
    actions.rerender(post)
    fresh = Post.objects.get(pk=post.pk)
    assert (fresh.status, fresh.approved_hash) == (S.DRAFT, "")
    assert ApprovalEvent.objects.first().comment == "redrawn"  # type: ignore[union-attr]


def test_void_of_a_draft_does_nothing(post: Post) -> None:
    assert approval.void_approval(post, reason="edited") is False
    assert not ApprovalEvent.objects.exists()


# --- the publisher's moves ------------------------------------------------------------------


def test_the_happy_path(post: Post, owner: User) -> None:
    approved(post, owner)
    assert approval.mark_scheduled(post) and post.status == S.SCHEDULED
    assert approval.approval_is_current(post)
    assert approval.mark_publishing(post) and post.status == S.PUBLISHING
    assert approval.approval_is_current(post)
    assert approval.mark_published(post) and post.status == S.PUBLISHED
    assert Post.objects.get(pk=post.pk).status == S.PUBLISHED
    assert not approval.approval_is_current(post)  # nothing left to send


def test_unschedule_and_publish_now(post: Post, owner: User) -> None:
    approved(post, owner)
    assert approval.mark_scheduled(post)
    assert approval.unschedule(post) and post.status == S.APPROVED
    assert not approval.unschedule(post)
    assert approval.mark_publishing(post)
    assert Post.objects.get(pk=post.pk).status == S.PUBLISHING


def test_failed_keeps_the_approval_for_a_retry(post: Post, owner: User) -> None:
    approved(post, owner)
    assert approval.mark_publishing(post)
    assert approval.mark_failed(post) and post.status == S.FAILED
    assert approval.approval_is_current(post)
    assert approval.mark_publishing(post)
    assert approval.mark_failed(post)
    assert approval.mark_scheduled(post)


def test_moves_refused_for_a_draft_or_a_rejected_post(post: Post, owner: User) -> None:
    for move in (approval.mark_scheduled, approval.mark_publishing, approval.unschedule,
                 approval.mark_published, approval.mark_failed):  # fmt: skip
        assert move(post) is False
    assert Post.objects.get(pk=post.pk).status == S.DRAFT
    approval.reject_post(post, by=owner, comment="No")
    assert not approval.mark_publishing(post)
    assert Post.objects.get(pk=post.pk).status == S.REJECTED


def test_moves_refused_when_the_content_differs_from_the_approval(post: Post, owner: User) -> None:
    approved(post, owner)
    # A change that went around the actions (a bug or a hand edit): the publisher must refuse.
    media = post.media.get()
    with default_storage.open(media.file.name, "wb") as handle:
        handle.write(jpeg("red"))
    assert not approval.approval_is_current(post)
    assert not approval.mark_scheduled(post)
    assert not approval.mark_publishing(post)
    assert Post.objects.get(pk=post.pk).status == S.APPROVED
    Post.objects.filter(pk=post.pk).update(caption="Changed behind our back")
    assert not approval.approval_is_current(post)


def test_each_move_happens_once(post: Post, owner: User) -> None:
    approved(post, owner)
    first, second = Post.objects.get(pk=post.pk), Post.objects.get(pk=post.pk)
    assert approval.mark_publishing(first) is True
    assert approval.mark_publishing(second) is False  # a second worker loses
    assert approval.mark_published(first) is True
    assert approval.mark_published(second) is False
    assert approval.mark_failed(second) is False


def test_published_and_publishing_cannot_be_approved_again(post: Post, owner: User) -> None:
    approved(post, owner)
    approval.mark_publishing(post)
    approval.mark_published(post)
    with pytest.raises(ValidationError):
        approval.approve_post(post, by=owner)
    assert ApprovalEvent.objects.count() == 1


def test_approval_is_current_for_a_deleted_post(post: Post, owner: User) -> None:
    approved(post, owner)
    Post.objects.filter(pk=post.pk).delete()
    assert approval.approval_is_current(post) is False
    assert approval.mark_publishing(post) is False
