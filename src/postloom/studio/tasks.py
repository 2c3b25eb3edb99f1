from __future__ import annotations

from django.tasks import task


@task()
def run_generation(job_id: int) -> str:
    from postloom.studio.generation import perform_job

    return perform_job(job_id).status
