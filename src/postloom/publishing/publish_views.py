"""Publish now / Schedule… on an approved post, and cancel / retry of its publications.

Every act is an explicit POST with a one-time form token (a double click sends nothing twice;
the engine's one-active-publication rule stands behind it). The engine's actions
(``publishing.actions``) decide; these views parse, authorise, call one action and show its
message. For TikTok, the screen follows TikTok's audit rules (see tiktok_form.py).
"""

from __future__ import annotations

import dataclasses
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from postloom.brands.models import Access, Membership
from postloom.connections.models import Connection
from postloom.integrations.networks.base import CreatorInfo, ErrorCode, NetworkError, TikTokOptions
from postloom.publishing import actions as engine
from postloom.publishing import review_selectors as reads
from postloom.publishing import tiktok_form as tt
from postloom.publishing.preflight import kind_for
from postloom.publishing.public_url import check_reachable_for
from postloom.publishing.publish_forms import ScheduleForm, issue_token, spend_token
from postloom.publishing.review_views import item_context, person, publications_context
from postloom.studio import approval
from postloom.studio.models import Post
from postloom.studio.selectors import get_post_for_user

CREATOR_KEY = "tiktok_creator_{}"


# The format decides (a single post made from a topic keeps the default platform field).
platform_of = engine.post_platform


def _connection_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("connection") or request.GET.get("connection") or ""
    return int(raw) if raw.isdigit() else None


def _connection(post: Post, request: HttpRequest) -> Connection | None:
    connections = reads.active_connections(post.business, platform_of(post))
    wanted = _connection_id(request)
    return (connections.filter(pk=wanted) if wanted else connections).first()


def creator_problem(error: NetworkError) -> str:
    if tt.cannot_post_now(error):
        return _("TikTok says this account cannot post right now. Try again later.")
    if error.reconnect or error.code in (ErrorCode.TOKEN_EXPIRED, ErrorCode.PERMISSION):
        return _(
            "Your TikTok connection needs to be renewed. Reconnect the account, then try again."
        )
    return _("TikTok could not be reached to check the account. Try again in a moment.")


def _remember(request: HttpRequest, connection: Connection, info: CreatorInfo) -> None:
    """Kept for redrawing the form as the person chooses (no network call for a click)."""
    request.session[CREATOR_KEY.format(connection.pk)] = dataclasses.asdict(info)


def _remembered(request: HttpRequest, connection: Connection) -> CreatorInfo | None:
    data = request.session.get(CREATOR_KEY.format(connection.pk))
    if not data:
        return None
    return CreatorInfo(**{**data, "privacy_level_options": tuple(data["privacy_level_options"])})


def _tiktok_context(
    request: HttpRequest, post: Post, connection: Connection, form: tt.TikTokForm | None
) -> dict[str, Any]:
    """Asks creator_info (the audit wants it fresh whenever the screen is drawn)."""
    try:
        info = tt.creator_info(connection)
    except NetworkError as error:
        return {"creator_problem": creator_problem(error)}
    _remember(request, connection, info)
    photo = tt.is_photo(post)
    form = form or tt.TikTokForm(info=info, photo=photo)
    return {
        "creator": info,
        "duration_problem": tt.duration_problem(post, info),
        "tiktok_form": form,
        "disclosure": form.current_disclosure(),
        "photo": photo,
        **_tiktok_texts(),
    }


def _tiktok_texts() -> dict[str, Any]:
    return {
        "music_url": tt.MUSIC_USAGE_URL,
        "branded_url": tt.BRANDED_CONTENT_URL,
        "nothing_chosen": tt.NOTHING_CHOSEN,
        "not_private": tt.NOT_PRIVATE,
        "self_only": tt.SELF_ONLY,
        "privacy_labels": tt.PRIVACY_LABELS,
    }


def _page(
    request: HttpRequest,
    post: Post,
    membership: Membership,
    *,
    schedule_form: ScheduleForm | None = None,
    tiktok_form: tt.TikTokForm | None = None,
    status: int = 200,
) -> HttpResponse:
    business = membership.business
    zone = ZoneInfo(business.timezone)
    connections = list(reads.active_connections(business, platform_of(post)))
    connection = _connection(post, request) or next(iter(connections), None)
    context: dict[str, Any] = {
        **item_context(post, membership),
        "platform": platform_of(post),
        "approved": approval.approval_is_current(post)
        and post.status in (Post.Status.APPROVED, Post.Status.FAILED),
        "connections": connections,
        "connection": connection,
        "schedule_form": schedule_form or ScheduleForm(zone=zone),
        "form_token": issue_token(request),
        "timezone": business.timezone,
        **publications_context(membership, list(reads.publications_of(business, post)), "post"),
    }
    if connection is not None:
        # Networks fetch our media: say now if they cannot reach this Postloom, not later.
        kind = kind_for(post.format, context["platform"], post.media.count())
        context["reach_problem"] = check_reachable_for(connection, kind)
    if connection is not None and context["platform"] == "tiktok" and context["approved"]:
        context.update(_tiktok_context(request, post, connection, tiktok_form))
    return render(request, "publishing/publish.html", context, status=status)


@login_required
@require_GET
def publish_page(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    return _page(request, post, membership)


@login_required
@require_POST
def tiktok_choices(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    """htmx: the TikTok part redrawn for the current choices (disabled states, labels)."""
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    connection = _connection(post, request)
    info = _remembered(request, connection) if connection else None
    if connection is None or info is None:
        return HttpResponse(status=204)  # nothing to redraw from: the page stays as it is
    zone = ZoneInfo(membership.business.timezone)
    form = tt.TikTokForm(request.POST, info=info, photo=tt.is_photo(post))
    context = {
        "business": membership.business,
        "post": post,
        "timezone": membership.business.timezone,
        "schedule_form": ScheduleForm(initial={"when": request.POST.get("when", "")}, zone=zone),
        "form": form,
        "redraw": True,  # the person is still choosing: no errors yet
        "disclosure": form.current_disclosure(),
        "creator": info,
        "photo": tt.is_photo(post),
        **_tiktok_texts(),
    }
    return render(request, "publishing/_tiktok_choices.html", context)


def _submit(
    request: HttpRequest, business_id: int, post_id: int, *, scheduled: bool
) -> HttpResponse:
    post, membership = get_post_for_user(request.user, business_id, post_id, Access.EDIT)
    back = redirect("publishing_publish", business_id, post.pk)
    if not spend_token(request, request.POST.get("form_token", "")):
        messages.info(request, _("This was already sent; here is where it stands."))
        return back
    connection = _connection(post, request)
    if connection is None:
        messages.error(request, _("Choose a connected account to publish to."))
        return _page(request, post, membership, status=400)
    schedule_form = ScheduleForm(request.POST, zone=ZoneInfo(membership.business.timezone))
    if scheduled and not schedule_form.is_valid():
        return _page(request, post, membership, schedule_form=schedule_form, status=400)
    tiktok = _tiktok_options(request, post, membership, connection)
    if isinstance(tiktok, HttpResponse):
        return tiktok
    try:
        _send(request, post, connection, tiktok, schedule_form if scheduled else None)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return back
    messages.success(request, _sent_message(post, scheduled))
    return back


def _tiktok_options(
    request: HttpRequest, post: Post, membership: Membership, connection: Connection
) -> TikTokOptions | None | HttpResponse:
    """The person's TikTok choices, checked against creator_info asked again now (the creator
    may have changed their settings since the screen was drawn); a response when refused."""
    if platform_of(post) != "tiktok":
        return None
    try:
        info = tt.creator_info(connection)
    except NetworkError as error:
        messages.error(request, creator_problem(error))
        return redirect("publishing_publish", membership.business_id, post.pk)
    form = tt.TikTokForm(request.POST, info=info, photo=tt.is_photo(post))
    problem = tt.duration_problem(post, info)
    if problem:
        messages.error(request, problem)
    if problem or not form.is_valid():
        return _page(request, post, membership, tiktok_form=form, status=400)
    return form.options()


def _send(
    request: HttpRequest,
    post: Post,
    connection: Connection,
    tiktok: TikTokOptions | None,
    schedule_form: ScheduleForm | None,
) -> None:
    by = person(request)
    if schedule_form is None:
        engine.publish_now(post, by=by, connection=connection, tiktok=tiktok)
        return
    when = schedule_form.cleaned_data["when"]
    engine.schedule_post(post, by=by, connection=connection, when=when, tiktok=tiktok)


def _sent_message(post: Post, scheduled: bool) -> str:
    if scheduled:
        return _("Scheduled. Postloom will publish it at the time you chose.")
    if platform_of(post) == "tiktok":
        return _(
            "Sent to TikTok. Processing may take a few minutes before it appears on the profile."
        )
    return _("Sent to Instagram. It usually appears within a minute.")


@login_required
@require_POST
def publish_now(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    return _submit(request, business_id, post_id, scheduled=False)


@login_required
@require_POST
def schedule(request: HttpRequest, business_id: int, post_id: int) -> HttpResponse:
    return _submit(request, business_id, post_id, scheduled=True)


def _publication_act(
    request: HttpRequest, business_id: int, publication_id: int, act: str
) -> HttpResponse:
    publication, membership = reads.get_publication_for_user(
        request.user, business_id, publication_id, Access.EDIT
    )
    try:
        if act == "cancel":
            engine.cancel_publication(publication, by=person(request))
            messages.success(request, _("Cancelled. Nothing will be published."))
        else:
            engine.retry_publication(publication, by=person(request))
            messages.success(request, _("Trying again."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    if request.POST.get("back") == "post" and publication.post_id:
        return redirect("publishing_publish", business_id, publication.post_id)
    return redirect("publishing_review", business_id)


@login_required
@require_POST
def cancel(request: HttpRequest, business_id: int, publication_id: int) -> HttpResponse:
    return _publication_act(request, business_id, publication_id, "cancel")


@login_required
@require_POST
def retry(request: HttpRequest, business_id: int, publication_id: int) -> HttpResponse:
    return _publication_act(request, business_id, publication_id, "retry")
