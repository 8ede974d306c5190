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
- ``file_too_large`` too when the cells the parser would lay out (A1 to the last cell holding
  something) pass ``MAX_CELLS`` in one sheet, or in all sheets together: a 5 KB xlsx with one cell
  in A1 and one in XFD1048576 would otherwise ask for 17 billion cells.
- ``unreadable_file``: empty, text/CSV, PDF, Word or PowerPoint, .xlsb, a zip or OLE2 file that is
  damaged or holds no workbook, or one whose structure declares counts or sizes it cannot hold.

Why check so much before parsing: python-calamine pre-allocates from what a file declares (the
shared-string count of an xlsx, the DIMENSIONS record of an xls, repeated cells of an ods) and a
failed allocation in Rust aborts the whole process — no exception to catch. So declared counts are
checked against the bytes that would have to back them, and cell extents against ``MAX_CELLS``.

The format comes from the magic bytes, never from the file name. The OLE2 reader here is minimal
(header, FAT, directory, one stream) and bounded: every chain walk stops at the number of sectors
in the file, so a crafted file cannot make it loop.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator

import numpy as np

from ..errors import GenderTargetsError
from ..i18n import number
from ..i18n.localized import Localized

__all__ = [
    "MAX_CELLS",
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
MAX_CELLS = 5_000_000

ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MB = 1024 * 1024


class FileRejected(GenderTargetsError):
    """The file cannot be read: ``code`` is the issue code (``issue.<code>`` in the catalogue),
    ``params`` fill its message."""

    prefix = "issue"


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
    from ..i18n import t

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
        _check_xlsx_parts(zf, infos)
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
            _check_ods_content(zf, names)
            return "ods"
    raise _unreadable("other_office")


def _too_many_cells(cells: int) -> FileRejected:
    return _too_large(
        _localized("issue.limit.cells", {"count": _int(cells).vi}, {"count": _int(cells).en}),
        _localized("issue.limit.max_cells", {"count": _int(MAX_CELLS).vi}, {"count": _int(MAX_CELLS).en}),
    )


def _check_cells(cells: int) -> None:
    if cells > MAX_CELLS:
        raise _too_many_cells(cells)


# calamine reserves room for the shared strings from uniqueCount (the plain count of <sst> is the
# number of uses, legitimately larger than the part; other counts are not trusted by calamine)
_XML_COUNT = re.compile(rb"uniqueCount\s*=\s*[\"'](\d+)[\"']")
# a cell reference "AB12" in an r attribute, and the r attribute of a row
_CELL_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]{1,4})(\d{1,9})[\"']")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr\s*=\s*[\"'](\d{1,9})[\"']")
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c[\s>/]")
_XLSX_ROW_BLOCK_OPEN = re.compile(rb"<(/?)(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
_XLSX_ROW_NUMBER = re.compile(rb"(?<![\w:])r\s*=\s*[\"'](\d+)[\"']")
_CHUNK = 1 << 20
_SNIFF = 4096
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper()[:8]:
        n = n * 26 + ch - 64
    return n


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes, decompressed in blocks of about 1 MB, each cut after its last '>' so that no
    tag is split between two blocks (the whole part is never held in memory)."""
    with zf.open(info) as fh:
        tail = b""
        while True:
            block = fh.read(_CHUNK)
            if not block:
                if tail:
                    yield tail
                return
            buf = tail + block
            cut = buf.rfind(b">") + 1
            if cut == 0:
                if len(buf) > 8 * _CHUNK:  # a tag that never ends
                    raise _unreadable("damaged")
                tail = buf
                continue
            yield buf[:cut]
            tail = buf[cut:]


def _xlsx_sheet_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Rows × columns from A1 to the farthest cell of one worksheet part, measured by streaming.

    The extent covers every cell reference (``<c r="XFD1048576">``, even one written in a row
    numbered otherwise) and every row number: python-calamine lays out a grid that large. (The
    declared ``<dimension ref>`` is not counted: calamine 0.9 allocates from the cells, not from
    it, and some programs write it wrong.) References written ``r="…"`` are decoded with numpy, a
    block at a time (a 5,000,000-cell sheet takes about a second); a block with a cell whose
    reference is missing or written otherwise (``r='A1'``, a prefixed ``<x:c>``) is read tag by
    tag in ``_xlsx_sheet_cells_exact``.
    """
    max_row = max_col = 0
    for chunk in _chunks(zf, info):
        rows, cols, refs, opened, clean = _scan_refs(chunk)
        if not clean or opened > refs or b":c " in chunk or b":c>" in chunk or b":c/" in chunk:
            return _xlsx_sheet_cells_exact(zf, info)
        max_row, max_col = max(max_row, rows), max(max_col, cols)
        if max_row * max_col > MAX_CELLS:
            break
    return max_row * max_col


def _scan_refs(chunk: bytes) -> tuple[int, int, int, int, bool]:
    """Every ``␠r="…"`` attribute of a block, decoded at once with numpy: (largest row number,
    largest column number, how many carried a column, how many ``<c`` cells the block opens,
    whether the largest references were well formed).

    Two passes over the block (every ``=`` and every ``<``); the rest works on those positions
    only: the attribute name and quote around each ``=``, the closing quote, the leading letters;
    digits and letters are decoded only for the references with the most digits / the most
    letters, since only they can hold the maximum."""
    a = np.frombuffer(chunk, dtype=np.uint8)
    n = a.size
    if n < 8:
        return 0, 0, 0, 0, True
    tags = np.flatnonzero(a[:-2] == 60)
    after = a[tags + 1]
    mark = a[tags + 2]
    opened = int(((after == 99) & ((mark == 32) | (mark == 62) | (mark == 47))).sum())
    eq = np.flatnonzero(a[2 : n - 2] == 61) + 2
    hits = eq[(a[eq - 2] == 32) & (a[eq - 1] == 114) & (a[eq + 1] == 34)] + 2
    if not hits.size:
        return 0, 0, 0, opened, True
    hits = hits[hits < n]
    length = np.full(hits.size, -1, dtype=np.int64)
    for k in range(16):
        found = (length < 0) & (a[np.minimum(hits + k, n - 1)] == 34) & (hits + k < n)
        length[found] = k
    if (length < 0).any():
        return 0, 0, 0, opened, False
    n_letters = np.zeros(hits.size, dtype=np.int64)
    going = np.ones(hits.size, dtype=bool)
    for j in range(5):
        ch = a[np.minimum(hits + j, n - 1)] & 0xDF
        going &= (ch >= 65) & (ch <= 90) & (j < length)
        n_letters += going
    n_digits = length - n_letters
    if (n_letters > 4).any() or (n_digits < 1).any() or (n_digits > 10).any():
        return 0, 0, 0, opened, False
    longest = np.flatnonzero(n_digits == n_digits.max())
    first = hits[longest] + n_letters[longest]
    row = np.zeros(longest.size, dtype=np.int64)
    for j in range(int(n_digits.max())):
        ch = a[first + j].astype(np.int64) - 48
        if ((ch < 0) | (ch > 9)).any():
            return 0, 0, 0, opened, False
        row = row * 10 + ch
    max_col = 0
    if n_letters.max() > 0:
        widest = hits[n_letters == n_letters.max()]
        col = np.zeros(widest.size, dtype=np.int64)
        for j in range(int(n_letters.max())):
            col = col * 26 + ((a[widest + j] & 0xDF).astype(np.int64) - 64)
        max_col = int(col.max())
    return int(row.max()), max_col, int((n_letters > 0).sum()), opened, True


def _xlsx_sheet_cells_exact(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The slow path of ``_xlsx_sheet_cells``: every row and cell tag in order, as calamine
    places them (a cell without a reference follows the previous one)."""
    max_row = max_col = 0
    row_number = col = 0
    for chunk in _chunks(zf, info):
        for m in _XLSX_ROW_BLOCK_OPEN.finditer(chunk):
            closing, tag, attrs, _empty = m.groups()
            if closing:
                continue
            if tag == b"row":
                ref = _XLSX_ROW_NUMBER.search(attrs)
                row_number = int(ref.group(1)) if ref else row_number + 1
                col = 0
                max_row = max(max_row, row_number)
                continue
            ref = _CELL_REF.search(b" " + attrs)
            if ref:
                col, row = _col_number(ref.group(1)), int(ref.group(2))
            else:
                col, row = col + 1, row_number
            max_col, max_row = max(max_col, col), max(max_row, row)
            if max_row * max_col > MAX_CELLS:
                return max_row * max_col
    return max_row * max_col


def _resolve(base_dir: str, target: str) -> str:
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
    return posixpath.normpath(path).lstrip("/")


def _xml_root(zf: zipfile.ZipFile, name: str, names: set[str]):
    from defusedxml import ElementTree as SafeET

    if name not in names:
        return None
    try:
        return SafeET.fromstring(zf.read(name))
    except Exception:  # a damaged or hostile part: the parser reports it; the sniffing below still runs
        return None


def xlsx_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> tuple[set[str], set[str]]:
    """The worksheet parts and the shared-string parts of an xlsx, found the way a reader finds
    them: the targets of ``xl/_rels/workbook.xml.rels``, the parts ``[Content_Types].xml`` declares
    as worksheets or shared strings, everything under ``xl/worksheets/``, and any other part whose
    first bytes open a ``<worksheet>`` or ``<sst>`` (so that a sheet moved to ``xl/sheets/data.xml``
    is measured all the same)."""
    names = {i.filename for i in infos}
    sheets: set[str] = set()
    strings: set[str] = set()
    rels = _xml_root(zf, "xl/_rels/workbook.xml.rels", names)
    if rels is not None:
        for el in rels.iter(f"{_NS_PKG_REL}Relationship"):
            if (el.get("TargetMode") or "").lower() == "external":
                continue
            kind = (el.get("Type") or "").rsplit("/", 1)[-1].lower()
            path = _resolve("xl", el.get("Target") or "")
            if kind == "sharedstrings":
                strings.add(path)
            elif "sheet" in kind:
                sheets.add(path)
    types = _xml_root(zf, "[Content_Types].xml", names)
    if types is not None:
        for el in types.iter(f"{_NS_CT}Override"):
            ctype = (el.get("ContentType") or "").lower()
            path = _resolve("", el.get("PartName") or "")
            if ctype.endswith("sharedstrings+xml"):
                strings.add(path)
            elif ctype.endswith(("worksheet+xml", "chartsheet+xml", "dialogsheet+xml", "macrosheet+xml")):
                sheets.add(path)
    for info in infos:
        name = info.filename
        if name in sheets or name in strings or name.endswith("/") or not info.file_size:
            continue
        if name.startswith("xl/worksheets/"):
            sheets.add(name)
            continue
        try:
            with zf.open(info) as fh:
                head = fh.read(_SNIFF)
        except Exception:
            raise _unreadable("damaged") from None
        if re.search(rb"<(?:\w+:)?(?:worksheet|chartsheet|dialogsheet)\b|<(?:\w+:)?sheetData\b", head):
            sheets.add(name)
        elif re.search(rb"<(?:\w+:)?sst\b", head):
            strings.add(name)
    return sheets & names, strings & names


def _check_xlsx_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """A declared string count backed by the part's bytes; worksheets' cell extents within MAX_CELLS."""
    sheets, strings = xlsx_parts(zf, infos)
    by_name = {i.filename: i for i in infos}
    try:
        for name in sorted(strings):
            info = by_name[name]
            with zf.open(info) as fh:
                head = fh.read(_SNIFF)
            for m in _XML_COUNT.finditer(head):
                if int(m.group(1)) > info.file_size:
                    raise _unreadable("damaged")
        total = 0
        for name in sorted(sheets):
            total += _xlsx_sheet_cells(zf, by_name[name])
            _check_cells(total)
    except FileRejected:
        raise
    except Exception:  # zlib, CRC or zip structure errors while streaming a part
        raise _unreadable("damaged") from None


_ODS_TAG = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>",
)
_ODS_REPEAT = re.compile(rb"table:number-(?:rows|columns)-repeated\s*=\s*[\"'](\d+)[\"']")


def _check_ods_content(zf: zipfile.ZipFile, names: set[str]) -> None:
    """The cells an ods lays out (repeats included, trailing empty repeats not) within MAX_CELLS,
    measured by streaming ``content.xml``."""
    if "content.xml" not in names:
        raise _unreadable("damaged")
    try:
        _ods_cells(_chunks(zf, zf.getinfo("content.xml")))
    except FileRejected:
        raise
    except Exception:
        raise _unreadable("damaged") from None


def _ods_cells(chunks: Iterator[bytes]) -> None:
    total = 0
    row = col = 0
    max_row = max_col = 0
    row_repeat = 1
    row_has_value = False
    for chunk in chunks:
        for m in _ODS_TAG.finditer(chunk):
            closing, tag, attrs, empty = m.groups()
            if tag == b"table":
                if closing:
                    total += max_row * max_col
                    _check_cells(total)
                else:
                    row = col = max_row = max_col = 0
                continue
            if tag == b"table-row":
                if closing:
                    if row_has_value:
                        max_row = row + row_repeat
                    row += row_repeat
                    continue
                rep = _ODS_REPEAT.search(attrs)
                row_repeat = int(rep.group(1)) if rep else 1
                col = 0
                row_has_value = False
                if empty:
                    row += row_repeat
                continue
            if closing:
                continue
            rep = _ODS_REPEAT.search(attrs)
            repeat = int(rep.group(1)) if rep else 1
            if not empty or b"value-type" in attrs:
                row_has_value = True
                if col + repeat > max_col:
                    max_col = col + repeat
                if (row + row_repeat) * max_col > MAX_CELLS:
                    raise _too_many_cells((row + row_repeat) * max_col)
            col += repeat
    total += max_row * max_col
    _check_cells(total)


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
    try:
        stream = ole.read(book, limit=MAX_UPLOAD_BYTES)
        cells = _xls_cells(stream)
    except (struct.error, ValueError, IndexError, KeyError):
        raise _unreadable("damaged") from None
    _check_cells(cells)
    return "xls"


_CELL_RECORDS = {0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0201, 0x00D6}
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_DIMENSIONS = 0x0200
_SST = 0x00FC
_CONTINUE = 0x003C
_MAX_RECORD = 8224


def _xls_cells(stream: bytes) -> int:
    """The cells the sheets of a BIFF8 workbook stream lay out; ValueError when it is malformed.

    Every record must fit the stream and the BIFF8 record size; DIMENSIONS must be ordered and
    within 65,536 rows × 256 columns; the shared-string count must be backed by bytes.
    """
    pos = 0
    total = 0
    max_row = max_col = 0
    in_sheet = False
    n = len(stream)
    while pos + 4 <= n:
        rtype, size = struct.unpack_from("<HH", stream, pos)
        data_at = pos + 4
        if size > _MAX_RECORD or data_at + size > n:
            if rtype == 0 and size == 0:
                break
            raise ValueError("record overruns the stream")
        if rtype == _BOF:
            max_row = max_col = 0
            in_sheet = True
        elif rtype == _EOF and in_sheet:
            total += max_row * max_col
            in_sheet = False
        elif rtype == _DIMENSIONS and size >= 14:
            rw_first, rw_last, col_first, col_last = struct.unpack_from("<IIHH", stream, data_at)
            if rw_first > rw_last or rw_last > 65536 or col_first > col_last or col_last > 256:
                raise ValueError("bad DIMENSIONS")
            if rw_last * col_last > MAX_CELLS:
                raise _too_many_cells(rw_last * col_last)
        elif rtype in _CELL_RECORDS and size >= 4:
            r, c = struct.unpack_from("<HH", stream, data_at)
            max_row, max_col = max(max_row, r + 1), max(max_col, c + 1)
        elif rtype in _MULTI_RECORDS and size >= 6:
            r = struct.unpack_from("<H", stream, data_at)[0]
            last = struct.unpack_from("<H", stream, data_at + size - 2)[0]
            max_row, max_col = max(max_row, r + 1), max(max_col, last + 1)
        elif rtype == _SST and size >= 8:
            unique = struct.unpack_from("<I", stream, data_at + 4)[0]
            backing = size
            nxt = data_at + size
            while nxt + 4 <= n and struct.unpack_from("<H", stream, nxt)[0] == _CONTINUE:
                csize = struct.unpack_from("<H", stream, nxt + 2)[0]
                backing += csize
                nxt += 4 + csize
            if unique > backing:
                raise ValueError("bad SST count")
        if max_row * max_col + total > MAX_CELLS:
            raise _too_many_cells(max_row * max_col + total)
        pos = data_at + size
    return total + (max_row * max_col if in_sheet else 0)


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
        if max(n_fat, n_minifat, n_difat) > self.n_sectors or self.mini_cutoff != 4096:
            raise ValueError("header declares more sectors than the file holds")
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
            start, size, size_high = struct.unpack_from("<III", raw, 116)
            if etype in (2, 5) and (size > len(data) or (size_high and self.sector_size == 4096)):
                raise ValueError("stream larger than the file")
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
