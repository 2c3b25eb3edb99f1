"""The credit ledger: every generated item costs credits; an empty balance stops generation.

The ledger is append-only (grants positive, debits negative); the balance is its sum. Debits
lock the business row so two generations at once cannot both spend the last credits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from postloom.brands.models import Business
from postloom.studio.models import CreditEntry, GenerationJob, Post

WELCOME = "welcome"


class NotEnoughCredits(Exception):
    def __init__(self, needed: int, balance: int) -> None:
        super().__init__(f"needed {needed}, balance {balance}")
        self.needed = needed
        self.balance = balance


def balance(business: Business) -> int:
    total = CreditEntry.objects.filter(business=business).aggregate(total=Sum("delta"))["total"]
    return int(total or 0)


def welcome_due(business: Business) -> int:
    """The welcome credits a business has yet to receive (0 once granted, or when none are set)."""
    amount = int(settings.WELCOME_CREDITS)
    if amount > 0 and not CreditEntry.objects.filter(business=business, reason=WELCOME).exists():
        return amount
    return 0


def available(business: Business) -> int:
    """The balance as the person will have it: the welcome grant counts before it is written."""
    return balance(business) + welcome_due(business)


def ensure_welcome_grant(business: Business) -> None:
    """A new business starts with the operator's welcome credits, once."""
    amount = welcome_due(business)
    if amount:
        grant(business, amount, WELCOME)


def grant(business: Business, amount: int, reason: str) -> CreditEntry:
    if amount <= 0:
        raise ValueError("a grant is positive")
    return CreditEntry.objects.create(business=business, delta=amount, reason=reason)


@transaction.atomic
def debit(
    business: Business,
    amount: int,
    *,
    job: GenerationJob | None = None,
    post: Post | None = None,
) -> CreditEntry:
    Business.objects.select_for_update().filter(pk=business.pk).first()
    available = balance(business)
    if available < amount:
        raise NotEnoughCredits(amount, available)
    return CreditEntry.objects.create(
        business=business, delta=-amount, reason="generation", job=job, post=post
    )
