"""Reads of submissions, body rows, files and the audit log, and the column-wise read the app's model
uses at national scale."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..schema import COUNT_COLUMNS
from ._util import _period_str
from .base import BaseStore
from .bulk import _bodies_frame, _fetch_tuples
from .dberrors import StoreError
from .schema import (
    ACTIVE_BODY_COLUMNS,
    AUDIT_COLUMNS,
    HISTORY_COLUMNS,
    SUBMISSION_BODY_COLUMNS,
    audit,
    bodies,
    files,
    submissions,
)


class ReadsMixin(BaseStore):
    """History, active body rows, a submission's rows and file, the audit log, active counts."""

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
