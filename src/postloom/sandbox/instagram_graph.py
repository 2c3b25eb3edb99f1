"""The simulator's Graph API: who am I, Pages, profiles, recent media, permalinks, and the
publishing endpoints (containers, media_publish, content_publishing_limit) in
``instagram_publish.py``.

Objects are reached the way Graph allows: an Instagram Login token reaches its own account; a
Facebook Login token reaches the IG accounts linked to the Pages its person manages. Anything
else is Graph's "(#100) Unsupported get request" with subcode 33.
"""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from postloom.sandbox import instagram_publish as publish
from postloom.sandbox.instagram_access import ig_user, not_found, reachable
from postloom.sandbox.instagram_http import (
    GraphError,
    Reply,
    Request,
    html_reply,
    json_reply,
    pick_fields,
    split_version,
)
from postloom.sandbox.instagram_oauth import check_token
from postloom.sandbox.instagram_state import FACEBOOK_LOGIN, INSTAGRAM_LOGIN, IGUser, Token, iso

if TYPE_CHECKING:
    from collections.abc import Callable

    from postloom.sandbox.instagram_api import InstagramSim

    Handler = Callable[[InstagramSim, Request], Reply]

Json = dict[str, Any]


def route(sim: InstagramSim, request: Request) -> tuple[str, str, Handler] | None:
    version, rest = split_version(request.path)
    parts = [p for p in rest.split("/") if p]
    if not version and len(parts) == 2 and parts[0] == "p":
        return "post_page", "", post_page
    method = request.method
    table: dict[tuple[str, ...], tuple[str, Handler]] = {
        ("GET", "me"): ("me", me),
        ("GET", "me", "accounts"): ("accounts", accounts),
        ("GET", "me", "permissions"): ("permissions", permissions),
        ("GET", "me", "media"): ("media_list", my_media),
    }
    found = table.get((method, *parts))
    if found:
        return found[0], version, found[1]
    if len(parts) == 1 and method == "GET":
        return _object_endpoint(sim, parts[0]), version, get_object
    if len(parts) == 2:
        edges: dict[tuple[str, str], tuple[str, Handler]] = {
            ("POST", "media"): ("media", publish.create_container),
            ("GET", "media"): ("media_list", user_media),
            ("GET", "stories"): ("stories", user_stories),
            ("POST", "media_publish"): ("media_publish", publish.media_publish),
            ("GET", "content_publishing_limit"): ("publishing_limit", publish.publishing_limit),
            ("GET", "children"): ("children", children),
        }
        edge = edges.get((method, parts[1]))
        if edge:
            return edge[0], version, edge[1]
    return None


def _object_endpoint(sim: InstagramSim, object_id: str) -> str:
    for name, store in (
        ("container", sim.containers),
        ("media_object", sim.media),
        ("page", sim.pages),
        ("user", sim.users),
    ):
        if object_id in store:
            return name
    return "object"


# --- Access ---------------------------------------------------------------------------


def _need_scope(token: Token, ig_scope: str, fb_scope: str, code: int = 10) -> None:
    scope = ig_scope if token.variant == INSTAGRAM_LOGIN else fb_scope
    if scope not in token.scopes:
        raise GraphError(code, f"Application does not have permission for this action ({scope})")


def _fb_person(sim: InstagramSim, request: Request, edge: str) -> Any:
    token = check_token(sim, request.token)
    if token.variant != FACEBOOK_LOGIN:
        raise GraphError(100, f"Tried accessing nonexisting field ({edge})")
    return token, sim.fb_users.get(token.subject)


# --- Endpoints ----------------------------------------------------------------------------


def me(sim: InstagramSim, request: Request) -> Reply:
    token = check_token(sim, request.token)
    fields = request.param("fields")
    with sim.lock:
        if token.variant == INSTAGRAM_LOGIN:
            user = sim.users[token.subject]
            body = {**user.as_graph(request.origin), "id": user.app_scoped_id}
            return json_reply(pick_fields(body, fields, ("user_id", "username")))
        person = sim.fb_users.get(token.subject)
        body = {"id": token.subject, "name": person.name if person else ""}
    return json_reply(pick_fields(body, fields, ("name",)))


def accounts(sim: InstagramSim, request: Request) -> Reply:
    token, person = _fb_person(sim, request, "accounts")
    _need_scope(token, "", "pages_show_list", code=200)
    rows = []
    with sim.lock:
        for page_id in person.pages if person else []:
            page = sim.pages[page_id]
            row: Json = {
                "id": page.page_id,
                "name": page.name,
                "category": page.category,
                "access_token": page.access_token,
                "tasks": ["MANAGE", "CREATE_CONTENT"],
            }
            if page.ig_id:
                row["instagram_business_account"] = {"id": page.ig_id}
            rows.append(row)
    fields = request.param("fields")
    picked = [pick_fields(r, fields, ("name", "access_token", "category", "tasks")) for r in rows]
    return json_reply(paginate(request, picked))


def permissions(sim: InstagramSim, request: Request) -> Reply:
    token, _person = _fb_person(sim, request, "permissions")
    granted = [{"permission": scope, "status": "granted"} for scope in token.scopes]
    return json_reply({"data": granted})


def get_object(sim: InstagramSim, request: Request) -> Reply:
    object_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    token = check_token(sim, request.token)
    fields = request.param("fields")
    with sim.lock:
        if object_id in sim.containers:
            return publish.container_status(sim, request, token, object_id)
        if object_id in sim.users and reachable(sim, token, object_id):
            body = sim.users[object_id].as_graph(request.origin)
            return json_reply(pick_fields(body, fields, ("username",)))
        media = sim.media.get(object_id)
        if media is not None and reachable(sim, token, media.ig_id):
            return json_reply(pick_fields(media.as_graph(request.origin), fields, ()))
        page = sim.pages.get(object_id)
        person = sim.fb_users.get(token.subject)
        if page is not None and person is not None and object_id in person.pages:
            body = {"id": page.page_id, "name": page.name, "category": page.category}
            if page.ig_id:
                body["instagram_business_account"] = {"id": page.ig_id}
            return json_reply(pick_fields(body, fields, ("name",)))
    raise not_found(object_id)


def my_media(sim: InstagramSim, request: Request) -> Reply:
    token = check_token(sim, request.token)
    if token.variant != INSTAGRAM_LOGIN:
        raise GraphError(100, "Tried accessing nonexisting field (media)")
    return _media_page(sim, request, sim.users[token.subject])


def user_media(sim: InstagramSim, request: Request) -> Reply:
    ig_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    token, user = ig_user(sim, request, ig_id)
    _need_scope(token, "instagram_business_basic", "instagram_basic")
    return _media_page(sim, request, user)


def user_stories(sim: InstagramSim, request: Request) -> Reply:
    """GET /{ig_id}/stories: the stories of the last 24 hours, newest first."""
    ig_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    token, user = ig_user(sim, request, ig_id)
    _need_scope(token, "instagram_business_basic", "instagram_basic")
    return _media_page(sim, request, user, stories=True)


def _media_page(
    sim: InstagramSim, request: Request, user: IGUser, *, stories: bool = False
) -> Reply:
    """Newest first; stories and album children are not listed (they have their own edges)."""
    since, until = request.param("since"), request.param("until")
    with sim.lock:
        live_after = sim.now() - 86_400
        items = [
            sim.media[m]
            for m in reversed(user.media)
            if (sim.media[m].product_type == "STORY") == stories and not sim.media[m].is_child
        ]
        if stories:
            items = [m for m in items if m.timestamp > live_after]
        if since.isdigit():
            items = [m for m in items if m.timestamp >= int(since)]
        if until.isdigit():
            items = [m for m in items if m.timestamp <= int(until)]
        rows = [m.as_graph(request.origin) for m in items]
    fields = request.param("fields")
    return json_reply(paginate(request, [pick_fields(r, fields, ()) for r in rows]))


def children(sim: InstagramSim, request: Request) -> Reply:
    media_id = [p for p in split_version(request.path)[1].split("/") if p][0]
    token = check_token(sim, request.token)
    with sim.lock:
        media = sim.media.get(media_id)
        if media is None or not reachable(sim, token, media.ig_id):
            raise not_found(media_id)
        rows = [sim.media[c].as_graph(request.origin) for c in media.children]
    return json_reply({"data": [pick_fields(r, request.param("fields"), ()) for r in rows]})


def post_page(sim: InstagramSim, request: Request) -> Reply:
    """What a permalink opens: the published post, clearly marked as sandbox content."""
    shortcode = [p for p in request.path.split("/") if p][1]
    with sim.lock:
        found = next((m for m in sim.media.values() if m.shortcode == shortcode), None)
        user = sim.users.get(found.ig_id) if found else None
    if found is None or user is None:
        return html_reply("<!doctype html><title>Sandbox</title><p>Sandbox: no such post.</p>", 404)
    url = (
        found.media_url if found.media_url.startswith("http") else request.origin + found.media_url
    )
    tag = (
        f'<video src="{escape(url)}" controls width="360"></video>'
        if found.media_type == "VIDEO"
        else f'<img src="{escape(url)}" alt="" width="360">'
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox post</title>'
        "</head><body><p><strong>Sandbox</strong> — published to the local simulator, not to "
        f"Instagram.</p><p>@{escape(user.username)} · {escape(iso(found.timestamp))} · "
        f"{escape(found.product_type)}</p>{tag}<p>{escape(found.caption)}</p></body></html>"
    )
    return html_reply(html)


def paginate(request: Request, rows: list[Json]) -> Json:
    """Graph's cursor paging: ``limit`` (1–100, default 25) and ``after``."""
    limit_text = request.param("limit", "25")
    limit = max(1, min(100, int(limit_text) if limit_text.isdigit() else 25))
    start = _decode_cursor(request.param("after"))
    chunk = rows[start : start + limit]
    body: Json = {"data": chunk}
    if chunk:
        cursors = {"before": _cursor(start), "after": _cursor(start + len(chunk))}
        body["paging"] = {"cursors": cursors}
        if start + limit < len(rows):
            query = urlencode({**request.query, "after": cursors["after"], "limit": limit})
            body["paging"]["next"] = f"{request.origin}{request.path}?{query}"
    return body


def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(f"i{index}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return max(0, int(text[1:]))
    except ValueError:
        return 0
