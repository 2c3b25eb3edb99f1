from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from postloom.brands.selectors import businesses_for_user


def businesses(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's businesses and the current one, for the switcher in the header."""
    if not request.user.is_authenticated:
        return {}
    current_id = request.session.get("business_id")
    return {
        "my_businesses": businesses_for_user(request.user),
        "current_business_id": current_id,
    }
