"""Single sign-on (SPEC §10): with ``[auth]`` in ``.streamlit/secrets.toml`` the sign-in page offers
``st.login``; a real local OIDC provider (``oidc-provider-mock``) signs the user in, and the app maps
the e-mail to an account and its role. An identity whose e-mail has no account gets a clear message
and no page beyond the sign-in page.

The app runs from its own copy of the code with a ``secrets.toml`` naming the provider and the
app's own port (``redirect_uri``), so the port is chosen here rather than by ``start_server``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import (
    Server,
    assert_no_errors,
    expect,
    free_port,
    goto,
    main,
    settle_through_navigation,
    sidebar,
    vi,
)

pytestmark = pytest.mark.browser
PW = "mat-khau-kiem-thu"
PROVIDER_DELAY = [0.0]  # seconds the provider's discovery document takes; set by a test


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the OIDC test is mandatory under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def provider():
    try:
        from oidc_provider_mock import User
    except ImportError as exc:
        _unavailable(f"oidc-provider-mock is not installed ({exc})")
    users = [
        User(sub="lan", claims={"email": "Lan.Nguyen@hoilhpn.vn", "email_verified": True, "name": "Nguyễn Thị Lan"}),
        User(sub="la", claims={"email": "nguoi.la@example.org", "email_verified": True, "name": "Người lạ"}),
        # an e-mail the provider never verified, although an account has it: it signs nobody in
        User(sub="chua", claims={"email": "chua.xac.nhan@hoilhpn.vn", "email_verified": False, "name": "Chưa"}),
    ]
    import threading

    from oidc_provider_mock import app
    from werkzeug.serving import make_server

    inner = app(user_claims=users)

    def slow_discovery(environ, start_response):
        # a provider far away: its discovery document answers after PROVIDER_DELAY seconds
        if environ.get("PATH_INFO") == "/.well-known/openid-configuration" and PROVIDER_DELAY[0]:
            time.sleep(PROVIDER_DELAY[0])
        return inner(environ, start_response)

    server = make_server("localhost", 0, slow_discovery, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def sso_server(app_root, tmp_path_factory, provider, gt_browser):
    work = tmp_path_factory.mktemp("oidc")
    root = work / "app"
    shutil.copytree(app_root, root)
    port = free_port()
    secrets = root / ".streamlit" / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "kiem-thu-cookie-secret-dai-du-32-ky-tu"\n'
        'client_id = "gender-targets"\n'
        'client_secret = "kiem-thu"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    db = work / "gt.db"
    env = dict(os.environ, GENDER_TARGETS_DB=str(db), GENDER_TARGETS_SAMPLE="1", PYTHONUNBUFFERED="1")
    for args in (
        ["user", "add", "lan", "--role", "reviewer", "--email", "lan.nguyen@hoilhpn.vn", "--name", "Chị Lan"],
        ["user", "add", "boss", "--role", "admin"],
        ["user", "add", "chua", "--role", "admin", "--email", "chua.xac.nhan@hoilhpn.vn"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "gender_targets", *args, "--password-stdin", "--db", str(db)],
            cwd=root,
            input=PW,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    log = work / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db, log, proc, root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.25)
    else:
        server.stop()
        pytest.fail("streamlit did not start:\n" + server.log_tail())
    yield server
    server.stop()


def _sso(page, server, sub: str) -> None:
    goto(page, server.url + "/")
    main(page).get_by_role("button", name=vi("ui.auth.oidc")).click()
    page.wait_for_url("**/oauth2/authorize**", timeout=60_000)
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(server.url + "/**", timeout=60_000)
    settle_through_navigation(page)


def test_oidc_sign_in_maps_the_email_to_an_account(gt_page, sso_server):
    page = gt_page
    _sso(page, sso_server, "lan")
    expect(sidebar(page).get_by_text("Chị Lan · " + vi("role.reviewer"))).to_be_visible(timeout=60_000)
    links = [
        t.split("\n")[-1].strip() for t in sidebar(page).locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    ]
    assert vi("ui.nav.review") in links and vi("ui.nav.login") not in links, links
    assert_no_errors(page)
    # a slow provider at sign-out: /auth/logout waits on its discovery document, and the browser
    # must still end up at the provider's end of session
    PROVIDER_DELAY[0] = 3.0
    try:
        sidebar(page).get_by_role("button", name=vi("ui.auth.sign_out")).click()
        # st.logout clears the app's cookie and sends the browser to the provider's end of session
        page.wait_for_url("**/oauth2/end_session**", timeout=60_000)
    finally:
        PROVIDER_DELAY[0] = 0.0
    page.get_by_role("button", name="End session").click()
    page.wait_for_load_state("domcontentloaded")
    goto(page, sso_server.url + "/")
    expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_be_visible()


def test_oidc_identity_without_an_account_gets_no_page(gt_page, sso_server):
    page = gt_page
    _sso(page, sso_server, "la")
    # the address as typed (a word joiner after "@" keeps it from becoming a mailto link)
    expect(main(page).locator('[data-testid="stAlertContentError"]')).to_contain_text("nguoi.la@", timeout=60_000)
    text = main(page).locator('[data-testid="stAlertContentError"]').inner_text().replace("\u2060", "")
    assert "nguoi.la@example.org" in text, text
    links = [
        t.split("\n")[-1].strip() for t in sidebar(page).locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    ]
    assert links in ([], [vi("ui.nav.login")]), links
    assert Path(sso_server.db).exists()


def test_oidc_email_the_provider_did_not_verify_signs_nobody_in(gt_page, sso_server):
    """Issue 20: an identity provider that lets anyone claim any e-mail must not sign them in to the
    account holding it: ``email_verified`` is required."""
    page = gt_page
    _sso(page, sso_server, "chua")
    error = main(page).locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text("chưa xác nhận", timeout=60_000)
    links = [
        t.split("\n")[-1].strip() for t in sidebar(page).locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    ]
    assert links in ([], [vi("ui.nav.login")]), links
