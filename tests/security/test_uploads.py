"""Uploads from a browser that may not upload are dropped (found in the attacker's pass, issue 20).

Streamlit takes files from any websocket session, signed in or not: three strangers' sessions held
400 MB of uploads in the server's memory. Every page's gate records whether its session's visitor may
upload (``ui/upload_guard.py``); a sweep every two seconds removes every other session's files.
"""

from __future__ import annotations

import http.cookiejar
import time
import urllib.request
import uuid

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from gender_targets.store import open_store
from tests.security.stclient import Client, start_app

PW = "mat-khau-quan-tri"
MB = 1024 * 1024


def _rss_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def _upload_as_a_stranger(app, files: int, size: int) -> Client:
    """A bare websocket session that never signed in asks for upload addresses and fills them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(app.url + "/_stcore/health").read()  # the XSRF cookie anyone gets
    xsrf = {c.name: c.value for c in jar}["_streamlit_xsrf"]
    client = Client(app, cookie=f"_streamlit_xsrf={xsrf}")
    client.run("")
    back = BackMsg()
    back.file_urls_request.request_id = "u1"
    back.file_urls_request.session_id = client.session_id
    back.file_urls_request.file_names.extend([f"f{i}.xlsx" for i in range(files)])
    client.send(back)
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(client.ws.recv(timeout=60))
        if msg.WhichOneof("type") == "file_urls_response":
            urls = [u.upload_url for u in msg.file_urls_response.file_urls]
            break
    data = b"\0" * size
    for url in urls:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            app.url + "/" + url.lstrip("/"),
            data=body,
            method="PUT",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": xsrf},
        )
        with opener.open(request, timeout=60) as resp:
            assert resp.status in (200, 204)
    return client


def test_a_strangers_uploads_do_not_stay_in_the_servers_memory(tmp_path, fast_hashes):
    db = tmp_path / "gt.db"
    s = open_store(db)
    s.add_account("boss", "admin", PW)
    s.close()
    app = start_app(tmp_path / "app", db)
    try:
        with Client(app) as warm:
            warm.run("")
        before = _rss_mb(app.proc.pid)
        strangers = [_upload_as_a_stranger(app, files=5, size=19 * MB) for _ in range(3)]  # 285 MB sent
        time.sleep(3 * 2.0)  # a few sweeps
        grown = _rss_mb(app.proc.pid) - before
        for c in strangers:
            c.close()
        assert grown < 120, f"the server kept {grown} MB of strangers' uploads"
    finally:
        app.stop()


def test_the_sweep_keeps_the_files_of_sessions_that_may_upload(monkeypatch):
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui import upload_guard

    manager = MemoryUploadedFileManager("/_stcore/upload_file")

    class FakeRuntime:
        uploaded_file_mgr = manager

    monkeypatch.setattr("streamlit.runtime.Runtime.instance", classmethod(lambda cls: FakeRuntime()))
    for session in ("dang-nhap", "nguoi-la"):
        manager.add_file(session, UploadedFileRec(file_id="f1", name="a.xlsx", type="x", data=b"abc"))
    upload_guard.note_session("dang-nhap", True)
    upload_guard.note_session("nguoi-la", False)
    assert upload_guard.sweep() == ["nguoi-la"]
    assert manager.get_files("dang-nhap", ["f1"]) and not manager.get_files("nguoi-la", ["f1"])
    upload_guard.note_session("dang-nhap", False)  # signed out: its pending uploads go too
    assert upload_guard.sweep() == ["dang-nhap"]
