from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from postloom.brands.models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("business", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:  # revoked or accepted before the worker got here
        return
    language = invitation.invited_by.language if invitation.invited_by else "en"
    with translation.override(language):
        context = {
            "invitation": invitation,
            "url": settings.BASE_URL + reverse("invitation", args=[invitation.token]),
        }
        subject = render_to_string("brands/email/invitation_subject.txt", context).strip()
        body = render_to_string("brands/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@task()
def run_onboarding(run_id: int) -> str:
    from postloom.brands.onboarding import perform_onboarding

    return perform_onboarding(run_id).status
