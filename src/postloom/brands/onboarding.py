"""Onboarding actions: read a business's website and turn it into its brand profile.

start_onboarding (a person asks) → the task → perform_onboarding (fetch → read → analyse → save).
Every step's status is written as it starts, so the progress page can show it from another
process; a failure leaves a clear code on the run and keeps everything already known.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from postloom.accounts.models import User
from postloom.brands.instagram_sources import instagram_input
from postloom.brands.models import AIUsage, BrandProfile, Business, OnboardingRun
from postloom.brands.problems import fetch_problem
from postloom.integrations import ai
from postloom.integrations.ai.base import AIError, BrandRequest, BrandResult
from postloom.integrations.ai.base import BrandProfile as AnalysedProfile
from postloom.web.crawl import crawl_site
from postloom.web.extract import extract_site
from postloom.web.safe_http import FetchError, FetchPolicy, SafeFetcher
from postloom.web.site import SiteExtract

SHIPPED_LANGUAGES = ("en", "id", "tr")
LITTLE_TEXT = 200  # characters: below this the site probably renders with JavaScript


def normalise_url(raw: str) -> str:
    """Accept what people paste ("kopisenja.com", " https://x.id/ "); refuse what is not a URL."""
    url = raw.strip()
    if url and "://" not in url:
        url = "https://" + url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(fetch_problem("invalid_url"), code="invalid_url") from None
    if "@" in url.split("://", 1)[1].split("/", 1)[0]:
        raise ValidationError(fetch_problem("credentials_in_url"), code="credentials_in_url")
    return url


@transaction.atomic
def start_onboarding(
    business: Business, *, by: User, url: str, keep_edits: bool = True, provider: str = ""
) -> OnboardingRun:
    from postloom.brands.tasks import run_onboarding

    url = normalise_url(url)
    if business.website != url:
        business.website = url
        business.save(update_fields=["website", "updated_at"])
    run = OnboardingRun.objects.create(
        business=business,
        url=url,
        created_by=by,
        keep_edits=keep_edits,
        provider=provider or str(settings.AI["PROVIDER"]),
    )
    run_onboarding.enqueue(run.pk)
    return run


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(allow_loopback=settings.FETCH_ALLOW_LOOPBACK)


def read_site(url: str) -> SiteExtract:
    """Fetch and read a website (raises FetchError when the home page cannot be read)."""
    with SafeFetcher(fetch_policy()) as fetcher:
        return extract_site(crawl_site(url, fetcher), fetcher)


def _set(run: OnboardingRun, **fields: Any) -> None:
    # An UPDATE outside any transaction: the progress page in the web process sees it at once.
    for name, value in fields.items():
        setattr(run, name, value)
    OnboardingRun.objects.filter(pk=run.pk).update(**fields)


def perform_onboarding(run_id: int) -> OnboardingRun:
    run = OnboardingRun.objects.select_related("business", "created_by").get(pk=run_id)
    if run.is_finished:  # the task may run twice; the second run changes nothing
        return run
    _set(run, status=OnboardingRun.Status.FETCHING, started_at=timezone.now())
    try:
        with SafeFetcher(fetch_policy()) as fetcher:
            crawl = crawl_site(run.url, fetcher)
            _set(run, status=OnboardingRun.Status.READING)
            site = extract_site(crawl, fetcher)
    except FetchError as exc:
        detail = {k: v for k, v in exc.detail.items() if isinstance(v, str | int | float)}
        _set(run, status=OnboardingRun.Status.FAILED, error_code=exc.code, error_detail=detail,
             finished_at=timezone.now())  # fmt: skip
        return run
    except Exception:
        _set(run, status=OnboardingRun.Status.FAILED, error_code="internal",
             finished_at=timezone.now())  # fmt: skip
        raise
    warnings = site_warnings(site)
    _set(run, status=OnboardingRun.Status.ANALYSING, extract=site.to_dict(), warnings=warnings)
    language = run.created_by.language if run.created_by else run.business.language
    instagram = instagram_input(run.business)
    request = BrandRequest(site=site, instagram=instagram, reply_language=language)
    result = analyse(run.business, request, run.provider, warnings)
    apply_profile(run.business, result.profile, keep_edits=run.keep_edits)
    _set(run, status=OnboardingRun.Status.DONE, sent_text=result.sent_text, warnings=warnings,
         finished_at=timezone.now())  # fmt: skip
    return run


def site_warnings(site: SiteExtract) -> list[dict[str, Any]]:
    warnings: list[dict[str, Any]] = []
    if len(site.main_text) < LITTLE_TEXT:
        warnings.append({"code": "little_text"})
    if site.language and site.language not in SHIPPED_LANGUAGES:
        warnings.append({"code": "unsupported_language", "language": site.language})
    if any(not page.ok for page in site.pages):
        warnings.append({"code": "pages_failed"})
    return warnings


def analyse(
    business: Business | None,
    request: BrandRequest,
    provider: str,
    warnings: list[dict[str, Any]],
    *,
    record: bool = True,
) -> BrandResult:
    """Run the analysis and record the call; if an AI provider fails, the built-in one steps in.

    ``record=False`` is for the command line, which may run before any database exists.
    """
    result, failure = ask_with_fallback(
        business, provider, "brand_analysis", lambda chosen: chosen.analyse_brand(request), record
    )
    if failure is not None:
        warnings.append({"code": "ai_failed", "reason": failure.code})
    return result


def ask_with_fallback(
    business: Business | None,
    provider: str,
    purpose: str,
    ask: Any,
    record: bool = True,
) -> tuple[Any, AIError | None]:
    """``ask(text_provider)`` with ``provider``; if an AI provider fails, the built-in one answers.

    Returns the result and the error that made the built-in engine step in (None if none did).
    Every attempt, the failed one included, leaves an AIUsage row when ``record`` is true.
    """

    def call(name: str) -> Any:
        # Settings are read per call, so a changed key or provider applies at once.
        run = lambda: ask(ai.get_text_provider(name, **settings.AI))  # noqa: E731
        return record_call(business, name, run, purpose) if record else run()

    try:
        return call(provider), None
    except AIError as exc:
        if provider == "basic":
            raise
        return call("basic"), exc


def record_call(
    business: Business | None, provider: str, call: Any, purpose: str = "brand_analysis"
) -> Any:
    """Run ``call`` (an AI request), recording it in an AIUsage row written before the call."""
    usage_row = AIUsage.objects.create(business=business, purpose=purpose, provider=provider)
    started = time.monotonic()
    try:
        result = call()
    except AIError as exc:
        usage_row.ok = False
        usage_row.error_code = exc.code
        usage_row.duration_ms = int((time.monotonic() - started) * 1000)
        usage_row.save()
        raise
    usage = result.usage
    usage_row.model = usage.model
    usage_row.input_tokens = usage.input_tokens
    usage_row.output_tokens = usage.output_tokens
    usage_row.cost_usd = usage.cost_usd
    usage_row.duration_ms = usage.duration_ms
    usage_row.ok = True
    usage_row.save()
    return result


def apply_profile(
    business: Business, analysed: AnalysedProfile, *, keep_edits: bool
) -> BrandProfile:
    brand, _created = BrandProfile.objects.get_or_create(business=business)
    kept = set(brand.edited_fields) if keep_edits else set()
    for field in BrandProfile.EDITABLE:
        if field not in kept:
            setattr(brand, field, getattr(analysed, field))
    brand.edited_fields = sorted(kept)
    brand.save()
    return brand


def update_profile(brand: BrandProfile, changes: dict[str, Any]) -> BrandProfile:
    """A person's edits: saved, and remembered as theirs so re-analysing keeps them."""
    edited = set(brand.edited_fields)
    for field, value in changes.items():
        if field not in BrandProfile.EDITABLE:
            raise ValueError(field)
        if getattr(brand, field) != value:
            setattr(brand, field, value)
            edited.add(field)
    brand.edited_fields = sorted(edited)
    brand.full_clean()
    brand.save()
    return brand


def analyse_url(
    url: str, provider: str = "", *, record: bool = True
) -> tuple[AnalysedProfile, list[dict[str, Any]]]:
    """Read a website and analyse it without saving anything (CLI and API preview).

    Raises ValidationError for an address that is not a URL and FetchError when the site
    cannot be read; AI failures fall back to the built-in analysis, noted in the warnings.
    """
    site = read_site(normalise_url(url))
    warnings = site_warnings(site)
    provider = provider or str(settings.AI["PROVIDER"])
    result = analyse(None, BrandRequest(site=site), provider, warnings, record=record)
    return result.profile, warnings
