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

**The steady status** (SPEC §7, issue 21). The status above, computed afresh each quarter (the
*formula status*), flips when one person joins or leaves a small pool. What is shown is the
*steady status*, decided quarter by quarter along the quarters a series is judged on (``judgement``
says which), from the stored values alone:

- the first judged quarter shows its formula status; ``insufficient_data`` is shown at once, and a
  series leaving it shows its formula status at once;
- otherwise the status shown last is kept unless the data say clearly that it no longer holds.
  Its *band* at a quarter is every status the formula gives with (a) the latest value one person
  more or one person fewer (the rate recomputed with it), (b) the observed rate ``c`` standard
  errors faster or slower, and (c) for the final target's line only (Đã đạt or not), the latest
  value ``min(c, STEADY_LEVEL)·σ`` higher or lower. The standard error is ``σ / √Σ(x − x̄)²`` over
  the rate's window, with ``σ`` the quarter-to-quarter wobble estimated robustly from the same window:
  ``1.4826 · median|Δ − median Δ| / √2`` over the changes ``Δ`` from one quarter to the next
  where both have a value (at least ``STEADY_MIN_CHANGES`` of them, else no rate band);
- the formula status is shown at once when the kept status lies outside its band with
  ``c = STEADY_CLEAR`` (2); it is shown when the kept status lies outside the band with
  ``c = STEADY_MILD`` (0.5) at ``STEADY_QUARTERS`` (2) judged quarters in a row; and it is shown
  when the formula has given that same status ``STEADY_HOLD`` (4) judged quarters in a row with
  the kept status outside the band of the rate alone (``c = STEADY_MILD``, the person band left
  out: in a pool of a few people one person spans every status, and that must not freeze the
  status for ever); else the kept status stays.

Ranks for "lies outside": deteriorating < limited_progress < needs_acceleration < on_track <
achieved; a band is the range from its lowest to its highest rank. ``steady_inputs`` computes the
formula status and both bands of many windows at once (numpy), ``steady_step`` takes one step of
the rule for many series at once, so the status table of thousands of units stays fast.
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
    "STEADY_CLEAR",
    "STEADY_HOLD",
    "STEADY_LEVEL",
    "STEADY_MILD",
    "STEADY_QUARTERS",
    "STEADY_STATE",
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
_ACHIEVED, _INSUFFICIENT, NO_STATUS = 4, 5, -1
#: A status change this clear (the kept status outside the band of ±1 person and ±2 standard errors
#: of the rate) is shown at once …
STEADY_CLEAR = 2.0
#: … one outside the band of ±1 person and ±0.5 standard errors when it lasts this many judged quarters.
STEADY_MILD = 0.5
STEADY_QUARTERS = 2
#: People more or fewer in the band around the latest value.
STEADY_PERSONS = 1
#: Changes between consecutive quarters needed to estimate the wobble (else no rate band).
STEADY_MIN_CHANGES = 3
#: For the final target's line (Đã đạt) the latest value is taken off by at most this many wobbles.
STEADY_LEVEL = 1.0
#: … and one outside the mild band of the rate alone (±0.5 standard errors, no person band) when it
#: lasts this many: in a small pool one person spans every status, which must not freeze for ever.
STEADY_HOLD = 4
_ROBUST = 1.4826 / np.sqrt(2.0)  # MAD → standard deviation (normal), of a change → of a value
#: x of the window's quarters, in years before its last quarter (the quarter judged).
_X = (np.arange(WINDOW_QUARTERS, dtype="float64") - (WINDOW_QUARTERS - 1)) / 4


def _row_median(a: np.ndarray) -> np.ndarray:
    """Median of each row of ``a`` over its finite values (NaN for a row without any)."""
    srt = np.sort(a, axis=1)  # NaN sorts last
    count = np.isfinite(a).sum(axis=1)
    lo = np.clip((count - 1) // 2, 0, a.shape[1] - 1)
    hi = np.clip(count // 2, 0, a.shape[1] - 1)
    rows = np.arange(a.shape[0])
    med = (srt[rows, lo] + srt[rows, hi]) / 2
    return np.where(count > 0, med, np.nan)


def window_stats(windows: np.ndarray) -> dict[str, np.ndarray]:
    """Least-squares figures of many rate windows at once.

    ``windows``: shape (K, WINDOW_QUARTERS), one window per row, its last column the quarter
    judged and the column before it the quarter before (NaN: no value). Returns arrays of K:
    ``n`` values, ``xm`` their mean x (years, the judged quarter at 0), ``sxx`` = Σ(x − x̄)²,
    ``slope`` in percentage points per year (NaN below ``MIN_POINTS`` values) and ``sigma``, the
    robust quarter-to-quarter wobble of a value (NaN with fewer than ``STEADY_MIN_CHANGES``
    changes between consecutive quarters that both have a value)."""
    windows = np.asarray(windows, dtype="float64")
    m = np.isfinite(windows)
    n = m.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = np.where(m, _X, 0.0).sum(axis=1) / n
        ym = np.where(m, windows, 0.0).sum(axis=1) / n
        dx = np.where(m, _X - xm[:, None], 0.0)
        dy = np.where(m, windows - ym[:, None], 0.0)
        sxx = (dx * dx).sum(axis=1)
        slope = np.where(n >= MIN_POINTS, (dx * dy).sum(axis=1) / sxx, np.nan)
        changes = windows[:, 1:] - windows[:, :-1]
        centre = _row_median(changes)
        mad = _row_median(np.abs(changes - centre[:, None]))
        enough = np.isfinite(changes).sum(axis=1) >= STEADY_MIN_CHANGES
        sigma = np.where(enough, _ROBUST * mad, np.nan)
    return {"n": n, "xm": xm, "sxx": sxx, "slope": slope, "sigma": sigma}


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


def steady_inputs(windows, numerators, denominators, years_left, final_target) -> dict[str, np.ndarray]:
    """For many judged quarters at once (one rate window each, see ``window_stats``; the
    numerator and denominator of the quarter judged): the formula status ``raw`` and the bands of
    the steady rule (module docstring), as lowest and highest ranks: ``clear_lo``/``clear_hi``
    (±1 person, ±``STEADY_CLEAR`` standard errors of the rate, the target's line ±1 wobble),
    ``mild_lo``/``mild_hi`` (±1 person, ±``STEADY_MILD`` standard errors, ±0.5 wobble) and
    ``rate_lo``/``rate_hi`` (±``STEADY_MILD`` standard errors alone). A person more (fewer) is
    left out where the numerator would pass the denominator (fall below 0)."""
    st = window_stats(windows)
    value = np.asarray(windows, dtype="float64")[:, -1]
    num = np.asarray(numerators, dtype="float64")
    den = np.asarray(denominators, dtype="float64")
    raw = classify(value, st["slope"], years_left, final_target)

    def candidate(v, b) -> np.ndarray:
        c = classify(v, b, years_left, final_target)
        return np.where(c == _INSUFFICIENT, raw, c)  # no rate for it: it adds nothing to the band

    people = []
    for step in (-STEADY_PERSONS, STEADY_PERSONS):
        ok = (den > 0) & (num + step >= 0) & (num + step <= den)
        with np.errstate(invalid="ignore", divide="ignore"):
            v2 = np.where(ok, 100.0 * (num + step) / den, value)
            b2 = st["slope"] + (v2 - value) * (0.0 - st["xm"]) / st["sxx"]  # OLS is linear in the last y
        people.append(np.where(ok, candidate(v2, b2), raw))
    with np.errstate(invalid="ignore", divide="ignore"):
        se = st["sigma"] / np.sqrt(st["sxx"])
    out = {"raw": raw}
    for name, c in (("clear", STEADY_CLEAR), ("mild", STEADY_MILD)):
        faster = np.where(np.isfinite(se), candidate(value, st["slope"] + c * se), raw)
        slower = np.where(np.isfinite(se), candidate(value, st["slope"] - c * se), raw)
        # the final target's line (Đã đạt) with the latest value off by c wobbles, either way
        wobble = np.where(np.isfinite(st["sigma"]), min(c, STEADY_LEVEL) * st["sigma"], 0.0)
        target = np.asarray(final_target, dtype="float64")
        above = np.where(value + wobble >= target - TOLERANCE, _ACHIEVED, raw)
        below_v = np.clip(value - wobble, 0, 100)
        below = np.where((raw == _ACHIEVED) & (below_v < target - TOLERANCE), candidate(below_v, st["slope"]), raw)
        level = [above, below]
        band = np.vstack([raw, *people, faster, slower, *level])
        out[f"{name}_lo"] = band.min(axis=0).astype("int8")
        out[f"{name}_hi"] = band.max(axis=0).astype("int8")
        if name == "mild":  # the rate's wobble alone, without the person band (for ``STEADY_HOLD``)
            rate = np.vstack([raw, faster, slower])
            out["rate_lo"] = rate.min(axis=0).astype("int8")
            out["rate_hi"] = rate.max(axis=0).astype("int8")
    return out


#: Fields of the steady rule's state (one array each, one entry per series).
STEADY_STATE = ("shown", "streak", "long_streak", "last_raw")


def steady_start(n: int) -> dict[str, np.ndarray]:
    """The state of ``n`` series before their first judged quarter."""
    return {
        "shown": np.full(n, NO_STATUS, dtype="int8"),
        "streak": np.zeros(n, dtype="int16"),
        "long_streak": np.zeros(n, dtype="int16"),
        "last_raw": np.full(n, NO_STATUS, dtype="int8"),
    }


def steady_step(state: dict[str, np.ndarray], inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One judged quarter of the steady rule for many series at once (module docstring).

    ``state``: ``shown`` the status shown so far (``NO_STATUS`` before the first); ``streak`` and
    ``long_streak`` how many judged quarters in a row the shown status has been outside the mild
    band, and outside the mild rate band alone (the person band left out); ``inputs`` from
    ``steady_inputs``. Returns the state after this quarter; its ``shown`` is the status shown now."""
    shown = np.asarray(state["shown"], dtype="int8")
    raw = inputs["raw"]
    first = (shown == NO_STATUS) | (raw == _INSUFFICIENT) | (shown == _INSUFFICIENT)
    same = raw == shown
    out_clear = (shown < inputs["clear_lo"]) | (shown > inputs["clear_hi"])
    out_mild = (shown < inputs["mild_lo"]) | (shown > inputs["mild_hi"])
    out_rate = (shown < inputs["rate_lo"]) | (shown > inputs["rate_hi"])
    live = ~first & ~same
    streak = np.where(live & out_mild, np.asarray(state["streak"]) + 1, 0).astype("int16")
    # the long streak counts judged quarters in a row with the same formula status outside the rate band
    again = raw == np.asarray(state["last_raw"])
    long_streak = np.where(live & out_rate, np.where(again, np.asarray(state["long_streak"]) + 1, 1), 0)
    long_streak = long_streak.astype("int16")
    take = first | (live & out_clear) | (streak >= STEADY_QUARTERS) | (long_streak >= STEADY_HOLD)
    return {
        "shown": np.where(take, raw, shown).astype("int8"),
        "streak": np.where(take, 0, streak).astype("int16"),
        "long_streak": np.where(take, 0, long_streak).astype("int16"),
        "last_raw": np.asarray(raw, dtype="int8"),
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
        clear=fmt(STEADY_CLEAR),
        mild=fmt(STEADY_MILD),
        quarters=STEADY_QUARTERS,
        hold=STEADY_HOLD,
    )
    return formula + " " + steady
