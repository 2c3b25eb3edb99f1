"""Tokens at rest: MultiFernet over ``settings.ENCRYPTION_KEYS`` (the first key encrypts, every
key decrypts, so keys can be rotated). Nothing here logs or echoes a token."""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode() if plain else ""


def decrypt(token: str) -> str:
    """The plain text, or "" when the value cannot be read with any configured key."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def rotate(token: str) -> str:
    """Re-encrypt with the newest key (after a key was added in front)."""
    return fernet().rotate(token.encode()).decode() if token else ""
