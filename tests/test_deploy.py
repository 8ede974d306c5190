"""deploy/: the nginx configuration agrees with the app (upload limit, websocket, sticky sessions) and
is valid for nginx; run in front of a real Streamlit server, it compresses and caches Streamlit's
built files and leaves the pages' HTML and the websocket as they were (issue 24). The running deployment (PostgreSQL, two replicas, nginx) is exercised by
tests/browser/test_browser_replicas.py through deploy/start-local.sh."""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import streamlit

from gender_targets.reading import container as limits

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "deploy" / "nginx" / "gender-targets.conf"


def test_upload_limit_is_the_same_in_nginx_streamlit_and_the_app():
    conf = CONF.read_text()
    sizes = re.findall(r"client_max_body_size\s+(\d+)m;", conf)
    streamlit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert sizes == ["20"]
    assert int(sizes[0]) == streamlit == limits.MAX_UPLOAD_BYTES // (1024 * 1024) == 20
    assert limits.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_websocket_upgrade_and_sticky_sessions():
    conf = CONF.read_text()
    stream = conf[conf.index("location /_stcore/stream") :]
    stream = stream[: stream.index("}")]
    assert "proxy_http_version 1.1;" in stream
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_set_header Connection $connection_upgrade;" in stream
    assert re.search(r"upstream gender_targets \{\s*hash \$gt_route consistent;", conf)
    assert "add_header Set-Cookie $gt_route_cookie always;" in conf


def test_start_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(ROOT / "deploy" / "start-local.sh")], check=True)


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed")
    conf = CONF.read_text().replace("listen 80;", "listen 127.0.0.1:18999;")
    conf = conf.replace("/var/log/nginx/gender_targets.access.log", str(tmp_path / "access.log"))
    (tmp_path / "gt.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy; "
        f"include {tmp_path}/gt.conf; }}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# -- the shipped proxy in front of a real Streamlit server (issue 24) -----------------------------------
# deploy/local_nginx.py runs deploy/nginx/gender-targets.conf as a server gets it (only the listen line,
# the replicas, the log path and the brotli line change). Two proxies front one Streamlit server: as
# shipped (brotli too when Debian's module is installed: .ci/run installs it), and without brotli — the
# configuration a server without the module runs.

sys.path.insert(0, str(ROOT / "deploy"))
import local_nginx  # noqa: E402 (deploy/ is not a package)

STATIC = Path(streamlit.__file__).parent / "static"


def _mandatory(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the proxy tests are mandatory under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def proxies(tmp_path_factory):
    """{"shipped": url, "gzip_only": url, "encodings": [...]} in front of one `streamlit run`."""
    if local_nginx.nginx_binary() is None:
        _mandatory("nginx is not installed (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("proxy")
    (tmp / "app.py").write_text("import streamlit as st\nst.title('proxy test')\n")
    port = _free_port()
    log = (tmp / "streamlit.log").open("wb")
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd += ["--server.fileWatcherType", "none", "--server.enableWebsocketCompression", "true"]  # as start-local.sh
    proc = subprocess.Popen(cmd, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (tmp / "streamlit.log").read_text()
                time.sleep(0.1)
        upstream = [f"127.0.0.1:{port}"]
        with (
            local_nginx.running(tmp / "shipped", _free_port(), upstream) as shipped,
            local_nginx.running(tmp / "gzip", _free_port(), upstream, brotli=False) as gzip_only,
        ):
            yield {
                "shipped": shipped["url"],
                "gzip_only": gzip_only["url"],
                "encodings": shipped["encodings"],
                "access_log": shipped["access_log"],
                "direct": f"http://127.0.0.1:{port}",
            }
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _get(url: str, encoding: str = "", headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def _assets(base: str) -> dict[str, str]:
    """The app page's own script and style sheet, as the HTML names them."""
    _, headers, html = _get(base + "/", "gzip")
    html = (gzip.decompress(html) if headers.get("content-encoding") == "gzip" else html).decode()
    script = re.search(r'<script type="module" crossorigin src="(\./static/js/index\.[^"]+\.js)"', html).group(1)
    css = re.search(r'href="(\./static/css/index\.[^"]+\.css)"', html).group(1)
    font = re.search(r'href="(\./static/media/[^"]+\.woff2)"', html).group(1)
    return {"js": script[1:], "css": css[1:], "font": font[1:]}


@pytest.mark.parametrize("kind", ["js", "css"])
@pytest.mark.parametrize("proxy", ["shipped", "gzip_only"])
def test_hashed_assets_are_gzipped_and_kept_a_year(proxies, proxy, kind):
    base = proxies[proxy]
    path = _assets(base)[kind]
    status, headers, body = _get(base + path, "gzip")
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == (STATIC / path.lstrip("/")).read_bytes()
    assert len(body) < 0.45 * (STATIC / path.lstrip("/")).stat().st_size
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert "set-cookie" not in headers  # a response meant to be kept carries no cookie


def test_brotli_when_the_module_is_installed(proxies):
    if "br" not in proxies["encodings"]:
        _mandatory("Debian's libnginx-mod-http-brotli-filter is not installed")
    path = _assets(proxies["shipped"])["js"]
    status, headers, body = _get(proxies["shipped"] + path, "gzip, deflate, br")
    assert status == 200 and headers.get("content-encoding") == "br"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    _, gz_headers, gz = _get(proxies["shipped"] + path, "gzip")
    assert gz_headers.get("content-encoding") == "gzip" and len(body) < len(gz)
    # without the module the same configuration serves gzip to the same browser
    _, headers, _ = _get(proxies["gzip_only"] + path, "gzip, deflate, br")
    assert headers.get("content-encoding") == "gzip"
    curl = shutil.which("curl")
    if curl:  # the brotli body decodes to the very file
        done = subprocess.run(
            [curl, "-s", "--compressed", "-H", "Accept-Encoding: br", proxies["shipped"] + path],
            capture_output=True,
            check=True,
        )
        assert done.stdout == (STATIC / path.lstrip("/")).read_bytes()


def test_fonts_are_kept_a_year_but_not_compressed_again(proxies):
    path = _assets(proxies["shipped"])["font"]
    status, headers, _ = _get(proxies["shipped"] + path, "gzip, deflate, br")
    assert status == 200 and "content-encoding" not in headers
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/dang-nhap", "/tong-quan?lang=en"])
def test_pages_html_is_never_kept_long(proxies, path):
    status, headers, body = _get(proxies["shipped"] + path, "gzip")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "immutable" not in headers.get("cache-control", "") and "max-age=31536000" not in headers.get(
        "cache-control", ""
    )
    assert b"<html" in gzip.decompress(body) if headers.get("content-encoding") == "gzip" else b"<html" in body
    assert "gt_route=" in headers.get("set-cookie", "")  # the sticky-session cookie is still set


@pytest.mark.parametrize("path", ["/static/js/index.Zz9Zz9Zz.js", "/static/css/evil.AAAAAAAA.css"])
def test_an_unknown_hashed_name_is_not_kept_for_a_year(proxies, path):
    """Streamlit answers an unknown file name with its HTML page (200): a browser must not keep that
    HTML under a script's name for a year (a replica of another version, or a guessed name)."""
    status, headers, _ = _get(proxies["shipped"] + path, "gzip")
    if status == 200:
        assert headers["content-type"].startswith("text/html")
    assert "immutable" not in headers.get("cache-control", "")
    assert "max-age=31536000" not in headers.get("cache-control", "")


def test_the_websocket_still_upgrades_through_the_proxy(proxies):
    host, port = proxies["shipped"].split("//", 1)[1].split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
        "Accept-Encoding: gzip, deflate, br\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(4096)
            assert chunk, head
            head += chunk
    lines = head.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in lines[1:])}
    assert lines[0].startswith("HTTP/1.1 101"), lines
    assert headers["upgrade"].lower() == "websocket"
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    assert headers["sec-websocket-accept"] == accept
    assert "content-encoding" not in headers
    # the replicas' websocket compression is negotiated through the proxy
    assert headers.get("sec-websocket-extensions", "").startswith("permessage-deflate"), headers


def test_the_replicas_compress_their_websocket():
    """deploy/start-local.sh starts every replica with permessage-deflate (the test above checks that it
    passes through nginx); README command 1 (one computer) keeps Streamlit's default."""
    script = (ROOT / "deploy" / "start-local.sh").read_text()
    assert "--server.enableWebsocketCompression true" in script
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert "enableWebsocketCompression" not in config["server"]


def test_the_configuration_starts_without_the_brotli_module(tmp_path):
    """A server without libnginx-mod-http-brotli-filter: no load_module, the include matches nothing."""
    if local_nginx.nginx_binary() is None:
        _mandatory("nginx is not installed (apt-get install nginx)")
    assert local_nginx.write(tmp_path, 18998, ["127.0.0.1:18997"], brotli=False) == ["gzip"]
    assert "load_module" not in (tmp_path / "nginx.conf").read_text()
    assert not (tmp_path / "gender-targets-brotli.conf").exists()
    done = local_nginx.check(tmp_path)
    assert done.returncode == 0, done.stderr


# ---- what the proxy keeps from strangers (issue 20) ------------------------------------------------
def test_memory_statistics_are_not_served_through_the_proxy(proxies):
    assert _get(proxies["direct"] + "/_stcore/metrics")[0] == 200  # Streamlit answers anyone
    assert _get(proxies["shipped"] + "/_stcore/metrics")[0] == 404


def test_download_addresses_are_not_written_to_the_access_log(proxies):
    secret = "0123456789abcdef0123456789abcdef.db"
    _get(proxies["shipped"] + "/media/" + secret)
    _get(proxies["shipped"] + "/?lang=vi")  # a logged request after it: the log is written
    log = proxies["access_log"]
    deadline = time.monotonic() + 5
    while "lang=vi" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert "lang=vi" in text and secret not in text and " /media/" not in text


def test_a_flood_of_uploads_is_turned_away(proxies):
    """60 a minute with a burst of 30 pass; a stranger's flood gets 429 before it reaches a replica."""
    statuses = []
    for _ in range(45):
        req = urllib.request.Request(proxies["gzip_only"] + "/_stcore/upload_file/x/y", data=b"x", method="PUT")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                statuses.append(resp.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    assert 429 in statuses and statuses[0] != 429, statuses
