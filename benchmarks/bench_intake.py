"""The reader: one small file in-process and sandboxed, a large workbook against pandas, and the
5,000,000-cell refusal.

1. **One small file** (the official form, a few bodies): ``intake.check_file`` in this process and
   through the sandbox's warm worker, median of 20 runs each after a warm-up. Goal: the sandbox
   adds at most ~50 ms.
2. **20,000 rows**: a long-layout .xlsx built in memory (openpyxl write-only: unit code, period,
   body name, body type, five counts, note; 70 bodies per unit-period over the sample register's
   units and quarters), then, in one run each on the same bytes, ``intake.check_file``
   (sandboxed: read, find the header, resolve units and periods, validate every row) and
   ``pandas.read_excel(engine="openpyxl")`` (read the cells into a frame, nothing else).
   Goal: ``ratio = check_file / read_excel ≤ 0.5``.
3. **20,000 rows, printed and split** (issue 22's reader on its hot path): the official form's
   two-level header, the body rows over four sheets, each laid out in printed pages (the header
   and the "(1) (2) …" row repeated every 40 rows, a "Trang N" line, a blank row) with a SUM
   formula in each sheet's total row (so the sheets' XML is searched for formulas and error
   values); ``intake.check_file`` against ``pandas.read_excel`` on the same bytes, as in 2.
4. **5,000,000 cells**: an xlsx whose sheet holds 5,000,010 numbers (500,001 rows × 10 columns,
   ~140 MB of XML), checked end to end; it must be refused (``file_too_large``) in under 5 s.

Run: ``.venv/bin/python benchmarks/bench_intake.py``
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
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


PAGE_ROWS = 40
SPLIT_SHEETS = 4


def printed_split_workbook(rows: int = ROWS) -> bytes:
    """The official form's layout with ``rows`` bodies over ``SPLIT_SHEETS`` sheets, each laid out in
    printed pages (header and column numbers repeated every ``PAGE_ROWS`` bodies, "Trang N"), with a
    SUM formula in each total row; one unit-period (HM-BD, 2024Q3, from the Thông tin sheet)."""
    types = list(BodyType)
    header = [
        ["STT", "Tên cơ quan, đơn vị", "Loại cơ quan", "Lãnh đạo chủ chốt", None, "Cán bộ trong diện quy hoạch"],
        [None, None, None, "Tổng số", "Trong đó nữ", "Tổng số", "Trong đó nữ", "Nữ được đào tạo, bồi dưỡng", "Ghi chú"],
        [f"({k})" for k in range(1, 10)],
    ]
    wb = Workbook(write_only=True)
    info = wb.create_sheet("Thông tin")
    for row in (["Mã đơn vị", "HM-BD"], ["Năm", 2024], ["Quý", 3]):
        info.append(row)
    per_sheet = rows // SPLIT_SHEETS
    n = 0
    for k in range(SPLIT_SHEETS):
        ws = wb.create_sheet(f"Khối {k + 1}")
        ws.append(["HỘI LHPN XÃ BÀ ĐIỂM"])
        ws.append(["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ"])
        for row in header:
            ws.append(row)
        first = 6
        written = 5
        for b in range(per_sheet):
            if b and b % PAGE_ROWS == 0:
                ws.append([])
                ws.append([f"Trang {b // PAGE_ROWS + 1}"])
                for row in header:
                    ws.append(row)
                written += 2 + len(header)
            n += 1
            kl = 1 + n % 4
            pool = 4 + (n * 7) % 9
            female = n % (pool + 1)
            ws.append([n, f"Cơ quan số {n}", types[n % len(types)].value, kl, n % (kl + 1), pool, female, female // 2])
            written += 1
        ws.append(["Tổng cộng", None, None, *[f"=SUM({c}{first}:{c}{written})" for c in "DEFGH"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run_printed_split(rows: int = ROWS) -> dict:
    """Issue 22's layouts at scale: ``check_file`` and ``read_excel`` on the same printed, split form."""
    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    data = printed_split_workbook(rows)
    start = time.perf_counter()
    frames = pd.read_excel(io.BytesIO(data), engine="openpyxl", sheet_name=None)
    pandas_s = time.perf_counter() - start
    start = time.perf_counter()
    report = check_file(data, "bao_cao.xlsx", register, today=TODAY)
    check_s = time.perf_counter() - start
    return {
        "printed_split_rows": rows,
        "printed_split_bodies": sum(len(s.bodies) for s in report.submissions),
        "printed_split_errors": len(report.errors),
        "printed_split_warnings": len(report.warnings),
        "printed_split_sheets": len(frames),
        "printed_split_check_file_s": round(check_s, 3),
        "printed_split_read_excel_openpyxl_s": round(pandas_s, 3),
        "printed_split_ratio": round(check_s / pandas_s, 3),
    }


def many_cells_xlsx(rows: int, cols: int = 10) -> bytes:
    """A minimal xlsx whose one sheet holds ``rows`` × ``cols`` varied numbers (streamed out)."""
    import random
    import zipfile

    rnd = random.Random(7)
    letters = [chr(65 + c) for c in range(cols)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            block = []
            for r in range(1, rows + 1):
                cells = "".join(f'<c r="{x}{r}"><v>{rnd.randrange(10)}</v></c>' for x in letters)
                block.append(f'<row r="{r}">{cells}</row>')
                if len(block) == 5000:
                    fh.write("".join(block).encode())
                    block = []
            fh.write("".join(block).encode() + b"</sheetData></worksheet>")
    return buf.getvalue()


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_small(runs: int = 20) -> dict:
    """One small file, in-process and through the sandbox (median seconds after a warm-up)."""
    from tests import wbfactory

    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    data = wbfactory.to_xlsx(wbfactory.official_form())
    start = time.perf_counter()
    first = check_file(data, "HM-BD_2024Q3.xlsx", register, today=TODAY)
    cold_s = time.perf_counter() - start
    assert first.ok, [i.message_en for i in first.errors]
    inproc = _median_time(lambda: check_file(data, "a.xlsx", register, today=TODAY, sandbox=False), runs)
    sandboxed = _median_time(lambda: check_file(data, "a.xlsx", register, today=TODAY), runs)
    return {
        "small_bytes": len(data),
        "small_in_process_s": round(inproc, 4),
        "small_sandboxed_s": round(sandboxed, 4),
        "small_overhead_ms": round((sandboxed - inproc) * 1000, 1),
        "small_first_call_s": round(cold_s, 3),
    }


def run_many_cells(rows: int = 500_001, cols: int = 10) -> dict:
    """A workbook just over 5,000,000 cells, checked end to end (it must be refused)."""
    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    data = many_cells_xlsx(rows, cols)
    start = time.perf_counter()
    report = check_file(data, "big.xlsx", register, today=TODAY)
    refuse_s = time.perf_counter() - start
    return {
        "cells": rows * cols,
        "cells_file_bytes": len(data),
        "cells_code": report.issues[0].code if report.issues else "",
        "cells_refusal_s": round(refuse_s, 3),
    }


def run(rows: int = ROWS, small: bool = True, many_cells: bool = True, printed_split: bool = True) -> dict:
    """Time the reader and pandas on the same workbook; one run each (see the module docstring)."""
    register = load_register((ROOT / "sample_data" / "units.csv").read_bytes())
    data, submissions = build_workbook(rows)
    check_file(b"PK", "warm.xlsx", register, today=TODAY)  # the sandbox's worker is started once

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
    if printed_split:
        result.update(run_printed_split(rows))
    if small:
        result.update(run_small())
    if many_cells:
        result.update(run_many_cells())
    return result


if __name__ == "__main__":
    out = run()
    print(json.dumps(out, indent=2))
    ok = (
        out["ratio"] <= GOAL_RATIO
        and out["errors"] == 0
        and out["cells_code"] == "file_too_large"
        and out["printed_split_errors"] == 0
        and out["printed_split_bodies"] == out["printed_split_rows"]
        and out["printed_split_ratio"] <= GOAL_RATIO
    )
    sys.exit(0 if ok else 1)
