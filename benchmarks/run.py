"""Every benchmark, one run, one table.

    .venv/bin/python benchmarks/run.py [--json] [--quick]

Runs, in this order, each once: the reader on a 20,000-row workbook against a bare
``pandas.read_excel(engine="openpyxl")``, one small file in-process and through the sandbox, and
the refusal of a 5,000,010-cell workbook (``bench_intake``); importing the sample history
(``bench_import``); indicators and statuses for a synthetic national deployment (~2M body rows)
against a bare group-by (``bench_national``); every page with AppTest at sample and at city scale,
first and second visit (``bench_pages.run``), and with ``--national`` at national scale (3,332 units,
``bench_pages.run_national``); importing one long workbook on SQLite and on PostgreSQL (a throwaway
cluster, or ``GENDER_TARGETS_BENCH_PG``) at city scale, and with ``--national`` also at national scale
(``bench_backends``); a fresh browser on our overview and compare pages against a minimal
one-chart Streamlit page (``bench_browser``); the app's cold start to its first drawn chart in
Chromium (``bench_pages.run_cold_start``); and a throttled phone's first and return visits to the
sign-in page, a unit's page and the overview, directly and through the shipped nginx
(``bench_mobile``). Prints the machine, then one table; ``--json`` prints the
same figures as JSON instead. ``--quick``: a 5,000-row intake workbook, no national run, a city of 8
quarters instead of 20. Exit status 0 even when a goal is missed: the table says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def _guard(name: str, fn, *args, **kwargs) -> dict:
    """Run one benchmark; a failure becomes ``{"error": ...}`` so the other figures still print."""
    start = time.perf_counter()
    try:
        out = fn(*args, **kwargs)
    except Exception as exc:  # a benchmark that breaks is itself a finding
        traceback.print_exc(file=sys.stderr)
        out = {"error": f"{type(exc).__name__}: {exc}"}
    out["wall_s"] = round(time.perf_counter() - start, 1)
    print(f"[{name}: {out['wall_s']} s]", file=sys.stderr)
    return out


def collect(quick: bool = False, national: bool = False) -> dict:
    import bench_backends
    import bench_browser
    import bench_import
    import bench_intake
    import bench_mobile
    import bench_national
    import bench_pages

    figures: dict = {"machine": machine(), "quick": quick}
    # national-scale pages (scale): minutes to build the database, so only with --national
    figures["national_pages"] = _guard("national pages", bench_pages.run_national) if national else {"skipped": True}
    figures["browser"] = _guard("fresh browser", bench_browser.run, rounds=2 if quick else 4)
    figures["intake"] = _guard(
        "intake", bench_intake.run, rows=5_000 if quick else bench_intake.ROWS, many_cells=not quick
    )
    figures["import"] = _guard("import", bench_import.run)
    figures["backends"] = _guard(
        "import, SQLite vs PostgreSQL",
        bench_backends.run,
        scales=["city", "national_history"] if national else ["city"],
    )
    figures["national"] = {"skipped": "--quick"} if quick else _guard("national", bench_national.run)
    figures["pages"] = _guard("pages", bench_pages.run, quick=quick)
    figures["cold_start"] = _guard("cold start", bench_pages.run_cold_start)
    figures["mobile"] = _guard("mobile, throttled phone", bench_mobile.run)
    return figures


def _s(value) -> str:
    return "—" if value is None else f"{value:.2f} s" if isinstance(value, float) else str(value)


def rows(f: dict) -> list[tuple[str, str, str, str]]:
    """(measure, figure, reference or goal, verdict) lines of the table."""
    out: list[tuple[str, str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "" if ok is None else ("ok" if ok else "MISSED")

    i = f["intake"]
    if "error" in i:
        out.append(("intake", "error", i["error"], "MISSED"))
    else:
        out.append(
            (
                f"intake: check_file, {i['rows']:,}-row workbook",
                _s(i["check_file_s"]),
                f"read_excel {_s(i['read_excel_openpyxl_s'])}; ratio {i['ratio']} (goal ≤ {i['goal_ratio']}); "
                f"{i['submissions']} unit-periods, {i['errors']} errors",
                verdict(i["ratio"] <= i["goal_ratio"] and i["errors"] == 0),
            )
        )
        if "small_sandboxed_s" in i:
            out.append(
                (
                    "  one small file: in-process / sandboxed",
                    f"{i['small_in_process_s'] * 1000:.0f} / {i['small_sandboxed_s'] * 1000:.0f} ms",
                    f"sandbox adds {i['small_overhead_ms']:.0f} ms (goal ≤ 50 ms)",
                    verdict(i["small_overhead_ms"] <= 50),
                )
            )
        if "cells_refusal_s" in i:
            out.append(
                (
                    f"  {i['cells']:,}-cell workbook refused",
                    _s(i["cells_refusal_s"]),
                    f"{i['cells_code']} (goal < 5 s)",
                    verdict(i["cells_code"] == "file_too_large" and i["cells_refusal_s"] < 5),
                )
            )
    m = f["import"]
    if "error" in m:
        out.append(("import of the sample history", "error", m["error"], "MISSED"))
    else:
        out.append(
            (
                "import: load_sample (whole history)",
                _s(m["load_sample_s"]),
                f"{m['submissions']} submissions, {m['bodies']:,} bodies; goal < {m['goal_s']:.0f} s",
                verdict(m["ok"]),
            )
        )
        out.append(
            ("  reader alone / check with history", f"{_s(m['read_only_s'])} / {_s(m['check_with_history_s'])}", "", "")
        )
        out.append(("  identical re-import (changes nothing)", _s(m["identical_reimport_s"]), "", ""))
    out.extend(_backend_rows(f.get("backends", {"skipped": True})))
    n = f["national"]
    if "skipped" in n:
        out.append(("national indicators + statuses", "skipped", "--quick", ""))
    elif "error" in n:
        out.append(("national indicators + statuses", "error", n["error"], "MISSED"))
    else:
        out.append(
            (
                "national: indicators + statuses",
                _s(n["total_s"]),
                f"{n['body_rows']:,} body rows, {n['units']:,} units; bare group-by {_s(n['floor_groupby_s'])}, "
                f"ratio {n['ratio_to_floor']}; peak RSS {n['peak_rss_mb']} MB (goal < 10 s, < 2 GB)",
                verdict(n["total_s"] < 10 and n["peak_rss_mb"] < 2048),
            )
        )
        out.append(
            (
                "  compute_indicators / status_table",
                f"{_s(n['compute_indicators_s'])} / {_s(n['status_table_s'])}",
                "",
                "",
            )
        )
    p = f["pages"]
    if "error" in p:
        out.append(("pages (AppTest)", "error", p["error"], "MISSED"))
    else:
        sd, cd = p["sample_data"], p["city_data"]
        out.append(
            (
                "pages, sample scale (AppTest)",
                "first / second visit",
                f"{sd['submissions']} submissions, {sd['bodies']:,} bodies; goal: second visit < 1 s",
                "",
            )
        )
        out.extend(_page_rows(p["sample"]))
        out.append(
            (
                "pages, city scale (AppTest)",
                "first / second visit",
                f"{cd['units']} units, {cd['areas']} areas, {cd['quarters']} quarters, {cd['body_rows']:,} bodies "
                f"(import {_s(cd['import_s'])}); goal: second visit < 3 s",
                "",
            )
        )
        out.extend(_page_rows(p["city"]))
    out.extend(_scale_rows(f))
    c = f["cold_start"]
    if "error" in c:
        out.append(("cold start to first chart (Chromium)", "error", c["error"], "MISSED"))
    else:
        out.append(
            (
                "cold start to the first chart (Chromium)",
                _s(c["first_chart_s"]),
                f"fresh DB, sample loaded on the first visit; port open at {_s(c['server_up_s'])}; "
                f"error boxes {c['exceptions_on_page']}",
                verdict(c["exceptions_on_page"] == 0),
            )
        )
    if "mobile" in f:
        import bench_mobile

        out.extend(bench_mobile.rows(f["mobile"]))
    return out


def _backend_rows(b: dict) -> list[tuple[str, str, str, str]]:
    """Importing one long workbook on SQLite and on PostgreSQL (``bench_backends``)."""
    if "skipped" in b:
        return []
    if "error" in b:
        return [("import, SQLite vs PostgreSQL", "error", b["error"], "MISSED")]
    import bench_backends

    out = []
    for scale in bench_backends.SCALES:
        if scale not in b:
            continue
        f = b[scale]
        sh = f["shape"]
        sq, pg, ratio = f["sqlite"], f["postgresql"], f["ratio"]
        national = scale.startswith("national")
        goal = f"ratio ≤ {bench_backends.GOAL_RATIO:.0f}" + (
            f", both < {bench_backends.GOAL_NATIONAL_IMPORT_S:.0f} s" if national else ""
        )
        ok = ratio["import_s"] is not None and ratio["import_s"] <= bench_backends.GOAL_RATIO
        if national:
            ok = ok and max(sq["import_s"], pg["import_s"]) < bench_backends.GOAL_NATIONAL_IMPORT_S
        name = "national" if national else "city"
        out.append(
            (
                f"import, {name} scale: SQLite / PostgreSQL",
                f"{_s(sq['import_s'])} / {_s(pg['import_s'])}",
                f"{sh['areas'] * sh['units_per_area']:,} units × {sh['quarters']} quarters, "
                f"{sh['body_rows_in_file']:,} body rows, {sq['submissions']:,} submissions; "
                f"PG / SQLite {ratio['import_s']} ({goal})",
                "ok" if ok else "MISSED",
            )
        )
        out.append(
            (
                "  write part alone: SQLite / PostgreSQL",
                f"{_s(sq['write_s'])} / {_s(pg['write_s'])}",
                f"PG / SQLite {ratio['write_s']}; first-page model load {_s(sq['model_s'])} / {_s(pg['model_s'])}",
                "",
            )
        )
    return out


def _scale_rows(f: dict) -> list[tuple[str, str, str, str]]:
    """National-scale pages and the fresh-browser timing (scale)."""
    out: list[tuple[str, str, str, str]] = []
    n = f.get("national_pages", {"skipped": True})
    if "skipped" in n:
        out.append(("pages, national scale (AppTest)", "skipped", "run with --national", ""))
    elif "error" in n:
        out.append(("pages, national scale (AppTest)", "error", n["error"], "MISSED"))
    else:
        d = n["national_data"]
        out.append(
            (
                "pages, national scale (AppTest)",
                "first / second visit",
                f"{d['units']:,} units, {d['areas']} areas, {d['quarters']} quarters, {d['body_rows']:,} bodies, "
                f"{d['submissions']:,} submissions; goal: first < 3 s, second < 1 s",
                "",
            )
        )
        out.extend(_page_rows(n["national"]))
    b = f.get("browser", {})
    if "error" in b:
        out.append(("fresh browser vs minimal page", "error", b["error"], "MISSED"))
    elif b:
        m = b["minimal"]
        out.append(
            (
                "fresh browser: minimal page, one chart",
                f"{_s(m['median_s'])}",
                f"median of {b['rounds']} fresh contexts (first {_s(m['first_s'])}); {b['database']} data",
                "",
            )
        )
        for name in ("overview", "compare"):
            p = b[name]
            out.append(
                (
                    f"  {name}: charts drawn",
                    f"{_s(p['median_s'])}",
                    f"ratio {p.get('ratio')} (goal ≤ {b['goal_ratio']}); first browser {_s(p['first_s'])}, "
                    f"ratio {p['first_ratio']}",
                    "ok" if p.get("ratio", 99) <= b["goal_ratio"] and not p["exceptions"] else "MISSED",
                )
            )
        e = b.get("empty_database")
        if e:
            out.append(
                (
                    "  empty database: progress bar / charts",
                    f"{_s(e['progress_s'])} / {_s(e['drawn_s'])}",
                    f"first element {_s(e['first_element_s'])} (minimal page's first element "
                    f"{_s(m.get('first_element_median_s'))}); sample loaded on the first visit",
                    "",
                )
            )
    return out


def _page_rows(result: dict) -> list[tuple[str, str, str, str]]:
    goal = result["goal_second_visit_s"]
    failed = {e.split(":", 1)[0].split("/", 1)[-1]: e.split(":", 1)[1].strip() for e in result["errors"]}
    lines = []
    first_goal = result.get("goal_first_visit_s")
    for page, t in result["pages"].items():
        ok = t["second"] < goal and page not in failed and (first_goal is None or t["first"] < first_goal)
        note = f"exception: {failed[page]}" if page in failed else ""
        lines.append((f"  {page}", f"{t['first']:.2f} s / {t['second']:.2f} s", note, "ok" if ok else "MISSED"))
    return lines


def table(f: dict) -> str:
    mach = f["machine"]
    head = f"Machine: {mach['cpu_count']} CPUs, Python {mach['python']}, {mach['platform']}" + (
        " — QUICK run" if f["quick"] else ""
    )
    lines = rows(f)
    header = ("Measure", "Figure", "Reference / goal", "")
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]
    fmt = " | ".join(f"{{:<{w}}}" for w in widths)
    sep = "-+-".join("-" * w for w in widths)
    body = [fmt.format(*header), sep, *(fmt.format(*r) for r in lines)]
    return "\n".join([head, "", *(b.rstrip() for b in body)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, no national run")
    parser.add_argument(
        "--national",
        action="store_true",
        help="also every page at national scale (3,332 units; builds the database: minutes, "
        "or set BENCH_NATIONAL_DB to a file made by bench_pages.py --build-national FILE)",
    )
    args = parser.parse_args(argv)
    figures = collect(quick=args.quick, national=args.national)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
