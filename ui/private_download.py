"""A download served once: the backup (every account's password hash is in it) must not stay
reachable at its address (issue 20).

Streamlit serves every download at ``/media/<id>`` with no check of the session or cookie; the id is
a fingerprint of the content, and the file stays in the server's memory while the page that offered
it is open. Its address can end up in a proxy's access log or the browser's download history, and
anyone who reads it there could fetch the backup.

``private_download_button`` makes the file only when the button is pressed (a deferred download) and
puts it into Streamlit's in-memory media storage itself, as an entry that removes itself once the
admin's own browser has fetched it — a few milliseconds later. Streamlit's frontend reads a deferred
download's address twice at once (``checkSourceUrlResponse`` fetches it to check it, and the download
link fetches it again), so the entry answers ``READS`` times, and a timer removes it ``CLAIM_SECONDS``
after its first read (or after ``UNCLAIMED_SECONDS`` if it was never fetched). Any later request for
the address gets "404 not found". (Streamlit 1.67's ``MemoryMediaFileStorage``: ``tests/security/test_downloads.py``
fails if a new Streamlit stores files otherwise.)
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import streamlit as st

__all__ = ["CLAIM_SECONDS", "READS", "UNCLAIMED_SECONDS", "private_download_button"]

#: a backup nobody fetched is dropped from the server's memory after this many seconds
UNCLAIMED_SECONDS = 300.0
#: the reads of the admin's own browser: the frontend's check of the address, then the download
READS = 2
#: after its first read the entry answers at most this much longer (the browser's second read)
CLAIM_SECONDS = 20.0


class _OnceFile:
    """Stands in for Streamlit's ``MemoryFile``: its content can be read ``READS`` times within
    ``CLAIM_SECONDS`` of the first read, then it is gone."""

    def __init__(self, storage, file_id: str, content: bytes, mimetype: str, kind, filename: str | None) -> None:
        self._storage = storage
        self._file_id = file_id
        self._content = content
        self.mimetype = mimetype
        self.kind = kind
        self.filename = filename
        self._lock = threading.Lock()
        self._reads = 0

    @property
    def content(self) -> bytes:
        if not _from_statistics():
            with self._lock:
                self._reads += 1
                if self._reads >= READS:
                    self._storage.delete_file(self._file_id)  # the next request for this address finds nothing
                elif self._reads == 1:
                    _later(CLAIM_SECONDS, self._storage.delete_file, self._file_id)
        return self._content

    @property
    def content_size(self) -> int:
        return len(self._content)


def _from_statistics() -> bool:
    """True when Streamlit's memory statistics (``/_stcore/metrics``, open to anyone) read the size:
    that read must not use up the admin's one download."""
    frame = sys._getframe(2)
    for _ in range(3):
        if frame is None:
            return False
        if frame.f_code.co_filename.endswith("memory_media_file_storage.py"):
            return True
        frame = frame.f_back
    return False


def _serve_once(data: bytes, mimetype: str, file_name: str | None) -> None:
    from streamlit.runtime import Runtime
    from streamlit.runtime.media_file_storage import MediaFileKind
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage, _calculate_file_id

    storage = Runtime.instance().media_file_mgr._storage
    if not isinstance(storage, MemoryMediaFileStorage):  # pragma: no cover - another storage serves itself
        return
    file_id = _calculate_file_id(data, mimetype, file_name)
    # Streamlit stores the same id right after this callable returns, and keeps an entry it finds
    storage._files_by_id[file_id] = _OnceFile(storage, file_id, data, mimetype, MediaFileKind.DOWNLOADABLE, file_name)
    _later(UNCLAIMED_SECONDS, storage.delete_file, file_id)


def _later(seconds: float, func: Callable[..., object], *args: object) -> None:
    timer = threading.Timer(seconds, func, args=args)
    timer.daemon = True
    timer.start()


def private_download_button(
    label: str,
    make: Callable[[], bytes],
    *,
    file_name: str,
    mime: str = "application/octet-stream",
    key: str,
    **kwargs,
) -> None:
    """``st.download_button`` whose bytes ``make()`` builds when it is pressed and whose address
    answers once (module docstring)."""

    def deferred() -> bytes:
        data = make()
        _serve_once(data, mime, file_name)
        return data

    st.download_button(label, data=deferred, file_name=file_name, mime=mime, key=key, **kwargs)
