"""deploy/: the nginx configuration agrees with the app (upload limit, websocket, sticky sessions) and
is valid for nginx. The running deployment (PostgreSQL, two replicas, nginx) is exercised by
tests/browser/test_browser_replicas.py through deploy/start-local.sh."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

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
