"""Review of unit submissions (SPEC §10): the queue, accepting or returning a pending submission,
and the latest review state per unit and quarter."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ._util import _now
from .dberrors import StoreError
from .schema import HISTORY_COLUMNS, submissions
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
