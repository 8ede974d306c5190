"""Entry in the browser: the rows a unit types in a table become the unit's workbook (SPEC §10).

The form is not a second way to validate: its rows are written into the very template a unit
downloads (``template.build_template``), and those bytes go through the same check and import
path as an uploaded file, so the rules and the messages are exactly those of a workbook, and the
stored original (history, downloads) is an ``.xlsx`` like any other.

- ``entry_rows``: the table to start from: the bodies of the unit's latest stored quarter before
  the chosen one (their counts too, to be corrected), else the template's suggested bodies.
- ``entry_workbook``: rows → ``.xlsx`` bytes. A row with neither a name nor any count is left out;
  empty count cells stay empty (read as 0, like a workbook). The ``Tổng cộng`` row holds the column
  sums as values (a formula written here would have no cached value for the reader).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .errors import GenderTargetsError
from .periods import Period, parse_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS
from .template import (
    BODY_ROWS,
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    build_template,
    suggested_bodies,
    total_row,
    workbook_bytes,
)
from .units import Register

__all__ = ["ENTRY_COLUMNS", "MAX_ROWS", "entry_filename", "entry_rows", "entry_workbook"]

ENTRY_COLUMNS: list[str] = list(BODY_COLUMNS)
MAX_ROWS = BODY_ROWS
_LETTER = {c.name: c.letter for c in COLUMNS}


def entry_filename(unit: str, period: Period) -> str:
    """``Nhap_tren_web_X-BD_2026Q3.xlsx``: the stored original of a form entry."""
    return f"Nhap_tren_web_{unit}_{period}.xlsx"


def entry_rows(register: Register, unit: str, period: Period, stored: pd.DataFrame) -> pd.DataFrame:
    """The rows to start from. ``stored``: active body rows of the unit (``Store.active_bodies``)."""
    earlier = stored[stored["unit"] == unit] if len(stored) else stored
    if len(earlier):
        periods = [p for p in earlier["period"].unique() if parse_period(p) < period]
        if periods:
            last = max(periods, key=lambda p: parse_period(p).index)
            rows = earlier[earlier["period"] == last][ENTRY_COLUMNS].reset_index(drop=True)
            rows["note"] = rows["note"].fillna("").astype(str)
            return rows
    suggested = suggested_bodies(register, unit, period)
    frame = pd.DataFrame(
        {"body_name": [n for n, _ in suggested], "body_type": [str(t) for _, t in suggested]},
        columns=ENTRY_COLUMNS,
    )
    for c in COUNT_COLUMNS:
        frame[c] = pd.array([None] * len(frame), dtype="Int64")
    frame["note"] = ""
    return frame


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _number(value: object) -> object:
    """A count as typed: an int when whole, a float otherwise, the text itself when not a number
    (the check then says ``not_a_number`` / ``not_whole_number``, as for a workbook)."""
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return str(value)
    return int(number) if number.is_integer() else number


def entry_workbook(
    register: Register,
    unit: str,
    period: Period,
    rows: pd.DataFrame,
    *,
    prepared_by: str = "",
    today: dt.date | None = None,
) -> bytes:
    """The unit's workbook holding ``rows`` (columns ``ENTRY_COLUMNS``), as ``.xlsx`` bytes.

    Raises ``GenderTargetsError("entry_too_many_rows")`` beyond ``MAX_ROWS`` bodies (the template's
    table); template errors (unknown unit, an area, a unit not existing in ``period``) pass through.
    """
    today = today or dt.date.today()
    wb = build_template(register, unit, period, prepared_by=prepared_by, today=today)
    ws = wb[DATA_SHEET]
    kept = [
        r
        for r in rows.reindex(columns=ENTRY_COLUMNS).to_dict("records")
        if not all(_blank(r[c]) for c in ("body_name", *COUNT_COLUMNS))
    ]
    if len(kept) > MAX_ROWS:
        raise GenderTargetsError("entry_too_many_rows", n=len(kept), max=MAX_ROWS)
    for i in range(MAX_ROWS):  # clear the suggested bodies of the template
        for name in ENTRY_COLUMNS:
            ws[f"{_LETTER[name]}{FIRST_BODY_ROW + i}"] = None
    sums = dict.fromkeys(COUNT_COLUMNS, 0)
    for i, r in enumerate(kept):
        row = FIRST_BODY_ROW + i
        for name in ENTRY_COLUMNS:
            value = r[name]
            if _blank(value):
                value = None
            elif name in COUNT_COLUMNS:
                value = _number(value)
                if isinstance(value, int | float):
                    sums[name] += value
            else:
                value = str(value)
            cell = ws[f"{_LETTER[name]}{row}"]
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text typed as "=…" stays text, never a formula
    for name in COUNT_COLUMNS:
        ws[f"{_LETTER[name]}{total_row()}"] = sums[name]
    return workbook_bytes(wb, dt.datetime(today.year, today.month, today.day))
