"""SQLite against PostgreSQL, in one run: importing one long workbook, and loading what the first page
visit needs (the model), on each back-end, and the ratios PostgreSQL / SQLite.

    .venv/bin/python benchmarks/bench_backends.py [--national] [--json]

Scales (``bench_pages``' generator: one long-layout workbook, 8 bodies per unit-quarter):

- **city**: 8 areas × 21 wards = 168 units, 20 quarters (3,360 submissions, 26,880 body rows);
- **national, one quarter** (``--national``): 33 areas × 100 = 3,300 units, one quarter;
- **national, history** (``--national``): 34 areas × 98 = 3,332 units, 8 quarters (26,656 submissions,
  213,248 body rows).

For each scale and back-end, on a fresh database with the register and targets saved: ``import_s`` is
``intake.import_upload`` of the workbook (reading, checking with the history warnings, and the one write
transaction; the reading is the same work on both back-ends); ``write_s`` the write part alone
(the same report stored again into another fresh database through ``Store.save_report`` with the reader
replaced by the report already read); ``model_s`` what the app's first page visit loads
(``ui/common.py``'s model: register, targets, active body rows, ``compute_indicators``,
``status_table``); ``version_s`` one ``data_version()`` read (the median of 21; every page run does one).

PostgreSQL: ``GENDER_TARGETS_BENCH_PG`` (an SQLAlchemy URL of a server where this user may create
databases), else a throwaway cluster (``tests/pg_cluster.py``) with PostgreSQL's durable defaults
(``fsync`` on), as SQLite runs with ``synchronous=FULL``. Goals: every ratio ≤ 2; at national scale
the import under 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TODAY = dt.date(2026, 11, 24)
GOAL_RATIO = 2.0
GOAL_NATIONAL_IMPORT_S = 30.0
SCALES = {
    "city": {"areas": 8, "units_per_area": 21, "quarters": 20},
    "national_one_quarter": {"areas": 33, "units_per_area": 100, "quarters": 1},
    "national_history": {"areas": 34, "units_per_area": 98, "quarters": 8},
}


def _workbook(areas: int, units_per_area: int, quarters: int) -> tuple[bytes, object, int]:
    from bench_pages import city_register_csv, city_workbook

    from gender_targets.units import load_register

    register = load_register(city_register_csv(areas, units_per_area))
    data, rows = city_workbook(register, quarters, 8)
    return data, register, rows


def _fresh_store(url: str, register):
    from gender_targets.schema import DEFAULT_TARGETS
    from gender_targets.store import open_store

    store = open_store(url)
    store.save_register(register, by="bench")
    store.save_targets(DEFAULT_TARGETS, by="bench")
    return store


def _model(store) -> int:
    """What the first page visit computes (ui/common.py ``_model``), without Streamlit."""
    from gender_targets.indicators import compute_indicators
    from gender_targets.judgement import status_table

    register = store.register()
    targets = store.targets()
    bodies = store.active_bodies()
    indicators = compute_indicators(bodies, register)
    status_table(indicators, targets, register)
    return len(bodies)


def _one(url: str, data: bytes, register, report_holder: dict) -> dict:
    from gender_targets import intake

    store = _fresh_store(url, register)
    start = time.perf_counter()
    result = intake.import_upload(store, data, "bench.xlsx", by="bench", today=TODAY)
    import_s = time.perf_counter() - start
    if not result.ok:
        raise RuntimeError(f"workbook rejected: {[e.message_en for e in result.report.errors[:3]]}")
    report_holder.setdefault("report", result.report)
    start = time.perf_counter()
    body_rows = _model(store)
    model_s = time.perf_counter() - start
    reads = []
    for _ in range(21):  # the median of 21 reads
        start = time.perf_counter()
        store.data_version()
        reads.append(time.perf_counter() - start)
    version_s = sorted(reads)[10]
    store.close()
    return {
        "import_s": round(import_s, 2),
        "model_s": round(model_s, 2),
        "version_s": round(version_s, 4),
        "submissions": len(result.ids),
        "body_rows": body_rows,
    }


def _write_only(url: str, data: bytes, register, report) -> float:
    """``Store.save_report`` of the report already read and checked: the store's own work."""
    store = _fresh_store(url, register)
    try:
        start = time.perf_counter()
        store.save_report(report, data, "bench.xlsx", by="bench")
        return round(time.perf_counter() - start, 2)
    finally:
        store.close()


def run(national: bool = False, scales: list[str] | None = None) -> dict:
    """Every scale (or those named in ``scales``) on both back-ends; the figures and the ratios."""
    from tests.pg_cluster import Cluster, ExistingServer

    server_url = os.environ.get("GENDER_TARGETS_BENCH_PG", "").strip()
    server = ExistingServer(server_url) if server_url else Cluster(durable=True).start()
    out: dict = {"postgresql": "GENDER_TARGETS_BENCH_PG" if server_url else "throwaway cluster (fsync on)"}
    try:
        for scale, shape in SCALES.items():
            if scales is not None and scale not in scales:
                continue
            if scales is None and scale.startswith("national") and not national:
                continue
            data, register, rows = _workbook(**shape)
            figures: dict = {"shape": {**shape, "body_rows_in_file": rows, "workbook_bytes": len(data)}}
            holder: dict = {}
            with tempfile.TemporaryDirectory() as tmp:
                for backend in ("sqlite", "postgresql"):
                    url = str(Path(tmp) / f"{scale}.db") if backend == "sqlite" else server.create_database("bench")
                    one = _one(url, data, register, holder)
                    url2 = str(Path(tmp) / f"{scale}_w.db") if backend == "sqlite" else server.create_database("bench")
                    one["write_s"] = _write_only(url2, data, register, holder["report"])
                    figures[backend] = one
                    if backend == "postgresql":
                        server.drop_database(url)
                        server.drop_database(url2)
            s, p = figures["sqlite"], figures["postgresql"]
            figures["ratio"] = {k: round(p[k] / s[k], 2) if s[k] else None for k in ("import_s", "write_s", "model_s")}
            goal_import = GOAL_NATIONAL_IMPORT_S if scale.startswith("national") else None
            figures["ok"] = all(r is not None and r <= GOAL_RATIO for r in figures["ratio"].values()) and (
                goal_import is None or max(s["import_s"], p["import_s"]) < goal_import
            )
            out[scale] = figures
            print(f"[{scale}: done]", file=sys.stderr, flush=True)
    finally:
        server.stop()
    return out


def table(figures: dict) -> str:
    head = ("Scale", "Measure", "SQLite", "PostgreSQL", "PG / SQLite", "")
    lines = []
    for scale in SCALES:
        if scale not in figures:
            continue
        f = figures[scale]
        sh = f["shape"]
        label = f"{scale} ({sh['areas'] * sh['units_per_area']:,} units × {sh['quarters']} q, {sh['body_rows_in_file']:,} rows)"
        for k, name in (
            ("import_s", "import (read+check+write)"),
            ("write_s", "  write part alone"),
            ("model_s", "first-page model load"),
        ):
            ratio = f["ratio"][k]
            verdict = "ok" if ratio is not None and ratio <= GOAL_RATIO else "MISSED"
            if k == "import_s" and scale.startswith("national"):
                worst = max(f["sqlite"][k], f["postgresql"][k])
                verdict += "" if worst < GOAL_NATIONAL_IMPORT_S else f"; > {GOAL_NATIONAL_IMPORT_S:.0f} s MISSED"
            lines.append((label, name, f"{f['sqlite'][k]:.2f} s", f"{f['postgresql'][k]:.2f} s", f"{ratio}", verdict))
            label = ""
        lines.append(
            (
                "",
                "data_version() read",
                f"{f['sqlite']['version_s'] * 1000:.1f} ms",
                f"{f['postgresql']['version_s'] * 1000:.1f} ms",
                "",
                "",
            )
        )
    widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head))]
    fmt = " | ".join(f"{{:<{w}}}" for w in widths)
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join(
        [f"PostgreSQL: {figures['postgresql']}", fmt.format(*head), sep, *(fmt.format(*r).rstrip() for r in lines)]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--national", action="store_true", help="also the national scales (several minutes)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(national=args.national)
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
