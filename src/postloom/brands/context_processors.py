from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from postloom.brands.selectors import businesses_for_user


def businesses(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's businesses and the current one, for the switcher in the header."""
    if not request.user.is_authenticated:
        return {}
    mine = list(businesses_for_user(request.user))
    remembered = request.session.get("business_id")
    # Someone removed from a business keeps its id in their session; never show it.
    current = remembered if any(b.pk == remembered for b in mine) else None
    return {"my_businesses": mine, "current_business_id": current}
