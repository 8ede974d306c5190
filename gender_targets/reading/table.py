"""The body table: the rows under a header as a raw frame with the source cell of every value.

``read_table(header)`` finds the body rows of one sheet and reads them: names and notes as text,
each count column as a number (text such as " 12 ", "12,0", "1.234" is read; an empty cell or a
lone dash is empty; an Excel error value is flagged, never a number), which rows are totals, and
the cells holding a formula without a cached value. It applies no rule: what is wrong with a row is
decided in ``validation.rows``. Where the rows are:

- after the header and an optional column-number row ("(1) (2) …", "1 2 3");
- up to a footer ("Người lập biểu", "Thủ trưởng đơn vị", "Ghi chú: …"; a date line "ngày … tháng
  … năm" only when no body follows it). Body-like rows below the footer are not read and are
  reported (``after_footer``).
- **Printed pages** laid out in the cells are skipped, not read as bodies: the header and the
  column-number row repeated inside the table (and, before a repeated header, the rows without
  counts that a page break leaves: a repeated title, a date line, blank rows), "Trang 2", "Trang
  2/5", "(tiếp theo)" lines, and the carried sums "Cộng trang 1", "Trang trước chuyển sang" (as
  totals).
- **Groups**: a heading row ("I. Khối chính quyền", an STT "I", "A") without counts is skipped; one
  with counts is the subtotal of the bodies under it when its numbers are their sums, or when it
  has no body type (``total_kind`` "heading"). A row labelled like a total ("Tổng cộng", "Cộng",
  "Cộng khối …", "Total") is a total (``"grand"`` for "Tổng …", else ``"section"``; ``"carry"`` for
  a printed page's carried sum); one that only starts like a total ("Cộng nhóm I" — but "Công
  đoàn" folds the same) is a total only when its numbers are the sums of the bodies above it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..schema import BODY_COLUMNS, COUNT_COLUMNS, match_body_type
from ..text import fold_text
from .grid import CellError, cell_text, error_value_of, parse_number_text
from .header import (
    DATA_SHEET_NAME,
    Header,
    classify_header,
    footer_kind,
    header_grid,
    is_enumerated_heading,
    is_group_heading,
    is_group_number,
    is_page_mark,
    is_total_text,
    may_be_total_text,
)

__all__ = ["RawTable", "parse_counts", "read_table", "set_aside", "single_count"]

#: columns whose Excel error values are reported (counts, and what names and classifies a body)
LABEL_ROLES = ("body_name", "body_type")
_CHILD_ROLES = ("_total", "_female")


@dataclass
class RawTable:
    """The body rows of one data sheet, read but not judged.

    ``frame``: ``source_row`` (1-based sheet row), ``body_name``, ``note`` (text). Per count column
    (``values``/``present``/``bad``/``errors``): the number or NaN, whether the cell holds
    anything, whether it holds something that is not a number, whether that is an Excel error
    value. ``label_errors[role]``: an error value in the body name or type cell. ``formulas``:
    (row0, col0) → "=FORMULA" for cells of used columns holding a formula without a cached value;
    ``formula_rows[role]`` marks them per row. ``name_present``, ``any_count`` per row; ``total``
    (any total row) and ``total_kind`` ("grand", "section", "heading", "carry", or ""); ``ignored``:
    printed-page leftovers and group headings, which are neither bodies nor skipped bodies.
    ``after_footer``: the 0-based sheet row of the first body-like row below the footer, if any.
    ``merged_counts``: (count column, first row, last row) of the count cells merged over rows.
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
    errors: dict[str, np.ndarray] = field(default_factory=dict)
    label_errors: dict[str, np.ndarray] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    formula_rows: dict[str, np.ndarray] = field(default_factory=dict)
    name_present: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    any_count: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    total: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    total_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    ignored: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    after_footer: int | None = None
    merged_counts: list[tuple[str, int, int]] = field(default_factory=list)
    total_span: dict[int, int] = field(default_factory=dict)  # a heading or top total: end of its bodies

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


_COLUMN_NUMBER = re.compile(r"\(?\s*(\d{1,2})\s*\)?(?:\s*[=+\-*/x]\s*\(?\s*\d{1,2}\s*\)?)*")


def _column_numbers(row: list) -> list[int] | None:
    """The numbers of a column-number row ("(1) (2) …", "1 2 3", "(4)=(5)+(6)", "A B"), None if the
    row holds anything else."""
    nums: list[int] = []
    for v in row:
        if v in ("", None):
            continue
        if isinstance(v, bool) or type(v) is CellError:
            return None
        if isinstance(v, int | float):
            if v != v or not float(v).is_integer() or not 0 < v < 100:
                return None
            nums.append(int(v))
            continue
        s = str(v).strip()
        m = _COLUMN_NUMBER.fullmatch(s)
        if m:
            nums.append(int(m.group(1)))
        elif not re.fullmatch(r"\(?[A-Za-z]\)?", s):
            return None
    return nums


def _is_column_number_row(row: list) -> bool:
    nums = _column_numbers(row)
    return nums is not None and len(nums) >= 2 and all(b > a for a, b in itertools.pairwise(nums))


def _is_repeated_column_numbers(row: list) -> bool:
    """Inside the table, stricter (a nameless body "1 2 3" must stay a row): three or more numbers
    in steps of one."""
    nums = _column_numbers(row)
    return nums is not None and len(nums) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(nums))


def _column_values(rows: list[list], c: int | None) -> list:
    if c is None:
        return [""] * len(rows)
    return [row[c] if c < len(row) else "" for row in rows]


class _Layout:
    """Which rows under the header are body rows, and which are a printed page's leftovers.

    Works from per-row masks over every row below the header (``has_number``: a count cell holds a
    number or a number typed as text; ``has_count``: that, or an error value; ``named``: the name
    cell holds something), so that the rows of a large table are looked at one by one only where a
    mask says they might be page furniture."""

    def __init__(self, header: Header, rows: list[list], start: int, names: list[str]):
        self.header = header
        self.rows = rows
        self.start = start
        self.count_cols = _count_cols(header.columns)
        self.name_col = header.columns.get("body_name")
        self.type_col = header.columns.get("body_type")
        self.note_col = header.columns.get("note", -1)
        self.role_of = {c: role for role, c in header.columns.items()}
        self.count_set = set(self.count_cols)
        below = rows[start:]
        n = len(below)
        self.has_number = np.zeros(n, dtype=bool)
        self.has_count = np.zeros(n, dtype=bool)
        self.parsed: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        for role in COUNT_COLUMNS:
            c = header.columns.get(role)
            if c is None:
                continue
            vals, present, bad, errors = parse_counts(_column_values(below, c))
            self.parsed[role] = (vals, present, bad, errors)
            self.has_number |= present & ~bad
            self.has_count |= (present & ~bad) | errors
        lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
        self.named = lengths > 0
        self.short_name = lengths <= 4  # "", or "(2)" in a repeated column-number row
        grid = header_grid(header.sheet)
        self.header_texts: dict[int, set[str]] = {}
        for r in range(header.top, min(header.row + 1, len(grid))):
            for c, text in enumerate(grid[r]):
                if text:
                    self.header_texts.setdefault(c, set()).add(text)

    def is_repeated_header(self, row: list) -> bool:
        """The header row (or its parent row) repeated at the top of a printed page: two or more
        cells that read as the header's words in the same columns (or words naming the same column,
        "Tổng số" over a count), most of the row (the caller knows it has no count)."""
        filled = same = 0
        for c, v in enumerate(row):
            if v in ("", None) or type(v) is CellError:
                continue
            filled += 1
            text = fold_text(v)
            if not text:
                continue
            if text in self.header_texts.get(c, ()):
                same += 1
                continue
            role = classify_header(text)
            if role is not None and (role == self.role_of.get(c) or (role in _CHILD_ROLES and c in self.count_set)):
                same += 1
        return same >= 2 and 2 * same >= filled

    def body_range(self) -> tuple[int, set[int], int | None]:
        """(end, printed-page rows to skip, first body-like row after the footer), sheet rows."""
        rows, start = self.rows, self.start
        skip: set[int] = set()
        repeats: list[int] = []
        # a repeated "(1) (2) (3)" row has numbers but no name (or a short "(2)" in its place)
        for i in np.flatnonzero(self.has_number & self.short_name | ~self.has_count):
            r = start + int(i)
            row = rows[r]
            if self.has_number[i]:
                repeat = _is_repeated_column_numbers(row)
            else:  # "(4)" is no number: a column-number row written in brackets has none
                repeat = any(v not in ("", None) for v in row) and (
                    _is_repeated_column_numbers(row) or self.is_repeated_header(row)
                )
            if repeat:
                skip.add(r)
                repeats.append(r)
        end, after = self._footer(repeats)
        # a page break's leftovers: the rows without counts or body type just before a repeated header
        for r in repeats:
            k = r - 1
            while k >= start and k not in skip and self._is_leftover(k):
                skip.add(k)
                k -= 1
        for i in np.flatnonzero(~self.has_count[: end - start]):
            r = start + int(i)
            if r not in skip and self._is_page_mark_row(rows[r]):
                skip.add(r)
        return end, skip, after

    def _is_leftover(self, r: int) -> bool:
        """A row a page break may leave (a repeated title, a date line, a page number, a blank): no
        count and no body type — a body row, even one whose counts are words, has its type."""
        if self.has_count[r - self.start]:
            return False
        row = self.rows[r]
        return self.type_col is None or self.type_col >= len(row) or not cell_text(row[self.type_col])

    @staticmethod
    def _is_page_mark_row(row: list) -> bool:
        texts = [v for v in row if isinstance(v, str) and v.strip()]
        return bool(texts) and all(is_page_mark(v) for v in texts)

    def _footer(self, repeats: list[int]) -> tuple[int, int | None]:
        """Where the table ends (the first footer row after the last repeated header), and the first
        body-like row below it. A row with numbers in its count cells is never a footer; a date line
        ends the table only when signatures or nothing body-like follow it (a title block repeated on
        a printed page has one too)."""
        rows, start = self.rows, self.start
        after_repeats = (repeats[-1] + 1) if repeats else start
        cache: dict[str, str | None] = {}
        body_like = np.flatnonzero(self.named & self.has_number) + start

        def next_body(r: int) -> int | None:
            later = body_like[body_like > r]
            return int(later[0]) if later.size and self.name_col is not None else None

        date_at: int | None = None
        for i in np.flatnonzero(~self.has_number):
            r = start + int(i)
            if r < after_repeats:
                continue
            kind = None
            for c, v in enumerate(rows[r]):
                if c == self.note_col or not isinstance(v, str) or not v:
                    continue  # a note saying "Ghi chú: …" belongs to its body row
                hit = cache[v] if v in cache else cache.setdefault(v, footer_kind(v))
                if hit == "sign" or (hit == "date" and kind is None):
                    kind = hit
            if kind is None:
                continue
            if kind == "sign":
                end = date_at if date_at is not None and next_body(date_at) == next_body(r) else r
                return end, next_body(r)
            if next_body(r) is None:
                return r, None
            if date_at is None or next_body(date_at) != next_body(r):
                date_at = r  # a date line with bodies below it: the end only if signatures follow
        return len(rows), None


def _start_of(header: Header, rows: list[list]) -> int:
    """The first row below the header, after an optional column-number row."""
    start = header.row + 1
    for r in range(start, min(start + 4, len(rows))):
        row = rows[r]
        if all(v in ("", None) for v in row):
            continue
        if _is_column_number_row(row):
            start = r + 1
        break
    return start


def read_table(header: Header, formulas: dict[tuple[int, int], str] | None = None) -> RawTable:
    """The body rows under ``header`` read into a ``RawTable`` (module docstring). ``formulas``:
    the sheet's cells holding a formula without a cached value (default: ``header.sheet.formulas``)."""
    rows = header.sheet.rows
    cols = header.columns
    formulas = header.sheet.formulas if formulas is None else formulas
    start = _start_of(header, rows)
    all_names = [cell_text(v) for v in _column_values(rows[start:], cols.get("body_name"))]
    layout = _Layout(header, rows, start, all_names)
    end, skip, after = layout.body_range()
    body_rows = rows[start:end]
    n = len(body_rows)
    frame = pd.DataFrame({"source_row": np.arange(start, start + n) + 1})
    table = RawTable(header.sheet.name, header, cols, start, body_rows, frame, after_footer=after)
    raw_names = table.column("body_name")
    names = all_names[:n]
    frame["body_name"] = names
    frame["note"] = [cell_text(v) for v in table.column("note")]
    for role in LABEL_ROLES:
        table.label_errors[role] = np.array([error_value_of(v) is not None for v in table.column(role)], dtype=bool)

    # formulas without a cached value, inside the table and in columns we read
    used_cols = {c: role for role, c in cols.items()}
    table.formulas = {
        (r, c): f
        for (r, c), f in formulas.items()
        if start <= r < end and c in used_cols and used_cols[c] in BODY_COLUMNS
    }
    any_count = np.zeros(n, dtype=bool)
    for role in COUNT_COLUMNS:
        if role in layout.parsed:
            vals, pres, not_number, errors = (a[:n].copy() for a in layout.parsed[role])
        else:
            vals, pres, not_number, errors = parse_counts([""] * n)
        here = np.zeros(n, dtype=bool)
        if role in cols:
            for r, c in table.formulas:
                if c == cols[role]:
                    pres[r - start] = True
                    here[r - start] = True
        table.values[role], table.present[role], table.bad[role] = vals, pres, not_number
        table.errors[role] = errors
        table.formula_rows[role] = here
        any_count |= pres
    ignored = np.zeros(n, dtype=bool)
    for r in skip:
        if start <= r < end:
            ignored[r - start] = True
    any_count &= ~ignored
    table.any_count = any_count
    table.ignored = ignored

    name_present = np.array([bool(x) for x in names], dtype=bool) & ~ignored
    if "body_name" not in cols:
        name_present = any_count.copy()
    table.name_present = name_present
    _find_totals(table, raw_names)
    table.name_present &= ~table.ignored
    count_of = {c: role for role, c in cols.items() if role in COUNT_COLUMNS}
    for (r0, c0), (r1, c1) in header.sheet.merges or ():
        if r1 > r0 and r1 >= start and r0 < end:
            for c in range(c0, c1 + 1):
                if c in count_of:
                    table.merged_counts.append((count_of[c], r0, r1))
    return table


def _label_of(row: list, first_count: int) -> str | None:
    """The first text left of the count columns."""
    for v in row[:first_count]:
        if isinstance(v, str) and v.strip():
            return v
    return None


def _find_totals(table: RawTable, raw_names: list) -> None:
    """Mark total rows (``total``, ``total_kind``) and group headings (``ignored``), see the module
    docstring. Sums compare the rows' counts where every count of the section is a number."""
    n = len(table)
    cols = table.columns
    first_count = min(_count_cols(cols), default=len(table.rows[0]) if table.rows else 0)
    stt_col = cols.get("stt")
    type_col = cols.get("body_type")
    roles = [r for r in COUNT_COLUMNS if r in cols]
    kind = np.full(n, "", dtype=object)
    maybe: list[int] = []
    headings: list[tuple[int, bool]] = []
    cache: dict[str, bool] = {}
    headings_seen: dict[str, tuple[bool, bool]] = {}
    maybe_seen: dict[str, bool] = {}
    for i, row in enumerate(table.rows):
        if table.ignored[i] or not (table.name_present[i] or table.any_count[i]):
            continue
        label = _label_of(row, first_count)
        if label is not None:
            hit = cache[label] if label in cache else cache.setdefault(label, is_total_text(label))
            if hit:
                folded = fold_text(label)
                kind[i] = (
                    "carry"
                    if " trang" in f" {folded}" or "sang" in folded
                    else ("grand" if folded.startswith("tong") else "section")
                )
                continue
        stt = row[stt_col] if stt_col is not None and stt_col < len(row) else ""
        name = raw_names[i]
        strong = type(stt) is str and is_group_number(stt)
        heading = strong
        if not strong and type(name) is str:
            seen = headings_seen.get(name)
            if seen is None:
                seen = headings_seen[name] = (is_enumerated_heading(name), is_group_heading(name))
            strong = seen[0]
            heading = seen[0] or seen[1]
        if heading:
            type_text = cell_text(row[type_col]) if type_col is not None and type_col < len(row) else ""
            if not table.any_count[i]:
                if not type_text:
                    table.ignored[i] = True  # a heading: neither a body nor a skipped body
                continue
            headings.append((i, strong))
            continue
        if label is not None and table.any_count[i]:
            hit = maybe_seen[label] if label in maybe_seen else maybe_seen.setdefault(label, may_be_total_text(label))
            if hit:
                maybe.append(i)

    def sums(lo: int, hi: int) -> dict[str, float] | None:
        body = table.name_present[lo:hi] & table.any_count[lo:hi] & (kind[lo:hi] == "") & ~table.ignored[lo:hi]
        out = {}
        for role in roles:
            vals = table.values[role][lo:hi][body]
            if np.isnan(vals).any() and table.present[role][lo:hi][body][np.isnan(vals)].any():
                return None  # a count that is not a number: no sum to compare
            out[role] = float(np.nansum(vals))
        return out if body.any() else None

    def equals(i: int, expected: dict[str, float] | None) -> bool:
        if expected is None:
            return False
        seen = False
        for role in roles:
            v = table.values[role][i]
            if np.isnan(v):
                if table.present[role][i]:
                    return False
                continue
            seen = True
            if v != expected[role]:
                return False
        return seen

    # group headings with counts: the subtotal of the bodies under them
    stops = sorted({i for i, _ in headings} | {int(i) for i in np.flatnonzero(kind != "")})
    for i, strong in headings:
        nxt = next((s for s in stops if s > i), n)
        row = table.rows[i]
        type_text = cell_text(row[type_col]) if type_col is not None and type_col < len(row) else ""
        if equals(i, sums(i + 1, nxt)) or (strong and match_body_type(type_text) is None):
            kind[i] = "heading"
            table.total_span[i] = nxt
    # labels that only start like a total: a total when they hold the sums above them
    for i in maybe:
        prev = max((int(s) for s in np.flatnonzero(kind[:i] != "")), default=-1) + 1
        if equals(i, sums(prev, i)) or equals(i, sums(0, i)):
            kind[i] = "section"
    # a parent numbered "1" over its parts "1.1", "1.2" (or "-" bullets): their subtotal when its
    # numbers are their sums (then it is not a body of its own)
    if stt_col is not None:
        stts = [row[stt_col] if stt_col < len(row) else "" for row in table.rows]
        for i, j in _parents(stts, kind, table):
            if equals(i, sums(i + 1, j)):
                kind[i] = "heading"
                table.total_span[i] = j
    # a total written above the bodies ("TỔNG CỘNG" first, then the bodies): the sum of all below it
    body = table.name_present & table.any_count & (kind == "") & ~table.ignored
    first_body = int(np.argmax(body)) if body.any() else n
    for i in np.flatnonzero(kind[:first_body] != ""):
        if kind[i] in ("grand", "section"):
            kind[i] = "top"
            table.total_span[int(i)] = n
    table.total_kind = kind
    table.total = kind != ""


_CHILD_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.,]\s*\d{1,3}\.?|[-+*\u2022\u2013])\s*")


def _parents(stts: list, kind: np.ndarray, table: RawTable) -> list[tuple[int, int]]:
    """(parent row, end of its parts) for each row numbered as a whole ("1", 1.0, "2.") followed by
    rows numbered as its parts ("1.1", "1.2", "-", "+")."""
    out = []
    n = len(stts)
    i = 0
    while i < n:
        v = stts[i]
        whole = (type(v) in (int, float) and v == v and float(v).is_integer()) or (
            isinstance(v, str) and re.fullmatch(r"\s*\d{1,3}\.?\s*", v) is not None
        )
        if not whole or kind[i] != "" or not table.any_count[i]:
            i += 1
            continue
        j = i + 1
        while j < n and (table.ignored[j] or (isinstance(stts[j], str) and _CHILD_NUMBER.fullmatch(stts[j]))):
            j += 1
        if j > i + 1:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _folded_names(table: RawTable) -> list[str]:
    """Each body's name folded (each distinct name once), for the bodies of the table in order."""
    body = table.name_present & table.any_count & ~table.total
    names = table.frame["body_name"].to_numpy()[body]
    folded = {n: fold_text(n) for n in pd.unique(names)}
    return [folded[n] for n in names]


def _body_names(table: RawTable) -> set[str]:
    return set(_folded_names(table))


def set_aside(tables: list[RawTable], long: bool = False) -> list[tuple[int, str, list[str]]]:
    """The sheets of a split table that are not part of it: (position, why, the sheets they repeat).

    - ``"copy"``: with the template's "Số liệu" sheet, a sheet half of whose bodies it lists again
      (an old copy kept in the workbook, "Bản cũ") is set aside, whatever its numbers.
    - ``"summary"``: a sheet listing every body of all the other sheets with the same numbers (a
      "Tổng hợp" sheet gathering the group sheets) repeats them: it is set aside, the others read.
    Otherwise nothing is: bodies listed twice are reported as duplicates. Rows of a long layout
    (``long``) carry their own unit and quarter: none of its sheets is set aside."""
    if len(tables) < 2 or long:
        return []
    main = next((k for k, t in enumerate(tables) if fold_text(t.sheet) == fold_text(DATA_SHEET_NAME)), None)
    if main is not None:
        first = _body_names(tables[main])
        copies = [k for k, t in enumerate(tables) if k != main and _overlaps_half(_body_names(t), first)]
        if copies:
            return [(k, "copy", [tables[main].sheet]) for k in copies]
    if len(tables) < 3:
        return []  # two sheets with the same bodies: which is the right one cannot be told
    counts = [_body_counts(t) for t in tables]
    for k, whole in enumerate(counts):
        parts: dict[str, tuple] = {}
        for j, other in enumerate(counts):
            if j != k:
                parts.update(other)
        if parts and len(whole) == len(parts) and all(whole.get(name) == value for name, value in parts.items()):
            return [(k, "summary", [t.sheet for j, t in enumerate(tables) if j != k])]
    return []


def _overlaps_half(names: set[str], first: set[str]) -> bool:
    return bool(names) and 2 * len(names & first) >= len(names)


def _body_counts(table: RawTable) -> dict[str, tuple]:
    body = table.name_present & table.any_count & ~table.total
    counts = [
        table.values[role][body].tolist() if role in table.columns else [None] * int(body.sum())
        for role in COUNT_COLUMNS
    ]
    return dict(zip(_folded_names(table), zip(*counts, strict=True), strict=True))


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


_VALUE_KIND = {float: 1, int: 1, str: 2, CellError: 3}  # anything else (bool, date, time) is not a count


def parse_counts(vals: list) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(value or NaN, cell present, present but not a number, an Excel error value) for one count
    column.

    Numbers pass through; each distinct text is parsed once (``parse_number_text``; a text that is
    an error value such as "#REF!" is an error); bools, dates and times are not numbers.
    """
    n = len(vals)
    s = pd.Series(vals, dtype=object)
    kinds = s.map(type).map(_VALUE_KIND).fillna(0).to_numpy(dtype="int8")
    is_num = kinds == 1
    is_str = kinds == 2
    errors = kinds == 3
    out = np.full(n, np.nan)
    if is_num.any():
        out[is_num] = s[is_num].to_numpy(dtype="float64")
    bad = ~is_num & ~is_str & s.notna().to_numpy()
    present = is_num | bad
    if is_str.any():
        texts = s[is_str]
        values: dict[str, float] = {}
        flags: dict[str, int] = {}  # 0 empty, 1 number, 2 not a number, 3 an error value
        for text in pd.unique(texts.to_numpy()):
            try:
                v = parse_number_text(text)
            except ValueError:
                values[text], flags[text] = np.nan, 3 if error_value_of(text) is not None else 2
            else:
                values[text], flags[text] = (np.nan, 0) if v is None else (v, 1)
        out[is_str] = texts.map(values).to_numpy(dtype="float64")
        f = texts.map(flags).to_numpy(dtype="int8")
        present[is_str] = f != 0
        bad[is_str] = f >= 2
        errors[is_str] = f == 3
    return out, present, bad, errors
