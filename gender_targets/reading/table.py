"""The body table: the rows under the header as a raw frame with the source cell of every value.

``read_table(header, formulas)`` finds the body rows — after the header and an optional
column-number row ("(1) (2) …", "1 2 3"), up to a footer ("Người lập biểu", "Thủ trưởng đơn vị",
"Ngày … tháng … năm", "Ghi chú: …") — and reads them: names and notes as text, each count column
as a number (text such as " 12 ", "12,0", "1.234" is read; an empty cell or a lone dash is
empty), which rows are total rows ("Tổng cộng", "Cộng"), and the cells holding a formula without
a cached value. It applies no rule: what is wrong with a row is decided in
``validation.rows``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..schema import BODY_COLUMNS, COUNT_COLUMNS
from .cells import cell_text, parse_number_text
from .header import Header, is_footer_text, is_total_text

__all__ = ["RawTable", "parse_counts", "read_table", "single_count"]


@dataclass
class RawTable:
    """The body rows of the data sheet, read but not judged.

    ``frame``: ``source_row`` (1-based sheet row), ``body_name``, ``note`` (text). Per count column
    (``values``/``present``/``bad``): the number or NaN, whether the cell holds anything, whether
    it holds something that is not a number. ``formulas``: (row0, col0) → "=FORMULA" for cells of
    used columns holding a formula without a cached value; ``formula_rows[role]`` marks them per
    row. ``name_present``, ``any_count``, ``total``: per row.
    """

    sheet: str
    header: Header
    columns: dict[str, int]
    start: int  # 0-based sheet row of the first body row
    rows: list[list]
    frame: pd.DataFrame
    values: dict[str, np.ndarray] = field(default_factory=dict)
    present: dict[str, np.ndarray] = field(default_factory=dict)
    bad: dict[str, np.ndarray] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    formula_rows: dict[str, np.ndarray] = field(default_factory=dict)
    name_present: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    any_count: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    total: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, role: str) -> list:
        """The raw cells of one column ("" where the column or the cell is missing)."""
        c = self.columns.get(role)
        if c is None:
            return [""] * len(self.rows)
        return [row[c] if c < len(row) else "" for row in self.rows]


def _count_cols(columns: dict[str, int]) -> list[int]:
    return [columns[c] for c in COUNT_COLUMNS if c in columns]


def _is_column_number_row(row: list) -> bool:
    nums: list[int] = []
    for v in row:
        if v in ("", None):
            continue
        if isinstance(v, bool):
            return False
        if isinstance(v, int | float):
            if v != v or not float(v).is_integer() or not 0 < v < 100:
                return False
            nums.append(int(v))
            continue
        s = str(v).strip()
        m = re.fullmatch(r"\(?\s*(\d{1,2})\s*\)?(?:\s*[=+\-*/x]\s*\(?\s*\d{1,2}\s*\)?)*", s)
        if m:
            nums.append(int(m.group(1)))
        elif not re.fullmatch(r"\(?[A-Za-z]\)?", s):
            return False
    return len(nums) >= 2 and all(b > a for a, b in itertools.pairwise(nums))


def _body_range(header: Header, rows: list[list]) -> tuple[int, int]:
    start = header.row + 1
    for r in range(start, min(start + 4, len(rows))):
        row = rows[r]
        if all(v in ("", None) for v in row):
            continue
        if _is_column_number_row(row):
            start = r + 1
        break
    count_cols = _count_cols(header.columns)
    note_col = header.columns.get("note", -1)
    end = len(rows)
    footer_cache: dict[str, bool] = {}
    for r in range(start, len(rows)):
        row = rows[r]
        if any(type(row[c]) in (int, float) for c in count_cols if c < len(row)):
            continue  # a row with numbers in its count cells is never a footer
        for c, v in enumerate(row):
            if c == note_col or not isinstance(v, str) or not v:
                continue  # a note saying "Ghi chú: …" belongs to its body row
            hit = footer_cache.get(v)
            if hit is None:
                hit = footer_cache[v] = is_footer_text(v)
            if hit:
                return start, r
    return start, end


def read_table(header: Header, formulas: dict[tuple[int, int], str]) -> RawTable:
    """The body rows under ``header`` read into a ``RawTable`` (module docstring)."""
    rows = header.sheet.rows
    cols = header.columns
    start, end = _body_range(header, rows)
    body_rows = rows[start:end]
    n = len(body_rows)
    frame = pd.DataFrame({"source_row": np.arange(start, start + n) + 1})
    table = RawTable(header.sheet.name, header, cols, start, body_rows, frame)
    names = [cell_text(v) for v in table.column("body_name")]
    frame["body_name"] = names
    frame["note"] = [cell_text(v) for v in table.column("note")]

    # formulas without a cached value, inside the table and in columns we read
    used_cols = {c: role for role, c in cols.items()}
    table.formulas = {
        (r, c): f
        for (r, c), f in formulas.items()
        if start <= r < end and c in used_cols and used_cols[c] in BODY_COLUMNS
    }
    any_count = np.zeros(n, dtype=bool)
    for role in COUNT_COLUMNS:
        vals, pres, not_number = parse_counts(table.column(role))
        here = np.zeros(n, dtype=bool)
        if role in cols:
            for r, c in table.formulas:
                if c == cols[role]:
                    pres[r - start] = True
                    here[r - start] = True
        table.values[role], table.present[role], table.bad[role] = vals, pres, not_number
        table.formula_rows[role] = here
        any_count |= pres
    table.any_count = any_count

    name_present = np.array([bool(x) for x in names], dtype=bool)
    if "body_name" not in cols:
        name_present = any_count.copy()
    table.name_present = name_present
    first_count = min(_count_cols(cols), default=len(rows[0]) if rows else 0)
    total = np.zeros(n, dtype=bool)
    total_cache: dict[str, bool] = {}
    for i, row in enumerate(body_rows):
        if not (name_present[i] or any_count[i]):
            continue
        for v in row[:first_count]:
            if isinstance(v, str) and v:
                hit = total_cache.get(v)
                if hit is None:
                    hit = total_cache[v] = is_total_text(v)
                if hit:
                    total[i] = True
                    break
    table.total = total
    return table


def single_count(raw: object) -> float | None:
    """One count cell read as a number; None when empty or not a number."""
    if type(raw) in (int, float):
        return None if raw != raw else float(raw)
    if isinstance(raw, str):
        try:
            return parse_number_text(raw)
        except ValueError:
            return None
    return None


_VALUE_KIND = {float: 1, int: 1, str: 2}  # anything else (bool, date, time) is not a count


def parse_counts(vals: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value or NaN, cell present, present but not a number) for one count column.

    Numbers pass through; each distinct text is parsed once (``parse_number_text``); bools,
    dates and times are not numbers.
    """
    n = len(vals)
    s = pd.Series(vals, dtype=object)
    kinds = s.map(type).map(_VALUE_KIND).fillna(0).to_numpy(dtype="int8")
    is_num = kinds == 1
    is_str = kinds == 2
    out = np.full(n, np.nan)
    if is_num.any():
        out[is_num] = s[is_num].to_numpy(dtype="float64")
    bad = ~is_num & ~is_str & s.notna().to_numpy()
    present = is_num | bad
    if is_str.any():
        texts = s[is_str]
        values: dict[str, float] = {}
        flags: dict[str, int] = {}  # 0 empty, 1 number, 2 not a number
        for text in pd.unique(texts.to_numpy()):
            try:
                v = parse_number_text(text)
            except ValueError:
                values[text], flags[text] = np.nan, 2
            else:
                values[text], flags[text] = (np.nan, 0) if v is None else (v, 1)
        out[is_str] = texts.map(values).to_numpy(dtype="float64")
        f = texts.map(flags).to_numpy(dtype="int8")
        present[is_str] = f != 0
        bad[is_str] = f == 2
    return out, present, bad
