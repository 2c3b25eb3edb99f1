"""The little of MP4 the simulators read: the boxes at one level (Instagram checks that
``moov`` comes before ``mdat``) and the movie's duration from ``moov/mvhd``."""

from __future__ import annotations

import struct
from collections.abc import Iterator


def boxes(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, payload) of each box at this level, in order. A box whose size cannot be right
    ends the walk; it is given with an empty payload."""
    offset = 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        header = 8
        if size == 1 and offset + 16 <= len(data):  # a 64-bit size follows the type
            size, header = struct.unpack(">Q", data[offset + 8 : offset + 16])[0], 16
        elif size == 0:  # the box runs to the end of the file
            size = len(data) - offset
        if size < header:
            yield kind, b""
            return
        yield kind, data[offset + header : offset + size]
        offset += size


def child(data: bytes, name: bytes) -> bytes | None:
    """The payload of the first box called ``name`` at this level of ``data``."""
    return next((payload for kind, payload in boxes(data) if kind == name), None)


def duration(data: bytes) -> float | None:
    """Seconds from a whole file's ``moov/mvhd``, or None when it does not say."""
    moov = child(data, b"moov")
    return movie_duration(moov) if moov is not None else None


def movie_duration(moov: bytes) -> float | None:
    """Seconds from the ``mvhd`` in a ``moov`` box's payload, or None when it does not say."""
    mvhd = child(moov, b"mvhd")
    if mvhd is None or len(mvhd) < 20:
        return None
    if mvhd[0] == 1:  # version 1: 64-bit times
        if len(mvhd) < 32:
            return None
        timescale, length = struct.unpack(">IQ", mvhd[20:32])
    else:
        timescale, length = struct.unpack(">II", mvhd[12:20])
    return length / timescale if timescale else None
