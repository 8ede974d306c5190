"""Page render times with Streamlit's AppTest, and the app's cold start in a real browser.

Two databases, each built once in a temporary folder:

- **sample**: ``sample.load_sample`` (the Hóc Môn register, 2021Q4–2026Q2);
- **city**: a synthetic register of ``8 areas × 21 units = 168`` units over 20 quarters
  (2021Q3–2026Q2), 8 bodies per unit-quarter (26,880 body rows), imported through the store's own
  path (``intake.import_upload`` on one long-layout workbook), with the plan's targets.

``run_pages`` opens ``app.py`` with ``AppTest`` (``GENDER_TARGETS_SAMPLE=0``), then visits every page
twice, in the navigation order: the **first visit** of the overview builds the cached model (indicators
and statuses); the **second visit** of every page is what a user sees when coming back (model cached).
The package, Streamlit and plotly are imported before timing, so a first visit measures the app's
work and not Python's imports. AppTest times the script run and the element tree, not the browser's
drawing. Goals: after the first visit, under 1 s per page at sample scale, under 3 s at city scale.

``run_cold_start`` starts ``streamlit run app.py`` on a free port with a fresh, empty database (so the
first session loads the sample data, as on a first install) and times, from process start, until
the overview shows a drawn plotly chart (``.js-plotly-plot``) in Chromium (playwright).

``run_national`` does the same on the **national** database: ``34 areas × 98 units = 3,332`` units,
8 quarters, 8 bodies each (213,248 body rows, 26,656 submissions), built like the city (the import
takes minutes: set ``BENCH_NATIONAL_DB`` to a file made by ``--build-national FILE`` to reuse one).
Goals there: every page's first visit under 3 s, its second under 1 s. The presentation page opens on
the whole country; ``presentation_one_area`` then switches the deck to one province (``?area=KV1``).

Run: ``.venv/bin/python benchmarks/bench_pages.py [--quick | --national | --build-national FILE]``
(``benchmarks/run.py [--national]`` prints the table).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser tests' chromium, ports, servers

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, free_port, stop_process  # noqa: E402 (after the path)

PAGES = ["overview", "trajectory", "compare", "upload", "data", "admin", "method", "presentation", "report"]
GOAL_SAMPLE_S = 1.0
GOAL_CITY_S = 3.0
#: national scale (issue 13 item 7): 34 areas × 98 units, 8 quarters, 8 bodies each
NATIONAL = {"areas": 34, "units_per_area": 98, "quarters": 8, "bodies": 8}
GOAL_NATIONAL_FIRST_S = 3.0
GOAL_NATIONAL_SECOND_S = 1.0
TODAY = dt.date(2026, 11, 24)


# ---- databases ------------------------------------------------------------------------------
def build_sample_db(path: Path) -> dict:
    """The sample data in a new SQLite file; returns its size."""
    from gender_targets.sample import load_sample
    from gender_targets.store import open_store

    store = open_store(path)
    results = load_sample(store, today=TODAY)
    out = {"submissions": sum(len(r.ids) for r in results), "bodies": len(store.active_bodies())}
    store.close()
    return out


def city_register_csv(areas: int = 8, units_per_area: int = 21) -> bytes:
    """A register of ``areas`` areas (``KV1``…) each with ``units_per_area`` wards (``P1-01``…)."""
    lines = ["code,name,kind,parent,valid_from,valid_to,successor,note"]
    for a in range(1, areas + 1):
        lines.append(f"KV{a},Khu vực {a},khu vực,,,,,")
        for u in range(1, units_per_area + 1):
            lines.append(f"P{a}-{u:02d},phường {a}-{u:02d},phường,KV{a},,,,")
    return ("\n".join(lines) + "\n").encode("utf-8")


def city_workbook(register, quarters: int = 20, bodies: int = 8, last: str = "2026Q2") -> tuple[bytes, int]:
    """One long-layout workbook: every unit of ``register`` in each of ``quarters`` quarters up to
    ``last``, ``bodies`` bodies each, with counts that drift upwards over time."""
    from openpyxl import Workbook

    from gender_targets.periods import parse_period, period_range
    from gender_targets.schema import BodyType
    from gender_targets.template import LONG_LAYOUT_HEADER

    end = parse_period(last)
    periods = period_range(end.shift(-(quarters - 1)), end)
    types = list(BodyType)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tổng hợp")
    ws.append(LONG_LAYOUT_HEADER)
    rows = 0
    for k, code in enumerate(register.reporting_units):
        for q, period in enumerate(periods):
            for b in range(bodies):
                kl = 1 + (b + k) % 4
                pool = 6 + (b * 7 + k) % 9
                female = min(pool, (pool * (25 + q + (k % 7) * 3)) // 100 + (b % 2))
                ws.append(
                    [
                        code,
                        str(period),
                        f"Cơ quan {b + 1}",
                        types[b % len(types)].value,
                        kl,
                        int((b + k + q) % 3 == 0),
                        pool,
                        female,
                        (female * (60 + q)) // 100,
                        "",
                    ]
                )
                rows += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), rows


def build_city_db(path: Path, areas: int = 8, units_per_area: int = 21, quarters: int = 20, bodies: int = 8) -> dict:
    """The synthetic city in a new SQLite file, imported through ``intake.import_upload``."""
    from gender_targets.intake import import_upload
    from gender_targets.schema import DEFAULT_TARGETS
    from gender_targets.store import open_store
    from gender_targets.units import load_register

    register = load_register(city_register_csv(areas, units_per_area))
    data, rows = city_workbook(register, quarters, bodies)
    store = open_store(path)
    store.save_register(register, by="bench")
    store.save_targets(DEFAULT_TARGETS, by="bench")
    start = time.perf_counter()
    result = import_upload(store, data, "city.xlsx", by="bench", today=TODAY)
    import_s = time.perf_counter() - start
    if not result.ok:
        errors = [e.message_en for e in result.report.errors[:5]]
        raise RuntimeError(f"city workbook rejected: {errors}")
    out = {
        "units": len(register.reporting_units),
        "areas": len(register.areas),
        "quarters": quarters,
        "body_rows": rows,
        "submissions": len(result.ids),
        "workbook_bytes": len(data),
        "import_s": round(import_s, 2),
    }
    store.close()
    return out


# ---- AppTest ------------------------------------------------------------------------------------
@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _warm_imports() -> None:
    """Import what the pages import, so that timings exclude Python's one-off module loading."""
    import plotly.graph_objects
    import plotly.subplots  # noqa: F401
    import streamlit  # noqa: F401
    from streamlit.testing.v1 import AppTest  # noqa: F401

    import gender_targets.charts
    import gender_targets.exports
    import gender_targets.indicators
    import gender_targets.progress
    import gender_targets.store
    import gender_targets.summary
    import gender_targets.template
    import gender_targets.validation  # noqa: F401


def run_pages(db: Path, label: str, timeout: float = 300) -> dict:
    """Visit every page twice with AppTest on the database ``db``; seconds per page and visit."""
    from streamlit.testing.v1 import AppTest

    _warm_imports()
    _clear_caches()
    cwd = os.getcwd()
    os.chdir(ROOT)  # the method page and the sample paths are relative to the repository
    try:
        with _env(GENDER_TARGETS_DB=str(db), GENDER_TARGETS_SAMPLE="0"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
            figures: dict[str, dict] = {p: {} for p in PAGES}
            errors: list[str] = []
            for visit in ("first", "second"):
                for i, page in enumerate(PAGES):
                    if visit == "first" and i == 0:
                        start = time.perf_counter()
                        at.run()  # the app opens on the overview
                    else:
                        at.switch_page(f"pages/{page}.py")
                        start = time.perf_counter()
                        at.run()
                    seconds = time.perf_counter() - start
                    figures[page][visit] = round(seconds, 3)
                    if at.exception:
                        errors.append(f"{label}/{page}: {at.exception[0].value}")
            if label == "national":  # issue 17: the deck of one province too (the deck opens on the country)
                figures["presentation_one_area"] = {}
                for visit in ("first", "second"):
                    at.switch_page("pages/presentation.py")
                    at.query_params["area"] = "KV1"
                    start = time.perf_counter()
                    at.run()
                    figures["presentation_one_area"][visit] = round(time.perf_counter() - start, 3)
                    if at.exception:
                        errors.append(f"{label}/presentation_one_area: {at.exception[0].value}")
    finally:
        os.chdir(cwd)
        _clear_caches()
    goal = {"city": GOAL_CITY_S, "national": GOAL_NATIONAL_SECOND_S}.get(label, GOAL_SAMPLE_S)
    first_goal = GOAL_NATIONAL_FIRST_S if label == "national" else None
    return {
        "pages": figures,
        "errors": errors,
        "goal_second_visit_s": goal,
        "goal_first_visit_s": first_goal,
        "ok": not errors
        and all(v["second"] < goal and (first_goal is None or v["first"] < first_goal) for v in figures.values()),
    }


def _timed_build(build, path: Path, **options) -> dict:
    """``build(path, **options)``'s figures, with the seconds it took as ``build_s``."""
    t = time.perf_counter()
    out = build(path, **options)
    out["build_s"] = round(time.perf_counter() - t, 2)
    return out


def run(quick: bool = False) -> dict:
    """Build both databases and time the pages on each. ``quick``: a city of 8 quarters, not 20."""
    _warm_imports()
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample_db = Path(tmp) / "sample.db"
        out["sample_data"] = _timed_build(build_sample_db, sample_db)
        out["sample"] = run_pages(sample_db, "sample")

        city_db = Path(tmp) / "city.db"
        out["city_data"] = _timed_build(build_city_db, city_db, quarters=8 if quick else 20)
        out["city"] = run_pages(city_db, "city")
    return out


def build_national_db(path: Path) -> dict:
    """The national-scale database (``NATIONAL``) in a new SQLite file, through ``Store.import_file``
    on one long-layout workbook — or a copy of ``$BENCH_NATIONAL_DB`` when that file exists (the
    import takes minutes; build it once with ``bench_pages.py --build-national FILE``)."""
    import shutil

    ready = os.environ.get("BENCH_NATIONAL_DB", "")
    if ready and Path(ready).is_file():
        shutil.copy(ready, path)
        from gender_targets.store import open_store

        store = open_store(path)
        out = {
            **NATIONAL,
            "units": NATIONAL["areas"] * NATIONAL["units_per_area"],
            "body_rows": len(store.active_counts()),
            "submissions": len(store.history_active()),
            "import_s": None,
            "copied_from": ready,
        }
        store.close()
        return out
    n = NATIONAL
    return build_city_db(path, n["areas"], n["units_per_area"], n["quarters"], n["bodies"])


def run_national() -> dict:
    """Every page twice with AppTest on the national-scale database; goals: first visit < 3 s,
    second < 1 s."""
    _warm_imports()
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "national.db"
        out["national_data"] = _timed_build(build_national_db, db)
        out["national"] = run_pages(db, "national", timeout=600)
    return out


# ---- cold start in a browser --------------------------------------------------------------------
def streamlit_command(script: str | Path, port: int) -> list[str]:
    """``streamlit run script`` as every benchmark starts it: loopback, headless, no file watcher,
    no usage statistics."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def run_cold_start(timeout: float = 180) -> dict:
    """Seconds from ``streamlit run`` starting (fresh database, sample loaded on first visit) until
    the overview shows a drawn plotly chart in Chromium; also until the server answers."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        env = {
            **os.environ,
            "GENDER_TARGETS_DB": str(Path(tmp) / "cold.db"),
            "GENDER_TARGETS_SAMPLE": "1",
        }
        cmd = streamlit_command("app.py", port)
        log = Path(tmp) / "streamlit.log"
        with log.open("wb") as log_fp:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_fp, stderr=subprocess.STDOUT)
            try:
                server_s = None
                while time.perf_counter() - start < timeout:
                    if proc.poll() is not None:
                        raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
                    with socket.socket() as s:
                        if s.connect_ex(("127.0.0.1", port)) == 0:
                            server_s = time.perf_counter() - start
                            break
                    time.sleep(0.05)
                if server_s is None:
                    raise RuntimeError("streamlit did not open its port")
                page.goto(f"http://127.0.0.1:{port}/", timeout=timeout * 1000)
                page.wait_for_selector(".js-plotly-plot", state="visible", timeout=timeout * 1000)
                chart_s = time.perf_counter() - start
                errors = page.locator('[data-testid="stException"]').count()
            finally:
                stop_process(proc)
                browser.close()
    return {"server_up_s": round(server_s, 2), "first_chart_s": round(chart_s, 2), "exceptions_on_page": errors}


if __name__ == "__main__":
    if "--build-national" in sys.argv:  # bench_pages.py --build-national FILE: for BENCH_NATIONAL_DB
        target = Path(sys.argv[sys.argv.index("--build-national") + 1])
        print(json.dumps(build_national_db(target), indent=2))
        sys.exit(0)
    if "--national" in sys.argv:
        print(json.dumps(run_national(), indent=2, ensure_ascii=False))
        sys.exit(0)
    quick = "--quick" in sys.argv
    print(json.dumps({"pages": run(quick), "cold_start": run_cold_start()}, indent=2, ensure_ascii=False))
