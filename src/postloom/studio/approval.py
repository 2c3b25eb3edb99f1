"""Approval as a state machine: what a person approved, and who may move a post on from there.

    draft ──approve──▶ approved ──mark_scheduled──▶ scheduled ──mark_publishing──▶ publishing
      ▲  ◀──reject──┐     │  ◀──────unschedule───────┘                              │
      │             │     │  ◀──────return_unsent (cancelled, nothing sent)──────────┤
      │          rejected │                                           mark_published │ mark_failed
      └── void_approval ◀─┴── (any edit of words or media: approved, scheduled,   published | failed
                               failed and rejected posts return to draft)

Approving records who, when, and ``content_hash``: the SHA-256 of the exact words and files
that would be sent. Publishing (which imports this module; the studio never imports publishing)
moves a post on only through the conditional UPDATEs below, each of which says whether it
happened, so two workers or a worker and an edit can never both win. A post whose content no
longer matches its approved hash is never moved towards the network.

Choices:
- A rejected post may be approved directly (a person may change their mind; both acts are
  recorded); editing it returns it to draft, into the review queue again.
- A failed post keeps its approval (nothing changed), so its publication can be retried; an
  edit returns it to draft.
- A post being published or already published cannot be edited: its words are at the network.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from postloom.accounts.models import User
from postloom.brands.models import Access, Membership
from postloom.studio.models import ApprovalEvent, Post, PostMedia

S = Post.Status
# Statuses whose approval still stands (if the hash matches): the publisher may go on.
APPROVED_STATES = (S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.FAILED)
APPROVABLE = (S.DRAFT, S.REJECTED)
REJECTABLE = (S.DRAFT, S.APPROVED, S.SCHEDULED, S.FAILED)
VOIDABLE = (S.APPROVED, S.SCHEDULED, S.FAILED, S.REJECTED)
LOCKED = (S.PUBLISHING, S.PUBLISHED)  # at the network: no edits
MAX_COMMENT = 2000
HASH_VERSION = 1
_CHUNK = 1024 * 1024

# Sent inside the transaction that took a post out of approval (voided or rejected), with
# ``post`` and ``reason``; publishing listens to cancel what it had scheduled for the post.
approval_withdrawn = Signal()


# --- The hash of what would be sent --------------------------------------------------------


def file_sha256(name: str) -> str:
    """The file's SHA-256, or "missing" (a missing file can match no approval made with it)."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError, ValueError):
        return "missing"
    return digest.hexdigest()


def _media_of(post: Post) -> Iterable[PostMedia]:
    # Always from the database: a prefetched list may be older than the files.
    return PostMedia.objects.filter(post_id=post.pk).order_by("position", "id")


def content_hash(post: Post, media: Iterable[PostMedia] | None = None) -> str:
    """SHA-256 over the words and files as they would be sent, in a stable JSON encoding.

    The words come from ``post`` as given; the media rows from the database unless the
    caller has just written them (``media``, in position order), the file bytes from storage.
    """
    content = {
        "v": HASH_VERSION,
        "platform": post.platform,
        "format": post.format,
        "caption": post.caption,
        "hashtags": list(post.hashtags),
        "headline": post.headline,
        "alt_text": post.alt_text,
        "media": [
            {"kind": m.kind, "position": m.position, "sha256": file_sha256(m.file.name or "")}
            for m in (_media_of(post) if media is None else media)
        ],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _fresh(post: Post) -> Post:
    return Post.objects.get(pk=post.pk)


def approval_is_current(post: Post) -> bool:
    """Whether the post stands approved and its content (read afresh) is what was approved."""
    fresh = Post.objects.filter(pk=post.pk).first()
    if fresh is None or fresh.status not in APPROVED_STATES or not fresh.approved_hash:
        return False
    return content_hash(fresh) == fresh.approved_hash


# --- Acts of a person ----------------------------------------------------------------------


def _check_may_approve(post: Post, by: User) -> None:
    membership = Membership.objects.filter(business_id=post.business_id, user=by).first()
    if membership is None or not membership.allows(Access.EDIT):
        raise ValidationError(
            _("Only an owner or an editor can approve posts."), code="not_allowed"
        )


def _check_approvable(post: Post) -> None:
    from postloom.studio.selectors import is_being_generated

    if post.status not in APPROVABLE:
        raise ValidationError(
            _("Only a draft can be approved; this post is “%(status)s”.")
            % {"status": post.get_status_display()},
            code="not_draft",
        )
    if is_being_generated(post):
        raise ValidationError(
            _("This post is still being generated. Approve it when it is ready."), code="busy"
        )
    if not post.caption.strip():
        raise ValidationError(_("Write a caption before approving."), code="no_caption")
    if not PostMedia.objects.filter(post_id=post.pk).exists():
        raise ValidationError(_("This post has no pictures or video yet."), code="no_media")


def _record(post: Post, action: str, by: User | None, comment: str, digest: str) -> None:
    ApprovalEvent.objects.create(
        post_id=post.pk, action=action, by=by, comment=comment, content_hash=digest
    )


@transaction.atomic
def approve_post(post: Post, *, by: User, expected_hash: str | None = None) -> Post:
    """A person approves the post as it is now.

    ``expected_hash`` is the hash of the version the person was shown; if the post changed
    since, nothing is approved (they would approve words they have not read).
    """
    _check_may_approve(post, by)
    fresh = Post.objects.select_for_update().get(pk=post.pk)
    _check_approvable(fresh)
    digest = content_hash(fresh)
    if expected_hash is not None and expected_hash != digest:
        raise ValidationError(
            _("This post changed since you opened it. Look at it again before approving."),
            code="changed",
        )
    now = timezone.now()
    updated = Post.objects.filter(pk=post.pk, status__in=APPROVABLE).update(
        status=S.APPROVED, approved_by=by, approved_at=now, approved_hash=digest, updated_at=now
    )
    if not updated:
        raise ValidationError(_("Someone changed this post at the same time."), code="conflict")
    _record(fresh, ApprovalEvent.Action.APPROVED, by, "", digest)
    fresh.refresh_from_db()
    return fresh


@transaction.atomic
def reject_post(post: Post, *, by: User, comment: str) -> Post:
    """A person sends the post back, saying what should change. Its approval, if any, ends."""
    _check_may_approve(post, by)
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what should change."), code="no_comment")
    if len(comment) > MAX_COMMENT:
        raise ValidationError(
            _("Keep the comment under %(max)s characters.") % {"max": MAX_COMMENT},
            code="long_comment",
        )
    fresh = Post.objects.select_for_update().get(pk=post.pk)
    if fresh.status not in REJECTABLE:
        raise ValidationError(
            _("This post can no longer be rejected; it is “%(status)s”.")
            % {"status": fresh.get_status_display()},
            code="not_rejectable",
        )
    updated = Post.objects.filter(pk=post.pk, status__in=REJECTABLE).update(
        status=S.REJECTED, **_cleared()
    )
    if not updated:
        raise ValidationError(_("Someone changed this post at the same time."), code="conflict")
    _record(fresh, ApprovalEvent.Action.REJECTED, by, comment, content_hash(fresh))
    was_approved = fresh.status in APPROVED_STATES
    fresh.refresh_from_db()
    if was_approved:
        approval_withdrawn.send(sender=Post, post=fresh, reason="rejected")
    return fresh


def _cleared() -> dict[str, object]:
    return {
        "approved_by": None,
        "approved_at": None,
        "approved_hash": "",
        "updated_at": timezone.now(),
    }


def check_editable(post: Post) -> None:
    """Refuse an edit of a post whose words are at the network (or on their way)."""
    status = Post.objects.filter(pk=post.pk).values_list("status", flat=True).first()
    if status == S.PUBLISHING:
        raise ValidationError(
            _("This post is being published now and cannot be changed."), code="publishing"
        )
    if status == S.PUBLISHED:
        raise ValidationError(
            _("This post is already published and cannot be changed."), code="published"
        )


@transaction.atomic
def void_approval(post: Post, *, reason: str, by: User | None = None) -> bool:
    """Before any edit of words or media: back to draft, approval cleared, a row saying why.

    Returns whether there was anything to void; refuses (ValidationError) a post being
    published or published. ``post.status`` and its approval fields follow the database.
    """
    check_editable(post)
    previous = Post.objects.filter(pk=post.pk).values_list("status", "approved_hash").first()
    updated = Post.objects.filter(pk=post.pk, status__in=VOIDABLE).update(
        status=S.DRAFT, **_cleared()
    )
    if not updated:
        check_editable(post)  # it started publishing in between
        post.status = S.DRAFT
        return False
    post.status, post.approved_by, post.approved_at, post.approved_hash = S.DRAFT, None, None, ""
    _record(post, ApprovalEvent.Action.VOIDED, by, reason, previous[1] if previous else "")
    if previous and previous[0] in APPROVED_STATES:
        approval_withdrawn.send(sender=Post, post=post, reason=reason)
    return True


# --- Moves made by the publisher (each one conditional, race-safe) -------------------------


def _move(
    post: Post,
    sources: tuple[str, ...],
    target: str,
    *,
    check_hash: bool,
    approved_as: str = "",
    media: Iterable[PostMedia] | None = None,
) -> bool:
    filters: dict[str, object] = {"pk": post.pk, "status__in": sources}
    if check_hash:
        # With ``media`` the caller has just read the post and its media: they are hashed
        # as given. Either way the UPDATE's conditions make it safe: an edit takes the post
        # out of approval in the transaction that changes it, so content read before the
        # edit meets a draft (or a new approved hash) here and the move does not happen.
        fresh = Post.objects.filter(pk=post.pk).first() if media is None else post
        if fresh is None or not fresh.approved_hash:
            return False
        digest = content_hash(fresh, media)
        if approved_as and digest != approved_as:
            return False
        filters["approved_hash"] = digest
    elif approved_as:
        filters["approved_hash"] = approved_as
    moved = Post.objects.filter(**filters).update(status=target, updated_at=timezone.now())
    if moved:
        post.status = target
    return bool(moved)


def mark_scheduled(post: Post) -> bool:
    """approved (or failed, for a retry) → scheduled, only while the approved content holds."""
    return _move(post, (S.APPROVED, S.FAILED), S.SCHEDULED, check_hash=True)


def unschedule(post: Post) -> bool:
    """scheduled → approved (its publication was cancelled)."""
    return _move(post, (S.SCHEDULED,), S.APPROVED, check_hash=False)


def return_unsent(post: Post) -> bool:
    """publishing → approved: its publication was cancelled while the publisher knew that
    nothing of it could go live (no publish call made or unanswered), so it may be scheduled
    or published again. Its content was locked while publishing, so the approval stands."""
    return _move(post, (S.PUBLISHING,), S.APPROVED, check_hash=False)


def mark_publishing(
    post: Post, *, approved_as: str = "", media: Iterable[PostMedia] | None = None
) -> bool:
    """approved / scheduled / failed → publishing, only while the approved content holds
    (and, with ``approved_as``, only while that hash is the approval). ``media``: the post's
    media rows in order, read with ``post`` just now (saves reading both again)."""
    sources = (S.APPROVED, S.SCHEDULED, S.FAILED)
    return _move(post, sources, S.PUBLISHING, check_hash=True, approved_as=approved_as, media=media)


def mark_published(post: Post) -> bool:
    return _move(post, (S.PUBLISHING,), S.PUBLISHED, check_hash=False)


def mark_failed(post: Post, *, approved_as: str = "") -> bool:
    """approved / scheduled / publishing → failed; the approval stays, so a retry may follow.
    With ``approved_as``, only while that is still the post's approval: a publication made
    from an earlier approval does not fail a post approved again since."""
    sources = (S.APPROVED, S.SCHEDULED, S.PUBLISHING)
    return _move(post, sources, S.FAILED, check_hash=False, approved_as=approved_as)
