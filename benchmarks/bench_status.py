"""Does the status hold still on noise and move on a real trend? Today's formula beside the steady rule.

A seeded churn simulation (issue 21), widened so that it looks like what another author's could:
for every seed, every **true-trend shape** and every **pool size**, 40 communes with a leadership
planning pool of that size, 2021Q4–2026Q3. Each commune's share of women follows a smooth true
trend; every quarter each member leaves with probability 5 % (so 5 % of the pool is replaced on
average), the leavers are drawn at random from the pool, and each joiner is a woman with the
probability that keeps the pool's expected share on the true trend. The true (noiseless) trend's
status is the §7 formula on the trend itself (a share, not rounded to people).

Shapes (``SHAPES``; the last two are stress cases, beyond "smooth"):

- ``line``: a straight line — a start drawn from 22–48 %, a slope from −2 to +5 points a year
  (the simulation of the issue);
- ``curve``: the same line, gently curved (±0.2 points a year², centred on mid-2024);
- ``s_curve``: a logistic rise of 4–25 points from 20–42 %, centred anywhere in 2022–2026 and
  0.6–1.5 years wide;
- ``flat``: flat near a threshold — a level of 40–56 % (around the 50 % target) and a slope of at
  most ±0.6 points a year (around R = 0);
- ``near``: a straight line whose R in mid-2026 is within ±0.15 of a threshold (0, 0.6 or 0.95);
- ``decline``: falling 0.3–4 points a year from 35–60 %;
- ``curve_strong`` (stress): the curve with ±0.6 points a year² (the slope changes by 6 points a
  year over the five years);
- ``s_sharp`` (stress): the logistic rise over 0.25–0.6 years (nearly a step).

For the seven judged quarters 2025Q1–2026Q3 every commune is judged as of each quarter through
``judgement.status_histories`` (the chain ``status_table`` and ``status --json --as-of P`` use; the
bench checks on its first seed that ``status_table(as_of=P)`` gives the same statuses), and the
bench prints, per shape and pool size, for **today's method** (the §7 formula on the latest quarter,
the ``raw_status``) and the **steady status**:

- *flips*: the share of quarter-to-quarter transitions in which the status changes (mean over the
  seeds, the worst seed, and how many seeds are over the goal: 10 % at pool 40, 5 % at pool 200);
  the true trend's own flips beside them (a floor no method can go under without disagreeing);
- *agreement*: the share of judged quarters whose status equals the true trend's status, and the
  steady status's gain over today's method (mean, the worst seed, how many seeds lose).

**A real fall**: 200 communes per pool size at 40 % and +1 point a year lose a fifth of their women
over the four quarters from 2025Q2 (steadily, the same churn around it). The delay is the number of
quarters from the first quarter of the fall until the status first says "Đang giảm" (1: shown in
that quarter); per method: the median over communes, the share of communes where the steady status
is at most one quarter later than today's method, the share never shown by 2026Q3, and the same
fall without noise (counts rounded).

Run: ``.venv/bin/python benchmarks/bench_status.py [--seeds 40] [--first-seed 1] [--per 40]
[--pools 12,40,200] [--shapes line,curve,…] [--json]``. About 25 s for 40 seeds on one core. No
test asserts these figures; ``tests/test_judgement.py`` runs a few small seeds and shapes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gender_targets.judgement import status_histories, status_table
from gender_targets.periods import Period, period_range
from gender_targets.progress import (
    STATUS_CODES,
    WINDOW_QUARTERS,
    _assess_lists,
    classify,
    milestones_for,
    window_stats,
)
from gender_targets.schema import DEFAULT_TARGETS
from gender_targets.units import register_from_frame

FIRST, LAST = Period(2021, 4), Period(2026, 3)
QUARTERS = period_range(FIRST, LAST)
JUDGED = [str(p) for p in period_range(Period(2025, 1), LAST)]
POOLS = (12, 40, 200)
PER_POOL = 40
CHURN = 0.05
TODAY = dt.date(2026, 12, 1)
FALL_FROM = Period(2025, 2)
TARGETS = DEFAULT_TARGETS.query("indicator == 'I2'")
FLIP_GOALS = {40: 10.0, 200: 5.0}
_YEARS = np.arange(len(QUARTERS)) / 4  # years since 2021Q4


def _line(rng, n):
    start, slope = rng.uniform(0.22, 0.48, n), rng.uniform(-0.02, 0.05, n)
    return start[:, None] + slope[:, None] * _YEARS


def _curve(rng, n, bend):
    start, slope, a = rng.uniform(0.22, 0.48, n), rng.uniform(-0.02, 0.05, n), rng.uniform(-bend, bend, n)
    return start[:, None] + slope[:, None] * _YEARS + a[:, None] * (_YEARS - 2.5) ** 2


def _logistic(rng, n, widths):
    low = rng.uniform(0.20, 0.42, n)
    rise, mid, width = rng.uniform(0.04, 0.25, n), rng.uniform(0.5, 5.0, n), rng.uniform(*widths, n)
    return low[:, None] + rise[:, None] / (1 + np.exp(-(_YEARS - mid[:, None]) / width[:, None]))


def _flat(rng, n):
    level, slope = rng.uniform(0.40, 0.56, n), rng.uniform(-0.006, 0.006, n)
    return level[:, None] + slope[:, None] * _YEARS


def _near(rng, n):
    mid = QUARTERS.index(Period(2026, 1))
    v_mid = rng.uniform(0.28, 0.46, n)
    r = rng.choice([0.0, 0.6, 0.95], n) + rng.uniform(-0.15, 0.15, n)
    years_left = (Period(2030, 4).index - QUARTERS[mid].index) / 4
    slope = r * (0.5 - v_mid) / years_left
    return v_mid[:, None] + slope[:, None] * (_YEARS - _YEARS[mid])


def _decline(rng, n):
    start, slope = rng.uniform(0.35, 0.60, n), rng.uniform(-0.04, -0.003, n)
    return start[:, None] + slope[:, None] * _YEARS


#: name → (generator of n true trends, a stress case beyond "smooth"?)
SHAPES = {
    "line": (_line, False),
    "curve": (lambda rng, n: _curve(rng, n, 0.002), False),
    "s_curve": (lambda rng, n: _logistic(rng, n, (0.6, 1.5)), False),
    "flat": (_flat, False),
    "near": (_near, False),
    "decline": (_decline, False),
    "curve_strong": (lambda rng, n: _curve(rng, n, 0.006), True),
    "s_sharp": (lambda rng, n: _logistic(rng, n, (0.25, 0.6)), True),
}


def true_trends(rng: np.random.Generator, n: int, shape: str = "line") -> np.ndarray:
    """n true trends (shares 0–1) of a shape, one row per commune, one column per quarter."""
    return np.clip(SHAPES[shape][0](rng, n), 0.02, 0.98)


def churn(rng: np.random.Generator, pool: int, trend: np.ndarray, mode: str = "binomial") -> np.ndarray:
    """Women in the pool each quarter (rows: communes): 5 % of the pool replaced a quarter on
    average (``mode="fixed"``: exactly round(5 % of the pool), at least 1), leavers at random,
    joiners women with the probability that keeps the expected share on ``trend``."""
    n, q = trend.shape
    women = np.zeros((n, q), dtype="int64")
    women[:, 0] = np.round(trend[:, 0] * pool)
    for k in range(1, q):
        w = women[:, k - 1]
        if mode == "fixed":
            leave = np.full(n, max(1, round(CHURN * pool)))
        else:
            leave = rng.binomial(pool, CHURN, n)
        left_women = rng.hypergeometric(w, pool - w, leave)
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.clip((pool * trend[:, k] - w + leave * w / pool) / np.maximum(leave, 1), 0, 1)
        women[:, k] = w - left_women + rng.binomial(leave, p)
    return women


def long_rows(women: np.ndarray, pool: int, prefix: str) -> pd.DataFrame:
    """The I2 rows of ``compute_indicators``' long table for these communes."""
    n, q = women.shape
    periods = [str(p) for p in QUARTERS]
    return pd.DataFrame(
        {
            "unit": np.repeat([f"{prefix}{i:03d}" for i in range(n)], q),
            "period": np.tile(periods, n),
            "indicator": "I2",
            "numerator": women.ravel(),
            "denominator": pool,
            "value": 100.0 * women.ravel() / pool,
            "reconstructed": False,
            "is_area": False,
            "units_reporting": 1,
            "units_expected": 1,
        }
    )


def register_of(codes: list[str]):
    rows = [(c, f"xã {c}", "xã", "", "", "", "", "") for c in codes]
    cols = ["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"]
    return register_from_frame(pd.DataFrame(rows, columns=cols))


def formula_status(values: np.ndarray, upto: int) -> str:
    """Today's method: the §7 formula on the values of quarters 0…upto (one series, for checks)."""
    idx = [QUARTERS[i].index for i in range(upto + 1)]
    plan = milestones_for(DEFAULT_TARGETS, "I2")
    return str(
        _assess_lists("I2", idx, [float(v) for v in values[: upto + 1]], plan, Period.of_date(TODAY).index).status
    )


def formula_statuses(values: np.ndarray, upto: list[int]) -> np.ndarray:
    """The §7 formula (status codes) of every row of ``values`` (percentages, rows: series) on the
    quarters up to each of ``upto`` — vectorised; ``formula_status`` is the same for one."""
    out = np.zeros((len(values), len(upto)), dtype="int8")
    padded = np.pad(values, ((0, 0), (WINDOW_QUARTERS - 1, 0)), constant_values=np.nan)
    for j, k in enumerate(upto):
        st = window_stats(padded[:, k : k + WINDOW_QUARTERS])
        years_left = (Period(2030, 4).index - QUARTERS[k].index) / 4
        out[:, j] = classify(values[:, k], st["slope"], years_left, 50.0)
    return out


def steady_statuses(frame: pd.DataFrame, codes: list[str], judged: list[str] | None = None) -> dict[str, list[str]]:
    """The status of every commune as of each judged quarter, through ``judgement.status_histories``."""
    hist = status_histories(frame, TARGETS)
    hist = hist[hist["period"].isin(judged or JUDGED)]
    by_unit = hist.groupby("unit")["status"].agg(list)
    return {c: by_unit.get(c, []) for c in codes}


def flips_and_agreement(shown, truth) -> tuple[float, float]:
    """Per cent of transitions with a change, per cent of quarters equal to ``truth`` (lists of lists
    or 2-D arrays of statuses, one row per series)."""
    shown, truth = np.asarray(shown, dtype=object), np.asarray(truth, dtype=object)
    flips = 100.0 * float(np.mean(shown[:, 1:] != shown[:, :-1]))
    return flips, 100.0 * float(np.mean(shown == truth))


def simulate(seed: int, shapes: list[str], pools: tuple[int, ...], per: int, variant: str = ""):
    """One seed: the long table of every (shape, pool) group of ``per`` communes, and per group
    the codes and the true statuses (status names) at the judged quarters. ``variant``:
    ``"fixed"`` (exactly 5 % replaced each quarter) or ``"counts"`` (the truth is the formula on the
    expected counts rounded to whole people — a staircase — instead of the trend itself)."""
    judged_at = [QUARTERS.index(Period(int(p[:4]), int(p[-1]))) for p in JUDGED]
    frames, groups = [], {}
    for shape in shapes:
        for pool in pools:
            rng = np.random.default_rng([seed, list(SHAPES).index(shape), pool])
            trend = true_trends(rng, per, shape)
            women = churn(rng, pool, trend, "fixed" if variant == "fixed" else "binomial")
            prefix = f"{shape}-{pool}-"
            frames.append(long_rows(women, pool, prefix))
            names = np.array([str(s) for s in STATUS_CODES], dtype=object)
            true_values = 100 * (np.round(trend * pool) / pool if variant == "counts" else trend)
            groups[(shape, pool)] = (
                [f"{prefix}{i:03d}" for i in range(per)],
                names[formula_statuses(true_values, judged_at)],
            )
    return pd.concat(frames, ignore_index=True), groups


def run_seed(
    seed: int, shapes: list[str], pools: tuple[int, ...], per: int, check: bool = False, variant: str = ""
) -> dict:
    frame, groups = simulate(seed, shapes, pools, per, variant)
    hist = status_histories(frame, TARGETS)
    hist = hist[hist["period"].isin(JUDGED)].set_index(["unit", "period"]).sort_index()
    if check:  # the bench's path equals the one ``status --json --as-of P`` prints
        codes = [c for cs, _ in groups.values() for c in cs]
        for p in JUDGED:
            table = status_table(frame, TARGETS, register_of(codes), as_of=p, today=TODAY).set_index("unit")
            mine = hist.xs(p, level="period").reindex(codes)
            assert (table.loc[codes, "status"].to_numpy() == mine["status"].to_numpy()).all(), p
            assert (table.loc[codes, "raw_status"].to_numpy() == mine["raw_status"].to_numpy()).all(), p
    out = {}
    for key, (codes, truth) in groups.items():
        sub = hist.loc[codes]
        steady = sub["status"].to_numpy().reshape(len(codes), len(JUDGED))
        today = sub["raw_status"].to_numpy().reshape(len(codes), len(JUDGED))
        out[key] = {
            "today": flips_and_agreement(today, truth),
            "steady": flips_and_agreement(steady, truth),
            "truth": flips_and_agreement(truth, truth),
        }
    return out


def fall_trend(n: int) -> np.ndarray:
    """40 % and +1 point a year, then a fifth of the women lost over the four quarters from FALL_FROM."""
    trend = 0.40 + 0.01 * _YEARS
    start = QUARTERS.index(FALL_FROM)
    before = trend[start - 1]
    for k in range(start, len(QUARTERS)):
        trend[k] = before * (1 - 0.2 * min(k - start + 1, 4) / 4)
    return np.tile(trend, (n, 1))


def fall_delays(seed: int, pool: int, n: int = 200) -> dict[str, list[int]]:
    """Quarters from the fall's first quarter to the first "Đang giảm", per commune and method
    (99: not shown by 2026Q3); the last entry of each list is the noiseless fall."""
    rng = np.random.default_rng(seed)
    trend = fall_trend(n + 1)
    women = churn(rng, pool, trend[:n])
    women = np.vstack([women, np.round(trend[n] * pool).astype("int64")])  # the fall without noise
    codes = [f"F{pool}-{i:03d}" for i in range(n + 1)]
    start = QUARTERS.index(FALL_FROM)
    judged = [str(q) for q in QUARTERS[start:]]
    hist = status_histories(long_rows(women, pool, f"F{pool}-"), TARGETS)
    hist = hist[hist["period"].isin(judged)].set_index(["unit", "period"]).sort_index()

    def delay(statuses) -> int:
        return next((k + 1 for k, s in enumerate(statuses) if s == "deteriorating"), 99)

    out = {"today": [], "steady": []}
    for c in codes:
        out["today"].append(delay(hist.loc[c, "raw_status"]))
        out["steady"].append(delay(hist.loc[c, "status"]))
    return out


def _worst(values, pick=min) -> float:
    return round(float(pick(values)), 1)


def run(
    seeds: int = 40,
    first_seed: int = 1,
    per: int = PER_POOL,
    pools: tuple[int, ...] = POOLS,
    shapes: list[str] | None = None,
    variant: str = "",
) -> dict:
    shapes = shapes or list(SHAPES)
    started = time.perf_counter()
    per_seed = [
        run_seed(s, shapes, pools, per, check=(s == first_seed), variant=variant)
        for s in range(first_seed, first_seed + seeds)
    ]
    table = {}
    for shape in shapes:
        for pool in pools:
            rs = [r[(shape, pool)] for r in per_seed]
            flips = [r["steady"][0] for r in rs]
            gains = [r["steady"][1] - r["today"][1] for r in rs]
            goal = FLIP_GOALS.get(pool)
            table[f"{shape}/{pool}"] = {
                "shape": shape,
                "pool": pool,
                "stress": SHAPES[shape][1],
                "today_flips": round(float(np.mean([r["today"][0] for r in rs])), 1),
                "steady_flips": round(float(np.mean(flips)), 1),
                "steady_flips_worst": _worst(flips, max),
                "truth_flips": round(float(np.mean([r["truth"][0] for r in rs])), 1),
                "seeds_over_flip_goal": sum(f > goal for f in flips) if goal else None,
                "today_agreement": round(float(np.mean([r["today"][1] for r in rs])), 1),
                "steady_agreement": round(float(np.mean([r["steady"][1] for r in rs])), 1),
                "gain": round(float(np.mean(gains)), 1),
                "gain_worst": _worst(gains),
                "seeds_agreeing_less": sum(g < 0 for g in gains),
            }
    seeds_all = {}
    for shape in shapes:
        every, overall = 0, 0
        for r in per_seed:
            gains = [r[(shape, p)]["steady"][1] - r[(shape, p)]["today"][1] for p in pools]
            flips_ok = all(r[(shape, p)]["steady"][0] <= FLIP_GOALS[p] for p in pools if p in FLIP_GOALS)
            every += flips_ok and min(gains) >= 0
            overall += float(np.mean(gains)) >= 0
        seeds_all[shape] = {"every_goal_every_pool": every, "agreement_over_all_pools": overall}
    falls = {}
    for pool in pools:
        d = fall_delays(7, pool)
        today, steady = np.array(d["today"][:-1]), np.array(d["steady"][:-1])
        falls[pool] = {
            "today_median": float(np.median(today)),
            "steady_median": float(np.median(steady)),
            "within_one_of_today": round(float(np.mean(steady <= today + 1)), 2),
            "today_never": round(float(np.mean(today == 99)), 2),
            "steady_never": round(float(np.mean(steady == 99)), 2),
            "noiseless_today": d["today"][-1],
            "noiseless_steady": d["steady"][-1],
        }
    smooth = [r for r in table.values() if not r["stress"]]
    goals = {
        "flips (every seed, smooth shapes)": all(not r["seeds_over_flip_goal"] for r in smooth if r["pool"] in FLIP_GOALS),
        "agreement (every seed, smooth shapes)": all(r["seeds_agreeing_less"] == 0 for r in smooth),
        "agreement (mean, smooth shapes)": all(r["gain"] >= 0 for r in smooth),
        "fall": all(f["steady_median"] <= f["today_median"] + 1 and f["noiseless_steady"] <= f["noiseless_today"] + 1
                    for f in falls.values()),
    }  # fmt: skip
    return {
        "seeds": seeds,
        "first_seed": first_seed,
        "variant": variant or "binomial churn, truth = the trend",
        "communes_per_group": per,
        "seconds": round(time.perf_counter() - started, 1),
        "groups": table,
        "seeds_meeting_goals": seeds_all,
        "falls": falls,
        "goals": goals,
    }


def print_table(res: dict) -> None:
    last = res["first_seed"] + res["seeds"] - 1
    print(
        f"Churn simulation: seeds {res['first_seed']}–{last}, {res['communes_per_group']} communes per shape and pool, "
        f"judged 2025Q1–2026Q3 (7 quarters); {res['variant']}; {res['seconds']} s"
    )
    head = (
        f"{'shape':<13}{'pool':>5} | {'flips % today':>13} {'steady':>6} {'worst':>6} {'>goal':>5} {'truth':>6}"
        f" | {'agrees % today':>14} {'steady':>6} {'gain':>5} {'worst':>6} {'<0':>3}"
    )
    print(head)
    print("-" * len(head))
    for r in res["groups"].values():
        over = "" if r["seeds_over_flip_goal"] is None else r["seeds_over_flip_goal"]
        name = r["shape"] + (" *" if r["stress"] else "")
        print(
            f"{name:<13}{r['pool']:>5} | {r['today_flips']:>13.1f} {r['steady_flips']:>6.1f}"
            f" {r['steady_flips_worst']:>6.1f} {over!s:>5} {r['truth_flips']:>6.1f}"
            f" | {r['today_agreement']:>14.1f} {r['steady_agreement']:>6.1f} {r['gain']:>+5.1f}"
            f" {r['gain_worst']:>+6.1f} {r['seeds_agreeing_less']:>3}"
        )
    print(
        "worst: the worst seed; >goal: seeds over the flip goal (10 % at pool 40, 5 % at pool 200); truth: the true\n"
        "trend's own changes; gain: steady minus today's agreement; <0: seeds where the steady status agrees less;\n"
        "* stress shapes (beyond a smooth trend)."
    )
    print(f"Seeds (of {res['seeds']}) meeting every goal at every pool size at once / agreeing at least as often as")
    print("today's over all communes of the seed (the pools together):")
    print(
        "  "
        + ", ".join(
            f"{k} {v['every_goal_every_pool']} / {v['agreement_over_all_pools']}"
            for k, v in res["seeds_meeting_goals"].items()
        )
    )
    print("A real fall (a fifth of the women lost over four quarters from 2025Q2), quarters to 'Đang giảm':")
    print(
        f"{'pool':>5} {'today':>6} {'steady':>7} {'steady ≤ today+1':>17} {'never today/steady':>19}"
        f" {'noiseless today/steady':>23}"
    )
    for pool, f in res["falls"].items():
        print(
            f"{pool:>5} {f['today_median']:>6.1f} {f['steady_median']:>7.1f} {f['within_one_of_today']:>17.2f}"
            f" {f['today_never']:>10.2f} / {f['steady_never']:.2f} {f['noiseless_today']:>14} / {f['noiseless_steady']}"
        )
    print("goals:", ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in res["goals"].items()))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=40, help="how many seeds (default 40)")
    ap.add_argument("--first-seed", type=int, default=1, help="the first seed (default 1)")
    ap.add_argument("--per", type=int, default=PER_POOL, help="communes per shape and pool (default 40)")
    ap.add_argument("--pools", default=",".join(map(str, POOLS)), help="pool sizes (default 12,40,200)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="true-trend shapes (default: all)")
    ap.add_argument(
        "--variant",
        choices=["", "fixed", "counts"],
        default="",
        help="fixed: exactly 5 %% replaced each quarter; counts: the truth on expected counts rounded to people",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = run(
        args.seeds,
        args.first_seed,
        args.per,
        tuple(int(p) for p in args.pools.split(",")),
        [s for s in args.shapes.split(",") if s],
        args.variant,
    )
    print(json.dumps(result, indent=2, default=str)) if args.json else print_table(result)
