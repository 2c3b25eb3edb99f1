"""The behaviours every ``NetworkClient`` shows against its simulator, whatever the network.

``NetworkClientContract`` holds the tests; a network's suite subclasses it and supplies one
``harness`` fixture (a ``ContractHarness``): the client, a connected account, a request the
network accepts and one it refuses by shape, and the simulator's switches in network-neutral
words. Instagram's harness is below; TikTok's suite imports the class:

    from tests.integrations.instagram.test_contract import ContractHarness, NetworkClientContract

    class TestTikTokContract(NetworkClientContract):
        @pytest.fixture
        def harness(self, ...) -> ContractHarness: ...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import pytest

from postloom.integrations.instagram.client import InstagramClient
from postloom.integrations.networks import get_client
from postloom.integrations.networks.base import (
    Account,
    ErrorCode,
    Kind,
    NetworkClient,
    NetworkError,
    PublishRequest,
    RemoteState,
    RemoteStatus,
)
from postloom.sandbox.instagram_api import InstagramSim
from tests.integrations.instagram.conftest import image, networks_for
from tests.integrations.instagram.media import MediaServer

MAX_POLLS = 20


class ContractHarness(Protocol):
    client: NetworkClient
    account: Account

    def valid_request(self) -> PublishRequest: ...

    def malformed_request(self) -> PublishRequest:
        """A request the client must refuse by itself, before calling the network."""

    def api_calls(self) -> int:
        """How many API calls the simulator has received so far."""

    def published(self) -> list[str]:
        """The ids of what the simulator holds as published, oldest first."""

    def revoke_token(self) -> None: ...

    def fail_next_call(self) -> None:
        """The next API call fails with a transient server error."""

    def slow_client(self) -> NetworkClient:
        """A client whose timeout is shorter than the simulator's (now slowed) answers."""


def publish(client: NetworkClient, account: Account, request: PublishRequest) -> RemoteState:
    """The domain's flow: start, poll until ready (or published), finish."""
    remote_id = client.start(account, request)
    for _ in range(MAX_POLLS):
        state = client.check(account, remote_id)
        if state.status in (RemoteStatus.READY, RemoteStatus.PUBLISHED):
            return client.finish(account, remote_id)
        assert state.status == RemoteStatus.IN_PROGRESS, state
    raise AssertionError("never became ready")


class NetworkClientContract:
    def test_the_client_is_the_one_get_client_returns(self, harness: ContractHarness) -> None:
        client = harness.client
        assert isinstance(get_client(client.platform), type(client))
        assert harness.account.platform == client.platform

    def test_start_check_finish_publishes_once(self, harness: ContractHarness) -> None:
        state = publish(harness.client, harness.account, harness.valid_request())

        assert state.status == RemoteStatus.PUBLISHED
        assert state.error is None
        assert harness.published() == [state.media_id]

    def test_start_returns_an_id_that_check_understands(self, harness: ContractHarness) -> None:
        remote_id = harness.client.start(harness.account, harness.valid_request())

        assert isinstance(remote_id, str) and remote_id
        state = harness.client.check(harness.account, remote_id)
        assert state.status in (
            RemoteStatus.IN_PROGRESS,
            RemoteStatus.READY,
            RemoteStatus.PUBLISHED,
        )
        assert isinstance(harness.client.start_timeout_is_safe(harness.valid_request()), bool)

    def test_after_finish_the_network_reports_it_published(self, harness: ContractHarness) -> None:
        request = harness.valid_request()
        remote_id = harness.client.start(harness.account, request)
        for _ in range(MAX_POLLS):
            if harness.client.check(harness.account, remote_id).status != RemoteStatus.IN_PROGRESS:
                break
        harness.client.finish(harness.account, remote_id)

        assert harness.client.check(harness.account, remote_id).status == RemoteStatus.PUBLISHED
        found = harness.client.find_published(harness.account, remote_id, request.caption)
        assert found.status == RemoteStatus.PUBLISHED
        assert harness.published() == [found.media_id]

    def test_a_malformed_request_is_refused_before_any_call(self, harness: ContractHarness) -> None:
        calls = harness.api_calls()
        with pytest.raises(NetworkError) as caught:
            harness.client.start(harness.account, harness.malformed_request())
        assert (caught.value.code, caught.value.permanent) == (ErrorCode.INVALID_REQUEST, True)
        assert harness.api_calls() == calls

    def test_a_revoked_token_needs_a_reconnect(self, harness: ContractHarness) -> None:
        harness.revoke_token()
        with pytest.raises(NetworkError) as caught:
            harness.client.start(harness.account, harness.valid_request())
        error = caught.value
        assert (error.code, error.permanent, error.reconnect) == (
            ErrorCode.TOKEN_EXPIRED,
            True,
            True,
        )
        assert harness.account.access_token not in str(error)
        assert harness.published() == []

    def test_a_server_fault_is_transient_and_typed(self, harness: ContractHarness) -> None:
        harness.fail_next_call()
        with pytest.raises(NetworkError) as caught:
            harness.client.start(harness.account, harness.valid_request())
        error = caught.value
        assert (error.code, error.permanent, error.reconnect) == (ErrorCode.SERVER, False, False)
        assert error.vendor_code
        assert harness.account.access_token not in error.message

    def test_a_timeout_is_transient_with_an_unknown_outcome(self, harness: ContractHarness) -> None:
        with pytest.raises(NetworkError) as caught:
            harness.slow_client().start(harness.account, harness.valid_request())
        assert (caught.value.code, caught.value.permanent) == (ErrorCode.TIMEOUT, False)

    def test_every_error_is_a_network_error_with_a_known_code(
        self, harness: ContractHarness
    ) -> None:
        harness.revoke_token()
        for call in (
            lambda: harness.client.profile(harness.account),
            lambda: harness.client.check(harness.account, "1"),
            lambda: harness.client.finish(harness.account, "1"),
        ):
            with pytest.raises(NetworkError) as caught:
                call()
            assert isinstance(caught.value.code, ErrorCode)
            assert isinstance(caught.value.permanent, bool)


# --- Instagram ----------------------------------------------------------------------------


@dataclass
class InstagramHarness:
    client: InstagramClient
    account: Account
    sim: InstagramSim
    media: MediaServer
    settings: Any
    base: str

    def valid_request(self) -> PublishRequest:
        return PublishRequest(
            Kind.FEED_IMAGE,
            (image(self.media.url("square.jpg")),),
            caption="Contract post #sandbox",
        )

    def malformed_request(self) -> PublishRequest:
        return PublishRequest(Kind.CAROUSEL, (image(self.media.url("square.jpg")),))

    def api_calls(self) -> int:
        return len(self.sim.requests)

    def published(self) -> list[str]:
        return [p.media_id for p in self.sim.published_for(self.account.account_id)]

    def revoke_token(self) -> None:
        self.sim.revoke_tokens(token=self.account.access_token)

    def fail_next_call(self) -> None:
        self.sim.force_error("*", 2, status=500, transient=True)

    def slow_client(self) -> NetworkClient:
        self.sim.latency = 0.5
        self.settings.NETWORKS = networks_for(self.base, self.sim, TIMEOUT_SECONDS=0.1)
        return InstagramClient()


class TestInstagramContract(NetworkClientContract):
    @pytest.fixture
    def harness(
        self,
        client: InstagramClient,
        account: Account,
        sim: InstagramSim,
        media: MediaServer,
        settings: Any,
        ig_base: str,
    ) -> Iterator[InstagramHarness]:
        # Each test runs for both login variants (the ``account`` fixture is parametrised).
        yield InstagramHarness(client, account, sim, media, settings, ig_base)
