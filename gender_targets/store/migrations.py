"""Schema upgrades: ``MIGRATIONS[v]`` brings a database from version ``v - 1`` to ``v`` (run by
``Store._init_schema`` inside its one write transaction)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..accounts import emails_to_clear
from ._util import _now
from .schema import STATUSES, accounts_table, audit, metadata, submissions


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
        with warnings.catch_warnings():  # "Skipped unsupported reflection of expression-based index"
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            index_names = {ix["name"] for ix in insp.get_indexes(table.name)}
        for ix in table.indexes:
            if ix.name not in index_names:
                # IF NOT EXISTS: the inspector does not list expression indexes (ux_accounts_email)
                conn.execute(sa.schema.CreateIndex(ix, if_not_exists=True))


def add_missing_tables(conn: Connection, existing: set[str]) -> None:
    """Create the tables (with their indexes) that ``metadata`` declares and ``existing`` lacks."""
    for table in metadata.sorted_tables:
        if table.name not in existing:
            table.create(conn)


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


def _security_3(conn: Connection) -> None:
    """Issue 20, before the new unique index on e-mails exists: an e-mail names one account at most
    (``accounts.emails_to_clear`` keeps it on the enabled, most recently used account; the others lose
    it, in the log); and an SQLite file loses the triggers and views this app never makes (a restore
    of an earlier version copied them from a crafted backup: a trigger could make an account admin)."""
    tables = set(sa.inspect(conn).get_table_names())
    if accounts_table.name in tables:
        rows = [dict(r) for r in conn.execute(sa.select(accounts_table)).mappings()]
        for row in rows:
            if row["id"] in emails_to_clear(rows):
                conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(email=""))
                if audit.name in tables:
                    detail = {"username": row["username"], "email": "", "reason": "duplicate_email"}
                    conn.execute(
                        audit.insert().values(at=_now(), action="user_change", who="", detail=json.dumps(detail))
                    )
    if conn.dialect.name == "sqlite":
        drop_foreign_sqlite_objects(conn)


def drop_foreign_sqlite_objects(conn: Connection) -> list[str]:
    """Drop every trigger and view of an SQLite database (this app defines none); their names."""
    found = conn.exec_driver_sql(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') AND name NOT LIKE 'sqlite_%'"
    ).all()
    quote = conn.dialect.identifier_preparer.quote
    for kind, name in found:
        conn.exec_driver_sql(f"DROP {kind.upper()} IF EXISTS {quote(name)}")
    return [f"{kind} {name}" for kind, name in found]


def _migrate_2_to_3(conn: Connection) -> None:
    """Wave 3 (trust, the campaign, phones): new tables and columns of every area are created by
    ``_add_missing``. Also brings up to date a database that an unreleased wave-2 build created at
    version 2 before its last tables existed."""
    _security_3(conn)
    _add_missing(conn)


#: ``MIGRATIONS[v]`` upgrades a database at version ``v - 1`` to version ``v``, inside one transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_0_to_1, 2: _migrate_1_to_2, 3: _migrate_2_to_3}
