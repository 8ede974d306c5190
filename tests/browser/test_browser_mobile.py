"""A phone through the shipped proxy (issue 24): what the browser really fetches.

A server with an account (so the sign-in page is what a new visitor gets), nginx in front of it from
``deploy/nginx/gender-targets.conf`` (``deploy/local_nginx.py``, as ``deploy/start-local.sh`` runs it),
and Chromium at 390×844 (``is_mobile``, ``has_touch``). The first visit to the sign-in page loads no
plotly chunk and receives every script compressed; the return visit in the same browser takes every
hashed file from its cache without asking the network. Sizes and seconds are the benchmark's
(``benchmarks/bench_mobile.py``), not this test's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit
from browser_helpers import ROOT, SCREENSHOTS, expect, free_port, settle

sys.path.insert(0, str(ROOT / "deploy"))
import local_nginx  # deploy/ is not a package

pytestmark = pytest.mark.browser

STATIC = Path(streamlit.__file__).parent / "static"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "vi-VN"}


@pytest.fixture(scope="module")
def proxied(start_server, tmp_path_factory):
    if local_nginx.nginx_binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the proxy test is mandatory under CI=true: nginx is not installed", pytrace=False)
        pytest.skip("nginx is not installed (apt-get install nginx)")
    server = start_server(sample=False, name="mobile")
    done = subprocess.run(
        [sys.executable, "-m", "gender_targets", "user", "add", "quantri", "--role", "admin", "--password-stdin"],
        input="mat-khau-kiem-thu\n",
        env={**os.environ, "GENDER_TARGETS_DB": str(server.db)},
        cwd=server.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    upstream = [server.url.split("//", 1)[1]]
    with local_nginx.running(tmp_path_factory.mktemp("mobile-proxy"), free_port(), upstream) as proxy:
        yield proxy
    server.stop()


def _load(context, url: str) -> dict[str, dict]:
    """Open ``url`` in a new tab; every request's URL → its response encoding and network bytes."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: dict[str, dict] = {}
    cdp.on("Network.requestWillBeSent", lambda e: seen.setdefault(e["requestId"], {"url": e["request"]["url"]}))
    cdp.on(
        "Network.responseReceived",
        lambda e: seen.setdefault(e["requestId"], {}).update(
            encoding={k.lower(): v for k, v in e["response"]["headers"].items()}.get("content-encoding", ""),
            cached=e["response"].get("fromDiskCache", False) or e["response"].get("fromPrefetchCache", False),
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: seen.setdefault(e["requestId"], {}).update(wire=e["encodedDataLength"]),
    )
    cdp.on("Network.requestServedFromCache", lambda e: seen.setdefault(e["requestId"], {}).update(cached=True))
    page.goto(url, wait_until="commit", timeout=120_000)
    settle(page)
    expect(page.locator('[data-testid="stMain"] input[type="password"]')).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "mobile_sign_in_through_proxy_390x844.png"))
    page.close()
    return {v["url"]: v for v in seen.values() if "url" in v}


def test_a_phone_signs_in_without_the_chart_library_and_comes_back_from_its_cache(gt_browser, proxied):
    context = gt_browser.new_context(**PHONE)
    try:
        first = _load(context, proxied["url"] + "/dang-nhap")
        scripts = {u: r for u, r in first.items() if "/static/js/" in u}
        assert len(scripts) > 20, sorted(first)
        assert not [u for u in first if "PlotlyChart" in u], "the sign-in page fetched the plotly chunk"
        # every script compressed, but for the few under nginx's gzip_min_length (1 kB)
        uncompressed = [u for u, r in scripts.items() if r.get("encoding") not in ("gzip", "br")]
        raw = {u: (STATIC / u.split("/", 3)[3]).stat().st_size for u in scripts}
        assert all(raw[u] < 1024 for u in uncompressed), {u: raw[u] for u in uncompressed}
        assert sum(raw[u] for u in uncompressed) < 0.02 * sum(raw.values())
        again = _load(context, proxied["url"] + "/dang-nhap")
        hashed = {u: r for u, r in again.items() if "/static/" in u}
        from_network = [u for u, r in hashed.items() if not r.get("cached") and r.get("wire", 0) > 0]
        assert not from_network, from_network  # immutable: not even a revalidation
    finally:
        context.close()
