"""Whether the networks can reach Postloom's media URLs: warned before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from postloom.integrations.networks.base import Kind
from postloom.publishing.public_url import (
    check_reachable_for,
    host_problem,
    public_url_note,
    public_url_problem,
)
from tests.publishing.test_preflight.support import MemoryStorage


@dataclass
class Connection:
    platform: str = "instagram"
    sandbox: bool = False


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("localhost", "loopback"),
        ("app.localhost", "loopback"),
        ("127.0.0.1", "loopback"),
        ("127.1", "loopback"),
        ("[::1]", "loopback"),
        ("0.0.0.0", "loopback"),  # noqa: S104  (an address to judge, not to bind)
        ("10.0.0.5", "private"),
        ("172.20.1.1", "private"),
        ("192.168.1.20", "private"),
        ("169.254.169.254", "private"),
        ("100.64.0.1", "private"),
        ("[fd00::1]", "private"),
        ("[fe80::1]", "private"),
        ("postloom.local", "local_name"),
        ("box.internal", "local_name"),
        ("nas.home.arpa", "local_name"),
        ("myserver", "local_name"),
        ("postloom.example.com", None),
        ("kopisenja.id", None),
        ("93.184.216.34", None),
        ("[2606:4700::1111]", None),
    ],
)
def test_host_classes(host: str, reason: str | None) -> None:
    assert host_problem(host) == reason


def test_localhost_base_url_is_warned_about(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://localhost:8000"
    assert public_url_problem() == (
        "Postloom's address http://localhost:8000 points at this computer, so Instagram and "
        "TikTok cannot fetch the post's pictures or video from it. Publishing will fail until "
        "POSTLOOM_BASE_URL is set to an address that can be reached from the internet."
    )


def test_private_base_url_is_warned_about(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "https://192.168.1.20"
    problem = public_url_problem()
    assert problem is not None and "private network" in problem


def test_public_https_base_url_is_fine(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "https://studio.kopisenja.id"
    assert public_url_problem() is None
    assert public_url_note() is None
    assert check_reachable_for(Connection("tiktok"), Kind.TIKTOK_PHOTO) is None


def test_plain_http_is_noted_not_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://studio.kopisenja.id"
    assert public_url_problem() is None
    assert public_url_note() is not None
    assert check_reachable_for(Connection("instagram")) is None
    tiktok_photos = check_reachable_for(Connection("tiktok"), Kind.TIKTOK_PHOTO)
    assert tiktok_photos is not None and "https" in tiktok_photos


def test_sandbox_connections_are_never_warned(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://127.0.0.1:8000"
    assert check_reachable_for(Connection("instagram", sandbox=True)) is None
    assert check_reachable_for(Connection("tiktok", sandbox=True), Kind.TIKTOK_PHOTO) is None
    assert check_reachable_for(Connection("instagram")) == public_url_problem()


def test_tiktok_videos_are_uploaded_so_any_address_will_do(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://localhost:8000"
    assert check_reachable_for(Connection("tiktok"), Kind.TIKTOK_VIDEO) is None
    assert check_reachable_for(Connection("tiktok"), Kind.TIKTOK_PHOTO) is not None


def test_s3_on_localhost_is_warned_about(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://localhost:8000"  # not what the networks fetch from with S3
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "media", "endpoint_url": "http://127.0.0.1:9000"},
        },
    }
    problem = public_url_problem()
    assert problem is not None and "http://127.0.0.1:9000" in problem


def test_s3_on_aws_is_fine(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://localhost:8000"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {"bucket_name": "media"}},
    }  # fmt: skip
    assert public_url_problem() is None


def test_storage_without_an_address_is_not_second_guessed(
    settings, memory_storage: type[MemoryStorage]
) -> None:  # type: ignore[no-untyped-def]
    settings.BASE_URL = "http://localhost:8000"
    assert public_url_problem() is None
