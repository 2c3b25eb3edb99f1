"""After start: following the remote object (check) and publishing it (finish).

A status read changes nothing at the network; a publish call (Instagram's media_publish) is
marked in flight first, and an unanswered one is looked up before anything else
(``find_published``), so it is never sent twice. TikTok publishes by itself once it has the
media: its rows only ever read the status.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    NetworkClient,
    NetworkError,
    RemoteState,
    RemoteStatus,
)
from postloom.publishing import approved, outcomes, permalinks, problems, quota
from postloom.publishing.calls import call
from postloom.publishing.job import Job
from postloom.publishing.models import Publication
from postloom.publishing.models import PublicationAttempt as Attempt

P = Publication.Phase
Step = Attempt.Step


def _client(job: Job) -> tuple[NetworkClient, Account]:
    assert job.client is not None and job.account is not None
    return job.client, job.account


def check(job: Job) -> bool:
    pub, (client, account) = job.publication, _client(job)
    remote_id = pub.remote_id
    try:
        state = call(job, Step.CHECK, lambda: client.check(account, remote_id))
    except NetworkError as exc:
        outcomes.network_error(job, exc, "")
        return False
    return on_state(job, state)


def finish(job: Job) -> bool:
    pub, (client, account) = job.publication, _client(job)
    remote_id = pub.remote_id
    if pub.in_flight == P.FINISH or pub.post is None:
        # A publish call went unanswered (or the post is gone): ask before anything else.
        caption = pub.sent_caption
        try:
            state = call(
                job, Step.CHECK, lambda: client.find_published(account, remote_id, caption)
            )
        except NetworkError as exc:
            outcomes.network_error(job, exc, "")
            return False
        if state.status != RemoteStatus.READY or pub.post is None:
            return on_state(job, state)
        job.defer(in_flight="")  # ready, not published: the publish call did not happen
    # Usually locked by this job; after a retry the post is moved (and hashed) again.
    if not approved.holds(job):
        return False
    try:
        state = call(job, Step.FINISH, lambda: client.finish(account, remote_id), in_flight=True)
    except NetworkError as exc:
        return _finish_error(job, exc)
    job.defer(in_flight="")  # answered: written with whatever the answer leads to
    if state.status == RemoteStatus.PUBLISHED:
        quota.count_published(pub.connection_id)
    return on_state(job, state)


def _finish_error(job: Job, exc: NetworkError) -> bool:
    """True to go on at once (a new container), False when the row was released."""
    if exc.code == ErrorCode.CONTAINER_EXPIRED:
        return restart(job, in_flight="")
    if exc.code == ErrorCode.NOT_READY:  # published without a status read, and too early
        outcomes.wait(job, job.policy.poll_delay(1), "processing", phase=P.CHECK, in_flight="")
        return False
    if exc.code == ErrorCode.QUOTA_REACHED:
        quota.forget(job.publication.connection_id)
    outcomes.network_error(job, exc, P.FINISH)
    return False


def on_state(job: Job, state: RemoteState) -> bool:
    pub = job.publication
    if state.status == RemoteStatus.PUBLISHED:
        outcomes.published(job, permalinks.with_link(pub, _with_media_id(job, state)))
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
        return restart(job, in_flight="")
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
    pub, (client, account) = job.publication, _client(job)
    if state.media_id or type(client).find_published is NetworkClient.find_published:
        return state  # no lookup beyond the status itself (TikTok: public posts only)
    remote_id, caption = pub.remote_id, pub.sent_caption
    try:
        found = call(job, Step.CHECK, lambda: client.find_published(account, remote_id, caption))
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


def restart(job: Job, **values: Any) -> bool:
    """The container expired before it was published: make a new one (a few times at most)."""
    pub = job.publication
    if pub.restarts >= job.policy.max_restarts:
        outcomes.failed(job, ErrorCode.CONTAINER_EXPIRED.value, f"{pub.restarts} restarts")
        return False
    job.save(remote_id="", phase=P.START, restarts=pub.restarts + 1, polls=0, **values)
    return True
