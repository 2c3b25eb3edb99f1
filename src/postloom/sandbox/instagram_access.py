"""Who may reach which object in the simulator, as Graph decides it: an Instagram Login token
reaches its own account; a Facebook Login token reaches the IG accounts linked to the Pages its
person manages. Anything else is "(#100) Unsupported get request" with subcode 33."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postloom.sandbox.instagram_http import GraphError, Request
from postloom.sandbox.instagram_oauth import check_token
from postloom.sandbox.instagram_state import INSTAGRAM_LOGIN, IGUser, Token

if TYPE_CHECKING:
    from postloom.sandbox.instagram_api import InstagramSim


def not_found(object_id: str, method: str = "GET") -> GraphError:
    return GraphError(
        100,
        f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, "
        "cannot be loaded due to missing permissions, or does not support this operation.",
        subcode=33,
    )


def reachable(sim: InstagramSim, token: Token, ig_id: str) -> bool:
    if token.variant == INSTAGRAM_LOGIN:
        return token.subject == ig_id
    person = sim.fb_users.get(token.subject)
    return person is not None and any(
        sim.pages[p].ig_id == ig_id for p in person.pages if p in sim.pages
    )


def ig_user(sim: InstagramSim, request: Request, ig_id: str) -> tuple[Token, IGUser]:
    token = check_token(sim, request.token)
    with sim.lock:
        user = sim.users.get(ig_id)
        if user is None or not reachable(sim, token, ig_id):
            raise not_found(ig_id, request.method)
    return token, user
