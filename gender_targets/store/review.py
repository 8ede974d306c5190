"""Review of unit submissions (SPEC §10): the queue, accepting or returning a pending submission,
and the latest review state per unit and quarter.

Phone (issue 23): what a review and a unit's own page need to see what came before, as plain reads
(no judging): who the accounts are by name (``display_names``), a unit's submissions with the
reviewer's and the sender's names and the attachment (``unit_submissions``), the submissions of a
unit-quarter returned earlier (``returned_for``), those still waiting (``pending_for``), and the
returned submissions sent with the same file (``returned_with_file``)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ._util import _now
from .dberrors import StoreError
from .schema import HISTORY_COLUMNS, accounts_table, submissions
from .uploads import UploadsMixin


class ReviewMixin(UploadsMixin):
    """A reviewer's side of the ``pending`` → ``active`` / ``returned`` flow."""

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

    # -- phone: what came before (issue 23) -----------------------------------------------------
    def display_names(self) -> dict[str, str]:
        """Every account's username → the name pages show (its display name, else the username)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(accounts_table.c.username, accounts_table.c.display_name)).all()
        return {u: (d or u) for u, d in rows}

    def _with_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (HISTORY_COLUMNS) with ``reviewer_name`` and ``sender_name`` in words and the
        attachment's ``attachment_name``, ``attachment_type``, ``attachment_size`` ("" / 0: none)."""
        names = self.display_names()
        out = frame.copy()
        out["reviewer_name"] = [names.get(u, u) if u else "" for u in out["reviewed_by"].fillna("")]
        out["sender_name"] = [
            names.get(a, "") or by or a
            for a, by in zip(out["account"].fillna(""), out["uploaded_by"].fillna(""), strict=True)
        ]
        info = self.attachments_info(out["id"].tolist()) if len(out) else None
        by_id = {} if info is None else {int(r.submission_id): r for r in info.itertuples()}
        out["attachment_name"] = [by_id[int(i)].file_name if int(i) in by_id else "" for i in out["id"]]
        out["attachment_type"] = [by_id[int(i)].media_type if int(i) in by_id else "" for i in out["id"]]
        out["attachment_size"] = [int(by_id[int(i)].size) if int(i) in by_id else 0 for i in out["id"]]
        return out

    def unit_submissions(self, units: Iterable[str], limit: int | None = None) -> pd.DataFrame:
        """The submissions of ``units`` (any status), newest first, with the reviewer's and the
        sender's names and the attachment (``_with_names``); the ``limit`` newest when given."""
        q = sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS]).where(
            submissions.c.unit.in_([str(u) for u in units])
        )
        q = q.order_by(submissions.c.id.desc())
        if limit is not None:
            q = q.limit(int(limit))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return self._with_names(pd.DataFrame(rows, columns=HISTORY_COLUMNS))

    def returned_for(self, unit: str, period: str) -> pd.DataFrame:
        """The submissions of one unit-quarter returned to the unit, newest first, with names."""
        q = (
            sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS])
            .where(submissions.c.unit == str(unit), submissions.c.period == str(period))
            .where(submissions.c.status == "returned")
            .order_by(submissions.c.id.desc())
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return self._with_names(pd.DataFrame(rows, columns=HISTORY_COLUMNS))

    def returned_with_file(self, units: Iterable[str], sha256: str) -> pd.DataFrame:
        """The returned submissions of ``units`` that came from the very same file (same SHA-256),
        newest first, with names."""
        q = (
            sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS])
            .where(submissions.c.unit.in_([str(u) for u in units]), submissions.c.sha256 == str(sha256))
            .where(submissions.c.status == "returned")
            .order_by(submissions.c.id.desc())
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return self._with_names(pd.DataFrame(rows, columns=HISTORY_COLUMNS))

    def pending_for(self, keys: Iterable[tuple[str, str]]) -> pd.DataFrame:
        """The submissions waiting for review for some (unit, quarter) pairs: the ones a new
        submission of the same unit-quarter would replace (HISTORY_COLUMNS, with names)."""
        wanted = {(str(u), str(p)) for u, p in keys}
        if not wanted:
            return self._with_names(pd.DataFrame(columns=HISTORY_COLUMNS))
        q = (
            sa.select(*[submissions.c[c] for c in HISTORY_COLUMNS])
            .where(submissions.c.status == "pending", submissions.c.unit.in_(sorted({u for u, _ in wanted})))
            .order_by(submissions.c.id.desc())
        )
        with self.engine.connect() as conn:
            rows = [r for r in conn.execute(q).all() if (r.unit, r.period) in wanted]
        return self._with_names(pd.DataFrame(rows, columns=HISTORY_COLUMNS))
