"""Backups a non-programmer can trust, and restores that cannot open the door (issue 20).

Two kinds of backup, told apart by their first bytes:

- **SQLite database** (``.db``): for an SQLite store, the whole database copied with SQLite's online
  backup API (``sqlite3.Connection.backup``), which gives a consistent copy even while the app is
  writing. The copy is switched out of WAL mode so that it is one self-contained file.
- **Portable archive** (``.zip``): for any store (PostgreSQL in particular), every row of every
  table of the store's schema (``store.metadata``) as JSON lines (``tables/<name>.jsonl``, bytes in
  base64), with ``manifest.json`` and, for people, ``register.csv``, ``targets.csv`` and the original
  files under ``files/``.

Both hold every account's password hash: backing up and restoring are an admin's (``Action.BACKUP``),
and every backup file this code writes is readable by its owner only (mode 0600).

**Restore** (``restore_backup``) replaces the store's data by the backup's, in ONE transaction of the
live store, so it either happens completely or not at all (a failure changes nothing and says so):

- Nothing of the backup's schema is used: the tables and columns this code's ``store.metadata``
  declares are read from it, row by row, and written into the live tables. A trigger, a view, an
  index or a table the schema does not define is never copied (the summary lists what was left out);
  a known table that is not a plain table in the backup (a view, a generated column) refuses it.
- Checked before anything is replaced: the SQLite header (text encoding UTF-8, a valid page size),
  ``PRAGMA integrity_check``, the schema version (newer: refused); an archive within the upload
  limits of SPEC §6 (``ArchiveLimits``: entries, expansion ratio, expanded size), read as a stream in
  bounded memory; every value of the right type for its column.
- **Accounts stay** (``ACCOUNT_TABLES`` and the public-view switch) unless the admin asks to restore
  the backup's accounts too; then the backup must hold an enabled admin. A restore never leaves a
  database that has accounts without an enabled admin (that would switch sign-in off). Browser
  sessions and failed sign-ins are never taken from a backup (``SESSION_TABLES``): everyone signs in
  again, except the admin who restores (``keep_session``) when their account is still an admin.
- The restore is one line of the activity log (who, when, what the backup held, accounts kept or
  restored), and ``data_version`` moves past both the old and the restored value, so every cached
  page shows the restored data at once. Restoring gives back the same submissions, hence the same
  indicators.

``summarize_backup`` says what a backup really holds — counted from its content, never taken from
its manifest — and ``summarize_store`` what a restore would replace. ``make_backup`` records who
made the backup in the log. ``daily_backup`` keeps one copy of an SQLite database per day it is used,
the last ``KEEP_DAILY``, in a ``backups/`` folder beside the database (mode 0700, copies 0600);
``last_backup`` says when the latest backup (daily or downloaded) was made.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import struct
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa

from .accounts import Account, Action, Role, actor_label, emails_to_clear, require, session_hash
from .attachments import AttachmentError, check_stored_attachment
from .clock import now_vn, today_vn
from .errors import GenderTargetsError
from .periods import parse_period
from .reading.container import MAX_EXPANDED_BYTES, MAX_RATIO, MAX_ZIP_ENTRIES
from .store import SCHEMA_VERSION, SQLITE_HEADER, STATUSES, Store, metadata
from .store.migrations import drop_foreign_sqlite_objects
from .store.schema import ACCOUNT_TABLES, PUBLIC_VIEW_KEY, SESSION_TABLES

__all__ = [
    "BACKUP_DIR",
    "KEEP_DAILY",
    "OPERATOR_LIMITS",
    "WEB_LIMITS",
    "ArchiveLimits",
    "BackupError",
    "BackupSummary",
    "backup_filename",
    "daily_backup",
    "last_backup",
    "make_backup",
    "restore_backup",
    "summarize_backup",
    "summarize_store",
]

BACKUP_DIR = "backups"
KEEP_DAILY = 14
ARCHIVE_FORMAT = "gender_targets-backup"
ARCHIVE_VERSION = 1
_LAST_BACKUP_KEY = "last_backup"
#: ``meta`` rows that belong to the live database, never taken from a backup
_META_OWN = ("schema_version", "data_version", "last_upgrade", _LAST_BACKUP_KEY)
#: ``meta`` rows that go with the accounts (kept with them): the switch that opens the dashboards
_META_ACCOUNTS = (PUBLIC_VIEW_KEY,)
#: the longest text or blob a backup's value may be (a stored file is at most 20 MB)
_MAX_VALUE = 48 * 1024 * 1024
#: rows written at once, and the bytes they may hold, while a restore streams a backup in
_CHUNK_ROWS = 500
_CHUNK_BYTES = 16 * 1024 * 1024
_COPY_BLOCK = 1024 * 1024
#: an entry may always expand to this much, whatever its ratio (small tables of repeated words)
_RATIO_FLOOR = 1024 * 1024
_MANIFEST_MAX = 1024 * 1024

Source = bytes | bytearray | memoryview | BinaryIO | os.PathLike | str


class BackupError(GenderTargetsError):
    """A file that is not a usable backup, or a restore that cannot be done; nothing was changed.
    Codes (catalogue ``error.<code>``): ``backup_invalid``, ``backup_damaged``, ``backup_encoding``,
    ``backup_page_size``, ``backup_newer``, ``backup_foreign_table``, ``backup_bad_value``,
    ``backup_too_large``, ``backup_no_admin``, ``restore_no_admin``, ``backup_not_sqlite``."""

    code = "backup_invalid"


@dataclass(frozen=True)
class ArchiveLimits:
    """How much an archive may hold before it is refused unread (SPEC §6): entries in its directory,
    how many times one entry may expand (an entry may always reach ``_RATIO_FLOOR``), and the bytes
    all entries read may expand to (None: no total limit)."""

    max_entries: int = MAX_ZIP_ENTRIES
    max_ratio: int = MAX_RATIO
    max_expanded: int | None = MAX_EXPANDED_BYTES


#: what a file uploaded on the admin page may hold (SPEC §6, the limits of any upload)
WEB_LIMITS = ArchiveLimits()
#: the command line (``restore``, run by the server's own operator): large archives, still no bombs
OPERATOR_LIMITS = ArchiveLimits(max_entries=1_000_000, max_ratio=MAX_RATIO, max_expanded=None)


@dataclass(frozen=True)
class BackupSummary:
    """What a backup (or a store) holds, counted from its rows: what people check before a restore."""

    kind: str  # "sqlite" or "archive" (or "store" for a live store)
    submissions: int
    active: int
    units: int
    quarters: tuple[str, ...]  # quarters with active data, in time order
    files: int
    created_at: str = ""
    schema_version: int = 0
    accounts: int = 0
    admins: int = 0  # enabled admin accounts
    left_out: tuple[str, ...] = field(default=())  # objects of the backup this code does not restore

    @property
    def first_quarter(self) -> str | None:
        return self.quarters[0] if self.quarters else None

    @property
    def last_quarter(self) -> str | None:
        return self.quarters[-1] if self.quarters else None

    def to_dict(self) -> dict:
        return asdict(self)


# ---- small helpers -----------------------------------------------------------------------------
def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _writing(store: Store):
    """A write transaction (BEGIN IMMEDIATE on SQLite, as the store's own writes)."""
    return store.engine.execution_options(gt_write=True).begin()


def _tables(conn: sa.Connection) -> list[sa.Table]:
    present = set(sa.inspect(conn).get_table_names())
    return [t for t in metadata.sorted_tables if t.name in present]


def _private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only (before anything is written into it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class _Counter:
    """Counts what a backup holds while its rows stream by."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str, str]] = []  # (unit, period, status) of every submission
        self.files = 0
        self.accounts = 0
        self.admins = 0
        self.meta: dict[str, str] = {}

    def see(self, table: str, row: dict) -> None:
        if table == "submissions":
            self.pairs.append((str(row.get("unit") or ""), str(row.get("period") or ""), str(row.get("status") or "")))
        elif table == "files":
            self.files += 1
        elif table == "accounts":
            self.accounts += 1
            if str(row.get("role")) == Role.ADMIN and not row.get("disabled"):
                self.admins += 1
        elif table == "meta":
            self.meta[str(row.get("key"))] = str(row.get("value") or "")

    def summary(self, kind: str, created_at: str, left_out: tuple[str, ...] = ()) -> BackupSummary:
        active = [(u, p) for u, p, s in self.pairs if s == "active"]
        quarters = []
        for p in {p for _, p in active}:
            with contextlib.suppress(Exception):
                quarters.append((parse_period(p).index, p))
        version = self.meta.get("schema_version", "0")
        return BackupSummary(
            kind=kind,
            submissions=len(self.pairs),
            active=len(active),
            units=len({u for u, _ in active}),
            quarters=tuple(p for _, p in sorted(quarters)),
            files=self.files,
            created_at=created_at,
            schema_version=int(version) if version.isdigit() else 0,
            accounts=self.accounts,
            admins=self.admins,
            left_out=left_out,
        )


def _summary_of(conn: sa.Connection, kind: str, created_at: str = "") -> BackupSummary:
    counter = _Counter()
    present = {t.name for t in _tables(conn)}
    for name in ("submissions", "files", "accounts", "meta"):
        if name not in present:
            continue
        table = metadata.tables[name]
        cols = {
            "submissions": ["unit", "period", "status"],
            "files": ["id"],
            "accounts": ["role", "disabled"],
            "meta": ["key", "value"],
        }[name]
        for row in conn.execute(sa.select(*[table.c[c] for c in cols])).mappings():
            counter.see(name, dict(row))
    return counter.summary(kind, created_at)


def summarize_store(store: Store) -> BackupSummary:
    """What the store holds now (what a restore would replace)."""
    with store.engine.connect() as conn:
        return _summary_of(conn, "store")


def backup_filename(store: Store, when: dt.datetime | None = None) -> str:
    """``gender_targets_backup_2026-12-01_1530.db`` (SQLite) or ``….zip`` (archive)."""
    when = when or now_vn()
    ext = "db" if store.sqlite_file is not None else "zip"
    return f"gender_targets_backup_{when:%Y-%m-%d_%H%M}.{ext}"


def _record_backup(store: Store, kind: str, actor: Account | None, via: str) -> None:
    """Remember when a backup was made (``meta``) and who made it (the log); not a data change, so
    ``data_version`` stays."""
    meta = metadata.tables["meta"]
    at = _now()
    with store._write() as conn:
        conn.execute(sa.delete(meta).where(meta.c.key == _LAST_BACKUP_KEY))
        conn.execute(meta.insert().values(key=_LAST_BACKUP_KEY, value=json.dumps({"at": at, "kind": kind})))
        store._audit(conn, "backup", actor_label(actor), {"kind": kind, "via": via}, bump=False)


# ---- SQLite: the online backup API -------------------------------------------------------------
def _sqlite_copy(source: Path, dest: Path) -> None:
    """A consistent copy of the database file ``source`` into ``dest`` (a new file, mode 0600), not in
    WAL mode. Only SQLite touches ``source`` (a plain ``open()`` would drop this process's locks)."""
    _private_file(dest)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_backup_bytes(path: Path) -> bytes:
    with tempfile.TemporaryDirectory(prefix="gt-backup-") as tmp:
        out = Path(tmp) / "backup.db"
        _sqlite_copy(path, out)
        con = sqlite3.connect(str(out))  # the copy says when it was made (the preview shows it)
        try:
            with con:
                con.execute("DELETE FROM meta WHERE key = ?", (_LAST_BACKUP_KEY,))
                con.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    (_LAST_BACKUP_KEY, json.dumps({"at": _now(), "kind": "sqlite"})),
                )
        except sqlite3.Error:  # a database without our meta table: the copy as it is
            pass
        finally:
            con.close()
        return out.read_bytes()


# ---- archive: every table as JSON lines --------------------------------------------------------
def _encode(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if set(value) != {"$b64"} or not isinstance(value["$b64"], str):
            raise ValueError("an object where a value was expected")
        try:
            return base64.b64decode(value["$b64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("bad base64") from exc
    if isinstance(value, list):
        raise ValueError("a list where a value was expected")
    return value


def _archive_bytes(store: Store) -> bytes:
    buf = io.BytesIO()
    with store.engine.connect() as conn, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        # one read transaction: every table from the same moment
        with conn.begin():
            counts = {}
            for table in _tables(conn):
                order = list(table.primary_key.columns) or list(table.columns)
                rows = conn.execute(sa.select(table).order_by(*order)).mappings().all()
                lines = [json.dumps({k: _encode(v) for k, v in r.items()}, ensure_ascii=False) for r in rows]
                zf.writestr(f"tables/{table.name}.jsonl", "\n".join(lines) + ("\n" if lines else ""))
                counts[table.name] = len(rows)
            summary = _summary_of(conn, "archive", created_at=_now())
            # for people: the register, the targets and the original files, as they were sent
            register = store.register()
            if register is not None:
                zf.writestr("register.csv", register.to_csv_bytes())
            zf.writestr("targets.csv", store.targets().to_csv(index=False).encode("utf-8-sig"))
            files, subs = metadata.tables["files"], metadata.tables["submissions"]
            named = conn.execute(
                sa.select(files.c.id, files.c.data, sa.func.min(subs.c.file_name))
                .select_from(files.join(subs, subs.c.file_id == files.c.id, isouter=True))
                .group_by(files.c.id, files.c.data)
            ).all()
            for fid, data, name in named:
                safe = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in (name or "file"))
                zf.writestr(f"files/{fid:05d}_{safe}", bytes(data))
        manifest = {
            "format": ARCHIVE_FORMAT,
            "version": ARCHIVE_VERSION,
            "schema_version": summary.schema_version,
            "created_at": summary.created_at,
            "tables": counts,
            "summary": summary.to_dict(),
        }
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buf.getvalue()


# ---- reading a backup: a source of rows --------------------------------------------------------
def _coerce(table: sa.Table, column: sa.Column, value: object) -> object:
    """``value`` as the type ``column`` holds, or BackupError (``backup_bad_value``)."""

    def bad() -> BackupError:
        return BackupError("backup_bad_value", table=table.name, column=column.name)

    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, sa.Boolean):
            if isinstance(value, bool):
                return value
            if isinstance(value, int | float) and value in (0, 1):
                return bool(value)
            if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false"):
                return value.strip().lower() in ("1", "true")
            raise bad()
        if isinstance(kind, sa.Integer):
            if isinstance(value, bool) or (isinstance(value, float) and value.is_integer()):
                number = int(value)
            elif isinstance(value, int):
                number = value
            elif isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 30:
                number = int(value.strip())
            else:
                raise bad()
            if not -(2**63) <= number < 2**63:  # what SQLite and PostgreSQL can hold
                raise bad()
            return number
        if isinstance(kind, sa.Float):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            if isinstance(value, str):
                return float(value)
            raise bad()
        if isinstance(kind, sa.LargeBinary):
            if isinstance(value, bytes | bytearray | memoryview):
                data = bytes(value)
            elif isinstance(value, str):
                data = value.encode("utf-8")
            else:
                raise bad()
            if len(data) > _MAX_VALUE:
                raise bad()
            return data
        # text: SQLite keeps whatever a column was given; a number in a text column becomes its text
        if isinstance(value, str):
            text = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            text = str(value)
        else:
            raise bad()
        length = getattr(kind, "length", None)
        if (length is not None and len(text) > length) or len(text) > _MAX_VALUE:
            raise bad()
        return text
    except (ValueError, OverflowError) as exc:
        raise bad() from exc


def _row_for(table: sa.Table, raw: dict) -> dict:
    """A backup's row as the live table takes it: known columns only, typed; a missing or null value
    of a NOT NULL column with a default gets the default."""
    out: dict = {}
    for column in table.columns:
        if column.name not in raw:
            continue
        value = _coerce(table, column, raw[column.name])
        if value is None and not column.nullable:
            if column.server_default is not None:
                continue
            raise BackupError("backup_bad_value", table=table.name, column=column.name)
        out[column.name] = value
    if table.name == "attachment_files":  # security (second attack pass): the upload's rules, again
        try:
            check_stored_attachment(out.get("data") or b"", str(out.get("media_type") or ""))
        except AttachmentError:
            raise BackupError("backup_bad_value", table=table.name, column="data") from None
    if table.name == "submissions" and out.get("status") not in STATUSES:
        out["status"] = "active"  # an unversioned backup (the upgrade to version 1 does the same)
    return out


#: what reading a damaged SQLite backup can raise: SQLite's errors, and a UnicodeDecodeError when a
#: changed byte in a name makes SQLite's own error message invalid UTF-8
_SQLITE_FAULTS = (sqlite3.Error, UnicodeDecodeError)


def _backup_text(raw: bytes) -> str:
    """A text value of an SQLite backup: UTF-8, or the backup is damaged (a changed byte in its schema
    or a row raised UnicodeDecodeError, a traceback instead of words)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BackupError("backup_damaged") from exc


class _SqliteSource:
    """A backup that is an SQLite database file: a private temporary copy, opened with SQLite's own
    limits and checked; rows are read from the known tables only, never through its schema's code."""

    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = self._open(path)
        self.left_out: tuple[str, ...] = ()
        self.created_at = ""
        self.schema_version = 0
        self._check()

    @staticmethod
    def _header(path: Path) -> bytes:
        with path.open("rb") as fh:  # a private temporary copy: no connection of ours holds it
            return fh.read(100)

    def _open(self, path: Path) -> sqlite3.Connection:
        head = self._header(path)
        if len(head) < 100 or not head.startswith(SQLITE_HEADER):
            raise BackupError("backup_invalid")
        (page_size,) = struct.unpack(">H", head[16:18])
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
            raise BackupError("backup_page_size", size=page_size)
        (encoding,) = struct.unpack(">I", head[56:60])
        if encoding not in (0, 1):  # 2, 3: UTF-16 (this app writes UTF-8 only)
            raise BackupError("backup_encoding")
        try:
            con = sqlite3.connect(str(path))
            con.text_factory = _backup_text  # damaged text is a damaged backup, in words
            con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _MAX_VALUE)  # no value (an expression index…) beyond this
            con.execute("PRAGMA trusted_schema = OFF")  # the backup's schema may call no function with effects
            con.execute("PRAGMA cell_size_check = ON")
            con.execute("PRAGMA query_only = ON")  # nothing written into the copy either
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc
        return con

    def _check(self) -> None:
        con = self.con
        try:
            objects = con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc
        known = {t.name for t in metadata.sorted_tables}
        index_names = {ix.name for t in metadata.sorted_tables for ix in t.indexes if ix.name}
        kinds = {name: kind for kind, name in objects if kind in ("table", "view")}
        for name in known & set(kinds):  # the schema first, before any row is read or checked
            if kinds[name] != "table":
                raise BackupError("backup_foreign_table", table=name)
            self.columns(metadata.tables[name])  # a generated column is refused here
        if kinds.get("meta") != "table":
            raise BackupError("backup_invalid")
        try:
            ok = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc
        if ok != ["ok"]:
            raise BackupError("backup_damaged")
        self.left_out = tuple(
            sorted(
                f"{kind} {name}"
                for kind, name in objects
                if not (kind == "table" and name in known) and not (kind == "index" and name in index_names)
            )
        )
        self.schema_version = self._meta_int("schema_version")
        if self.schema_version > SCHEMA_VERSION:
            raise BackupError("backup_newer", found=self.schema_version, known=SCHEMA_VERSION)
        at = self._meta("last_backup")
        with contextlib.suppress(ValueError, KeyError, TypeError):
            self.created_at = json.loads(at)["at"] if at else ""

    def _meta(self, key: str) -> str:
        try:
            found = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc
        return str(found[0]) if found and found[0] is not None else ""

    def _meta_int(self, key: str) -> int:
        text = self._meta(key).strip()
        return int(text) if text.isdigit() else 0

    def columns(self, table: sa.Table) -> list[str] | None:
        try:
            info = self.con.execute(f"PRAGMA table_xinfo({_quote(table.name)})").fetchall()
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc
        if not info:
            return None
        if any(row[6] not in (0,) for row in info):  # hidden 2/3: a generated column, computed on read
            raise BackupError("backup_foreign_table", table=table.name)
        present = {row[1] for row in info}
        return [c.name for c in table.columns if c.name in present]

    def rows(self, table: sa.Table) -> Iterator[dict]:
        cols = self.columns(table)
        if not cols:
            return
        order = [c.name for c in table.primary_key.columns if c.name in cols] or ["rowid"]
        sql = (
            f"SELECT {', '.join(_quote(c) for c in cols)} FROM {_quote(table.name)} "
            f"ORDER BY {', '.join(_quote(c) if c != 'rowid' else c for c in order)}"
        )
        try:
            cur = self.con.execute(sql)
            while batch := cur.fetchmany(200):
                for values in batch:
                    yield dict(zip(cols, values, strict=True))
        except _SQLITE_FAULTS as exc:
            raise BackupError("backup_damaged") from exc

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.con.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Expanding(io.RawIOBase):
    """An archive entry read as a stream that stops at its allowed expansion (``BackupError``)."""

    def __init__(self, raw: BinaryIO, allowed: int, budget: list[int | None]) -> None:
        self.raw = raw
        self.allowed = allowed
        self.read_so_far = 0
        self.budget = budget  # [bytes left for the whole archive] (None: no total limit)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.raw.read(len(buffer))
        n = len(chunk)
        self.read_so_far += n
        if self.read_so_far > self.allowed:
            raise BackupError("backup_too_large")
        if self.budget[0] is not None:
            self.budget[0] -= n
            if self.budget[0] < 0:
                raise BackupError("backup_too_large")
        buffer[:n] = chunk
        return n


def _zip_entry_count(fp: BinaryIO) -> int:
    """The number of entries the zip's end record declares, read before ``zipfile`` parses the
    directory (a directory of millions of entries would take its memory first)."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_len = min(size, 65536 + 22)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise BackupError("backup_invalid")
    (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if count == 0xFFFF:  # ZIP64: the count is in the ZIP64 end record
        z64 = tail.rfind(b"PK\x06\x06", 0, at)
        if z64 < 0 or len(tail) - z64 < 40:
            raise BackupError("backup_invalid")
        (count,) = struct.unpack("<Q", tail[z64 + 32 : z64 + 40])
    fp.seek(0)
    return count


#: what a damaged or crafted zip makes ``zipfile``, ``zlib`` and ``json`` raise
_ZIP_ERRORS = (
    ValueError,
    UnicodeDecodeError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    struct.error,
    RecursionError,
)


class _ArchiveSource:
    """A backup that is the portable archive, read entry by entry as a stream within ``limits``."""

    kind = "archive"

    def __init__(self, fp: BinaryIO, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.budget: list[int | None] = [limits.max_expanded]
        if _zip_entry_count(fp) > limits.max_entries:
            raise BackupError("backup_too_large")
        try:
            self.zf = zipfile.ZipFile(fp)
        except _ZIP_ERRORS as exc:
            raise BackupError("backup_invalid") from exc
        infos = self.zf.infolist()
        if len(infos) > limits.max_entries:
            raise BackupError("backup_too_large")
        self.entries = {i.filename: i for i in infos}
        manifest = self._manifest()
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise BackupError("backup_invalid")
        self.created_at = str(manifest.get("created_at") or "")[:40]
        known = {t.name for t in metadata.sorted_tables}
        self.left_out = tuple(
            sorted(
                name
                for name in self.entries
                if name.startswith("tables/") and name.removeprefix("tables/").removesuffix(".jsonl") not in known
            )
        )
        if "tables/meta.jsonl" not in self.entries:
            raise BackupError("backup_invalid")
        meta = {str(r.get("key")): str(r.get("value") or "") for r in self._lines("tables/meta.jsonl")}
        version = meta.get("schema_version", "0").strip()
        self.schema_version = int(version) if version.isdigit() else 0
        if self.schema_version > SCHEMA_VERSION:
            raise BackupError("backup_newer", found=self.schema_version, known=SCHEMA_VERSION)

    def _open(self, info: zipfile.ZipInfo) -> io.BufferedReader:
        if info.flag_bits & 0x1:
            raise BackupError("backup_invalid")  # an encrypted entry is not ours
        allowed = max(self.limits.max_ratio * max(info.compress_size, 1), _RATIO_FLOOR)
        if info.file_size > allowed:
            raise BackupError("backup_too_large")
        allowed = min(allowed, info.file_size)  # never more than it declares (zipfile checks the CRC too)
        try:
            raw = self.zf.open(info)
        except _ZIP_ERRORS as exc:
            raise BackupError("backup_invalid") from exc
        return io.BufferedReader(_Expanding(raw, allowed, self.budget), buffer_size=256 * 1024)

    def _manifest(self) -> dict:
        info = self.entries.get("manifest.json")
        if info is None or info.file_size > _MANIFEST_MAX:
            raise BackupError("backup_invalid")
        try:
            with self._open(info) as fh:
                manifest = json.loads(fh.read(_MANIFEST_MAX + 1))
        except _ZIP_ERRORS as exc:
            raise BackupError("backup_invalid") from exc
        if not isinstance(manifest, dict):
            raise BackupError("backup_invalid")
        return manifest

    def _lines(self, name: str) -> Iterator[dict]:
        info = self.entries[name]
        max_line = _MAX_VALUE * 4 // 3 + 65536  # one row: its largest value in base64, and the rest
        try:
            with self._open(info) as fh:
                while True:
                    line = fh.readline(max_line + 1)
                    if not line:
                        return
                    if len(line) > max_line:
                        raise BackupError("backup_too_large")
                    if not line.strip():
                        continue
                    row = json.loads(line.decode("utf-8"))
                    if not isinstance(row, dict):
                        raise BackupError("backup_invalid")
                    yield {str(k): _decode(v) for k, v in row.items()}
        except _ZIP_ERRORS as exc:
            raise BackupError("backup_invalid") from exc

    def columns(self, table: sa.Table) -> list[str] | None:
        return [c.name for c in table.columns] if f"tables/{table.name}.jsonl" in self.entries else None

    def rows(self, table: sa.Table) -> Iterator[dict]:
        name = f"tables/{table.name}.jsonl"
        if name in self.entries:
            yield from self._lines(name)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.zf.close()


@contextlib.contextmanager
def _opened(data: Source, limits: ArchiveLimits) -> Iterator[_SqliteSource | _ArchiveSource]:
    """The backup ``data`` (bytes, a binary file object or a path) as a source of rows."""
    with contextlib.ExitStack() as stack:
        if isinstance(data, bytes | bytearray | memoryview):
            fp: BinaryIO = io.BytesIO(bytes(data))
        elif isinstance(data, os.PathLike | str):
            try:
                fp = stack.enter_context(Path(data).open("rb"))
            except OSError as exc:
                raise BackupError("backup_invalid") from exc
        else:
            fp = data
        fp.seek(0)
        head = fp.read(len(SQLITE_HEADER))
        fp.seek(0)
        if head == SQLITE_HEADER:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gt-restore-")))
            copy = tmp / "backup.db"
            _private_file(copy)
            with copy.open("wb") as out:
                shutil.copyfileobj(fp, out, _COPY_BLOCK)
            source: _SqliteSource | _ArchiveSource = _SqliteSource(copy)
        elif head.startswith(b"PK"):
            source = _ArchiveSource(fp, limits)
        else:
            raise BackupError("backup_invalid")
        try:
            yield source
        finally:
            source.close()


def _known_tables(source) -> list[tuple[sa.Table, list[str] | None]]:
    return [(t, source.columns(t)) for t in metadata.sorted_tables]


def summarize_backup(data: Source, limits: ArchiveLimits = WEB_LIMITS) -> BackupSummary:
    """What a backup holds, counted from its rows (never from its manifest): submissions, active ones,
    units, quarters, stored files, accounts and enabled admins; what it holds that is not restored
    (``left_out``). Raises BackupError, reading the whole backup, when it is not usable."""
    with _opened(data, limits) as source:
        counter = _Counter()
        for table, cols in _known_tables(source):
            if cols is None:
                continue
            for raw in source.rows(table):
                row = _row_for(table, raw)
                counter.see(table.name, row)
        return counter.summary(source.kind, source.created_at, source.left_out)


# ---- public API --------------------------------------------------------------------------------
def make_backup(store: Store, *, archive: bool | None = None, actor: Account | None = None, via: str = "cli") -> bytes:
    """A complete, consistent backup of ``store``: the SQLite database file (online backup API) for
    an SQLite store, the portable archive otherwise (or when ``archive=True``). Records the time and,
    in the log, who made it (``via``: "cli", "download"…). An admin's task (``actor``: None is the
    local operator): it holds every account's password hash."""
    require(actor, Action.BACKUP)
    path = store.sqlite_file
    if archive is None:
        archive = path is None
    if not archive and path is None:
        raise BackupError("backup_not_sqlite")
    data = _archive_bytes(store) if archive else _sqlite_backup_bytes(path)
    _record_backup(store, "archive" if archive else "sqlite", actor, via)
    return data


def write_private(path: Path | str, data: bytes) -> None:
    """Write a backup file readable by its owner only (mode 0600), replacing any file there."""
    path = Path(path)
    _private_file(path)
    with path.open("wb") as out:
        out.write(data)


def _bump_version(conn: sa.Connection, *versions: int) -> None:
    meta = metadata.tables["meta"]
    now = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar()
    value = str(max(*versions, int(now or 0)) + 1)
    if now is None:
        conn.execute(meta.insert().values(key="data_version", value=value))
    else:
        conn.execute(sa.update(meta).where(meta.c.key == "data_version").values(value=value))


def _insert_stream(conn: sa.Connection, table: sa.Table, rows: Iterator[dict]) -> int:
    """Insert ``rows`` in chunks of bounded size; how many."""
    chunk: list[dict] = []
    size = total = 0
    for row in rows:
        chunk.append(row)
        size += sum(len(v) for v in row.values() if isinstance(v, bytes | str))
        if len(chunk) >= _CHUNK_ROWS or size >= _CHUNK_BYTES:
            conn.execute(table.insert(), chunk)
            total += len(chunk)
            chunk, size = [], 0
    if chunk:
        conn.execute(table.insert(), chunk)
        total += len(chunk)
    return total


def _reset_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """PostgreSQL: serial ids continue after the restored ones."""
    quote = conn.dialect.identifier_preparer.quote
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, sa.Integer) and pk[0].autoincrement in (True, "auto"):
            name, column = quote(table.name), quote(pk[0].name)
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                    f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {name}"
                ),
                {"table": name, "column": pk[0].name},
            )


def _enabled_admins(conn: sa.Connection) -> tuple[int, int]:
    accounts = metadata.tables["accounts"]
    total = conn.execute(sa.select(sa.func.count()).select_from(accounts)).scalar() or 0
    admins = (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(accounts)
            .where(accounts.c.role == str(Role.ADMIN), accounts.c.disabled.is_(False))
        ).scalar()
        or 0
    )
    return int(total), int(admins)


def restore_backup(
    store: Store,
    data: Source,
    actor: Account | None = None,
    *,
    accounts: bool = False,
    keep_session: str = "",
    limits: ArchiveLimits = WEB_LIMITS,
    via: str = "cli",
) -> BackupSummary:
    """Replace the data of ``store`` by the backup ``data`` (bytes, a binary file or a path), in one
    transaction (module docstring); returns what was restored. ``accounts``: restore the backup's
    accounts too (it must hold an enabled admin), else today's are kept. ``keep_session``: the token of
    the restoring admin's browser, kept signed in when its account is still an enabled admin.

    Raises BackupError (nothing changed) for a backup that is not usable or a restore that would leave
    no enabled admin; ``PermissionDenied`` for anyone but an admin; StoreError for a database failure
    (nothing changed either)."""
    require(actor, Action.BACKUP)
    kept = set(ACCOUNT_TABLES) if not accounts else set()
    with _opened(data, limits) as source:
        before = store.data_version()
        with store._write() as conn:
            restored = _Counter()
            replaced = [t for t in metadata.sorted_tables if t.name not in kept and t.name not in SESSION_TABLES]
            if "meta" in {t.name for t in replaced}:
                replaced = [t for t in replaced if t.name != "meta"]
            cleared = [t for t in metadata.sorted_tables if t in replaced or t.name in SESSION_TABLES]
            for table in reversed(cleared):
                conn.execute(sa.delete(table))
            meta = metadata.tables["meta"]
            own = list(_META_OWN) + (list(_META_ACCOUNTS) if not accounts else [])
            conn.execute(sa.delete(meta).where(meta.c.key.notin_(own)))
            backup_version = 0
            for table, cols in _known_tables(source):
                if table.name == "meta":
                    rows = [_row_for(table, raw) for raw in source.rows(table)]
                    for row in rows:
                        restored.see("meta", row)
                        if row.get("key") == "data_version":
                            value = str(row.get("value") or "")
                            backup_version = int(value) if value.isdigit() else 0
                    _insert_stream(conn, table, iter([r for r in rows if r.get("key") not in own]))
                    continue
                if table not in replaced or cols is None:
                    continue
                rows_in = (_row_for(table, raw) for raw in source.rows(table))
                if table.name == "accounts":
                    rows_list = list(rows_in)  # accounts are few: e-mails made unique first
                    clear = emails_to_clear(rows_list)
                    for row in rows_list:
                        if row.get("id") in clear:
                            row["email"] = ""
                    rows_in = iter(rows_list)

                def counted(rows: Iterator[dict], name: str = table.name) -> Iterator[dict]:
                    for row in rows:
                        restored.see(name, row)
                        yield row

                _insert_stream(conn, table, counted(rows_in))
            total, admins = _enabled_admins(conn)
            if accounts and admins == 0:
                raise BackupError("backup_no_admin")
            if total and admins == 0:
                raise BackupError("restore_no_admin")
            if keep_session and actor is not None:
                stays = conn.execute(
                    sa.select(metadata.tables["accounts"].c.id).where(
                        sa.func.lower(metadata.tables["accounts"].c.username) == actor.username.lower(),
                        metadata.tables["accounts"].c.role == str(Role.ADMIN),
                        metadata.tables["accounts"].c.disabled.is_(False),
                    )
                ).first()
                if stays is not None:
                    from .accounts import SESSION_HOURS

                    now = dt.datetime.now(dt.UTC)
                    conn.execute(
                        metadata.tables["account_sessions"]
                        .insert()
                        .values(
                            token_hash=session_hash(keep_session),
                            username=actor.username,
                            created_at=now.isoformat(timespec="seconds"),
                            expires_at=(now + dt.timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds"),
                        )
                    )
            removed = drop_foreign_sqlite_objects(conn) if conn.dialect.name == "sqlite" else []
            summary = restored.summary(source.kind, source.created_at, source.left_out)
            if not accounts:  # the accounts the database keeps are what the summary reports
                summary = _with_accounts(summary, total, admins)
            detail = {
                "kind": source.kind,
                "created_at": source.created_at,
                "schema_version": source.schema_version,
                "submissions": summary.submissions,
                "active": summary.active,
                "units": summary.units,
                "accounts": "restored" if accounts else "kept",
                "left_out": list(source.left_out)[:20],
                "removed": removed[:20],
                "via": via,
            }
            if conn.dialect.name == "postgresql":  # before the log's own row takes an id
                _reset_sequences(conn, [t for t in cleared if t.name != "meta"])
            store._audit(conn, "restore", actor_label(actor), detail, bump=False)
            _bump_version(conn, before, backup_version)
    return summary


def _with_accounts(summary: BackupSummary, total: int, admins: int) -> BackupSummary:
    values = summary.to_dict()
    values.update(accounts=total, admins=admins, quarters=tuple(summary.quarters), left_out=tuple(summary.left_out))
    return BackupSummary(**values)


def daily_backup(store: Store, today: dt.date | None = None, keep: int = KEEP_DAILY) -> Path | None:
    """Once a day: a copy of an SQLite database in ``backups/`` beside it (``<name>_YYYY-MM-DD.db``,
    mode 0600, the folder 0700), keeping the newest ``keep``. Returns the new copy's path, or None
    (already done today, or not an SQLite file)."""
    path = store.sqlite_file
    if path is None or not path.exists():
        return None
    today = today or today_vn()
    folder = path.parent / BACKUP_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    dest = folder / f"{path.stem}_{today.isoformat()}.db"
    if dest.exists():
        return None
    # a part file of its own: two page views (or a client's clear_cache) may start the copy at once
    part = folder / f".{dest.stem}.{os.getpid()}.{threading.get_ident()}.part"
    try:
        _sqlite_copy(path, part)
        if dest.exists():
            return None
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    copies = sorted(folder.glob(f"{path.stem}_????-??-??.db"))
    for old in copies[:-keep] if keep > 0 else copies:
        old.unlink(missing_ok=True)
    for copy in copies[-keep:] if keep > 0 else []:  # copies made before this rule: owner only too
        with contextlib.suppress(OSError):
            os.chmod(copy, 0o600)
    return dest


def last_backup(store: Store) -> dt.datetime | None:
    """When the latest backup was made (a download or the daily copy), in UTC; None if never."""
    found: list[dt.datetime] = []
    meta = metadata.tables["meta"]
    with store.engine.connect() as conn:
        raw = conn.execute(sa.select(meta.c.value).where(meta.c.key == _LAST_BACKUP_KEY)).scalar()
    if raw:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            found.append(dt.datetime.fromisoformat(json.loads(raw)["at"]))
    path = store.sqlite_file
    if path is not None and (path.parent / BACKUP_DIR).is_dir():
        for copy in (path.parent / BACKUP_DIR).glob(f"{path.stem}_????-??-??.db"):
            found.append(dt.datetime.fromtimestamp(copy.stat().st_mtime, dt.UTC))
    return max(found) if found else None
