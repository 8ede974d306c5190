"""What the quarterly report says, as plain data (no layout): built from the same frames as the
``indicators`` and ``status`` commands, so every number in the document equals theirs.

For a period P and an area A (default: the register's first area):

- the indicator rows are ``compute_indicators`` over the active submissions, cut at P (quarters
  after P are left out, so a report for an earlier quarter says what was known up to it);
- each indicator's area value, numerator and denominator are the row ``(A, P)``; the change on the
  previous quarter is ``value(P) − value(P−1)`` and on a year before ``value(P) − value(P−4)``
  (percentage points; none where either value is missing);
- status, rates, projection and milestones come from ``status_table`` over those rows: for P the
  latest quarter, exactly the ``status`` command's rows;
- the units are those of A that exist in P (ended units are not judged toward the final target:
  they do not appear); "behind" means status ``limited_progress`` or ``deteriorating`` (R < 0.6)
  on any indicator; "not submitted" means no active submission for P;
- notes: those on A or on a unit, for P.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..indicators import compute_indicators
from ..periods import Period, parse_period, period_indexes
from ..progress import status_table
from ..schema import INDICATORS
from ..units import Register

__all__ = ["BEHIND", "IndicatorPart", "MilestoneLine", "ReportContent", "UnitRow", "build_content"]

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


@dataclass(frozen=True)
class UnitRow:
    unit: str
    name: str
    values: dict[str, float | None]
    statuses: dict[str, str]
    submitted: bool

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
    if area not in register or not register.is_area(area):
        raise GenderTargetsError("report_unknown_area", area=str(area))
    area = register.canonical(area)
    frame = indicators if indicators is not None else compute_indicators(bodies, register)
    frame = frame[period_indexes(frame["period"]) <= p.index].reset_index(drop=True)
    members = [u for u in register.units_in(area) if register.is_active(u, p)]
    status = status_table(frame, targets, register, today=today, units=[area, *members])
    notes = notes if notes is not None else pd.DataFrame(columns=["unit", "indicator", "period", "text"])
    here = notes[notes["period"].astype(str) == str(p)] if len(notes) else notes

    def row(unit: str, ind: str, q: Period) -> dict | None:
        hit = frame[(frame["unit"] == unit) & (frame["indicator"] == ind) & (frame["period"] == str(q))]
        return None if hit.empty else hit.iloc[0].to_dict()

    parts = []
    for ind in INDICATORS:
        now = row(area, ind, p) or {}
        value = _num(now.get("value"))
        prev = _num((row(area, ind, p.shift(-1)) or {}).get("value"))
        ago = _num((row(area, ind, p.shift(-4)) or {}).get("value"))
        st = status[(status["unit"] == area) & (status["indicator"] == ind)]
        if st.empty:
            continue
        s = st.iloc[0]
        series = frame[(frame["unit"] == area) & (frame["indicator"] == ind)].copy()
        series = series.iloc[period_indexes(series["period"]).argsort()].reset_index(drop=True)
        mine = here[(here["unit"] == area) & (here["indicator"].isin([ind]))] if len(here) else here
        parts.append(
            IndicatorPart(
                indicator=ind,
                period=str(p),
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
                final_year=None if pd.isna(s["final_year"]) else int(s["final_year"]),
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
            )
        )
    if all(part.value is None for part in parts) and frame[frame["unit"] == area]["value"].notna().sum() == 0:
        raise GenderTargetsError("report_no_data", period=str(p))

    sent = set(bodies.loc[bodies["period"] == str(p), "unit"]) if len(bodies) else set()
    units = []
    for u in members:
        values, statuses = {}, {}
        for ind in INDICATORS:
            r = row(u, ind, p) or {}
            values[ind] = _num(r.get("value"))
            st = status[(status["unit"] == u) & (status["indicator"] == ind)]
            statuses[ind] = str(st.iloc[0]["status"]) if not st.empty else "insufficient_data"
        units.append(UnitRow(u, register.name(u), values, statuses, u in sent))
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
        area_name=register.name(area),
        parts=tuple(parts),
        units=tuple(units),
        unit_notes=tuple(unit_notes),
        targets=targets,
        data_updated=data_updated,
        made_at=dt.datetime.now(VIETNAM),
    )
