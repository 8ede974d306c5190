"""The app on a phone on mobile data (issue 24): bytes and seconds of a first and a return visit,
directly against Streamlit and through the shipped nginx.

The phone: headless Chromium (``/usr/bin/chromium``) at 390×844, ``is_mobile``, ``has_touch``, its
network throttled through the DevTools protocol (``Network.emulateNetworkConditions``: 1.6 Mbit/s
down = 200,000 bytes/s, 768 kbit/s up, 150 ms latency — a weak 3G/4G signal).

The set-up, in one run: the sample data in a new SQLite file, a ``unit`` account (``X-HM``) and an
office ``viewer`` account created with the command line (``python -m gender_targets user add``), one
``streamlit run app.py`` on a free port, and nginx on another free port in front of it, run from
``deploy/nginx/gender-targets.conf`` by ``deploy/local_nginx.py`` exactly as ``deploy/start-local.sh``
runs it (gzip; brotli too when Debian's module is installed). Chromium asks for brotli over HTTPS and
on localhost only: a phone reaching a plain-HTTP address gets gzip. So when the module is installed a
second nginx without brotli (``proxy_gzip``) stands beside the shipped one (``proxy``), and both are
measured. Streamlit runs as ``deploy/start-local.sh`` runs a replica: with websocket compression
(``server.enableWebsocketCompression``, permessage-deflate; ``--ws-compression-off`` adds a run
without it, to compare). Each page is opened once, unthrottled and unmeasured, before the figures, so
that the server has built its cached model and the figures are the network's and the browser's, not
the first computation after a server start.

Three pages (``PAGES``):

- **sign-in** (``/dang-nhap``): a visitor with no session, accounts present;
- **unit**: a unit's own page, signed in as the unit account. Its address is ``UNIT_PAGE`` (or
  ``--unit-page PATH``): until a unit has a page of her own, the stand-in is where a unit account
  lands today, the overview (``/``);
- **overview** (``/tong-quan``), signed in as the office account.

Signing in: a session is opened through the core (``Store.open_session``) and its token set as the
``gt_session`` cookie, which is what the sign-in form leaves in the browser.

Each page, on each target (``direct``, ``proxy``, ``proxy_gzip``):

- **first visit**: a new browser context (no cache, no cookie but the session's), the browser cache
  disabled (``Network.setCacheDisabled``), as a link opened from a Zalo message;
- **return visit**: a new tab in the same context, cache enabled: the same person coming back;
  ``RETURNS`` times, the median counts (all are in the JSON).

Figures per visit: **bytes** — the encoded (on-the-wire) size of every HTTP response
(``Network.loadingFinished.encodedDataLength``, headers included) plus the payload of every websocket
frame both ways (``Network.webSocketFrameReceived`` / ``Sent``; Chromium reports a frame as the page
sees it, i.e. after any permessage-deflate) — and **seconds to ready**, from ``page.goto`` until the
page's main content is visible: the app is connected and its script has finished (no spinner, no
running icon), the page's own element (``ready``) is visible, every plotly chart on the page has
drawn its SVG, and no request of the page is still loading; all of it still true 0.5 s later (the
time is the start of that quiet half second). Through a proxy, ``ws_wire_bytes`` is what the
websocket really carried to the phone, after permessage-deflate: nginx's ``$body_bytes_sent`` of
``/_stcore/stream`` (logged when the tab closes).

Goals (through the proxy, a unit's page): first visit ≤ 2.5 MB and ≤ 15 s, return visit ≤ 3 s.
A benchmark, not a test: nothing here fails on a missed goal; the table says MISSED.

Run: ``.venv/bin/python benchmarks/bench_mobile.py [--unit-page PATH] [--pages sign-in,unit,overview]
[--returns N] [--ws-compression-off] [--json]``
(``benchmarks/run.py`` runs it too).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "deploy"))

from bench_browser import server  # noqa: E402 (after the path)
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402 (bench_pages' path)

#: where a unit's own page lives (its URL path, no leading slash): ``pages/unit.py`` (issue 16), where a
#: unit account lands ("" would be the landing page itself)
UNIT_PAGE = "don-vi"
UNIT = "X-HM"  # the sample's xã Hóc Môn
PASSWORD = "bench-mobile-Mat-khau-1"

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "vi-VN"}
#: DevTools' throttling: bytes per second and milliseconds
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 96_000}
GOAL_FIRST_BYTES = 2_500_000
GOAL_FIRST_S = 15.0
GOAL_RETURN_S = 3.0
QUIET_S = 0.5
RETURNS = 3  # return visits per page (the median counts): seconds on a shared machine swing

#: direct = Streamlit itself; proxy = the shipped nginx as deploy/start-local.sh runs it (brotli when
#: the module is installed); proxy_gzip = the same without brotli (only when the module is installed:
#: what a phone gets over plain HTTP, where Chromium does not ask for brotli)
TARGETS = ("direct", "proxy", "proxy_gzip")
#: (name, URL path, account or None, CSS selector of the page's own element)
PAGES = (
    ("sign-in", "dang-nhap", None, '[data-testid="stMain"] input[type="password"]'),
    ("unit", None, "unit", '[data-testid="stMain"] h1'),
    ("overview", "tong-quan", "office", '[data-testid="stMain"] h1'),
)

READY_JS = """sel => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-testid="stStatusWidgetRunningIcon"], '
      + '[data-testid="stSkeleton"]')) return false;
  const own = document.querySelector(sel);
  if (!own || !own.checkVisibility()) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""


def _cli(db: Path, *args: str, stdin: str = "") -> None:
    env = {**os.environ, "GENDER_TARGETS_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "gender_targets", *args], input=stdin, env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"gender_targets {' '.join(args)}: {done.stdout}{done.stderr}")


def prepare(db: Path) -> dict:
    """The sample data and the two accounts; the session token of each account."""
    from bench_pages import build_sample_db

    from gender_targets.store import open_store

    data = build_sample_db(db)
    _cli(db, "user", "add", "xa_hoc_mon", "--role", "unit", "--unit", UNIT, "--password-stdin", stdin=PASSWORD)
    _cli(db, "user", "add", "van_phong", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    store = open_store(db)
    try:
        tokens = {"unit": store.open_session("xa_hoc_mon"), "office": store.open_session("van_phong")}
    finally:
        store.close()
    return {"data": data, "tokens": tokens}


class Meter:
    """Counts what one tab transfers, through its DevTools session."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.http_bytes = 0
        self.ws_bytes = 0
        self.requests = 0
        self.cached = 0
        self.pending: set[str] = set()
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.encodings: dict[str, str] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", lambda e: self.pending.discard(e["requestId"]))
        self.cdp.on("Network.requestServedFromCache", lambda e: self._cache_hit())
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.webSocketFrameSent", self._frame)

    def _sent(self, e: dict) -> None:
        self.pending.add(e["requestId"])
        self.urls[e["requestId"]] = e["request"]["url"]

    def _response(self, e: dict) -> None:
        headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
        self.encodings[e["requestId"]] = headers.get("content-encoding", "")

    def _cache_hit(self) -> None:
        self.cached += 1

    def _finished(self, e: dict) -> None:
        self.pending.discard(e["requestId"])
        self.requests += 1
        size = int(e.get("encodedDataLength", 0))
        self.http_bytes += size
        self.sizes[e["requestId"]] = size

    def _frame(self, e: dict) -> None:
        r = e["response"]
        data = r.get("payloadData", "")
        # opcode 1: text (UTF-8); 2: binary, which DevTools hands over in base64
        self.ws_bytes += len(base64.b64decode(data)) if r.get("opcode") == 2 else len(data.encode())

    def throttle(self, cache: bool) -> None:
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
        self.cdp.send("Network.emulateNetworkConditions", NETWORK)

    def largest(self, n: int = 5) -> list[dict]:
        """The ``n`` largest responses (what to look at when a page is heavy)."""
        top = sorted(self.sizes.items(), key=lambda kv: -kv[1])[:n]
        return [
            {"url": self.urls.get(k, "?").split("/", 3)[-1], "bytes": v, "encoding": self.encodings.get(k, "")}
            for k, v in top
        ]


def wait_ready(page, meter: Meter, selector: str, timeout: float = 180) -> float:
    """Seconds from now until READY_JS holds with nothing loading, and still holds QUIET_S later;
    returns the time at the start of that quiet stretch (the caller subtracts its own start)."""
    deadline = time.perf_counter() + timeout
    since = None
    while time.perf_counter() < deadline:
        ok = not meter.pending and page.evaluate(READY_JS, selector)
        now = time.perf_counter()
        if ok and not meter.pending:
            since = since or now
            if now - since >= QUIET_S:
                return since
        else:
            since = None
        page.wait_for_timeout(25)
    raise TimeoutError(f"not ready after {timeout:.0f} s ({selector}); loading: {len(meter.pending)}")


def visit(context, url: str, selector: str, *, cache: bool, throttled: bool = True) -> dict:
    """One page load in a new tab of ``context``; its figures."""
    page = context.new_page()
    try:
        meter = Meter(context, page)
        if throttled:
            meter.throttle(cache)
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=180_000)
        ready = wait_ready(page, meter, selector)
        out = {
            "ready_s": round(ready - start, 2),
            "bytes": meter.http_bytes + meter.ws_bytes,
            "http_bytes": meter.http_bytes,
            "ws_bytes": meter.ws_bytes,
            "requests": meter.requests,
            "from_cache": meter.cached,
            "plotly": any("PlotlyChart" in u for u in meter.urls.values()),
            "largest": meter.largest(),
            "errors": page.locator('[data-testid="stException"]').count(),
        }
        return out
    finally:
        page.close()


def _context(browser, base: str, token: str | None):
    context = browser.new_context(**PHONE)
    if token:
        context.add_cookies([{"name": "gt_session", "value": token, "url": base}])
    return context


def measure(browser, base: str, pages: list[tuple], tokens: dict, *, returns: int = RETURNS) -> dict:
    out = {}
    for name, path, account, selector in pages:
        url = f"{base}/{path}"
        context = _context(browser, base, tokens.get(account) if account else None)
        try:
            first = visit(context, url, selector, cache=False)
            again = [visit(context, url, selector, cache=True) for _ in range(max(1, returns))]
        finally:
            context.close()
        median = sorted(again, key=lambda v: v["ready_s"])[len(again) // 2]
        out[name] = {
            "path": "/" + path,
            "first": first,
            "return": median,
            "returns": again,
            "return_all_s": [v["ready_s"] for v in again],
        }
    return out


def warm(browser, base: str, pages: list[tuple], tokens: dict) -> None:
    """Each page once, unthrottled and unmeasured: the server builds its cached model."""
    for _name, path, account, selector in pages:
        context = _context(browser, base, tokens.get(account) if account else None)
        try:
            visit(context, f"{base}/{path}", selector, cache=True, throttled=False)
        finally:
            context.close()


def _ws_wire_bytes(access_log: Path) -> list[int]:
    """``$body_bytes_sent`` of every websocket in nginx's access log (gender_targets log format)."""
    sizes = []
    for line in access_log.read_text(errors="replace").splitlines():
        if '"GET /_stcore/stream ' in line and '" 101 ' in line:
            sizes.append(int(line.split('" 101 ', 1)[1].split()[0]))
    return sizes


def run(
    unit_page: str | None = None, ws_compression_off: bool = False, only: list[str] | None = None, returns: int = 3
) -> dict:
    """The figures described in the module docstring (``only``: some of the pages, by name)."""
    import local_nginx
    from playwright.sync_api import sync_playwright

    unit_path = UNIT_PAGE if unit_page is None else unit_page.strip("/")
    pages = [(n, unit_path if p is None else p, a, s) for n, p, a, s in PAGES if not only or n in only]
    out: dict = {
        "network": NETWORK,
        "phone": PHONE,
        "unit_page": "/" + unit_path,
        "unit_page_is_stand_in": unit_path == "",
        "goals": {"first_bytes": GOAL_FIRST_BYTES, "first_s": GOAL_FIRST_S, "return_s": GOAL_RETURN_S},
        "runs": {},
    }
    if local_nginx.nginx_binary() is None:
        return {**out, "error": "nginx is not installed (apt-get install nginx)"}
    variants = [True, False] if ws_compression_off else [True]  # websocket compression on (as the replicas)
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        db = tmp / "mobile.db"
        prepared = prepare(db)
        out["data"] = prepared["data"]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for deflate in variants:
                env = {
                    "GENDER_TARGETS_DB": str(db),
                    "GENDER_TARGETS_SAMPLE": "0",
                    "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true" if deflate else "false",
                }
                name = "default" if deflate else "ws_off"
                log = tmp / f"streamlit-{name}.log"
                with contextlib.ExitStack() as stack:
                    direct = stack.enter_context(server(ROOT / "app.py", ROOT, env, log))
                    upstream = [direct.split("//", 1)[1]]
                    proxies = {"proxy": stack.enter_context(local_nginx.running(tmp / name, free_port(), upstream))}
                    if "br" in proxies["proxy"]["encodings"] and deflate:
                        proxies["proxy_gzip"] = stack.enter_context(
                            local_nginx.running(tmp / f"{name}-gzip", free_port(), upstream, brotli=False)
                        )
                    warm(browser, direct, pages, prepared["tokens"])
                    figures = {"direct": measure(browser, direct, pages, prepared["tokens"], returns=returns)}
                    for target, proxy in proxies.items():
                        figures[target] = measure(browser, proxy["url"], pages, prepared["tokens"], returns=returns)
                        figures[f"{target}_encodings"] = proxy["encodings"]
                        time.sleep(0.5)  # nginx writes a websocket's line when it closes
                        wire = iter(_ws_wire_bytes(proxy["access_log"]))  # one line per visit, in order
                        for visits in figures[target].values():
                            for visit_figures in (visits["first"], *visits["returns"]):
                                visit_figures["ws_wire_bytes"] = next(wire, None)
                out["runs"][name] = figures
        finally:
            browser.close()
    default = out["runs"]["default"]
    out["ok"] = {
        t: meets_goals(default[t]["unit"]) for t in TARGETS if t != "direct" and t in default and "unit" in default[t]
    }
    return out


def meets_goals(unit: dict) -> bool:
    """A unit's page within the goals: first visit ≤ 2.5 MB and ≤ 15 s, return visit ≤ 3 s."""
    return (
        unit["first"]["bytes"] <= GOAL_FIRST_BYTES
        and unit["first"]["ready_s"] <= GOAL_FIRST_S
        and unit["return"]["ready_s"] <= GOAL_RETURN_S
    )


def _mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


def rows(f: dict) -> list[tuple[str, str, str, str]]:
    """(measure, figure, reference or goal, verdict) lines for benchmarks/run.py's table."""
    if "error" in f:
        return [("mobile: throttled phone", "error", f["error"], "MISSED")]
    net = f["network"]
    out = [
        (
            "mobile: 390×844 phone, throttled",
            "first visit / return visit",
            f"{net['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, {net['latency']} ms; "
            f"bytes on the wire, seconds to ready; direct = Streamlit, proxy = shipped nginx",
            "",
        )
    ]
    for run_name, figures in f["runs"].items():
        for target in TARGETS:
            if target not in figures:
                continue
            encodings = "+".join(figures.get(f"{target}_encodings", [])) or "none"
            for page, v in figures[target].items():
                a, b = v["first"], v["return"]
                goal = verdict = ""
                if page == "unit" and target != "direct" and run_name == "default":
                    goal = f"goal ≤ {GOAL_FIRST_BYTES / 1e6:.1f} MB, ≤ {GOAL_FIRST_S:.0f} s; return ≤ {GOAL_RETURN_S:.0f} s"
                    verdict = "ok" if f["ok"].get(target) else "MISSED"
                deflate = ", ws deflate off" if run_name != "default" else ""
                label = f"  {page} {v['path']} ({target}: {encodings}{deflate})"
                note = f"plotly {'yes' if a['plotly'] else 'no'}, {a['requests']} requests"
                if a.get("ws_wire_bytes") is not None:
                    note += f", websocket {a['ws_bytes'] / 1e3:.0f} kB ({a['ws_wire_bytes'] / 1e3:.0f} kB on the wire)"
                note += f"; return {_mb(b['bytes'])}, " + " / ".join(f"{t:.1f}" for t in v["return_all_s"]) + " s"
                out.append(
                    (
                        label,
                        f"{_mb(a['bytes'])} {a['ready_s']:.1f} s / {b['ready_s']:.1f} s",
                        f"{note}; {goal}" if goal else note,
                        verdict,
                    )
                )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unit-page", default=None, help=f"URL path of a unit's page (default {UNIT_PAGE!r})")
    parser.add_argument(
        "--ws-compression-off", action="store_true", help="also a run without websocket compression, to compare"
    )
    parser.add_argument("--pages", default="", help="comma-separated: sign-in,unit,overview (default all)")
    parser.add_argument("--returns", type=int, default=RETURNS, help=f"return visits per page (default {RETURNS})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    only = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(only) - {p[0] for p in PAGES}
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    figures = run(
        unit_page=args.unit_page, ws_compression_off=args.ws_compression_off, only=only or None, returns=args.returns
    )
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for r in rows(figures):
            print(" | ".join(r).rstrip(" |"))
        with contextlib.suppress(KeyError):
            largest = figures["runs"]["default"]["proxy"]["unit"]["first"]["largest"]
            print("largest responses, unit page, first visit through the proxy:")
            print(json.dumps(largest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
