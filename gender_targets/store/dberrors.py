"""``StoreError``, and the translation of every database driver error (SQLite, PostgreSQL) into a
StoreError with its own code: ``damaged`` only when the database reports damage."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ..errors import GenderTargetsError
from ..i18n import describe
from ._util import _sqlite_file


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
