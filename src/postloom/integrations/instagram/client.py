"""The Instagram ``NetworkClient``: both login variants, profile and media reads, publishing.

``Account.variant`` (or the ``variant`` argument of the OAuth steps) chooses the hosts:
"instagram_login" (the default) talks to graph.instagram.com, "facebook_login" to
graph.facebook.com; both speak the same Graph publishing API (platform-apis §1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from postloom.integrations.instagram.config import Config
from postloom.integrations.instagram.oauth import OAuth
from postloom.integrations.instagram.profile import read_profile
from postloom.integrations.instagram.publishing import Publisher, ready_on_start
from postloom.integrations.instagram.transport import Transport
from postloom.integrations.networks.base import (
    Account,
    FacebookPage,
    NetworkClient,
    Profile,
    PublishRequest,
    RecentMedia,
    RemoteState,
    TokenSet,
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class InstagramClient(NetworkClient):
    platform = "instagram"

    def __init__(
        self,
        *,
        config: Config | None = None,
        transport: Transport | None = None,
        now: Callable[[], datetime] = _utc_now,
        sleep: Callable[[float], None] | None = None,
        child_poll_interval: float = 3.0,
        child_poll_deadline: float = 60.0,
    ) -> None:
        self.config = config or Config.from_settings()
        self.transport = transport or Transport(self.config.timeout)
        self._oauth = OAuth(self.config, self.transport, now)
        self._publisher = Publisher(
            self.config,
            self.transport,
            sleep=sleep or time.sleep,
            child_poll_interval=child_poll_interval,
            child_poll_deadline=child_poll_deadline,
        )

    # --- OAuth ---------------------------------------------------------------------------

    def authorize_url(self, *, state: str, redirect_uri: str, variant: str = "") -> str:
        return self._oauth.authorize_url(state=state, redirect_uri=redirect_uri, variant=variant)

    def exchange_code(self, *, code: str, redirect_uri: str, variant: str = "") -> TokenSet:
        return self._oauth.exchange_code(code=code, redirect_uri=redirect_uri, variant=variant)

    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet:
        return self._oauth.refresh(account, tokens)

    def pages(self, tokens: TokenSet) -> list[FacebookPage]:
        return self._oauth.pages(tokens)

    # --- Reads ---------------------------------------------------------------------------

    def profile(self, account: Account) -> Profile:
        return read_profile(self.config, self.transport, account)

    def recent_media(self, account: Account, limit: int = 12) -> list[RecentMedia]:
        return self._publisher.recent_media(account, limit)

    def publishing_quota(self, account: Account) -> tuple[int, int] | None:
        return self._publisher.quota(account)

    # --- Publishing ----------------------------------------------------------------------

    def start(
        self,
        account: Account,
        request: PublishRequest,
        *,
        on_remote_id: Callable[[str], None] | None = None,
    ) -> str:
        # A container goes live only through media_publish: its id is simply returned
        # (reports_remote_id stays False), and a start that stopped half-way is made again.
        return self._publisher.start(account, request)

    def ready_on_start(self, request: PublishRequest) -> bool:
        return ready_on_start(request)

    def check(self, account: Account, remote_id: str) -> RemoteState:
        return self._publisher.check(account, remote_id)

    def finish(self, account: Account, remote_id: str) -> RemoteState:
        return self._publisher.finish(account, remote_id)

    def find_published(self, account: Account, remote_id: str, caption: str) -> RemoteState:
        return self._publisher.find_published(account, remote_id, caption)

    def permalink(self, account: Account, media_id: str) -> str:
        return self._publisher.permalink(account, media_id)
