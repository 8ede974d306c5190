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

**The steady status** (SPEC §7, issue 21). The status above, computed afresh each quarter from
the last 12 quarters and the latest value (the *formula status*), flips when one person joins or
leaves a small pool. What is shown is the *steady status*, decided quarter by quarter along the
quarters a series is judged on (``judgement`` says which), from the stored values alone. At each
judged quarter ``t``, over the ``STEADY_WINDOW`` (20) quarters up to ``t`` (five years; quarters
without a value left out):

- **Wobble** ``σ``: the standard deviation of the changes between consecutive quarters that both
  have a value, divided by √2 (a value's own noise; at least ``STEADY_MIN_CHANGES`` changes, else
  the steady status is the formula status). Each estimate below is a weighted sum of the values,
  so its standard error is ``σ·√Σweight²``.
- **Rate** ``b``: the least-squares slope of the five-year line, to the extent the data follow one
  straight line: ``b = b12 + λ·(b20 − b12)``, with ``b12`` the formula's rate and ``b20`` the
  five-year line's. ``λ`` = 1 while the mean of the last ``STEADY_BREAK`` (2) values lies within
  ``STEADY_K`` (2) standard errors of the line through the quarters before them (at least
  ``MIN_POINTS`` of them, else λ = 0), ``(K·se/gap)²`` beyond; and λ = 0 when the 12-quarter rate
  alone is below zero by ``STEADY_FALL`` (1) standard error (a clear fall is never smoothed away
  by older quarters).
- **Level** ``ℓ``: the value at ``t`` of that line (``ℓ12 + λ·(ℓ20 − ℓ12)``), to the extent the
  latest value ``v`` lies on it: ``v + μ·(ℓ − v)``, ``μ`` = 1 while ``|ℓ − v|`` is within
  ``STEADY_K`` standard errors, ``(K·se/gap)²`` beyond; then rounded to whole people of the
  quarter judged (``100·round(ℓ·d/100)/d``, d its denominator: a status is about people, and the
  latest value itself is already whole people).
- **Trend status**: the formula above with the rate ``b`` and the level ``ℓ`` in place of ``r_obs``
  and ``v`` (``insufficient_data`` when the formula says so). Its **band**: the statuses from
  ``(ℓ − c·se_ℓ, b − c·se_b)`` up to ``(ℓ + c·se_ℓ, b + c·se_b)``, ``c = STEADY_BAND`` (1) (the
  rank is monotone in both, so the band is a range).
- **Step**: the first judged quarter shows the trend status; ``insufficient_data`` is shown at
  once, entering or leaving it. Then the status shown last is kept while it lies in the band,
  and the trend status is shown (a) when the kept status lies outside the band, (b) when both the
  trend and the formula say ``deteriorating`` (a fall is shown as soon as both see it), or (c) when
  the trend status has differed from the kept one ``STEADY_HOLD`` (3) judged quarters in a row (no
  status is frozen).

Ranks: deteriorating < limited_progress < needs_acceleration < on_track < achieved. When every
change between consecutive quarters is the same (σ = 0: a straight line, no noise), the trend is
the formula's line and the latest value and the band is one status, so the steady status is the
formula status. ``steady_trend`` computes the trend, its band and the formula status of many
windows at once (numpy, by chunks), ``steady_step`` takes one step for many series at once, so the
status table of thousands of units stays fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .i18n import t
from .periods import Period, parse_period

__all__ = [
    "BASELINE",
    "MIN_POINTS",
    "NO_STATUS",
    "STATUS_CODES",
    "STEADY_BAND",
    "STEADY_BREAK",
    "STEADY_FALL",
    "STEADY_HOLD",
    "STEADY_K",
    "STEADY_STATE",
    "STEADY_WINDOW",
    "THRESHOLDS",
    "WINDOW_QUARTERS",
    "MilestoneCheck",
    "MilestoneResult",
    "PathPoint",
    "Progress",
    "Status",
    "assess",
    "classify",
    "method_text",
    "milestones_for",
    "projection_frame",
    "projection_point",
    "required_path_frame",
    "steady_inputs",
    "steady_start",
    "steady_step",
    "steady_trend",
    "window_stats",
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


# -- the steady status (many windows at once) ---------------------------------------------------

#: Status codes of the steady rule: index = rank (``insufficient_data`` last, outside the ranking).
STATUS_CODES: tuple[Status, ...] = (
    Status.DETERIORATING,
    Status.LIMITED_PROGRESS,
    Status.NEEDS_ACCELERATION,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.INSUFFICIENT_DATA,
)
_DETERIORATING, _ACHIEVED, _INSUFFICIENT, NO_STATUS = 0, 4, 5, -1
#: Quarters of the trend line (five years), ending at the quarter judged.
STEADY_WINDOW = 20
#: The latest quarters tested against the line drawn through the quarters before them (a break).
STEADY_BREAK = 2
#: "More than the wobble explains": a departure beyond this many standard errors.
STEADY_K = 2.0
#: A 12-quarter rate below zero by this many standard errors: the older quarters are not used.
STEADY_FALL = 1.0
#: The status shown is kept while it lies within ± this many standard errors of the trend …
STEADY_BAND = 1.0
#: … or until the trend status has differed from it this many judged quarters in a row.
STEADY_HOLD = 3
#: Changes between consecutive quarters needed to estimate the wobble (else: the formula status).
STEADY_MIN_CHANGES = 3
#: Rows of windows handled at once (bounds the memory of the national status table).
_CHUNK = 65536


def _line(mask: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares weights of many lines at once: for rows of ``mask`` (points used) over the
    abscissae ``x`` (years, the quarter judged at 0), ``(slope, level, n)`` where ``slope @ y`` is
    the slope and ``level @ y`` the line's value at x = 0 (weights 0 off the mask; NaN rows when
    fewer than two points)."""
    n = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = np.where(mask, x, 0.0).sum(axis=1) / n
        dx = np.where(mask, x - xm[:, None], 0.0)
        slope = dx / (dx * dx).sum(axis=1)[:, None]
        level = np.where(mask, 1.0 / n[:, None], 0.0) - slope * xm[:, None]
    return slope, level, n


def _wobble(windows: np.ndarray) -> np.ndarray:
    """σ of each row: the standard deviation of the changes between consecutive quarters that both
    have a value, divided by √2 (NaN with fewer than ``STEADY_MIN_CHANGES`` changes)."""
    changes = windows[:, 1:] - windows[:, :-1]
    ok = np.isfinite(changes)
    m = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, changes, 0.0).sum(axis=1) / m
        var = np.where(ok, (changes - mean[:, None]) ** 2, 0.0).sum(axis=1) / (m - 1)
        return np.where(m >= STEADY_MIN_CHANGES, np.sqrt(var / 2.0), np.nan)


def window_stats(windows: np.ndarray) -> dict[str, np.ndarray]:
    """Figures of many windows at once (one per row, its last column the quarter judged, the
    column before it the quarter before; NaN: no value): ``n`` values in the formula's window (its
    last ``WINDOW_QUARTERS`` columns), ``slope`` their least-squares rate in percentage points per
    year (NaN below ``MIN_POINTS`` values), ``sigma`` the wobble of a value over the whole window
    (``_wobble``)."""
    windows = np.asarray(windows, dtype="float64")
    w = windows.shape[1]
    x = (np.arange(w, dtype="float64") - (w - 1)) / 4
    present = np.isfinite(windows)
    ws, _, n = _line(present & (np.arange(w) >= w - WINDOW_QUARTERS), x)
    slope = np.where(n >= MIN_POINTS, (np.nan_to_num(ws) * np.where(present, windows, 0.0)).sum(axis=1), np.nan)
    return {"n": n, "slope": slope, "sigma": _wobble(windows)}


def _shrink(gap: np.ndarray, var: np.ndarray) -> np.ndarray:
    """How much of a smoother estimate to keep: 1 while ``gap`` (its difference from the plain
    one, of variance ``var``) is within ``STEADY_K`` standard errors, then (K·se / gap)²."""
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.minimum(1.0, STEADY_K * STEADY_K * var / (gap * gap))
    return np.where(gap == 0, 1.0, np.nan_to_num(out, nan=0.0))


def steady_trend(windows, years_left, final_target, denominators=None) -> dict[str, np.ndarray]:
    """The trend of many judged quarters at once (module docstring, "The steady status").

    ``windows``: shape (K, w ≤ ``STEADY_WINDOW``), the values of the quarters up to the one judged,
    one series per row, its last column the quarter judged (NaN: no value; a narrower window is
    read as padded with NaN on the left); ``denominators``: of the quarter judged (the level is
    rounded to whole people of it; None or NaN: not rounded). Returns float arrays of K: ``value``
    (latest value),
    ``slope`` (the formula's 12-quarter rate), ``sigma`` (the wobble), ``old_weight`` (λ, how much
    of the five-year line is used), ``level_weight`` (μ, how much of the line's level is used
    instead of the latest value), ``trend_rate`` and ``trend_level`` (the trend's rate and level),
    ``se_rate`` and ``se_level`` (their standard errors); and the int8 status codes ``raw`` (the
    formula), ``trend`` and the band ``lo``/``hi`` (``STEADY_BAND`` standard errors either way)."""
    windows = np.asarray(windows, dtype="float64")
    if windows.shape[1] < STEADY_WINDOW:
        pad = np.full((windows.shape[0], STEADY_WINDOW - windows.shape[1]), np.nan)
        windows = np.hstack([pad, windows])
    windows = windows[:, -STEADY_WINDOW:]
    years_left = np.broadcast_to(np.asarray(years_left, dtype="float64"), windows.shape[:1])
    final_target = np.broadcast_to(np.asarray(final_target, dtype="float64"), windows.shape[:1])
    den = np.asarray(np.nan if denominators is None else denominators, dtype="float64")
    den = np.broadcast_to(den, windows.shape[:1])
    parts = [
        _trend_chunk(*(a[lo : lo + _CHUNK] for a in (windows, years_left, final_target, den)))
        for lo in range(0, max(len(windows), 1), _CHUNK)
    ]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


_XW = (np.arange(STEADY_WINDOW, dtype="float64") - (STEADY_WINDOW - 1)) / 4
_BITS = np.left_shift(1, np.arange(STEADY_WINDOW, dtype="int64"))


@functools.lru_cache(maxsize=4096)
def _pattern(code: int) -> tuple[np.ndarray, np.ndarray]:
    """The weights of one pattern of quarters with a value (bit i: column i of the window): a
    matrix whose columns, applied to the values, give the formula's rate and line level (the last
    12 quarters), the five-year line's rate and level, and the break gap (the mean of the last
    ``STEADY_BREAK`` values minus the line through the quarters before them, there); and the
    constants of their standard errors (``_trend_chunk``)."""
    w = STEADY_WINDOW
    cols = np.arange(w)
    present = ((code >> cols) & 1).astype(bool)[None, :]
    ws_s, wl_s, n_s = (np.nan_to_num(a) for a in _line(present & (cols >= w - WINDOW_QUARTERS), _XW))
    ws_l, wl_l, _ = (np.nan_to_num(a) for a in _line(present, _XW))
    ws_b, wl_b, n_b = (np.nan_to_num(a) for a in _line(present & (cols < w - STEADY_BREAK), _XW))
    last = present & (cols >= w - STEADY_BREAK)
    mean_last = np.where(last, 1.0, 0.0) / max(int(last.sum()), 1)
    x_last = float((mean_last * _XW).sum())
    d_break = mean_last - (wl_b + ws_b * x_last)
    e_last = (cols == w - 1).astype("float64")
    ds, dl = ws_l - ws_s, wl_l - wl_s
    a = wl_s - e_last
    weights = np.vstack([ws_s, wl_s, ws_l, wl_l, d_break]).T
    consts = np.array(
        [
            n_s[0],
            n_b[0],
            (ws_s * ws_s).sum(),  # ‖w_rate‖² = A + 2λB + λ²C
            (ws_s * ds).sum(),
            (ds * ds).sum(),
            (d_break * d_break).sum(),
            (a * a).sum(),  # ‖w_line − e_t‖² = La + 2λLb + λ²Lc
            (a * dl).sum(),
            (dl * dl).sum(),
            a[0, -1],  # (w_line − e_t) at t = a_t + λ·dl_t
            dl[0, -1],
        ]
    )
    return weights, consts


def _trend_chunk(windows, years_left, final_target, den) -> dict[str, np.ndarray]:
    k = windows.shape[0]
    present = np.isfinite(windows)
    y = np.where(present, windows, 0.0)
    value = windows[:, -1]
    sigma = _wobble(windows)
    # every estimate is a weighted sum of the values whose weights depend only on which quarters
    # have one: compute them once per pattern, apply them to the rows of that pattern
    codes = present.astype("int64") @ _BITS
    uniq, inv = np.unique(codes, return_inverse=True)
    order = np.argsort(inv, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(inv, minlength=len(uniq)))])
    dots = np.empty((k, 5))
    consts = np.empty((k, 11))
    for g, code in enumerate(uniq):
        rows = order[bounds[g] : bounds[g + 1]]
        weights, c = _pattern(int(code))
        dots[rows] = y[rows] @ weights
        consts[rows] = c
    n_s, n_b, ra, rb, rc, gb, la, lb, lc, a_t, dl_t = consts.T
    slope_s = np.where(n_s >= MIN_POINTS, dots[:, 0], np.nan)
    raw = classify(value, slope_s, years_left, final_target)
    s2 = np.where(np.isfinite(sigma), sigma * sigma, 0.0)
    # the five-year line, to the extent the last quarters stay on it (λ), unless a clear fall
    old = np.where(n_b >= MIN_POINTS, _shrink(dots[:, 4], s2 * gb), 0.0)
    clear_fall = slope_s + STEADY_FALL * np.sqrt(s2 * ra) < 0
    old = np.where(clear_fall, 0.0, old)
    rate = np.where(np.isfinite(slope_s), dots[:, 0] + old * (dots[:, 2] - dots[:, 0]), np.nan)
    line_level = dots[:, 1] + old * (dots[:, 3] - dots[:, 1])
    se_rate = np.sqrt(s2 * (ra + 2 * old * rb + old * old * rc))
    # the level: on the line unless the latest value lies off it beyond the wobble (μ)
    off2 = la + 2 * old * lb + old * old * lc  # ‖w_line − e_t‖²
    level_gap = line_level - value
    lev = _shrink(level_gap, s2 * off2)
    level = value + lev * level_gap
    # … in whole people (agencies for I1) of the quarter judged: a status is about people
    whole = np.isfinite(den) & (den > 0)
    per = np.where(whole, den, 1.0) / 100.0
    level = np.where(whole, np.round(level * per) / per, level)
    se_level = np.sqrt(s2 * np.maximum(1 + 2 * lev * (a_t + old * dl_t) + lev * lev * off2, 0.0))
    steady = np.isfinite(sigma) & np.isfinite(slope_s) & (raw != _INSUFFICIENT)
    trend = np.where(steady, classify(level, rate, years_left, final_target), raw)
    lo = classify(level - STEADY_BAND * se_level, rate - STEADY_BAND * se_rate, years_left, final_target)
    hi = classify(level + STEADY_BAND * se_level, rate + STEADY_BAND * se_rate, years_left, final_target)
    return {
        "value": value,
        "slope": slope_s,
        "sigma": sigma,
        "old_weight": np.where(steady, old, 0.0),
        "level_weight": np.where(steady, lev, 0.0),
        "trend_rate": np.where(steady, rate, slope_s),
        "trend_level": np.where(steady, level, value),
        "se_rate": np.where(steady, se_rate, np.nan),
        "se_level": np.where(steady, se_level, np.nan),
        "raw": raw,
        "trend": trend.astype("int8"),
        "lo": np.where(steady, np.minimum(lo, trend), trend).astype("int8"),
        "hi": np.where(steady, np.maximum(hi, trend), trend).astype("int8"),
    }


def classify(value, slope, years_left, final_target) -> np.ndarray:
    """The formula status (``STATUS_CODES`` index) of arrays of latest values, observed rates
    (NaN: none), years left and final targets — the rule of ``_assess_lists``, vectorised."""
    value, slope = np.asarray(value, dtype="float64"), np.asarray(slope, dtype="float64")
    years_left, target = np.asarray(years_left, dtype="float64"), np.asarray(final_target, dtype="float64")
    on_track, accelerate, limited = THRESHOLDS
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.round(slope / ((target - value) / years_left), RATIO_DECIMALS)
    by_ratio = np.select([ratio >= on_track, ratio >= accelerate, ratio >= limited], [3, 2, 1], 0)
    at_end = np.where(slope >= 0, 1, 0)  # final quarter reached or passed: R → sign(r_obs)·0
    code = np.where(years_left > 0, by_ratio, at_end)
    code = np.where(np.isfinite(slope), code, _INSUFFICIENT)
    return np.where(value >= target - TOLERANCE, _ACHIEVED, code).astype("int8")


def steady_inputs(windows, years_left, final_target, denominators=None) -> dict[str, np.ndarray]:
    """What ``steady_step`` needs of many judged quarters (``steady_trend``'s int8 codes):
    ``raw`` (the formula status), ``trend`` and the band ``lo``/``hi``."""
    tr = steady_trend(windows, years_left, final_target, denominators)
    return {k: tr[k] for k in ("raw", "trend", "lo", "hi")}


#: Fields of the steady rule's state (one array each, one entry per series).
STEADY_STATE = ("shown", "streak")


def steady_start(n: int) -> dict[str, np.ndarray]:
    """The state of ``n`` series before their first judged quarter."""
    return {"shown": np.full(n, NO_STATUS, dtype="int8"), "streak": np.zeros(n, dtype="int16")}


def steady_step(state: dict[str, np.ndarray], inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One judged quarter of the steady rule for many series at once (module docstring).

    ``state``: ``shown`` the status shown so far (``NO_STATUS`` before the first), ``streak`` how
    many judged quarters in a row the trend status has differed from it; ``inputs`` from
    ``steady_inputs``. Returns the state after this quarter; its ``shown`` is the status shown now."""
    shown = np.asarray(state["shown"], dtype="int8")
    raw, trend = inputs["raw"], inputs["trend"]
    first = (shown == NO_STATUS) | (trend == _INSUFFICIENT) | (shown == _INSUFFICIENT)
    outside = (shown < inputs["lo"]) | (shown > inputs["hi"])
    falling = (trend == _DETERIORATING) & (raw == _DETERIORATING)
    streak = np.where(~first & (trend != shown), np.asarray(state["streak"]) + 1, 0)
    take = first | outside | falling | (streak >= STEADY_HOLD)
    return {
        "shown": np.where(take, trend, shown).astype("int8"),
        "streak": np.where(take, 0, streak).astype("int16"),
    }


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
    """The progress method in plain words, for the app beside the status (vi or en): the formula,
    then the steady rule and the judged quarter (issue 21)."""
    on_track, accelerate, limited = THRESHOLDS
    fmt = (lambda x: f"{x:g}".replace(".", ",")) if lang != "en" else (lambda x: f"{x:g}")
    lang = "en" if lang == "en" else "vi"
    formula = t(
        "progress.method",
        lang,
        window=WINDOW_QUARTERS,
        min_points=MIN_POINTS,
        on_track=fmt(on_track),
        accelerate=fmt(accelerate),
        limited=fmt(limited),
    )
    steady = t(
        "judgement.method_steady",
        lang,
        window=STEADY_WINDOW,
        recent=STEADY_BREAK,
        k=fmt(STEADY_K),
        band=fmt(STEADY_BAND),
        hold=STEADY_HOLD,
    )
    return formula + " " + steady
