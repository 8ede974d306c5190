"""Backup downloads are not reachable without the session (issue 20, item 6).

Found: the backup's ``/media/<id>`` address downloaded without any cookie for as long as the admin's
tab stayed open (Streamlit serves media with no session check; the address can end up in a proxy log
or the browser's history). Now the backup is made when the button is pressed, logged, and its address
answers for the admin's own browser only (its frontend reads it twice at once: a check, then the
download), then "404" for anyone.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from gender_targets.store import open_store
from tests.security.stclient import Client, sign_in_cookie, start_app

PW = "mat-khau-quan-tri"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_a_backup_address_answers_once_and_the_download_is_logged(tmp_path, fast_hashes):
    db = tmp_path / "gt.db"
    s = open_store(db)
    s.add_account("boss", "admin", PW)
    s.close()
    app = start_app(tmp_path / "app", db)
    try:
        cookie = sign_in_cookie(app, "boss", PW)
        with Client(app, cookie=cookie) as admin:
            page = admin.run("quan-tri")
            button = page.widget("download_button", "Tải bản sao lưu")
            assert button.deferred_file_id and not button.url  # made only when pressed
            answer = admin.backend_operation(deferred_file={"file_id": button.deferred_file_id})
            url = answer.backend_operation_response.deferred_file.url
            assert url.startswith("/media/"), answer
            for _ in range(2):  # the admin's browser at once: the frontend's check of the address, the download
                status, body = _get(app.url + url)
                assert status == 200 and body.startswith(b"SQLite format 3\x00")
            for _ in range(2):  # the address, read from a log later, with the admin's tab still open
                assert _get(app.url + url)[0] == 404
            # a stranger's bare websocket cannot have a backup made with a made-up or guessed id
            with Client(app) as stranger:
                stranger.run("")
                refused = stranger.backend_operation(deferred_file={"file_id": "0" * 32})
                assert (
                    refused.backend_operation_response.error_msg
                    and not refused.backend_operation_response.deferred_file.url
                )
    finally:
        app.stop()
    s = open_store(db)
    made = s.audit_log()
    made = made[made["action"] == "backup"]
    assert len(made) == 1 and made.iloc[0]["who"] == "boss" and json.loads(made.iloc[0]["detail"])["via"] == "download"
    s.close()


def test_an_address_read_once_is_gone_after_the_claim_time(monkeypatch):
    """The browser's second read never came (a check, no download): the entry goes soon anyway."""
    import time

    from streamlit.runtime.media_file_storage import MediaFileKind, MediaFileStorageError
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    import ui.private_download as private

    monkeypatch.setattr(private, "CLAIM_SECONDS", 0.2)
    storage = MemoryMediaFileStorage("/media")
    storage._files_by_id["abc"] = private._OnceFile(
        storage, "abc", b"x" * 10, "application/octet-stream", MediaFileKind.DOWNLOADABLE, "b.db"
    )
    assert storage.get_file("abc.db").content == b"x" * 10
    time.sleep(0.6)
    with pytest.raises(MediaFileStorageError):
        storage.get_file("abc.db")


def test_memory_statistics_do_not_use_up_the_admins_one_download():
    """``/_stcore/metrics`` (open to anyone) reads the size of every stored file: that read must not
    count as the download."""
    from streamlit.runtime.media_file_storage import MediaFileKind, MediaFileStorageError
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from ui.private_download import _OnceFile

    storage = MemoryMediaFileStorage("/media")
    storage._files_by_id["abc"] = _OnceFile(
        storage, "abc", b"x" * 10, "application/octet-stream", MediaFileKind.DOWNLOADABLE, "b.db"
    )
    assert storage.get_stats()  # the statistics read it
    for _ in range(2):  # the browser's check and its download
        assert storage.get_file("abc.db").content == b"x" * 10
    with pytest.raises(MediaFileStorageError):  # then it is gone
        storage.get_file("abc.db")
