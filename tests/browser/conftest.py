"""Fixtures for the real-browser acceptance tests: Streamlit servers on fresh databases and
Debian's chromium driven by Playwright (sync API).

- No browser (or no Playwright): the tests skip with the reason, except under ``CI=true``, where
  they fail, because there the browser is mandatory.
- ``sample_server`` (session): the app on a fresh database that loads the sample data on first
  run; the read-only tests share it.
- ``start_server`` (factory): more servers for the tests that store or roll back data, or need an
  empty database (``GENDER_TARGETS_SAMPLE=0``); each is stopped at the end of its scope.
- ``gt_page``: a fresh browser context per test, 1366×768, downloads accepted; on failure a
  screenshot goes to ``artifacts/screenshots/<test>_FAILED.png``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, Server, free_port, goto, safe_name

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT = 60.0


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI=true where the browser tests are mandatory."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests are mandatory under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


# -- Streamlit servers ---------------------------------------------------------------------------
def _start(workdir: Path, app_root: Path, *, sample: bool) -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "gt.db"
    log = workdir / "streamlit.log"
    env = dict(os.environ)
    env.update(
        GENDER_TARGETS_DB=str(db),
        GENDER_TARGETS_SAMPLE="1" if sample else "0",
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        PYTHONUNBUFFERED="1",
    )
    last_error = ""
    for _attempt in range(3):  # a port taken between free_port() and bind(): try another one
        port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        with log.open("ab") as out:
            proc = subprocess.Popen(cmd, cwd=app_root, env=env, stdout=out, stderr=subprocess.STDOUT)
        server = Server(f"http://127.0.0.1:{port}", db, log, proc, app_root)
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return server
            except OSError:
                pass
            time.sleep(0.25)
        last_error = server.log_tail()
        server.stop()
        if "is not available" not in last_error:
            break
    raise RuntimeError(f"streamlit did not become healthy within {HEALTH_TIMEOUT:.0f} s:\n{last_error}")


def _warm_up(browser, server: Server) -> None:
    """One throw-away browser session on the new server: it loads the sample data (on an empty
    database) and does the server's very first script run, which Streamlit treats differently
    (see test_browser_first_session.py), so the tests proper start from a steady server."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        goto(page, server.url + "/", timeout=180_000)
    finally:
        context.close()


_SNAPSHOT_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "artifacts", "data", "tests", "benchmarks", "__pycache__", ".*_cache", ".hypothesis", "*.db*"
)


@pytest.fixture(scope="session")
def app_root(tmp_path_factory) -> Path:
    """The app the servers run: a copy of the working tree taken when the session starts, so that
    edits made while the suite runs (Streamlit re-reads page files on every run) cannot mix two
    versions of the code. ``GT_BROWSER_LIVE=1`` runs the working tree itself."""
    if os.environ.get("GT_BROWSER_LIVE") == "1":
        return ROOT
    dest = tmp_path_factory.mktemp("app") / "gender_targets_app"
    shutil.copytree(ROOT, dest, ignore=_SNAPSHOT_SKIP)
    return dest


@pytest.fixture(scope="session")
def start_server(tmp_path_factory, gt_browser, app_root) -> Iterator[Callable[..., Server]]:
    """Factory: ``start_server(sample=True, warm=True)`` starts one more app server on a fresh
    database (``warm``: after one throw-away session); all are stopped at the end of the session
    unless stopped earlier with ``server.stop()``."""
    servers: list[Server] = []

    def start(sample: bool = True, name: str = "server", warm: bool = True) -> Server:
        server = _start(tmp_path_factory.mktemp(name), app_root, sample=sample)
        servers.append(server)
        if warm:
            _warm_up(gt_browser, server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def sample_server(start_server) -> Server:
    """The shared read-only server with the sample data (loaded by the first page view)."""
    return start_server(sample=True, name="sample")


# -- the browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def gt_browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no chromium at {CHROMIUM} (Debian: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed ({exc})")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:
        pw.stop()
        _unavailable(f"chromium at {CHROMIUM} does not start: {exc}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob("*_FAILED.png"):
        stale.unlink()
    yield browser
    browser.close()
    pw.stop()


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture
def gt_page(gt_browser, request):
    context = gt_browser.new_context(
        viewport={"width": 1366, "height": 768},
        accept_downloads=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(30_000)
    pg = context.new_page()
    console_errors: list[str] = []
    pg.on("pageerror", lambda exc: console_errors.append(str(exc)))
    pg.console_errors = console_errors
    yield pg
    if request.node.stash.get(_FAILED, False):
        with contextlib.suppress(Exception):
            pg.screenshot(path=str(SCREENSHOTS / f"{safe_name(request.node.name)}_FAILED.png"))
    context.close()
