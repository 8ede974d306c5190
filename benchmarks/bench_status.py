"""Does the status hold still on noise and move on a real trend? Today's formula beside the steady rule.

A seeded churn simulation (issue 21): 120 communes, 40 each with a leadership planning pool of
12, 40 and 200 people, 2021Q4–2026Q3. Each commune's share of women follows a smooth true trend
(a straight line: a start drawn from 22–48 %, a slope from −2 to +5 percentage points a year).
Every quarter each member leaves with probability 5 % (so 5 % of the pool is replaced on average),
the leavers are drawn at random from the pool, and each joiner is a woman with the probability
that keeps the pool's expected share on the true trend. The true (noiseless) trend's status is
the §7 formula on the trend itself.

For the seven judged quarters 2025Q1–2026Q3 the bench judges every commune as of each quarter
through ``judgement.status_table`` (exactly what ``status --json --as-of P`` prints) and prints,
per pool size, for **today's method** (the §7 formula on the latest quarter, the status of SPEC §7
before issue 21) and the **steady status**:

- *flips*: the share of quarter-to-quarter transitions in which the status changes;
- *agreement*: the share of judged quarters whose status equals the true trend's status;

over ``--seeds`` seeds (mean, and the worst seed), and the true trend's own flips (a floor no
method can go under without disagreeing with it). Goals, on the mean over the seeds: flips ≤ 10 %
at pool 40 and ≤ 5 % at pool 200; agreement at least today's at every pool size on every seed.

**A real fall**: 200 communes per pool size at 40 % and +1 point a year lose a fifth of their women
over the four quarters from 2025Q2 (steadily, the same churn around it). The delay is the number of
quarters from the first quarter of the fall until the status first says "Đang giảm" (1: shown in
that quarter), per method: the median over communes, the share within two quarters of today's
method, and the same fall without noise (counts rounded). Goal: the steady status shows the fall
at most one quarter after today's method (so within two quarters of it).

Run: ``.venv/bin/python benchmarks/bench_status.py [--seeds 3] [--first-seed 1] [--json]``. No test asserts these
figures; ``tests/test_judgement.py`` runs one small seed and asserts fewer flips than today's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from gender_targets.judgement import status_table
from gender_targets.periods import Period, period_range
from gender_targets.progress import _assess_lists, milestones_for
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


def true_trends(rng: np.random.Generator, n: int) -> np.ndarray:
    """n smooth true trends (shares 0–1), one row per commune, one column per quarter."""
    start = rng.uniform(0.22, 0.48, n)
    slope = rng.uniform(-0.02, 0.05, n)  # per year
    years = np.arange(len(QUARTERS)) / 4
    return np.clip(start[:, None] + slope[:, None] * years[None, :], 0.02, 0.98)


def churn(rng: np.random.Generator, pool: int, trend: np.ndarray) -> np.ndarray:
    """Women in the pool each quarter (rows: communes): 5 % of the pool replaced a quarter on
    average, leavers at random, joiners women with the probability that keeps the expected share
    on ``trend``."""
    n, q = trend.shape
    women = np.zeros((n, q), dtype="int64")
    women[:, 0] = np.round(trend[:, 0] * pool)
    for k in range(1, q):
        w = women[:, k - 1]
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
    """Today's method: the §7 formula on the values of quarters 0…upto."""
    idx = [QUARTERS[i].index for i in range(upto + 1)]
    plan = milestones_for(DEFAULT_TARGETS, "I2")
    return str(
        _assess_lists("I2", idx, [float(v) for v in values[: upto + 1]], plan, Period.of_date(TODAY).index).status
    )


def steady_statuses(frame: pd.DataFrame, codes: list[str]) -> dict[str, list[str]]:
    """The status of every commune as of each judged quarter, through ``judgement.status_table``."""
    reg = register_of(codes)
    out: dict[str, list[str]] = {c: [] for c in codes}
    for p in JUDGED:
        table = status_table(frame, DEFAULT_TARGETS.query("indicator == 'I2'"), reg, as_of=p, today=TODAY)
        for code, status in zip(table["unit"], table["status"], strict=True):
            out[code].append(status)
    return out


def flips_and_agreement(shown: list[list[str]], truth: list[list[str]]) -> tuple[float, float]:
    flips = sum(a != b for row in shown for a, b in itertools.pairwise(row))
    transitions = sum(len(row) - 1 for row in shown)
    agree = sum(a == b for row, t in zip(shown, truth, strict=True) for a, b in zip(row, t, strict=True))
    total = sum(len(row) for row in shown)
    return 100.0 * flips / transitions, 100.0 * agree / total


def run_seed(seed: int) -> dict[int, dict[str, tuple[float, float]]]:
    rng = np.random.default_rng(seed)
    judged_at = [QUARTERS.index(Period(int(p[:4]), int(p[-1]))) for p in JUDGED]
    out = {}
    for pool in POOLS:
        trend = true_trends(rng, PER_POOL)
        women = churn(rng, pool, trend)
        codes = [f"P{pool}-{i:03d}" for i in range(PER_POOL)]
        frame = long_rows(women, pool, f"P{pool}-")
        truth = [[formula_status(100 * trend[i], k) for k in judged_at] for i in range(PER_POOL)]
        today = [[formula_status(100.0 * women[i] / pool, k) for k in judged_at] for i in range(PER_POOL)]
        steady = steady_statuses(frame, codes)
        out[pool] = {
            "today": flips_and_agreement(today, truth),
            "steady": flips_and_agreement([steady[c] for c in codes], truth),
            "truth": flips_and_agreement(truth, truth),  # the true trend's own changes: the floor
        }
    return out


def fall_trend(n: int) -> np.ndarray:
    """40 % and +1 point a year, then a fifth of the women lost over the four quarters from FALL_FROM."""
    years = np.arange(len(QUARTERS)) / 4
    trend = 0.40 + 0.01 * years
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
    judged_at = list(range(start, len(QUARTERS)))
    global JUDGED
    saved, JUDGED = JUDGED, [str(QUARTERS[k]) for k in judged_at]
    try:
        steady = steady_statuses(long_rows(women, pool, f"F{pool}-"), codes)
    finally:
        JUDGED = saved

    def delay(statuses: list[str]) -> int:
        return next((k + 1 for k, s in enumerate(statuses) if s == "deteriorating"), 99)

    today = [delay([formula_status(100.0 * women[i] / pool, k) for k in judged_at]) for i in range(n + 1)]
    return {"today": today, "steady": [delay(steady[c]) for c in codes]}


def run(seeds: int = 3, first_seed: int = 1) -> dict:
    per_seed = [run_seed(s) for s in range(first_seed, first_seed + seeds)]
    table = {}
    for pool in POOLS:
        row = {}
        for method in ("today", "steady"):
            flips = [r[pool][method][0] for r in per_seed]
            agree = [r[pool][method][1] for r in per_seed]
            row[method] = {
                "flips": round(float(np.mean(flips)), 1),
                "flips_worst": round(float(max(flips)), 1),
                "agreement": round(float(np.mean(agree)), 1),
            }
        gaps = [r[pool]["steady"][1] - r[pool]["today"][1] for r in per_seed]
        row["agreement_gain_worst"] = round(float(min(gaps)), 1)
        row["truth_flips"] = round(float(np.mean([r[pool]["truth"][0] for r in per_seed])), 1)
        goal = {40: 10.0, 200: 5.0}.get(pool)
        row["seeds_over_flip_goal"] = sum(r[pool]["steady"][0] > goal for r in per_seed) if goal else None
        row["seeds_agreeing_less"] = sum(g < 0 for g in gaps)
        table[pool] = row
    falls = {}
    for pool in POOLS:
        d = fall_delays(7, pool)
        today, steady = np.array(d["today"][:-1]), np.array(d["steady"][:-1])
        falls[pool] = {
            "today_median": float(np.median(today)),
            "steady_median": float(np.median(steady)),
            "within_one_of_today": round(float(np.mean(steady <= today + 1)), 2),
            "noiseless_today": d["today"][-1],
            "noiseless_steady": d["steady"][-1],
        }
    goals = {  # on the mean over the seeds (the worst seed is printed beside it)
        "flips_40": table[40]["steady"]["flips"] <= 10,
        "flips_200": table[200]["steady"]["flips"] <= 5,
        "agreement": all(table[p]["agreement_gain_worst"] >= 0 for p in POOLS),
        "fall": all(f["steady_median"] <= f["today_median"] + 1 and f["noiseless_steady"] <= f["noiseless_today"] + 1
                    for f in falls.values()),
    }  # fmt: skip
    over_all = [np.mean([r[p]["steady"][1] - r[p]["today"][1] for p in POOLS]) for r in per_seed]
    return {
        "seeds": seeds,
        "first_seed": first_seed,
        "pools": table,
        "overall_agreement_gain_worst": round(float(min(over_all)), 1),
        "falls": falls,
        "goals": goals,
    }


def print_table(res: dict) -> None:
    seeds = f"seeds {res['first_seed']}–{res['first_seed'] + res['seeds'] - 1}"
    print(f"Churn simulation, {seeds} × 120 communes, judged 2025Q1–2026Q3 (7 quarters)")
    print(f"{'pool':>5} {'method':<8} {'flips %':>8} {'worst':>6} {'agrees with truth %':>20}")
    for pool, row in res["pools"].items():
        for method in ("today", "steady"):
            r = row[method]
            print(f"{pool:>5} {method:<8} {r['flips']:>8.1f} {r['flips_worst']:>6.1f} {r['agreement']:>20.1f}")
        print(f"{'':>5} {'truth':<8} {row['truth_flips']:>8.1f}  (the true trend's own status changes: the floor)")
        print(f"{'':>5} {'':<8} agreement gain of the steady status, worst seed: {row['agreement_gain_worst']:+.1f}")
        over = row["seeds_over_flip_goal"]
        print(
            f"{'':>5} {'':<8} seeds agreeing less than today's: {row['seeds_agreeing_less']} of {res['seeds']}"
            + (f"; seeds over the flip goal: {over} of {res['seeds']}" if over is not None else "")
        )
    print(f"agreement gain over all communes, worst seed: {res['overall_agreement_gain_worst']:+.1f}")
    print("A real fall (a fifth of the women lost over four quarters from 2025Q2), quarters to 'Đang giảm':")
    print(f"{'pool':>5} {'today':>6} {'steady':>7} {'steady ≤ today+1':>17} {'noiseless today/steady':>24}")
    for pool, f in res["falls"].items():
        print(
            f"{pool:>5} {f['today_median']:>6.1f} {f['steady_median']:>7.1f} {f['within_one_of_today']:>17.2f}"
            f" {f['noiseless_today']:>12} / {f['noiseless_steady']}"
        )
    print("goals:", ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in res["goals"].items()))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="how many seeds (default 3)")
    ap.add_argument("--first-seed", type=int, default=1, help="the first seed (default 1)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = run(args.seeds, args.first_seed)
    print(json.dumps(result, indent=2)) if args.json else print_table(result)
