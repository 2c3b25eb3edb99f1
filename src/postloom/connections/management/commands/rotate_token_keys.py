"""Re-encrypt every stored token with the newest key.

Rotation: put a new key first in POSTLOOM_ENCRYPTION_KEYS (old keys after it), restart, run
``postloom manage rotate_token_keys``, then the old keys can be dropped.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand
from django.db import transaction

from postloom.connections import secrets
from postloom.connections.models import Connection


class Command(BaseCommand):
    help = "Re-encrypt stored tokens with the first (newest) encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        done, unreadable = 0, []
        rows = Connection.objects.exclude(access_token_encrypted="").values_list("pk", flat=True)
        for pk in rows:
            with transaction.atomic():
                row = Connection.objects.select_for_update().get(pk=pk)
                try:
                    row.access_token_encrypted = secrets.rotate(row.access_token_encrypted)
                    row.refresh_token_encrypted = secrets.rotate(row.refresh_token_encrypted)
                except InvalidToken:
                    unreadable.append(pk)  # no configured key opens it: the key was dropped
                    continue
                row.save(update_fields=["access_token_encrypted", "refresh_token_encrypted"])
            done += 1
        self.stdout.write(f"{done} connection(s) re-encrypted with the newest key.")
        if unreadable:
            ids = ", ".join(map(str, unreadable))
            self.stderr.write(f"No configured key opens the tokens of connection(s) {ids}.")
