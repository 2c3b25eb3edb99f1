"""Running publications: one by id (a task), due ones from the periodic dispatcher, or a pool
of threads that claim and walk rows until told to stop (``postloom worker``, the benchmark).

Safe to run anywhere and any number of times at once: a row is walked only under its claim.
"""

from __future__ import annotations

import logging
import random
import threading

from django.db import close_old_connections, connection

from postloom.integrations.networks.base import ErrorCode, NetworkError
from postloom.publishing import claims, outcomes, policy
from postloom.publishing.claims import Claim, LostClaim
from postloom.publishing.dispatch import advance
from postloom.publishing.models import Publication
from postloom.publishing.policy import Policy

log = logging.getLogger(__name__)


def run_claimed(claim: Claim, rules: Policy) -> None:
    """Walk a claimed row; an engine failure leaves it to retry later instead of hanging."""
    try:
        advance(claim, rules)
    except Exception:
        log.exception("publication %s: unexpected failure", claim.publication_id)
        _retry_later(claim, rules)


def _retry_later(claim: Claim, rules: Policy) -> None:
    try:
        publication = Publication.objects.select_related("post").get(claims.fenced(claim))
        job = outcomes.Job(claim, publication, rules)
        outcomes.transient(job, NetworkError(ErrorCode.SERVER, "internal", permanent=False))
    except (Publication.DoesNotExist, LostClaim):
        pass
    except Exception:
        # The database itself is failing: the lease runs out and another worker takes over.
        log.exception("publication %s: could not record the failure", claim.publication_id)


def run_one(publication_id: int, claim_token: str = "") -> str:
    """Run one publication: under the dispatcher's claim (``claim_token``), or claim it now
    if it is due. Returns its status afterwards."""
    rules = policy.current()
    if claim_token:
        claim = Claim(publication_id, claim_token, claims.worker_name())
    else:
        found = claims.claim(rules, only_id=publication_id)
        if not found:
            return "not_due"
        claim = found[0]
    run_claimed(claim, rules)
    status = Publication.objects.filter(pk=publication_id).values_list("status", flat=True)
    return status.first() or "gone"


def dispatch_due() -> int:
    """The periodic job: claim what is due and hand each row to a task. Rows whose task is
    lost come back when their lease runs out."""
    from postloom.publishing.tasks import run_publication

    rules = policy.current()
    found = claims.claim(rules, limit=rules.batch_size, worker="dispatcher")
    for claim in found:
        run_publication.enqueue(claim.publication_id, claim.token)
    return len(found)


def run_worker(
    threads: int = 4, stop: threading.Event | None = None, *, rules: Policy | None = None
) -> None:
    """Claim and walk due publications on ``threads`` threads until ``stop`` is set."""
    stop = stop or threading.Event()
    rules = rules or policy.current()
    pool = [
        threading.Thread(target=_loop, args=(stop, rules), name=f"publisher-{n}", daemon=True)
        for n in range(threads)
    ]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def _loop(stop: threading.Event, rules: Policy) -> None:
    try:
        while not stop.is_set():
            found = _claim_one(rules)
            if found is None:
                # Spread idle threads out so they do not all knock at the same moment.
                stop.wait(rules.idle_sleep_seconds * random.uniform(0.5, 1.5))  # noqa: S311
                continue
            run_claimed(found, rules)
    finally:
        connection.close()


def _claim_one(rules: Policy) -> Claim | None:
    try:
        found = claims.claim(rules)
    except Exception:
        log.exception("claiming publications failed")
        close_old_connections()
        return None
    return found[0] if found else None
