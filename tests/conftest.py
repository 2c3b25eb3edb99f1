from __future__ import annotations

from collections.abc import Callable
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
