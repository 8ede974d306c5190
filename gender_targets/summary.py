"""What the pages summarise, at any scale: one series settled on its latest complete quarter, the
whole territory pooled, one row per area, and a ranking of units at a quarter (SPEC §2, §4, §7).

Everything reads the long table of ``indicators.compute_indicators`` (and the targets table), so
the pages, the CLI and the tests share one rule each:

- **A quarter still coming in.** An area's (or a group's) value in a quarter pools the units that
  have sent. While some units behind it have not sent (``units_reporting < units_expected``), the
  value is partial. Which quarter a series is judged on, and its status, is decided in one place,
  ``judgement`` (``settle`` is its ``split_series``: the series cut after its latest complete
  quarter, and the cut quarters that already hold some data, "pending").
- **The whole territory** (``territory_series``) pools the own data of every reporting unit that
  exists in the quarter — exactly what an area covering every unit would pool: Σ numerators /
  Σ denominators, never a mean of the areas' percentages; reconstructed rows are left out, so no
  unit counts twice. ``units_reporting`` / ``units_expected`` are summed the same way.
- **A headline** (``headline``): the judgement of a series (``judgement.judge_series``), with the
  change from the quarter before and from the same quarter a year before (percentage points; none
  when either value is missing).
- **The area table** (``area_table``): per area, the latest quarter with data and how many units
  sent it, the quarter the area is judged on, and per indicator the value, counts and status of
  ``judgement.status_table``.
- **A ranking** (``ranking``): units' values of one indicator at one quarter, ranked 1 = highest;
  units without a value come last with no rank. Two units whose values differ by less than one
  person of the smaller pool (100 / the smaller denominator) are not ranked as different: going
  down the sorted list, a unit within one person of the first unit of the current group joins it
  and takes its rank (competition ranking: 1, 1, 3), and ``tied`` says so ("ngang nhau trong phạm
  vi 1 người"). Equal values keep the order they were given in (e.g. the register's). A page
  showing thousands of units cuts it with ``top_bottom``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .indicators import COUNT_PAIRS, INDICATOR_COLUMNS, aggregate_bodies, ratio
from .judgement import Judgement, judge_series, split_series, status_table
from .periods import parse_period, period_indexes
from .progress import Progress
from .units import Register

__all__ = [
    "AREA_TABLE_COLUMNS",
    "TERRITORY",
    "Headline",
    "area_table",
    "compare_with_stored",
    "headline",
    "ranking",
    "settle",
    "settled_series",
    "territory_series",
    "top_bottom",
    "unit_series",
]

#: The code the whole territory's pooled rows carry in ``unit`` (never a register code: registers
#: hold letters, digits and dashes).
TERRITORY = "*"


def unit_series(indicators: pd.DataFrame, unit: str, indicator: str) -> pd.DataFrame:
    """The rows of one unit (or area) and one indicator, in time order, index 0…n−1."""
    frame = indicators[(indicators["unit"] == unit) & (indicators["indicator"] == indicator)]
    return _in_time_order(frame)


def _in_time_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = np.argsort(period_indexes(frame["period"]), kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def settle(series: pd.DataFrame, as_of: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """``series`` (one unit and indicator, in time order) without its trailing quarters that are
    still coming in, and those of them that already hold some data (``judgement.split_series``)."""
    return split_series(series, as_of)


def settled_series(indicators: pd.DataFrame, unit: str, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """``settle(unit_series(...))``: the series an area is judged on, and its pending quarters."""
    return settle(unit_series(indicators, unit, indicator))


def territory_series(indicators: pd.DataFrame, label: str = TERRITORY) -> pd.DataFrame:
    """The whole territory as one series per indicator (``INDICATOR_COLUMNS``, ``unit = label``,
    ``is_area`` True): the own rows of every reporting unit pooled per quarter (module docstring)."""
    own = indicators[~indicators["is_area"].to_numpy(dtype=bool) & ~indicators["reconstructed"].to_numpy(dtype=bool)]
    if own.empty:
        return indicators.iloc[0:0][INDICATOR_COLUMNS]
    g = (
        own.groupby(["period", "indicator"], sort=False)[
            ["numerator", "denominator", "units_reporting", "units_expected"]
        ]
        .sum()
        .reset_index()
    )
    g["value"] = ratio(g["numerator"], g["denominator"])
    g["unit"] = label
    g["reconstructed"] = False
    g["is_area"] = True
    g["_p"] = period_indexes(g["period"])
    g = g.sort_values(["_p", "indicator"], kind="stable").drop(columns="_p").reset_index(drop=True)
    for c in ("numerator", "denominator", "units_reporting", "units_expected"):
        g[c] = g[c].astype("int64")
    return g[INDICATOR_COLUMNS]


@dataclass(frozen=True)
class Headline:
    """An area's figure for one indicator: its judgement, and the changes."""

    indicator: str
    judgement: Judgement
    #: the quarter judged on (the settled series' latest with a value; else its last quarter)
    period: str | None
    value: float | None
    #: change in percentage points from the quarter before / the same quarter a year before
    delta_quarter: float | None
    delta_year: float | None
    #: trailing quarters left out because they are still coming in
    pending: tuple[str, ...] = ()

    @property
    def progress(self) -> Progress:
        """The §7 figures of the judged series (rates, projection, milestones)."""
        return self.judgement.progress

    @property
    def status(self) -> str:
        """The status shown (the steady status of the judgement)."""
        return self.judgement.status


def headline(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    today: dt.date | None = None,
    as_of: str | None = None,
) -> Headline:
    """The headline of one series (one unit or area, one indicator, in time order)."""
    settled, pending = settle(series, as_of)
    judged = judge_series(series, indicator, targets, as_of=as_of, today=today)
    period = judged.period or (settled["period"].iloc[-1] if len(settled) else None)
    by_period = {p: (None if v != v else float(v)) for p, v in zip(settled["period"], settled["value"], strict=True)}

    def change(back: int) -> float | None:
        if judged.value is None or period is None:
            return None
        before = by_period.get(str(parse_period(period).shift(-back)))
        return None if before is None else judged.value - before

    return Headline(indicator, judged, period, judged.value, change(1), change(4), tuple(pending))


#: Columns of ``area_table`` (``{I}`` stands for each indicator id).
AREA_TABLE_COLUMNS = ["area", "latest", "units_reporting", "units_expected", "judged_on"]


def area_table(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    register: Register,
    areas: Sequence[str],
    inds: Sequence[str],
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per area (in ``areas`` order): ``area``; ``latest`` — the area's latest quarter in
    the table, with ``units_reporting`` / ``units_expected`` in it; ``judged_on`` — the quarter
    the area is judged on (``judgement``); then per indicator ``{I}`` (value in percent, NaN
    without one), ``{I}_numerator``, ``{I}_denominator`` and ``{I}_status`` — computed for every
    area at once by ``judgement.status_table``."""
    rows = indicators[indicators["unit"].isin(list(areas)) & indicators["indicator"].isin(list(inds))]
    rows = rows.assign(_p=period_indexes(rows["period"])).sort_values(["unit", "indicator", "_p"], kind="stable")
    judged = status_table(indicators, targets, register, today=today, units=list(areas))
    judged = judged.set_index(["unit", "indicator"])
    last = rows[rows["indicator"] == inds[0]].groupby("unit").tail(1).set_index("unit") if len(inds) else None
    out = []
    for area in areas:
        record: dict = {"area": area, "latest": None, "units_reporting": 0, "units_expected": 0, "judged_on": None}
        if last is not None and area in last.index:
            r = last.loc[area]
            record.update(
                latest=r["period"], units_reporting=int(r["units_reporting"]), units_expected=int(r["units_expected"])
            )
        for k, ind in enumerate(inds):
            hit = (area, ind) in judged.index
            row = judged.loc[(area, ind)] if hit else None
            value = row["value"] if hit else float("nan")
            record[ind] = float("nan") if value is None or pd.isna(value) else float(value)
            record[f"{ind}_numerator"] = None if not hit or pd.isna(row["numerator"]) else int(row["numerator"])
            record[f"{ind}_denominator"] = None if not hit or pd.isna(row["denominator"]) else int(row["denominator"])
            record[f"{ind}_status"] = row["status"] if hit else None
            if k == 0 and hit:
                period = row["period"]
                record["judged_on"] = period if isinstance(period, str) else None
        out.append(record)
    columns = AREA_TABLE_COLUMNS + [
        c for ind in inds for c in (ind, f"{ind}_numerator", f"{ind}_denominator", f"{ind}_status")
    ]
    return pd.DataFrame(out, columns=columns)


def ranking(indicators: pd.DataFrame, indicator: str, period: str, units: Iterable[str]) -> pd.DataFrame:
    """The ``units``' rows of ``indicator`` at ``period`` ranked by value, highest first; ``rank``
    for rows with a value (units within one person of each other share a rank, see the module
    docstring; equal values keep the order of ``units``), then the rows without one (``rank``
    <NA>). ``tied`` is True for a row sharing its rank. Columns: ``rank``, ``tied`` and the rows'
    own (``unit, value, numerator, …``)."""
    order = {u: i for i, u in enumerate(dict.fromkeys(units))}
    rows = indicators[
        (indicators["indicator"] == indicator) & (indicators["period"] == period) & indicators["unit"].isin(order)
    ].copy()
    rows["_o"] = rows["unit"].map(order)
    rows["_missing"] = rows["value"].isna()
    rows = rows.sort_values(["_missing", "value", "_o"], ascending=[True, False, True], kind="stable")
    n_valued = int((~rows["_missing"]).sum())
    values = rows["value"].to_numpy(dtype="float64")[:n_valued]
    dens = rows["denominator"].to_numpy(dtype="float64")[:n_valued] if "denominator" in rows else np.zeros(n_valued)
    ranks: list[int] = []
    head_value, head_den, head_rank = None, 0.0, 0
    for k in range(n_valued):
        if head_value is not None and dens[k] > 0 and head_den > 0:
            one = 100.0 / min(dens[k], head_den)
            if head_value - values[k] < one - 1e-9:
                ranks.append(head_rank)
                continue
        head_value, head_den, head_rank = values[k], dens[k], k + 1
        ranks.append(head_rank)
    counts = pd.Series(ranks).value_counts() if ranks else pd.Series(dtype="int64")
    tied = [bool(counts[r] > 1) for r in ranks] + [False] * (len(rows) - n_valued)
    rank = pd.array(ranks + [None] * (len(rows) - n_valued), dtype="Int64")
    rows.insert(0, "rank", rank)
    rows.insert(1, "tied", tied)
    return rows.drop(columns=["_o", "_missing"]).reset_index(drop=True)


def top_bottom(ranked: pd.DataFrame, n: int, which: str) -> pd.DataFrame:
    """``which`` = "top": the ``n`` highest rows of a ``ranking``; "bottom": the ``n`` lowest
    valued rows (the lowest last); "all": every row. Rows without a value only come with "all"."""
    valued = ranked[ranked["rank"].notna()]
    if which == "top":
        return valued.head(n)
    if which == "bottom":
        return valued.tail(n)
    if which == "all":
        return ranked
    raise ValueError(f"which must be top, bottom or all, not {which!r}")


def compare_with_stored(bodies: pd.DataFrame, unit: str, period: str, indicators: pd.DataFrame) -> pd.DataFrame:
    """What a submission's body rows would give for its unit-quarter, beside what is counted now.

    One row per indicator: ``indicator``, ``numerator``, ``denominator``, ``value`` (the new file's,
    pooled: Σ numerators / Σ denominators, None for a zero denominator) and ``stored_numerator``,
    ``stored_denominator``, ``stored_value`` (from ``indicators``; all None when nobody reported that
    unit-quarter, and a value rebuilt from predecessors does not count as stored)."""
    agg = aggregate_bodies(bodies.assign(unit=unit, period=period)).iloc[0]
    now = indicators
    if not now.empty:
        now = now[(now["unit"] == unit) & (now["period"] == period) & ~now["reconstructed"].astype(bool)]
        now = now[now["units_reporting"] > 0].set_index("indicator")
    rows = []
    for ind, (num, den) in COUNT_PAIRS.items():
        value = ratio([agg[num]], [agg[den]])[0]
        old = now.loc[ind] if ind in getattr(now, "index", ()) else None
        rows.append(
            {
                "indicator": ind,
                "numerator": int(agg[num]),
                "denominator": int(agg[den]),
                "value": None if value != value else float(value),
                "stored_numerator": None if old is None else int(old["numerator"]),
                "stored_denominator": None if old is None else int(old["denominator"]),
                "stored_value": None if old is None or old["value"] != old["value"] else float(old["value"]),
            }
        )
    return pd.DataFrame(rows)
