"""Media transfer in the TikTok simulator: FILE_UPLOAD chunks and PULL_FROM_URL downloads.

Chunk rules (platform-apis.md §2.6): ``total_chunk_count = floor(video_size / chunk_size)``;
chunks of ``min_chunk_bytes``..``max_chunk_bytes`` except the last, which absorbs the rest (up
to ``max_final_chunk_bytes``); a video under ``min_chunk_bytes`` goes whole; 1–1000 chunks,
in order. Answers: 206 more expected, 201 all in, 400 bad headers, 403 the upload URL expired,
404 no such upload, 416 Content-Range does not follow what arrived; every answer carries
``Content-Range: bytes 0-{last byte received}/{total}`` (``bytes */{total}`` before any).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from typing import TYPE_CHECKING

from postloom.sandbox.tiktok_http import Json, Request, Response, json_response
from postloom.sandbox.tiktok_media import (
    PHOTO_MAX_BYTES,
    VIDEO_PULL_MAX_BYTES,
    fetch,
    photo_problem,
    video_problem,
)
from postloom.sandbox.tiktok_state import PROCESSING_UPLOAD, Publish, Upload

if TYPE_CHECKING:
    from postloom.sandbox.tiktok_api import TikTokSim

VIDEO_TYPES = frozenset({"video/mp4", "video/quicktime", "video/webm"})
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")


def plan(sim: TikTokSim, source_info: Json) -> Upload:
    """The upload a FILE_UPLOAD init declares; ValueError says what breaks the rules."""
    size, chunk, total = (source_info.get(k) for k in ("video_size", "chunk_size",
                                                       "total_chunk_count"))  # fmt: skip
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (size, chunk, total)):
        raise ValueError("video_size, chunk_size and total_chunk_count must be integers.")
    assert isinstance(size, int) and isinstance(chunk, int) and isinstance(total, int)
    if not 0 < size <= sim.max_video_bytes:
        raise ValueError("video_size is out of range.")
    if not 1 <= total <= sim.max_chunks:
        raise ValueError(f"total_chunk_count must be 1 to {sim.max_chunks}.")
    if total == 1:
        if chunk != size or size > sim.max_chunk_bytes:
            raise ValueError("A single chunk must hold the whole video, at most 64 MB.")
    elif size < sim.min_chunk_bytes:
        raise ValueError("Videos under 5 MB must be uploaded in one chunk.")
    elif not sim.min_chunk_bytes <= chunk <= sim.max_chunk_bytes or total != size // chunk:
        raise ValueError("chunk_size must be 5–64 MB and total_chunk_count floor(size/chunk).")
    elif size - (total - 1) * chunk > sim.max_final_chunk_bytes:
        raise ValueError("The final chunk may be at most 128 MB.")
    return Upload(upload_id=secrets.token_hex(8), token=secrets.token_urlsafe(16),
                  video_size=size, chunk_size=chunk, total_chunks=total,
                  expires_at=sim.now() + sim.upload_url_ttl)  # fmt: skip


def put_chunk(sim: TikTokSim, request: Request) -> Response:
    publish = _publish_for(sim, request)
    if publish is None or publish.upload is None:
        return _answer(404, "not_found", "No upload task for this URL.")
    upload = publish.upload
    if sim.now() > upload.expires_at:
        return _answer(403, "upload_url_expired", "The upload URL has expired.", upload)
    if publish.status != PROCESSING_UPLOAD or publish.transferred:
        return _answer(416, "range_not_satisfiable", "The upload is already complete.", upload)
    problem = _header_problem(request, upload)
    if problem:
        return _answer(problem[0], "invalid_header", problem[1], upload)
    upload.data += request.body
    upload.received += len(request.body)
    publish.bytes_done = upload.received
    if upload.received < upload.video_size:
        return _answer(206, "ok", "", upload)
    _complete(sim, publish, upload)
    return _answer(201, "ok", "", upload)


def _publish_for(sim: TikTokSim, request: Request) -> Publish | None:
    publish_id = sim.uploads.get(request.query.get("upload_id", ""))
    publish = sim.publishes.get(publish_id) if publish_id else None
    if publish is None or publish.upload is None:
        return None
    given = request.query.get("upload_token", "").encode()
    return publish if hmac.compare_digest(given, publish.upload.token.encode()) else None


def _header_problem(request: Request, upload: Upload) -> tuple[int, str] | None:
    if request.headers.get("content-type", "").split(";")[0].strip() not in VIDEO_TYPES:
        return 400, "Content-Type must be video/mp4, video/quicktime or video/webm."
    match = _RANGE.fullmatch(request.headers.get("content-range", "").strip())
    if match is None:
        return 400, "Content-Range must read bytes FIRST-LAST/TOTAL."
    first, last, total = (int(g) for g in match.groups())
    if total != upload.video_size or last < first:
        return 400, "Content-Range does not match the declared video_size."
    if first != upload.received:
        return 416, "Content-Range does not follow the bytes received."
    length = last - first + 1
    if request.headers.get("content-length") != str(len(request.body)) or length != len(
        request.body
    ):
        return 400, "Content-Length does not match the body or the Content-Range."
    if length != upload.expected_length(first):
        return 400, "The chunk's size does not follow the declared chunk_size."
    return None


def _complete(sim: TikTokSim, publish: Publish, upload: Upload) -> None:
    data = bytes(upload.data)
    upload.data = bytearray()  # only the fingerprint is kept
    publish.media_sha256 = hashlib.sha256(data).hexdigest()
    creator = sim.creators.get(publish.open_id)
    problem = video_problem(data, creator.max_video_post_duration_sec if creator else 600)
    publish.fail_reason = publish.fail_reason or problem
    publish.transferred = True


def _answer(status: int, code: str, message: str, upload: Upload | None = None) -> Response:
    headers = []
    if upload is not None:
        done = f"0-{upload.received - 1}" if upload.received else "*"
        headers.append(("Content-Range", f"bytes {done}/{upload.video_size}"))
    return json_response({"error": {"code": code, "message": message}}, status, headers)


# --- PULL_FROM_URL ------------------------------------------------------------------------


def start_pull(sim: TikTokSim, publish: Publish) -> None:
    """Download the media in the background, as TikTok does after answering the init."""
    if not sim.fetch_media:
        publish.transferred = True
        return
    publish.worker = threading.Thread(target=_pull, args=(sim, publish), daemon=True,
                                      name=f"tiktok-sim-pull-{publish.publish_id}")  # fmt: skip
    publish.worker.start()


def _pull(sim: TikTokSim, publish: Publish) -> None:
    photo = publish.kind == "photo"
    digest, size, problem = hashlib.sha256(), 0, ""
    creator = sim.creators.get(publish.open_id)
    max_duration = creator.max_video_post_duration_sec if creator else 600
    for url in publish.urls:
        fetched = fetch(
            url,
            PHOTO_MAX_BYTES if photo else VIDEO_PULL_MAX_BYTES,
            sim.fetch_timeout,
            "photo_pull_failed" if photo else "video_pull_failed",
        )
        problem = fetched.fail_reason or (
            photo_problem(fetched.data) if photo else video_problem(fetched.data, max_duration)
        )  # fmt: skip
        if problem:
            break
        digest.update(fetched.data)
        size += len(fetched.data)
    with sim.lock:
        publish.fail_reason = publish.fail_reason or problem
        publish.bytes_done = size
        publish.media_sha256 = digest.hexdigest()
        publish.transferred = True
