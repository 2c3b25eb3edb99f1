"""Reading an Instagram professional account's profile (brand analysis, the connection card).

Instagram Login reads ``/me``; Facebook Login reads ``/{ig_id}``. ``biography`` and
``website`` are documented for Facebook Login only (platform-apis §1.5): where Graph refuses
those fields (#100), the profile is read again without them.
"""

from __future__ import annotations

from postloom.integrations.instagram.config import FACEBOOK_LOGIN, Config, check_variant
from postloom.integrations.instagram.transport import Json, Transport, text
from postloom.integrations.networks.base import Account, ErrorCode, NetworkError, Profile

BASIC_FIELDS = "user_id,username,name,profile_picture_url,followers_count,media_count"
EXTRA_FIELDS = "biography,website"


def read_profile(config: Config, transport: Transport, account: Account) -> Profile:
    facebook = check_variant(account.variant) == FACEBOOK_LOGIN
    base = config.graph(account.variant)
    url = f"{base}/{account.account_id}" if facebook else f"{base}/me"
    basic = BASIC_FIELDS.replace("user_id,", "id,") if facebook else BASIC_FIELDS
    try:
        body = _get(transport, url, account, f"{basic},{EXTRA_FIELDS}")
    except NetworkError as exc:
        if exc.code != ErrorCode.INVALID_REQUEST:
            raise
        body = _get(transport, url, account, basic)
    return _profile(body, account)


def _get(transport: Transport, url: str, account: Account, fields: str) -> Json:
    return transport.get(url, "profile", token=account.access_token, params={"fields": fields}).body


def _profile(body: Json, account: Account) -> Profile:
    def number(name: str) -> int | None:
        value = body.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return Profile(
        account_id=text(body, "user_id")
        or (text(body, "id") if account.variant == FACEBOOK_LOGIN else "")
        or account.account_id,
        username=text(body, "username"),
        name=text(body, "name"),
        picture_url=text(body, "profile_picture_url"),
        biography=text(body, "biography"),
        website=text(body, "website"),
        followers=number("followers_count"),
        media_count=number("media_count"),
    )
