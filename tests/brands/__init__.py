"""Tests for businesses, members and invitations; `brands_state` is shared with the API tests."""

from __future__ import annotations

from typing import Any

from postloom.brands.models import Business, Invitation, Membership


def brands_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the brands tables, so a test can assert that a request changed nothing."""
    return {
        model.__name__: list(model.objects.order_by("pk").values_list())
        for model in (Business, Membership, Invitation)
    }
