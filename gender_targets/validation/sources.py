"""The SPEC §6 rules on a workbook's unit and period, given the texts ``reading.sources`` found.

- ``period_issue(found, today)``: ``invalid_period`` when the text is no quarter, the quarter is
  not 1–4, the year is before ``MIN_YEAR`` or the quarter starts after ``today``; else the Period.
- ``unit_issue(register, found, code, period, today)``: ``unknown_unit`` (not in the register, or an
  area; the message's example is a unit that exists ``today``) or ``unit_not_active`` (with the
  quarter in words and a hint: the successor it merged into, or the former units).
- ``conflict_issue(kind, loser, …)``: ``period_conflict`` / ``unit_conflict`` at the losing source.
- A source cell holding an Excel error value (``Found.error``) is ``error_value`` (never read as
  empty, which would let a later source win).
- ``sheets_disagree_issues(titles, register)``: the sheets of a table split over sheets name
  different units or quarters in their title blocks (``sheets_disagree``, an error: which sheet
  holds which quarter cannot be guessed); ``sheet_not_read_issue``: a sheet with a data table that
  is not read (``sheet_not_read``, a warning naming it).
"""

from __future__ import annotations

import datetime as dt

from ..i18n import t
from ..i18n.localized import Localized
from ..periods import MIN_YEAR, Period
from ..reading.sources import Found, Sources, yq_text
from ..units import Register
from .issues import ValidationIssue, make_issue
from .rows import error_reason

__all__ = [
    "conflict_issue",
    "error_value_issue",
    "not_active_issue",
    "period_issue",
    "sheet_not_read_issue",
    "sheets_disagree_issues",
    "unit_example",
    "unit_issue",
]

#: the column name shown for a source cell holding an error value, by ``Found.role``
_ROLE_COLUMN = {
    "period": "col.period",
    "year": "col.year",
    "quarter": "col.quarter",
    "as_of": "col.as_of",
    "unit": "col.unit",
    "unit_name": "col.unit_name",
}


def error_value_issue(found: Found) -> ValidationIssue:
    """``error_value`` at a unit or period source cell holding an Excel error value."""
    column = Localized.of(_ROLE_COLUMN.get(found.role, "col.period"))
    code = found.error or "#VALUE!"
    return make_issue(
        "error_value", sheet=found.sheet, cell=found.cell, value=code, reason=error_reason(code), column=column
    )


def period_issue(found: Found, today: dt.date) -> tuple[Period | None, ValidationIssue | None]:
    """The Period a period text names, or the ``invalid_period`` (``error_value``) issue it raises."""
    if found.error is not None:
        return None, error_value_issue(found)
    loc = {"sheet": found.sheet, "cell": found.cell, "value": found.text}
    if found.yq is None:
        return None, make_issue("invalid_period", reason=Localized.of("issue.reason.not_a_period"), **loc)
    year, quarter = found.yq
    if not 1 <= quarter <= 4:
        return None, make_issue("invalid_period", reason=Localized.of("issue.reason.quarter", quarter=quarter), **loc)
    period = Period(year, quarter)
    if year < MIN_YEAR:
        return None, make_issue("invalid_period", reason=Localized.of("issue.reason.year", min_year=MIN_YEAR), **loc)
    if period.start > today:
        day = Localized(today.strftime("%d/%m/%Y"), today.isoformat())
        reason = Localized(t("issue.reason.future", "vi", today=day.vi), t("issue.reason.future", "en", today=day.en))
        return None, make_issue("invalid_period", reason=reason, **loc)
    return period, None


def unit_example(register: Register, today: dt.date) -> str:
    """A unit of the register that exists today (the first one in the register's order)."""
    units = register.reporting_units
    if not units:
        return ""
    now = Period.of_date(today)
    current = [u for u in units if register.is_active(u, now)]
    code = (current or units)[0]
    return f"{code} / {register.name(code)}"


def unit_issue(
    register: Register, found: Found, code: str | None, period: Period | None, today: dt.date
) -> ValidationIssue | None:
    """The issue of a unit text read for a period: an error value, unknown, an area, or not active then."""
    if found.error is not None:
        return error_value_issue(found)
    loc = {"sheet": found.sheet, "cell": found.cell}
    if code is None:
        return make_issue("unknown_unit", value=found.text, example=unit_example(register, today), **loc)
    if register.is_area(code):
        example = unit_example(register, today)
        return make_issue(
            "unknown_unit", value=found.text, example=example, message_key="issue.unknown_unit.area", **loc
        )
    if period is not None and not register.is_active(code, period):
        return not_active_issue(register, code, period, loc)
    return None


def _with_period(key: str, field: str, period: Period, **params: object) -> Localized:
    """Catalogue entry ``key`` in both languages, with ``period`` shown as "Quý III/2026" / "Q3 2026"."""
    return Localized(
        t(key, "vi", **{field: period.label("vi")}, **params),
        t(key, "en", **{field: period.label("en")}, **params),
    )


def not_active_issue(register: Register, code: str, period: Period, loc: dict) -> ValidationIssue:
    """``unit_not_active``: the quarter and the validity in words, and where to report instead."""
    start, end = register.valid_from(code), register.valid_to(code)
    valid = Localized(
        f"{start.label('vi') if start else '…'} – {end.label('vi') if end else '…'}",
        f"{start.label('en') if start else '…'} – {end.label('en') if end else '…'}",
    )
    hint = Localized("", "")
    row = register.row(code)
    if end is not None and period > end and row["successor"] and row["successor"] in register:
        succ = register.canonical(row["successor"])
        hint = _with_period("issue.hint.successor", "start", end.shift(1), name=register.name(succ), code=succ)
    elif start is not None and period < start:
        preds = register.predecessors(code)
        if preds:
            hint = _with_period("issue.hint.predecessors", "start", start, codes=", ".join(preds))
    return make_issue(
        "unit_not_active",
        value=code,
        unit=f"{code} ({register.name(code)})",
        period=Localized(period.label("vi"), period.label("en")),
        valid=valid,
        successor_hint=hint,
        **loc,
    )


def conflict_issue(kind: str, loser: Found, loser_value: str, winner: Found, winner_value: str) -> ValidationIssue:
    """``period_conflict`` / ``unit_conflict``: two sources disagree; the first found wins."""
    key = f"issue.{kind}_conflict.file_name" if loser.source == "file_name" else None
    return make_issue(
        f"{kind}_conflict",
        sheet=loser.sheet,
        cell=loser.cell,
        value=loser_value,
        other=winner_value,
        other_source=Localized.of(f"source.{winner.source}"),
        used=winner_value,
        message_key=key,
    )


def sheet_not_read_issue(sheet: str, reason: str, other: str = "") -> ValidationIssue:
    """``sheet_not_read``: a sheet holding a data table that is not read — ``reason`` "hidden", "other_table"
    (other columns) or "copy" (the bodies of sheet ``other`` again)."""
    return make_issue(
        "sheet_not_read", sheet=sheet, value=sheet, other_sheet=other, message_key=f"issue.sheet_not_read.{reason}"
    )


def _shown(kind: str, found: Found, register: Register) -> str:
    if kind == "period":
        return yq_text(found.yq)
    return f"{found.code} ({register.name(found.code)})" if found.code in register else found.text


def _place(found: Found) -> Localized:
    if found.sheet:
        return Localized(
            t("issue.place.sheet", "vi", sheet=found.sheet), t("issue.place.sheet", "en", sheet=found.sheet)
        )
    return Localized.of(f"source.{found.source}")


def sheets_disagree_issues(
    titles: list[Sources], register: Register, file_period: Found | None = None, file_unit: Found | None = None
) -> list[ValidationIssue]:
    """``sheets_disagree`` for each sheet of a split table that names another quarter or another unit
    than the first sheet. Each sheet names what its title block says, or else what the file says
    (``file_period`` / ``file_unit``: the "Thông tin" sheet or the file name). ``titles``: each
    sheet's title-block sources, units with their register ``code`` when they matched one."""
    out = []
    for kind, fallback in (("period", file_period), ("unit", file_unit)):
        named: list[Found] = []
        for title in titles:
            if kind == "period":
                own = next((f for f in title.periods if f.yq is not None), None)
            else:
                own = next((f for f in title.units if f.code is not None), None)
            named.append(own if own is not None else fallback)
        keys = [None if f is None else (f.yq if kind == "period" else f.code) for f in named]
        first = next((k for k, key in enumerate(keys) if key is not None), None)
        if first is None:
            continue
        for k, key in enumerate(keys):
            if key is None or key == keys[first]:
                continue
            # reported at a sheet's own title block: this one, or the first when this one has none
            here, there = (named[first], named[k]) if named[k] is fallback else (named[k], named[first])
            out.append(
                make_issue(
                    "sheets_disagree",
                    sheet=here.sheet,
                    cell=here.cell,
                    value=_shown(kind, here, register),
                    other=_shown(kind, there, register),
                    other_place=_place(there),
                    what=Localized.of(f"issue.sheets_disagree.{kind}"),
                )
            )
    return out
