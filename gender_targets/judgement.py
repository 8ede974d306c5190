"""The one judgement (SPEC §7, issue 21): for a unit or an area and an indicator, which quarter it
is judged on, its status, and the counts a committee needs beside it. The overview, trajectory,
compare and data pages, the meeting deck, the quarterly report and the ``status`` / ``indicators``
commands all call this module; none decides a judged quarter or a status on its own.

For one series (the long rows of ``indicators.compute_indicators`` of one unit or area and one
indicator) judged **as of** a quarter P (default: the latest quarter of the table):

- Only quarters up to P count, with their values as stored now.
- A quarter is **complete** when every unit behind it sent (``units_reporting ≥ units_expected``;
  for a unit's own row: it sent). The series is **cut** after its latest complete quarter up to P
  (none complete up to P: kept whole). The **judged quarter** is the latest quarter with a value of
  the cut series. The quarters after the cut that already hold some data are **provisional**: the
  latest of them is shown ("mới có 1/4 đơn vị") and never judged.
- The §7 figures (rate, required rate, projection, milestones) are ``progress._assess_lists`` on the
  values up to the judged quarter (partial quarters before it included, as stored).
- The **status** is the steady status of ``progress`` along the quarters the series was judged on,
  one after the other (each quarter Q whose own judged quarter as of Q is Q itself), from the first
  one up to P. Its formula status at the judged quarter is ``raw_status``. Because every step uses
  only quarters up to it, the status as of P computed today is the one ``status_history`` shows for
  P, and ``--as-of`` the latest quarter equals ``status`` without it.
- ``numerator``, ``denominator`` of the judged quarter; ``one_person_points`` = 100 / denominator;
  ``people_needed`` = ⌈T_f · denominator / 100⌉ − numerator, at least 0 (the people — for I1 the
  agencies — still missing at the current denominator to reach the final target T_f; exact, in
  integers); ``small`` = denominator < 20 (``SMALL``); ``fragile`` = ``small`` or the status with the
  judged quarter's numerator one more or one fewer (the denominator kept; only where that count
  can exist) differs.
- The **judging date** for due milestones and ``active``: today when P is the table's latest quarter
  or later, else the last day of P. A unit is active when it exists on that date.

Zero denominators give no value; a series without any value is ``insufficient_data`` with no
judged quarter. Everything is computed for all series at once with numpy (thousands of units stay
fast); ``judge_series`` is the same computation for one series (a pooled territory or group).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from .i18n import number, percent, t
from .periods import Period, parse_period, period_indexes
from .progress import (
    NO_STATUS,
    STATUS_CODES,
    STEADY_STATE,
    STEADY_WINDOW,
    Progress,
    _assess_lists,
    milestones_for,
    steady_inputs,
    steady_start,
    steady_step,
)
from .units import AREA_KIND, Register

__all__ = [
    "SMALL",
    "STATUS_COLUMNS",
    "Judgement",
    "Provisional",
    "counts_text",
    "judge_series",
    "judging_date",
    "one_person_points",
    "one_person_text",
    "people_needed",
    "people_needed_text",
    "row_flags",
    "split_series",
    "status_histories",
    "status_history",
    "status_table",
    "value_text",
]

#: A value from fewer people than this is marked "small" (statistical offices' rule of about 20).
SMALL = 20

#: Columns of ``status_table``: SPEC §8 ``status`` and what the pages show.
STATUS_COLUMNS: list[str] = [
    "unit",
    "indicator",
    "is_area",
    "active",
    "as_of",
    "period",
    "value",
    "numerator",
    "denominator",
    "units_reporting",
    "units_expected",
    "reconstructed",
    "status",
    "raw_status",
    "one_person_points",
    "one_person_text",
    "people_needed",
    "people_needed_text",
    "row_flags",
    "fragile",
    "small",
    "observed_rate",
    "n_points",
    "reconstructed_share",
    "required_rate",
    "ratio",
    "years_left",
    "projection",
    "gap",
    "next_milestone_year",
    "next_target",
    "final_year",
    "final_target",
    "baseline_period",
    "baseline_value",
    "milestones",
    "provisional_period",
    "provisional_value",
    "provisional_numerator",
    "provisional_denominator",
    "provisional_units_reporting",
    "provisional_units_expected",
]


# -- small pure rules ------------------------------------------------------------------------------


def one_person_points(denominator: int | float | None) -> float | None:
    """Percentage points one person (one agency for I1) is worth: 100 / denominator; None for 0."""
    if denominator is None or not denominator or denominator != denominator:
        return None
    return 100.0 / float(denominator)


def people_needed(numerator: int | None, denominator: int | None, target: float | None) -> int | None:
    """The least number of people k ≥ 0 with 100·(numerator + k)/denominator ≥ target, at the current
    denominator (None without a denominator or a target). Exact: integers and the target as written."""
    if numerator is None or denominator is None or target is None or not denominator:
        return None
    if numerator != numerator or denominator != denominator or target != target:
        return None
    exact = _fraction(float(target))  # the target as written (62.5, 33.3), not its binary neighbour
    need = -((-exact.numerator * int(denominator)) // (exact.denominator * 100))  # ⌈target · den / 100⌉
    return max(0, need - int(numerator))


@functools.lru_cache(maxsize=256)
def _fraction(target: float) -> Fraction:
    return Fraction(str(target))


def judging_date(as_of: Period | None, latest: Period | None, today: dt.date | None = None) -> dt.date:
    """The date a judgement as of ``as_of`` is made on (module docstring)."""
    today = today or dt.date.today()
    if as_of is None or latest is None or as_of >= latest:
        return today
    return as_of.end


# -- many series at once ---------------------------------------------------------------------------


@dataclass
class _Layout:
    """Series × quarters matrices of a long indicator table (NaN / 0 where a series has no row)."""

    keys: list[tuple[str, str]]  # (unit, indicator) per row
    q0: int  # period index of column 0
    value: np.ndarray
    num: np.ndarray
    den: np.ndarray
    reporting: np.ndarray
    expected: np.ndarray
    present: np.ndarray
    recon: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.value.shape


def _layout(frame: pd.DataFrame, last_index: int | None) -> _Layout:
    """Matrices of ``frame`` (long rows with unit, indicator, period and the counts), columns from
    its first quarter to ``last_index`` (default: its last)."""
    if frame.empty:
        q0 = last_index if last_index is not None else 0
        z = np.zeros((0, 1))
        return _Layout([], q0, z, z, z, z, z, z.astype(bool), z.astype(bool))
    pidx = period_indexes(frame["period"])
    u_codes, u_uniq = pd.factorize(frame["unit"])
    i_codes, i_uniq = pd.factorize(frame["indicator"])
    s_codes, pairs = pd.factorize(u_codes * len(i_uniq) + i_codes)
    s_uniq = [(u_uniq[k // len(i_uniq)], i_uniq[k % len(i_uniq)]) for k in pairs]
    q0 = int(pidx.min())
    q1 = int(pidx.max()) if last_index is None else max(int(last_index), q0)
    shape = (len(s_uniq), q1 - q0 + 1)
    col = pidx - q0

    def matrix(column: str, fill, dtype) -> np.ndarray:
        out = np.full(shape, fill, dtype=dtype)
        values = pd.to_numeric(frame[column], errors="coerce") if dtype is not bool else frame[column]
        out[s_codes, col] = values.fillna(fill).to_numpy(dtype=dtype)
        return out

    present = np.zeros(shape, dtype=bool)
    present[s_codes, col] = True
    return _Layout(
        keys=[tuple(k) for k in s_uniq],
        q0=q0,
        value=matrix("value", np.nan, "float64"),
        num=matrix("numerator", 0, "int64"),
        den=matrix("denominator", 0, "int64"),
        reporting=matrix("units_reporting", 0, "int64"),
        expected=matrix("units_expected", 0, "int64"),
        present=present,
        recon=matrix("reconstructed", False, bool),
    )


@dataclass
class _Chain:
    """The judged quarters and the steady rule run along them (columns of ``_Layout``)."""

    judged: np.ndarray  # column judged as of each column (−1: none)
    cut: np.ndarray  # column the series is cut after, as of each column
    last_step: np.ndarray  # latest step up to each column (−1: none)
    last_reporting: np.ndarray  # latest column with units_reporting > 0, up to each column
    shown: np.ndarray  # status code shown after each step (NO_STATUS elsewhere)
    raw: np.ndarray  # formula status at each step
    before: dict[str, np.ndarray]  # the steady rule's state before each step (``STEADY_STATE`` fields)


def _accumulate_last(mask: np.ndarray) -> np.ndarray:
    """For each cell, the latest column up to it where ``mask`` holds (−1: none)."""
    cols = np.arange(mask.shape[1])
    return np.maximum.accumulate(np.where(mask, cols, -1), axis=1) if mask.size else np.full(mask.shape, -1)


def _windows(value: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The trend windows ending at (rows, cols): the STEADY_WINDOW columns up to each, NaN before 0."""
    padded = np.pad(value, ((0, 0), (STEADY_WINDOW - 1, 0)), constant_values=np.nan)
    offsets = np.arange(STEADY_WINDOW)
    return padded[rows[:, None], cols[:, None] + offsets[None, :]]


def _finals(layout: _Layout, targets: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Final year and final target of every row's indicator (NaN where it has no targets)."""
    plans = {}
    years, values = [], []
    for _, ind in layout.keys:
        if ind not in plans:
            ms = milestones_for(targets, ind)
            plans[ind] = ms[-1] if ms else (np.nan, np.nan)
        y, v = plans[ind]
        years.append(y)
        values.append(v)
    return np.asarray(years, dtype="float64"), np.asarray(values, dtype="float64")


def _inputs_at(layout: _Layout, rows, cols, final_year, final_target, value=None):
    windows = _windows(layout.value, rows, cols)
    if value is not None:
        windows[:, -1] = value
    q = layout.q0 + cols
    years_left = (4 * final_year[rows] + 3 - q) / 4
    return steady_inputs(windows, years_left, final_target[rows], layout.den[rows, cols])


def _chain(layout: _Layout, final_year: np.ndarray, final_target: np.ndarray) -> _Chain:
    n_s, n_q = layout.shape
    cols = np.arange(n_q)
    valued = np.isfinite(layout.value)
    complete = layout.present & (layout.reporting >= layout.expected) & (layout.expected > 0)
    last_complete = _accumulate_last(complete)
    cut = np.where(last_complete >= 0, last_complete, cols[None, :])
    last_valued = _accumulate_last(valued)
    judged = np.take_along_axis(last_valued, cut, axis=1) if n_s else cut
    steps = judged == cols[None, :]
    raw = np.full(layout.shape, NO_STATUS, dtype="int8")
    shown = np.full(layout.shape, NO_STATUS, dtype="int8")
    state = steady_start(n_s)
    before = {k: np.zeros(layout.shape, dtype=v.dtype) for k, v in state.items()}
    rows, step_cols = np.nonzero(steps & np.isfinite(final_target)[:, None])
    inputs = {}
    if len(rows):
        flat = _inputs_at(layout, rows, step_cols, final_year, final_target)
        for name, arr in flat.items():
            m = np.zeros(layout.shape, dtype="int8")
            m[rows, step_cols] = arr
            inputs[name] = m
        raw[rows, step_cols] = flat["raw"]
    for c in np.unique(step_cols):
        sel = np.nonzero(steps[:, c] & np.isfinite(final_target))[0]
        for k in STEADY_STATE:
            before[k][sel, c] = state[k][sel]
        now = steady_step({k: v[sel] for k, v in state.items()}, {k: v[sel, c] for k, v in inputs.items()})
        for k in STEADY_STATE:
            state[k][sel] = now[k]
        shown[sel, c] = now["shown"]
    return _Chain(
        judged=judged,
        cut=cut,
        last_step=_accumulate_last(steps & np.isfinite(final_target)[:, None]),
        last_reporting=_accumulate_last(layout.present & (layout.reporting > 0)),
        shown=shown,
        raw=raw,
        before=before,
    )


def _fragile(layout: _Layout, chain: _Chain, rows, cols, final_year, final_target) -> np.ndarray:
    """At each (row, step col): does one person more or fewer change the status shown?"""
    out = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return out
    num = layout.num[rows, cols].astype("float64")
    den = layout.den[rows, cols].astype("float64")
    shown = chain.shown[rows, cols]
    for step in (-1, 1):
        ok = (den > 0) & (num + step >= 0) & (num + step <= den)
        if not ok.any():
            continue
        r, c = rows[ok], cols[ok]
        v2 = 100.0 * (num[ok] + step) / den[ok]
        inputs = _inputs_at(layout, r, c, final_year, final_target, value=v2)
        now = steady_step({k: v[r, c] for k, v in chain.before.items()}, inputs)["shown"]
        out[np.nonzero(ok)[0]] |= now != shown[ok]
    return out


def _code_text(code: int) -> str:
    return str(STATUS_CODES[code]) if code >= 0 else str(STATUS_CODES[-1])


@dataclass(frozen=True)
class Provisional:
    """A quarter after the judged one that already holds some data: shown, never judged."""

    period: str
    value: float | None
    numerator: int
    denominator: int
    units_reporting: int
    units_expected: int


@dataclass(frozen=True)
class Judgement:
    """One series judged as of a quarter (module docstring). ``progress`` holds the §7 figures of
    the judged series; ``status`` (steady) is what every view shows."""

    indicator: str
    status: str
    raw_status: str
    progress: Progress
    as_of: str | None
    period: str | None
    value: float | None
    numerator: int | None
    denominator: int | None
    units_reporting: int | None
    units_expected: int | None
    reconstructed: bool
    one_person_points: float | None
    people_needed: int | None
    fragile: bool
    small: bool
    provisional: Provisional | None = None


def _judge_rows(
    frame: pd.DataFrame,
    targets: pd.DataFrame,
    as_of: str | Period | None,
    today: dt.date | None,
) -> tuple[_Layout, list[Judgement], dt.date, int]:
    """Judgement of every (unit, indicator) series of ``frame`` with targets, as of ``as_of``.
    Returns the layout, one Judgement per layout row (same order), the judging date and its index."""
    latest = parse_period(frame["period"].iloc[int(np.argmax(period_indexes(frame["period"])))]) if len(frame) else None
    p = parse_period(as_of) if as_of is not None else latest
    if p is not None and len(frame):
        frame = frame[period_indexes(frame["period"]) <= p.index]
    day = judging_date(p, latest, today)
    day_idx = Period.of_date(day).index
    inds = set(targets["indicator"].astype(str).str.upper())
    frame = frame[frame["indicator"].isin(inds)]
    layout = _layout(frame, p.index if p is not None else None)
    n_s, n_q = layout.shape
    final_year, final_target = _finals(layout, targets)
    chain = _chain(layout, final_year, final_target)
    a = n_q - 1
    rows = np.arange(n_s)
    last_step = chain.last_step[:, a] if n_s else np.zeros(0, dtype=int)
    has = last_step >= 0
    fragile = np.zeros(n_s, dtype=bool)
    fragile[has] = _fragile(layout, chain, rows[has], last_step[has], final_year, final_target)
    plans: dict[str, list] = {}
    out = []
    for s, (_unit, ind) in enumerate(layout.keys):
        if ind not in plans:  # (not setdefault: that would read the targets table for every series)
            plans[ind] = milestones_for(targets, ind)
        plan = plans[ind]
        k = int(chain.judged[s, a])
        valued = np.nonzero(np.isfinite(layout.value[s, : k + 1]))[0] if k >= 0 else np.zeros(0, dtype=int)
        idx = (valued + layout.q0).tolist()
        pr = _assess_lists(
            ind,
            idx,
            layout.value[s, valued].tolist(),
            plan,
            day_idx,
            layout.recon[s, valued].tolist(),
        )
        step = int(last_step[s])
        status = _code_text(int(chain.shown[s, step])) if step >= 0 else str(pr.status)
        raw = _code_text(int(chain.raw[s, step])) if step >= 0 else str(pr.status)
        if k >= 0:
            num, den = int(layout.num[s, k]), int(layout.den[s, k])
            rep, exp = int(layout.reporting[s, k]), int(layout.expected[s, k])
        else:
            num = den = rep = exp = None
        provisional = None
        lr, cut = int(chain.last_reporting[s, a]), int(chain.cut[s, a])
        if lr > cut:
            v = layout.value[s, lr]
            provisional = Provisional(
                str(Period.from_index(layout.q0 + lr)),
                None if v != v else float(v),
                int(layout.num[s, lr]),
                int(layout.den[s, lr]),
                int(layout.reporting[s, lr]),
                int(layout.expected[s, lr]),
            )
        small = den is not None and den < SMALL
        out.append(
            Judgement(
                indicator=ind,
                status=status,
                raw_status=raw,
                progress=pr,
                as_of=str(p) if p is not None else None,
                period=pr.period,
                value=pr.value,
                numerator=num,
                denominator=den,
                units_reporting=rep,
                units_expected=exp,
                reconstructed=bool(layout.recon[s, k]) if k >= 0 else False,
                one_person_points=one_person_points(den),
                people_needed=people_needed(num, den, pr.final_target),
                fragile=bool(fragile[s]) or small,
                small=small,
                provisional=provisional,
            )
        )
    return layout, out, day, day_idx


def _empty_judgement(indicator: str, targets: pd.DataFrame, as_of: str | None, day_idx: int) -> Judgement:
    pr = _assess_lists(indicator, [], [], milestones_for(targets, indicator), day_idx)
    none = dict.fromkeys(("period", "value", "numerator", "denominator", "units_reporting", "units_expected"))
    return Judgement(
        indicator=indicator,
        status=str(pr.status),
        raw_status=str(pr.status),
        progress=pr,
        as_of=as_of,
        **none,
        reconstructed=False,
        one_person_points=None,
        people_needed=None,
        fragile=False,
        small=False,
    )


def judge_series(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    *,
    as_of: str | Period | None = None,
    today: dt.date | None = None,
) -> Judgement:
    """The judgement of one series (the long rows of one unit, area, territory or pooled group and
    one indicator: ``period, value, numerator, denominator, units_reporting, units_expected`` and
    optionally ``reconstructed``)."""
    frame = _normalised(series, indicator)
    _, found, _, day_idx = _judge_rows(frame, targets, as_of, today)
    if found:
        return found[0]
    p = parse_period(as_of) if as_of is not None else None
    return _empty_judgement(indicator, targets, str(p) if p else None, day_idx)


def _normalised(series: pd.DataFrame, indicator: str) -> pd.DataFrame:
    frame = series.copy()
    frame["indicator"] = indicator
    frame["unit"] = "series"
    for col, fill in (("reconstructed", False), ("units_reporting", 1), ("units_expected", 1)):
        if col not in frame:
            frame[col] = fill
    for col in ("numerator", "denominator"):
        if col not in frame:
            frame[col] = 0
    return frame


def split_series(series: pd.DataFrame, as_of: str | Period | None = None) -> tuple[pd.DataFrame, list[str]]:
    """``series`` (one unit and indicator, in time order) up to ``as_of``, cut after its latest
    complete quarter, and the cut quarters that already hold some data (the provisional ones);
    a series with no complete quarter is kept whole (module docstring)."""
    if as_of is not None and len(series):
        series = series[period_indexes(series["period"]) <= parse_period(as_of).index]
    if series.empty:
        return series, []
    complete = series["units_reporting"].to_numpy() >= series["units_expected"].to_numpy()
    if complete.all() or not complete.any():
        return series, []
    last_complete = int(complete.nonzero()[0].max())
    tail = series.iloc[last_complete + 1 :]
    pending = tail.loc[tail["units_reporting"] > 0, "period"].tolist()
    return series.iloc[: last_complete + 1], pending


def _chain_as_of(
    frame: pd.DataFrame, targets: pd.DataFrame, as_of: str | Period | None
) -> tuple[_Layout, _Chain] | None:
    """The status chain of ``frame``'s series from their quarters up to ``as_of`` (default: the
    frame's latest quarter); ``None`` when no series is left."""
    end = parse_period(as_of).index if as_of is not None else int(period_indexes(frame["period"]).max())
    frame = frame[period_indexes(frame["period"]) <= end]
    layout = _layout(frame, end)
    if not layout.keys:
        return None
    final_year, final_target = _finals(layout, targets)
    return layout, _chain(layout, final_year, final_target)


def status_history(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    quarters: int = 8,
    *,
    as_of: str | Period | None = None,
) -> pd.DataFrame:
    """The status as it stood at the end of each of the last ``quarters`` quarters up to ``as_of``
    (each exactly ``judge_series(..., as_of=that quarter).status``): columns ``period`` (the quarter
    as of which), ``judged_period``, ``status``, ``raw_status``, ``value``, ``numerator``,
    ``denominator``. Quarters before the series' first judged quarter are left out."""
    cols = ["period", "judged_period", "status", "raw_status", "value", "numerator", "denominator"]
    frame = _normalised(series, indicator)
    if frame.empty or indicator.upper() not in set(targets["indicator"].astype(str).str.upper()):
        return pd.DataFrame(columns=cols)
    judged = _chain_as_of(frame, targets, as_of)
    if judged is None:
        return pd.DataFrame(columns=cols)
    layout, chain = judged
    rows = []
    for c in range(max(0, layout.shape[1] - quarters), layout.shape[1]):
        step, k = int(chain.last_step[0, c]), int(chain.judged[0, c])
        if step < 0 or k < 0:
            continue
        v = layout.value[0, k]
        rows.append(
            {
                "period": str(Period.from_index(layout.q0 + c)),
                "judged_period": str(Period.from_index(layout.q0 + k)),
                "status": _code_text(int(chain.shown[0, step])),
                "raw_status": _code_text(int(chain.raw[0, step])),
                "value": None if v != v else float(v),
                "numerator": int(layout.num[0, k]),
                "denominator": int(layout.den[0, k]),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def status_histories(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    as_of: str | Period | None = None,
) -> pd.DataFrame:
    """Every series' status as it stood at the end of every quarter up to ``as_of`` (default: the
    table's latest quarter), for all series at once: columns ``unit``, ``indicator``, ``period``
    (the quarter as of which), ``judged_period``, ``status``, ``raw_status``. The status as of P is
    the one ``status_table(as_of=P)`` gives (same chain; a series' quarters before its first judged
    quarter are left out). For the status strip of many units and the churn bench."""
    cols = ["unit", "indicator", "period", "judged_period", "status", "raw_status"]
    inds = set(targets["indicator"].astype(str).str.upper())
    frame = indicators[indicators["indicator"].isin(inds)]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    judged = _chain_as_of(frame, targets, as_of)
    if judged is None:
        return pd.DataFrame(columns=cols)
    layout, chain = judged
    rows, cols_ = np.nonzero((chain.last_step >= 0) & (chain.judged >= 0))
    step = chain.last_step[rows, cols_]
    codes = np.array([str(s) for s in STATUS_CODES], dtype=object)
    keys = np.array(layout.keys, dtype=object).reshape(-1, 2)
    period_text = np.array([str(Period.from_index(layout.q0 + c)) for c in range(layout.shape[1])], dtype=object)
    return pd.DataFrame(
        {
            "unit": keys[rows, 0],
            "indicator": keys[rows, 1],
            "period": period_text[cols_],
            "judged_period": period_text[chain.judged[rows, cols_]],
            "status": codes[chain.shown[rows, step]],
            "raw_status": codes[chain.raw[rows, step]],
        },
        columns=cols,
    )


def status_table(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    register: Register,
    *,
    as_of: str | Period | None = None,
    today: dt.date | None = None,
    units: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every unit's and area's judgement per indicator as of ``as_of`` (``STATUS_COLUMNS``; SPEC §8
    ``status``). One row per unit of ``units`` (default: every code of the register, so a unit
    without data shows ``insufficient_data``) and per indicator with targets, in register order.
    ``active``: the unit exists on the judging date; ``milestones`` a list of dicts
    ``{year, target, period, value, result, judged_on_q4}``."""
    inds = [i for i in dict.fromkeys(targets["indicator"].astype(str).str.upper()) if i]
    reg = register.frame
    codes = list(reg["code"]) if units is None else [register.canonical(u) for u in units]
    data = indicators[indicators["indicator"].isin(inds) & indicators["unit"].isin(codes)]
    latest_all = (
        parse_period(indicators["period"].iloc[int(np.argmax(period_indexes(indicators["period"])))])
        if len(indicators)
        else None
    )
    p = parse_period(as_of) if as_of is not None else latest_all
    # the judging date depends on the whole table's latest quarter, not on the units picked
    day = judging_date(p, latest_all, today)
    if len(data) and p is not None:
        data = data[period_indexes(data["period"]) <= p.index]
    by_key = {}
    if len(data):
        layout, found, _, _ = _judge_rows(data, targets, p, day)
        by_key = dict(zip(layout.keys, found, strict=True))
    day_idx = Period.of_date(day).index
    info = {
        r.code: (
            r.kind == AREA_KIND,
            parse_period(r.valid_from).index if r.valid_from else None,
            parse_period(r.valid_to).index if r.valid_to else None,
        )
        for r in reg.itertuples()
    }
    rows = []
    for code in codes:
        is_area, vf, vt = info.get(code, (False, None, None))
        active = (vf is None or vf <= day_idx) and (vt is None or vt >= day_idx)
        for ind in inds:
            j = by_key.get((code, ind)) or _empty_judgement(ind, targets, str(p) if p else None, day_idx)
            rows.append(_row(code, ind, is_area, active, j))
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    floats = ["value", "observed_rate", "reconstructed_share", "required_rate", "ratio", "years_left"]
    floats += ["projection", "gap", "next_target", "final_target", "baseline_value", "one_person_points"]
    floats += ["provisional_value"]
    for col in floats:
        out[col] = out[col].astype("float64")
    ints = ["next_milestone_year", "final_year", "numerator", "denominator", "units_reporting", "units_expected"]
    ints += ["people_needed", "provisional_numerator", "provisional_denominator"]
    ints += ["provisional_units_reporting", "provisional_units_expected"]
    for col in ints:
        out[col] = out[col].astype("Int64")
    for col in ("fragile", "small", "active", "is_area", "reconstructed"):
        out[col] = out[col].astype(bool)
    return out


def _row(code: str, ind: str, is_area: bool, active: bool, j: Judgement) -> dict:
    pr = j.progress
    prov = j.provisional
    return {
        "unit": code,
        "indicator": ind,
        "is_area": is_area,
        "active": active,
        "as_of": j.as_of,
        "period": j.period,
        "value": j.value,
        "numerator": j.numerator,
        "denominator": j.denominator,
        "units_reporting": j.units_reporting,
        "units_expected": j.units_expected,
        "reconstructed": j.reconstructed,
        "status": j.status,
        "raw_status": j.raw_status,
        "one_person_points": j.one_person_points,
        "people_needed": j.people_needed,
        "fragile": j.fragile,
        "small": j.small,
        "observed_rate": pr.observed_rate,
        "n_points": pr.n_points,
        "reconstructed_share": pr.reconstructed_share,
        "required_rate": pr.required_rate,
        "ratio": pr.ratio,
        "years_left": pr.years_left,
        "projection": pr.projection,
        "gap": pr.gap,
        "next_milestone_year": pr.next_milestone_year,
        "next_target": pr.next_target,
        "final_year": pr.final_year,
        "final_target": pr.final_target,
        "baseline_period": pr.baseline_period,
        "baseline_value": pr.baseline_value,
        "milestones": [m.to_dict() for m in pr.milestones],
        "provisional_period": prov.period if prov else None,
        "provisional_value": prov.value if prov else None,
        "provisional_numerator": prov.numerator if prov else None,
        "provisional_denominator": prov.denominator if prov else None,
        "provisional_units_reporting": prov.units_reporting if prov else None,
        "provisional_units_expected": prov.units_expected if prov else None,
    }


def row_flags(indicators: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For every row of a long indicator table, as of its latest quarter: ``judged`` — the row its
    unit (or area) and indicator are judged on — and ``provisional`` — a row after the series' cut
    that already holds some data (shown, never judged). Same rule as ``status_table``."""
    if indicators.empty:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    pidx = pd.Series(period_indexes(indicators["period"]), index=indicators.index)
    keys = [indicators["unit"], indicators["indicator"]]
    complete = indicators["units_reporting"].to_numpy() >= indicators["units_expected"].to_numpy()
    last_complete = pd.Series(np.where(complete, pidx, -1), index=indicators.index).groupby(keys).transform("max")
    last = pidx.groupby(keys).transform("max")
    cut = np.where(last_complete >= 0, last_complete, last)
    provisional = (pidx.to_numpy() > cut) & (indicators["units_reporting"].to_numpy() > 0)
    valued = indicators["value"].notna().to_numpy() & (pidx.to_numpy() <= cut)
    judged_at = pd.Series(np.where(valued, pidx, -1), index=indicators.index).groupby(keys).transform("max")
    return (pidx.to_numpy() == judged_at.to_numpy()) & valued, provisional


# -- words for people (pages, deck, report, CLI) ---------------------------------------------------


def counts_text(indicator: str, numerator, denominator, lang: str = "vi") -> str:
    """ "16/40 nữ trong diện quy hoạch", "2/4 cơ quan" — or "" without counts."""
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator):
        return ""
    return t(
        f"judgement.counts.{indicator}", lang, num=number(int(numerator), lang), den=number(int(denominator), lang)
    )


def value_text(indicator: str, value, numerator, denominator, lang: str = "vi") -> str:
    """ "16/40 nữ trong diện quy hoạch — 40,0%" (the value alone without counts; "—" without a value)."""
    shown = percent(None if value is None or pd.isna(value) else float(value), lang)
    counts = counts_text(indicator, numerator, denominator, lang)
    if not counts or shown == "—":
        return shown
    return t("judgement.value_counts", lang, counts=counts, value=shown)


def one_person_text(indicator: str, points, lang: str = "vi") -> str:
    """ "1 người = 2,5 điểm %" ("1 cơ quan = 25 điểm %" for I1); "" without a denominator."""
    if points is None or pd.isna(points):
        return ""
    decimals = 0 if float(points).is_integer() else 1
    return t(f"judgement.one_person.{indicator}", lang, points=number(float(points), lang, decimals))


def people_needed_text(indicator: str, needed, target, year, lang: str = "vi") -> str:
    """ "cần thêm 3 nữ trong diện quy hoạch để đạt 50% năm 2030" (or that there are enough)."""
    if needed is None or pd.isna(needed) or target is None or pd.isna(target):
        return ""
    shown = percent(float(target), lang, 0 if float(target).is_integer() else 1)
    key = "judgement.enough" if int(needed) == 0 else f"judgement.needed.{indicator}"
    return t(key, lang, n=number(int(needed), lang), target=shown, year=int(year) if year else "")
