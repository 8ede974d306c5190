"""A fresh browser on a running server: our pages against a minimal Streamlit page (issue 10 item 16).

In one run, started the same way (``python -m streamlit run FILE`` on a free loopback port,
headless, no file watcher, no usage statistics):

- **minimal**: a page with a title and one plotly chart (a 3-point line);
- **app**: ``app.py`` on a prepared database (the sample data, or the national-scale database
  with ``--national`` / ``run(national=True)``).

Once a server answers its health check, each page is opened in a **fresh** browser context of
headless Chromium (``/usr/bin/chromium --no-sandbox``; no cache, no cookies) and timed from
``page.goto`` until its charts are drawn: the script has finished (``data-test-script-state`` is
``notRunning``), no spinner or running icon shows, and at least the page's number of plotly charts
each hold a ``.main-svg``. Every page is opened twice, each time in a new context: the **first**
browser on the app also builds the model (the server has just started), the **second** finds it
cached — what a person meets when the server has been up for a while. The figure that counts is
``ratio = app page / minimal page`` for the same visit (goal ≤ 1.5 for the overview and compare).

It also times the **first visit on an empty database**: a third server on a fresh file (the app
loads the sample data on its first session); seconds from ``page.goto`` until something of ours
is visible in the page (the progress bar, or any element of the main area), and until the
overview's charts are drawn. The minimal page's first element is the reference.

Run: ``.venv/bin/python benchmarks/bench_browser.py [--national]`` (``benchmarks/run.py`` prints it).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import streamlit_command  # noqa: E402 (after the path)
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, free_port, stop_process  # noqa: E402 (bench_pages' path)

GOAL_RATIO = 1.5
VIEWPORT = {"width": 1366, "height": 768}
#: (name, URL path, plotly charts the page draws)
APP_PAGES = [("overview", "", 3), ("compare", "so-sanh", 3)]

MINIMAL_APP = '''"""The reference: the least a Streamlit page with one plotly chart costs."""
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Minimal", layout="wide")
st.title("Minimal page")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), key="minimal_chart")
'''

DRAWN_JS = """n => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-testid="stStatusWidgetRunningIcon"]')) return false;
  const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg'));
  return drawn.length >= n;
}"""

SOMETHING_JS = """() => !!document.querySelector(
  '[data-testid="stMain"] [data-testid="stProgress"], [data-testid="stMain"] [data-testid="stElementContainer"]'
)"""


@contextlib.contextmanager
def server(script: Path, cwd: Path, env: dict, log: Path, timeout: float = 120) -> Iterator[str]:
    """``streamlit run script`` on a free port; yields its URL once ``/_stcore/health`` answers."""
    port = free_port()
    cmd = streamlit_command(script, port)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
                with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not answer its health check")
                time.sleep(0.1)
            yield url
        finally:
            stop_process(proc)


def time_page(browser, url: str, charts: int, timeout: float = 180, *, progress: bool = False) -> dict:
    """Seconds in a fresh browser context from ``goto`` until ``charts`` plotly charts are drawn
    (and the script has finished), and until the first element of the page showed (``progress``:
    until a progress bar showed)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.wait_for_function(SOMETHING_JS, timeout=timeout * 1000, polling=25)
        out = {"first_element_s": round(time.perf_counter() - start, 2)}
        if progress:
            page.wait_for_selector('[data-testid="stMain"] [data-testid="stProgress"]', timeout=timeout * 1000)
            out["progress_s"] = round(time.perf_counter() - start, 2)
        page.wait_for_function(DRAWN_JS, arg=charts, timeout=timeout * 1000, polling=25)
        out["drawn_s"] = round(time.perf_counter() - start, 2)
        out["exceptions"] = page.locator('[data-testid="stException"]').count()
        return out
    finally:
        context.close()


def _prepared_db(path: Path, national: bool) -> dict:
    from bench_pages import build_national_db, build_sample_db

    return build_national_db(path) if national else build_sample_db(path)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def run(national: bool = False, rounds: int = 4) -> dict:
    """The figures described in the module docstring. Both servers run side by side and the pages
    are opened in turn (minimal, overview, compare, minimal, …), so that a busy machine slows them
    alike; ``rounds`` rounds after the first, compared by their medians."""
    from playwright.sync_api import sync_playwright

    out: dict = {"database": "national" if national else "sample", "goal_ratio": GOAL_RATIO, "rounds": rounds}
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        minimal = tmp / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        db = tmp / "prepared.db"
        out["data"] = _prepared_db(db, national)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        env = {"GENDER_TARGETS_DB": str(db), "GENDER_TARGETS_SAMPLE": "1"}
        try:
            with (
                server(minimal, tmp, {}, tmp / "minimal.log") as minimal_url,
                server(ROOT / "app.py", ROOT, env, tmp / "app.log") as app_url,
            ):
                targets = [("minimal", minimal_url + "/", 1)]
                targets += [(name, f"{app_url}/{path}", charts) for name, path, charts in APP_PAGES]
                visits: dict[str, list[dict]] = {name: [] for name, _, _ in targets}
                for _ in range(rounds + 1):
                    for name, url, charts in targets:
                        visits[name].append(time_page(browser, url, charts))
            if not national:
                empty = {"GENDER_TARGETS_DB": str(tmp / "empty.db"), "GENDER_TARGETS_SAMPLE": "1"}
                with server(ROOT / "app.py", ROOT, empty, tmp / "empty.log") as url:
                    out["empty_database"] = time_page(browser, url + "/", 3, progress=True)
        finally:
            browser.close()
    for name, found in visits.items():
        later = [v["drawn_s"] for v in found[1:]]
        out[name] = {
            "first_s": found[0]["drawn_s"],
            "median_s": round(_median(later), 2) if later else None,
            "all_s": [v["drawn_s"] for v in found],
            "exceptions": sum(v["exceptions"] for v in found),
            "first_element_median_s": round(_median([v["first_element_s"] for v in found]), 2),
        }
    base = out["minimal"]
    for name, _, _ in APP_PAGES:
        out[name]["first_ratio"] = round(out[name]["first_s"] / base["first_s"], 2)
        if base["median_s"]:
            out[name]["ratio"] = round(out[name]["median_s"] / base["median_s"], 2)
    out["ok"] = all(out[name].get("ratio", 99) <= GOAL_RATIO for name, _, _ in APP_PAGES)
    return out


if __name__ == "__main__":
    print(json.dumps(run(national="--national" in sys.argv), indent=2, ensure_ascii=False))
