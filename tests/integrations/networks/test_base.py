"""The network capability's shared pieces: the facade and the typed values it passes around."""

from __future__ import annotations

import pytest

from postloom.integrations.networks import get_client
from postloom.integrations.networks.base import Account, TokenSet


def test_each_network_has_its_client() -> None:
    assert get_client("instagram").platform == "instagram"
    assert get_client("tiktok").platform == "tiktok"
    with pytest.raises(ValueError, match="unknown network"):
        get_client("myspace")


def test_tokens_never_show_in_reprs() -> None:
    tokens = TokenSet("IGAAsecret-access", refresh_token="rft.secret-refresh", account_id="17")
    account = Account(platform="tiktok", account_id="open-1", access_token="act.secret")
    shown = repr(tokens) + str(tokens) + repr(account) + str(account)
    assert "secret" not in shown
    assert "account_id='17'" in repr(tokens) and "open-1" in repr(account)
