"""Connecting, checking and disconnecting social accounts (per business)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from postloom.brands.models import Access
from postloom.brands.selectors import get_business_for_user
from postloom.connections import actions, connect, oauth, selectors
from postloom.connections.models import Connection
from postloom.connections.problems import connect_problem, network_name, problem
from postloom.integrations.networks.base import NetworkError

FLOW_TEXT = {
    "instagram": (
        gettext_lazy("Instagram"),
        gettext_lazy("Sign in with the Instagram professional account itself."),
    ),
    "facebook": (
        gettext_lazy("Instagram through Facebook"),
        gettext_lazy("For an Instagram account linked to a Facebook Page you manage."),
    ),
    "tiktok": (gettext_lazy("TikTok"), gettext_lazy("Sign in with your TikTok account.")),
}


def _flow(slug: str) -> oauth.Flow:
    try:
        return oauth.FLOWS[slug]
    except KeyError:
        raise Http404("No such network") from None


@login_required
def connections(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    rows = [
        {
            "connection": connection,
            "health": selectors.health(connection),
            "refresh_problem": selectors.last_refresh_problem(connection),
            "flow": oauth.FLOW_OF_VARIANT[connection.variant].slug,
            "media": list(connection.media.all()[:6]),
        }
        for connection in selectors.connections_of(business).prefetch_related("media")
    ]
    flows = [
        {
            "slug": slug,
            "name": FLOW_TEXT[slug][0],
            "help": FLOW_TEXT[slug][1],
            "configured": oauth.is_configured(flow),
            "sandbox": oauth.is_sandbox(flow),
        }
        for slug, flow in oauth.FLOWS.items()
    ]
    context: dict[str, Any] = {
        "business": business,
        "membership": membership,
        "can_edit": membership.allows(Access.EDIT),
        "rows": rows,
        "flows": flows,
    }
    return render(request, "connections/connections.html", context)


@login_required
def start(request: HttpRequest, business_id: int, flow: str) -> HttpResponse:
    """Send the person to the network's consent screen (a plain link, so the browser's
    form-action rules do not apply to the redirect)."""
    business, _membership = get_business_for_user(request.user, business_id, Access.EDIT)
    chosen = _flow(flow)
    if not oauth.is_configured(chosen):
        messages.error(request, connect_problem("not_configured", chosen.platform))
        return redirect("connections", business.pk)
    state = oauth.begin(request.session, business.pk, chosen)
    return redirect(connect.authorize_url(chosen, state))


@login_required
def callback(request: HttpRequest, flow: str) -> HttpResponse:
    chosen = _flow(flow)
    pending = oauth.finish(request.session, request.GET.get("state", ""), chosen)
    error = request.GET.get("error", "")
    if pending is None:
        # Unknown or used state: a forged, replayed or stale callback. Nothing is exchanged.
        code = "access_denied" if error == "access_denied" else "bad_state"
        messages.error(request, connect_problem(code, chosen.platform))
        return redirect("dashboard")
    business, _membership = get_business_for_user(request.user, pending.business_id, Access.EDIT)
    if error:
        code = "access_denied" if error == "access_denied" else "oauth"
        messages.error(request, connect_problem(code, chosen.platform))
        return redirect("connections", business.pk)
    code = request.GET.get("code", "").strip().removesuffix("#_")
    if not code:
        messages.error(request, connect_problem("no_code", chosen.platform))
        return redirect("connections", business.pk)
    try:
        if chosen.slug == "facebook":
            tokens, pages = connect.facebook_pages(chosen, code)
            oauth.keep_pages(request.session, business.pk, tokens, pages)
            return redirect("connections_facebook_pages", business.pk)
        connection = connect.complete(chosen, business, request.user, code)  # type: ignore[arg-type]
    except NetworkError as exc:
        messages.error(request, connect_problem(exc.code.value, chosen.platform))
        return redirect("connections", business.pk)
    _connected(request, connection)
    return redirect("connections", business.pk)


def _connected(request: HttpRequest, connection: Connection) -> None:
    text = _("%(account)s on %(network)s is connected.") % {
        "account": f"@{connection.username}" if connection.username else connection.display_name,
        "network": network_name(connection.platform),
    }
    if connection.sandbox:
        text += " " + _("This is a sandbox account: nothing reaches the real network.")
    messages.success(request, text)


@login_required
def facebook_pages(request: HttpRequest, business_id: int) -> HttpResponse:
    """Facebook Login: choose the Page whose Instagram account Postloom publishes to."""
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    choice = oauth.pages_choice(request.session, business.pk)
    flow = oauth.FLOWS["facebook"]
    if choice is None:
        messages.error(request, connect_problem("bad_state", flow.platform))
        return redirect("connections", business.pk)
    trouble = "" if choice.pages else connect_problem("no_pages", flow.platform)
    if request.method == "POST":
        page = next((p for p in choice.pages if p.page_id == request.POST.get("page")), None)
        if page is None:
            trouble = _("Choose one of the Pages below.")
        elif not page.instagram_account_id:
            trouble = connect_problem("page_without_instagram", flow.platform)
        else:
            try:
                connection = connect.complete_facebook(
                    flow,
                    business,
                    request.user,  # type: ignore[arg-type]
                    choice.tokens,
                    page,
                )
            except NetworkError as exc:
                trouble = connect_problem(exc.code.value, flow.platform)
            else:
                oauth.forget_pages(request.session)
                _connected(request, connection)
                return redirect("connections", business.pk)
    context = {
        "business": business,
        "membership": membership,
        "pages": choice.pages,
        "problem": trouble,
        "unlinked_help": connect_problem("page_without_instagram", flow.platform),
    }
    return render(request, "connections/facebook_pages.html", context)


@login_required
@require_POST
def disconnect(request: HttpRequest, business_id: int, connection_id: int) -> HttpResponse:
    connection, business, _membership = selectors.get_connection_for_user(
        request.user, business_id, connection_id, Access.EDIT
    )
    if connection.status != Connection.Status.DISCONNECTED:
        confirmed = actions.disconnect(connection)
        text = _("Disconnected. Postloom deleted its access to this account.")
        if not confirmed:
            text += " " + _(
                "%(network)s could not be told right now; you can also remove Postloom in "
                "the %(network)s app's settings."
            ) % {"network": network_name(connection.platform)}
        messages.success(request, text)
    return redirect("connections", business.pk)


@login_required
@require_POST
def reimport(request: HttpRequest, business_id: int, connection_id: int) -> HttpResponse:
    """Read the account's recent posts again (for the grid preview and the brand analysis)."""
    connection, business, _membership = selectors.get_connection_for_user(
        request.user, business_id, connection_id, Access.EDIT
    )
    if connection.is_usable:
        count = actions.import_recent_media(connection)
        if count is None:
            messages.error(request, problem("server", connection.platform))
        else:
            text = ngettext(
                "Postloom read %(count)s recent post.",
                "Postloom read %(count)s recent posts.",
                count,
            )
            messages.success(request, text % {"count": count})
    return redirect("connections", business.pk)
