"""The step machine that sends one claimed publication to its network, exactly once.

    start ── remote id ──▶ check ──▶ finish ──▶ published           (remote.py after start)
      ▲                     │  ▲       ▲
      │                     │  └ still processing: wait
      │                     └─ pictures skip the status read: start ──▶ finish
      └──── expired: a new container ◀──┘

Before each call that can change something at the network (start, finish) the row says so
(``in_flight``, committed with the call's attempt row), and the remote id is committed before
any call that could publish it (a TikTok client reports its publish id from inside ``start``,
before the first byte of the upload). Whoever picks the row up next — after a crash, an expired
lease or a timeout — finds that mark and asks the network before doing anything: a publish that
went unanswered is looked up (``find_published``); a start whose id was reported is asked about
(``check_started``: an upload that never got all its bytes is started again, anything else is
followed); a start without an id is sent again only where the client says an unrecorded remote
object can never go live by itself (``start_timeout_is_safe``), and otherwise the publication
fails with "check your profile" instead of risking a second post. The approved hash is checked
right before a start and the post is locked against edits from then on (approved.py).

Pre-flight runs once per publication: its result is kept on the row (``prepared``, for the
approved hash it was made from) and a later attempt only signs fresh URLs (preflight_saved.py).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

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
from postloom.publishing import approved, claims, leases, outcomes, problems, quota, remote
from postloom.publishing.calls import call
from postloom.publishing.claims import Claim, LostClaim
from postloom.publishing.job import Job
from postloom.publishing.models import Publication
from postloom.publishing.models import PublicationAttempt as Attempt
from postloom.publishing.outcomes import SENT_UNKNOWN
from postloom.publishing.policy import Policy
from postloom.studio.models import Post

if TYPE_CHECKING:
    from postloom.publishing.preflight import Prepared

log = logging.getLogger(__name__)
P = Publication.Phase
Step = Attempt.Step


def prepare_request(post: Post, platform: str, tiktok: TikTokOptions | None) -> Prepared:
    """Pre-flight (publishing.preflight.prepare), or PreflightError."""
    from postloom.publishing import preflight

    # The media as the claim read them (for_walking), in order; else read now.
    return preflight.prepare(post, platform, tiktok, media=getattr(post, "media_in_order", None))


def restore_request(saved: dict[str, Any]) -> PublishRequest | None:
    from postloom.publishing import preflight

    return preflight.restore(saved)


def release_files(request: PublishRequest) -> None:
    from postloom.publishing import preflight

    preflight.release(request)


def advance(claim: Claim, policy: Policy, publication: Publication | None = None) -> None:
    """Walk the claimed publication's steps until it ends, waits, or the claim is lost.
    ``publication``: the row as the claim read it (select_related as in ``claims``)."""
    with leases.held(claim.publication_id, claim.token, policy):
        row = publication or _load(claim)
        if row is None:
            return
        job = Job(claim, row, policy)
        try:
            _walk(job)
        except LostClaim:
            log.warning("publication %s: claim lost to another worker", claim.publication_id)
        except Exception:
            log.exception("publication %s: unexpected failure", claim.publication_id)
            _retry_later(claim, policy)


def _walk(job: Job) -> None:
    for _ in range(job.policy.steps_per_claim):
        if not _step(job):
            return
    # Many steps in one go (containers expiring again and again): let others have a turn.
    outcomes.wait(job, job.policy.poll_delay(1), "processing")


def _load(claim: Claim) -> Publication | None:
    return claims.for_walking().filter(claims.fenced(claim)).first()


def _retry_later(claim: Claim, policy: Policy) -> None:
    """An engine failure leaves the row to retry later instead of hanging (read afresh: what
    this worker held in memory may not be what was committed)."""
    try:
        publication = _load(claim)
        if publication is not None:
            error = NetworkError(ErrorCode.SERVER, "internal", permanent=False)
            outcomes.transient(Job(claim, publication, policy), error)
    except LostClaim:
        pass
    except Exception:
        # The database itself is failing: the lease runs out and another worker takes over.
        log.exception("publication %s: could not record the failure", claim.publication_id)


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
    if job.client is None:
        job.client = get_client(pub.platform)
    if job.account is None:
        job.account = _account(connection)
    if pub.phase == P.START:
        return _start(job)
    if pub.phase == P.CHECK:
        return remote.check(job)
    return remote.finish(job)


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


def _client(job: Job) -> tuple[NetworkClient, Account]:
    assert job.client is not None and job.account is not None
    return job.client, job.account


# --- start -----------------------------------------------------------------------------------


def _start(job: Job) -> bool:
    # No creator_info here: the TikTok client asks it inside start, right before the post.
    pub = job.publication
    if pub.post is None:  # deleted after its start had reported a remote id: follow that
        kept = restore_request(pub.prepared) if pub.prepared.get("for") else None
        return _resume_start(job, kept)
    request = _request(job)
    if request is None:
        return False
    try:
        return _send(job, request)
    finally:
        release_files(request)


def _request(job: Job) -> PublishRequest | None:
    """The request to send: kept from an earlier attempt for this approved content, or made
    by pre-flight now (kept with the next write)."""
    from postloom.publishing.preflight import PreflightError

    pub = job.publication
    assert pub.post is not None
    if pub.prepared.get("for") == pub.content_hash:
        kept = restore_request(pub.prepared)
        if kept is not None:
            return kept
    options = TikTokOptions(**pub.tiktok_options) if pub.tiktok_options else None
    try:
        with translation.override(_language(pub)):
            prepared = prepare_request(pub.post, pub.platform, options)
    except PreflightError as exc:
        outcomes.failed(job, exc.code, str(exc.message))
        return None
    if prepared.saved:
        job.defer(prepared={**prepared.saved, "for": pub.content_hash})
    return prepared.request


def _language(pub: Publication) -> str:
    """Pre-flight's refusals are shown as they are: in the language of the person who asked
    to publish, else the business's (annotated by ``claims.for_walking``)."""
    language = getattr(pub, "language", None)
    if language is not None:
        return str(language)
    return pub.created_by.language if pub.created_by else pub.business.language


def _send(job: Job, request: PublishRequest) -> bool:
    pub, (client, _account) = job.publication, _client(job)
    if pub.in_flight == P.START:
        if pub.remote_id:  # the start stopped after the network had given its id
            return _resume_start(job, request)
        if not client.start_timeout_is_safe(request):
            # An earlier start went unanswered and its object may go live by itself.
            outcomes.failed(job, problems.OUTCOME_UNKNOWN, "start unanswered")
            return False
    if not quota.allows(job) or not approved.lock(job):
        return False
    try:
        remote_id = call(job, Step.START, lambda: _start_call(job, request), in_flight=True)
    except NetworkError as exc:
        _start_error(job, request, exc)
        return False
    # Written with the next write: before finish (its in-flight mark), or with the wait after
    # a status read. Lost in a crash, the container is one that can never go live by itself
    # (Instagram) or the id was reported already (TikTok).
    job.defer(remote_id=remote_id, in_flight="", **_started(job, request))
    return True


def _start_call(job: Job, request: PublishRequest) -> str:
    client, account = _client(job)
    if not client.reports_remote_id:
        return client.start(account, request)

    def record(remote_id: str) -> None:  # committed before anything more is sent for it
        job.save(remote_id=remote_id[:128], sent_caption=request.caption)

    return client.start(account, request, on_remote_id=record)


def _started(job: Job, request: PublishRequest) -> dict[str, object]:
    """The row once its remote object exists: pictures go straight to finish."""
    client, _account = _client(job)
    deadline = timezone.now() + timedelta(seconds=job.policy.processing_deadline_seconds)
    phase = P.FINISH if client.ready_on_start(request) else P.CHECK
    return {"sent_caption": request.caption, "phase": phase, "polls": 0, "deadline_at": deadline}


def _start_error(job: Job, request: PublishRequest, exc: NetworkError) -> None:
    client, _account = _client(job)
    if exc.code in SENT_UNKNOWN:
        if not job.publication.remote_id and not client.start_timeout_is_safe(request):
            outcomes.failed(job, problems.OUTCOME_UNKNOWN, exc.message, vendor_code=exc.vendor_code)
            return
        # A reported id stays: the next attempt asks what became of it (_resume_start).
        outcomes.network_error(job, exc, P.START)
        return
    # The start surely failed (nothing of it can go live): a reported id is forgotten.
    job.defer(remote_id="")
    outcomes.network_error(job, exc, P.START)


def _resume_start(job: Job, request: PublishRequest | None) -> bool:
    """A start that never ended, with its remote id: follow it, or start again when nothing
    of it can go live. Without the request (the post was deleted) it can only be followed."""
    pub, (client, account) = job.publication, _client(job)
    remote_id = pub.remote_id

    def ask() -> RemoteState:
        if request is None:
            return client.check(account, remote_id)
        return client.check_started(account, remote_id, request)

    try:
        state = call(job, Step.CHECK, ask)
    except NetworkError as exc:
        outcomes.network_error(job, exc, "")  # the in-flight mark stays: ask again later
        return False
    if state.status == RemoteStatus.EXPIRED and pub.post is not None:
        job.defer(remote_id="", in_flight="")  # start again, at once
        return True
    deadline = timezone.now() + timedelta(seconds=job.policy.processing_deadline_seconds)
    job.defer(in_flight="", phase=P.CHECK, polls=0, deadline_at=deadline)
    return remote.on_state(job, state)
