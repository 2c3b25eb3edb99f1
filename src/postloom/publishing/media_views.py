"""The public side of signed media URLs (media_links.py): one stored file, no session.

Instagram's and TikTok's fetchers send no cookie, so nothing here reads the session or the
user: the signed token alone says which file may be read and until when. A token that was not
signed by us, names another file, or is malformed answers 404; an expired one 403. Byte
ranges are served (video fetchers and players ask for them).
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from postloom.publishing.media_links import read_token

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 256 * 1024
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
}


@require_safe
def public_media(request: HttpRequest, token: str, filename: str) -> HttpResponseBase:
    opened = read_token(token)
    if opened is None or PurePosixPath(opened.name).name != filename:
        raise Http404("No such file")
    if opened.expired:
        return HttpResponseForbidden("This link has expired.")
    try:
        handle = default_storage.open(opened.name, "rb")
    except (OSError, SuspiciousFileOperation):  # missing, a folder, unreadable
        raise Http404("No such file") from None
    content_type = content_type_for(opened.name)
    wanted = _RANGE.match(request.headers.get("Range", ""))
    response: HttpResponseBase
    if wanted and wanted.group(0) != "bytes=-":
        response = _partial(handle, wanted.group(1), wanted.group(2), content_type)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    # The address is the secret: no shared cache keeps it, and no one keeps it past its expiry.
    response["Cache-Control"] = f"private, max-age={opened.seconds_left}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def content_type_for(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _partial(handle: IO[bytes], first: str, last: str, content_type: str) -> HttpResponseBase:
    size = default_size(handle)
    if first:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(last), 0), size - 1
    if start > end or start >= size:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)
    streamed = StreamingHttpResponse(
        _chunks(handle, end - start + 1), status=206, content_type=content_type
    )
    streamed["Content-Range"] = f"bytes {start}-{end}/{size}"
    streamed["Content-Length"] = str(end - start + 1)
    return streamed


def default_size(handle: IO[bytes]) -> int:
    size = getattr(handle, "size", None)
    if isinstance(size, int):
        return size
    handle.seek(0, 2)
    end = handle.tell()
    handle.seek(0)
    return end


def _chunks(handle: IO[bytes], length: int) -> Iterator[bytes]:
    with handle:
        left = length
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
