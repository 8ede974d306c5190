"""The store: every submission ever accepted, the unit register, the targets and an audit log (SPEC §4, §6, §8).

SQLAlchemy Core with portable SQL (SQLite now, PostgreSQL later). Promises:

- **All or nothing per file.** ``import_file`` validates first (``check``); a file with any error
  stores nothing. Otherwise one transaction stores every unit-period of the file, each as its own
  submission. The file's bytes are kept once per SHA-256 in ``files``.
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
- **Damaged or foreign files are never touched**: before connecting, an SQLite file must start with
  the header ``SQLite format 3\\0`` and pass ``PRAGMA quick_check``; a schema version newer than
  this code knows is refused before anything is written.

History warnings added by ``check`` to the reader's report:

- ``replaces_submission``: the unit-period already has an active submission from another file.
- ``large_change``: an indicator of a unit-period moves more than 25 percentage points from the
  unit's **previous quarter with data**: the latest earlier quarter of the same unit code among the
  active stored submissions and the file's own unit-periods (the file's own rows win for a quarter
  they both hold, since they would replace the stored ones). When the immediately preceding quarter
  exists it is that quarter; otherwise the most recent earlier one. Only the unit's own values are
  compared (no reconstruction from predecessors); a value with a zero denominator is not compared.
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
from . import intake
from .accounts import Account, Action
from .i18n import number, t
from .indicators import COUNT_PAIRS, aggregate_bodies, ratio
from .intake import FileReport, sha256_of
from .periods import parse_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS, DEFAULT_TARGETS, INDICATORS, TargetsError, targets_frame
from .units import REGISTER_COLUMNS, Register, RegisterError, register_from_frame
from .validation import ValidationIssue, make_issue

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
LARGE_CHANGE_POINTS = 25.0
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
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A store operation that cannot be done; the messages tell the user why, in both languages."""

    def __init__(self, message_vi: str, message_en: str, details: list[str] | None = None):
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en
        self.details = list(details or [])

    @classmethod
    def from_key(cls, key: str, details: list[str] | None = None, **params: object) -> StoreError:
        return cls(t(key, "vi", **params), t(key, "en", **params), details)

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass
class ImportResult:
    """What ``import_file`` did: the report, the submission id of every (unit, period) stored."""

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
    with path.open("rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise StoreError.from_key("store.damaged", path=where, detail="header")
    try:
        raw = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError.from_key("store.damaged", path=where, detail=str(exc)) from exc
    try:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        rows = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise StoreError.from_key("store.damaged", path=where, detail="; ".join(map(str, rows[:3])))
        has_meta = raw.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if has_meta:
            found = raw.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if found and _int(found[0]) > SCHEMA_VERSION:
                raise StoreError.from_key("store.newer_version", path=where, found=found[0], known=SCHEMA_VERSION)
    except sqlite3.Error as exc:
        raise StoreError.from_key("store.damaged", path=where, detail=str(exc)) from exc
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


def _period_str(period: object) -> str:
    return str(parse_period(period))


def _bilingual_issue(
    code: str,
    vi: dict,
    en: dict,
    *,
    sheet: str = "",
    row: int | None = None,
    value: object = "",
    **common: object,
) -> ValidationIssue:
    """An issue whose Vietnamese and English messages get language-specific parameters (labels, numbers).

    A ``value`` key in ``vi`` / ``en`` fills the message's ``{value}`` in that language; the issue's own
    ``value`` field is the ``value`` argument.
    """
    vi, en = dict(vi), dict(en)
    issue_vi = make_issue(code, sheet=sheet, row=row, value=vi.pop("value", value), **common, **vi)
    issue_en = make_issue(code, sheet=sheet, row=row, value=en.pop("value", value), **common, **en)
    return dataclasses.replace(
        issue_vi, value="" if value is None else str(value), message_en=issue_en.message_en, params={**common, **vi}
    )


# ---- the store -----------------------------------------------------------------------------
class Store:
    """A database of submissions, the register, the targets and the audit log. See the module docstring."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._write_engine = engine.execution_options(gt_write=True)

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
            insp = sa.inspect(conn)
            tables = set(insp.get_table_names())
            version: int | None = None
            if "meta" in tables:
                found = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
                version = _int(found) if found is not None else None
            if version is None:
                version = 0 if tables & {t.name for t in metadata.sorted_tables} else None
            if version is not None and version > SCHEMA_VERSION:
                raise StoreError.from_key("store.newer_version", path=self.url, found=version, known=SCHEMA_VERSION)
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
            rows = conn.execute(sa.select(units).order_by(units.c.position, units.c.code)).mappings().all()
        if not rows:
            return None
        frame = pd.DataFrame([{c: r[c] for c in REGISTER_COLUMNS} for r in rows], columns=REGISTER_COLUMNS)
        return register_from_frame(frame)

    def _require_register(self, register: Register | None) -> Register:
        register = register or self.register()
        if register is None:
            raise StoreError.from_key("store.no_register")
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
                raise StoreError.from_key("store.register_orphans", details=sorted(orphans), items="; ".join(items))
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
        """Validate (``schema.targets_frame``) and replace the stored targets; StoreError when invalid.

        Saving the table already stored writes nothing (no audit row, same ``data_version``)."""
        acc.require(actor, Action.TARGETS)
        by = acc.actor_label(actor, by)
        try:
            clean = targets_frame(frame)
        except TargetsError as exc:
            raise StoreError.from_key(
                "store.targets_invalid", details=exc.problems, problems="; ".join(exc.problems)
            ) from exc
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

    # -- validation with history -----------------------------------------------------------
    def check(
        self, data: bytes, filename: str, register: Register | None = None, today: dt.date | None = None
    ) -> FileReport:
        """``intake.check_file`` plus the warnings that need the stored history (module docstring)."""
        register = self._require_register(register)
        report = intake.check_file(data, filename, register, today)
        if report.submissions:
            report.issues.extend(self._history_issues(report, register))
        return report

    def _history_issues(self, report: FileReport, register: Register) -> list[ValidationIssue]:
        keys = [(s.unit, str(s.period)) for s in report.submissions]
        unit_codes = sorted({u for u, _ in keys})
        hist = self.history_active(unit_codes)
        out: list[ValidationIssue] = []

        def unit_label(code: str) -> str:
            return f"{register.name(code)} ({code})" if code in register else code

        def first_row(sub) -> int | None:
            rows = sub.bodies["source_row"] if "source_row" in sub.bodies else pd.Series([], dtype="Int64")
            rows = pd.to_numeric(rows, errors="coerce").dropna()
            return int(rows.min()) if len(rows) else None

        row_of = {(s.unit, str(s.period)): first_row(s) for s in report.submissions}
        active = {(r.unit, r.period): r for r in hist.itertuples()}
        for sub in report.submissions:
            prev = active.get((sub.unit, str(sub.period)))
            if prev is not None and prev.sha256 != report.sha256:
                out.append(
                    _bilingual_issue(
                        "replaces_submission",
                        {"period": sub.period.label("vi")},
                        {"period": sub.period.label("en")},
                        sheet=sub.sheet,
                        row=row_of[(sub.unit, str(sub.period))],
                        value=f"{sub.unit} {sub.period}",
                        unit=unit_label(sub.unit),
                        previous_id=int(prev.id),
                        previous_file=prev.file_name,
                    )
                )
        # values of the file's unit-periods and of the stored active ones ("2024Q3" sorts by time)
        stacked = _stack_bodies(report)
        if stacked.empty:
            return out
        new_values = _indicator_values(stacked)
        stored = self.active_bodies(units=unit_codes)
        old_values = _indicator_values(stored) if len(stored) else new_values.iloc[0:0]
        in_file = new_values.index
        both = pd.concat([new_values, old_values[~old_values.index.isin(in_file)]]).sort_index()
        prev = both.groupby(level="unit", sort=False).shift(1)
        prev_period = pd.Series(both.index.get_level_values("period"), index=both.index)
        prev_period = prev_period.groupby(level="unit", sort=False).shift(1)
        sheet_of = {(s.unit, str(s.period)): s.sheet for s in report.submissions}
        mask_file = both.index.isin(in_file)
        for ind in INDICATORS:
            delta = (both[ind] - prev[ind]).abs()
            hits = both.index[mask_file & (delta > LARGE_CHANGE_POINTS).to_numpy()]
            for unit, p in hits:
                now, before = float(both.at[(unit, p), ind]), float(prev.at[(unit, p), ind])
                before_period = parse_period(prev_period.at[(unit, p)])
                params = {}
                for lang in ("vi", "en"):
                    params[lang] = {
                        "indicator": f"{ind} ({INDICATORS[ind].short(lang)})",
                        "delta": number(abs(now - before), lang, 1),
                        "previous_period": before_period.label(lang),
                        "previous": number(before, lang, 1) + "%",
                        "value": number(now, lang, 1) + "%",
                        "unit": f"{unit_label(unit)}, {parse_period(p).label(lang)}",
                    }
                out.append(
                    _bilingual_issue(
                        "large_change",
                        params["vi"],
                        params["en"],
                        sheet=sheet_of.get((unit, p), ""),
                        row=row_of.get((unit, p)),
                        value=f"{now:.1f}",
                    )
                )
        return out

    # -- imports ---------------------------------------------------------------------------
    def import_file(
        self,
        data: bytes,
        filename: str,
        by: str = "",
        today: dt.date | None = None,
        is_sample: bool = False,
        actor: Account | None = None,
    ) -> ImportResult:
        """Validate and store one file, all of its unit-periods or none. See the module docstring.

        ``actor`` (accounts): a unit account's submissions are stored ``pending`` (nothing superseded
        until a reviewer accepts), for its own units only; other roles need ``Action.IMPORT``."""
        action = acc.write_action(actor)
        acc.require(actor, action)
        status = acc.submission_status(actor)
        who, by = acc.actor_label(actor, by), (actor.label if actor is not None else by)
        register = self._require_register(None)
        report = self.check(data, filename, register, today)
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
        records = _body_records(report)
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
                raise StoreError.from_key("store.unit_gone", details=gone, items=", ".join(gone))
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
            superseded = [{"old_id": i} for i in previous if i is not None]
            if superseded:
                conn.execute(
                    sa.update(submissions)
                    .where(submissions.c.id == sa.bindparam("old_id"))
                    .values(status="superseded"),
                    superseded,
                )
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
            inserted = conn.execute(
                submissions.insert().returning(submissions.c.id, sort_by_parameter_order=True), params
            )
            new_ids = [int(r[0]) for r in inserted]
            ids = dict(zip(keys, new_ids, strict=True))
            replaced = [
                {"id": new, "supersedes": int(old)}
                for new, old in zip(new_ids, previous, strict=True)
                if old is not None
            ]
            body_rows: list[dict] = []
            for new_id, sub_rows in zip(new_ids, records, strict=True):
                for row in sub_rows:
                    row["submission_id"] = new_id
                body_rows.extend(sub_rows)
            if body_rows:
                conn.execute(bodies.insert(), body_rows)
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

    def import_many(
        self,
        files: Iterable[tuple[str, bytes]],
        by: str = "",
        progress: Callable[[int, int], None] | None = None,
        today: dt.date | None = None,
        is_sample: bool = False,
        actor: Account | None = None,
    ) -> list[ImportResult]:
        """``import_file`` for each (name, bytes), each file all or nothing; ``progress(done, total)``."""
        files = list(files)
        out = []
        if progress:
            progress(0, len(files))
        for i, (name, data) in enumerate(files, start=1):
            out.append(self.import_file(data, name, by=by, today=today, is_sample=is_sample, actor=actor))
            if progress:
                progress(i, len(files))
        return out

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
        rows = conn.execute(sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position)).all()
        if not rows:
            return None
        try:
            return register_from_frame(pd.DataFrame(rows, columns=REGISTER_COLUMNS))
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
                raise StoreError.from_key("store.not_found", id=submission_id)
            if row["status"] != "active":
                raise StoreError.from_key(
                    "store.not_active",
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
            rows = conn.execute(q).all()
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
                raise StoreError.from_key("store.not_found", id=submission_id)
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
            raise StoreError.from_key("store.not_found", id=submission_id)
        return row[0], bytes(row[1])

    def audit_log(self) -> pd.DataFrame:
        """The audit log, newest first: id, at (UTC ISO), action, who, detail (JSON text)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(audit).order_by(audit.c.id.desc())).all()
        return pd.DataFrame(rows, columns=AUDIT_COLUMNS)

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


def _stack_bodies(report: FileReport) -> pd.DataFrame:
    """Every body row of a report in one frame: ``k`` (index of the submission), unit, period, and the
    body columns with counts as int64, notes as text and ``source_row`` (nullable)."""
    subs = report.submissions
    lengths = [len(s.bodies) for s in subs]
    if not sum(lengths):
        return pd.DataFrame(columns=["k", "unit", "period", *BODY_COLUMNS, "source_row"])
    frame = pd.concat([s.bodies for s in subs if len(s.bodies)], ignore_index=True)
    out = pd.DataFrame(
        {
            "k": np.repeat(np.arange(len(subs)), lengths),
            "unit": np.repeat([s.unit for s in subs], lengths),
            "period": np.repeat([str(s.period) for s in subs], lengths),
            "body_name": frame["body_name"].astype(str).to_numpy(),
            "body_type": frame["body_type"].astype(str).to_numpy(),
        }
    )
    for c in COUNT_COLUMNS:
        out[c] = pd.to_numeric(frame[c]).fillna(0).astype("int64").to_numpy()
    out["note"] = frame["note"].fillna("").astype(str).to_numpy() if "note" in frame else ""
    if "source_row" in frame:
        out["source_row"] = pd.array(pd.to_numeric(frame["source_row"]), dtype="Int64")
    else:
        out["source_row"] = pd.array([None] * len(out), dtype="Int64")
    return out


def _body_records(report: FileReport) -> list[list[dict]]:
    """Rows for ``bodies`` per submission of a report (``submission_id`` is filled in on insert)."""
    stacked = _stack_bodies(report)
    per_sub: list[list[dict]] = [[] for _ in report.submissions]
    if stacked.empty:
        return per_sub
    names = ["body_name", "body_type", *COUNT_COLUMNS, "note"]
    columns = [stacked[c].tolist() for c in names]
    source = [None if v is pd.NA else int(v) for v in stacked["source_row"].tolist()]
    row_no = stacked.groupby("k").cumcount().tolist()
    for i, k in enumerate(stacked["k"].tolist()):
        rec = {n: col[i] for n, col in zip(names, columns, strict=True)}
        rec["row_no"] = row_no[i]
        rec["source_row"] = source[i]
        per_sub[k].append(rec)
    return per_sub


def _bodies_frame(rows: list, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for c in COUNT_COLUMNS:
        frame[c] = frame[c].astype("int64")
    for c in ("submission_id", "row_no"):
        if c in frame:
            frame[c] = frame[c].astype("int64")
    frame["source_row"] = pd.array(frame["source_row"].tolist(), dtype="Int64")
    for c in ("body_name", "body_type", "note"):
        frame[c] = frame[c].astype(object)
    return frame


def _indicator_values(body_rows: pd.DataFrame) -> pd.DataFrame:
    """Per (unit, period): the value of I1, I2, I3 in percent (NaN for a zero denominator)."""
    agg = aggregate_bodies(body_rows)
    out = pd.DataFrame({"unit": agg["unit"], "period": agg["period"]})
    for ind, (num, den) in COUNT_PAIRS.items():
        out[ind] = ratio(agg[num], agg[den])
    return out.set_index(["unit", "period"])


# ---- opening -------------------------------------------------------------------------------
def open_store(path_or_url: str | os.PathLike | None = None) -> Store:
    """Open (creating or upgrading) the database at a path or SQLAlchemy URL; default ``default_db_url()``.

    Raises StoreError, leaving the file untouched, for a file that is not a healthy SQLite database
    or whose schema is newer than this code.
    """
    url = _to_url(path_or_url if path_or_url is not None else default_db_url())
    db_file = _sqlite_file(url)
    kwargs: dict = {}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
        if db_file is None:
            kwargs["poolclass"] = sa.pool.StaticPool
    if db_file is not None:
        db_file.parent.mkdir(parents=True, exist_ok=True)
        _precheck_sqlite(db_file)
    engine = sa.create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        _install_sqlite_hooks(engine)
    store = Store(engine)
    try:
        store._init_schema()
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise StoreError.from_key("store.damaged", path=store.url, detail=str(exc.orig)) from exc
    return store
