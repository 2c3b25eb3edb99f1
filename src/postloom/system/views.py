from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from postloom.system.selectors import database_ok, last_heartbeat, worker_ok


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and a worker beat recently; 503 otherwise."""
    db = database_ok()
    last = last_heartbeat() if db else None
    worker = worker_ok(last)
    body = {
        "status": "ok" if db and worker else "unhealthy",
        "database": "ok" if db else "unreachable",
        "worker": {
            "status": "ok" if worker else "stale",
            "last_heartbeat": last.isoformat() if last else None,
        },
    }
    return JsonResponse(body, status=200 if db and worker else 503)


def privacy(request: HttpRequest) -> HttpResponse:
    context = {"version": settings.PRIVACY_POLICY_VERSION, "min_age": settings.MIN_AGE}
    return render(request, "system/privacy.html", context)
