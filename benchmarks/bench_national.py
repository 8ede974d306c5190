"""A synthetic national deployment: how long indicators + status take, and how much memory.

~3,300 reporting units in 60 areas (one in ten merged into new units from 2025Q3, as in the 2025
reorganisation), 40 quarters, 15 bodies per unit-period: about 2 million body rows, built with
numpy. Times ``compute_indicators`` + ``status_table`` together, and the floor: a bare
``groupby(["unit", "period"])[counts].sum()`` over the same rows. One run of each.

Run: ``.venv/bin/python benchmarks/bench_national.py`` (goal: under 10 s and 2 GB).
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gender_targets.indicators import compute_indicators
from gender_targets.judgement import status_table
from gender_targets.periods import Period, period_range
from gender_targets.schema import COUNT_COLUMNS, DEFAULT_TARGETS, BodyType
from gender_targets.units import register_from_frame

N_AREAS = 60
N_UNITS = 3300
N_QUARTERS = 40
N_BODIES = 15
LAST = Period(2026, 3)
MERGE_FROM = Period(2025, 3)
TODAY = dt.date(2026, 11, 24)


def build(seed: int = 0) -> tuple[pd.DataFrame, object]:
    """(bodies, register) of the synthetic deployment."""
    rng = np.random.default_rng(seed)
    periods = period_range(LAST.shift(-(N_QUARTERS - 1)), LAST)
    # register: areas, then units; the first 10% of units are merged three by three into new units
    n_old = (N_UNITS // 10) // 3 * 3
    n_new = n_old // 3
    n_plain = N_UNITS - n_old - n_new
    areas = [f"A{a:02d}" for a in range(N_AREAS)]
    rows = [(a, f"Khu vực {a}", "khu vực", "", "", "", "", "") for a in areas]
    for k in range(n_plain):
        rows.append((f"U{k:04d}", f"xã U{k:04d}", "xã", areas[k % N_AREAS], "", "", "", ""))
    for k in range(n_new):
        rows.append((f"N{k:04d}", f"xã N{k:04d}", "xã", areas[k % N_AREAS], str(MERGE_FROM), "", "", ""))
    for k in range(n_old):
        new = f"N{k // 3:04d}"
        rows.append(
            (f"O{k:04d}", f"xã O{k:04d}", "xã", areas[(k // 3) % N_AREAS], "", str(MERGE_FROM.shift(-1)), new, "")
        )
    register = register_from_frame(
        pd.DataFrame(rows, columns=["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"])
    )
    # unit-periods: every unit in every quarter it exists
    plain = [f"U{k:04d}" for k in range(n_plain)]
    new = [f"N{k:04d}" for k in range(n_new)]
    old = [f"O{k:04d}" for k in range(n_old)]
    before = [p for p in periods if p < MERGE_FROM]
    after = [p for p in periods if p >= MERGE_FROM]
    up_unit = np.concatenate(
        [np.repeat(plain, len(periods)), np.repeat(old, len(before)), np.repeat(new, len(after))]
    ).astype(object)
    up_period = np.concatenate(
        [
            np.tile([str(p) for p in periods], len(plain)),
            np.tile([str(p) for p in before], len(old)),
            np.tile([str(p) for p in after], len(new)),
        ]
    ).astype(object)
    n = len(up_unit) * N_BODIES
    types = np.array([str(bt) for bt in BodyType], dtype=object)
    body_types = types[np.tile(np.arange(N_BODIES) % len(types), len(up_unit))]
    names = np.array([f"Cơ quan {b + 1}" for b in range(N_BODIES)], dtype=object)
    kl = rng.integers(0, 4, n)
    klf = np.minimum(kl, rng.integers(0, 2, n))
    pt = rng.integers(0, 30, n)
    pf = (pt * rng.uniform(0.2, 0.6, n)).astype("int64")
    pft = (pf * rng.uniform(0.5, 1.0, n)).astype("int64")
    bodies = pd.DataFrame(
        {
            "unit": np.repeat(up_unit, N_BODIES),
            "period": np.repeat(up_period, N_BODIES),
            "body_name": np.tile(names, len(up_unit)),
            "body_type": body_types,
            "key_leaders": kl,
            "key_leaders_female": klf,
            "pool_total": pt,
            "pool_female": pf,
            "pool_female_trained": pft,
        }
    )
    return bodies, register


def run() -> dict:
    """Build the data, time the pipeline and the floor once; return the figures."""
    t = time.perf_counter()
    bodies, register = build()
    build_s = time.perf_counter() - t

    t = time.perf_counter()
    floor = bodies.groupby(["unit", "period"])[COUNT_COLUMNS].sum()
    floor_s = time.perf_counter() - t
    del floor

    t = time.perf_counter()
    table = compute_indicators(bodies, register)
    indicators_s = time.perf_counter() - t
    t = time.perf_counter()
    status = status_table(table, DEFAULT_TARGETS, register, today=TODAY)
    status_s = time.perf_counter() - t

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    total = indicators_s + status_s
    return {
        "body_rows": len(bodies),
        "units": len(register.reporting_units),
        "areas": len(register.areas),
        "indicator_rows": len(table),
        "status_rows": len(status),
        "build_s": round(build_s, 2),
        "floor_groupby_s": round(floor_s, 2),
        "compute_indicators_s": round(indicators_s, 2),
        "status_table_s": round(status_s, 2),
        "total_s": round(total, 2),
        "ratio_to_floor": round(total / floor_s, 2),
        "peak_rss_mb": round(peak_mb),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value}")
