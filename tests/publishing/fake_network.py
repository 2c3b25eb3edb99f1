"""A network client whose only job is to be the fake: it keeps containers in memory, records
every call and every published post, and has switches to fail each step in each way.

Switches (each applies to the next call of ``step``, in order):

    fail(step, error)        the call raises ``error`` before doing anything
    lose_answer(step)        the call takes effect, then raises TIMEOUT (the answer was lost)
    crash_after(step)        the call takes effect, then the worker "dies" (``Crash``, a
                             BaseException no worker code catches, like a SIGKILL)
    crash_before(step)       the worker dies before the call reaches the network
    crash_midway("start")    the start reports its remote id, then the worker dies before
                             the media are sent (the object can never go live)

    processing_polls = N     a new container answers IN_PROGRESS to N checks, then READY
    expire_next = N          the next N containers are EXPIRED at their first check
    safe_start = False       a start that went unanswered may have gone live by itself
    publishes_itself = True  start is enough; the object goes live at once

    reports_remote_id = True start hands its id to ``on_remote_id`` before sending media
    ready_on_start = True    the engine may finish without a status read

``FakeInstagram`` adds ``quota = (used, total)`` (what ``publishing_quota`` answers);
``FakeTikTok`` publishes itself, reports its remote id, and adds ``creator`` (what
``creator_info`` answers). ``check_started`` (step "started") answers EXPIRED for an object
whose media were never sent.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from postloom.integrations.networks.base import (
    Account,
    CreatorInfo,
    ErrorCode,
    NetworkClient,
    NetworkError,
    Profile,
    PublishRequest,
    RemoteState,
    RemoteStatus,
    TokenSet,
)


class Crash(BaseException):  # noqa: N818  (it stands for the process dying, not an error)
    """The worker process died here."""


@dataclass
class Container:
    remote_id: str
    account_id: str
    caption: str
    polls_left: int
    status: RemoteStatus = RemoteStatus.IN_PROGRESS
    media_id: str = ""
    sent: bool = False  # its media reached the network


@dataclass
class Published:
    account_id: str
    remote_id: str
    media_id: str
    caption: str


def timeout() -> NetworkError:
    return NetworkError(ErrorCode.TIMEOUT, "no answer", permanent=False)


@dataclass
class FakeNetwork(NetworkClient):
    platform: str = "instagram"
    processing_polls: int = 0
    expire_next: int = 0
    quota: tuple[int, int] | None = None
    safe_start: bool = True
    publishes_itself: bool = False
    reports_remote_id: bool = False
    ready_at_start: bool = False
    creator: CreatorInfo | None = None
    calls: list[tuple[str, str]] = field(default_factory=list)  # (step, remote id or "")
    requests: list[PublishRequest] = field(default_factory=list)
    containers: dict[str, Container] = field(default_factory=dict)
    published: list[Published] = field(default_factory=list)
    tokens_seen: set[str] = field(default_factory=set)
    _switches: dict[str, deque[object]] = field(default_factory=lambda: defaultdict(deque))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- switches ------------------------------------------------------------------------
    def fail(self, step: str, error: NetworkError) -> None:
        self._switches[step].append(error)

    def lose_answer(self, step: str) -> None:
        self._switches[step].append("lose")

    def crash_after(self, step: str) -> None:
        self._switches[step].append("crash_after")

    def crash_before(self, step: str) -> None:
        self._switches[step].append("crash_before")

    def crash_midway(self, step: str) -> None:
        self._switches[step].append("crash_midway")

    def _enter(self, step: str, remote_id: str = "") -> object:
        with self._lock:
            self.calls.append((step, remote_id))
            switch = self._switches[step].popleft() if self._switches[step] else None
        if isinstance(switch, NetworkError):
            raise switch
        if switch == "crash_before":
            raise Crash(step)
        return switch

    @staticmethod
    def _leave(switch: object) -> None:
        if switch == "lose":
            raise timeout()
        if switch == "crash_after":
            raise Crash("after")

    def steps(self) -> list[str]:
        return [step for step, _ in self.calls]

    # --- OAuth (unused by the engine) ----------------------------------------------------
    def authorize_url(self, *, state: str, redirect_uri: str, variant: str = "") -> str:
        raise NotImplementedError

    def exchange_code(self, *, code: str, redirect_uri: str, variant: str = "") -> TokenSet:
        raise NotImplementedError

    def refresh(self, account: Account, tokens: TokenSet) -> TokenSet:
        raise NotImplementedError

    def profile(self, account: Account) -> Profile:
        raise NotImplementedError

    # --- publishing ----------------------------------------------------------------------
    def start(
        self,
        account: Account,
        request: PublishRequest,
        *,
        on_remote_id: Callable[[str], None] | None = None,
    ) -> str:
        switch = self._enter("start")
        self.tokens_seen.add(account.access_token)
        with self._lock:
            remote_id = f"c{next(self._ids)}"
            container = Container(remote_id, account.account_id, request.caption, 0)
            container.polls_left = self.processing_polls
            if self.expire_next:
                self.expire_next -= 1
                container.status = RemoteStatus.EXPIRED
            self.containers[remote_id] = container
            self.requests.append(request)
        if on_remote_id is not None:
            on_remote_id(remote_id)
        if switch == "crash_midway":
            raise Crash("midway")
        with self._lock:
            container.sent = True
            if self.publishes_itself and container.status != RemoteStatus.EXPIRED:
                self._publish(container)
        self._leave(switch)
        return remote_id

    def check_started(
        self, account: Account, remote_id: str, request: PublishRequest
    ) -> RemoteState:
        switch = self._enter("started", remote_id)
        with self._lock:
            container = self.containers.get(remote_id)
            unsent = container is not None and not container.sent
        state = RemoteState(RemoteStatus.EXPIRED) if unsent else self._state(remote_id)
        self._leave(switch)
        return state

    def ready_on_start(self, request: PublishRequest) -> bool:
        return self.ready_at_start

    def check(self, account: Account, remote_id: str) -> RemoteState:
        switch = self._enter("check", remote_id)
        state = self._state(remote_id)
        self._leave(switch)
        return state

    def find_published(self, account: Account, remote_id: str, caption: str) -> RemoteState:
        switch = self._enter("find", remote_id)
        state = self._state(remote_id)
        self._leave(switch)
        return state

    def finish(self, account: Account, remote_id: str) -> RemoteState:
        switch = self._enter("finish", remote_id)
        with self._lock:
            container = self.containers.get(remote_id)
            if container is None or container.status == RemoteStatus.EXPIRED:
                raise NetworkError(ErrorCode.CONTAINER_EXPIRED, "expired", permanent=False)
            if container.status == RemoteStatus.IN_PROGRESS and container.polls_left <= 0:
                container.status = RemoteStatus.READY  # processed by now, read or not
            if container.status == RemoteStatus.IN_PROGRESS:
                raise NetworkError(ErrorCode.NOT_READY, "not ready", permanent=False)
            if container.status == RemoteStatus.PUBLISHED:
                # Like Instagram: a container is published once; a second publish is refused.
                raise NetworkError(ErrorCode.INVALID_REQUEST, "already published", permanent=True)
            self._publish(container)
        self._leave(switch)
        return self._state(remote_id)

    def start_timeout_is_safe(self, request: PublishRequest) -> bool:
        return self.safe_start

    # --- state ---------------------------------------------------------------------------
    def _publish(self, container: Container) -> None:
        container.status = RemoteStatus.PUBLISHED
        container.media_id = f"m{container.remote_id}"
        self.published.append(
            Published(container.account_id, container.remote_id, container.media_id,
                      container.caption)
        )  # fmt: skip

    def _state(self, remote_id: str) -> RemoteState:
        with self._lock:
            container = self.containers.get(remote_id)
            if container is None:
                return RemoteState(RemoteStatus.EXPIRED)
            if container.status == RemoteStatus.IN_PROGRESS:
                if container.polls_left > 0:
                    container.polls_left -= 1
                    return RemoteState(RemoteStatus.IN_PROGRESS)
                container.status = RemoteStatus.READY
            if container.status == RemoteStatus.PUBLISHED:
                link = f"https://network.example/p/{container.media_id}/"
                return RemoteState(RemoteStatus.PUBLISHED, container.media_id, link)
            return RemoteState(container.status)


@dataclass
class FakeInstagram(FakeNetwork):
    """Instagram-like: a content publishing limit; containers need ``finish``; pictures
    (all the engine tests send) are finished without a status read."""

    ready_at_start: bool = True

    def publishing_quota(self, account: Account) -> tuple[int, int] | None:
        self._leave(self._enter("quota"))
        return self.quota


@dataclass
class FakeTikTok(FakeNetwork):
    """TikTok-like: creator_info before each post; the upload itself goes live."""

    platform: str = "tiktok"
    publishes_itself: bool = True
    reports_remote_id: bool = True

    def creator_info(self, account: Account) -> CreatorInfo | None:
        self._leave(self._enter("creator"))
        return self.creator
