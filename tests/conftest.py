from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from postloom.accounts.models import User
from postloom.brands import actions
from postloom.brands.models import Business, Membership, Role

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, **extra: Any) -> User:
        email = email or f"user{next(counter)}@example.com"
        return User.objects.create_user(email, PASSWORD, **extra)

    return make


@pytest.fixture
def owner(make_user: Callable[..., User]) -> User:
    return make_user("owner@example.com", name="Olivia Owner")


@pytest.fixture
def business(owner: User) -> Business:
    return actions.create_business(owner, name="Kopi Senja", website="https://kopisenja.example")


def _member(business: Business, user: User, role: Role) -> User:
    Membership.objects.create(business=business, user=user, role=role)
    return user


@pytest.fixture
def editor(make_user: Callable[..., User], business: Business) -> User:
    return _member(business, make_user("editor@example.com", name="Eddie Editor"), Role.EDITOR)


@pytest.fixture
def viewer(make_user: Callable[..., User], business: Business) -> User:
    return _member(business, make_user("viewer@example.com", name="Vera Viewer"), Role.VIEWER)


@pytest.fixture
def outsider(make_user: Callable[..., User]) -> User:
    return make_user("outsider@example.com", name="Oscar Outsider")


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


SITES = Path(__file__).parent / "sites"  # invented small-business sites for onboarding


class _Handler(http.server.SimpleHTTPRequestHandler):
    robots = ""

    def do_GET(self) -> None:
        if self.path == "/robots.txt" and self.robots:
            body = self.robots.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


def _serve(folder: Path, robots: str = "") -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"robots": robots})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def kopi_site(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The invented Kopi Senja site on 127.0.0.1; the fetcher may reach loopback in tests."""
    settings.FETCH_ALLOW_LOOPBACK = True
    yield from _serve(SITES / "kopi-senja")


@pytest.fixture
def robots_closed_site(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    settings.FETCH_ALLOW_LOOPBACK = True
    yield from _serve(SITES / "kopi-senja", robots="User-agent: *\nDisallow: /\n")
