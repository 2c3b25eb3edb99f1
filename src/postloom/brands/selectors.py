"""Reads of business data. Every view and API route reaches a business through here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from postloom.accounts.models import User
from postloom.brands.models import Access, Business, Membership


def businesses_for_user(user: User | AnonymousUser) -> QuerySet[Business]:
    if not user.is_authenticated:
        return Business.objects.none()
    return Business.objects.filter(memberships__user=user).order_by("name", "id")


def memberships_of_user(user: User | AnonymousUser) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("business")
        .order_by("business__name", "business_id")
    )


def get_membership(user: User | AnonymousUser, business_id: int) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("business")
        .filter(user=user, business_id=business_id)
        .first()
    )


def get_business_for_user(
    user: User | AnonymousUser, business_id: int, need: Access = Access.VIEW
) -> tuple[Business, Membership]:
    """The business and the user's membership, or 404 for outsiders and 403 for a weak role.

    Outsiders get 404 so that a business's existence is not revealed by probing ids.
    """
    membership = get_membership(user, business_id)
    if membership is None:
        raise Http404("No such business")
    if not membership.allows(need):
        raise PermissionDenied("Your role does not allow this")
    return membership.business, membership


def members_of(business: Business) -> QuerySet[Membership]:
    return business.memberships.select_related("user").order_by("created_at", "id")
