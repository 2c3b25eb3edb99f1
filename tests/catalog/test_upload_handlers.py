"""A 40 MB upload is refused without Django keeping 40 MB of it in memory or on disk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client

from postloom.accounts.models import User
from postloom.catalog.models import Product, ProductImage
from postloom.catalog.upload_handlers import CappedUploadHandler
from postloom.catalog.uploads import MAX_UPLOAD_BYTES
from tests.catalog.images import jpeg, upload
from tests.catalog.test_views import PRODUCT, messages_of

ClientFor = Callable[[User | None], Client]
MB = 1024 * 1024


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes each later handler was given, per file."""
    seen: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self: Any, raw_data: bytes, start: int) -> Any:
        if not seen or start == 0:
            seen.append(0)
        seen[-1] += len(raw_data)
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    return seen


def test_a_40_mb_photo_is_refused_and_never_stored_whole(
    product: Product, editor: User, client_for: ClientFor, stored: list[int]
) -> None:
    before = ProductImage.objects.filter(product=product).count()
    huge = upload(jpeg() + b"\x00" * (40 * MB), "huge.jpg")

    response = client_for(editor).post(
        f"/b/{product.business_id}/products/{product.pk}/",
        {**PRODUCT, "photos": [huge]},
        follow=True,
    )

    assert "huge.jpg: This photo is too large. Photos can be up to 15 MB." in messages_of(response)
    assert ProductImage.objects.filter(product=product).count() == before
    assert stored and max(stored) <= MAX_UPLOAD_BYTES + CappedUploadHandler.chunk_size


def test_a_photo_within_the_cap_passes_through_whole(
    product: Product, editor: User, client_for: ClientFor
) -> None:
    before = ProductImage.objects.filter(product=product).count()
    client_for(editor).post(
        f"/b/{product.business_id}/products/{product.pk}/",
        {**PRODUCT, "photos": [upload(jpeg(), "small.jpg")]},
    )
    assert ProductImage.objects.filter(product=product).count() == before + 1
