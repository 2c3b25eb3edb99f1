"""The post editor (words, previews, regenerate, redraw) and the members-only media files."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from postloom.brands.models import Access, BrandProfile, Membership
from postloom.integrations.ai.limits import inline_hashtags, limits_for, utf16_units
from postloom.render import RenderError
from postloom.studio import actions, ai_images, approval
from postloom.studio.forms import PostForm
from postloom.studio.models import ApprovalEvent, Post, PostMedia
from postloom.studio.selectors import (
    first_picture,
    get_media_for_user,
    get_post_for_user,
    is_being_generated,
    job_for_post,
    profile_grid,
)
from postloom.studio.views import job_context

FEED_CAPTION_CHARS = 125  # about what Instagram shows before "more"
APPROVAL_VOIDED = gettext_lazy(
    "Saved. The post was approved; your edit returned it to draft, so it needs approval again."
)


@dataclass(frozen=True)
class Counts:
    """The caption as the network will count it, and the network's limits."""

    network: str
    chars: int
    max_chars: int
    tags: int
    max_tags: int | None
    title: int
    max_title: int | None

    @property
    def over(self) -> bool:
        too_many_tags = self.max_tags is not None and self.tags > self.max_tags
        long_title = self.max_title is not None and self.title > self.max_title
        return self.chars > self.max_chars or too_many_tags or long_title


def counts(post: Post) -> Counts:
    tiktok = post.format.startswith("tiktok")
    limits = limits_for("tiktok" if tiktok else "instagram", post.format)  # type: ignore[arg-type]
    tag_line = " ".join(f"#{tag}" for tag in post.hashtags)
    text = "\n\n".join(part for part in (post.caption, tag_line) if part)
    return Counts(
        network="TikTok" if tiktok else "Instagram",
        chars=utf16_units(text),
        max_chars=limits.max_units,
        tags=len(inline_hashtags(post.caption)) + len(post.hashtags),
        max_tags=limits.max_hashtags,
        title=utf16_units(post.headline),
        max_title=limits.title_units,
    )


def feed_caption(caption: str) -> tuple[str, bool]:
    """The caption as a feed first shows it (two lines, ~125 characters) and whether it is cut."""
    lines = caption.strip().splitlines()
    short = " ".join(lines[:2])
    if len(short) > FEED_CAPTION_CHARS:
        short = short[:FEED_CAPTION_CHARS].rsplit(" ", 1)[0]
    return short, short != caption.strip()


def _editor(
    request: HttpRequest, post: Post, membership: Membership, form: PostForm | None = None
) -> HttpResponse:
    business = membership.business
    brand = BrandProfile.objects.filter(business=business).first()
    media = list(post.media.all())
    short, cut = feed_caption(post.caption)
    job = job_for_post(post)
    context: dict[str, Any] = {
        "business": business,
        "can_edit": membership.allows(Access.EDIT),
        "post": post,
        "form": form or PostForm(initial=PostForm.initial_from(post)),
        "counts": counts(post),
        "display_name": (brand.name if brand and brand.name else business.name),
        "images": [m for m in media if m.kind == PostMedia.Kind.IMAGE],
        "video": next((m for m in media if m.kind == PostMedia.Kind.VIDEO), None),
        "cover": next((m for m in media if m.kind == PostMedia.Kind.COVER), None),
        "picture": first_picture(post),
        "feed_short": short,
        "feed_cut": cut,
        "grid": [(item, first_picture(item)) for item in profile_grid(business, post)],
        "busy": is_being_generated(post),
        "picture_warning": ai_images.picture_warning(post),
        "seen_hash": approval.content_hash(post),  # what an Approve click approves
        "rejection": post.approval_events.filter(action=ApprovalEvent.Action.REJECTED).first(),
        **job_context(job if job and job.status != job.Status.DONE else None),
    }
    return render(request, "studio/post.html", context)


@login_required
@require_GET
def post_editor(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id)
    return _editor(request, post, membership)


@login_required
@require_POST
def post_save(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    form = PostForm(request.POST)
    if form.is_valid():
        was_approved = post.status in approval.APPROVED_STATES
        try:
            actions.update_post(post, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if was_approved and post.status == Post.Status.DRAFT:
                messages.warning(request, APPROVAL_VOIDED)
            else:
                messages.success(request, _("Saved."))
            if counts(post).over:
                messages.warning(request, _("The caption is over the network's limits."))
            return redirect("studio_post", business_id, post.pk)
    return _editor(request, post, membership, form)


@login_required
@require_POST
def post_regenerate(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, _membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    try:
        actions.regenerate(post, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("studio_post", business_id, post.pk)


@login_required
@require_POST
def post_redraw(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, _membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    try:
        actions.rerender(post)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    except RenderError:
        messages.error(request, _("The pictures could not be drawn. Your words are kept."))
    else:
        messages.success(request, _("New pictures are ready."))
    return redirect("studio_post", business_id, post.pk)


# --- Media files --------------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@login_required
@require_GET
def media_file(request: HttpRequest, business_id: int, media_id: int) -> HttpResponseBase:
    """The file itself, streamed from storage to members only: MEDIA_URL is never public.

    Videos are asked for in byte ranges by browsers (Safari plays nothing without them).
    """
    media = get_media_for_user(request.user, business_id, media_id)
    name = media.file.name or ""
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        if not name:
            raise FileNotFoundError
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    wanted = _RANGE.match(request.headers.get("Range", ""))
    response: HttpResponseBase
    if wanted and wanted.group(0) != "bytes=-":
        response = _partial(handle, wanted.group(1), wanted.group(2), content_type)
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Accept-Ranges"] = "bytes"
    # A stored file never changes (new pictures get new names), but only members may keep it.
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _partial(handle: Any, first: str, last: str, content_type: str) -> HttpResponse:
    with handle:
        size = handle.size
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # "bytes=-500": the last 500 bytes
            start, end = max(size - int(last), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        response = HttpResponse(handle.read(end - start + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
