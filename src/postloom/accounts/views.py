from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from postloom.accounts import actions
from postloom.accounts.forms import LanguageForm, ProfileForm


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_profile(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        translation.activate(form.cleaned_data["language"])
        messages.success(request, _("Your profile was saved."))
        response = redirect("profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"])
        return response
    return render(request, "accounts/profile.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; saved on the account when signed in, else in a cookie."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            actions.set_language(request.user, language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response
