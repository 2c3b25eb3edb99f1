"""The file Instagram gets: a baseline sRGB JPEG with no metadata, under its size cap.

A creative is encoded in bands of rows on two threads, and the bands are joined into one
ordinary baseline JPEG. The file has a restart marker after every row of MCUs (the 16 px
rows that 4:2:0 encodes together): a marker resets the entropy coder, so the data of each
band is independent of the others and can be encoded on its own. Bands start every 8 MCU
rows (128 px), where the markers' numbers (which count 0 to 7) start again, so the joined
file is byte for byte what libjpeg writes for the whole image, and decodes to the same
pixels as a file without markers. Every JPEG decoder reads restart markers.

Rows a layout has finished can be encoded before the rest is drawn: by the second thread
while the first draws (`Encoder.seal`), or by the first while it waits for the second to
decode the photo (`Encoder.write`).
"""

from __future__ import annotations

import os
import struct
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import IO

from PIL import Image

from postloom.render import background

INSTAGRAM_MAX_BYTES = 8 * 1024 * 1024
QUALITY = 90
_FALLBACK_QUALITIES = (85, 80, 70)
# 4:2:0 puts 16 pixel rows in a row of MCUs; bands start on a multiple of 8 such rows.
_MCU_ROWS = 16
_ALIGN = 8 * _MCU_ROWS
# What is left at the end goes in bands this tall, shared out between the two threads.
_BAND = 2 * _ALIGN
# Below this a second thread costs more than the half of the work it takes.
_SPLIT_FROM_PIXELS = 400_000
_SOF0, _SOS, _RST7, _EOI = b"\xff\xc0", b"\xff\xda", b"\xff\xd7", b"\xff\xd9"


def encode_jpeg(canvas: Image.Image) -> bytes:
    """Encode without EXIF, ICC or comments: pixels are sRGB, which viewers assume."""
    return Encoder().finish(canvas)


class Encoder:
    """The JPEG of one canvas, encoded band by band as the bands are done."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._canvas: Image.Image | None = None
        self._queued: list[tuple[int, int]] = []  # row ranges to encode, top to bottom
        self._claimed: list[tuple[int, int]] = []  # row ranges queued or encoded
        self._bands: dict[int, bytes] = {}  # first row -> encoded band
        self._working = False
        self._workers: list[Future[None]] = []

    def seal(self, canvas: Image.Image, top: int, bottom: int) -> None:
        """Rows `top` to `bottom` will not change: the second thread may encode them now.
        (If it is busy they wait for `finish`.)"""
        bands = [band for rows in self._claim(canvas, top, bottom) for band in _bands_of(*rows)]
        if bands:
            with self._lock:
                self._queued.extend(bands)
                self._queued.sort()
            self._wake_worker()

    def write(self, canvas: Image.Image, top: int, bottom: int, until: Callable[[], bool]) -> None:
        """`seal`, for a caller with time on its hands (waiting for its photo to be decoded
        on the second thread): it encodes bands itself until `until()` is true, and leaves
        the rest to the second thread."""
        bands = [band for rows in self._claim(canvas, top, bottom) for band in _bands_of(*rows)]
        if not bands:
            return
        with self._lock:
            self._queued.extend(bands)
            self._queued.sort()
        while not until() and (rows := self._take(last=True)) is not None:
            self._bands[rows[0]] = _encode_rows(canvas, rows)
        self._wake_worker()

    def finish(self, canvas: Image.Image) -> bytes:
        image = canvas if canvas.mode == "RGB" else canvas.convert("RGB")
        if not _worth_splitting(image):
            return _encode_capped(image)
        rest = [band for rows in self._claim(image, 0, image.height) for band in _bands_of(*rows)]
        with self._lock:
            self._queued.extend(rest)
            self._queued.sort()
        self._wake_worker()
        try:
            while (rows := self._take(last=True)) is not None:
                self._bands[rows[0]] = _encode_rows(image, rows)
        finally:
            self._wait_for_workers()
        data = join_bands([self._bands[top] for top in sorted(self._bands)], image.height)
        return data if len(data) <= INSTAGRAM_MAX_BYTES else _encode_capped(image)

    def _claim(self, canvas: Image.Image, top: int, bottom: int) -> list[tuple[int, int]]:
        """The parts of rows `top` to `bottom` (widened to whole bands) not yet claimed,
        now claimed for this canvas."""
        if not _worth_splitting(canvas) or canvas.mode != "RGB":
            return []
        if canvas is not self._canvas:  # a new canvas: what was encoded of another is void
            self._wait_for_workers()
            self._queued.clear()
            self._claimed.clear()
            self._bands.clear()
            self._canvas = canvas
        top = -(-max(0, top) // _ALIGN) * _ALIGN
        bottom = canvas.height if bottom >= canvas.height else bottom // _ALIGN * _ALIGN
        free = []
        for start, end in sorted(self._claimed):
            if start > top:
                free.append((top, min(start, bottom)))
            top = max(top, end)
        free.append((top, bottom))
        free = [(start, end) for start, end in free if end > start]
        self._claimed.extend(free)
        return free

    def _wait_for_workers(self) -> None:
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.result()

    def _take(self, last: bool) -> tuple[int, int] | None:
        with self._lock:
            if not self._queued:
                return None
            return self._queued.pop() if last else self._queued.pop(0)

    def _wake_worker(self) -> None:
        with self._lock:
            if self._working:
                return
            self._working = True
        # Nothing to wait for: the caller goes on to Pillow work, which lets go of the GIL.
        worker = background.try_start(self._work, wait=False)
        if worker is None:
            with self._lock:
                self._working = False
        else:
            self._workers.append(worker)

    def _work(self) -> None:
        """On the second thread: encode bands from the top down while there are any."""
        canvas = self._canvas
        assert canvas is not None  # queued bands belong to it (`_claim` waits for us)
        while (rows := self._take(last=False)) is not None:
            self._bands[rows[0]] = _encode_rows(canvas, rows)
        with self._lock:
            self._working = False


def _worth_splitting(image: Image.Image) -> bool:
    return image.width * image.height >= _SPLIT_FROM_PIXELS and image.height > _ALIGN


def _bands_of(top: int, bottom: int) -> list[tuple[int, int]]:
    starts = range(top, bottom, _BAND)
    return [(start, min(start + _BAND, bottom)) for start in starts]


def _encode_rows(canvas: Image.Image, rows: tuple[int, int]) -> bytes:
    band = canvas.crop((0, rows[0], canvas.width, rows[1]))
    return _encode_whole(band, QUALITY, restart_rows=1)


def _encode_capped(image: Image.Image) -> bytes:
    """One piece, stepping the quality down if Instagram's cap needs it."""
    data = _encode_whole(image, QUALITY)
    for quality in _FALLBACK_QUALITIES:
        if len(data) <= INSTAGRAM_MAX_BYTES:
            break
        data = _encode_whole(image, quality)
    return data


def _encode_whole(image: Image.Image, quality: int, restart_rows: int = 0) -> bytes:
    # 4:2:0 is what Instagram serves. Optimised Huffman tables nearly double the encode
    # time for about 10 % fewer bytes, which the 8 MB cap does not need.
    # A canvas that started as a decoded photo still carries that photo's metadata.
    image.info = {}
    with _memory_file() as file:
        image.save(file, "JPEG", quality=quality, subsampling="4:2:0", optimize=False,
                   progressive=False, restart_marker_rows=restart_rows)  # fmt: skip
        file.seek(0)
        return file.read()


def _memory_file() -> IO[bytes]:
    """A file in memory with a descriptor of its own. Pillow encodes into a file descriptor
    with the GIL released; into a BytesIO it holds the GIL throughout, and bands encoded
    at once would take turns."""
    if hasattr(os, "memfd_create"):  # Linux
        return open(os.memfd_create("postloom-jpeg"), "w+b")
    return tempfile.TemporaryFile()


def join_bands(bands: list[bytes], height: int) -> bytes:
    """One JPEG `height` rows tall from bands encoded with a restart marker every MCU row,
    each but the last a multiple of 8 MCU rows tall."""
    first_scan = _scan_start(bands[0])
    sof = bands[0].index(_SOF0, 2, first_scan)
    # SOF0: marker, length, precision, then the height in two bytes.
    header = bands[0][: sof + 5] + struct.pack(">H", height) + bands[0][sof + 7 : first_scan]
    # The marker after a band's last row; 8 rows to a band, so it is always RST7.
    scans = _RST7.join(band[_scan_start(band) : -2] for band in bands)
    return b"".join((header, scans, _EOI))


def _scan_start(jpeg: bytes) -> int:
    """Where the entropy-coded data begins: just after the SOS segment."""
    offset = 2  # after SOI
    while jpeg[offset : offset + 2] != _SOS:
        (length,) = struct.unpack(">H", jpeg[offset + 2 : offset + 4])
        offset += 2 + length
    (length,) = struct.unpack(">H", jpeg[offset + 2 : offset + 4])
    return offset + 2 + length
