"""Backups a non-programmer can trust: one complete, consistent copy of the database, and its restore.

Two kinds of backup, told apart by their first bytes:

- **SQLite database** (``.db``): for an SQLite store, the whole database copied with SQLite's online
  backup API (``sqlite3.Connection.backup``), which gives a consistent copy even while the app is
  writing. The copy is switched out of WAL mode so that it is one self-contained file.
- **Portable archive** (``.zip``): for any store (PostgreSQL in particular), every row of every
  table of the store's schema (``store.metadata``: register, targets, every submission and its body
  rows, every original file, the audit log, and the tables other parts add, such as users and
  notes), as JSON lines (``tables/<name>.jsonl``, bytes in base64), with ``manifest.json`` (what it
  holds) and, for people, ``register.csv``, ``targets.csv`` and the original files under ``files/``.

``restore_backup`` replaces everything in a store by a backup's content, in one transaction, after
checking the backup: an SQLite backup must pass ``PRAGMA integrity_check`` and carry a schema this
code knows (an older one is upgraded on a temporary copy first); an archive must carry a manifest
and its tables. The store's ``data_version`` then moves past both the old and the restored value,
so every cached page shows the restored data at once. Restoring gives back exactly the same
submissions, hence the same indicators. Before a restore, ``summarize_backup`` and
``summarize_store`` say what the backup holds and what would be replaced (submissions, quarters).

``daily_backup`` keeps one copy of an SQLite database per day it is used, the last ``KEEP_DAILY``,
in a ``backups/`` folder beside the database; ``last_backup`` says when the latest backup (daily or
downloaded) was made.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlalchemy as sa

from .accounts import Account, Action, require
from .errors import GenderTargetsError
from .periods import parse_period
from .store import SCHEMA_VERSION, SQLITE_HEADER, Store, metadata, open_store

__all__ = [
    "BACKUP_DIR",
    "KEEP_DAILY",
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


class BackupError(GenderTargetsError):
    """A file that is not a usable backup (``backup_invalid``, ``backup_newer``), or a store that
    cannot be backed up this way."""

    code = "backup_invalid"


@dataclass(frozen=True)
class BackupSummary:
    """What a backup (or a store) holds: counts people can check before a restore."""

    kind: str  # "sqlite" or "archive" (or "store" for a live store)
    submissions: int
    active: int
    units: int
    quarters: tuple[str, ...]  # quarters with active data, in time order
    files: int
    created_at: str = ""
    schema_version: int = 0

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


def _summary_of(conn: sa.Connection, kind: str, created_at: str = "") -> BackupSummary:
    s = metadata.tables["submissions"]
    rows = conn.execute(sa.select(s.c.unit, s.c.period, s.c.status)).all()
    active = [(u, p) for u, p, st in rows if st == "active"]
    quarters = sorted({p for _, p in active}, key=lambda p: parse_period(p).index)
    files = conn.execute(sa.select(sa.func.count()).select_from(metadata.tables["files"])).scalar() or 0
    meta = metadata.tables["meta"]
    version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return BackupSummary(
        kind=kind,
        submissions=len(rows),
        active=len(active),
        units=len({u for u, _ in active}),
        quarters=tuple(quarters),
        files=int(files),
        created_at=created_at,
        schema_version=int(version or 0),
    )


def summarize_store(store: Store) -> BackupSummary:
    """What the store holds now (what a restore would replace)."""
    with store.engine.connect() as conn:
        return _summary_of(conn, "store")


def backup_filename(store: Store, when: dt.datetime | None = None) -> str:
    """``gender_targets_backup_2026-12-01_1530.db`` (SQLite) or ``….zip`` (archive)."""
    when = when or dt.datetime.now()
    ext = "db" if store.sqlite_file is not None else "zip"
    return f"gender_targets_backup_{when:%Y-%m-%d_%H%M}.{ext}"


def _record_backup(store: Store, kind: str) -> None:
    """Remember when a backup was made (``meta``; not a data change, so ``data_version`` stays)."""
    meta = metadata.tables["meta"]
    value = json.dumps({"at": _now(), "kind": kind})
    with _writing(store) as conn:
        conn.execute(sa.delete(meta).where(meta.c.key == _LAST_BACKUP_KEY))
        conn.execute(meta.insert().values(key=_LAST_BACKUP_KEY, value=value))


# ---- SQLite: the online backup API -------------------------------------------------------------
def _sqlite_copy(source: Path, dest: Path) -> None:
    """A consistent copy of the database file ``source`` into ``dest`` (a new file), not in WAL mode."""
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
        return out.read_bytes()


# ---- archive: every table as JSON lines --------------------------------------------------------
def _encode(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"])
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


def _read_archive(data: bytes) -> tuple[dict, dict[str, list[dict]]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupError("backup_invalid", detail="manifest") from exc
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError("backup_invalid", detail="format")
    if int(manifest.get("schema_version") or 0) > SCHEMA_VERSION:
        raise BackupError("backup_newer", found=manifest.get("schema_version"), known=SCHEMA_VERSION)
    tables: dict[str, list[dict]] = {}
    try:
        for name in manifest.get("tables", {}):
            text = zf.read(f"tables/{name}.jsonl").decode("utf-8")
            tables[name] = [{k: _decode(v) for k, v in json.loads(line).items()} for line in text.splitlines() if line]
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError("backup_invalid", detail="tables") from exc
    for name, count in manifest.get("tables", {}).items():
        if len(tables.get(name, [])) != int(count):
            raise BackupError("backup_invalid", detail=f"{name}: {len(tables.get(name, []))}/{count}")
    return manifest, tables


# ---- public API --------------------------------------------------------------------------------
def make_backup(store: Store, *, archive: bool | None = None, actor: Account | None = None) -> bytes:
    """A complete, consistent backup of ``store``: the SQLite database file (online backup API) for
    an SQLite store, the portable archive otherwise (or when ``archive=True``). Records the time.
    An admin's task (``actor``: None is the local operator): it holds every account's password hash."""
    require(actor, Action.BACKUP)
    path = store.sqlite_file
    if archive is None:
        archive = path is None
    if not archive and path is None:
        raise BackupError("backup_not_sqlite")
    data = _archive_bytes(store) if archive else _sqlite_backup_bytes(path)
    _record_backup(store, "archive" if archive else "sqlite")
    return data


def _open_sqlite_backup(data: bytes, tmp: Path) -> Path:
    """Write an SQLite backup to ``tmp``, check it, upgrade its schema if older; its path."""
    path = tmp / "restore.db"
    path.write_bytes(data)
    try:
        con = sqlite3.connect(str(path))
        try:
            ok = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            has_meta = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise BackupError("backup_invalid", detail=str(exc)) from exc
    if ok != ["ok"] or not has_meta:
        raise BackupError("backup_invalid", detail="; ".join(map(str, ok[:3])) if ok != ["ok"] else "meta")
    try:
        opened = open_store(path)  # refuses a newer schema, upgrades an older one
    except Exception as exc:  # StoreError: damaged or newer
        raise BackupError("backup_invalid", detail=str(exc)) from exc
    opened.close()
    return path


def summarize_backup(data: bytes) -> BackupSummary:
    """What a backup file holds (and whether it is one): raises BackupError when it is not usable."""
    if data.startswith(SQLITE_HEADER):
        with tempfile.TemporaryDirectory(prefix="gt-restore-") as tmp:
            path = _open_sqlite_backup(data, Path(tmp))
            engine = sa.create_engine(sa.URL.create("sqlite", database=str(path)), poolclass=sa.pool.NullPool)
            try:
                with engine.connect() as conn:
                    meta = metadata.tables["meta"]
                    at = conn.execute(sa.select(meta.c.value).where(meta.c.key == _LAST_BACKUP_KEY)).scalar()
                    created = json.loads(at)["at"] if at else ""
                    return _summary_of(conn, "sqlite", created_at=created)
            finally:
                engine.dispose()
    if data.startswith(b"PK"):
        manifest, _ = _read_archive(data)
        fields = manifest.get("summary") or {}
        return BackupSummary(
            kind="archive",
            submissions=int(fields.get("submissions", 0)),
            active=int(fields.get("active", 0)),
            units=int(fields.get("units", 0)),
            quarters=tuple(fields.get("quarters", ())),
            files=int(fields.get("files", 0)),
            created_at=str(manifest.get("created_at", "")),
            schema_version=int(manifest.get("schema_version") or 0),
        )
    raise BackupError("backup_invalid", detail="header")


def _copy_rows(conn: sa.Connection, tables: dict[str, list[dict]]) -> None:
    """Replace every row of the store's tables by ``tables`` (name → rows), keeping the ids."""
    present = _tables(conn)
    for table in reversed(present):
        conn.execute(sa.delete(table))
    for table in present:
        rows = tables.get(table.name) or []
        if not rows:
            continue
        names = set(table.columns.keys())
        conn.execute(table.insert(), [{k: v for k, v in r.items() if k in names} for r in rows])
    if conn.dialect.name == "postgresql":  # serial ids continue after the restored ones
        quote = conn.dialect.identifier_preparer.quote
        for table in present:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type, sa.Integer) and pk[0].autoincrement in (True, "auto"):
                # quoted names: a table called "user" (a reserved word) is reset like any other
                name, column = quote(table.name), quote(pk[0].name)
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                        f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {name}"
                    ),
                    {"table": name, "column": pk[0].name},
                )


def _bump_version(conn: sa.Connection, before: int) -> None:
    meta = metadata.tables["meta"]
    now = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar()
    value = str(max(before, int(now or 0)) + 1)
    if now is None:
        conn.execute(meta.insert().values(key="data_version", value=value))
    else:
        conn.execute(sa.update(meta).where(meta.c.key == "data_version").values(value=value))


def restore_backup(store: Store, data: bytes, actor: Account | None = None) -> BackupSummary:
    """Replace everything in ``store`` by the backup ``data`` (SQLite file or archive); returns what
    was restored. Raises BackupError, changing nothing, when ``data`` is not a usable backup; an
    admin's task (``PermissionDenied`` for any other account)."""
    require(actor, Action.BACKUP)
    summary = summarize_backup(data)  # validates first
    before = store.data_version()
    target = store.sqlite_file
    if data.startswith(SQLITE_HEADER):
        with tempfile.TemporaryDirectory(prefix="gt-restore-") as tmp:
            path = _open_sqlite_backup(data, Path(tmp))
            if target is not None:
                src = sqlite3.connect(str(path))
                dst = sqlite3.connect(str(target), timeout=30)
                try:
                    src.backup(dst)  # the whole database, page by page, under SQLite's own locks
                finally:
                    src.close()
                    dst.close()
                with _writing(store) as conn:
                    _bump_version(conn, before)
                return summary
            # an SQLite backup into another kind of store: copy its rows
            engine = sa.create_engine(sa.URL.create("sqlite", database=str(path)), poolclass=sa.pool.NullPool)
            try:
                with engine.connect() as conn:
                    tables = {t.name: [dict(r) for r in conn.execute(sa.select(t)).mappings()] for t in _tables(conn)}
            finally:
                engine.dispose()
    else:
        _, tables = _read_archive(data)
    with _writing(store) as conn:
        _copy_rows(conn, tables)
        _bump_version(conn, before)
    return summary


def daily_backup(store: Store, today: dt.date | None = None, keep: int = KEEP_DAILY) -> Path | None:
    """Once a day: a copy of an SQLite database in ``backups/`` beside it (``<name>_YYYY-MM-DD.db``),
    keeping the newest ``keep``. Returns the new copy's path, or None (already done today, or not an
    SQLite file)."""
    path = store.sqlite_file
    if path is None or not path.exists():
        return None
    today = today or dt.date.today()
    folder = path.parent / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{path.stem}_{today.isoformat()}.db"
    if dest.exists():
        return None
    part = dest.with_suffix(".part")
    _sqlite_copy(path, part)
    os.replace(part, dest)
    copies = sorted(folder.glob(f"{path.stem}_????-??-??.db"))
    for old in copies[:-keep] if keep > 0 else copies:
        old.unlink(missing_ok=True)
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
