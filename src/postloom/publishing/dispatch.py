"""The step machine that sends one claimed publication to its network, exactly once.

    start ── container / publish id recorded (its own commit) ──▶ check ──▶ finish ──▶ published
      ▲                                                           │  ▲
      └──────────── expired: a new container ─────────────────────┘  └─ still processing: wait

Before each call that can change something at the network (start, finish) the row says so
(``in_flight``, committed with the attempt row). Whoever picks the row up next — after a crash,
an expired lease or a timeout — finds that mark and asks the network before doing anything:
a publish that went unanswered is looked up (``find_published``); a start that went unanswered
is sent again only where the client says an unrecorded remote object can never go live by
itself (``start_timeout_is_safe``), and otherwise the publication fails with "check your
profile" instead of risking a second post. The approved hash is checked again right before
start and before finish; nothing whose content changed is sent.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.utils import timezone, translation

from postloom.connections.models import Connection
from postloom.integrations.networks import get_client
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    NetworkClient,
    NetworkError,
    PublishRequest,
    RemoteState,
    RemoteStatus,
    TikTokOptions,
)
from postloom.publishing import claims, outcomes, problems
from postloom.publishing.calls import call
from postloom.publishing.claims import Claim, LostClaim
from postloom.publishing.models import Publication
from postloom.publishing.models import PublicationAttempt as Attempt
from postloom.publishing.outcomes import Job
from postloom.publishing.policy import Policy
from postloom.studio import approval
from postloom.studio.models import Post

log = logging.getLogger(__name__)
P = Publication.Phase
Step = Attempt.Step
SENT_UNKNOWN = (ErrorCode.TIMEOUT, ErrorCode.SERVER)  # the call may have taken effect
WAIT_LATER = (ErrorCode.QUOTA_REACHED, ErrorCode.CANT_POST_NOW)


def build_request(post: Post, platform: str, tiktok: TikTokOptions | None) -> PublishRequest:
    """Pre-flight (publishing.preflight): the request to send, or PreflightError."""
    from postloom.publishing import preflight

    return preflight.build_request(post, platform, tiktok)


def release_files(request: PublishRequest) -> None:
    from postloom.publishing import preflight

    preflight.release(request)


def advance(claim: Claim, policy: Policy) -> None:
    """Walk the claimed publication's steps until it ends, waits, or the claim is lost."""
    publication = _load(claim)
    if publication is None:
        return
    job = Job(claim, publication, policy)
    try:
        for _ in range(policy.steps_per_claim):
            if not _step(job):
                return
        # Many steps in one go (containers expiring again and again): let others have a turn.
        outcomes.wait(job, policy.poll_delay(1), "processing")
    except LostClaim:
        log.warning("publication %s: claim lost to another worker", claim.publication_id)


def _load(claim: Claim) -> Publication | None:
    related = Publication.objects.select_related("post", "connection", "business", "created_by")
    return related.filter(claims.fenced(claim)).first()


def _step(job: Job) -> bool:
    """One phase; True to go on at once, False when the row was released."""
    pub = job.publication
    if pub.post is None and not pub.remote_id:
        if pub.in_flight == P.START and pub.goes_live_on_start:
            # Its start went unanswered: the post may be live, and the row cannot ask.
            outcomes.failed(job, problems.OUTCOME_UNKNOWN, "post deleted after an unanswered start")
        else:
            outcomes.cancelled(job, problems.POST_DELETED)  # nothing reached the network
        return False
    connection = _usable_connection(job)
    if connection is None:
        return False
    job.client = job.client or get_client(pub.platform)
    job.account = account = _account(connection)
    if pub.phase == P.START:
        return _start(job, account)
    if pub.phase == P.CHECK:
        return _check(job, account)
    return _finish(job, account)


def _usable_connection(job: Job) -> Connection | None:
    connection = job.publication.connection
    if connection is None:
        outcomes.failed(job, problems.CONNECTION_REMOVED)
        return None
    if connection.status != Connection.Status.ACTIVE:
        outcomes.failed(job, problems.CONNECTION_NEEDS_RECONNECT, connection.status_reason)
        return None
    return connection


def _account(connection: Connection) -> Account:
    return Account(
        platform=connection.platform,
        account_id=connection.account_id,
        access_token=connection.access_token,
        variant=connection.variant,
        page_id=connection.page_id,
    )


def _client(job: Job) -> NetworkClient:
    assert job.client is not None
    return job.client


# --- start -----------------------------------------------------------------------------------


def _start(job: Job, account: Account) -> bool:
    # No creator_info here: the TikTok client asks it inside start, right before the post.
    request = _preflight(job)
    if request is None:
        return False
    try:
        return _send(job, account, request)
    finally:
        release_files(request)


def _send(job: Job, account: Account, request: PublishRequest) -> bool:
    pub, client = job.publication, _client(job)
    if pub.in_flight == P.START and not client.start_timeout_is_safe(request):
        # An earlier start went unanswered and its object may go live by itself.
        outcomes.failed(job, problems.OUTCOME_UNKNOWN, "start unanswered")
        return False
    if not _quota_allows(job, account) or not _lock_approved_content(job):
        return False
    try:
        remote_id = call(job, Step.START, lambda: client.start(account, request), in_flight=True)
    except NetworkError as exc:
        if exc.code in SENT_UNKNOWN and not client.start_timeout_is_safe(request):
            outcomes.failed(job, problems.OUTCOME_UNKNOWN, exc.message, vendor_code=exc.vendor_code)
        else:
            _network_error(job, exc, P.START)
        return False
    deadline = timezone.now() + _seconds(job.policy.processing_deadline_seconds)
    job.save(
        remote_id=remote_id,
        sent_caption=request.caption,
        phase=P.CHECK,
        in_flight="",
        polls=0,
        deadline_at=deadline,
    )
    return True


def _preflight(job: Job) -> PublishRequest | None:
    from postloom.publishing.preflight import PreflightError

    pub = job.publication
    assert pub.post is not None
    options = TikTokOptions(**pub.tiktok_options) if pub.tiktok_options else None
    # Its refusals are shown as they are: in the language of the person who asked to publish.
    language = pub.created_by.language if pub.created_by else pub.business.language
    try:
        with translation.override(language):
            return build_request(pub.post, pub.platform, options)
    except PreflightError as exc:
        outcomes.failed(job, exc.code, str(exc.message))
        return None


def _quota_allows(job: Job, account: Account) -> bool:
    client = _client(job)
    if type(client).publishing_quota is NetworkClient.publishing_quota:
        return True
    try:
        quota = call(job, Step.QUOTA, lambda: client.publishing_quota(account))
    except NetworkError as exc:
        _network_error(job, exc, "")
        return False
    if quota is not None and quota[0] >= quota[1]:
        _wait_later(job, ErrorCode.QUOTA_REACHED.value, f"{quota[0]}/{quota[1]}")
        return False
    return True


def _lock_approved_content(job: Job) -> bool:
    """Post → publishing (no edits from here on) only while its content, hashed again now,
    is what was approved, and the approval is the one this publication was made from."""
    post = job.publication.post
    assert post is not None
    if approval.mark_publishing(post):
        # The move itself compared the hash of the content now with the approved hash.
        holds = _still_approved(job)
    else:  # already publishing (a retry, or a row resumed after a crash): check in full
        post.refresh_from_db(fields=["status", "approved_hash"])
        holds = post.status == post.Status.PUBLISHING and _approved_as_created(job)
    if not holds:
        post.refresh_from_db(fields=["status", "approved_hash"])
        code = problems.CONTENT_CHANGED if post.approved_hash else problems.NOT_APPROVED
        outcomes.failed(job, code, "approval no longer matches")
    return holds


def _approved_as_created(job: Job) -> bool:
    post = job.publication.post
    assert post is not None
    return post.approved_hash == job.publication.content_hash and approval.approval_is_current(post)


def _still_approved(job: Job) -> bool:
    """The post is being published under the approval this publication was made from (a
    publishing post cannot be edited: studio.approval refuses, so no hashing is needed)."""
    pub = job.publication
    if pub.post_id is None:
        return False
    return Post.objects.filter(
        pk=pub.post_id, status=Post.Status.PUBLISHING, approved_hash=pub.content_hash
    ).exists()


# --- check and finish ------------------------------------------------------------------------


def _check(job: Job, account: Account) -> bool:
    pub, client = job.publication, _client(job)
    try:
        state = call(job, Step.CHECK, lambda: client.check(account, pub.remote_id))
    except NetworkError as exc:
        _network_error(job, exc, "")
        return False
    return _on_state(job, state)


def _finish(job: Job, account: Account) -> bool:
    pub, client = job.publication, _client(job)
    if pub.in_flight == P.FINISH or pub.post is None:
        # A publish call went unanswered (or the post is gone): ask before anything else.
        caption = pub.sent_caption
        try:
            state = call(
                job, Step.CHECK, lambda: client.find_published(account, pub.remote_id, caption)
            )
        except NetworkError as exc:
            _network_error(job, exc, "")
            return False
        if state.status != RemoteStatus.READY or pub.post is None:
            return _on_state(job, state)
        job.defer(in_flight="")  # ready, not published: the publish call did not happen
    # Usually still publishing since start; after a retry the post is moved (and hashed) again.
    if not _still_approved(job) and not _lock_approved_content(job):
        return False
    try:
        state = call(
            job, Step.FINISH, lambda: client.finish(account, pub.remote_id), in_flight=True
        )
    except NetworkError as exc:
        return _finish_error(job, exc)
    job.defer(in_flight="")  # answered: written with whatever the answer leads to
    return _on_state(job, state)


def _finish_error(job: Job, exc: NetworkError) -> bool:
    """True to go on at once (a new container), False when the row was released."""
    if exc.code == ErrorCode.CONTAINER_EXPIRED:
        return _restart(job, in_flight="")
    if exc.code == ErrorCode.NOT_READY:
        outcomes.wait(job, job.policy.poll_delay(1), "processing", phase=P.CHECK, in_flight="")
    else:
        _network_error(job, exc, P.FINISH)
    return False


def _on_state(job: Job, state: RemoteState) -> bool:
    pub = job.publication
    if state.status == RemoteStatus.PUBLISHED:
        outcomes.published(job, _with_media_id(job, state))
        return False
    if state.status == RemoteStatus.READY:
        if pub.post is None:
            outcomes.cancelled(job, problems.POST_DELETED)  # never published: let it expire
            return False
        job.defer(phase=P.FINISH)  # lost in a crash, the next worker just checks again
        return True
    if state.status == RemoteStatus.IN_PROGRESS:
        return _still_processing(job)
    if state.status == RemoteStatus.EXPIRED:
        if pub.post is None:
            outcomes.cancelled(job, problems.POST_DELETED)
            return False
        return _restart(job, in_flight="")
    error = state.error
    code = error.code.value if error else problems.REMOTE_FAILED
    message = error.message if error else "remote object failed"
    vendor_code = error.vendor_code if error else ""
    # The remote object is dead: a retry starts with a new one.
    outcomes.failed(job, code, message, vendor_code=vendor_code, remote_id="", phase=P.START)
    return False


def _with_media_id(job: Job, state: RemoteState) -> RemoteState:
    """A publish seen only through the container's status has no media id yet: look it up
    (best effort; the post is published either way)."""
    if state.media_id or job.account is None:
        return state
    client, account, pub = _client(job), job.account, job.publication
    try:
        found = call(
            job,
            Step.CHECK,
            lambda: client.find_published(account, pub.remote_id, pub.sent_caption),
        )
    except NetworkError:
        return state
    return found if found.status == RemoteStatus.PUBLISHED and found.media_id else state


def _still_processing(job: Job) -> bool:
    pub = job.publication
    polls = pub.polls + 1
    if pub.deadline_at is not None and timezone.now() >= pub.deadline_at:
        outcomes.failed(job, problems.PROCESSING_TIMEOUT, f"{polls} checks", polls=polls)
        return False
    outcomes.wait(job, job.policy.poll_delay(polls), "processing", polls=polls, phase=P.CHECK)
    return False


def _restart(job: Job, **values: Any) -> bool:
    """The container expired before it was published: make a new one (a few times at most)."""
    pub = job.publication
    if pub.restarts >= job.policy.max_restarts:
        outcomes.failed(job, ErrorCode.CONTAINER_EXPIRED.value, f"{pub.restarts} restarts")
        return False
    job.save(remote_id="", phase=P.START, restarts=pub.restarts + 1, polls=0, **values)
    return True


# --- errors ----------------------------------------------------------------------------------


def _network_error(job: Job, exc: NetworkError, sent: str) -> None:
    """``sent``: the in-flight step this error answered ("" for calls that change nothing)."""
    # Only an error that may hide a call's effect keeps the in-flight mark.
    in_flight = sent if exc.code in SENT_UNKNOWN else ""
    extra: dict[str, object] = {"in_flight": in_flight} if sent else {}
    if exc.reconnect:
        pub = job.publication
        outcomes.reconnect_needed(pub.connection_id, exc.code.value)
        outcomes.failed(job, exc.code.value, exc.message, vendor_code=exc.vendor_code, **extra)
    elif exc.code in WAIT_LATER:
        _wait_later(job, exc.code.value, exc.message, **extra)
    elif exc.permanent:
        outcomes.failed(job, exc.code.value, exc.message, vendor_code=exc.vendor_code, **extra)
    else:
        outcomes.transient(job, exc, **extra)


def _wait_later(job: Job, code: str, message: str, **values: Any) -> None:
    """A daily limit: look again later, for a few days at most."""
    pub = job.publication
    since = pub.scheduled_for or pub.created_at
    if (timezone.now() - since).total_seconds() > job.policy.give_up_after_seconds:
        outcomes.failed(job, code, message, **values)
        return
    outcomes.wait(job, _seconds(job.policy.quota_wait_seconds), code, **values)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
