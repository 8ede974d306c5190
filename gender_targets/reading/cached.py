"""What a workbook caches that python-calamine does not tell: error values and formulas without a value.

python-calamine 0.9.1 returns "" both for a cell holding an Excel error value (``#REF!``,
``#DIV/0!``, …) and for a cell holding a formula whose result was never computed. Read as "", such a
count would be an empty cell, i.e. 0 — a wrong number that passes every rule. So the reader looks at
the file itself, for the sheets it reads:

- **xlsx / xlsm** (transitional and Strict Open XML alike: elements are matched by local name):
  the worksheet part found through ``xl/workbook.xml`` and its relationships; a cell ``t="e"``
  caches an error value in ``<v>`` (with or without a formula); a cell with ``<f>`` and no
  non-empty ``<v>`` (or ``<is>``) has no cached value. Only the cells around a ``<f`` or a
  ``t="e"`` are looked at when they carry their ``r`` reference (they nearly always do); a sheet
  with such a cell without a reference is walked cell by cell.
- **xls** (BIFF8, and BIFF5 of Excel 95): the sheet's substream, found from its BOUNDSHEET
  record; a BOOLERR record with the error flag, or a FORMULA record whose cached result is an
  error, is an error value; a FORMULA record whose cached result is "empty" (what xlwt writes, a
  file never calculated) has no value.
- **ods**: ``content.xml``; a cell ``calcext:value-type="error"`` (LibreOffice), or a formula cell
  whose text is an error ("#REF!", "Err:502"), is an error value; a formula cell without
  ``office:value-type`` (or with an empty result) has no value. The merged ranges of the same
  sheets are collected in the same pass (calamine knows none in ods).

``scan_workbook(data, fmt, sheets)`` returns, per ``SheetCells.index``, a ``Cached`` with
``errors`` ((row0, col0) → "#REF!"), ``formulas`` ((row0, col0) → "=FORMULA", "=…" where the
formula text is not at hand) and, for ods, ``merges``. Runs in the reader's child process.
"""

from __future__ import annotations

import codecs
import html
import io
import re
import struct
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET

from .container import _Ole, _resolve
from .grid import error_value_of

__all__ = ["Cached", "scan_workbook"]

NO_TEXT = "=…"  # a formula whose text is not at hand (xls RPN tokens)


@dataclass
class Cached:
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[tuple[int, int], tuple[int, int]]] | None = None


def scan_workbook(data: bytes, fmt: str, sheets: dict[int, str]) -> dict[int, Cached]:
    """``Cached`` for the sheets ``{index: name}`` of a workbook of format ``fmt`` (module docstring)."""
    if not sheets:
        return {}
    if fmt == "xlsx":
        return _scan_xlsx(data, sheets)
    if fmt == "xls":
        return _scan_xls(data, sheets)
    if fmt == "ods":
        return _scan_ods(data, sheets)
    return {}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n - 1


# ==== xlsx ========================================================================================

_PREFIXED = re.compile(rb"<\w+$")  # "<x" before the ":f" of a prefixed formula tag
_TYPE_BEFORE = re.compile(rb"\st\s*=\s*$")  # an attribute t= right before a quoted "e"
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ROW_OR_CELL = re.compile(
    rb"<(?:\w+:)?row\b([^>]*?)(/?)>|<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)",
    re.S,
)
_REF = re.compile(rb"(?<![\w:])r\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})[\"']")
_ROW_NUMBER = re.compile(rb"(?<![\w:])r\s*=\s*[\"'](\d{1,7})[\"']")
_TYPE = re.compile(rb"(?<![\w:])t\s*=\s*[\"'](\w+)[\"']")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*([^<]*?)\s*</(?:\w+:)?v>", re.S)
_INLINE = re.compile(rb"<(?:\w+:)?is\b")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)
_WINDOW = 4096
_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_PREFIX = re.compile(rb"\w+")


def _xlsx_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part path, from the workbook and its relationships (any namespace)."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    book = SafeET.fromstring(zf.read("xl/workbook.xml"))
    ids: dict[str, str] = {}
    for el in book.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id" and k != "id"), None)
        if rid is not None and el.get("name") is not None:
            ids[el.get("name")] = rid
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets: dict[str, str] = {}
    for el in rels.iter():
        if _local(el.tag) == "Relationship" and (el.get("TargetMode") or "").lower() != "external":
            targets[el.get("Id") or ""] = el.get("Target") or ""
    out = {}
    for name, rid in ids.items():
        target = targets.get(rid)
        if target:
            path = _resolve("xl", target)
            if path in names:
                out[name] = path
    return out


def _scan_xlsx(data: bytes, sheets: dict[int, str]) -> dict[int, Cached]:
    out: dict[int, Cached] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = _xlsx_parts(zf)
        for index, name in sheets.items():
            path = parts.get(name)
            if path is None:
                continue
            out[index] = xlsx_sheet_cached(zf.read(path))
    return out


def xlsx_sheet_cached(xml: bytes) -> Cached:
    """Error values and formulas without a value of one worksheet part."""
    found = Cached()
    starts: list[int] = []
    last = -1
    for mark in _marks(xml):
        opening = _cell_start(xml, mark)
        if opening is None:
            return _xlsx_walk(xml)
        if opening != last:
            starts.append(opening)
            last = opening
    for start in starts:
        m = _CELL.match(xml, start)
        if m is None:
            return _xlsx_walk(xml)
        ref = _REF.search(m.group(1))
        if ref is None:
            return _xlsx_walk(xml)
        _xlsx_cell(found, int(ref.group(2)) - 1, _col_index(ref.group(1)), m.group(1), m.group(2))
    return found


def _marks(xml: bytes) -> list[int]:
    """Positions of every formula tag and every ``t="e"`` attribute, in order (a scan for "<f", ":f"
    and the quoted "e": a regular expression over every byte of a large sheet is ten times slower)."""
    out: list[int] = []
    for needle in (b"<f", b":f"):
        pos = xml.find(needle)
        while pos >= 0:
            after = xml[pos + 2 : pos + 3]
            if after in _AFTER_NAME and (needle == b"<f" or _PREFIXED.search(xml, max(0, pos - 16), pos)):
                out.append(pos)
            pos = xml.find(needle, pos + 2)
    for needle in (b'"e"', b"'e'"):
        pos = xml.find(needle)
        while pos >= 0:
            if _TYPE_BEFORE.search(xml, max(0, pos - 16), pos):
                out.append(pos)
            pos = xml.find(needle, pos + 3)
    return sorted(out)


def _cell_start(xml: bytes, pos: int) -> int | None:
    """Where the cell tag (``<c`` or ``<x:c``) holding position ``pos`` opens; None if not within
    a few KB before it."""
    lo = max(0, pos - _WINDOW)
    end = pos + 1
    while True:
        p = xml.rfind(b"c", lo, end)
        if p < 1:
            return None
        if xml[p + 1 : p + 2] in _AFTER_NAME:
            before = xml[p - 1 : p]
            if before == b"<":
                return p - 1
            if before == b":":
                q = xml.rfind(b"<", lo, p)
                if q >= 0 and _PREFIX.fullmatch(xml, q + 1, p - 1):
                    return q
        end = p


def _xlsx_walk(xml: bytes) -> Cached:
    """Every row and cell in order (a cell without a reference follows the one before it)."""
    found = Cached()
    row = -1
    col = -1
    for m in _ROW_OR_CELL.finditer(xml):
        if m.group(3) is None:  # a row
            number = _ROW_NUMBER.search(m.group(1) or b"")
            row = int(number.group(1)) - 1 if number else row + 1
            col = -1
            continue
        attrs, body = m.group(3), m.group(4)
        ref = _REF.search(attrs)
        if ref is not None:
            row, col = int(ref.group(2)) - 1, _col_index(ref.group(1))
        else:
            col += 1
        _xlsx_cell(found, max(row, 0), col, attrs, body)
    return found


def _xlsx_cell(found: Cached, r: int, c: int, attrs: bytes, body: bytes | None) -> None:
    kind = _TYPE.search(attrs)
    is_error = kind is not None and kind.group(1) == b"e"
    body = body or b""
    value = _VALUE.search(body)
    cached = value.group(1) if value is not None else b""
    has_value = bool(cached) or _INLINE.search(body) is not None
    if is_error and has_value:
        found.errors[(r, c)] = html.unescape(cached.decode("utf-8", "replace")).strip() or "#VALUE!"
        return
    if _HAS_FORMULA.search(body) and not has_value:
        text = _FORMULA_TEXT.search(body)
        formula = html.unescape(text.group(1).decode("utf-8", "replace")) if text else ""
        found.formulas[(r, c)] = "=" + formula if formula else "="


# ==== xls (BIFF8, BIFF5) ==========================================================================

_BOF = 0x0809
_EOF = 0x000A
_CODEPAGE = 0x0042
_BOUNDSHEET = 0x0085
_FORMULA = 0x0006
_BOOLERR = 0x0205
_BIFF8 = 0x0600
#: BIFF error codes (the cached error of a cell) → the value Excel shows
XLS_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}


def _records(stream: bytes, pos: int):
    """(type, data offset, size) of the records from ``pos`` to the end of the substream."""
    n = len(stream)
    depth = 0
    while pos + 4 <= n:
        rtype, size = struct.unpack_from("<HH", stream, pos)
        at = pos + 4
        if at + size > n:
            return
        yield rtype, at, size
        if rtype == _BOF:
            depth += 1
        elif rtype == _EOF:
            depth -= 1
            if depth <= 0:
                return
        pos = at + size


def xls_boundsheets(stream: bytes) -> tuple[int, list[tuple[int, int, str]]]:
    """The BIFF version (0x0600 BIFF8, 0x0500 BIFF5) and every BOUNDSHEET: (stream offset, sheet
    type, name)."""
    version = 0
    codepage = 1252
    sheets: list[tuple[int, int, str]] = []
    for rtype, at, size in _records(stream, 0):
        if rtype == _BOF and size >= 2 and not version:
            version = struct.unpack_from("<H", stream, at)[0]
        elif rtype == _CODEPAGE and size >= 2:
            codepage = struct.unpack_from("<H", stream, at)[0]
        elif rtype == _BOUNDSHEET and size >= 7:
            offset, _state, kind, cch = struct.unpack_from("<IBBB", stream, at)
            raw = stream[at + 7 : at + size]
            if version >= _BIFF8 and raw:
                high = raw[0] & 1
                raw = raw[1 : 1 + cch * (2 if high else 1)]
                name = raw.decode("utf-16-le" if high else "latin-1", "replace")
            else:
                name = _decode_codepage(raw[:cch], codepage)
            sheets.append((offset, kind, name))
    return version, sheets


def _decode_codepage(raw: bytes, codepage: int) -> str:
    name = {1200: "utf-16-le", 367: "ascii", 10000: "mac_roman", 32768: "mac_roman", 32769: "cp1252"}.get(
        codepage, f"cp{codepage}"
    )
    try:
        codecs.lookup(name)
    except LookupError:
        name = "cp1252"
    return raw.decode(name, "replace")


def _scan_xls(data: bytes, sheets: dict[int, str]) -> dict[int, Cached]:
    ole = _Ole(data)
    names = {name for name, *_ in ole.entries}
    book = next((n for n in ("Workbook", "Book", "WORKBOOK", "BOOK") if n in names), None)
    if book is None:
        return {}
    stream = ole.read(book, limit=len(data))
    _version, bounds = xls_boundsheets(stream)
    out: dict[int, Cached] = {}
    for index in sheets:
        if index >= len(bounds):
            continue
        offset = bounds[index][0]
        if offset + 4 > len(stream) or struct.unpack_from("<H", stream, offset)[0] != _BOF:
            continue
        out[index] = _xls_sheet_cached(stream, offset)
    return out


def _xls_sheet_cached(stream: bytes, offset: int) -> Cached:
    found = Cached()
    for rtype, at, size in _records(stream, offset):
        if rtype == _BOOLERR and size >= 8:
            r, c = struct.unpack_from("<HH", stream, at)
            value, is_error = stream[at + 6], stream[at + 7]
            if is_error:
                found.errors[(r, c)] = XLS_ERRORS.get(value, "#VALUE!")
        elif rtype == _FORMULA and size >= 14:
            r, c = struct.unpack_from("<HH", stream, at)
            result = stream[at + 6 : at + 14]
            if result[6:8] != b"\xff\xff":
                continue  # a number
            kind = result[0]
            if kind == 2:
                found.errors[(r, c)] = XLS_ERRORS.get(result[2], "#VALUE!")
            elif kind == 3:
                found.formulas[(r, c)] = NO_TEXT
    return found


# ==== ods =========================================================================================

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
_NUMBER_TYPES = ("float", "percentage", "currency")
_ODS_PREFIX = re.compile(r"^(?:of|oooc|msoxl):")


def _scan_ods(data: bytes, sheets: dict[int, str]) -> dict[int, Cached]:
    """One pass over ``content.xml``: merges, error values and formulas without a value of the
    wanted tables (by name; the index of the n-th table is n)."""
    wanted = {name: index for index, name in sheets.items()}
    out: dict[int, Cached] = {}
    t = _T
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as fh:
        current: Cached | None = None
        row = -1
        col = 0
        row_repeat = 1
        for event, el in SafeET.iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == t + "table":
                    index = wanted.get(el.get(t + "name"))
                    current = None
                    if index is not None:
                        current = out[index] = Cached(merges=[])
                    row = -1
                elif current is not None and tag == t + "table-row":
                    row += 1
                    col = 0
                    row_repeat = int(el.get(t + "number-rows-repeated") or 1)
                continue
            if tag in (t + "table-cell", t + "covered-table-cell"):
                if current is not None:
                    repeat = int(el.get(t + "number-columns-repeated") or 1)
                    if tag == t + "table-cell":
                        _ods_cell(current, el, row, col, repeat, row_repeat)
                    col += repeat
                el.clear()  # its text is read: the paragraphs inside go with it
            elif tag == t + "table-row":
                if current is not None:
                    row += row_repeat - 1
                el.clear()
            elif tag == t + "table":
                current = None
                if len(out) == len(sheets):
                    break
    return out


def _ods_cell(found: Cached, el, row: int, col: int, repeat: int, row_repeat: int) -> None:
    t = _T
    rows_span = int(el.get(t + "number-rows-spanned") or 1)
    cols_span = int(el.get(t + "number-columns-spanned") or 1)
    if rows_span > 1 or cols_span > 1:
        found.merges.append(((row, col), (row + rows_span - 1, col + cols_span - 1)))
    formula = el.get(t + "formula")
    calc_type = el.get(_CALCEXT_TYPE)
    if formula is None and calc_type != "error":
        return
    value_type = el.get(_O + "value-type")
    text = "".join(el.itertext()).strip()
    code = None
    missing = False
    if calc_type == "error":
        code = error_value_of(text) or (text if text.startswith("#") else "#VALUE!")
    elif value_type is None:
        missing = True
    elif value_type == "string":
        shown = el.get(_O + "string-value")
        shown = text if shown is None else shown.strip()
        code = error_value_of(shown) or error_value_of(text)
        missing = code is None and not shown and not text
    elif value_type in _NUMBER_TYPES and el.get(_O + "value") is None:
        missing = True
    if code is None and not missing:
        return
    shown_formula = "=" + _ODS_PREFIX.sub("", formula or "").lstrip("=")
    for dr in range(min(row_repeat, 1000)):
        for dc in range(min(repeat, 1000)):
            at = (row + dr, col + dc)
            if code is not None:
                found.errors[at] = code
            else:
                found.formulas[at] = shown_formula
