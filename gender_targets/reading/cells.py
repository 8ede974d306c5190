"""Cells: the uploaded bytes parsed into plain Python rows, in the reader's child process.

``parse_workbook(data)`` is what ``sandbox.read_workbook`` runs in a worker:

1. **Container** (``container.inspect_file``): size, zip directory, encryption and cell-extent
   checks from the bytes, before any parser runs; the format comes from the magic bytes.
2. **Cells**: python-calamine reads every worksheet of .xlsx/.xlsm/.xls/.ods (numbers as float or
   int, dates, bools, "" for empty). Merged ranges come from calamine where it knows them (xlsx,
   xls), else from the file (ods).
3. **Header** (``header.find_header``) in the first rows of each sheet, and the sheets to read
   (``header.choose_tables``: one sheet, or a table split over several); those sheets' rows are
   converted whole, the "Thông tin" sheet's first 100 rows too, the others only their first rows.
   Text typed with the old TCVN3 fonts ("Tæng sè") is turned back into Unicode first
   (``legacy``), so that its header, body types and unit names can be matched.
4. **What calamine does not tell** (``cached.scan_workbook``), for the sheets read: a cell holding
   an Excel error value becomes a ``grid.CellError`` (calamine gives "" — an empty count, 0);
   cells holding a formula without a cached value are listed in ``SheetCells.formulas``.
5. **Merged cells** in the body apply to every cell they cover, for the columns that carry a label
   (body type, unit, period, year, quarter): a body type written once beside a group of bodies, a
   unit merged down a long layout. Counts are never copied.

The result (``grid.WorkbookCells``) is plain data (lists, strings, numbers, dates) that pickles
back to the parent. The value helpers (``parse_number_text``, ``cell_text``, ``display_value``)
live in ``grid`` and are re-exported here.
"""

from __future__ import annotations

import io
import unicodedata
import warnings

import defusedxml

from ..text import fold_text
from .cached import scan_workbook
from .container import inspect_file
from .grid import (
    CellError,
    SheetCells,
    WorkbookCells,
    cell_text,
    display_value,
    error_value_of,
    parse_number_text,
)
from .header import HEADER_SEARCH_ROWS, INFO_SHEET_NAME, Header, choose_tables, find_header
from .legacy import decode_cells, decode_text, looks_legacy

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    defusedxml.defuse_stdlib()  # refuse XML bombs in every stdlib XML parser of this process

__all__ = [
    "CellError",
    "SheetCells",
    "WorkbookCells",
    "cell_text",
    "display_value",
    "error_value_of",
    "parse_number_text",
    "parse_workbook",
]

#: header roles whose merged cells are copied down to every row they cover
FILL_DOWN_ROLES = ("body_type", "unit_code", "unit_text", "name_or_unit", "period", "year", "quarter")
INFO_ROWS = 100


def _is_info(name: str) -> bool:
    return fold_text(name) == fold_text(INFO_SHEET_NAME)


def parse_workbook(data: bytes, *, precheck: bool = True) -> WorkbookCells:
    """Check the container, then read every worksheet's cells (see the module docstring).

    Raises ``container.FileRejected`` for a file refused before parsing, and lets the parser's own
    errors through (the sandbox turns them into issue codes). ``precheck=False`` skips the
    container checks (tests only: to show that the sandbox contains what they would refuse)."""
    fmt = inspect_file(data) if precheck else ("xlsx" if data[:2] == b"PK" else "other")
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[SheetCells] = []
    calamine_sheets = {}
    failed: BaseException | None = None
    for index, meta in enumerate(book.sheets_metadata):
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
        legacy = looks_legacy(head)
        if legacy:  # typed with the old TCVN3 fonts: the header's words must be seen as Vietnamese
            decode_cells(head)
        item = SheetCells(
            unicodedata.normalize("NFC", decode_text(meta.name)),
            head,
            merges,
            index=index,
            visible=meta.visible is SheetVisibleEnum.Visible,
            raw_name=meta.name,
            legacy=legacy,
        )
        item.header = find_header(item)
        calamine_sheets[id(item)] = sheet
        sheets.append(item)
    tables, not_read = choose_tables(sheets)
    if not tables and failed is not None:
        raise failed
    read = {id(h.sheet) for h in tables}
    info = next((s for s in sheets if _is_info(s.name) and id(s) not in read), None)
    for item in sheets:
        if id(item) in read:
            item.full = calamine_sheets[id(item)].to_python(skip_empty_area=False)
            item.head = item.full[: HEADER_SEARCH_ROWS + 1]
        elif item is info:
            item.full = calamine_sheets[id(item)].to_python(skip_empty_area=False, nrows=INFO_ROWS)
        else:
            continue
        if item.legacy or looks_legacy(item.full):
            item.legacy = True
            decode_cells(item.full)
    scanned = [h.sheet for h in tables] + ([info] if info is not None else [])
    cached = scan_workbook(data, fmt, {s.index: s.raw_name for s in scanned}) if precheck else {}
    for item in scanned:
        found = cached.get(item.index)
        if found is None:
            continue
        _put_errors(item, found.errors)
        item.formulas = found.formulas
        if item.merges is None and found.merges is not None:
            item.merges = found.merges
    for header in tables:
        _fill_merged_down(header.sheet, header)
    first = tables[0] if tables else None
    return WorkbookCells(fmt, sheets, first, tables, not_read)


def _put_errors(sheet: SheetCells, errors: dict[tuple[int, int], str]) -> None:
    """A ``CellError`` in the place of every error value calamine read as "" (or as its text)."""
    rows = sheet.rows
    for (r, c), code in errors.items():
        if r >= len(rows):
            continue
        row = rows[r]
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        row[c] = CellError(code)


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
