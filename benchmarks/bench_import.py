"""Importing the whole sample history: ``load_sample`` into a fresh temporary SQLite database.

Times the full load (register, targets, reading and validating ``history_2021Q4_2026Q2.xlsx``,
the history warnings, and the one write transaction), then, on the loaded store, the reader alone
(``intake.check_file``), ``intake.check_upload`` (reader + history warnings), one ``active_bodies`` read,
and an identical re-import (which must change nothing). One run of each.

Run: ``.venv/bin/python benchmarks/bench_import.py`` (goal: the load under 15 s on 2 cores).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gender_targets import intake
from gender_targets.sample import HISTORY_FILE, SAMPLE_DIR, load_sample
from gender_targets.store import open_store

TODAY = dt.date(2026, 11, 24)
GOAL_SECONDS = 15.0


def run(sample_dir: Path = SAMPLE_DIR) -> dict:
    """Load the sample into a fresh database; return the timings (seconds) and sizes."""
    data = (sample_dir / HISTORY_FILE).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        store = open_store(db)
        results = load_sample(store, sample_dir, today=TODAY)
        load_s = time.perf_counter() - start

        start = time.perf_counter()
        report = intake.check_file(data, HISTORY_FILE, store.register(), TODAY)
        read_s = time.perf_counter() - start

        start = time.perf_counter()
        intake.check_upload(data, HISTORY_FILE, store=store, today=TODAY)
        check_s = time.perf_counter() - start

        start = time.perf_counter()
        bodies = store.active_bodies()
        read_bodies_s = time.perf_counter() - start

        version = store.data_version()
        start = time.perf_counter()
        again = intake.import_upload(store, data, HISTORY_FILE, today=TODAY)
        reimport_s = time.perf_counter() - start
        assert again.unchanged and store.data_version() == version

        out = {
            "load_sample_s": round(load_s, 3),
            "read_only_s": round(read_s, 3),
            "check_with_history_s": round(check_s, 3),
            "active_bodies_s": round(read_bodies_s, 4),
            "identical_reimport_s": round(reimport_s, 3),
            "file_bytes": len(data),
            "submissions": sum(len(r.ids) for r in results),
            "bodies": len(bodies),
            "warnings": len(report.warnings),
            "db_bytes": db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.db-*")),
            "goal_s": GOAL_SECONDS,
            "ok": load_s < GOAL_SECONDS,
        }
        store.close()
    return out


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, indent=2))
    print(f"load_sample: {result['load_sample_s']:.2f} s (goal < {GOAL_SECONDS:.0f} s)")
