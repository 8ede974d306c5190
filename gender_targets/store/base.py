"""``BaseStore``: the engine, write transactions (``_write``), the audit row every write adds,
creating or upgrading the schema, and the simple reads (versions, emptiness, sample data)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..units import Register
from ._util import _int, _now, _sqlite_file
from .dberrors import StoreError
from .migrations import MIGRATIONS, add_missing_tables
from .schema import AUDIT_ACTIONS, SCHEMA_LOCK_KEY, SCHEMA_VERSION, audit, meta, metadata, submissions


class BaseStore:
    """The engine and the transactions every area of the store builds on (``gender_targets.store``)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._write_engine = engine.execution_options(gt_write=True)
        self._register_cache: tuple[tuple, Register] | None = None
        self._file_identity: tuple[int, int] | None = None  # (device, inode) of an SQLite file when opened
        self._on_close: Callable[[BaseStore], None] | None = None  # set by ``open_store``

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def sqlite_file(self) -> Path | None:
        """The database file when the store is an SQLite file; None on PostgreSQL and in memory."""
        return _sqlite_file(self.engine.url)

    def close(self) -> None:
        """Close the pooled connections; the next ``open_store`` of this database opens it afresh.
        (The engine stays usable: another holder of this store gets new connections.)"""
        if self._on_close is not None:
            self._on_close(self)
        self.engine.dispose()

    def __enter__(self) -> Self:
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

    def _audit(self, conn: Connection, action: str, who: str, detail: dict, *, bump: bool = True) -> None:
        """Record one audited change and bump ``data_version`` (every write goes through here).
        ``bump=False``: an event that changes no data (a backup made, a sign-in lock), so no page's
        cache is thrown away for it."""
        assert action in AUDIT_ACTIONS, action
        conn.execute(
            audit.insert().values(
                at=_now(), action=action, who=who or "", detail=json.dumps(detail, ensure_ascii=False, default=str)
            )
        )
        if not bump:
            return
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
                # the current version, but made by a build from before one of its tables existed (a
                # development build of this version): add the missing tables, nothing else changes
                add_missing_tables(conn, tables)
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

    def _check_version(self) -> None:
        """Refuse a database whose schema became newer than this code knows (``newer_version``)."""
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise StoreError("newer_version", path=self.url, found=found, known=SCHEMA_VERSION)

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
