"""The only door for uploaded bytes: parse a workbook in a child process with memory and time limits.

``read_workbook(data)`` returns ``grid.WorkbookCells`` or raises ``container.FileRejected`` with
the issue code to report. The parse (``cells.parse_workbook``: container checks, then
python-calamine) runs in a warm worker process whose address space is capped with
``resource.RLIMIT_AS`` (default 1.5 GB, ``GENDER_TARGETS_READER_MEMORY_MB``) and which must answer
within a time limit (default 60 s, ``GENDER_TARGETS_READER_SECONDS``). Whatever the bytes make
the parser do — a Rust panic, an abort, a segmentation fault, a memory error, an endless loop —
the worker dies or is killed, the parent reports ``unreadable_file`` (a crash) or
``file_too_large`` (out of memory or time) with a plain message, and the next file gets a fresh
worker. The server and the other users never notice.

Workers: a small pool (``GENDER_TARGETS_READERS``, default 2) of fresh interpreters
(``python -m gender_targets.reading.sandbox``, spawned — never a ``fork()`` of a server running
threads, and without re-importing the server's main module as multiprocessing would) that import
the reader once and then serve one file after another over their stdin/stdout, so one small file
costs a few milliseconds more than reading it in-process. A worker that failed in any way is
killed and a fresh one started in the background. Answers are unpickled with an allow-list (the
reader's own dataclasses, dates), so even a compromised worker cannot run code in the parent.
Works on Windows too, without the memory cap (``resource`` is POSIX only).

Sharing the workers (issue 20): a run of the app says whose files it reads (``set_reader_owner``,
called by every page's gate: the signed-in account, else the browser session). One owner reads at
most ``GENDER_TARGETS_READERS_PER_ACCOUNT`` (default 1) files at a time and spends at most
``GENDER_TARGETS_READER_BUDGET_SECONDS`` (default 600) seconds of reading in any hour, so nobody can
hold every worker with near-limit workbooks; and nobody waits for a worker longer than
``GENDER_TARGETS_READER_WAIT_SECONDS`` (default 30): the file is then refused with words saying the
server is busy (``issue.reader_busy``) or the hour's share is used (``issue.reader_quota``), and
nothing is stored. The command line and scripts (no owner) wait as long as it takes.

Errors inside the reader that no file should cause (a ``TypeError`` in our own code) are
``unreadable_file`` for a user, without the exception text; under
``GENDER_TARGETS_STRICT_READING=1`` (set by the test suite) they raise ``ReaderBug`` instead, so a
broken reader cannot hide behind "the file is damaged". Tests may also set
``GENDER_TARGETS_TEST_HOOKS=1`` and pass ``_test_hook="abort"`` (the worker calls ``os.abort()``)
``"sleep"`` (it never answers), ``"memory"`` (it asks for 64 GB), ``"type_error"`` (a bug in the
reader) or ``"no_precheck"`` (calamine reads the bytes without the container checks).
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import contextvars
import io
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
import traceback
from typing import BinaryIO

from ..i18n.localized import Localized
from .cells import parse_workbook
from .container import FileRejected
from .grid import WorkbookCells

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_SECONDS",
    "ReaderBug",
    "read_workbook",
    "set_reader_owner",
    "shutdown",
    "warm_up",
]

DEFAULT_MEMORY_MB = 1536
DEFAULT_SECONDS = 60.0
DEFAULT_WORKERS = 2
#: files one owner (an account, a browser session) may have read at the same time
DEFAULT_PER_OWNER = 1
#: seconds of reading one owner may spend in any hour
DEFAULT_BUDGET_SECONDS = 600.0
#: seconds an owner's file waits for a free worker before it is refused as "server busy"
DEFAULT_WAIT_SECONDS = 30.0
_HOUR = 3600.0

#: whose files this thread reads (set per run by the app's page gate; None: the local operator)
_OWNER: contextvars.ContextVar[str | None] = contextvars.ContextVar("gt_reader_owner", default=None)


def set_reader_owner(owner: str | None) -> None:
    """Say whose files the reads of this thread (one run of a page) are, for the per-owner limits."""
    _OWNER.set(owner or None)


# names of the exceptions a damaged or hostile file makes a parser raise (calamine, zipfile, defusedxml)
_FILE_ERRORS = {
    "CalamineError": "damaged",
    "XmlError": "damaged",
    "ZipError": "damaged",
    "BadZipFile": "damaged",
    "WorksheetNotFound": "damaged",
    "PanicException": "damaged",
    "EOFError": "damaged",
    "UnicodeDecodeError": "damaged",
    "EntitiesForbidden": "unsafe_xml",
    "DTDForbidden": "unsafe_xml",
    "ExternalReferenceForbidden": "unsafe_xml",
    "NotSupportedError": "damaged",
}


class ReaderBug(RuntimeError):
    """Our own reader failed on a file (only raised under GENDER_TARGETS_STRICT_READING=1)."""


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def _strict() -> bool:
    return os.environ.get("GENDER_TARGETS_STRICT_READING") == "1"


def _rejected(code: str, detail: str, memory_bytes: int = 0, seconds: float = 0.0) -> FileRejected:
    if code == "unreadable_file":
        return FileRejected(code, detail=Localized.of(f"issue.detail.{detail}"))
    limit = Localized.of("issue.limit.max_reader", memory=memory_bytes // (1024 * 1024), seconds=f"{seconds:g}")
    return FileRejected(code, detail=Localized.of(f"issue.limit.{detail}"), limit=limit)


# ---- the worker side ----------------------------------------------------------------------------


def _classify(exc: BaseException) -> tuple:
    """What to send back for an exception raised while parsing."""
    if isinstance(exc, FileRejected):
        return ("rejected", exc.code, exc.params)
    if isinstance(exc, MemoryError):
        return ("limit", "file_too_large", "memory")
    name = type(exc).__name__
    if "Password" in name:
        return ("rejected", "encrypted_file", {})
    kind = _FILE_ERRORS.get(name)
    if kind is not None:
        return ("rejected", "unreadable_file", {"detail": Localized.of(f"issue.detail.{kind}")})
    return ("internal", f"{name}: {traceback.format_exc(limit=8)}")


def _parse(data: bytes, hook: str | None) -> tuple:
    try:
        if hook == "abort":
            os.abort()
        if hook == "sleep":
            time.sleep(3600)
        if hook == "memory":
            _ = bytearray(64 * 1024**3)  # far past any cap
        if hook == "type_error":
            raise TypeError("a bug in the reader")
        return ("ok", parse_workbook(data, precheck=hook != "no_precheck"))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # everything a parser does becomes a code
        return _classify(exc)


def _frame(obj: object) -> bytes:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return struct.pack("<Q", len(payload)) + payload


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        block = stream.read(n - len(out))
        if not block:
            raise EOFError("the worker closed its pipe")
        out += block
    return bytes(out)


def _worker_main() -> None:
    """Serve parse requests on stdin/stdout until stdin closes (``python -m ...sandbox``).

    The address space is capped first; the protocol's stdout is kept apart from ``print``."""
    memory_bytes = int(os.environ.get("GENDER_TARGETS_READER_WORKER_MEMORY", "0") or 0)
    if memory_bytes > 0:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        except (ImportError, ValueError, OSError):  # Windows has no RLIMIT_AS: the time limit still holds
            pass
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    while True:
        try:
            (size,) = struct.unpack("<Q", _read_exact(inp, 8))
            data, hook = pickle.loads(_read_exact(inp, size))
        except (EOFError, OSError, struct.error):
            return
        result = _parse(data, hook)
        try:
            frame = _frame(result)
        except MemoryError:
            frame = _frame(("limit", "file_too_large", "memory"))
        except Exception as exc:  # a result that cannot be pickled is our bug
            frame = _frame(("internal", f"{type(exc).__name__}: {exc}"))
        del data, result
        out.write(frame)
        out.flush()


# ---- the parent side ----------------------------------------------------------------------------

# what a worker's answer may contain: plain data and the reader's own dataclasses, nothing else
_ALLOWED = {
    ("gender_targets.reading.grid", "WorkbookCells"),
    ("gender_targets.reading.grid", "SheetCells"),
    ("gender_targets.reading.grid", "CellError"),
    ("gender_targets.reading.header", "Header"),
    ("gender_targets.i18n.localized", "Localized"),
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


class _Answer(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not expected from the reader")


class _Worker:
    """One child process: ``python -m gender_targets.reading.sandbox``, fed through its stdin."""

    def __init__(self, memory_bytes: int):
        env = dict(os.environ, GENDER_TARGETS_READER_WORKER_MEMORY=str(memory_bytes))
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=root,
        )
        self.memory_bytes = memory_bytes

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, data: bytes, hook: str | None, seconds: float) -> tuple | None:
        """The worker's answer, or None when it did not answer within ``seconds``; EOFError when
        it died."""
        box: list = []

        def receive() -> None:
            try:
                (size,) = struct.unpack("<Q", _read_exact(self.process.stdout, 8))
                box.append(_Answer(io.BytesIO(_read_exact(self.process.stdout, size))).load())
            except BaseException as exc:
                box.append(exc)

        try:
            self.process.stdin.write(_frame((data, hook)))
            self.process.stdin.flush()
        except (OSError, ValueError):
            raise EOFError("the worker is gone") from None
        thread = threading.Thread(target=receive, daemon=True)
        thread.start()
        thread.join(seconds)
        if thread.is_alive():
            return None
        answer = box[0]
        if isinstance(answer, BaseException):
            if isinstance(answer, EOFError | OSError):
                raise EOFError("the worker died")
            raise answer
        return answer

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class _Busy(Exception):
    """No worker for this owner within the waiting limit (``reason``: "busy" or "quota")."""

    def __init__(self, reason: str, minutes: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.minutes = minutes


class _Pool:
    """Warm workers, at most ``size`` busy at once; a worker that failed is killed and replaced.
    An owner has at most ``per_owner`` of them at once and ``budget`` seconds of reading an hour."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy = 0
        self._owners: collections.Counter[str] = collections.Counter()
        self._spent: dict[str, collections.deque[tuple[float, float]]] = {}

    def _spent_last_hour(self, owner: str, now: float) -> tuple[float, float]:
        """Seconds ``owner`` spent reading in the last hour, and when the oldest of them leaves it."""
        spent = self._spent.get(owner)
        if not spent:
            return 0.0, now
        while spent and spent[0][0] <= now - _HOUR:
            spent.popleft()
        if not spent:
            self._spent.pop(owner, None)
            return 0.0, now
        return sum(s for _, s in spent), spent[0][0] + _HOUR

    def acquire(self, memory_bytes: int, owner: str | None = None) -> _Worker:
        size = max(1, int(_env_float("GENDER_TARGETS_READERS", DEFAULT_WORKERS)))
        per_owner = max(1, int(_env_float("GENDER_TARGETS_READERS_PER_ACCOUNT", DEFAULT_PER_OWNER)))
        budget = _env_float("GENDER_TARGETS_READER_BUDGET_SECONDS", DEFAULT_BUDGET_SECONDS)
        wait = _env_float("GENDER_TARGETS_READER_WAIT_SECONDS", DEFAULT_WAIT_SECONDS)
        deadline = time.monotonic() + wait if owner is not None else None
        with self._lock:
            if owner is not None:
                used, frees_at = self._spent_last_hour(owner, time.monotonic())
                if used >= budget:
                    raise _Busy("quota", max(1, -(-int(frees_at - time.monotonic()) // 60)))
            while True:
                mine_ok = owner is None or self._owners[owner] < per_owner
                if mine_ok:
                    while self._idle:
                        worker = self._idle.pop()
                        if worker.alive() and worker.memory_bytes == memory_bytes:
                            self._take(owner)
                            return worker
                        worker.kill()
                    if self._busy < size:
                        self._take(owner)
                        break
                if deadline is None:
                    self._lock.wait()
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _Busy("busy")
                self._lock.wait(left)
        try:
            return _Worker(memory_bytes)
        except BaseException:
            with self._lock:
                self._give_back(owner)
                self._lock.notify_all()
            raise

    def _take(self, owner: str | None) -> None:
        self._busy += 1
        if owner is not None:
            self._owners[owner] += 1

    def _give_back(self, owner: str | None) -> None:
        self._busy -= 1
        if owner is not None:
            self._owners[owner] -= 1
            if self._owners[owner] <= 0:
                del self._owners[owner]

    def release(self, worker: _Worker, healthy: bool, owner: str | None = None, seconds: float = 0.0) -> None:
        if not healthy:
            worker.kill()
        with self._lock:
            self._give_back(owner)
            if owner is not None and seconds > 0:
                self._spent.setdefault(owner, collections.deque()).append((time.monotonic(), seconds))
            if healthy:
                self._idle.append(worker)
            self._lock.notify_all()
        if not healthy:  # a fresh worker for the next file, started now rather than when it arrives
            threading.Thread(target=self._replace, args=(worker.memory_bytes,), daemon=True).start()

    def _replace(self, memory_bytes: int) -> None:
        with self._lock:
            if self._idle or self._busy:
                return
            self._busy += 1
        worker = None
        try:
            worker = _Worker(memory_bytes)
        finally:
            with self._lock:
                self._busy -= 1
                if worker is not None:
                    self._idle.append(worker)
                self._lock.notify_all()

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def warm_up(memory_mb: float | None = None) -> None:
    """Start one worker ahead of the first upload (its interpreter imports the reader once)."""
    memory_bytes = _memory_bytes(memory_mb)
    worker = _POOL.acquire(memory_bytes)
    _POOL.release(worker, healthy=True)


def shutdown() -> None:
    """Stop the idle workers (tests; they also end when this process exits)."""
    _POOL.shutdown()


def _memory_bytes(memory_mb: float | None) -> int:
    mb = memory_mb if memory_mb is not None else _env_float("GENDER_TARGETS_READER_MEMORY_MB", DEFAULT_MEMORY_MB)
    return int(mb * 1024 * 1024)


def read_workbook(
    data: bytes,
    *,
    memory_mb: float | None = None,
    seconds: float | None = None,
    sandbox: bool = True,
    _test_hook: str | None = None,
) -> WorkbookCells:
    """The cells of an uploaded workbook, parsed in a child process (module docstring).

    Raises ``FileRejected`` (``unreadable_file``, ``encrypted_file``, ``file_too_large``) for a
    file that cannot be read. ``sandbox=False`` parses in this process (benchmarks only: a hostile
    file can then end the process).
    """
    if _test_hook is not None and os.environ.get("GENDER_TARGETS_TEST_HOOKS") != "1":
        _test_hook = None
    memory_bytes = _memory_bytes(memory_mb)
    limit = seconds if seconds is not None else _env_float("GENDER_TARGETS_READER_SECONDS", DEFAULT_SECONDS)
    if not sandbox:
        return _unpack(_parse(data, None), memory_bytes, limit)
    owner = _OWNER.get()
    try:
        worker = _POOL.acquire(memory_bytes, owner)
    except _Busy as exc:
        raise _refused_busy(exc) from None
    healthy = False
    started = time.monotonic()
    try:
        try:
            result = worker.ask(bytes(data), _test_hook, limit)
        except EOFError:  # the worker died: a signal, an abort, the memory cap
            raise _rejected("unreadable_file", "crashed") from None
        except pickle.UnpicklingError:
            raise _rejected("unreadable_file", "crashed") from None
        if result is None:
            raise _rejected("file_too_large", "time", memory_bytes, limit)
        healthy = result[0] in ("ok", "rejected")
        return _unpack(result, memory_bytes, limit)
    finally:
        _POOL.release(worker, healthy, owner, time.monotonic() - started)


def _refused_busy(exc: _Busy) -> FileRejected:
    """The file is not read now: every worker this owner may use is busy, or its hour's share is used."""
    if exc.reason == "quota":
        return FileRejected("unreadable_file", message_key="issue.reader_quota", minutes=exc.minutes)
    return FileRejected("unreadable_file", message_key="issue.reader_busy")


def _unpack(result: tuple, memory_bytes: int, seconds: float) -> WorkbookCells:
    kind = result[0]
    if kind == "ok":
        return result[1]
    if kind == "rejected":
        raise FileRejected(result[1], **result[2])
    if kind == "limit":
        raise _rejected(result[1], result[2], memory_bytes, seconds)
    if _strict():
        raise ReaderBug(result[1])
    raise _rejected("unreadable_file", "internal")


if __name__ == "__main__":
    _worker_main()
