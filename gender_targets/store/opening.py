"""Opening a database: ``open_store``, the default address (``default_db_url``), the SQLite checks
made before connecting (``SQLITE_HEADER``, ``PRAGMA quick_check``) and the SQLite connection hooks."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import weakref
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from ._util import _int, _sqlite_file
from .core import Store
from .dberrors import StoreError, _db_error, _install_error_hook
from .schema import SCHEMA_VERSION

DEFAULT_DB_PATH = "data/gender_targets.db"
BUSY_TIMEOUT_S = 30
#: Seconds to wait for a database server to answer a new connection.
CONNECT_TIMEOUT_S = 10
SQLITE_HEADER = b"SQLite format 3\x00"


def _to_url(path_or_url: str | os.PathLike) -> sa.URL:
    text = os.fspath(path_or_url)
    if "://" in text:
        return make_url(text)
    return sa.URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def default_db_url() -> str:
    """``GENDER_TARGETS_DB`` (a path or an SQLAlchemy URL), else ``data/gender_targets.db`` under the cwd."""
    raw = os.environ.get("GENDER_TARGETS_DB", "").strip() or DEFAULT_DB_PATH
    return _to_url(raw).render_as_string(hide_password=False)


def _precheck_sqlite(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database of a known version, without writing to it.

    Everything is read through SQLite itself, never with Python's ``open()``: SQLite's locks are POSIX
    advisory locks, held per process, and closing *any* descriptor of the file drops all of them
    (sqlite.org, "How To Corrupt An SQLite Database File" §2.2). A plain read of the header while
    this process holds a connection would let another process checkpoint and delete the WAL under it.
    SQLite checks the header itself: a file that does not start with ``SQLITE_HEADER`` is
    "not a database" (``damaged``)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
    except OSError as exc:  # no permission on the folder, …
        raise StoreError("cannot_open", server=str(path), detail=exc.strerror or str(exc)) from exc
    if path.is_dir():
        raise StoreError("cannot_open", server=str(path), detail="is a directory")
    where = str(path)
    url = sa.URL.create("sqlite", database=where)
    try:
        raw = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise _db_error(exc, url) from exc
    try:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        rows = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise StoreError("damaged", path=where, detail="; ".join(map(str, rows[:3])))
        has_meta = raw.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if has_meta:
            found = raw.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if found and _int(found[0]) > SCHEMA_VERSION:
                raise StoreError("newer_version", path=where, found=_int(found[0]), known=SCHEMA_VERSION)
    except sqlite3.Error as exc:  # "malformed" / "not a database" → damaged; "locked" → busy, …
        raise _db_error(exc, url) from exc
    finally:
        raw.close()


def _create_private(path: Path) -> None:
    """A new database file readable by its owner only (mode 0600: it holds every password hash).
    SQLite gives its -wal and -shm files the database file's mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError("cannot_open", server=str(path), detail=exc.strerror or str(exc)) from exc
    os.close(fd)  # an empty file: no connection of this process exists on it yet


def _journal_mode_wal(cur: sqlite3.Cursor) -> None:
    """Put the database in WAL mode (a property of the file: after the first time, a no-op).

    Turning a file into WAL needs it to itself, and SQLite answers "database is locked" at once,
    without its busy timeout, while another connection holds a write lock in the old mode: two
    processes opening a fresh file together (the first one converting) or an older tool writing.
    So: look first, and retry the conversion for up to ``BUSY_TIMEOUT_S`` seconds."""
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - exercised through every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            _journal_mode_wal(cur)
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("gt_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


#: The stores this process has open, one per database (``open_store`` hands out the same one again).
#: Weak: a store nobody holds any more is closed by the garbage collector (its SQLite connections
#: are closed by SQLite, which keeps the process's locks while another connection needs them).
_OPEN: weakref.WeakValueDictionary[str, Store] = weakref.WeakValueDictionary()
_OPEN_LOCK = threading.RLock()


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a database file, from ``stat`` (which opens nothing); None if it is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def open_store(path_or_url: str | os.PathLike | None = None) -> Store:
    """Open (creating or upgrading) the database at a path or SQLAlchemy URL; default ``default_db_url()``.

    **One store per database per process.** Opening a database this process already has open returns
    the same ``Store`` (the same engine and connection pool), after checking that its schema version is
    still one this code knows; a file that was replaced or deleted meanwhile gets a fresh store and the
    old engine is disposed. A page cache that is cleared (Streamlit's ``clear_cache``, which any
    client may send) therefore costs no lock and no second engine. ``Store.close()`` lets go.

    Raises StoreError, leaving the database untouched: ``damaged`` for a file that is not a healthy
    SQLite database, ``newer_version`` for a schema newer than this code, ``bad_url`` /
    ``driver_missing`` for an address this code cannot use, and the database error codes
    (``connect_refused``, ``auth_failed``, ``database_missing``, ``disk_full``, ``busy``, …) when
    the database cannot be reached or written. Several processes may open the same fresh or old
    database at once: creating and upgrading the schema is serialised (module docstring).
    """
    raw = path_or_url if path_or_url is not None else default_db_url()
    try:
        url = _to_url(raw)
    except sa.exc.ArgumentError as exc:
        raise StoreError("bad_url", url=_mask_password(os.fspath(raw))) from exc
    db_file = _sqlite_file(url)
    if url.get_backend_name() == "sqlite" and db_file is None:
        return _new_store(url, None)  # an in-memory database: every call is a database of its own
    key = url.render_as_string(hide_password=False)
    with _OPEN_LOCK:
        store = _OPEN.get(key)
        if store is not None:
            if db_file is None or _file_identity(db_file) == store._file_identity:
                store._check_version()  # a newer version written meanwhile is refused here too
                return store
            _OPEN.pop(key, None)  # the file was replaced or deleted: its engine points at the old one
            store.engine.dispose()
        store = _new_store(url, db_file)
        _OPEN[key] = store
        return store


def _forget(store: Store) -> None:
    """``Store.close()``: the next ``open_store`` of that database opens it afresh."""
    with _OPEN_LOCK:
        for key, found in list(_OPEN.items()):
            if found is store:
                _OPEN.pop(key, None)


def _new_store(url: sa.URL, db_file: Path | None) -> Store:
    backend = url.get_backend_name()
    kwargs: dict = {}
    if backend == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
        if db_file is None:
            kwargs["poolclass"] = sa.pool.StaticPool
    elif backend == "postgresql":
        # a replaced server or a dropped connection is noticed before use, not by the user
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "gender_targets"}
    if db_file is not None:
        try:
            db_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("cannot_open", server=str(db_file), detail=exc.strerror or str(exc)) from exc
        _precheck_sqlite(db_file)
        _create_private(db_file)
    try:
        engine = sa.create_engine(url, **kwargs)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError("driver_missing", backend=url.drivername, detail=str(exc)) from exc
    _install_error_hook(engine)
    if backend == "sqlite":
        _install_sqlite_hooks(engine)
    store = Store(engine)
    try:
        store._init_schema()
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.DBAPIError as exc:  # pragma: no cover - the error hook translates these first
        engine.dispose()
        raise _db_error(exc, url) from exc
    store._file_identity = _file_identity(db_file) if db_file is not None else None
    store._on_close = _forget
    return store


def _mask_password(text: str) -> str:
    """``scheme://user:secret@host`` → ``scheme://user:***@host`` (for messages about a bad address)."""
    head, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    creds, at, tail = rest.rpartition("@")
    if ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{head}://{creds}{at}{tail}"
