"""Tests for products, personas and photos; `catalog_state` is shared by view and API tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage


def stored_files() -> list[str]:
    """Every file under the catalog's storage folder, relative to MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in (root / "catalog").rglob("*") if p.is_file())


def catalog_state() -> dict[str, list[Any]]:
    """Every catalog row and stored file, so a test can assert that a request changed nothing."""
    state: dict[str, list[Any]] = {
        model.__name__: list(model.objects.order_by("pk").values_list())
        for model in (Product, ProductImage, Persona, PersonaImage)
    }
    state["files"] = stored_files()
    return state
