"""The SPEC §6 rules on a workbook's unit and period, given the texts ``reading.sources`` found.

- ``period_issue(found, today)``: ``invalid_period`` when the text is no quarter, the quarter is
  not 1–4, the year is before ``MIN_YEAR`` or the quarter starts after ``today``; else the Period.
- ``unit_issue(register, found, code, period, today)``: ``unknown_unit`` (not in the register, or an
  area; the message's example is a unit that exists ``today``) or ``unit_not_active`` (with the
  quarter in words and a hint: the successor it merged into, or the former units).
- ``conflict_issue(kind, loser, …)``: ``period_conflict`` / ``unit_conflict`` at the losing source.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import t
from ..i18n.localized import Localized
from ..periods import MIN_YEAR, Period
from ..reading.sources import Found
from ..units import Register
from .issues import ValidationIssue, make_issue

__all__ = ["conflict_issue", "not_active_issue", "period_issue", "unit_example", "unit_issue"]


def period_issue(found: Found, today: dt.date) -> tuple[Period | None, ValidationIssue | None]:
    """The Period a period text names, or the ``invalid_period`` issue it raises."""
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
    """The issue of a unit text read for a period: unknown, an area, or not active then."""
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
