"""Files uploaded by a browser that may not upload are dropped from the server's memory (issue 20).

Streamlit accepts an upload from any websocket session: a stranger who never signed in can ask for
upload addresses and send 20 MB files, as many as they like, and the server keeps them in memory for
as long as the session lives (found in the attacker's pass: three anonymous sessions held 400 MB).

Every page's gate (``ui/gate.py``) says whether the visitor of its session may upload anything
(``note_session``: the local operator, or a signed-in account). A background sweep, every
``SWEEP_SECONDS``, removes the uploaded files of every other session through Streamlit's
``UploadedFileManager.remove_session_files``. A signed-in user's uploads are never touched; a
session whose visitor signs out loses its pending uploads at the next sweep.
"""

from __future__ import annotations

import contextlib
import threading
import time

__all__ = ["SWEEP_SECONDS", "note_session", "sweep"]

SWEEP_SECONDS = 2.0
_FORGET_AFTER_S = 24 * 3600.0
_allowed: dict[str, float] = {}  # session id → when its visitor was last seen allowed to upload
_lock = threading.Lock()
_sweeper: threading.Thread | None = None


def note_session(session_id: str, may_upload: bool) -> None:
    """Record, at every page run, whether this session's visitor may upload; start the sweep."""
    if not session_id:
        return
    with _lock:
        if may_upload:
            _allowed[session_id] = time.monotonic()
        else:
            _allowed.pop(session_id, None)
    _start()


def sweep() -> list[str]:
    """Remove the uploaded files of every session not allowed to upload; the sessions cleared."""
    try:
        from streamlit.runtime import Runtime

        manager = Runtime.instance().uploaded_file_mgr
    except Exception:  # no Streamlit server in this process (scripts, AppTest without a runtime)
        return []
    storage = getattr(manager, "file_storage", None)
    if not isinstance(storage, dict):  # another upload storage: nothing to sweep here
        return []
    now = time.monotonic()
    with _lock:
        for session_id, seen in list(_allowed.items()):
            if now - seen > _FORGET_AFTER_S:
                _allowed.pop(session_id, None)
        allowed = set(_allowed)
    cleared = [session_id for session_id in list(storage) if session_id not in allowed and storage.get(session_id)]
    for session_id in cleared:
        manager.remove_session_files(session_id)
    return cleared


def _run() -> None:
    while True:
        time.sleep(SWEEP_SECONDS)
        with contextlib.suppress(Exception):  # a sweep that fails must not end the thread
            sweep()


def _start() -> None:
    global _sweeper
    with _lock:
        if _sweeper is not None and _sweeper.is_alive():
            return
        _sweeper = threading.Thread(target=_run, name="gender-targets-upload-sweep", daemon=True)
        _sweeper.start()
