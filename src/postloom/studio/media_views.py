"""Thumbnails of a post's pictures, for members only like the pictures themselves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET
from PIL import UnidentifiedImageError

from postloom.studio.models import PostMedia
from postloom.studio.selectors import get_media_for_user
from postloom.studio.thumbnails import ensure_thumbnail


@login_required
@require_GET
def media_thumbnail(request: HttpRequest, business_id: int, media_id: int) -> FileResponse:
    media = get_media_for_user(request.user, business_id, media_id)
    if media.kind == PostMedia.Kind.VIDEO or not media.file.name:
        raise Http404("No picture to make small")
    try:
        name = ensure_thumbnail(media)
    except (FileNotFoundError, UnidentifiedImageError, OSError):
        raise Http404("The file is missing or is not a picture") from None
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response
