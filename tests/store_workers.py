"""Helpers for the store tests: a synthetic register, long-layout files, a stand-in reader, and a
subprocess entry point used by the concurrency and SIGKILL tests.

The stand-in reader (``fake_check_file``) reads a tiny CSV long layout
(``unit, period, body_name, body_type, <five counts>, note``) into a ``FileReport``. It keeps the store
tests independent of the workbook reader and fast; a line ``BROKEN`` makes the file unreadable, an
unknown unit gives ``unknown_unit``. ``xlsx_long`` writes the same rows as a real long-layout workbook
for the tests that go through ``intake.check_file``.

Run as a script (``python tests/store_workers.py import DB FILE... [--go PATH] [--ready PATH]``) it
writes the ``--started`` file once Python is up, waits for the ``--go`` file to exist (so several
processes start together), opens the store (DB: a path or an SQLAlchemy URL), writes the ``--ready``
file, imports every FILE with the stand-in reader (``--reader real``: through
``intake.check_file``), and prints one JSON line per file. ``open DB`` only opens the store (creating
or upgrading its schema) and prints ``{"schema_version": N}``.
``--mark PATH`` writes PATH when the import's write transaction sends its first INSERT, so a test
can kill the process inside the transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gender_targets import intake  # noqa: E402
from gender_targets.intake import FileReport, SubmissionData, sha256_of  # noqa: E402
from gender_targets.periods import Period, parse_period, period_range  # noqa: E402
from gender_targets.schema import BODY_COLUMNS, COUNT_COLUMNS, BodyType  # noqa: E402
from gender_targets.template import LONG_LAYOUT_HEADER  # noqa: E402
from gender_targets.units import Register, register_from_frame  # noqa: E402
from gender_targets.validation import make_issue  # noqa: E402

TODAY = dt.date(2026, 11, 24)
FIELDS = ["unit", "period", *BODY_COLUMNS]
HISTORY = period_range(Period(2021, 4), Period(2026, 2))


def make_register(n_units: int = 6, prefix: str = "U") -> Register:
    """An area ``A`` with ``n_units`` open-ended communes ``U00``, ``U01``, …"""
    rows = [{"code": "A", "name": "Khu vực thử", "kind": "khu vực"}]
    rows += [
        {"code": f"{prefix}{i:02d}", "name": f"xã Thử {i:02d}", "kind": "xã", "parent": "A"} for i in range(n_units)
    ]
    frame = pd.DataFrame(rows).reindex(
        columns=["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"]
    )
    return register_from_frame(frame.fillna(""))


def make_rows(
    units: list[str], periods: list[Period], bodies_per: int = 6, seed: int = 0, note: str = ""
) -> list[dict]:
    """Valid body rows for every unit and period (types cycle through all seven)."""
    rng = random.Random(seed)
    types = list(BodyType)
    out = []
    for u in units:
        for p in periods:
            for b in range(bodies_per):
                kl = rng.randint(0, 5)
                pool = rng.randint(0, 30)
                pf = rng.randint(0, pool)
                out.append(
                    {
                        "unit": u,
                        "period": str(p),
                        "body_name": f"Cơ quan {b:02d}",
                        "body_type": str(types[b % len(types)]),
                        "key_leaders": kl,
                        "key_leaders_female": rng.randint(0, kl),
                        "pool_total": pool,
                        "pool_female": pf,
                        "pool_female_trained": rng.randint(0, pf),
                        "note": note,
                    }
                )
    return out


def csv_file(rows: list[dict], broken: bool = False) -> bytes:
    """The stand-in reader's format."""
    text = pd.DataFrame(rows, columns=FIELDS).to_csv(index=False)
    return (("BROKEN\n" if broken else "") + text).encode("utf-8")


def xlsx_long(rows: list[dict], sheet: str = "Số liệu") -> bytes:
    """A long-layout workbook (one row per unit, period and body) as bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(LONG_LAYOUT_HEADER)
    for r in rows:
        ws.append([r["unit"], r["period"], r["body_name"], r["body_type"], *[r[c] for c in COUNT_COLUMNS], r["note"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def fake_check_file(data: bytes, filename: str, register: Register, today: dt.date | None = None) -> FileReport:
    """Stand-in for ``intake.check_file`` reading ``csv_file`` bytes."""
    report = FileReport(file=filename, sha256=sha256_of(data), size=len(data))
    if data.startswith(b"BROKEN"):
        report.issues.append(make_issue("unreadable_file", detail="broken"))
        return report
    frame = pd.read_csv(io.BytesIO(data), dtype={"note": str}, keep_default_na=False)
    frame["source_row"] = range(2, len(frame) + 2)
    for c in COUNT_COLUMNS:
        frame[c] = frame[c].astype("int64")
    bodies_all = frame[[*BODY_COLUMNS, "source_row"]]
    for (unit, period), idx in frame.groupby(["unit", "period"], sort=False).indices.items():
        if unit not in register:
            row = int(frame["source_row"].iat[idx[0]])
            report.issues.append(make_issue("unknown_unit", sheet="Số liệu", row=row, value=unit, example="U00"))
            continue
        bodies = bodies_all.take(idx).reset_index(drop=True)
        report.submissions.append(SubmissionData(register.canonical(unit), parse_period(period), bodies, "Số liệu"))
    if not report.submissions and not report.issues:
        report.issues.append(make_issue("no_data_rows", sheet="Số liệu"))
    return report


def install_fake_reader() -> None:
    intake.check_file = fake_check_file


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["import", "open"])
    parser.add_argument("db")
    parser.add_argument("files", nargs="*")
    parser.add_argument("--go")
    parser.add_argument("--started")
    parser.add_argument("--ready")
    parser.add_argument("--register", type=int, help="save make_register(N) after opening")
    parser.add_argument("--mark", help="file written when the import's first INSERT is sent")
    parser.add_argument("--reader", choices=["fake", "real"], default="fake")
    args = parser.parse_args(argv)
    if args.reader == "fake":
        install_fake_reader()
    from gender_targets.store import open_store

    payloads = [(Path(f).name, Path(f).read_bytes()) for f in args.files]
    if args.started:
        Path(args.started).write_text("started")
    if args.go:
        deadline = time.monotonic() + 30
        while not Path(args.go).exists() and time.monotonic() < deadline:
            time.sleep(0.005)
    store = open_store(args.db)
    if args.action == "open":
        print(json.dumps({"schema_version": store.schema_version()}), flush=True)
        store.close()
        return 0
    if args.register:
        store.save_register(make_register(args.register), by="worker")
    if args.mark:
        from sqlalchemy import event

        @event.listens_for(store.engine, "before_cursor_execute")
        def _mark(conn, cursor, statement, *rest) -> None:
            if statement.startswith("INSERT INTO files") and not Path(args.mark).exists():
                Path(args.mark).write_text("writing")

    if args.ready:
        Path(args.ready).write_text("ready")
    for name, data in payloads:
        result = intake.import_upload(store, data, name, by=f"pid{os.getpid()}", today=TODAY)
        print(json.dumps({"file": name, "ok": result.ok, "ids": len(result.ids)}), flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
