"""Several replicas: ``deploy/start-local.sh`` starts a throwaway PostgreSQL, two replicas of the app and
nginx (``deploy/nginx/gender-targets.conf``) on 127.0.0.1. A browser pinned (by nginx's route cookie)
to replica B sees the sample's latest quarter; another pinned to replica A stores Quý III/2026 through
the uploader; B's next visit shows Quý III/2026. nginx's access log proves each browser's websocket
(``/_stcore/stream``, upgraded: 101) and requests went to its own replica.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import SAMPLE, assert_no_errors, expect, free_port, goto, main, screenshots, settle, upload, vi

pytestmark = pytest.mark.browser

Q3_FILE = SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the replica test is mandatory under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


class Deployment:
    def __init__(self, proc: subprocess.Popen, lines: list[str]):
        self.proc = proc
        self.lines = lines
        self.replicas = [m.group(1) for line in lines if (m := re.match(r"REPLICA \d+ (http://\S+)", line))]
        proxy = next(line for line in lines if line.startswith("PROXY "))
        self.url = proxy.split()[1]
        self.access_log = Path(proxy.split("access_log=", 1)[1].strip())

    def upstream_of(self, route: str) -> str:
        """The replica nginx sends a browser with cookie ``gt_route=route`` to (from the access log)."""
        req = urllib.request.Request(self.url + "/_stcore/health", headers={"Cookie": f"gt_route={route}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 200
        for _ in range(50):
            hits = [line for line in self.log() if f"route={route} " in line and "/_stcore/health" in line]
            if hits:
                return "http://" + hits[-1].rsplit("upstream=", 1)[1].strip()
            time.sleep(0.1)
        raise AssertionError(f"no access log line for route {route}")

    def log(self) -> list[str]:
        return self.access_log.read_text(errors="replace").splitlines()


@pytest.fixture(scope="module")
def deployment(app_root, gt_browser) -> Deployment:
    if not Path("/usr/sbin/nginx").exists() and not any(
        (Path(d) / "nginx").exists() for d in os.environ.get("PATH", "").split(os.pathsep)
    ):
        _unavailable("nginx is not installed (apt-get install nginx)")
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        _unavailable("PostgreSQL is not installed (apt-get install postgresql)")
    env = {k: v for k, v in os.environ.items() if k != "GENDER_TARGETS_DB"}
    env.update(PYTHON=sys.executable, GT_PORT=str(free_port()), GENDER_TARGETS_SAMPLE="1", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        ["bash", str(app_root / "deploy" / "start-local.sh")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("READY"):
            break
    if not lines or not lines[-1].startswith("READY"):
        proc.kill()
        raise AssertionError("deploy/start-local.sh did not get ready:\n" + "\n".join(lines))
    yield Deployment(proc, lines)
    proc.send_signal(signal.SIGTERM)  # the script stops nginx, the replicas and PostgreSQL, then says so
    rest, _ = proc.communicate(timeout=90)
    assert "STOPPED" in rest, rest


def _context(browser, deployment: Deployment, route: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    context.set_default_timeout(60_000)
    host = deployment.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "gt_route", "value": route, "domain": host, "path": "/"}])
    return context


def _latest_caption(page) -> str:
    caption = main(page).get_by_text("số liệu mới nhất:")
    expect(caption).to_be_visible(timeout=180_000)
    return caption.inner_text()


def test_a_quarter_stored_through_replica_a_shows_on_replica_b(deployment, gt_browser):
    a, b = deployment.replicas[:2]
    routes: dict[str, str] = {}
    for k in range(200):  # one route cookie for each replica
        routes.setdefault(deployment.upstream_of(f"test{k}"), f"test{k}")
        if a in routes and b in routes:
            break
    assert a in routes and b in routes, routes

    ctx_b = _context(gt_browser, deployment, routes[b])
    page_b = ctx_b.new_page()
    goto(page_b, deployment.url + "/", timeout=240_000)  # the first visit loads the sample data
    before = _latest_caption(page_b)
    assert "Quý II/2026" in before, before

    ctx_a = _context(gt_browser, deployment, routes[a])
    page_a = ctx_a.new_page()
    # a fresh Streamlit server's very first run cannot open a page other than the main one (it shows
    # "Page not found"): replica A's first visit is the overview, as tests/browser/conftest.py's warm-up
    goto(page_a, deployment.url + "/")
    goto(page_a, deployment.url + "/nop-so-lieu")
    upload(page_a, Q3_FILE)
    head = main(page_a).locator('[data-testid="stExpander"] summary').filter(has_text=Q3_FILE.name)
    expect(head).to_contain_text("hợp lệ")
    main(page_a).get_by_label(vi("ui.upload.by")).fill("Chị Lan")  # who submits is required
    main(page_a).get_by_label(vi("ui.upload.by")).press("Enter")
    settle(page_a)
    main(page_a).get_by_role("button", name=vi("ui.upload.store_button", n=1)).click()
    settle(page_a)
    expect(main(page_a).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(Q3_FILE.name)
    assert_no_errors(page_a)

    goto(page_b, deployment.url + "/")  # replica B's next run: its cached model is of the old data version
    after = _latest_caption(page_b)
    assert "Quý III/2026" in after, after
    assert_no_errors(page_b)
    screenshots(page_b, "replica_b_after_store_on_a")

    ctx_a.close()
    ctx_b.close()
    # every request of each browser went to its own replica; the websockets were upgraded (101).
    # nginx logs a websocket when it closes: wait for both.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        log = deployment.log()
        if all(
            any(f"route={r} " in line and "/_stcore/stream" in line for line in log) for r in (routes[a], routes[b])
        ):
            break
        time.sleep(0.2)
    for route, replica in ((routes[a], a), (routes[b], b)):
        mine = [line for line in log if f"route={route} " in line]
        streams = [line for line in mine if "/_stcore/stream" in line]
        assert streams and all('" 101 ' in line for line in streams), streams
        assert {line.rsplit("upstream=", 1)[1] for line in mine} == {replica.split("//", 1)[1]}, mine
    uploads = [line for line in log if "/_stcore/upload_file" in line and f"route={routes[a]} " in line]
    assert uploads and all(a.split("//", 1)[1] in line for line in uploads), uploads
