from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from postloom.brands import actions
from postloom.brands.forms import BusinessForm, InviteForm, RoleForm
from postloom.brands.models import Access, BrandProfile, Invitation, Membership
from postloom.brands.selectors import (
    businesses_for_user,
    get_business_for_user,
    get_membership,
    members_of,
)

# A first guess for a new business; the browser's own time zone replaces it (app.js).
LIKELY_TIMEZONE = {"id": "Asia/Jakarta", "tr": "Europe/Istanbul"}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to the business they used last, or to create their first one."""
    mine = businesses_for_user(request.user)
    last_id = request.session.get("business_id")
    current = (last_id and mine.filter(pk=last_id).first()) or mine.first()
    if current is None:
        return render(request, "brands/welcome.html")
    return redirect("business_dashboard", business_id=current.pk)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    initial = {"language": language, "timezone": LIKELY_TIMEZONE.get(language, "UTC")}
    form = BusinessForm(request.POST or None, initial=initial)
    form.fields["timezone"].widget.attrs["data-guess-timezone"] = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        business = actions.create_business(
            request.user,  # type: ignore[arg-type]
            name=data["name"],
            website=data["website"],
            timezone_name=data["timezone"],
            language=data["language"],
        )
        messages.success(request, _("%(name)s is ready.") % {"name": business.name})
        return redirect("business_dashboard", business_id=business.pk)
    return render(request, "brands/create.html", {"form": form})


@login_required
def dashboard(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    request.session["business_id"] = business.pk
    return render(
        request,
        "brands/dashboard.html",
        {
            "business": business,
            "membership": membership,
            "can_edit": membership.allows(Access.EDIT),
            "brand": BrandProfile.objects.filter(business=business).first(),
        },
    )


@login_required
def settings_view(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    can_edit = membership.allows(Access.EDIT)
    initial = {
        "name": business.name,
        "website": business.website,
        "timezone": business.timezone,
        "language": business.language,
    }
    form = BusinessForm(request.POST or None, initial=initial)
    if request.method == "POST":
        get_business_for_user(request.user, business_id, Access.EDIT)
        if form.is_valid():
            data = form.cleaned_data
            actions.update_business(
                business,
                name=data["name"],
                website=data["website"],
                timezone_name=data["timezone"],
                language=data["language"],
            )
            messages.success(request, _("Business settings saved."))
            return redirect("business_settings", business_id=business.pk)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    context = {"business": business, "membership": membership, "form": form, "can_edit": can_edit}
    return render(request, "brands/settings.html", context)


def _members_page(
    request: HttpRequest,
    business_id: int,
    invite_form: InviteForm | None = None,
    template: str = "brands/members.html",
) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    context = {
        "business": business,
        "membership": membership,
        "members": members_of(business),
        "invitations": business.invitations.filter(accepted_at__isnull=True),
        "can_manage": membership.allows(Access.MANAGE),
        "invite_form": invite_form or InviteForm(),
        "role_choices": RoleForm.base_fields["role"].choices,  # type: ignore[attr-defined]
    }
    return render(request, template, context)


def _after_member_change(request: HttpRequest, business_id: int) -> HttpResponse:
    """Back to the members list; htmx requests get just the refreshed panel.

    Someone who has just removed themselves is no longer a member and goes to the dashboard.
    """
    if get_membership(request.user, business_id) is None:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRedirect(reverse("dashboard"))
        return redirect("dashboard")
    if request.htmx:  # type: ignore[attr-defined]
        return _members_page(request, business_id, template="brands/_members_panel.html")
    return redirect("business_members", business_id=business_id)


@login_required
def members(request: HttpRequest, business_id: int) -> HttpResponse:
    return _members_page(request, business_id)


@login_required
@require_POST
def invite(request: HttpRequest, business_id: int) -> HttpResponse:
    business, _membership = get_business_for_user(request.user, business_id, Access.MANAGE)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = actions.invite_member(
                business,
                by=request.user,  # type: ignore[arg-type]
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("business_members", business_id=business.pk)
    return _members_page(request, business_id, invite_form=form)


def _member(request: HttpRequest, business_id: int, member_id: int) -> Membership:
    business, _membership = get_business_for_user(request.user, business_id, Access.MANAGE)
    return get_object_or_404(Membership, pk=member_id, business=business)


@login_required
@require_POST
def change_role(request: HttpRequest, business_id: int, member_id: int) -> HttpResponse:
    target = _member(request, business_id, member_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            actions.change_role(target, form.cleaned_data["role"])
            messages.success(request, _("Role updated."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return _after_member_change(request, business_id)


@login_required
@require_POST
def remove_member(request: HttpRequest, business_id: int, member_id: int) -> HttpResponse:
    target = _member(request, business_id, member_id)
    try:
        actions.remove_member(target)
        messages.success(request, _("Member removed."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _after_member_change(request, business_id)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, business_id: int, invitation_id: int) -> HttpResponse:
    business, _membership = get_business_for_user(request.user, business_id, Access.MANAGE)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, business=business, accepted_at__isnull=True
    )
    actions.revoke_invitation(invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("business_members", business_id=business_id)


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link may see whom it invites; only the invited address may accept."""
    invitation = get_object_or_404(Invitation.objects.select_related("business"), token=token)
    error = None
    if request.method == "POST":
        try:
            membership = actions.accept_invitation(invitation, request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, _("Welcome to %(name)s.") % {"name": membership.business.name}
            )
            return redirect("business_dashboard", business_id=membership.business_id)
    return render(request, "brands/invitation.html", {"invitation": invitation, "error": error})
