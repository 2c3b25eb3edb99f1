"""A fake NetworkClient for the connection flows: canned answers, recorded calls, switches to
fail. End-to-end tests against the simulators live in test_simulators.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from postloom.integrations.networks.base import (
    Account,
    CreatorInfo,
    ErrorCode,
    FacebookPage,
    NetworkClient,
    NetworkError,
    Profile,
    PublishRequest,
    RecentMedia,
    RemoteState,
    TokenSet,
)

IG_TOKEN = "IGQVJ-secret-long-lived-token-0001"  # noqa: S105
TT_ACCESS = "act.secret-tiktok-access-0001"  # noqa: S105
TT_REFRESH = "rft.secret-tiktok-refresh-0001"  # noqa: S105
FB_TOKEN = "EAAB-secret-facebook-user-token"  # noqa: S105


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class FakeClient(NetworkClient):
    platform: str = "instagram"
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail: dict[str, NetworkError] = field(default_factory=dict)
    username: str = "kopisenja"
    account_id: str = "17841400000000001"
    pages_answer: list[FacebookPage] = field(default_factory=list)
    media: list[RecentMedia] = field(default_factory=list)
    refreshed: int = 0

    def _call(self, name: str, **args: Any) -> None:
        self.calls.append((name, args))
        if name in self.fail:
            raise self.fail[name]

    def authorize_url(self, *, state: str, redirect_uri: str, variant: str = "") -> str:
        self._call("authorize_url", state=state, redirect_uri=redirect_uri, variant=variant)
        query = urlencode({"state": state, "redirect_uri": redirect_uri, "variant": variant})
        return f"https://consent.example/authorize?{query}"

    def exchange_code(self, *, code: str, redirect_uri: str, variant: str = "") -> TokenSet:
        self._call("exchange_code", code=code, redirect_uri=redirect_uri, variant=variant)
        issued = now()
        if self.platform == "tiktok":
            return TokenSet(
                access_token=TT_ACCESS,
                expires_at=issued + timedelta(hours=24),
                refresh_token=TT_REFRESH,
                refresh_expires_at=issued + timedelta(days=365),
                scopes=("user.info.basic", "video.publish"),
                account_id="tt-open-id-1",
                issued_at=issued,
            )
        token = FB_TOKEN if variant == "facebook_login" else IG_TOKEN
        return TokenSet(
            access_token=token,
            expires_at=issued + timedelta(days=60),
            scopes=("instagram_business_basic", "instagram_business_content_publish"),
            account_id="fb-user-9" if variant == "facebook_login" else "app-scoped-7",
            issued_at=issued,
        )

    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet:
        self._call("refresh", account=account, tokens=tokens)
        self.refreshed += 1
        issued = now()
        if self.platform == "tiktok":
            return TokenSet(
                access_token=f"act.rotated-{self.refreshed}",
                expires_at=issued + timedelta(hours=24),
                refresh_token=f"rft.rotated-{self.refreshed}",
                refresh_expires_at=issued + timedelta(days=365),
                account_id=account.account_id,
                issued_at=issued,
            )
        return TokenSet(
            access_token=f"IGQVJ-refreshed-{self.refreshed}",
            expires_at=issued + timedelta(days=60),
            account_id=account.account_id,
            issued_at=issued,
        )

    def profile(self, account: Account) -> Profile:
        self._call("profile", account=account)
        if self.platform == "tiktok":
            return Profile(account_id=account.account_id, username="", name="Kopi Senja TT",
                           picture_url="https://p16.tiktokcdn.example/avatar.jpg")  # fmt: skip
        return Profile(
            account_id=account.account_id
            if account.variant == "facebook_login"
            else self.account_id,
            username=self.username,
            name="Kopi Senja",
            picture_url="https://scontent.example/pic.jpg",
            biography="Palm sugar coffee from Bandung",
            website="https://kopisenja.example",
            followers=1520,
            media_count=87,
        )

    def recent_media(self, account: Account, limit: int = 12) -> list[RecentMedia]:
        self._call("recent_media", account=account, limit=limit)
        return self.media[:limit]

    def pages(self, tokens: TokenSet) -> list[FacebookPage]:
        self._call("pages", tokens=tokens)
        return list(self.pages_answer)

    def creator_info(self, account: Account) -> CreatorInfo | None:
        self._call("creator_info", account=account)
        return CreatorInfo(
            nickname="Kopi Senja Official",
            username="kopisenja.tt",
            avatar_url="https://p16.tiktokcdn.example/creator.jpg",
            privacy_level_options=("PUBLIC_TO_EVERYONE", "SELF_ONLY"),
            comment_disabled=False,
            duet_disabled=False,
            stitch_disabled=True,
            max_video_post_duration_sec=300,
        )

    def revoke(self, account: Account) -> None:
        self._call("revoke", account=account)

    def start(self, account: Account, request: PublishRequest) -> str:
        raise NotImplementedError

    def check(self, account: Account, remote_id: str) -> RemoteState:
        raise NotImplementedError

    def finish(self, account: Account, remote_id: str) -> RemoteState:
        raise NotImplementedError

    def called(self, name: str) -> list[dict[str, Any]]:
        return [args for call, args in self.calls if call == name]


def expired_token() -> NetworkError:
    return NetworkError(
        ErrorCode.TOKEN_EXPIRED, permanent=True, reconnect=True, vendor_code="190/463"
    )


def server_error() -> NetworkError:
    return NetworkError(ErrorCode.SERVER, permanent=False, vendor_code="500")
