"""Meta's callbacks: deauthorize and data deletion (public, signed with the app secret), and
the public page that shows a deletion request's state by its confirmation code.

Register in the Meta app dashboard (one pair per app):
    Instagram app:  <BASE_URL>/connections/meta/instagram/deauthorize/
                    <BASE_URL>/connections/meta/instagram/data-deletion/
    Facebook app:   <BASE_URL>/connections/meta/facebook/deauthorize/
                    <BASE_URL>/connections/meta/facebook/data-deletion/
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from postloom.connections import actions
from postloom.connections.models import DeletionRequest
from postloom.integrations.instagram import signed_request

log = logging.getLogger(__name__)

SECRETS = {"instagram": "INSTAGRAM_APP_SECRET", "facebook": "FACEBOOK_APP_SECRET"}


def _verified_user(request: HttpRequest, app: str) -> str | None:
    """The Meta user id the request is about, or None when it does not verify."""
    if app not in SECRETS:
        raise Http404("No such app")
    secret = str(settings.NETWORKS.get(SECRETS[app]) or "")
    try:
        payload = signed_request.parse(request.POST.get("signed_request", ""), secret)
    except signed_request.SignedRequestError as exc:
        log.warning("meta %s callback refused: %s", app, exc)
        return None
    user_id = str(payload.get("user_id") or "")
    return user_id or None


def _refused() -> JsonResponse:
    return JsonResponse({"error": "invalid signed_request"}, status=400)


@csrf_exempt
@require_POST
def deauthorize(request: HttpRequest, app: str) -> HttpResponse:
    user_id = _verified_user(request, app)
    if user_id is None:
        return _refused()
    actions.deauthorize_meta_user(app, user_id)
    return JsonResponse({})


@csrf_exempt
@require_POST
def data_deletion(request: HttpRequest, app: str) -> HttpResponse:
    user_id = _verified_user(request, app)
    if user_id is None:
        return _refused()
    deletion = actions.delete_meta_user_data(app, user_id)
    url = settings.BASE_URL + reverse("connections_deletion_status", args=[deletion.code])
    return JsonResponse({"url": url, "confirmation_code": deletion.code})


@require_GET
def deletion_status(request: HttpRequest, code: str) -> HttpResponse:
    deletion = get_object_or_404(DeletionRequest, code=code)
    return render(request, "connections/deletion_status.html", {"deletion": deletion})
