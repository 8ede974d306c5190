"""The store: every submission ever accepted, the unit register, the targets and an audit log (SPEC §4, §6, §8).

SQLAlchemy Core with portable SQL (SQLite now, PostgreSQL later). Promises:

- **All or nothing per file.** ``save_report`` stores a file checked by ``intake.check_upload``;
  a report with any error stores nothing. Otherwise one transaction stores every unit-period of
  the file, each as its own submission. The file's bytes are kept once per SHA-256 in ``files``.
- **Nothing is ever deleted.** A new upload of a unit-period makes the previous active submission
  ``superseded`` and records ``supersedes``; ``rollback`` makes the given active submission
  ``rolled_back`` and the one it superseded ``active`` again (none: the unit-period has no active
  data). The only deletion is ``delete_sample`` (sample data, on request).
- **Identical re-import changes nothing**: same SHA-256 and every unit-period of the file currently
  active from that SHA-256 → the existing ids, ``unchanged=True``, ``data_version`` untouched.
- **Every write transaction** bumps ``data_version`` (a counter in ``meta``; pages cache on it) and
  writes one ``audit`` row.
- **SQLite durability and concurrency**: WAL, ``synchronous=FULL``, ``foreign_keys=ON``,
  ``busy_timeout`` 30 s, and ``BEGIN IMMEDIATE`` for write transactions, so two writers queue up
  instead of failing on the read→write lock upgrade, and a process killed mid-import leaves the
  database as it was before that import. On PostgreSQL a write transaction locks the
  ``data_version`` row first (``SELECT … FOR UPDATE``), which serialises writers the same way.
- **Several processes may open a fresh or old database at once** (replicas of the app, importers):
  schema creation and upgrades run in one transaction that starts with ``BEGIN IMMEDIATE`` on
  SQLite and ``pg_advisory_xact_lock(SCHEMA_LOCK_KEY)`` on PostgreSQL; the others wait, then find
  the schema done.
- **Bulk writes**: an import takes its submission ids first (PostgreSQL: the sequence; SQLite: after
  the largest id, under the write lock) and sends its submissions and body rows in one ``COPY``
  (PostgreSQL) or one ``executemany`` (SQLite); the model's body rows are read in one query.
- **Database failures are StoreErrors with their own code** (``_db_error``, through an engine
  ``handle_error`` hook): ``damaged`` only when the database reports damage; ``connect_refused``,
  ``auth_failed``, ``database_missing``, ``disk_full``, ``busy``, ``read_only``, … otherwise.
- **Damaged or foreign files are never touched**: before connecting, an SQLite file must start with
  the header ``SQLite format 3\\0`` and pass ``PRAGMA quick_check``; a schema version newer than
  this code knows is refused before anything is written.

The history warnings (``replaces_submission``, ``large_change``) are rules, so they live in
``validation.history``; ``intake.check_upload`` gives them this store's active rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from . import accounts as acc
from .accounts import Account, Action
from .errors import GenderTargetsError
from .i18n import describe, t
from .periods import parse_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS, DEFAULT_TARGETS, INDICATORS, targets_frame
from .units import REGISTER_COLUMNS, Register, RegisterError, register_from_frame
from .validation import FileReport, sha256_of
from .validation.history import LARGE_CHANGE_POINTS

__all__ = [
    "AUDIT_ACTIONS",
    "LARGE_CHANGE_POINTS",
    "SCHEMA_VERSION",
    "STATUSES",
    "ImportResult",
    "Store",
    "StoreError",
    "default_db_url",
    "open_store",
]

#: The schema version this code writes. ``MIGRATIONS[v]`` upgrades a database from ``v - 1`` to ``v``.
SCHEMA_VERSION = 2
#: ``large_change`` fires when an indicator moves strictly more than this many percentage points.
STATUSES = ("active", "superseded", "rolled_back", "pending", "returned")
AUDIT_ACTIONS = (
    "import",
    "rollback",
    "register_change",
    "targets_change",
    "sample_load",
    "sample_remove",
    # accounts: review and users
    "submit",
    "accept",
    "return",
    "user_add",
    "user_change",
    "settings_change",
)
DEFAULT_DB_PATH = "data/gender_targets.db"
BUSY_TIMEOUT_S = 30
#: Seconds to wait for a database server to answer a new connection.
CONNECT_TIMEOUT_S = 10
#: ``pg_advisory_xact_lock`` key that serialises schema creation and upgrades on PostgreSQL.
SCHEMA_LOCK_KEY = 0x67745F736368656D  # "gt_schem"
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(GenderTargetsError):
    """A store operation that cannot be done: ``code`` (catalogue ``store.<code>``) and ``params``.

    ``details`` lists the items concerned (unit codes, unit-periods) for scripts and tests. The words
    come from the catalogue at the edge: ``i18n.describe(err, lang)`` (``message(lang)`` is the same).
    Database failures get their own codes (``_db_error``): ``damaged`` only for a damaged database;
    a refused connection, a failed sign-in, a missing database, a full disk, a lock that waited too
    long and the rest each say what happened and what to do.
    """

    prefix = "store"
    code = "database_error"

    def __init__(
        self,
        code: str | None = None,
        /,
        details: Iterable[str] | None = None,
        problems: Iterable[tuple[str, dict]] = (),
        **params: object,
    ) -> None:
        super().__init__(code, problems=list(problems), **params)
        self.details = list(details or [])

    @classmethod
    def from_key(cls, key: str, details: list[str] | None = None, **params: object) -> StoreError:
        """Kept for callers written before the error family: ``from_key("store.x")`` is ``StoreError("x")``."""
        return cls(key.removeprefix("store."), details=details, **params)

    def message(self, lang: str = "vi") -> str:
        return describe(self, lang)

    @property
    def message_vi(self) -> str:
        return describe(self, "vi")

    @property
    def message_en(self) -> str:
        return describe(self, "en")


@dataclass
class ImportResult:
    """What ``save_report`` did: the report, the submission id of every (unit, period) stored."""

    report: FileReport
    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok

    def to_dict(self, lang: str = "vi") -> dict:
        """SPEC §8 import shape (the check shape with ``id`` per submission), plus ``unchanged``."""
        return {**self.report.to_dict(lang, ids=self.ids), "unchanged": self.unchanged}


# ---- schema --------------------------------------------------------------------------------
metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False, server_default=sa.text("''")),
)

units = sa.Table(
    "units",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
    *[sa.Column(c, sa.Text, nullable=False, server_default=sa.text("''")) for c in REGISTER_COLUMNS if c != "code"],
)

targets = sa.Table(
    "targets",
    metadata,
    sa.Column("indicator", sa.String(8), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("target_percent", sa.Float, nullable=False),
)

files = sa.Table(
    "files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("size", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("sha256", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id"), nullable=True),
    sa.Column("uploaded_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("uploaded_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("status", sa.String(16), nullable=False, server_default=sa.text("'active'")),
    sa.Column("supersedes", sa.Integer, sa.ForeignKey("submissions.id"), nullable=True),
    sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("n_bodies", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Index("ix_submissions_unit_period_status", "unit", "period", "status"),
    sa.Index("ix_submissions_sha256", "sha256"),
)

bodies = sa.Table(
    "bodies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False),
    sa.Column("row_no", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("body_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("body_type", sa.Text, nullable=False, server_default=sa.text("''")),
    *[sa.Column(c, sa.Integer, nullable=False, server_default=sa.text("0")) for c in COUNT_COLUMNS],
    sa.Column("note", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("source_row", sa.Integer, nullable=True),
    sa.Index("ix_bodies_submission_id", "submission_id"),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("who", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("detail", sa.Text, nullable=False, server_default=sa.text("'{}'")),
)

# -- meetings: notes on an indicator or a unit for a quarter (SPEC §11) ------------------------
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("indicator", sa.String(8), nullable=False, server_default=sa.text("''")),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_notes_unit_period", "unit", "period"),
)
NOTE_COLUMNS = ["id", "unit", "indicator", "period", "text", "created_by", "created_at"]
#: A note is a short sentence shown on a chart: at most this many characters.
NOTE_MAX_CHARS = 300
AUDIT_ACTIONS = (*AUDIT_ACTIONS, "note_add", "note_delete")
# -- end meetings ------------------------------------------------------------------------------

# -- accounts: users, review state of submissions, settings (SPEC §10) -----------------------
accounts_table = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("units", sa.Text, nullable=False, server_default=sa.text("''")),  # codes, comma-separated
    sa.Column("email", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("password_hash", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("last_sign_in_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("locked_until", sa.String(40), nullable=False, server_default=sa.text("''")),
)
# a signed-in browser: the SHA-256 of the random token its cookie holds, until ``expires_at``
account_sessions = sa.Table(
    "account_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("expires_at", sa.String(40), nullable=False, server_default=sa.text("''")),
)
# review columns of ``submissions`` (declared here, appended to the table below)
_REVIEW_COLUMNS = [
    sa.Column("account", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("reviewed_by", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("reviewed_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("review_comment", sa.Text, nullable=False, server_default=sa.text("''")),
]
for _col in _REVIEW_COLUMNS:
    submissions.append_column(_col)
PUBLIC_VIEW_KEY = "public_view"  # a ``meta`` row: "1" when an admin opened the dashboards to everyone
REVIEW_COLUMNS = ["account", "reviewed_by", "reviewed_at", "review_comment"]
ACCOUNT_COLUMNS = [
    "id",
    "username",
    "display_name",
    "role",
    "units",
    "email",
    "disabled",
    "created_at",
    "last_sign_in_at",
    "failed_attempts",
    "locked_until",
]

HISTORY_COLUMNS = [
    "id",
    "unit",
    "period",
    "file_name",
    "sha256",
    "uploaded_by",
    "uploaded_at",
    "status",
    "supersedes",
    "is_sample",
    "n_bodies",
    *REVIEW_COLUMNS,
]
ACTIVE_BODY_COLUMNS = [
    "submission_id",
    "unit",
    "period",
    "body_name",
    "body_type",
    *COUNT_COLUMNS,
    "note",
    "source_row",
]
SUBMISSION_BODY_COLUMNS = ["row_no", "body_name", "body_type", *COUNT_COLUMNS, "note", "source_row"]
AUDIT_COLUMNS = ["id", "at", "action", "who", "detail"]


# ---- migrations ----------------------------------------------------------------------------
def _add_missing(conn: Connection) -> None:
    """Create every missing table and index, and add every missing column (with its default)."""
    insp = sa.inspect(conn)
    existing = set(insp.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in existing:
            table.create(conn)
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name in have:
                continue
            ddl = f"ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(dialect=conn.dialect)}"
            if col.server_default is not None:
                default = col.server_default.arg
                text = default if isinstance(default, str) else str(default.compile(dialect=conn.dialect))
                ddl += f" DEFAULT {text}"
            if not col.nullable and col.server_default is not None:
                ddl += " NOT NULL"
            conn.exec_driver_sql(ddl)
        index_names = {ix["name"] for ix in insp.get_indexes(table.name)}
        for ix in table.indexes:
            if ix.name not in index_names:
                ix.create(conn)


def _migrate_0_to_1(conn: Connection) -> None:
    """Version 0 is the unversioned layout (no ``meta`` row): bring every table up to version 1."""
    _add_missing(conn)
    conn.execute(
        sa.update(submissions)
        .where(sa.or_(submissions.c.status.is_(None), submissions.c.status.notin_(STATUSES)))
        .values(status="active")
    )


def _migrate_1_to_2(conn: Connection) -> None:
    """Wave 2 (shared use): new tables and columns (accounts, review state, notes, settings) are
    created by ``_add_missing``; every existing submission keeps its status."""
    _add_missing(conn)


#: ``MIGRATIONS[v]`` upgrades a database at version ``v - 1`` to version ``v``, inside one transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_0_to_1, 2: _migrate_1_to_2}


# ---- helpers -------------------------------------------------------------------------------
def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _to_url(path_or_url: str | os.PathLike) -> sa.URL:
    text = os.fspath(path_or_url)
    if "://" in text:
        return make_url(text)
    return sa.URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def default_db_url() -> str:
    """``GENDER_TARGETS_DB`` (a path or an SQLAlchemy URL), else ``data/gender_targets.db`` under the cwd."""
    raw = os.environ.get("GENDER_TARGETS_DB", "").strip() or DEFAULT_DB_PATH
    return _to_url(raw).render_as_string(hide_password=False)


def _sqlite_file(url: sa.URL) -> Path | None:
    """The database file of an SQLite URL; None for other back-ends and in-memory databases."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database or ""
    if db in ("", ":memory:") or db.startswith("file::memory:"):
        return None
    return Path(db)


def _precheck_sqlite(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database of a known version, without writing to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    where = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:  # a folder, no permission, …
        raise StoreError("cannot_open", server=where, detail=exc.strerror or str(exc)) from exc
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise StoreError("damaged", path=where, detail="header")
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


def _int(value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - exercised through every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("gt_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


# ---- database errors -----------------------------------------------------------------------
#: SQLite primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``) → our codes.
_SQLITE_CODES = {
    3: "cannot_open",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY: another process held the write lock past the busy timeout
    6: "busy",  # SQLITE_LOCKED
    7: "out_of_memory",
    8: "read_only",
    10: "io_error",
    11: "damaged",  # SQLITE_CORRUPT
    13: "disk_full",
    14: "cannot_open",
    23: "cannot_open",  # SQLITE_AUTH
    26: "damaged",  # SQLITE_NOTADB
}
#: PostgreSQL SQLSTATEs (exact, then by class) → our codes.
_PG_STATES = {
    "28P01": "auth_failed",
    "28000": "auth_failed",
    "3D000": "database_missing",
    "53100": "disk_full",
    "53200": "out_of_memory",
    "53300": "too_many_connections",
    "55P03": "busy",  # lock_not_available (lock_timeout)
    "57014": "busy",  # query_canceled (statement_timeout)
    "40P01": "busy",  # deadlock_detected
    "40001": "busy",  # serialization_failure
    "25006": "read_only",
    "42501": "permission",
    "XX001": "damaged_server",
    "XX002": "damaged_server",
    "42P01": "schema_broken",
    "42703": "schema_broken",
    "57P01": "connection_lost",
    "57P02": "connection_lost",
    "57P03": "connection_lost",
}
#: Connection failures carry no SQLSTATE (libpq's text, in English); matched by their words.
_PG_CONNECT_TEXT = (
    ("password authentication failed", "auth_failed"),
    ("no password supplied", "auth_failed"),
    ("no pg_hba.conf entry", "auth_failed"),
    ('role "', "auth_failed"),  # role "x" does not exist
    ('database "', "database_missing"),  # database "x" does not exist
    ("connection refused", "connect_refused"),
    ("no such file or directory", "connect_refused"),  # no server on that Unix socket
    ("could not translate host name", "host_unknown"),
    ("name or service not known", "host_unknown"),
    ("timeout expired", "connect_timeout"),
    ("too many clients", "too_many_connections"),
    ("the database system is starting up", "connection_lost"),
    ("the database system is shutting down", "connection_lost"),
    ("server closed the connection", "connection_lost"),
    ("terminating connection", "connection_lost"),
    ("consuming input failed", "connection_lost"),
    ("connection is lost", "connection_lost"),
    ("the connection is closed", "connection_lost"),
    ("ssl", "connect_ssl"),
)


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split("\n")[:2]).strip()
    for prefix in ("connection failed: ",):
        text = text.removeprefix(prefix)
    return text[:300]


def _db_error(exc: BaseException, url: sa.URL) -> StoreError:
    """The StoreError for a database driver error (``exc`` is the DBAPI exception, e.g. sqlite3's or
    psycopg's). ``damaged`` only when the database itself reports damage."""
    orig = getattr(exc, "orig", None) or exc
    detail = _first_line(orig)
    where = url.render_as_string(hide_password=True)
    db_file = _sqlite_file(url)
    params: dict[str, object] = {"server": str(db_file) if db_file else where, "detail": detail}
    code = "database_error"
    if isinstance(orig, sqlite3.Error):
        primary = (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF
        code = _SQLITE_CODES.get(primary, "database_error")
        low = detail.lower()
        if not primary:  # older sqlite3 modules: match the text
            for words, found in (
                ("locked", "busy"),
                ("disk is full", "disk_full"),
                ("malformed", "damaged"),
                ("not a database", "damaged"),
                ("readonly", "read_only"),
                ("unable to open", "cannot_open"),
                ("disk i/o", "io_error"),
            ):
                if words in low:
                    code = found
                    break
        if code == "damaged":
            return StoreError("damaged", path=params["server"], detail=detail)
    else:
        state = getattr(orig, "sqlstate", None) or ""
        if state in _PG_STATES:
            code = _PG_STATES[state]
        elif state[:2] == "08":
            code = "connection_lost"
        elif state[:2] == "53":
            code = "out_of_memory"
        elif not state:
            low = detail.lower()
            code = next((c for words, c in _PG_CONNECT_TEXT if words in low), "unavailable")
        params.update(
            host=url.host or "localhost", port=url.port or 5432, database=url.database or "", user=url.username or ""
        )
    return StoreError(code, **params)


def _install_error_hook(engine: Engine) -> None:
    """Every driver error (connecting included) reaches callers as a StoreError with its own code,
    after SQLAlchemy has rolled the transaction back."""

    @event.listens_for(engine, "handle_error")
    def _on_error(ctx) -> None:
        if ctx.is_pre_ping or not isinstance(ctx.sqlalchemy_exception, sa.exc.DBAPIError):
            return  # a stale pooled connection is replaced by the pool; other errors stay as they are
        raise _db_error(ctx.original_exception, engine.url) from ctx.original_exception


def _period_str(period: object) -> str:
    return str(parse_period(period))


# ---- the store -----------------------------------------------------------------------------
class Store:
    """A database of submissions, the register, the targets and the audit log. See the module docstring."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._write_engine = engine.execution_options(gt_write=True)
        self._register_cache: tuple[tuple, Register] | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: BEGIN IMMEDIATE on SQLite, the meta row locked on other back-ends."""
        with self._write_engine.begin() as conn:
            conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version").with_for_update())
            yield conn

    def _audit(self, conn: Connection, action: str, who: str, detail: dict) -> None:
        """Record one audited change and bump ``data_version`` (every write goes through here)."""
        assert action in AUDIT_ACTIONS, action
        conn.execute(
            audit.insert().values(
                at=_now(), action=action, who=who or "", detail=json.dumps(detail, ensure_ascii=False, default=str)
            )
        )
        current = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar()
        conn.execute(sa.update(meta).where(meta.c.key == "data_version").values(value=str(_int(current) + 1)))

    def _init_schema(self) -> None:
        """Create a fresh schema, or upgrade an older one, in one write transaction."""
        with self._write_engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # several processes opening a fresh or old database at once: one creates or upgrades,
                # the others wait here and then find the schema done (SQLite: BEGIN IMMEDIATE)
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
            insp = sa.inspect(conn)
            tables = set(insp.get_table_names())
            version: int | None = None
            if "meta" in tables:
                found = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
                version = _int(found) if found is not None else None
            if version is None:
                version = 0 if tables & {t.name for t in metadata.sorted_tables} else None
            if version is not None and version > SCHEMA_VERSION:
                raise StoreError("newer_version", path=self.url, found=version, known=SCHEMA_VERSION)
            if version is None:  # a new database
                metadata.create_all(conn)
            elif version < SCHEMA_VERSION:
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[target](conn)
            else:
                return
            have = set(conn.execute(sa.select(meta.c.key)).scalars())
            if "data_version" not in have:
                conn.execute(meta.insert().values(key="data_version", value="0"))
            if "schema_version" in have:
                conn.execute(sa.update(meta).where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
            else:
                conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            if version is not None:
                upgraded = {"from": version, "to": SCHEMA_VERSION, "at": _now()}
                conn.execute(sa.delete(meta).where(meta.c.key == "last_upgrade"))
                conn.execute(meta.insert().values(key="last_upgrade", value=json.dumps(upgraded)))

    # -- simple reads ----------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return _int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar())

    def data_version(self) -> int:
        """A counter bumped by every write transaction; equal values mean equal data."""
        with self.engine.connect() as conn:
            return _int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar())

    def is_empty(self) -> bool:
        """True when no submission is stored (in any status)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(submissions.c.id).limit(1)).first() is None

    def has_sample(self) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(submissions.c.id).where(submissions.c.is_sample.is_(True)).limit(1))
            return found.first() is not None

    def sample_was_removed(self) -> bool:
        """True once sample data has been removed from this database (pages then never reload it)."""
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(audit.c.id).where(audit.c.action == "sample_remove").limit(1))
            return found.first() is not None

    # -- register --------------------------------------------------------------------------
    def register(self) -> Register | None:
        """The stored unit register, or None when none has been saved."""
        with self.engine.connect() as conn:
            return self._register_of(conn)

    def _register_of(self, conn: Connection) -> Register | None:
        """The stored register, read in one query and parsed once per content (a national register
        takes about a second to validate; pages and imports ask for it again and again)."""
        query = sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position, units.c.code)
        key = tuple(tuple(r) for r in conn.execute(query))
        if not key:
            return None
        cached = self._register_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        register = register_from_frame(pd.DataFrame(list(key), columns=REGISTER_COLUMNS))
        self._register_cache = (key, register)
        return register

    def _require_register(self, register: Register | None) -> Register:
        register = register or self.register()
        if register is None:
            raise StoreError("no_register")
        return register

    def save_register(self, register: Register, by: str = "", actor: Account | None = None) -> None:
        """Replace the stored register; refused (StoreError with the codes) when it would orphan submissions.

        A stored submission is orphaned when its unit code is missing from the new register or its
        quarter lies outside the unit's new validity. Codes that only change case are renamed in the
        stored submissions too.
        """
        acc.require(actor, Action.REGISTER)
        by = acc.actor_label(actor, by)
        new_frame = register.frame[REGISTER_COLUMNS].reset_index(drop=True)
        with self._write() as conn:
            stored = conn.execute(sa.select(submissions.c.unit, submissions.c.period).distinct()).all()
            orphans: dict[str, list[str]] = {}
            renames: dict[str, str] = {}
            for unit, period in stored:
                if unit not in register:
                    orphans.setdefault(unit, []).append(period)
                    continue
                canonical = register.canonical(unit)
                if canonical != unit:
                    renames[unit] = canonical
                if not register.is_active(canonical, parse_period(period)):
                    orphans.setdefault(unit, []).append(period)
            if orphans:
                items = [
                    f"{u} ({', '.join(sorted(ps)[:4])}{'…' if len(ps) > 4 else ''})"
                    for u, ps in sorted(orphans.items())
                ]
                raise StoreError("register_orphans", details=sorted(orphans), items="; ".join(items))
            old = pd.DataFrame(
                conn.execute(sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position)).all(),
                columns=REGISTER_COLUMNS,
            )
            old_rows = {r["code"]: r for r in old.astype(str).to_dict("records")}
            new_rows = {r["code"]: r for r in new_frame.astype(str).to_dict("records")}
            if list(old_rows.values()) == list(new_rows.values()):
                return
            conn.execute(sa.delete(units))
            conn.execute(
                units.insert(),
                [{"position": i, **row} for i, row in enumerate(new_rows.values())],
            )
            for before, after in renames.items():
                conn.execute(sa.update(submissions).where(submissions.c.unit == before).values(unit=after))
            changed = sorted(c for c in old_rows.keys() & new_rows.keys() if old_rows[c] != new_rows[c])
            self._audit(
                conn,
                "register_change",
                by,
                {
                    "units": len(new_frame),
                    "added": sorted(new_rows.keys() - old_rows.keys()),
                    "removed": sorted(old_rows.keys() - new_rows.keys()),
                    "changed": changed,
                    "renamed": renames,
                },
            )

    # -- targets ---------------------------------------------------------------------------
    def targets(self) -> pd.DataFrame:
        """The stored targets table (``indicator, year, target_percent``), DEFAULT_TARGETS when none."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(targets.c.indicator, targets.c.year, targets.c.target_percent).order_by(
                    targets.c.indicator, targets.c.year
                )
            ).all()
        if not rows:
            return DEFAULT_TARGETS.copy()
        frame = pd.DataFrame(rows, columns=["indicator", "year", "target_percent"])
        frame["year"] = frame["year"].astype(int)
        frame["target_percent"] = frame["target_percent"].astype(float)
        return frame

    def save_targets(self, frame: pd.DataFrame, by: str = "", actor: Account | None = None) -> None:
        """Validate (``schema.targets_frame``) and replace the stored targets; TargetsError when invalid.

        Saving the table already stored writes nothing (no audit row, same ``data_version``)."""
        acc.require(actor, Action.TARGETS)
        by = acc.actor_label(actor, by)
        clean = targets_frame(frame)  # TargetsError (a family member with its own words) when invalid
        records = clean.to_dict("records")
        with self._write() as conn:
            stored = conn.execute(
                sa.select(targets.c.indicator, targets.c.year, targets.c.target_percent).order_by(
                    targets.c.indicator, targets.c.year
                )
            ).all()
            if [(r["indicator"], r["year"], r["target_percent"]) for r in records] == [tuple(r) for r in stored]:
                return  # the same table: nothing to write
            conn.execute(sa.delete(targets))
            conn.execute(targets.insert(), records)
            self._audit(conn, "targets_change", by, {"targets": records})

    # -- imports ---------------------------------------------------------------------------
    def save_report(
        self,
        report: FileReport,
        data: bytes,
        filename: str,
        by: str = "",
        is_sample: bool = False,
        actor: Account | None = None,
    ) -> ImportResult:
        """Store one file checked by ``intake.check_upload``, all of its unit-periods or none.

        ``actor`` (accounts): a unit account's submissions are stored ``pending`` (nothing superseded
        until a reviewer accepts), for its own units only; other roles need ``Action.IMPORT``."""
        action = acc.write_action(actor)
        acc.require(actor, action)
        status = acc.submission_status(actor)
        who, by = acc.actor_label(actor, by), (actor.label if actor is not None else by)
        self._require_register(None)
        if not report.ok:
            return ImportResult(report)
        keys = [(s.unit, str(s.period)) for s in report.submissions]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})
            raise StoreError.from_key("store.duplicate_unit_period", items=", ".join(f"{u} {p}" for u, p in dup))
        for unit in sorted({u for u, _ in keys}):
            acc.require(actor, action, unit=unit)
        sha = report.sha256 or sha256_of(data)
        now = _now()
        body_k, body_columns = _body_table(report)
        with self._write() as conn:
            actives = self._active_rows(conn, keys)
            if keys and all(k in actives and actives[k]["sha256"] == sha for k in keys):
                return ImportResult(report, {k: actives[k]["id"] for k in keys}, unchanged=True)
            stored_register = self._register_in(conn)
            gone = [
                f"{u} {p}"
                for u, p in keys
                if stored_register is None
                or u not in stored_register
                or not stored_register.is_active(u, parse_period(p))
            ]
            if gone:
                raise StoreError("unit_gone", details=gone, items=", ".join(gone))
            file_id = conn.execute(sa.select(files.c.id).where(files.c.sha256 == sha)).scalar()
            if file_id is None:
                file_id = conn.execute(
                    files.insert().values(sha256=sha, size=len(data), data=data)
                ).inserted_primary_key[0]
            previous = [actives[k]["id"] if k in actives and status == "active" else None for k in keys]
            if status == "pending":  # a newer pending submission replaces an older one still waiting
                for unit, period in keys:
                    conn.execute(
                        sa.update(submissions)
                        .where(submissions.c.unit == unit, submissions.c.period == period)
                        .where(submissions.c.status == "pending")
                        .values(status="superseded")
                    )
            _set_status(conn, [i for i in previous if i is not None], "superseded")
            params = [
                {
                    "unit": unit,
                    "period": period,
                    "file_name": filename,
                    "sha256": sha,
                    "file_id": file_id,
                    "uploaded_by": by or "",
                    "uploaded_at": now,
                    "status": status,
                    "account": actor.username if actor is not None else "",
                    "supersedes": prev,
                    "is_sample": bool(is_sample),
                    "n_bodies": len(sub.bodies),
                }
                for (unit, period), prev, sub in zip(keys, previous, report.submissions, strict=True)
            ]
            new_ids = _insert_submissions(conn, params)
            ids = dict(zip(keys, new_ids, strict=True))
            replaced = [
                {"id": new, "supersedes": int(old)}
                for new, old in zip(new_ids, previous, strict=True)
                if old is not None
            ]
            _insert_bodies(conn, new_ids, body_k, body_columns)
            self._audit(
                conn,
                "import" if status == "active" else "submit",
                who,
                {
                    "file": filename,
                    "sha256": sha,
                    "is_sample": bool(is_sample),
                    "submissions": [{"id": i, "unit": u, "period": p} for (u, p), i in ids.items()],
                    "superseded": replaced,
                    "warnings": len(report.warnings),
                },
            )
        return ImportResult(report, ids)

    def _active_rows(self, conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        if not keys:
            return {}
        unit_codes = sorted({u for u, _ in keys})
        rows = conn.execute(
            sa.select(submissions.c.id, submissions.c.unit, submissions.c.period, submissions.c.sha256).where(
                submissions.c.status == "active", submissions.c.unit.in_(unit_codes)
            )
        ).mappings()
        wanted = set(keys)
        return {(r["unit"], r["period"]): dict(r) for r in rows if (r["unit"], r["period"]) in wanted}

    def _register_in(self, conn: Connection) -> Register | None:
        try:
            return self._register_of(conn)
        except RegisterError:  # pragma: no cover - only valid registers are saved
            return None

    # -- rollback --------------------------------------------------------------------------
    def rollback(self, submission_id: int, by: str = "", actor: Account | None = None) -> int | None:
        """Undo one upload: the ACTIVE submission becomes ``rolled_back`` and the one it superseded
        becomes ``active`` again. Returns the id made active (None: the unit-period has no data now)."""
        acc.require(actor, Action.ROLLBACK)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            row = conn.execute(sa.select(submissions).where(submissions.c.id == int(submission_id))).mappings().first()
            if row is None:
                raise StoreError("not_found", id=submission_id)
            if row["status"] != "active":
                raise StoreError(
                    "not_active",
                    id=submission_id,
                    status_vi=t(f"store.status.{row['status']}", "vi"),
                    status_en=t(f"store.status.{row['status']}", "en"),
                )
            conn.execute(sa.update(submissions).where(submissions.c.id == row["id"]).values(status="rolled_back"))
            restored = row["supersedes"]
            if restored is not None:
                conn.execute(sa.update(submissions).where(submissions.c.id == restored).values(status="active"))
            self._audit(
                conn,
                "rollback",
                by,
                {"id": row["id"], "unit": row["unit"], "period": row["period"], "restored": restored},
            )
        return restored

    # -- sample data -----------------------------------------------------------------------
    def delete_sample(self, by: str = "", actor: Account | None = None) -> int:
        """Delete every sample submission, its bodies and its file when no other submission uses it.

        The only deletion the store does. Non-sample submissions that pointed at a deleted one through
        ``supersedes`` keep their status and lose that link. Returns the number of submissions deleted.
        """
        acc.require(actor, Action.SAMPLE)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            ids = list(conn.execute(sa.select(submissions.c.id).where(submissions.c.is_sample.is_(True))).scalars())
            if not ids:
                return 0
            file_ids = set(
                conn.execute(sa.select(submissions.c.file_id).where(submissions.c.id.in_(ids)).distinct()).scalars()
            )
            unlinked = list(
                conn.execute(
                    sa.select(submissions.c.id).where(
                        submissions.c.supersedes.in_(ids), submissions.c.is_sample.is_(False)
                    )
                ).scalars()
            )
            conn.execute(sa.update(submissions).where(submissions.c.id.in_(unlinked)).values(supersedes=None))
            conn.execute(sa.update(submissions).where(submissions.c.id.in_(ids)).values(supersedes=None))
            conn.execute(sa.delete(bodies).where(bodies.c.submission_id.in_(ids)))
            conn.execute(sa.delete(submissions).where(submissions.c.id.in_(ids)))
            still_used = set(
                conn.execute(
                    sa.select(submissions.c.file_id).where(submissions.c.file_id.in_(file_ids)).distinct()
                ).scalars()
            )
            dropped = sorted(f for f in file_ids - still_used if f is not None)
            if dropped:
                conn.execute(sa.delete(files).where(files.c.id.in_(dropped)))
            self._audit(
                conn,
                "sample_remove",
                by,
                {"submissions": len(ids), "files": len(dropped), "unlinked": unlinked},
            )
        return len(ids)

    def record_sample_load(self, by: str, detail: dict, actor: Account | None = None) -> None:
        """Audit that sample data was loaded (the imports themselves are audited one by one)."""
        acc.require(actor, Action.SAMPLE)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            self._audit(conn, "sample_load", by, detail)

    # -- reads -----------------------------------------------------------------------------
    def history(self, unit: str | None = None, period: object = None) -> pd.DataFrame:
        """Every submission (any status), newest first; optionally for one unit and/or one period."""
        q = sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS]).order_by(submissions.c.id.desc())
        if unit is not None:
            q = q.where(sa.func.upper(submissions.c.unit) == str(unit).strip().upper())
        if period is not None:
            q = q.where(submissions.c.period == _period_str(period))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        frame = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
        frame["id"] = frame["id"].astype("int64")
        frame["supersedes"] = frame["supersedes"].astype("Int64")
        frame["is_sample"] = frame["is_sample"].astype(bool)
        frame["n_bodies"] = frame["n_bodies"].astype("int64")
        return frame

    def history_active(self, unit_codes: list[str] | None = None) -> pd.DataFrame:
        """The active submissions (HISTORY_COLUMNS), optionally of some units only."""
        q = sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS]).where(submissions.c.status == "active")
        if unit_codes is not None:
            q = q.where(submissions.c.unit.in_(list(unit_codes)))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(submissions.c.id.desc())).all()
        return pd.DataFrame(rows, columns=HISTORY_COLUMNS)

    def active_bodies(
        self, units: Iterable[str] | None = None, periods: Iterable[object] | None = None
    ) -> pd.DataFrame:
        """Body rows of every active submission (one SELECT), sorted by unit, period and row."""
        s, b = submissions.c, bodies.c
        q = (
            sa.select(
                b.submission_id,
                s.unit,
                s.period,
                b.body_name,
                b.body_type,
                *[b[c] for c in COUNT_COLUMNS],
                b.note,
                b.source_row,
            )
            .select_from(bodies.join(submissions, b.submission_id == s.id))
            .where(s.status == "active")
            .order_by(s.unit, s.period, b.row_no)
        )
        if units is not None:
            q = q.where(s.unit.in_([str(u) for u in units]))
        if periods is not None:
            q = q.where(s.period.in_([_period_str(p) for p in periods]))
        with self.engine.connect() as conn:
            rows = _fetch_tuples(conn, q)
        return _bodies_frame(rows, ACTIVE_BODY_COLUMNS)

    def submission_bodies(self, submission_id: int) -> pd.DataFrame:
        """The body rows of one submission, in file order (``row_no``, BODY_COLUMNS, ``source_row``)."""
        q = (
            sa.select(*[bodies.c[c] for c in SUBMISSION_BODY_COLUMNS])
            .where(bodies.c.submission_id == int(submission_id))
            .order_by(bodies.c.row_no)
        )
        with self.engine.connect() as conn:
            if conn.execute(sa.select(submissions.c.id).where(submissions.c.id == int(submission_id))).first() is None:
                raise StoreError("not_found", id=submission_id)
            rows = conn.execute(q).all()
        return _bodies_frame(rows, SUBMISSION_BODY_COLUMNS)

    def submission_file(self, submission_id: int) -> tuple[str, bytes]:
        """The file name and the original bytes of the file a submission came from."""
        q = (
            sa.select(submissions.c.file_name, files.c.data)
            .select_from(submissions.join(files, submissions.c.file_id == files.c.id))
            .where(submissions.c.id == int(submission_id))
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            raise StoreError("not_found", id=submission_id)
        return row[0], bytes(row[1])

    def audit_log(self) -> pd.DataFrame:
        """The audit log, newest first: id, at (UTC ISO), action, who, detail (JSON text)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(audit).order_by(audit.c.id.desc())).all()
        return pd.DataFrame(rows, columns=AUDIT_COLUMNS)

    # -- reads for the app's model at scale (scale) ------------------------------------------
    def active_counts(self) -> pd.DataFrame:
        """``unit, period, body_type`` and the five counts of every active body row, in no order:
        what the indicators need, without names and notes. Two plain SELECTs (the active
        submissions, then their body rows by id) read column-wise, so 200,000 rows take about a
        second instead of several (no sort, no per-row objects)."""
        s, b = submissions.c, bodies.c
        names = ["body_type", *COUNT_COLUMNS]
        with self.engine.connect() as conn:
            subs = conn.execute(sa.select(s.id, s.unit, s.period).where(s.status == "active")).all()
            q = (
                sa.select(b.submission_id, *[b[c] for c in names])
                .select_from(bodies.join(submissions, b.submission_id == s.id))
                .where(s.status == "active")
            )
            rows = conn.execute(q).cursor.fetchall()  # plain tuples: no per-row Row objects
        if not rows:
            empty = pd.DataFrame({c: pd.Series(dtype="object") for c in ["unit", "period", *names]})
            return empty.astype({c: "int64" for c in COUNT_COLUMNS})
        columns = list(zip(*rows, strict=True))
        ids, unit, period = (np.asarray(v) for v in zip(*subs, strict=True))
        where = pd.Index(ids).get_indexer(np.asarray(columns[0]))
        out = pd.DataFrame({"unit": unit.astype(object)[where], "period": period.astype(object)[where]})
        out["body_type"] = np.asarray(columns[1], dtype=object)
        for c, values in zip(COUNT_COLUMNS, columns[2:], strict=True):
            out[c] = np.asarray(values, dtype="int64")
        return out

    # -- accounts: review of unit submissions (SPEC §10) ---------------------------------------
    def review_queue(self, units: Iterable[str] | None = None) -> pd.DataFrame:
        """The ``pending`` submissions (HISTORY_COLUMNS), oldest first; optionally of some units only."""
        q = sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS]).where(submissions.c.status == "pending")
        if units is not None:
            q = q.where(submissions.c.unit.in_([str(u) for u in units]))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(submissions.c.id)).all()
        return pd.DataFrame(rows, columns=HISTORY_COLUMNS)

    def _pending_row(self, conn: Connection, submission_id: int) -> dict:
        row = conn.execute(sa.select(submissions).where(submissions.c.id == int(submission_id))).mappings().first()
        if row is None:
            raise StoreError.from_key("store.not_found", id=submission_id)
        if row["status"] != "pending":
            raise acc.AccountError("not_pending", id=int(submission_id), status=row["status"])
        return dict(row)

    def accept(self, submission_id: int, actor: Account | None = None, comment: str = "") -> int | None:
        """A reviewer accepts a pending submission: it becomes ``active`` and supersedes the active
        submission of its unit-quarter (returned: that one's id, None when there was none)."""
        acc.require(actor, Action.REVIEW)
        with self._write() as conn:
            row = self._pending_row(conn, submission_id)
            key = (row["unit"], row["period"])
            previous = self._active_rows(conn, [key]).get(key)
            old_id = int(previous["id"]) if previous else None
            if old_id is not None:
                conn.execute(sa.update(submissions).where(submissions.c.id == old_id).values(status="superseded"))
            conn.execute(
                sa.update(submissions)
                .where(submissions.c.id == row["id"])
                .values(
                    status="active",
                    supersedes=old_id,
                    reviewed_by=acc.actor_label(actor),
                    reviewed_at=_now(),
                    review_comment=(comment or "").strip(),
                )
            )
            self._audit(
                conn,
                "accept",
                acc.actor_label(actor),
                {"id": row["id"], "unit": row["unit"], "period": row["period"], "superseded": old_id},
            )
        return old_id

    def return_submission(self, submission_id: int, comment: str, actor: Account | None = None) -> None:
        """A reviewer returns a pending submission to its unit with a comment (required): ``returned``."""
        acc.require(actor, Action.REVIEW)
        comment = (comment or "").strip()
        if not comment:
            raise acc.AccountError("comment_required")
        with self._write() as conn:
            row = self._pending_row(conn, submission_id)
            conn.execute(
                sa.update(submissions)
                .where(submissions.c.id == row["id"])
                .values(
                    status="returned",
                    reviewed_by=acc.actor_label(actor),
                    reviewed_at=_now(),
                    review_comment=comment,
                )
            )
            self._audit(
                conn,
                "return",
                acc.actor_label(actor),
                {"id": row["id"], "unit": row["unit"], "period": row["period"], "comment": comment},
            )

    def submission_states(self) -> pd.DataFrame:
        """Per unit and quarter, the latest review state for the completeness matrix: ``active``
        (sent and counted), ``pending``, ``returned``; a unit-quarter absent here is missing."""
        q = (
            sa.select(submissions.c.unit, submissions.c.period, submissions.c.status, submissions.c.id)
            .where(submissions.c.status.in_(["active", "pending", "returned"]))
            .order_by(submissions.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        frame = pd.DataFrame(rows, columns=["unit", "period", "status", "id"])
        if frame.empty:
            return frame[["unit", "period", "status"]]
        rank = frame["status"].map({"returned": 0, "active": 1, "pending": 2})
        # pending wins (it waits for a reviewer); then active; a returned one only when nothing else
        frame = frame.assign(_r=rank).sort_values(["_r", "id"])
        return frame.groupby(["unit", "period"], as_index=False).last()[["unit", "period", "status"]]

    # -- accounts: users and settings ---------------------------------------------------------
    def has_accounts(self) -> bool:
        """True once any account exists (then every page needs sign-in)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(accounts_table.c.id).limit(1)).first() is not None

    def accounts(self) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(accounts_table).order_by(accounts_table.c.username)).mappings().all()
        return [_account(r) for r in rows]

    def account(self, username: str) -> Account | None:
        """The account of ``username`` (case-insensitive), None when there is none."""
        with self.engine.connect() as conn:
            row = self._account_row(conn, username)
        return _account(row) if row else None

    def account_by_email(self, email: str) -> Account | None:
        """The account whose e-mail is ``email`` (case-insensitive): the OIDC sign-in mapping."""
        email = (email or "").strip().lower()
        if not email:
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(accounts_table).where(sa.func.lower(accounts_table.c.email) == email))
                .mappings()
                .first()
            )
        return _account(row) if row else None

    def _account_row(self, conn: Connection, username: str) -> dict | None:
        name = (username or "").strip().lower()
        row = (
            conn.execute(sa.select(accounts_table).where(sa.func.lower(accounts_table.c.username) == name))
            .mappings()
            .first()
        )
        return dict(row) if row else None

    def add_account(
        self,
        username: str,
        role: str,
        password: str,
        *,
        units: Iterable[str] = (),
        display_name: str = "",
        email: str = "",
        actor: Account | None = None,
    ) -> Account:
        """Create an account. Unit accounts need at least one unit of the register; others take none."""
        acc.require(actor, Action.USERS)
        username = acc.validate_username(username)
        role = acc.parse_role(role)
        codes = self._unit_codes(units, role)
        password_hash = acc.hash_password(password)
        with self._write() as conn:
            if self._account_row(conn, username) is not None:
                raise acc.AccountError("account_exists", username=username)
            conn.execute(
                accounts_table.insert().values(
                    username=username,
                    display_name=(display_name or "").strip(),
                    role=str(role),
                    units=",".join(codes),
                    email=(email or "").strip(),
                    password_hash=password_hash,
                    created_at=_now(),
                )
            )
            self._audit(
                conn, "user_add", acc.actor_label(actor), {"username": username, "role": str(role), "units": codes}
            )
        return self.account(username)  # type: ignore[return-value]

    def _unit_codes(self, units: Iterable[str], role: acc.Role) -> list[str]:
        codes = [str(u).strip() for u in units if str(u).strip()]
        if role is not acc.Role.UNIT:
            if codes:
                raise acc.AccountError("units_only_for_unit_role")
            return []
        if not codes:
            raise acc.AccountError("unit_required")
        register = self.register()
        if register is None:
            raise StoreError.from_key("store.no_register")
        unknown = [c for c in codes if c not in register or register.is_area(register.canonical(c))]
        if unknown:
            raise acc.AccountError("unknown_units", units=", ".join(unknown))
        return list(dict.fromkeys(register.canonical(c) for c in codes))

    def update_account(
        self,
        username: str,
        *,
        password: str | None = None,
        disabled: bool | None = None,
        role: str | None = None,
        units: Iterable[str] | None = None,
        display_name: str | None = None,
        email: str | None = None,
        actor: Account | None = None,
    ) -> Account:
        """Change one account: a new password (also unlocks it), disable/enable, role, units, name, e-mail."""
        acc.require(actor, Action.USERS)
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None:
                raise acc.AccountError("account_unknown", username=username)
            values: dict = {}
            if password is not None:
                values.update(password_hash=acc.hash_password(password), failed_attempts=0, locked_until="")
            if disabled is not None:
                if disabled and actor is not None and actor.username == row["username"]:
                    raise acc.AccountError("cannot_disable_self")
                values["disabled"] = bool(disabled)
            new_role = acc.parse_role(role) if role is not None else acc.Role(row["role"])
            if actor is not None and actor.username == row["username"] and new_role is not actor.role:
                raise acc.AccountError("cannot_disable_self")  # an admin keeps their own rights
            if role is not None or units is not None:
                current = [u for u in row["units"].split(",") if u]
                values["role"] = str(new_role)
                values["units"] = ",".join(
                    self._unit_codes(units if units is not None else current, new_role)
                    if new_role is acc.Role.UNIT or units
                    else []
                )
            if display_name is not None:
                values["display_name"] = display_name.strip()
            if email is not None:
                values["email"] = email.strip()
            if password is not None or disabled:  # signed-in browsers of this account are signed out
                conn.execute(sa.delete(account_sessions).where(account_sessions.c.username == row["username"]))
            if values:
                conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(**values))
                shown = {k: v for k, v in values.items() if k not in ("password_hash", "failed_attempts")}
                if "password_hash" in values:
                    shown["password"] = "changed"
                self._audit(conn, "user_change", acc.actor_label(actor), {"username": row["username"], **shown})
        return self.account(row["username"])  # type: ignore[return-value]

    def authenticate(self, username: str, password: str, now: dt.datetime | None = None) -> Account:
        """Sign in with a local password. One generic ``sign_in_failed`` for a wrong name or password
        (and for a disabled account); ``locked`` (with ``minutes``) during a lockout. Failures are
        counted on the account; the fifth in a row locks it (``accounts.lock_after_failure``)."""
        now = now or dt.datetime.now(dt.UTC)
        error = acc.AccountError("sign_in_failed")
        signed_in: Account | None = None
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None:
                acc.verify_password(_DUMMY_HASH, password or "")  # the same work as a real check
            elif acc.is_locked(account := _account(row), now):
                error = acc.AccountError("locked", minutes=acc.minutes_left(account, now))
            elif acc.verify_password(row["password_hash"], password or ""):
                if not row["disabled"]:
                    stamp = now.isoformat(timespec="seconds")
                    values = {"failed_attempts": 0, "locked_until": "", "last_sign_in_at": stamp}
                    conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(**values))
                    signed_in = dataclasses.replace(account, **values)
            else:
                failed, until = acc.lock_after_failure(int(row["failed_attempts"]), now)
                conn.execute(
                    sa.update(accounts_table)
                    .where(accounts_table.c.id == row["id"])
                    .values(failed_attempts=failed, locked_until=until)
                )
                if until:
                    locked = dataclasses.replace(account, locked_until=until)
                    error = acc.AccountError("locked", minutes=acc.minutes_left(locked, now))
        if signed_in is not None:
            return signed_in
        raise error  # after the commit: the failure counter is kept

    def record_sign_in(self, username: str, now: dt.datetime | None = None) -> None:
        """Stamp a sign-in made elsewhere (OIDC): ``last_sign_in_at``."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(
                sa.update(accounts_table)
                .where(sa.func.lower(accounts_table.c.username) == username.strip().lower())
                .values(last_sign_in_at=stamp)
            )

    def public_view(self) -> bool:
        """True when an admin opened the dashboards, read-only, to visitors who are not signed in."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta.c.value).where(meta.c.key == PUBLIC_VIEW_KEY)).scalar()
        return value == "1"

    def set_public_view(self, on: bool, actor: Account | None = None) -> None:
        acc.require(actor, Action.SETTINGS)
        with self._write() as conn:
            conn.execute(sa.delete(meta).where(meta.c.key == PUBLIC_VIEW_KEY))
            conn.execute(meta.insert().values(key=PUBLIC_VIEW_KEY, value="1" if on else "0"))
            self._audit(conn, "settings_change", acc.actor_label(actor), {"public_view": bool(on)})

    def open_session(self, username: str, now: dt.datetime | None = None) -> str:
        """A new browser session for ``username`` (after a successful sign-in): the token for its
        cookie. Expired sessions are dropped on the way."""
        now = now or dt.datetime.now(dt.UTC)
        token = acc.new_session_token()
        expires = (now + dt.timedelta(hours=acc.SESSION_HOURS)).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(sa.delete(account_sessions).where(account_sessions.c.expires_at < now.isoformat()))
            conn.execute(
                account_sessions.insert().values(
                    token_hash=acc.session_hash(token),
                    username=username,
                    created_at=now.isoformat(timespec="seconds"),
                    expires_at=expires,
                )
            )
        return token

    def session_account(self, token: str, now: dt.datetime | None = None) -> Account | None:
        """The enabled account a browser token signs in, None when unknown, expired or disabled."""
        if not token:
            return None
        now = now or dt.datetime.now(dt.UTC)
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(account_sessions.c.username, account_sessions.c.expires_at).where(
                    account_sessions.c.token_hash == acc.session_hash(token)
                )
            ).first()
        if row is None or row[1] <= now.isoformat(timespec="seconds"):
            return None
        account = self.account(row[0])
        return account if account is not None and not account.disabled else None

    def close_session(self, token: str) -> None:
        """Sign a browser out: its token signs nobody in any more."""
        with self._write() as conn:
            conn.execute(sa.delete(account_sessions).where(account_sessions.c.token_hash == acc.session_hash(token)))

    def register_as_saved(self) -> Register | None:
        """The stored register exactly as ``save_register`` wrote it (validated then), without
        validating it again: ``register()`` re-checks every unit, about a second for 3,000 units,
        which the app's model, rebuilt after every import, need not pay. None when none is saved."""
        q = sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position, units.c.code)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        if not rows:
            return None
        return Register(pd.DataFrame([tuple(r) for r in rows], columns=REGISTER_COLUMNS))

    # -- meetings: notes (an indicator's or a unit's remark for a quarter) --------------------
    def add_note(
        self,
        unit: str,
        period: object,
        text: str,
        indicator: str | None = None,
        by: str = "",
        actor: Account | None = None,
    ) -> int:
        """Store a note on ``unit`` (an area or a unit) for ``period``, on one ``indicator`` or on
        the unit as a whole (None). The text is kept as typed (plain text, stripped, at most
        ``NOTE_MAX_CHARS``); returns its id. Raises ``GenderTargetsError`` ``note_empty`` /
        ``note_too_long`` / ``note_unknown_unit`` / ``note_unknown_indicator``."""
        acc.require(actor, Action.REVIEW)  # the union's officers and reviewers write notes (SPEC §11)
        by = acc.actor_label(actor, by)
        from .errors import GenderTargetsError

        body = " ".join(str(text or "").split())
        if not body:
            raise GenderTargetsError("note_empty")
        if len(body) > NOTE_MAX_CHARS:
            raise GenderTargetsError("note_too_long", limit=NOTE_MAX_CHARS, length=len(body))
        ind = (indicator or "").strip().upper()
        if ind and ind not in INDICATORS:
            raise GenderTargetsError("note_unknown_indicator", indicator=ind)
        reg = self.register()
        code = str(unit).strip()
        if reg is not None:
            if code not in reg:
                raise GenderTargetsError("note_unknown_unit", unit=code)
            code = reg.canonical(code)
        per = _period_str(period)
        with self._write() as conn:
            new_id = conn.execute(
                notes.insert().values(
                    unit=code, indicator=ind, period=per, text=body, created_by=by or "", created_at=_now()
                )
            ).inserted_primary_key[0]
            self._audit(conn, "note_add", by, {"id": new_id, "unit": code, "indicator": ind, "period": per})
        return int(new_id)

    def delete_note(self, note_id: int, by: str = "", actor: Account | None = None) -> bool:
        """Hide a note (kept in the table, marked deleted); False when there is no such note."""
        acc.require(actor, Action.REVIEW)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            done = conn.execute(
                sa.update(notes).where(notes.c.id == int(note_id), notes.c.deleted.is_(False)).values(deleted=True)
            ).rowcount
            if done:
                self._audit(conn, "note_delete", by, {"id": int(note_id)})
        return bool(done)

    def notes(self, unit: str | None = None, indicator: str | None = None) -> pd.DataFrame:
        """The notes not deleted (``NOTE_COLUMNS``), oldest first; optionally of one unit, and of one
        indicator (which includes the notes on the unit as a whole, ``indicator == ""``)."""
        q = sa.select(*[notes.c[c] for c in NOTE_COLUMNS]).where(notes.c.deleted.is_(False)).order_by(notes.c.id)
        if unit is not None:
            q = q.where(sa.func.upper(notes.c.unit) == str(unit).strip().upper())
        if indicator is not None:
            q = q.where(notes.c.indicator.in_([str(indicator).upper(), ""]))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return pd.DataFrame(rows, columns=NOTE_COLUMNS)

    # -- end meetings ----------------------------------------------------------------------


_DUMMY_HASH = acc.hash_password("not-a-real-password")


def _account(row) -> Account:
    return Account(
        username=row["username"],
        role=acc.Role(row["role"]),
        display_name=row["display_name"] or "",
        units=tuple(u for u in (row["units"] or "").split(",") if u),
        email=row["email"] or "",
        disabled=bool(row["disabled"]),
        created_at=row["created_at"] or "",
        last_sign_in_at=row["last_sign_in_at"] or "",
        failed_attempts=int(row["failed_attempts"] or 0),
        locked_until=row["locked_until"] or "",
        id=int(row["id"]),
    )


#: Columns of ``bodies`` written by an import, in this order (``_insert_bodies``).
_BODY_INSERT_COLUMNS = ["submission_id", "row_no", *BODY_COLUMNS, "source_row"]
#: Rows per statement when a list of ids is sent as ``IN (…)``.
_ID_CHUNK = 900


def _body_table(report: FileReport) -> tuple[np.ndarray, dict[str, list]]:
    """Every body row of a report as plain column lists, ready for one bulk insert: ``k`` (the index of
    each row's submission) and the columns ``row_no``, BODY_COLUMNS and ``source_row`` (None if unknown).

    One ``to_numpy`` per submission and one concatenation (a ``pd.concat`` of 26,656 small frames
    takes seconds); counts become int, text stays text, a missing note is empty."""
    subs = report.submissions
    lengths = np.fromiter((len(s.bodies) for s in subs), dtype=np.int64, count=len(subs))
    k = np.repeat(np.arange(len(subs)), lengths)
    if not len(k):
        return k, {}
    fields = [*BODY_COLUMNS, "source_row"]
    blocks = []
    for s in subs:
        frame = s.bodies
        if not len(frame):
            continue
        if list(frame.columns) != fields:
            frame = frame.reindex(columns=fields)
        blocks.append(frame.to_numpy(dtype=object))
    grid = np.concatenate(blocks)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    out: dict[str, list] = {"row_no": (np.arange(len(k)) - starts).tolist()}
    for j, name in enumerate(fields):
        col = pd.Series(grid[:, j])
        if name in COUNT_COLUMNS:
            out[name] = pd.to_numeric(col).fillna(0).astype("int64").tolist()
        elif name == "source_row":
            nums = pd.to_numeric(col, errors="coerce")
            out[name] = [None if v != v else int(v) for v in nums.tolist()]
        else:
            out[name] = col.fillna("").astype(str).tolist()
    return k, out


def _insert_bodies(conn: Connection, submission_ids: list[int], k: np.ndarray, columns: dict[str, list]) -> None:
    """The body rows of a report, ``k`` mapping each row to its submission's new id, in one bulk insert."""
    if not len(k):
        return
    columns = {**columns, "submission_id": np.asarray(submission_ids, dtype=np.int64)[k].tolist()}
    rows = list(zip(*(columns[c] for c in _BODY_INSERT_COLUMNS), strict=True))
    _bulk_insert(conn, bodies, _BODY_INSERT_COLUMNS, rows)


def _insert_submissions(conn: Connection, params: list[dict]) -> list[int]:
    """Insert submission rows (dicts with the same keys); their new ids, in order.

    The ids are taken first, so that the rows (and then their bodies) go in as one bulk insert: on
    PostgreSQL from the table's sequence, on SQLite after the largest id (the write transaction's
    ``BEGIN IMMEDIATE`` lock keeps anybody else from inserting meanwhile)."""
    if not params:
        return []
    n = len(params)
    dialect = conn.dialect.name
    seq = None
    if dialect == "postgresql":
        seq = conn.execute(sa.select(sa.func.pg_get_serial_sequence(submissions.name, submissions.c.id.name))).scalar()
    if seq is not None:
        ids = sorted(
            int(i)
            for i in conn.execute(sa.select(sa.func.nextval(seq)).select_from(sa.func.generate_series(1, n))).scalars()
        )
    elif dialect in ("sqlite", "postgresql"):  # no sequence: writers are serialised by the write lock
        start = int(conn.execute(sa.select(sa.func.max(submissions.c.id))).scalar() or 0)
        ids = list(range(start + 1, start + n + 1))
    else:  # another back-end: let it number the rows
        inserted = conn.execute(submissions.insert().returning(submissions.c.id, sort_by_parameter_order=True), params)
        return [int(r[0]) for r in inserted]
    names = ["id", *params[0]]
    rows = [(i, *p.values()) for i, p in zip(ids, params, strict=True)]
    _bulk_insert(conn, submissions, names, rows)
    return ids


def _bulk_insert(conn: Connection, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
    """Insert many rows at once: ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany`` elsewhere."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        dbapi_conn = conn.connection.driver_connection
        sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        try:
            with dbapi_conn.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except conn.dialect.loaded_dbapi.Error as exc:  # not seen by the engine's error hook
            raise _db_error(exc, conn.engine.url) from exc
        return
    marks = ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * len(columns))
    if conn.dialect.paramstyle in ("qmark", "format"):
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)
    else:
        conn.execute(table.insert(), [dict(zip(columns, r, strict=True)) for r in rows])


def _set_status(conn: Connection, ids: list[int], status: str) -> None:
    """Give the submissions ``ids`` the status ``status`` (a few statements, not one per id)."""
    for i in range(0, len(ids), _ID_CHUNK):
        chunk = ids[i : i + _ID_CHUNK]
        conn.execute(sa.update(submissions).where(submissions.c.id.in_(chunk)).values(status=status))


def _fetch_tuples(conn: Connection, query: sa.Select) -> list[tuple]:
    """Every row of a query as plain tuples from the driver's own cursor: for the large reads (all
    active body rows), where building SQLAlchemy rows would cost more than fetching them."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as exc:  # not seen by the engine's error hook
        raise _db_error(exc, conn.engine.url) from exc
    finally:
        cursor.close()


def _bodies_frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """Body rows (tuples in ``columns`` order) as a frame: counts and ids int64, ``source_row`` Int64,
    text as object. Built column by column with the dtype known (inferring it costs seconds at 200,000 rows)."""
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data: dict[str, object] = {}
    for name, col in zip(columns, values, strict=True):
        if name in COUNT_COLUMNS or name in ("submission_id", "row_no"):
            data[name] = np.array(col, dtype=np.int64)
        elif name == "source_row":
            data[name] = pd.array(col, dtype="Int64")
        else:
            data[name] = np.array(col, dtype=object)
    return pd.DataFrame(data, columns=columns)


# ---- opening -------------------------------------------------------------------------------
def open_store(path_or_url: str | os.PathLike | None = None) -> Store:
    """Open (creating or upgrading) the database at a path or SQLAlchemy URL; default ``default_db_url()``.

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
    backend = url.get_backend_name()
    db_file = _sqlite_file(url)
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
