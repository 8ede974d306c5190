"""What an uploaded file is, checked from its bytes before any parser touches it (SPEC §6).

``inspect_file(data)`` returns the workbook format (``"xlsx"``, ``"xls"`` or ``"ods"``) or raises
``FileRejected`` with the issue code to report:

- ``file_too_large``: more than ``MAX_UPLOAD_BYTES`` (20 MB); or a zip-based file (xlsx, xlsm,
  ods) whose directory declares more than ``MAX_EXPANDED_BYTES`` (200 MB) uncompressed, more than
  ``MAX_ZIP_ENTRIES`` (10,000) entries, or one entry expanding more than ``MAX_RATIO`` (100) times
  its compressed size. Only the zip directory is read; nothing is extracted.
- ``encrypted_file``: an OLE2 compound file holding ``EncryptedPackage`` / ``EncryptionInfo``
  (a password-protected xlsx), an .xls whose workbook globals carry a FILEPASS record, or an ODS
  whose manifest has ``encryption-data``.
- ``unreadable_file``: empty, text/CSV, PDF, Word or PowerPoint, .xlsb, a zip or OLE2 file that is
  damaged or holds no workbook.

The format comes from the magic bytes, never from the file name. The OLE2 reader here is minimal
(header, FAT, directory, one stream) and bounded: every chain walk stops at the number of sectors
in the file, so a crafted file cannot make it loop.
"""

from __future__ import annotations

import io
import struct
import zipfile

from .i18n import number
from .validation import Localized

__all__ = [
    "MAX_EXPANDED_BYTES",
    "MAX_RATIO",
    "MAX_UPLOAD_BYTES",
    "MAX_ZIP_ENTRIES",
    "FileRejected",
    "inspect_file",
]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_RATIO = 100

ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MB = 1024 * 1024


class FileRejected(Exception):
    """The file cannot be read: ``code`` is the issue code, ``params`` fill its message."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def _mb(size: int) -> Localized:
    return Localized(number(size / _MB, "vi", 1), number(size / _MB, "en", 1))


def _int(n: int) -> Localized:
    return Localized(number(n, "vi"), number(n, "en"))


def _unreadable(detail: str) -> FileRejected:
    return FileRejected("unreadable_file", detail=Localized.of(f"issue.detail.{detail}"))


def _too_large(detail: Localized, limit: Localized) -> FileRejected:
    return FileRejected("file_too_large", detail=detail, limit=limit)


def inspect_file(data: bytes) -> str:
    """The workbook format of ``data``: "xlsx", "xls" or "ods"; raises FileRejected otherwise."""
    if not data:
        raise _unreadable("empty")
    if len(data) > MAX_UPLOAD_BYTES:
        size = _mb(len(data))
        raise _too_large(
            _localized("issue.limit.upload", {"size": size.vi}, {"size": size.en}),
            Localized.of("issue.limit.max_upload", size=MAX_UPLOAD_BYTES // _MB),
        )
    head = data[:8]
    if head.startswith((ZIP_MAGIC, ZIP_EMPTY_MAGIC)):
        return _inspect_zip(data)
    if head == OLE_MAGIC:
        return _inspect_ole(data)
    if head.startswith(b"%PDF"):
        raise _unreadable("pdf")
    if _looks_like_text(data[:4096]):
        raise _unreadable("text")
    raise _unreadable("not_spreadsheet")


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still text
        if exc.start < len(sample) - 4:
            return False
    return True


# ---- zip-based: xlsx, xlsm, ods ---------------------------------------------------------------


def _localized(key: str, vi_params: dict, en_params: dict) -> Localized:
    from .i18n import t

    return Localized(t(key, "vi", **vi_params), t(key, "en", **en_params))


def _inspect_zip(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _unreadable("damaged") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _too_large(
            _localized("issue.limit.entries", {"count": _int(len(infos)).vi}, {"count": _int(len(infos)).en}),
            _localized(
                "issue.limit.max_entries",
                {"count": _int(MAX_ZIP_ENTRIES).vi},
                {"count": _int(MAX_ZIP_ENTRIES).en},
            ),
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_EXPANDED_BYTES:
        raise _too_large(
            _localized("issue.limit.expanded", {"size": _mb(total).vi}, {"size": _mb(total).en}),
            _localized(
                "issue.limit.max_expanded",
                {"size": MAX_EXPANDED_BYTES // _MB},
                {"size": MAX_EXPANDED_BYTES // _MB},
            ),
        )
    for info in infos:
        if info.file_size and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _too_large(
                _localized(
                    "issue.limit.ratio",
                    {"name": info.filename[:80], "ratio": _int(ratio).vi},
                    {"name": info.filename[:80], "ratio": _int(ratio).en},
                ),
                _localized("issue.limit.max_ratio", {"ratio": MAX_RATIO}, {"ratio": MAX_RATIO}),
            )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise _unreadable("xlsb")
    if "mimetype" in names or "content.xml" in names:
        try:
            mime = zf.read("mimetype").strip() if "mimetype" in names else b""
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        except Exception:
            raise _unreadable("damaged") from None
        if mime == _ODS_MIME or (not mime and _ODS_MIME in manifest):
            if b"encryption-data" in manifest:
                raise FileRejected("encrypted_file")
            return "ods"
    raise _unreadable("other_office")


# ---- OLE2 compound files: xls, encrypted OOXML ----------------------------------------------------

_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_MAXREG = 0xFFFFFFFA
_FILEPASS = 0x002F
_BOF = 0x0809
_EOF = 0x000A
_ENCRYPTED_NAMES = ("EncryptedPackage", "EncryptionInfo")


def _inspect_ole(data: bytes) -> str:
    try:
        ole = _Ole(data)
        names = {name for name, *_ in ole.entries}
    except (struct.error, ValueError, IndexError, KeyError):
        # a damaged container: still recognise encrypted OOXML by its stream names
        if any(n.encode("utf-16-le") in data for n in _ENCRYPTED_NAMES):
            raise FileRejected("encrypted_file") from None
        raise _unreadable("damaged") from None
    if names & set(_ENCRYPTED_NAMES):
        raise FileRejected("encrypted_file")
    book = next((n for n in ("Workbook", "Book", "WORKBOOK", "BOOK") if n in names), None)
    if book is None:
        if names & {"WordDocument", "PowerPoint Document"}:
            raise _unreadable("other_office")
        raise _unreadable("not_spreadsheet")
    try:
        head = ole.read(book, limit=256 * 1024)
    except (struct.error, ValueError, IndexError, KeyError):
        raise _unreadable("damaged") from None
    if _has_filepass(head):
        raise FileRejected("encrypted_file")
    return "xls"


def _has_filepass(stream: bytes) -> bool:
    """Whether the workbook globals (BOF … EOF) of a BIFF stream hold a FILEPASS record."""
    pos = 0
    for _ in range(100_000):
        if pos + 4 > len(stream):
            return False
        rtype, size = struct.unpack_from("<HH", stream, pos)
        if rtype == _FILEPASS:
            return True
        if rtype == _EOF and pos > 0:
            return False
        if pos == 0 and rtype not in (_BOF, 0x0209, 0x0409, 0x0009):
            return False
        pos += 4 + size
    return False


class _Ole:
    """Just enough of [MS-CFB] to list the streams of a compound file and read one of them."""

    def __init__(self, data: bytes):
        self.data = data
        if data[:8] != OLE_MAGIC or len(data) < 512:
            raise ValueError("not OLE2")
        self.sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.sector_size not in (512, 4096) or self.mini_size != 64:
            raise ValueError("bad sector size")
        n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
        self.mini_cutoff, minifat_start, n_minifat, difat_start, n_difat = struct.unpack_from("<IIIII", data, 0x38)
        self.n_sectors = max(0, (len(data) - self.sector_size) // self.sector_size + 1)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _MAXREG]
        sect = difat_start
        per = self.sector_size // 4 - 1
        for _ in range(min(n_difat, self.n_sectors)):
            if sect >= _MAXREG:
                break
            vals = struct.unpack_from(f"<{per + 1}I", data, self._offset(sect))
            fat_sectors.extend(s for s in vals[:per] if s < _MAXREG)
            sect = vals[per]
        fat_sectors = fat_sectors[: max(n_fat, 0) or len(fat_sectors)]
        per_fat = self.sector_size // 4
        fat: list[int] = []
        for s in fat_sectors[: self.n_sectors]:
            fat.extend(struct.unpack_from(f"<{per_fat}I", data, self._offset(s)))
        self.fat = fat
        dir_bytes = b"".join(self._sector(s) for s in self._chain(dir_start, self.fat))
        self.entries: list[tuple[str, int, int, int]] = []  # name, type, start, size
        for off in range(0, len(dir_bytes) - 127, 128):
            raw = dir_bytes[off : off + 128]
            name_len = struct.unpack_from("<H", raw, 64)[0]
            etype = raw[66]
            if etype == 0 or not 2 <= name_len <= 64:
                continue
            name = raw[: name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<II", raw, 116)
            self.entries.append((name, etype, start, size))
        self.minifat: list[int] = []
        if n_minifat and minifat_start < _MAXREG:
            mf = b"".join(self._sector(s) for s in self._chain(minifat_start, self.fat))
            self.minifat = list(struct.unpack_from(f"<{len(mf) // 4}I", mf))

    def _offset(self, sect: int) -> int:
        off = (sect + 1) * self.sector_size
        if sect >= _MAXREG or off + self.sector_size > len(self.data) + self.sector_size:
            raise ValueError("sector out of range")
        return off

    def _sector(self, sect: int) -> bytes:
        off = self._offset(sect)
        return self.data[off : off + self.sector_size]

    def _chain(self, start: int, table: list[int], limit: int | None = None) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        sect = start
        cap = limit if limit is not None else len(table)
        while sect < _MAXREG and sect < len(table) and sect not in seen and len(out) < cap:
            seen.add(sect)
            out.append(sect)
            sect = table[sect]
        if sect < _MAXREG and sect not in seen and len(out) < cap:
            raise ValueError("broken chain")
        return out

    def read(self, name: str, limit: int) -> bytes:
        """The first ``limit`` bytes (at most) of stream ``name``."""
        entry = next(e for e in self.entries if e[0] == name)
        _, _, start, size = entry
        size = min(size, limit)
        if size < self.mini_cutoff:
            root = self.entries[0]
            ministream = b"".join(self._sector(s) for s in self._chain(root[2], self.fat))
            out = b"".join(
                ministream[m * self.mini_size : (m + 1) * self.mini_size]
                for m in self._chain(start, self.minifat, limit=size // self.mini_size + 1)
            )
        else:
            sectors = self._chain(start, self.fat, limit=size // self.sector_size + 1)
            out = b"".join(self._sector(s) for s in sectors)
        return out[:size]
