"""Run the shipped nginx configuration (``deploy/nginx/gender-targets.conf``) on 127.0.0.1, unchanged
but for the lines that name this machine: the listen address, the replicas, the access log and the
place of the brotli snippet. ``deploy/start-local.sh``, ``tests/test_deploy.py`` and
``benchmarks/bench_mobile.py`` all run the proxy through this file, so all three run the same
configuration a server gets.

Brotli: Debian's ``libnginx-mod-http-brotli-filter`` puts the module at
``/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so``. When it is there (and ``brotli`` is not
False), the main configuration loads it and ``gender-targets-brotli.conf`` is placed where the site's
``include`` pattern finds it; otherwise the pattern matches nothing and nginx serves gzip alone.

    python deploy/local_nginx.py WORKDIR PORT HOST:PORT [HOST:PORT ...]

writes ``WORKDIR/nginx.conf`` (start nginx with ``-p WORKDIR -c WORKDIR/nginx.conf``) and prints the
encodings it offers (``br,gzip`` or ``gzip``). ``GT_BROTLI=0`` leaves brotli out.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "nginx" / "gender-targets.conf"
BROTLI_SNIPPET = HERE / "nginx" / "gender-targets-brotli.conf"
#: the line of SITE that includes the brotli snippet, where a server keeps it
BROTLI_INCLUDE = "include /etc/nginx/gender-targets-brotli.con[f];"
BROTLI_MODULES = (
    Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"),
    Path("/usr/share/nginx/modules/ngx_http_brotli_filter_module.so"),
)


def nginx_binary() -> str | None:
    """nginx's program, or None when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


def brotli_module() -> Path | None:
    """Debian's brotli filter module when it is installed."""
    return next((p for p in BROTLI_MODULES if p.exists()), None)


def site_config(port: int, upstreams: list[str], workdir: Path, *, brotli: bool) -> str:
    """SITE for 127.0.0.1:``port`` in front of ``upstreams`` (``host:port``), its access log and
    (``brotli``) its brotli snippet in ``workdir``."""
    conf = SITE.read_text(encoding="utf-8")
    for needed in ("listen 80;", "/var/log/nginx/gender_targets.access.log", BROTLI_INCLUDE):
        if needed not in conf:
            raise ValueError(f"{SITE} no longer has {needed!r}: update {__file__}")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    servers = "".join(f"    server {u};\n" for u in upstreams)
    conf, n = re.subn(
        r"(upstream gender_targets \{\n    hash \$gt_route consistent;\n)(    server [^\n]*\n)+",
        lambda m: m.group(1) + servers,
        conf,
    )
    if n != 1:
        raise ValueError(f"{SITE}: the upstream block has changed shape: update {__file__}")
    conf = conf.replace("/var/log/nginx/gender_targets.access.log", str(workdir / "access.log"))
    # without brotli the pattern points at a file that is never there: nginx skips it
    target = workdir / ("gender-targets-brotli.con[f]" if brotli else "no-brotli/gender-targets-brotli.con[f]")
    return conf.replace(BROTLI_INCLUDE, f"include {target};")


def main_config(workdir: Path, *, module: Path | None) -> str:
    """nginx.conf for a server run from ``workdir`` (pid, logs and temporary files there)."""
    load = f"load_module {module};\n" if module else ""
    return (
        f"{load}pid {workdir}/nginx.pid;\n"
        f"error_log {workdir}/error.log warn;\n"
        "worker_processes 1;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        f"    client_body_temp_path {workdir}/tmp/body;\n"
        f"    proxy_temp_path {workdir}/tmp/proxy;\n"
        f"    fastcgi_temp_path {workdir}/tmp/fastcgi;\n"
        f"    uwsgi_temp_path {workdir}/tmp/uwsgi;\n"
        f"    scgi_temp_path {workdir}/tmp/scgi;\n"
        f"    include {workdir}/gender-targets.conf;\n"
        "}\n"
    )


def write(workdir: Path, port: int, upstreams: list[str], *, brotli: bool | None = None) -> list[str]:
    """Write nginx.conf, the site and (with brotli) its snippet into ``workdir``; the encodings
    offered. ``brotli=None``: brotli when the module is installed and ``GT_BROTLI`` is not 0."""
    workdir = Path(workdir)
    module = brotli_module()
    if brotli is None:
        brotli = module is not None and os.environ.get("GT_BROTLI", "1") != "0"
    if brotli and module is None:
        raise RuntimeError("brotli asked for, but libnginx-mod-http-brotli-filter is not installed")
    (workdir / "tmp").mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:  # the worker runs as nobody and writes its temporary files here
        shutil.chown(workdir / "tmp", "nobody", "nogroup")
    (workdir / "gender-targets.conf").write_text(site_config(port, upstreams, workdir, brotli=brotli))
    if brotli:
        shutil.copyfile(BROTLI_SNIPPET, workdir / "gender-targets-brotli.conf")
    (workdir / "nginx.conf").write_text(main_config(workdir, module=module if brotli else None))
    return ["br", "gzip"] if brotli else ["gzip"]


def check(workdir: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on what ``write`` wrote."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    workdir = Path(workdir)
    return subprocess.run(
        [nginx, "-t", "-q", "-p", str(workdir), "-c", str(workdir / "nginx.conf")], capture_output=True, text=True
    )


@contextlib.contextmanager
def running(
    workdir: Path, port: int, upstreams: list[str], *, brotli: bool | None = None, timeout: float = 30
) -> Iterator[dict]:
    """nginx with the shipped configuration on 127.0.0.1:``port`` while the block runs; yields its
    ``url``, the ``encodings`` it offers and its ``access_log``."""
    workdir = Path(workdir)
    encodings = write(workdir, port, upstreams, brotli=brotli)
    tested = check(workdir)
    if tested.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration: {tested.stderr}")
    proc = subprocess.Popen(
        [nginx_binary(), "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "stderr.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx stopped: {(workdir / 'error.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # nginx answers (an upstream not up yet is the caller's business)
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not answer") from None
                time.sleep(0.1)
        yield {"url": url, "encodings": encodings, "access_log": workdir / "access.log"}
    finally:
        proc.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    print(",".join(write(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])))
