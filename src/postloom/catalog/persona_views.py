"""Personas: the list, the persona page (edit and reference photos), delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.catalog import actions
from postloom.catalog.forms import PersonaForm
from postloom.catalog.models import Persona
from postloom.catalog.selectors import get_persona_for_user, personas_of
from postloom.catalog.views import keep_errors, read_only, report_photos


@login_required
def personas(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    request.session["business_id"] = business.pk
    context = {
        "business": business,
        "membership": membership,
        "can_edit": membership.allows(Access.EDIT),
        "personas": personas_of(business),
    }
    return render(request, "catalog/personas.html", context)


def _persona_page(
    request: HttpRequest,
    business: Business,
    membership: Membership,
    form: PersonaForm,
    persona: Persona | None = None,
) -> HttpResponse:
    can_edit = membership.allows(Access.EDIT)
    context = {
        "business": business,
        "membership": membership,
        "can_edit": can_edit,
        "form": form if can_edit else read_only(form),
        "persona": persona,
        "photos": list(persona.images.all()) if persona else [],
        "kind": "personas",
    }
    return render(request, "catalog/persona_form.html", context)


@login_required
def persona_create(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    form = PersonaForm(request.POST or None, request.FILES or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            persona = actions.create_persona(business, form.persona_fields())
        except ValidationError as error:
            keep_errors(form, error)
        else:
            report_photos(request, actions.add_persona_photos(persona, form.cleaned_data["photos"]))
            messages.success(request, _("%(name)s was added.") % {"name": persona.name})
            return redirect("catalog_persona_edit", business.pk, persona.pk)
    return _persona_page(request, business, membership, form)


@login_required
def persona_edit(request: HttpRequest, business_id: int, persona_id: int) -> HttpResponse:
    need = Access.EDIT if request.method == "POST" else Access.VIEW
    persona, membership = get_persona_for_user(request.user, business_id, persona_id, need)
    form = PersonaForm(
        request.POST or None, request.FILES or None, initial=PersonaForm.initial_from(persona)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_persona(persona, form.persona_fields())
        except ValidationError as error:
            keep_errors(form, error)
        else:
            report_photos(request, actions.add_persona_photos(persona, form.cleaned_data["photos"]))
            messages.success(request, _("%(name)s was saved.") % {"name": persona.name})
            return redirect("catalog_persona_edit", business_id, persona.pk)
    return _persona_page(request, membership.business, membership, form, persona)


@login_required
def persona_delete(request: HttpRequest, business_id: int, persona_id: int) -> HttpResponse:
    persona, membership = get_persona_for_user(request.user, business_id, persona_id, Access.EDIT)
    if request.method == "POST":
        actions.delete_persona(persona)
        messages.success(request, _("%(name)s was deleted.") % {"name": persona.name})
        return redirect("catalog_personas", business_id)
    context = {
        "business": membership.business,
        "membership": membership,
        "object": persona,
        "photo_count": persona.images.count(),
        "cancel_url": "catalog_persona_edit",
    }
    return render(request, "catalog/confirm_delete.html", context)
