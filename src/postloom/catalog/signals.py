"""A photo row takes its files with it when it goes, however it goes (cascades included)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from postloom.catalog import uploads
from postloom.catalog.models import PersonaImage, ProductImage, StoredImage


@receiver(post_delete, sender=ProductImage)
@receiver(post_delete, sender=PersonaImage)
def delete_files(sender: type[StoredImage], instance: StoredImage, **kwargs: Any) -> None:
    # After the commit: a rolled-back delete must still find its files.
    names = instance.file_names
    transaction.on_commit(lambda: uploads.discard(names))
