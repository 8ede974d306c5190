"""Helpers for driving the Streamlit app in a real browser: wait for a run to settle, read the
data grids, pick from select boxes, check for errors, take screenshots at two screen sizes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

try:  # without Playwright the tests skip (or fail under CI=true) in conftest.gt_browser
    from playwright.sync_api import Page, expect
except ImportError:  # pragma: no cover
    Page = expect = None

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SAMPLE = ROOT / "sample_data"
SIZES = ((1366, 768), (1920, 1080))
#: Debian's chromium and the flags every browser test and benchmark starts it with
CHROMIUM = os.environ.get("GT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a server started for a test or a benchmark; kill it after 10 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


_SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const state = app.getAttribute('data-test-script-state');
  if (state !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSpinner"]')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')) return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  return true;
}"""


@dataclass
class Server:
    url: str
    db: Path
    log: Path
    proc: subprocess.Popen
    root: Path

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        stop_process(self.proc)


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")


def settle(page: Page, timeout: float = 60_000, quiet: float = 0.4) -> None:
    """Wait until Streamlit has finished its script run (and any rerun it triggered): the app is
    connected, the script is not running, no spinner; the same must still hold ``quiet`` seconds
    later (a bound query parameter or a widget can ask for one more run)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while True:
        left = max(1.0, (deadline - time.monotonic()) * 1000)
        page.wait_for_function(_SETTLED_JS, timeout=left)
        time.sleep(quiet)
        if page.evaluate(_SETTLED_JS):
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the Streamlit page did not settle")


def settle_through_navigation(page: Page, pause_ms: float = 500, *, settle_first: bool = False) -> None:
    """Settle on the document a navigation leaves (the reload after a sign-in, an OIDC redirect):
    (settle,) wait ``pause_ms``, settle; again while the page is still navigating."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(5):
        try:
            if settle_first:
                settle(page)
            page.wait_for_timeout(pause_ms)
            settle(page)
            return
        except PlaywrightError:  # the page navigated while we looked
            page.wait_for_load_state("domcontentloaded")
    settle(page)


def goto(page: Page, url: str, timeout: float = 90_000) -> None:
    page.goto(url, wait_until="domcontentloaded")
    settle(page, timeout=timeout)


def main(page: Page):
    return page.locator('[data-testid="stMain"]')


def sidebar(page: Page):
    return page.locator('[data-testid="stSidebar"]')


def wait_for_plots(page: Page, n: int, timeout: float = 60_000) -> int:
    """Wait until at least ``n`` Plotly charts are drawn (an SVG with a plot area); their count."""
    page.wait_for_function(
        """n => [...document.querySelectorAll('.js-plotly-plot')]
                 .filter(p => p.querySelector('.main-svg') && p.getBoundingClientRect().width > 0).length >= n""",
        arg=n,
        timeout=timeout,
    )
    return page.locator(".js-plotly-plot").count()


def assert_no_errors(page: Page, *, alerts: bool = True) -> None:
    """No Python exception box, no traceback, no JavaScript error on the page, and (``alerts``)
    no error alert either (pass ``alerts=False`` where an error message is the expected result)."""
    exc = page.locator('[data-testid="stException"]')
    if exc.count():
        raise AssertionError("exception on the page:\n" + exc.first.inner_text()[:2000])
    text = page.locator("body").inner_text()
    assert "Traceback (most recent call last)" not in text, "a traceback is shown on the page"
    err = page.locator('[data-testid="stAlertContentError"]')
    if alerts and err.count():
        raise AssertionError("error alert on the page:\n" + "\n".join(err.all_inner_texts())[:2000])
    errors = getattr(page, "console_errors", [])
    assert not errors, f"JavaScript errors: {errors[:5]}"


def grid_rows(scope, header: str | None = None, timeout: float = 20_000) -> list[list[str]]:
    """The rows of a Streamlit dataframe inside ``scope`` (a page or a locator), as the grid's
    accessible table gives them: header row first, then the rows the grid has drawn (the visible
    ones). ``header``: pick the first grid having a column of that name."""
    grids = scope.locator("[data-testid='stDataFrame']")
    if header is not None:
        page = scope if isinstance(scope, Page) else scope.page
        name = re.compile(f"^{re.escape(header)}$")
        grids = grids.filter(has=page.locator("[role='columnheader']", has_text=name))
    grid = grids.first
    expect(grid.locator("[role='row']").first).to_be_attached(timeout=timeout)
    return grid.evaluate(
        """g => [...g.querySelectorAll('[role="row"]')].map(r =>
                [...r.querySelectorAll('[role="columnheader"], [role="gridcell"]')].map(c => c.textContent.trim()))"""
    )


def wait_for_grid(scope, header: str, predicate, timeout: float = 15.0) -> list[list[str]]:
    """Poll the grid (see ``grid_rows``) until ``predicate(rows)`` holds: a grid redraws its
    accessible table a moment after new data arrives. Returns the rows; fails with the last ones."""
    deadline = time.monotonic() + timeout
    while True:
        rows = grid_rows(scope, header)
        if predicate(rows):
            return rows
        if time.monotonic() > deadline:
            raise AssertionError(f"the grid with column {header!r} never matched; last rows: {rows[:6]}")
        time.sleep(0.3)


def grid_text(scope, header: str | None = None) -> str:
    return "\n".join(" | ".join(r) for r in grid_rows(scope, header))


def choose(page: Page, label: str, option: str | re.Pattern, *, typed: str | None = None, scope=None) -> None:
    """Pick ``option`` in the select box labelled ``label`` (typing ``typed`` first to filter a
    long, virtualised list)."""
    root = scope if scope is not None else main(page)
    box = root.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label)
    )
    box.locator("[role='combobox'], input").first.click()
    if typed:
        page.keyboard.type(typed)
    page.get_by_role("option", name=option).first.click()
    settle(page)


def upload(page: Page, *paths: Path | str) -> None:
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', [str(p) for p in paths])
    settle(page)


def screenshots(page: Page, name: str) -> list[Path]:
    """Save what the user sees at 1366×768 and 1920×1080 (``<name>_<w>x<h>.png``), plus the whole
    main area at that width (``<name>_<w>x<h>_full.png``: the window made as tall as the content,
    since Streamlit scrolls the main area inside its own container). Restores 1366×768."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = []
    base = safe_name(name)
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        time.sleep(0.6)  # charts and grids redraw on resize
        settle(page, quiet=0.2)
        path = SCREENSHOTS / f"{base}_{w}x{h}.png"
        page.screenshot(path=str(path))
        out.append(path)
        full_h = page.evaluate(
            """() => { const m = document.querySelector('[data-testid="stMain"]');
                       return m ? m.scrollHeight : document.body.scrollHeight; }"""
        )
        if full_h > h + 10:
            page.set_viewport_size({"width": w, "height": min(int(full_h) + 20, 8000)})
            time.sleep(0.6)
            path = SCREENSHOTS / f"{base}_{w}x{h}_full.png"
            page.screenshot(path=str(path))
            out.append(path)
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    time.sleep(0.3)
    return out


def cli(server, *args: str) -> str:
    """Run ``python -m gender_targets ARGS --db DB`` on ``server``'s code and database; its stdout."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "gender_targets", *args, "--db", str(server.db)],
        cwd=server.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, f"gender_targets {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}"
    return proc.stdout


def vi(key: str, **params) -> str:
    """The Vietnamese text of a catalogue entry, as the app shows it."""
    from gender_targets.i18n import t

    return t(key, "vi", **params)


def en(key: str, **params) -> str:
    from gender_targets.i18n import t

    return t(key, "en", **params)


def run_cli(server, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m gender_targets ARGS --db <the server's database>`` in the server's app folder."""
    return subprocess.run(
        [sys.executable, "-m", "gender_targets", *args, "--db", str(server.db)],
        cwd=server.root,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
