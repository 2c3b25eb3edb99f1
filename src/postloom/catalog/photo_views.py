"""Photos of products and personas: served to members only, described, reordered, removed.

``kind`` is the URL segment ("products" or "personas"); the photo is always reached through its
owner and the business, so an id from another business is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from postloom.brands.models import Access
from postloom.catalog import actions
from postloom.catalog.forms import DescribePhotoForm, MovePhotoForm
from postloom.catalog.selectors import get_image_for_user

OWNER_PAGES = {"products": "catalog_product_edit", "personas": "catalog_persona_edit"}


@login_required
@require_GET
def photo_file(
    request: HttpRequest,
    business_id: int,
    kind: str,
    owner_id: int,
    image_id: int,
    variant: str = "full",
) -> FileResponse:
    """The file itself, streamed from storage: MEDIA_URL is never public."""
    photo = get_image_for_user(request.user, business_id, kind, owner_id, image_id)
    name = (photo.thumbnail.name if variant == "thumb" else photo.image.name) or ""
    if not name:
        raise Http404("The photo has no file")
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("The photo file is missing") from None
    response = FileResponse(handle, content_type=photo.content_type)
    # A stored file never changes (a new photo gets a new name), but only members may keep it.
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _back(kind: str, business_id: int, owner_id: int) -> HttpResponse:
    return redirect(OWNER_PAGES[kind], business_id, owner_id)


@login_required
@require_POST
def photo_remove(
    request: HttpRequest, business_id: int, kind: str, owner_id: int, image_id: int
) -> HttpResponse:
    photo = get_image_for_user(request.user, business_id, kind, owner_id, image_id, Access.EDIT)
    actions.remove_photo(photo)
    messages.success(request, _("The photo was removed."))
    return _back(kind, business_id, owner_id)


@login_required
@require_POST
def photo_move(
    request: HttpRequest, business_id: int, kind: str, owner_id: int, image_id: int
) -> HttpResponse:
    photo = get_image_for_user(request.user, business_id, kind, owner_id, image_id, Access.EDIT)
    form = MovePhotoForm(request.POST)
    if form.is_valid():
        actions.move_photo(photo, form.cleaned_data["direction"])
    return _back(kind, business_id, owner_id)


@login_required
@require_POST
def photo_describe(
    request: HttpRequest, business_id: int, kind: str, owner_id: int, image_id: int
) -> HttpResponse:
    photo = get_image_for_user(request.user, business_id, kind, owner_id, image_id, Access.EDIT)
    form = DescribePhotoForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the description under 250 characters."))
        return _back(kind, business_id, owner_id)
    try:
        actions.describe_photo(photo, form.cleaned_data["alt_text"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The photo's description was saved."))
    return _back(kind, business_id, owner_id)
