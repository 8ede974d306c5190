"""Progress of a series toward its targets: status, rates, projection, milestones (SPEC §3, §7).

For one series (a unit, an area or a pooled group) and one indicator, with milestones
``(Y_k, T_k)`` from the targets table sorted by year and the final milestone ``(Y_f, T_f)`` (the
latest year of that indicator — nothing here knows 2025, 2030 or any target number):

- ``t``, ``v``: the latest quarter with a value, and that value.
- **Baseline** ``(t0, v0)``: 2021Q4 when it has a value, else the first quarter with a value.
- **Required path**: piecewise linear through ``(t0, min(v0, T_1))``, ``(Y_1 Q4, T_1)``, …,
  ``(Y_f Q4, T_f)`` using the milestones whose Q4 lies after ``t0`` (``T_1`` is the first of them;
  no such milestone: no path).
- **Observed rate** ``r_obs``: ordinary-least-squares slope, in percentage points per year, of the
  values of the 12 quarters ``t − 11 … t`` (x = time axis ``year + (q − 1)/4``; quarters without a
  value left out). Fewer than 4 values: no rate, status ``insufficient_data``.
- ``years_left = (index(Y_f Q4) − index(t)) / 4``; ``r_req = (T_f − v) / years_left`` when
  ``v < T_f`` and ``years_left > 0``, else none.
- **Status**, first that applies: ``achieved`` (``v ≥ T_f``); ``insufficient_data``; then with
  ``R = r_obs / r_req`` rounded to 9 decimals (so that 0.9499999999 from floating-point noise
  counts as 0.95): ``on_track`` (R ≥ 0.95), ``needs_acceleration`` (0.6 ≤ R < 0.95),
  ``limited_progress`` (0 ≤ R < 0.6), ``deteriorating`` (R < 0). When the final quarter is reached
  or passed (``years_left ≤ 0``) without achieving ``T_f``, ``r_req`` is unbounded and R is taken
  as its limit ``sign(r_obs)·0``: ``limited_progress`` if ``r_obs ≥ 0``, else ``deteriorating``.
- **Projection** to ``Y_f Q4``: ``v + r_obs·years_left`` clipped to [0, 100]; none without a rate
  or when ``t`` is after ``Y_f Q4``.
- **Due milestones.** The milestone of year Y is *due* once the series has reached ``YQ4``
  (``t ≥ YQ4``) or the year is over (today's quarter is after ``YQ4``). Milestones are judged for
  every due year up to the year of ``t``: on the value at ``YQ4``; where Q4 has no value, on the
  last quarter of Y with one (``judged_on_q4 = False``); where Y has no value, ``no_data``.
  Targets are floors: ``value ≥ target`` meets it.
- **Gap** ``T − v`` (percentage points; negative when already above) to the next milestone: the
  first one not yet due. None when every milestone is due.

Comparisons of a value with a target (achieved, met) allow 1e-9 for floating-point noise.
The thresholds are those of the Open SDG progress measure (Statistics Canada); a linear rate in
percentage points replaces its compound growth rate because the indicators are bounded shares.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .i18n import t
from .periods import Period, parse_period
from .units import AREA_KIND, Register

__all__ = [
    "BASELINE",
    "MIN_POINTS",
    "STATUS_COLUMNS",
    "THRESHOLDS",
    "WINDOW_QUARTERS",
    "MilestoneCheck",
    "MilestoneResult",
    "PathPoint",
    "Progress",
    "Status",
    "assess",
    "method_text",
    "milestones_for",
    "projection_frame",
    "projection_point",
    "required_path_frame",
    "status_table",
]

BASELINE = Period(2021, 4)
WINDOW_QUARTERS = 12
MIN_POINTS = 4
#: Lower bounds of R for on_track, needs_acceleration, limited_progress (below the last: deteriorating).
THRESHOLDS: tuple[float, float, float] = (0.95, 0.6, 0.0)
RATIO_DECIMALS = 9
TOLERANCE = 1e-9


class Status(enum.StrEnum):
    """Progress status of a series; the i18n catalogue has ``status.<value>`` labels."""

    ACHIEVED = "achieved"
    INSUFFICIENT_DATA = "insufficient_data"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"

    def label(self, lang: str = "vi") -> str:
        from .i18n import t

        return t(f"status.{self.value}", lang)


class MilestoneResult(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"

    def label(self, lang: str = "vi") -> str:
        from .i18n import t

        return t(f"milestone.{self.value}", lang)


@dataclass(frozen=True)
class MilestoneCheck:
    """One due milestone judged: on ``period`` (YQ4, or the last quarter of Y with data)."""

    year: int
    target: float
    period: str | None
    value: float | None
    result: MilestoneResult
    judged_on_q4: bool

    def to_dict(self) -> dict:
        # written out rather than dataclasses.asdict (a deep copy): status_table makes ~20,000 of these
        return {
            "year": self.year,
            "target": self.target,
            "period": self.period,
            "value": self.value,
            "result": str(self.result),
            "judged_on_q4": self.judged_on_q4,
        }


@dataclass(frozen=True)
class PathPoint:
    period: str
    axis: float
    value: float


@dataclass(frozen=True)
class Progress:
    """Everything §7 says about one series and one indicator. Rates in percentage points per year."""

    indicator: str
    status: Status
    period: str | None = None
    value: float | None = None
    baseline_period: str | None = None
    baseline_value: float | None = None
    required_path: tuple[PathPoint, ...] = ()
    observed_rate: float | None = None
    n_points: int = 0
    window_start: str | None = None
    years_left: float | None = None
    required_rate: float | None = None
    ratio: float | None = None
    projection: float | None = None
    milestones: tuple[MilestoneCheck, ...] = ()
    gap: float | None = None
    next_milestone_year: int | None = None
    next_target: float | None = None
    final_year: int | None = None
    final_target: float | None = None
    reconstructed_share: float | None = None


# -- targets -------------------------------------------------------------------------------------


def milestones_for(targets: pd.DataFrame, indicator: str) -> list[tuple[int, float]]:
    """``[(year, target_percent), …]`` of one indicator, sorted by year (empty when none)."""
    rows = targets[targets["indicator"].astype(str).str.upper() == indicator.upper()]
    pairs = sorted((int(y), float(v)) for y, v in zip(rows["year"], rows["target_percent"], strict=True))
    return pairs


@functools.lru_cache(maxsize=4096)
def _period_text(index: int) -> str:
    """``"2024Q3"`` of a period index (cached: every series names the same few quarters)."""
    return str(Period.from_index(index))


def _q4(year: int) -> int:
    return 4 * year + 3


def _at_least(value: float, target: float) -> bool:
    return value >= target - TOLERANCE


# -- the core: one series as sorted lists --------------------------------------------------------


def _assess_lists(
    indicator: str,
    idx: list[int],
    vals: list[float],
    milestones: list[tuple[int, float]],
    today_idx: int,
    recon: list[bool] | None = None,
) -> Progress:
    """``idx`` ascending period indexes that have a value, ``vals`` their values (no NaN)."""
    if not milestones:
        raise ValueError(f"no targets for indicator {indicator}")
    final_year, final_target = milestones[-1]
    t_idx = idx[-1] if idx else None

    def due(year: int) -> bool:
        return (t_idx is not None and t_idx >= _q4(year)) or today_idx > _q4(year)

    upcoming = [(y, target) for y, target in milestones if not due(y)]
    next_year, next_target = upcoming[0] if upcoming else (None, None)
    if t_idx is None:
        return Progress(
            indicator,
            Status.INSUFFICIENT_DATA,
            next_milestone_year=next_year,
            next_target=next_target,
            final_year=final_year,
            final_target=final_target,
        )
    v = vals[-1]
    t_year = t_idx // 4

    # baseline and required path
    b = idx.index(BASELINE.index) if BASELINE.index in idx else 0
    t0, v0 = idx[b], vals[b]
    ahead = [(y, target) for y, target in milestones if _q4(y) > t0]
    path: tuple[PathPoint, ...] = ()
    if ahead:
        pts = [(t0, min(v0, ahead[0][1]))] + [(_q4(y), target) for y, target in ahead]
        path = tuple(PathPoint(_period_text(i), i / 4, val) for i, val in pts)

    # observed rate: OLS over the window, x in years relative to t (exact quarter steps)
    lo = t_idx - (WINDOW_QUARTERS - 1)
    start = next(k for k, i in enumerate(idx) if i >= lo)
    xs = [(i - t_idx) / 4 for i in idx[start:]]
    ys = vals[start:]
    n = len(xs)
    r_obs = None
    if n >= MIN_POINTS:
        mx = sum(xs) / n
        my = sum(ys) / n
        sxx = sum((x - mx) ** 2 for x in xs)
        sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
        r_obs = sxy / sxx
    share = None
    if recon is not None and n:
        share = sum(recon[start:]) / n

    years_left = (_q4(final_year) - t_idx) / 4
    r_req = (final_target - v) / years_left if years_left > 0 and not _at_least(v, final_target) else None
    ratio = None
    if _at_least(v, final_target):
        status = Status.ACHIEVED
    elif r_obs is None:
        status = Status.INSUFFICIENT_DATA
    elif r_req is None:  # the final quarter is reached or passed, target not achieved
        status = Status.LIMITED_PROGRESS if r_obs >= 0 else Status.DETERIORATING
    else:
        ratio = round(r_obs / r_req, RATIO_DECIMALS)
        status = _status_of_ratio(ratio)

    projection = None
    if r_obs is not None and years_left >= 0:
        projection = min(100.0, max(0.0, v + r_obs * years_left))

    # milestones: due years up to the year of t
    by_idx = dict(zip(idx, vals, strict=True))
    checks = []
    for year, target in milestones:
        if year > t_year or not due(year):
            continue
        if _q4(year) in by_idx:
            p, val, on_q4 = _q4(year), by_idx[_q4(year)], True
        else:
            in_year = [i for i in idx if i // 4 == year]
            p, val, on_q4 = (in_year[-1], by_idx[in_year[-1]], False) if in_year else (None, None, False)
        if val is None:
            result = MilestoneResult.NO_DATA
        else:
            result = MilestoneResult.MET if _at_least(val, target) else MilestoneResult.NOT_MET
        period_text = _period_text(p) if p is not None else None
        checks.append(MilestoneCheck(year, target, period_text, val, result, on_q4))

    return Progress(
        indicator=indicator,
        status=status,
        period=_period_text(t_idx),
        value=v,
        baseline_period=_period_text(t0),
        baseline_value=v0,
        required_path=path,
        observed_rate=r_obs,
        n_points=n,
        window_start=_period_text(idx[start]),
        years_left=years_left,
        required_rate=r_req,
        ratio=ratio,
        projection=projection,
        milestones=tuple(checks),
        gap=(next_target - v) if next_target is not None else None,
        next_milestone_year=next_year,
        next_target=next_target,
        final_year=final_year,
        final_target=final_target,
        reconstructed_share=share,
    )


def _status_of_ratio(r: float) -> Status:
    on_track, accelerate, limited = THRESHOLDS
    if r >= on_track:
        return Status.ON_TRACK
    if r >= accelerate:
        return Status.NEEDS_ACCELERATION
    if r >= limited:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATING


def _today_index(today: dt.date | None) -> int:
    return Period.of_date(today or dt.date.today()).index


def assess(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    today: dt.date | None = None,
) -> Progress:
    """Progress of one series: ``series`` has ``period`` (text or Period) and ``value`` (NaN allowed).

    ``targets`` is a table ``indicator, year, target_percent``. ``today`` (default: the date
    today) decides which milestones are due. A ``reconstructed`` column, if present, feeds
    ``reconstructed_share`` (share of the window's values that are reconstructed).
    """
    frame = series[series["value"].notna()]
    idx = [parse_period(p).index for p in frame["period"]]
    vals = [float(v) for v in frame["value"]]
    recon = [bool(r) for r in frame["reconstructed"]] if "reconstructed" in frame.columns else None
    order = sorted(range(len(idx)), key=idx.__getitem__)
    if len(set(idx)) != len(idx):
        raise ValueError("a period appears twice in the series")
    return _assess_lists(
        indicator,
        [idx[k] for k in order],
        [vals[k] for k in order],
        milestones_for(targets, indicator),
        _today_index(today),
        [recon[k] for k in order] if recon is not None else None,
    )


# -- many series at once -------------------------------------------------------------------------

#: Columns of ``status_table``.
STATUS_COLUMNS: list[str] = [
    "unit",
    "indicator",
    "is_area",
    "active",
    "period",
    "value",
    "reconstructed",
    "status",
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
]


def status_table(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    register: Register,
    today: dt.date | None = None,
    units: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Latest progress of every unit and area per indicator (``STATUS_COLUMNS``, SPEC §8 ``status``).

    ``indicators`` is the long table of ``compute_indicators``. One row per unit of ``units``
    (default: every code of the register, so a unit without data shows ``insufficient_data``) and
    per indicator that has targets, in register order. ``active`` is False for a unit whose
    ``valid_to`` is before today's quarter. ``status`` holds the ``Status`` value as text,
    ``milestones`` a list of dicts ``{year, target, period, value, result, judged_on_q4}``.
    The frame is sorted once and each series is a few short Python lists, so ~10,000 series take
    well under a second.
    """
    today_idx = _today_index(today)
    inds = [i for i in dict.fromkeys(targets["indicator"].astype(str).str.upper()) if i]
    plans = {i: milestones_for(targets, i) for i in inds}
    reg = register.frame
    codes = list(reg["code"]) if units is None else [register.canonical(u) for u in units]
    info = {
        r.code: (r.kind == AREA_KIND, (parse_period(r.valid_to).index if r.valid_to else None))
        for r in reg.itertuples()
    }

    data = indicators.loc[
        indicators["value"].notna() & indicators["indicator"].isin(inds) & indicators["unit"].isin(codes),
        ["unit", "indicator", "period", "value", "reconstructed"],
    ]
    series: dict[tuple[str, str], tuple[list[int], list[float], list[bool]]] = {}
    if len(data):
        codes_u, uniq_u = pd.factorize(data["unit"])
        codes_i, uniq_i = pd.factorize(data["indicator"])
        p_codes, p_uniq = pd.factorize(data["period"])
        pidx = np.array([parse_period(p).index for p in p_uniq], dtype="int64")[p_codes]
        order = np.lexsort((pidx, codes_i, codes_u))
        cu, ci, pi = codes_u[order], codes_i[order], pidx[order]
        vals = data["value"].to_numpy(dtype="float64")[order].tolist()
        rec = data["reconstructed"].to_numpy(dtype=bool)[order].tolist()
        pl = pi.tolist()
        cuts = np.flatnonzero((np.diff(cu) != 0) | (np.diff(ci) != 0)) + 1
        bounds = [0, *cuts.tolist(), len(order)]
        for s, e in itertools.pairwise(bounds):
            series[(uniq_u[cu[s]], uniq_i[ci[s]])] = (pl[s:e], vals[s:e], rec[s:e])

    rows = []
    for code in codes:
        is_area, vt = info.get(code, (False, None))
        active = vt is None or vt >= today_idx
        for ind in inds:
            idx, vals, rec = series.get((code, ind), ([], [], []))
            pr = _assess_lists(ind, idx, vals, plans[ind], today_idx, rec)
            rows.append(
                {
                    "unit": code,
                    "indicator": ind,
                    "is_area": is_area,
                    "active": active,
                    "period": pr.period,
                    "value": pr.value,
                    "reconstructed": rec[-1] if rec else False,
                    "status": str(pr.status),
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
                }
            )
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    floats = ["value", "observed_rate", "reconstructed_share", "required_rate", "ratio", "years_left"]
    floats += ["projection", "gap", "next_target", "final_target", "baseline_value"]
    for col in floats:
        out[col] = out[col].astype("float64")
    for col in ("next_milestone_year", "final_year"):
        out[col] = out[col].astype("Int64")
    return out


# -- for charts and the app ----------------------------------------------------------------------


def required_path_frame(progress: Progress) -> pd.DataFrame:
    """The required path as ``period, axis, value`` rows (empty frame when there is none)."""
    return pd.DataFrame(
        [(p.period, p.axis, p.value) for p in progress.required_path],
        columns=["period", "axis", "value"],
    )


def projection_frame(progress: Progress) -> pd.DataFrame:
    """The projection segment ``(t, v) → (Y_f Q4, projection)`` as ``period, axis, value`` rows."""
    if progress.projection is None or progress.period is None or progress.final_year is None:
        return pd.DataFrame(columns=["period", "axis", "value"])
    t = parse_period(progress.period)
    end = Period(progress.final_year, 4)
    return pd.DataFrame(
        [(str(t), t.axis, progress.value), (str(end), end.axis, progress.projection)],
        columns=["period", "axis", "value"],
    )


def projection_point(progress: Progress) -> tuple[str, float] | None:
    """``(Y_f Q4 as text, projection)`` — the end of the projection segment — or None."""
    if progress.projection is None or progress.final_year is None:
        return None
    return str(Period(progress.final_year, 4)), progress.projection


def method_text(lang: str = "vi") -> str:
    """The progress method in plain words, for the app beside the status (vi or en)."""
    on_track, accelerate, limited = THRESHOLDS
    fmt = (lambda x: f"{x:g}".replace(".", ",")) if lang != "en" else (lambda x: f"{x:g}")
    return t(
        "progress.method",
        "en" if lang == "en" else "vi",
        window=WINDOW_QUARTERS,
        min_points=MIN_POINTS,
        on_track=fmt(on_track),
        accelerate=fmt(accelerate),
        limited=fmt(limited),
    )
