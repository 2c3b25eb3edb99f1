from __future__ import annotations

from django.tasks import task


@task()
def run_publication(publication_id: int, claim_token: str = "") -> str:
    """Send one publication (safe to run twice: it works only under a claim)."""
    from postloom.publishing.worker import run_one

    return run_one(publication_id, claim_token)


@task()
def dispatch_publications() -> int:
    """Every minute: claim the due publications and enqueue each one."""
    from postloom.publishing.worker import dispatch_due

    return dispatch_due()


@task()
def fill_permalinks() -> int:
    """Read the links of recently published posts that have none yet (Instagram)."""
    from postloom.publishing.permalinks import fill_missing

    return fill_missing()
