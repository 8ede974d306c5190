"""Hand-made zip archives for the attack tests: a 1 MB archive that expands to a gigabyte, built in
about a second (deflate blocks of one compressed megabyte repeated), and sizes that lie."""

from __future__ import annotations

import struct
import zlib

_TIME, _DATE = 0, (2026 - 1980) << 9 | 12 << 5 | 1


def repeated_deflate(block: bytes, times: int) -> tuple[bytes, int, int]:
    """Raw deflate data expanding to ``block * times``: (data, crc32, expanded size). After a full
    flush a deflate stream starts afresh, so one compressed block can be repeated as it is."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    return segment * times + final, crc & 0xFFFFFFFF, len(block) * times


def deflated(data: bytes) -> tuple[bytes, int, int]:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(), zlib.crc32(data) & 0xFFFFFFFF, len(data)


def zip_of(entries: list[tuple[str, tuple[bytes, int, int]]], declared: dict[str, int] | None = None) -> bytes:
    """A zip of deflated entries (name, (raw deflate data, crc32, size)); ``declared`` makes the
    headers state another expanded size for some entries (a lie)."""
    declared = declared or {}
    out = bytearray()
    central = bytearray()
    for name, (data, crc, size) in entries:
        encoded = name.encode("utf-8")
        said = declared.get(name, size)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, _TIME, _DATE, crc, len(data), said, len(encoded), 0)
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            _TIME,
            _DATE,
            crc,
            len(data),
            said,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)
