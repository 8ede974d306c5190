"""Static chart pictures (PNG) for the report, by plotly + kaleido 1.x driving Chromium.

Why kaleido and not a browser-free renderer: the pictures must look exactly like the charts on
screen (same fonts, bands, labels, Vietnamese number format) and plotly has no other exporter;
matplotlib would mean a second drawing of every chart to keep in step. Kaleido 1.x no longer ships
a browser: it drives the system's Chromium through choreographer (``BROWSER_PATH``, default
``/usr/bin/chromium`` on Debian; choreographer turns the sandbox off by default, which running as
root needs). To make that robust on a bare machine:

- the rendering runs in a child process (``python -m gender_targets.reports.images``) in its own
  process group, with a time limit (``CHART_TIMEOUT_S``, default 120 s); on time-out the whole group
  (Chromium included) is killed, so a report never hangs;
- no Chromium, a crash or a time-out gives ``ChartImages.problem`` (a code) and no pictures: the
  report is still written, with a sentence in place of each chart, and the CLI/page says why.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field

__all__ = ["CHART_TIMEOUT_S", "ChartImages", "find_browser", "render_pngs"]

CHART_TIMEOUT_S = float(os.environ.get("GENDER_TARGETS_CHART_TIMEOUT", "120"))
_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


@dataclass
class ChartImages:
    """PNG bytes per figure (None where not drawn) and, when something went wrong, a problem code:
    ``no_browser``, ``timeout`` or ``failed`` (``detail`` for logs)."""

    pngs: list[bytes | None] = field(default_factory=list)
    problem: str | None = None
    detail: str = ""


def find_browser() -> str | None:
    """``BROWSER_PATH`` when it names a file, else the first Chromium found."""
    wanted = os.environ.get("BROWSER_PATH")
    if wanted and os.path.exists(wanted):
        return wanted
    for path in _CANDIDATES:
        if os.path.exists(path):
            return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pngs(
    figures: list, *, width: int = 1200, height: int = 620, scale: float = 2.0, timeout: float | None = None
) -> ChartImages:
    """Draw plotly figures as PNG in a child process; never raises, never waits past ``timeout``."""
    if not figures:
        return ChartImages([])
    browser = find_browser()
    if browser is None:
        return ChartImages([None] * len(figures), "no_browser")
    job = {"figures": [f.to_json() for f in figures], "width": width, "height": height, "scale": scale}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, BROWSER_PATH=browser, PYTHONPATH=path)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gender_targets.reports.images"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        return ChartImages([None] * len(figures), "failed", str(exc))
    try:
        out, err = proc.communicate(json.dumps(job).encode(), timeout=timeout or CHART_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return ChartImages([None] * len(figures), "timeout")
    if proc.returncode != 0:
        return ChartImages([None] * len(figures), "failed", err.decode(errors="replace")[-2000:])
    try:
        data = json.loads(out.decode())
        pngs = [base64.b64decode(x) if x else None for x in data]
    except (ValueError, TypeError) as exc:
        return ChartImages([None] * len(figures), "failed", str(exc))
    return ChartImages(pngs, None if all(pngs) else "failed")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait(timeout=10)


def _child() -> None:  # pragma: no cover - runs in the child process
    import asyncio

    import kaleido
    import plotly.io as pio

    job = json.loads(sys.stdin.buffer.read().decode())
    figs = [pio.from_json(f) for f in job["figures"]]
    opts = {"format": "png", "width": job["width"], "height": job["height"], "scale": job["scale"]}

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1) as k:  # one browser for every figure
            return [await k.calc_fig(f, opts=opts) for f in figs]

    pngs = asyncio.run(draw())
    sys.stdout.write(json.dumps([base64.b64encode(p).decode() if p else None for p in pngs]))


if __name__ == "__main__":  # pragma: no cover
    _child()
