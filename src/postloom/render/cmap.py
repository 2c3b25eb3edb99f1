"""Which characters a font file has, read from its `cmap` table.

Pillow can draw with a font but cannot say whether the font has a glyph for a character;
font fallback (brand font -> Arabic -> emoji) needs exactly that. Only the two subtable
formats that Unicode fonts use are read: 4 (BMP) and 12 (full range).
"""

from __future__ import annotations

import struct
from functools import lru_cache

from postloom.render import caches

# (platform, encoding) pairs in order of preference: full-range Unicode before BMP-only.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


@caches.register
@lru_cache(maxsize=32)
def codepoints(path: str) -> frozenset[int]:
    """The code points mapped to a glyph; empty when the file has no readable Unicode cmap."""
    with open(path, "rb") as handle:
        data = handle.read()
    table = _find_table(data, b"cmap")
    if table is None:
        return frozenset()
    subtable = _pick_subtable(data, table)
    if subtable is None:
        return frozenset()
    fmt = struct.unpack_from(">H", data, subtable)[0]
    if fmt == 12:
        return frozenset(_format12(data, subtable))
    if fmt == 4:
        return frozenset(_format4(data, subtable))
    return frozenset()


def _find_table(data: bytes, tag: bytes) -> int | None:
    num_tables = struct.unpack_from(">H", data, 4)[0]
    for i in range(num_tables):
        record = 12 + 16 * i
        if data[record : record + 4] == tag:
            return int(struct.unpack_from(">I", data, record + 8)[0])
    return None


def _pick_subtable(data: bytes, table: int) -> int | None:
    count = struct.unpack_from(">H", data, table + 2)[0]
    offsets: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, table + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, table + offset)[0]
        if fmt in (4, 12):
            offsets.setdefault((platform, encoding), table + offset)
    for key in _PREFERRED:
        if key in offsets:
            return offsets[key]
    return None


def _format12(data: bytes, start: int) -> list[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    points: list[int] = []
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        if glyph == 0:
            # A group starting at glyph 0 maps its first code point to .notdef.
            first += 1
        points.extend(range(first, last + 1))
    return points


def _format4(data: bytes, start: int) -> list[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts_at = start + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + 2 * segments)
    range_offsets_at = starts_at + 4 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_offsets_at)
    points: list[int] = []
    for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
        if first == 0xFFFF:
            continue
        for code in range(first, last + 1):
            if _format4_glyph(data, code, i, first, deltas, range_offsets, range_offsets_at):
                points.append(code)
    return points


def _format4_glyph(
    data: bytes,
    code: int,
    segment: int,
    first: int,
    deltas: tuple[int, ...],
    range_offsets: tuple[int, ...],
    range_offsets_at: int,
) -> int:
    if range_offsets[segment] == 0:
        return (code + deltas[segment]) & 0xFFFF
    # The offset is relative to the idRangeOffset entry itself, as the spec defines it.
    where = range_offsets_at + 2 * segment + range_offsets[segment] + 2 * (code - first)
    glyph = struct.unpack_from(">H", data, where)[0]
    return (glyph + deltas[segment]) & 0xFFFF if glyph else 0
