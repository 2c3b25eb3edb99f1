"""The JSON API: one NinjaAPI mounting each domain's router. Session auth, CSRF enforced."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import SessionAuth

from postloom.accounts.api import router as accounts_router
from postloom.brands.api import preview_router
from postloom.brands.api import router as brands_router
from postloom.catalog.api import router as catalog_router
from postloom.connections.api import router as connections_router
from postloom.publishing.api import router as publishing_router
from postloom.studio.api import router as studio_router

api = NinjaAPI(
    title="Postloom API",
    version="1",
    urls_namespace="api",
    auth=SessionAuth(csrf=True),
    docs_url="/docs",
)
api.add_router("/me", accounts_router)
api.add_router("/businesses", brands_router)
api.add_router("/businesses", catalog_router)
api.add_router("/businesses", studio_router)
api.add_router("/businesses", connections_router)
api.add_router("/businesses", publishing_router)
api.add_router("/onboard", preview_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Your role in this business does not allow this.")}, status=403
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # The same shape as ninja's own validation errors, so clients handle one format.
    detail = [{"type": "value_error", "loc": ["body"], "msg": m} for m in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)
