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

Where things live (one module per area; ``Store`` in ``core.py`` gathers the areas' mixins):

- ``schema.py``: the tables (``metadata``), ``SCHEMA_VERSION``, statuses, audit actions, column groups;
  ``migrations.py``: ``MIGRATIONS`` and the upgrade functions.
- ``base.py``: ``BaseStore`` (engine, write transactions, audit rows, creating or upgrading the schema,
  simple reads); ``reference.py``: the register and the targets; ``uploads.py``: ``save_report``,
  ``ImportResult``, rollback, sample data; ``reads.py``: history, body rows, files, audit log, the
  reads at national scale; ``review.py``: pending submissions; ``accounts.py``: users, sign-in,
  sessions, settings; ``meeting_notes.py``: notes.
- ``bulk.py``: bulk inserts and large reads; ``dberrors.py``: ``StoreError`` and the translation of
  driver errors; ``opening.py``: ``open_store``, ``default_db_url``, the SQLite checks and hooks;
  ``_util.py``: small shared helpers.

Everything is imported from ``gender_targets.store`` as before.
"""

from __future__ import annotations

# ruff: noqa: F401  (re-exports: every name ``gender_targets.store`` had as one module)
#: ``large_change`` fires when an indicator moves strictly more than this many percentage points.
from ..validation.history import LARGE_CHANGE_POINTS
from ._util import _int, _now, _period_str, _sqlite_file
from .accounts import _DUMMY_HASH, _account
from .attachments import StoredAttachment
from .bulk import (
    _BODY_INSERT_COLUMNS,
    _ID_CHUNK,
    _bodies_frame,
    _body_table,
    _bulk_insert,
    _fetch_tuples,
    _insert_bodies,
    _insert_submissions,
    _set_status,
)
from .core import Store
from .dberrors import (
    _PG_CONNECT_TEXT,
    _PG_STATES,
    _SQLITE_CODES,
    StoreError,
    _db_error,
    _first_line,
    _install_error_hook,
)
from .migrations import MIGRATIONS, _add_missing, _migrate_0_to_1, _migrate_1_to_2
from .opening import (
    BUSY_TIMEOUT_S,
    CONNECT_TIMEOUT_S,
    DEFAULT_DB_PATH,
    SQLITE_HEADER,
    _install_sqlite_hooks,
    _mask_password,
    _precheck_sqlite,
    _to_url,
    default_db_url,
    open_store,
)
from .schema import (
    _REVIEW_COLUMNS,
    ACCOUNT_COLUMNS,
    ACTIVE_BODY_COLUMNS,
    AUDIT_ACTIONS,
    AUDIT_COLUMNS,
    HISTORY_COLUMNS,
    NOTE_COLUMNS,
    NOTE_MAX_CHARS,
    PUBLIC_VIEW_KEY,
    REVIEW_COLUMNS,
    SCHEMA_LOCK_KEY,
    SCHEMA_VERSION,
    STATUSES,
    SUBMISSION_BODY_COLUMNS,
    account_sessions,
    accounts_table,
    audit,
    bodies,
    files,
    meta,
    metadata,
    notes,
    submissions,
    targets,
    units,
)
from .uploads import ImportResult

__all__ = [
    "AUDIT_ACTIONS",
    "LARGE_CHANGE_POINTS",
    "SCHEMA_VERSION",
    "STATUSES",
    "ImportResult",
    "Store",
    "StoreError",
    "StoredAttachment",
    "default_db_url",
    "open_store",
]
