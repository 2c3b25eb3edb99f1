"""The studio: plan days of posts or one post from a topic, watch generation, see the calendar.

Viewers see everything and change nothing; owners and editors plan, generate and cancel.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.studio import actions, ai_images
from postloom.studio.calendar import plan_calendar
from postloom.studio.forms import PlanForm, SinglePostForm
from postloom.studio.models import GenerationJob
from postloom.studio.problems import job_problem
from postloom.studio.selectors import (
    card,
    credit_balance,
    get_job_for_user,
    get_plan_for_user,
    latest_job,
    latest_job_of,
    local_now,
    plans_of,
    posts_of_plan,
    single_posts_of,
    tomorrow_in,
)

UNFINISHED = (GenerationJob.Status.QUEUED, GenerationJob.Status.RUNNING)


def job_context(job: GenerationJob | None) -> dict[str, Any]:
    if job is None:
        return {"job": None}
    return {
        "job": job,
        "job_running": job.status in UNFINISHED,
        "job_problem": job_problem(job.error_code),
        "job_result_url": job_result_url(job),
        "job_warning": "" if job.status in UNFINISHED else ai_images.job_picture_warning(job),
    }


def job_result_url(job: GenerationJob) -> str:
    """Where a finished job's work is: the plan's calendar, or the post's editor."""
    if job.plan_id:
        return reverse("studio_plan", args=[job.business_id, job.plan_id])
    if job.post_id:
        return reverse("studio_post", args=[job.business_id, job.post_id])
    return reverse("studio_home", args=[job.business_id])


def _home(
    request: HttpRequest,
    business: Business,
    membership: Membership,
    *,
    plan_form: PlanForm | None = None,
    post_form: SinglePostForm | None = None,
) -> HttpResponse:
    zone = ZoneInfo(business.timezone)
    tomorrow = tomorrow_in(business)
    today = local_now(business).date()
    context = {
        "business": business,
        "can_edit": membership.allows(Access.EDIT),
        "balance": credit_balance(business),
        "plan_form": plan_form or PlanForm(initial={"start": tomorrow}, today=today),
        "post_form": post_form or SinglePostForm(business=business),
        "plans": plans_of(business),
        "singles": [card(post, zone) for post in single_posts_of(business)],
        **job_context(latest_job(business)),
    }
    return render(request, "studio/home.html", context)


@login_required
@require_GET
def home(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    request.session["business_id"] = business.pk
    return _home(request, business, membership)


@login_required
@require_POST
def plan_create(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    form = PlanForm(request.POST, today=local_now(business).date())
    if form.is_valid():
        try:
            job = actions.create_plan(
                business,
                by=request.user,  # type: ignore[arg-type]
                start=form.cleaned_data["start"],
                days=form.cleaned_data["days"],
                posts_per_week=form.cleaned_data["posts_per_week"],
            )
        except ValidationError as exc:
            form.add_error("days" if exc.code == "too_many_days" else None, exc)
        else:
            return redirect(job_result_url(job))
    return _home(request, business, membership, plan_form=form)


@login_required
@require_POST
def post_create(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    form = SinglePostForm(request.POST, business=business)
    if form.is_valid():
        product = form.cleaned_data["product"]
        try:
            job = actions.create_single_post(
                business,
                by=request.user,  # type: ignore[arg-type]
                topic=form.cleaned_data["topic"],
                format=form.cleaned_data["format"],
                product_id=product.pk if product else None,
            )
        except ValidationError as exc:
            form.add_error("topic" if exc.code == "no_topic" else None, exc)
        else:
            return redirect(job_result_url(job))
    return _home(request, business, membership, post_form=form)


@login_required
@require_GET
def job_progress(request: HttpRequest, business_id: int, job_id: int) -> HttpResponse:
    """Polled by htmx while a job works; when it ends, the page it was watched on reloads."""
    job, membership = get_job_for_user(request.user, business_id, job_id)
    if job.status not in UNFINISHED and request.htmx:  # type: ignore[attr-defined]
        here = request.htmx.current_url_abs_path  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(here or job_result_url(job))
    context = {"business": job.business, "can_edit": membership.allows(Access.EDIT)}
    return render(request, "studio/_job.html", {**context, **job_context(job)})


@login_required
@require_POST
def job_cancel(request: HttpRequest, business_id: int, job_id: int) -> HttpResponse:
    job, membership = get_job_for_user(request.user, business_id, job_id, Access.EDIT)
    actions.cancel_job(job)
    job.refresh_from_db()
    if request.htmx:  # type: ignore[attr-defined]
        context = {"business": job.business, "can_edit": True, **job_context(job)}
        return render(request, "studio/_job.html", context)
    return redirect(job_result_url(job))


@login_required
@require_GET
def plan_view(request: HttpRequest, business_id: int, plan_id: int) -> HttpResponse:
    plan, membership = get_plan_for_user(request.user, business_id, plan_id)
    business = membership.business
    calendar = plan_calendar(plan, posts_of_plan(plan), ZoneInfo(business.timezone))
    week_view = request.GET.get("view") == "week"
    week = calendar.clamp(_int(request.GET.get("week"), default=1))
    context = {
        "business": business,
        "can_edit": membership.allows(Access.EDIT),
        "plan": plan,
        "plan_end": plan.start_date + timedelta(days=max(plan.days, 1) - 1),
        "calendar": calendar,
        "week_view": week_view,
        "week": week,
        "week_days": calendar.week(week),
        "prev_week": week - 1 if week > 1 else None,
        "next_week": week + 1 if week < len(calendar.weeks) else None,
        **job_context(latest_job_of(plan=plan)),
    }
    return render(request, "studio/plan.html", context)


def _int(value: str | None, *, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default
