"""What the quarterly report says, as plain data (no layout): built from the same frames as the
``indicators`` and ``status`` commands, so every number in the document equals theirs.

For a period P and an area A (default: the register's first area):

- the indicator rows are ``compute_indicators`` over the active submissions, cut at P (quarters
  after P are left out, so a report for an earlier quarter says what was known up to it);
- every judgement is ``judgement.status_table`` as of P — exactly the ``status --as-of P`` rows
  (for P the latest quarter, the ``status`` rows): the area is judged on its latest complete
  quarter up to P (``IndicatorPart.period``; P itself while every unit has sent), and a later
  quarter still coming in is given as provisional ("mới có 1/4 đơn vị"), never judged;
- each indicator's area value, numerator and denominator are those of the judged quarter J; the
  change on the previous quarter is ``value(J) − value(J−1)`` and on a year before
  ``value(J) − value(J−4)`` (percentage points; none where either value is missing);
- the units are those of A that exist in P (ended units are not judged toward the final target:
  they do not appear), each with its own judgement as of P; "behind" means status
  ``limited_progress`` or ``deteriorating`` (R < 0.6) on any indicator; "not submitted" means no
  active submission for P;
- notes: those on A or on a unit, for P.

A may be ``summary.TERRITORY`` ("*") when the register has several areas (issue 17: the whole
country's deck): the territory is its units' own rows pooled (``summary.territory_series``, as on the
overview), judged by ``judgement.judge_series``; the "units" are then the areas, each judged as on the
overview, and an area "sent" P when every one of its units did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..indicators import compute_indicators
from ..judgement import _row as judgement_row  # one status row from one judgement, as status_table makes
from ..judgement import judge_series, split_series, status_table
from ..periods import Period, parse_period, period_indexes
from ..schema import INDICATORS
from ..summary import TERRITORY, territory_series
from ..units import Register

__all__ = [
    "BEHIND",
    "IndicatorPart",
    "MilestoneLine",
    "Provisional",
    "ReportContent",
    "UnitCell",
    "UnitRow",
    "build_content",
]

#: Statuses that count as falling behind (R < 0.6).
BEHIND = ("limited_progress", "deteriorating")
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


@dataclass(frozen=True)
class MilestoneLine:
    year: int
    target: float
    period: str | None
    value: float | None
    result: str
    judged_on_q4: bool


@dataclass(frozen=True)
class IndicatorPart:
    indicator: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    units_reporting: int | None
    units_expected: int | None
    previous_value: float | None
    change_quarter: float | None
    year_ago_value: float | None
    change_year: float | None
    status: str
    observed_rate: float | None
    n_points: int
    required_rate: float | None
    projection: float | None
    final_year: int | None
    final_target: float | None
    milestones: tuple[MilestoneLine, ...]
    series: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)
    notes: tuple[str, ...] = ()
    # judgement (issue 21): what one person means, and the quarter still coming in
    raw_status: str | None = None
    one_person_points: float | None = None
    people_needed: int | None = None
    fragile: bool = False
    small: bool = False
    provisional: Provisional | None = None


@dataclass(frozen=True)
class Provisional:
    """A quarter after the judged one, still coming in: shown, never judged."""

    period: str
    value: float | None
    numerator: int | None
    denominator: int | None
    units_reporting: int | None
    units_expected: int | None


@dataclass(frozen=True)
class UnitCell:
    """One unit's judgement of one indicator as of the report's quarter (``status --as-of`` row)."""

    period: str | None
    value: float | None
    numerator: int | None
    denominator: int | None
    status: str
    one_person_points: float | None = None
    people_needed: int | None = None
    fragile: bool = False
    small: bool = False


@dataclass(frozen=True)
class UnitRow:
    unit: str
    name: str
    values: dict[str, float | None]
    statuses: dict[str, str]
    submitted: bool
    cells: dict[str, UnitCell] = field(default_factory=dict)

    @property
    def behind(self) -> bool:
        return any(s in BEHIND for s in self.statuses.values())


@dataclass(frozen=True)
class ReportContent:
    period: str
    area: str
    area_name: str
    parts: tuple[IndicatorPart, ...]
    units: tuple[UnitRow, ...]
    unit_notes: tuple[tuple[str, str], ...]  # (unit name, text)
    targets: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)
    data_updated: dt.datetime | None = None
    made_at: dt.datetime | None = None
    timeliness: object | None = None  # campaign.Timeliness of the area and quarter (SPEC §12)

    @property
    def behind(self) -> list[UnitRow]:
        return [u for u in self.units if u.behind]

    @property
    def missing(self) -> list[UnitRow]:
        return [u for u in self.units if not u.submitted]


def _num(value) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _int(value) -> int | None:
    f = _num(value)
    return None if f is None else int(f)


def build_content(
    bodies: pd.DataFrame,
    register: Register,
    targets: pd.DataFrame,
    period: str | Period,
    area: str | None = None,
    *,
    notes: pd.DataFrame | None = None,
    data_updated: dt.datetime | None = None,
    indicators: pd.DataFrame | None = None,
    today: dt.date | None = None,
    territory_name: str = "",
) -> ReportContent:
    """The report's content for ``period`` and ``area`` (see the module docstring).

    ``bodies``: ``Store.active_bodies()``; ``notes``: ``Store.notes()``; ``indicators`` may be given
    when already computed from the same bodies. Raises ``GenderTargetsError`` ``report_unknown_area``
    / ``report_no_data`` (no area value at all up to P)."""
    from ..errors import GenderTargetsError

    p = parse_period(period)
    areas = register.areas
    if area is None:
        if not areas:
            raise GenderTargetsError("report_unknown_area", area="")
        area = areas[0]
    territory = area == TERRITORY and len(areas) > 1  # issue 17: the whole country, its areas as the units
    if not territory and (area not in register or not register.is_area(area)):
        raise GenderTargetsError("report_unknown_area", area=str(area))
    area = area if territory else register.canonical(area)
    frame = indicators if indicators is not None else compute_indicators(bodies, register)
    frame = frame[period_indexes(frame["period"]) <= p.index].reset_index(drop=True)
    if territory:
        # the areas are judged as on the overview; the whole territory is their units' rows pooled
        # (summary.territory_series), judged by the same rule (judgement.judge_series)
        members = [a for a in areas if register.is_active(a, p)]
        status = status_table(frame, targets, register, as_of=p, today=today, units=members)
        whole = territory_series(frame, TERRITORY)
        records = status.to_dict("records")
        for ind in dict.fromkeys(status["indicator"]):
            j = judge_series(whole[whole["indicator"] == ind], ind, targets, as_of=p, today=today)
            records.append(judgement_row(TERRITORY, ind, True, True, j))
        frame = pd.concat([frame, whole], ignore_index=True)
    else:
        members = [u for u in register.units_in(area) if register.is_active(u, p)]
        status = status_table(frame, targets, register, as_of=p, today=today, units=[area, *members])
        records = status.to_dict("records")
    judged = {(r["unit"], r["indicator"]): r for r in records}
    notes = notes if notes is not None else pd.DataFrame(columns=["unit", "indicator", "period", "text"])
    here = notes[notes["period"].astype(str) == str(p)] if len(notes) else notes

    def row(unit: str, ind: str, q: Period) -> dict | None:
        hit = frame[(frame["unit"] == unit) & (frame["indicator"] == ind) & (frame["period"] == str(q))]
        return None if hit.empty else hit.iloc[0].to_dict()

    parts = []
    for ind in INDICATORS:
        s = judged.get((area, ind))
        if s is None:
            continue
        j = parse_period(s["period"]) if isinstance(s["period"], str) else p
        now = row(area, ind, j) or {}
        value = _num(now.get("value"))
        prev = _num((row(area, ind, j.shift(-1)) or {}).get("value"))
        ago = _num((row(area, ind, j.shift(-4)) or {}).get("value"))
        series = frame[(frame["unit"] == area) & (frame["indicator"] == ind)].copy()
        series = series.iloc[period_indexes(series["period"]).argsort()].reset_index(drop=True)
        series = split_series(series)[0].reset_index(drop=True)  # the chart: no quarter still coming in
        mine = here[(here["unit"] == area) & (here["indicator"].isin([ind]))] if len(here) else here
        provisional = None
        if isinstance(s["provisional_period"], str):
            provisional = Provisional(
                s["provisional_period"],
                _num(s["provisional_value"]),
                _int(s["provisional_numerator"]),
                _int(s["provisional_denominator"]),
                _int(s["provisional_units_reporting"]),
                _int(s["provisional_units_expected"]),
            )
        parts.append(
            IndicatorPart(
                indicator=ind,
                period=str(j),
                value=value,
                numerator=_num(now.get("numerator")),
                denominator=_num(now.get("denominator")),
                units_reporting=int(now["units_reporting"]) if "units_reporting" in now else None,
                units_expected=int(now["units_expected"]) if "units_expected" in now else None,
                previous_value=prev,
                change_quarter=_diff(value, prev),
                year_ago_value=ago,
                change_year=_diff(value, ago),
                status=str(s["status"]),
                observed_rate=_num(s["observed_rate"]),
                n_points=int(s["n_points"]),
                required_rate=_num(s["required_rate"]),
                projection=_num(s["projection"]),
                final_year=_int(s["final_year"]),
                final_target=_num(s["final_target"]),
                milestones=tuple(
                    MilestoneLine(
                        int(m["year"]),
                        float(m["target"]),
                        m["period"],
                        _num(m["value"]),
                        str(m["result"]),
                        bool(m["judged_on_q4"]),
                    )
                    for m in s["milestones"]
                ),
                series=series,
                notes=tuple(str(x) for x in mine["text"]) if len(mine) else (),
                raw_status=str(s["raw_status"]),
                one_person_points=_num(s["one_person_points"]),
                people_needed=_int(s["people_needed"]),
                fragile=bool(s["fragile"]),
                small=bool(s["small"]),
                provisional=provisional,
            )
        )
    if all(part.value is None for part in parts) and frame[frame["unit"] == area]["value"].notna().sum() == 0:
        raise GenderTargetsError("report_no_data", period=str(p))

    sent = set(bodies.loc[bodies["period"] == str(p), "unit"]) if len(bodies) else set()
    if territory:  # an area has sent when every one of its units has
        now = frame[(frame["period"] == str(p)) & frame["unit"].isin(members)]
        sent = set(now.loc[now["units_reporting"] >= now["units_expected"], "unit"])
    units = []
    for u in members:
        values, statuses, cells = {}, {}, {}
        for ind in INDICATORS:
            s = judged.get((u, ind))
            if s is None:
                continue
            cell = UnitCell(
                period=s["period"] if isinstance(s["period"], str) else None,
                value=_num(s["value"]),
                numerator=_int(s["numerator"]),
                denominator=_int(s["denominator"]),
                status=str(s["status"]),
                one_person_points=_num(s["one_person_points"]),
                people_needed=_int(s["people_needed"]),
                fragile=bool(s["fragile"]),
                small=bool(s["small"]),
            )
            cells[ind], values[ind], statuses[ind] = cell, cell.value, cell.status
        units.append(UnitRow(u, register.name(u), values, statuses, u in sent, cells))
    unit_notes = []
    if len(here):
        for r in here.itertuples():
            if r.unit != area and r.unit in register:
                unit_notes.append((register.name(r.unit), str(r.text)))
            elif r.unit == area and not r.indicator:
                unit_notes.append((register.name(area), str(r.text)))
    return ReportContent(
        period=str(p),
        area=area,
        area_name=(territory_name or TERRITORY) if territory else register.name(area),
        parts=tuple(parts),
        units=tuple(units),
        unit_notes=tuple(unit_notes),
        targets=targets,
        data_updated=data_updated,
        made_at=dt.datetime.now(VIETNAM),
    )
