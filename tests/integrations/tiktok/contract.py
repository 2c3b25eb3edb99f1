"""What every network client promises the publishing engine, as a mixin (in the manner of
allauth's OAuth2TestsMixin): a network's tests subclass ``NetworkClientContract`` and supply
a ``case`` fixture returning a ``ContractCase`` wired to its simulator.

The promises: start → check … → finish publishes exactly once and says so; finish may be
asked again without posting again; failures are typed ``NetworkError``s (token trouble asks
for reconnecting, server trouble is transient, a bad id is permanent) whose texts never hold
the account's token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from postloom.integrations import networks
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    NetworkClient,
    NetworkError,
    PublishRequest,
    RemoteState,
    RemoteStatus,
)


@dataclass
class ContractCase:
    client: NetworkClient
    account: Account
    request: PublishRequest
    published: Callable[[], int]  # how many posts the simulator shows
    break_tokens: Callable[[], object]  # the account's token stops working
    fail_next_start: Callable[[], object]  # the network's next write answers a 5xx
    unknown_remote_id: str
    max_checks: int = 10


def publish(case: ContractCase) -> tuple[str, RemoteState]:
    remote_id = case.client.start(case.account, case.request)
    for _ in range(case.max_checks):
        state = case.client.check(case.account, remote_id)
        if state.status is not RemoteStatus.IN_PROGRESS:
            break
    return remote_id, case.client.finish(case.account, remote_id)


class NetworkClientContract:
    def test_get_client_builds_this_client(self, case: ContractCase) -> None:
        client = networks.get_client(case.client.platform)
        assert type(client) is type(case.client)

    def test_start_check_finish_publishes_exactly_once(self, case: ContractCase) -> None:
        before = case.published()

        remote_id, state = publish(case)

        assert isinstance(remote_id, str) and remote_id
        assert state.status is RemoteStatus.PUBLISHED and state.error is None
        assert case.published() == before + 1

    def test_finish_again_does_not_post_again(self, case: ContractCase) -> None:
        remote_id, first = publish(case)
        count = case.published()

        again = case.client.finish(case.account, remote_id)

        assert (again.status, again.media_id) == (first.status, first.media_id)
        assert case.published() == count

    def test_a_dead_token_asks_for_reconnecting(self, case: ContractCase) -> None:
        case.break_tokens()

        with pytest.raises(NetworkError) as caught:
            case.client.start(case.account, case.request)

        assert caught.value.code in (ErrorCode.TOKEN_EXPIRED, ErrorCode.PERMISSION)
        assert caught.value.reconnect and caught.value.permanent
        assert case.account.access_token not in str(caught.value) + repr(caught.value)

    def test_a_server_error_is_transient(self, case: ContractCase) -> None:
        case.fail_next_start()

        with pytest.raises(NetworkError) as caught:
            case.client.start(case.account, case.request)

        assert caught.value.code is ErrorCode.SERVER and not caught.value.permanent
        assert isinstance(caught.value.code, ErrorCode)

    def test_an_unknown_remote_id_is_a_permanent_error(self, case: ContractCase) -> None:
        with pytest.raises(NetworkError) as caught:
            case.client.check(case.account, case.unknown_remote_id)

        assert caught.value.permanent

    def test_start_timeout_safety_is_a_yes_or_no(self, case: ContractCase) -> None:
        assert case.client.start_timeout_is_safe(case.request) in (True, False)
