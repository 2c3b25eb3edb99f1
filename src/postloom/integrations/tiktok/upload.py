"""FILE_UPLOAD: the chunk plan TikTok is told at init, then the chunks, in order.

The plan (platform-apis.md §2.6, decimal megabytes as in TikTok's own example): a video of
at most 64,000,000 bytes goes in one chunk; a larger one in 10,000,000-byte chunks,
``floor(size / chunk)`` of them, the last absorbing the remainder; 1 to 1000 chunks.

Each PUT carries ``Content-Range``/``Content-Length``/``Content-Type``. 206 means "next",
201 "all in". 416 means TikTok's count differs from ours: we continue from the
``Content-Range`` it sends back (after a lost answer it usually has the chunk already). A 5xx,
a timeout or a broken connection sends the same chunk again, a few times. 403 means the
upload URL (valid one hour) expired: the post must be started again.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from postloom.integrations.networks.base import ErrorCode, NetworkError
from postloom.integrations.tiktok.transport import Reply, Send, Transport

SINGLE_CHUNK_LIMIT = 64_000_000
CHUNK_SIZE = 10_000_000
MAX_CHUNKS = 1000

_RECEIVED = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+)")


@dataclass(frozen=True)
class ChunkPlan:
    video_size: int
    chunk_size: int
    total_chunks: int

    def source_info(self) -> dict[str, int | str]:
        return {"source": "FILE_UPLOAD", "video_size": self.video_size,
                "chunk_size": self.chunk_size, "total_chunk_count": self.total_chunks}  # fmt: skip

    def chunk_at(self, offset: int) -> tuple[int, int] | None:
        """(first, last) byte of the chunk starting at ``offset``; None off a chunk boundary."""
        index = min(offset // self.chunk_size, self.total_chunks - 1)
        first = index * self.chunk_size
        if first != offset:
            return None
        last = (
            self.video_size - 1 if index == self.total_chunks - 1 else first + self.chunk_size - 1
        )
        return first, last


def chunk_plan(
    size: int,
    single_chunk_limit: int = SINGLE_CHUNK_LIMIT,
    chunk_size: int = CHUNK_SIZE,
    max_chunks: int = MAX_CHUNKS,
) -> ChunkPlan:
    if size <= single_chunk_limit:
        return ChunkPlan(size, size, 1)
    total = size // chunk_size
    if total > max_chunks:
        raise NetworkError(ErrorCode.MEDIA_REJECTED, "The video is too large for TikTok",
                           permanent=True)  # fmt: skip
    return ChunkPlan(size, chunk_size, total)


class Uploader:
    def __init__(self, transport: Transport, *, retries: int, retry_delay: float) -> None:
        self.transport = transport
        self.retries = retries
        self.retry_delay = retry_delay

    def upload(self, url: str, path: str, plan: ChunkPlan, content_type: str) -> None:
        offset, failures = 0, 0
        # Each answer moves us forward or spends a retry; this bounds a server that loops.
        budget = plan.total_chunks * 2 + self.retries + 4
        with self.transport.session() as send, open(path, "rb") as file:
            while budget > 0:
                budget -= 1
                first, last = self._chunk(plan, offset)
                file.seek(first)
                data = file.read(last - first + 1)
                try:
                    reply = _put(send, url, data, first, last, plan.video_size, content_type)
                except NetworkError as exc:
                    failures = self._retry_or_raise(failures, exc)
                    continue
                if reply.status == 201:
                    return
                if reply.status in (200, 206, 416):
                    offset = _next_offset(reply, default=last + 1 if reply.status != 416 else 0)
                    if reply.status == 416 and offset >= plan.video_size:
                        return  # TikTok already has every byte (our last answer was lost)
                    failures = 0
                    continue
                failures = self._retry_or_raise(failures, _chunk_error(reply))
        raise NetworkError(ErrorCode.SERVER, "TikTok kept refusing the video's chunks",
                           permanent=False)  # fmt: skip

    def _chunk(self, plan: ChunkPlan, offset: int) -> tuple[int, int]:
        chunk = plan.chunk_at(offset) if offset < plan.video_size else None
        if chunk is None:
            raise NetworkError(ErrorCode.SERVER, "TikTok's upload position does not fit the "
                               "chunk plan; start again", permanent=False)  # fmt: skip
        return chunk

    def _retry_or_raise(self, failures: int, exc: NetworkError) -> int:
        if exc.permanent or exc.code is ErrorCode.CONTAINER_EXPIRED or failures >= self.retries:
            raise exc
        time.sleep(self.retry_delay * (failures + 1))
        return failures + 1


def _put(send: Send, url: str, data: bytes, first: int, last: int, total: int,
         content_type: str) -> Reply:  # fmt: skip
    headers = {
        "Content-Type": content_type,
        "Content-Length": str(len(data)),
        "Content-Range": f"bytes {first}-{last}/{total}",
    }
    reply: Reply = send("PUT", url, content=data, headers=headers)
    return reply


def _next_offset(reply: Reply, default: int) -> int:
    """The first byte TikTok does not have yet, from its ``Content-Range`` answer."""
    match = _RECEIVED.search(reply.headers.get("content-range", ""))
    return int(match.group(2)) + 1 if match else default


def _chunk_error(reply: Reply) -> NetworkError:
    status = reply.status
    if status in (403, 404):
        return NetworkError(ErrorCode.CONTAINER_EXPIRED, "The TikTok upload link expired; "
                            "the post must be started again", permanent=False,
                            vendor_code=f"upload_http_{status}", http_status=status)  # fmt: skip
    if status >= 500 or status == 429:
        return NetworkError(ErrorCode.SERVER, "TikTok's upload service failed", permanent=False,
                            vendor_code=f"upload_http_{status}", http_status=status)  # fmt: skip
    return NetworkError(ErrorCode.MEDIA_REJECTED, "TikTok refused a chunk of the video",
                        permanent=True, vendor_code=f"upload_http_{status}",
                        http_status=status)  # fmt: skip
