"""Cells: the uploaded bytes parsed into plain Python rows, in the reader's child process.

``parse_workbook(data)`` is what ``sandbox.read_workbook`` runs in a worker:

1. **Container** (``container.inspect_file``): size, zip directory, encryption and cell-extent
   checks from the bytes, before any parser runs; the format comes from the magic bytes.
2. **Cells**: python-calamine reads every worksheet of .xlsx/.xlsm/.xls/.ods (numbers as float or
   int, dates, bools, "" for empty). Merged ranges come from calamine where it knows them (xlsx,
   xls).
3. **Header** (``header.find_header``) in the first rows of each sheet; the chosen sheet's rows are
   converted whole, the "Thông tin" sheet's first 100 rows too, the others only their first rows.
4. **Merged cells** in the body apply to every cell they cover, for the columns that carry a label
   (body type, unit, period, year, quarter): a body type written once beside a group of bodies, a
   unit merged down a long layout. Counts are never copied.
5. For xlsx, the chosen sheet's part (found through the workbook's relationships) is scanned for
   cells holding a formula and no cached value, which calamine reports as empty.

The result (``WorkbookCells``) is plain data (lists, strings, numbers, dates) that pickles back to
the parent. Also here: ``parse_number_text`` and the helpers that show a cell value as text.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field

import defusedxml
from defusedxml import ElementTree as SafeET

from ..text import fold_text
from .container import _resolve, inspect_file
from .header import HEADER_SEARCH_ROWS, INFO_SHEET_NAME, Header, choose_header, find_header

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    defusedxml.defuse_stdlib()  # refuse XML bombs in every stdlib XML parser of this process

__all__ = [
    "SheetCells",
    "WorkbookCells",
    "cell_text",
    "display_value",
    "parse_number_text",
    "parse_workbook",
]

#: header roles whose merged cells are copied down to every row they cover
FILL_DOWN_ROLES = ("body_type", "unit_code", "unit_text", "name_or_unit", "period", "year", "quarter")
INFO_ROWS = 100


@dataclass
class SheetCells:
    """One worksheet: its first rows, its merged ranges ((r0, c0), (r1, c1)) inclusive, and — for
    the data sheet and the "Thông tin" sheet — its rows."""

    name: str
    head: list[list] = field(default_factory=list)
    merges: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
    header: Header | None = None
    full: list[list] | None = None

    def top(self, n: int) -> list[list]:
        return self.rows[:n]

    @property
    def rows(self) -> list[list]:
        return self.full if self.full is not None else self.head


@dataclass
class WorkbookCells:
    """A parsed workbook: its format, its worksheets, the chosen header, and the cells of the
    header's sheet holding a formula without a cached value ((row0, col0) → "=FORMULA")."""

    fmt: str
    sheets: list[SheetCells]
    header: Header | None
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    failed: str | None = None  # the kind of error of a sheet calamine could not read


def parse_workbook(data: bytes, *, precheck: bool = True) -> WorkbookCells:
    """Check the container, then read every worksheet's cells (see the module docstring).

    Raises ``container.FileRejected`` for a file refused before parsing, and lets the parser's own
    errors through (the sandbox turns them into issue codes). ``precheck=False`` skips the
    container checks (tests only: to show that the sandbox contains what they would refuse)."""
    fmt = inspect_file(data) if precheck else ("xlsx" if data[:2] == b"PK" else "other")
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[SheetCells] = []
    calamine_sheets = {}
    failed: BaseException | None = None
    for meta in book.sheets_metadata:
        if meta.typ is not SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 1)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # a damaged sheet (calamine may panic): read the others
            failed = failed or exc
            continue
        try:
            merges = sheet.merged_cell_ranges
        except Exception:
            merges = None
        item = SheetCells(meta.name, head, merges)
        item.header = find_header(item)
        if item.header is not None or fold_text(meta.name) == fold_text(INFO_SHEET_NAME):
            calamine_sheets[id(item)] = sheet
        sheets.append(item)
    header = choose_header(sheets)
    if header is None and failed is not None:
        raise failed
    for item in sheets:
        sheet = calamine_sheets.get(id(item))
        if sheet is None:
            continue
        if header is not None and item is header.sheet:
            item.full = sheet.to_python(skip_empty_area=False)
            item.head = item.full[: HEADER_SEARCH_ROWS + 1]
            if item.merges is None and fmt == "ods":  # calamine knows no merges in ods
                item.merges = ods_merged_ranges(data, item.name)
            _fill_merged_down(item, header)
        elif fold_text(item.name) == fold_text(INFO_SHEET_NAME):
            item.full = sheet.to_python(skip_empty_area=False, nrows=INFO_ROWS)
    formulas: dict[tuple[int, int], str] = {}
    if fmt == "xlsx" and header is not None:
        formulas = xlsx_formulas_without_value(data, header.sheet.name)
    return WorkbookCells(fmt, sheets, header, formulas)


def _fill_merged_down(sheet: SheetCells, header: Header) -> None:
    """Copy a merged cell's value down the rows it covers below the header, in label columns."""
    rows = sheet.full or []
    label_cols = {c for role, c in header.columns.items() if role in FILL_DOWN_ROLES}
    for (r0, c0), (r1, c1) in sheet.merges or ():
        if r1 <= r0 or r0 <= header.row or r0 >= len(rows):
            continue
        for c in range(c0, c1 + 1):
            if c not in label_cols or c >= len(rows[r0]):
                continue
            value = rows[r0][c]
            if value in ("", None):
                continue
            for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                if c < len(rows[r]) and rows[r][c] in ("", None):
                    rows[r][c] = value


# ==== numbers =====================================================================================

_DASHES = {"-", "–", "—", "--"}
_THOUSANDS = re.compile(r"[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})*")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def parse_number_text(text: str) -> float | None:
    """A count typed as text: " 12 ", "12,0", "12.0", "1.234" / "1,234" (thousands), "-3".

    Returns None for an empty cell (blank, or a lone dash that people write for "none"); raises
    ValueError when the text is not a number.
    """
    s = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not s or s in _DASHES:
        return None
    s = s.replace(" ", "")
    if _THOUSANDS.fullmatch(s):
        return float(re.sub(r"[.,]", "", s))
    if _DECIMAL.fullmatch(s):
        return float(s.replace(",", "."))
    raise ValueError(f"not a number: {text!r}")


def display_value(value: object) -> str:
    """A cell value as a person would read it back in a message."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def cell_text(value: object) -> str:
    """A text cell stripped, a number written without '.0', empty for None/''."""
    if isinstance(value, str):
        return value.strip()
    return display_value(value).strip()


# ==== merged ranges of an ods sheet ==================================================================

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_merged_ranges(data: bytes, sheet_name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges ((r0, c0), (r1, c1)) of one ods sheet, from ``table:number-*-spanned``."""
    t = _ODS_TABLE
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as fh:
        inside = False
        row = -1
        col = 0
        for event, el in SafeET.iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == t + "table":
                    inside = el.get(t + "name") == sheet_name
                    row = -1
                elif inside and tag == t + "table-row":
                    row += 1
                    col = 0
                elif inside and tag in (t + "table-cell", t + "covered-table-cell"):
                    rows = int(el.get(t + "number-rows-spanned") or 1)
                    cols = int(el.get(t + "number-columns-spanned") or 1)
                    if tag == t + "table-cell" and (rows > 1 or cols > 1):
                        out.append(((row, col), (row + rows - 1, col + cols - 1)))
                    col += int(el.get(t + "number-columns-repeated") or 1)
                continue
            if inside and tag == t + "table-row":
                row += int(el.get(t + "number-rows-repeated") or 1) - 1
            elif inside and tag == t + "table":
                break
            if tag != t + "table":
                el.clear()
    return out


# ==== formulas without a cached value (xlsx) ======================================================

_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]|<(?:\w+:)?is>", re.S)
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)
_REF_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def xlsx_formulas_without_value(data: bytes, sheet_name: str) -> dict[tuple[int, int], str]:
    """Cells of one xlsx sheet holding a formula and no cached value: (row0, col0) → "=FORMULA"."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rid = None
        for el in book.iter(f"{_NS_MAIN}sheet"):
            if el.get("name") == sheet_name:
                rid = el.get(f"{_NS_REL}id")
                break
        if rid is None:
            return {}
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        target = None
        for el in rels.iter(f"{_NS_PKG}Relationship"):
            if el.get("Id") == rid:
                target = el.get("Target") or ""
                break
        if not target:
            return {}
        path = _resolve("xl", target)
        xml = zf.read(path)
    if b"<f" not in xml and b":f" not in xml:  # a quick look before the regular expressions
        return {}
    if not _HAS_FORMULA.search(xml):
        return {}
    out: dict[tuple[int, int], str] = {}
    for m in _CELL_RE.finditer(xml):
        body = m.group(2)
        if not body or not _HAS_FORMULA.search(body) or _VALUE_RE.search(body):
            continue
        ref = _REF_ATTR.search(m.group(1))
        if not ref:
            continue
        ftext = _FORMULA_TEXT.search(body)
        formula = html.unescape(ftext.group(1).decode("utf-8", "replace")) if ftext else ""
        out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = "=" + formula if formula else "="
    return out
