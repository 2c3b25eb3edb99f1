"""The approval hash, checked right before anything is sent (DESIGN §4: the publisher refuses
content whose hash differs from what a person approved).

Before a start the post moves to "publishing" through studio.approval's conditional move,
which hashes the content as the step read it and moves the post only while that hash is the
approval (an edit leaves approval in the transaction that makes it, so a read before the edit
cannot slip through); from then on the
studio refuses every edit, so a later step of the same publication only checks that the post
is still publishing under the approval the publication was made from.
"""

from __future__ import annotations

from postloom.publishing import outcomes, problems
from postloom.publishing.job import Job
from postloom.studio import approval
from postloom.studio.models import Post


def lock(job: Job) -> bool:
    """Post → publishing (no edits from here on) only while its content, hashed as read, is
    what was approved, and the approval is the one this publication was made from."""
    post = job.publication.post
    assert post is not None
    # The move hashes the content as this step read it (the post and its media, with the
    # publication) and moves the post only while that hash is its approval and this
    # publication's.
    media = getattr(post, "media_in_order", None)
    if approval.mark_publishing(post, approved_as=job.publication.content_hash, media=media):
        holds = True
    else:  # already publishing (a retry, or a row resumed after a crash): check in full
        post.refresh_from_db(fields=["status", "approved_hash"])
        holds = post.status == post.Status.PUBLISHING and _approved_as_created(job)
    if not holds:
        post.refresh_from_db(fields=["status", "approved_hash"])
        code = problems.CONTENT_CHANGED if post.approved_hash else problems.NOT_APPROVED
        outcomes.failed(job, code, "approval no longer matches")
        return False
    job.locked = True
    return True


def holds(job: Job) -> bool:
    """Before a later step: locked by this job already, still publishing under the same
    approval, or locked now (after a retry had let the post go)."""
    return job.locked or still_approved(job) or lock(job)


def still_approved(job: Job) -> bool:
    """The post is being published under the approval this publication was made from (a
    publishing post cannot be edited: studio.approval refuses, so no hashing is needed)."""
    pub = job.publication
    if pub.post_id is None:
        return False
    return Post.objects.filter(
        pk=pub.post_id, status=Post.Status.PUBLISHING, approved_hash=pub.content_hash
    ).exists()


def _approved_as_created(job: Job) -> bool:
    post = job.publication.post
    assert post is not None
    return post.approved_hash == job.publication.content_hash and approval.approval_is_current(post)
