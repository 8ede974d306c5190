"""Bulk writes and large reads: an import's body rows as column lists, submissions and bodies sent
in one ``COPY`` (PostgreSQL) or one ``executemany`` (SQLite), body rows fetched as plain tuples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..schema import BODY_COLUMNS, COUNT_COLUMNS
from ..validation import FileReport
from .dberrors import _db_error
from .schema import bodies, submissions

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
