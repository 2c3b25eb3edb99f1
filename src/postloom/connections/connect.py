"""The network side of connecting an account: code → tokens → profile → saved connection.

Everything goes through ``get_client(platform)``; clients raise ``NetworkError``, which the
views turn into a translated message. Nothing is saved until every call has succeeded.
"""

from __future__ import annotations

import dataclasses
import logging

from postloom.accounts.models import User
from postloom.brands.models import Business
from postloom.connections import actions
from postloom.connections.models import Connection, Platform
from postloom.connections.oauth import Flow, redirect_uri
from postloom.integrations import networks
from postloom.integrations.networks.base import (
    Account,
    FacebookPage,
    NetworkError,
    Profile,
    TokenSet,
)

log = logging.getLogger(__name__)


def authorize_url(flow: Flow, state: str) -> str:
    client = networks.get_client(flow.platform)
    return client.authorize_url(state=state, redirect_uri=redirect_uri(flow), variant=flow.variant)


def exchange(flow: Flow, code: str) -> TokenSet:
    client = networks.get_client(flow.platform)
    return client.exchange_code(code=code, redirect_uri=redirect_uri(flow), variant=flow.variant)


def complete(flow: Flow, business: Business, by: User, code: str) -> Connection:
    """Instagram Login and TikTok: one account per sign-in."""
    tokens = exchange(flow, code)
    client = networks.get_client(flow.platform)
    account = Account(flow.platform, tokens.account_id, tokens.access_token, flow.variant)
    profile = client.profile(account)
    if flow.platform == Platform.TIKTOK:
        profile = _with_creator_nickname(account, profile)
    connection = actions.save_connection(
        business, by=by, variant=flow.variant, tokens=tokens, profile=profile
    )
    if flow.platform == Platform.INSTAGRAM:
        actions.import_recent_media(connection)
    return connection


def _with_creator_nickname(account: Account, profile: Profile) -> Profile:
    """TikTok's posting screen shows the creator's nickname: prefer creator_info's."""
    try:
        info = networks.get_client(account.platform).creator_info(account)
    except NetworkError as exc:
        log.info("creator_info at connect failed: %s", exc.code)  # the profile name will do
        return profile
    if info is None or not info.nickname:
        return profile
    return dataclasses.replace(
        profile,
        username=info.username or profile.username,
        name=info.nickname,
        picture_url=profile.picture_url or info.avatar_url,
    )


def facebook_pages(flow: Flow, code: str) -> tuple[TokenSet, list[FacebookPage]]:
    """Facebook Login, first half: the long-lived user token and the Pages it manages."""
    tokens = exchange(flow, code)
    pages = networks.get_client(flow.platform).pages(tokens)
    return tokens, pages


def complete_facebook(
    flow: Flow, business: Business, by: User, tokens: TokenSet, page: FacebookPage
) -> Connection:
    """Facebook Login, second half: the chosen Page's Instagram account becomes the connection."""
    client = networks.get_client(flow.platform)
    account = Account(
        flow.platform, page.instagram_account_id, tokens.access_token, flow.variant, page.page_id
    )
    profile = client.profile(account)
    if not profile.account_id:
        profile = dataclasses.replace(profile, account_id=page.instagram_account_id)
    connection = actions.save_connection(
        business, by=by, variant=flow.variant, tokens=tokens, profile=profile, page_id=page.page_id
    )
    actions.import_recent_media(connection)
    return connection
