"""Small helpers shared by the store's modules: the time stamp, lenient ints, periods, SQLite files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from ..periods import parse_period


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _int(value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def _period_str(period: object) -> str:
    return str(parse_period(period))


def _sqlite_file(url: sa.URL) -> Path | None:
    """The database file of an SQLite URL; None for other back-ends and in-memory databases."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database or ""
    if db in ("", ":memory:") or db.startswith("file::memory:"):
        return None
    return Path(db)
