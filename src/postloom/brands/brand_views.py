"""The brand page: paste a website, watch it being read, then check and edit the profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from postloom.brands import onboarding
from postloom.brands.forms import INDUSTRY_LABELS, SOCIAL_LABELS, BrandProfileForm, OnboardForm
from postloom.brands.models import Access, BrandProfile, Business, Membership, OnboardingRun
from postloom.brands.problems import fetch_problem, warning_text
from postloom.brands.selectors import get_business_for_user


def _run_context(run: OnboardingRun | None) -> dict[str, Any]:
    if run is None:
        return {"run": None}
    steps = [
        OnboardingRun.Status.FETCHING,
        OnboardingRun.Status.READING,
        OnboardingRun.Status.ANALYSING,
    ]
    values = [str(step.value) for step in steps]
    reached = values.index(run.status) if run.status in values else len(steps)
    return {
        "run": run,
        "steps": [(step.label, i < reached, i == reached) for i, step in enumerate(steps)],
        "problem": fetch_problem(run.error_code, run.error_detail) if run.error_code else "",
        "warnings": [warning_text(w["code"], w) for w in run.warnings],
    }


def _page(
    request: HttpRequest,
    business: Business,
    membership: Membership,
    *,
    onboard_form: OnboardForm | None = None,
    profile_form: BrandProfileForm | None = None,
) -> HttpResponse:
    brand = BrandProfile.objects.filter(business=business).first()
    run = business.onboardings.first()
    can_edit = membership.allows(Access.EDIT)
    if profile_form is None:
        # Without a profile yet, the form still lets people fill it in by hand.
        initial = (
            BrandProfileForm.initial_from(brand)
            if brand
            else {"name": business.name, "language": business.language, "industry": "other"}
        )
        profile_form = BrandProfileForm(initial=initial)
    if not can_edit:
        for field in profile_form.fields.values():
            field.disabled = True
    context = {
        "business": business,
        "membership": membership,
        "can_edit": can_edit,
        "brand": brand,
        "industry_label": INDUSTRY_LABELS.get(brand.industry, "") if brand else "",
        "social_links": [
            (SOCIAL_LABELS.get(network, network), url)
            for network, url in (brand.social.items() if brand else [])
        ],
        "onboard_form": onboard_form
        or OnboardForm(initial={"url": business.website, "keep_edits": True}),
        "profile_form": profile_form,
        **_run_context(run),
    }
    return render(request, "brands/brand.html", context)


@login_required
def brand(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    request.session["business_id"] = business.pk
    return _page(request, business, membership)


@login_required
@require_POST
def analyse(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    form = OnboardForm(request.POST)
    if form.is_valid():
        try:
            onboarding.start_onboarding(
                business,
                by=request.user,  # type: ignore[arg-type]
                url=form.cleaned_data["url"],
                keep_edits=form.cleaned_data["keep_edits"],
            )
        except ValidationError as exc:
            form.add_error("url", exc)
        else:
            return redirect("business_brand", business_id=business.pk)
    return _page(request, business, membership, onboard_form=form)


@login_required
def progress(request: HttpRequest, business_id: int, run_id: int) -> HttpResponse:
    """Polled by htmx while a run works; when it ends, the whole page reloads with the result."""
    business, _membership = get_business_for_user(request.user, business_id)
    run = get_object_or_404(OnboardingRun, pk=run_id, business=business)
    if run.is_finished and request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(reverse("business_brand", args=[business.pk]))
    return render(request, "brands/_progress.html", {"business": business, **_run_context(run)})


@login_required
@require_POST
def edit(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    form = BrandProfileForm(request.POST)
    if form.is_valid():
        brand, _created = BrandProfile.objects.get_or_create(business=business)
        onboarding.update_profile(brand, form.profile_changes())
        messages.success(request, _("Your brand profile was saved."))
        return redirect("business_brand", business_id=business.pk)
    return _page(request, business, membership, profile_form=form)
