"""Every change to businesses and their members goes through a function here.

Actions check the rules that a form cannot (roles, last owner, duplicates), write inside one
transaction, and enqueue side effects (emails) to run after the commit.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from postloom.accounts.models import User
from postloom.brands.models import Business, Invitation, Membership, Role

INVITATION_LIFETIME = timedelta(days=7)


@transaction.atomic
def create_business(
    user: User, *, name: str, website: str = "", timezone_name: str = "UTC", language: str = "en"
) -> Business:
    business = Business(
        name=name.strip(),
        website=website,
        timezone=timezone_name,
        language=language,
        created_by=user,
    )
    business.full_clean()
    business.save()
    Membership.objects.create(business=business, user=user, role=Role.OWNER)
    return business


def update_business(
    business: Business, *, name: str, website: str, timezone_name: str, language: str
) -> Business:
    business.name = name.strip()
    business.website = website
    business.timezone = timezone_name
    business.language = language
    business.full_clean()
    business.save(update_fields=["name", "website", "timezone", "language", "updated_at"])
    return business


@transaction.atomic
def invite_member(business: Business, *, by: User, email: str, role: str) -> Invitation:
    from postloom.brands.tasks import send_invitation_email

    email = email.strip().lower()
    if Membership.objects.filter(business=business, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this business."), params={"email": email}
        )
    # Inviting again replaces the earlier open invitation (new token, new expiry).
    Invitation.objects.filter(
        business=business, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation = Invitation.objects.create(
        business=business,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    send_invitation_email.enqueue(invitation.pk)
    return invitation


def revoke_invitation(invitation: Invitation) -> None:
    invitation.delete()


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired. Ask the owner to invite you again."))
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it."),
            params={"email": invitation.email},
        )
    if Membership.objects.filter(business=invitation.business, user=user).exists():
        raise ValidationError(_("You are already a member of this business."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                business=invitation.business, user=user, role=invitation.role
            )
    except IntegrityError:
        raise ValidationError(_("You are already a member of this business.")) from None
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _other_owners(membership: Membership) -> bool:
    return (
        Membership.objects.filter(business_id=membership.business_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def change_role(membership: Membership, role: str) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.OWNER and role != Role.OWNER and not _other_owners(membership):
        raise ValidationError(_("A business needs at least one owner."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.OWNER and not _other_owners(membership):
        raise ValidationError(_("A business needs at least one owner."))
    membership.delete()
