"""The reader on a large consolidated workbook, against pandas merely reading it.

Builds a 20,000-row long-layout .xlsx in memory (openpyxl write-only: unit code, period, body
name, body type, five counts, note; 70 bodies per unit-period over the sample register's units
and quarters), then times, in one run each on the same bytes:

- ``intake.check_file`` — read, find the header, resolve units and periods, validate every row;
- ``pandas.read_excel(engine="openpyxl")`` — read the cells into a frame, nothing else.

Goal: ``ratio = check_file / read_excel ≤ 0.5``.

Run: ``.venv/bin/python benchmarks/bench_intake.py``
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from openpyxl import Workbook

from gender_targets.intake import check_file
from gender_targets.periods import Period, period_range
from gender_targets.schema import BodyType
from gender_targets.template import LONG_LAYOUT_HEADER
from gender_targets.units import load_register

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)
ROWS = 20_000
BODIES_PER_SUBMISSION = 70
GOAL_RATIO = 0.5


def build_workbook(rows: int = ROWS) -> tuple[bytes, int]:
    """A long-layout workbook of ``rows`` body rows; returns (bytes, number of unit-periods)."""
    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    types = list(BodyType)
    pairs: list[tuple[str, Period]] = []
    for period in period_range(Period(2020, 1), Period(2026, 3)):
        pairs.extend((code, period) for code in register.active_units(period))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tổng hợp")
    ws.append(LONG_LAYOUT_HEADER)
    written = 0
    used = 0
    for code, period in pairs:
        if written >= rows:
            break
        used += 1
        for b in range(BODIES_PER_SUBMISSION):
            if written >= rows:
                break
            kl = 1 + (b + used) % 4
            pool = 4 + (b * 7 + used) % 9
            female = (b + used) % (pool + 1)
            ws.append(
                [
                    code,
                    str(period),
                    f"Cơ quan số {b + 1}",
                    types[b % len(types)].value,
                    kl,
                    (b + used) % (kl + 1),
                    pool,
                    female,
                    female // 2,
                    "" if b % 5 else "ghi chú",
                ]
            )
            written += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), used


def run(rows: int = ROWS) -> dict:
    """Time the reader and pandas on the same workbook; one run each."""
    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    data, submissions = build_workbook(rows)

    start = time.perf_counter()
    frame = pd.read_excel(io.BytesIO(data), engine="openpyxl")
    pandas_s = time.perf_counter() - start

    start = time.perf_counter()
    report = check_file(data, "tong_hop.xlsx", register, today=TODAY)
    check_s = time.perf_counter() - start

    result = {
        "rows": rows,
        "bytes": len(data),
        "submissions": len(report.submissions),
        "expected_submissions": submissions,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "pandas_rows": len(frame),
        "check_file_s": round(check_s, 3),
        "read_excel_openpyxl_s": round(pandas_s, 3),
        "ratio": round(check_s / pandas_s, 3),
        "goal_ratio": GOAL_RATIO,
    }
    return result


if __name__ == "__main__":
    out = run()
    print(json.dumps(out, indent=2))
    sys.exit(0 if out["ratio"] <= GOAL_RATIO and out["errors"] == 0 else 1)
