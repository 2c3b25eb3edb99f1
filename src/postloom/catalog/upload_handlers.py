"""Stop storing an uploaded file as soon as it passes the upload cap.

Django hands every chunk of a multipart body to its upload handlers, which keep the file in
memory or in a temporary file until the view runs. Placed first, this handler lets at most
``MAX_UPLOAD_BYTES`` + one chunk of each file through to the others; past that it swallows the
rest (it must still be read off the socket) and hands the view an empty file whose ``size`` is
what was sent, so the usual check refuses it as too large with its translated message. A 40 MB
upload therefore never fills 40 MB of disk or memory.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from postloom.catalog.uploads import MAX_UPLOAD_BYTES


class OversizedUpload(InMemoryUploadedFile):
    """An upload that was too large: no content, only the number of bytes that arrived."""


class CappedUploadHandler(FileUploadHandler):
    limit = MAX_UPLOAD_BYTES

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        # None stops the chunk here: the handlers after this one never see it.
        return raw_data if self.received <= self.limit + self.chunk_size else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.limit:
            return None  # within the cap: the next handler's file is the upload
        import io

        return OversizedUpload(
            file=io.BytesIO(b""),
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
