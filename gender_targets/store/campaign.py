"""The campaign's side of the store (issue 16, SPEC §12): deadlines per quarter, the submission log the
timeliness rule reads, the mail log and its claims, and the notification switches.

The store judges nothing here: ``gender_targets.campaign`` decides which date is valid, which unit is
late and who gets a message; this module keeps and reads what it decided.

**The claim.** ``claim_mail`` is the decision to send one message, recorded before anything is sent:
inside one write transaction (``BEGIN IMMEDIATE`` on SQLite, the ``data_version`` row locked on
PostgreSQL) it looks for the key ``(unit, period, day, kind, ref)`` and inserts a ``sending`` row when
there is none, so of two processes, replicas or double clicks exactly one gets the row; a unique
constraint on the key backs that up. A row whose send failed (``failed``), or one left ``sending`` by
a process that died (older than ``STALE_CLAIM_MINUTES``), may be claimed again. ``finish_mail`` records
what the server answered: ``sent`` only when it accepted the message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from .. import accounts as acc
from ..accounts import Account, Action
from ._util import _now, _period_str
from .base import BaseStore
from .schema import MAIL_LOG_COLUMNS, NOTIFY_KEYS, deadlines, mail_log, meta, submissions

#: A ``sending`` claim older than this is taken to be from a process that died before the answer.
STALE_CLAIM_MINUTES = 15
SUBMISSION_LOG_COLUMNS = [
    "id",
    "unit",
    "period",
    "status",
    "uploaded_at",
    "uploaded_by",
    "account",
    "is_sample",
    "file_id",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
    "file_name",
]


class CampaignMixin(BaseStore):
    """Deadlines, the submission log, the mail log and its claims, notification switches."""

    # -- campaign: deadlines -------------------------------------------------------------------
    def deadlines(self) -> dict[str, dt.date]:
        """The stored deadline of each quarter that has one (``{"2026Q3": date(2026, 10, 5)}``)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(deadlines.c.period, deadlines.c.deadline)).all()
        return {str(p): dt.date.fromisoformat(d) for p, d in rows}

    def deadline_rows(self) -> pd.DataFrame:
        """The stored deadlines with who set them and when: ``period, deadline, set_by, set_at``."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(deadlines).order_by(deadlines.c.period)).all()
        return pd.DataFrame(rows, columns=["period", "deadline", "set_by", "set_at"])

    def save_deadline(self, period: object, day: dt.date, by: str = "", actor: Account | None = None) -> None:
        """Store ``day`` as the deadline of ``period`` (replacing any), audited as ``deadline_set``.
        The date is checked by ``campaign.deadlines.set_deadline`` before it gets here."""
        acc.require(actor, Action.SETTINGS)
        who = acc.actor_label(actor, by)
        key = _period_str(period)
        with self._write() as conn:
            before = conn.execute(sa.select(deadlines.c.deadline).where(deadlines.c.period == key)).scalar()
            conn.execute(sa.delete(deadlines).where(deadlines.c.period == key))
            conn.execute(deadlines.insert().values(period=key, deadline=day.isoformat(), set_by=who, set_at=_now()))
            self._audit(conn, "deadline_set", who, {"period": key, "deadline": day.isoformat(), "before": before})

    # -- campaign: what was sent, when ---------------------------------------------------------
    def submission_log(self, periods: Iterable[object] | None = None) -> pd.DataFrame:
        """Every submission (any status) with its times and review, oldest first
        (``SUBMISSION_LOG_COLUMNS``); optionally of some quarters only."""
        q = sa.select(*[submissions.c[c] for c in SUBMISSION_LOG_COLUMNS]).order_by(submissions.c.id)
        if periods is not None:
            q = q.where(submissions.c.period.in_([_period_str(p) for p in periods]))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        frame = pd.DataFrame(rows, columns=SUBMISSION_LOG_COLUMNS)
        frame["is_sample"] = frame["is_sample"].astype(bool)
        return frame

    # -- campaign: the mail log ----------------------------------------------------------------
    def claim_mail(
        self,
        unit: str,
        period: object,
        day: dt.date,
        kind: str,
        *,
        ref: int = 0,
        recipients: Iterable[str] = (),
        subject: str = "",
        by: str = "",
        now: dt.datetime | None = None,
    ) -> int | None:
        """Decide to send one message: the id of the claimed ``sending`` row, or None when this
        key is already sent or being sent by someone else (see the module docstring)."""
        now = now or dt.datetime.now(dt.UTC)
        stale = (now - dt.timedelta(minutes=STALE_CLAIM_MINUTES)).isoformat(timespec="seconds")
        key = {"unit": str(unit), "period": _period_str(period), "day": day.isoformat(), "kind": kind, "ref": int(ref)}
        values = {
            "recipients": ", ".join(recipients),
            "subject": subject,
            "status": "sending",
            "error": "",
            "sent_by": by,
            "claimed_at": now.isoformat(timespec="seconds"),
            "sent_at": "",
        }
        try:
            with self._write() as conn:
                where = sa.and_(*[mail_log.c[k] == v for k, v in key.items()])
                row = conn.execute(sa.select(mail_log.c.id, mail_log.c.status, mail_log.c.claimed_at).where(where))
                found = row.first()
                if found is None:
                    return int(conn.execute(mail_log.insert().values(**key, **values)).inserted_primary_key[0])
                mail_id, status, claimed_at = found
                if status == "failed" or (status == "sending" and claimed_at < stale):
                    conn.execute(sa.update(mail_log).where(mail_log.c.id == mail_id).values(**values))
                    return int(mail_id)
                return None
        except IntegrityError:  # another writer inserted the same key first
            return None

    def finish_mail(self, mail_id: int, sent: bool, error: str = "", now: dt.datetime | None = None) -> None:
        """Record the server's answer to a claimed message: ``sent`` (accepted) or ``failed``."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(
                sa.update(mail_log)
                .where(mail_log.c.id == int(mail_id))
                .values(status="sent" if sent else "failed", error=error, sent_at=stamp if sent else "")
            )

    def mail_log(self, period: object = None, kind: str | None = None) -> pd.DataFrame:
        """The mail log (``MAIL_LOG_COLUMNS``), newest first; optionally of one quarter and kind."""
        q = sa.select(*[mail_log.c[c] for c in MAIL_LOG_COLUMNS]).order_by(mail_log.c.id.desc())
        if period is not None:
            q = q.where(mail_log.c.period == _period_str(period))
        if kind is not None:
            q = q.where(mail_log.c.kind == kind)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return pd.DataFrame(rows, columns=MAIL_LOG_COLUMNS)

    def record_mail_batch(self, detail: dict, by: str = "") -> None:
        """One audit row (``mail_send``) for a batch of messages: what was sent and what was not."""
        with self._write() as conn:
            self._audit(conn, "mail_send", by, detail)

    # -- campaign: notification switches -------------------------------------------------------
    def notify_enabled(self, kind: str) -> bool:
        """Whether notifications of ``kind`` (``returned`` | ``submitted``) are on (default: on)."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta.c.value).where(meta.c.key == NOTIFY_KEYS[kind])).scalar()
        return value != "0"

    def set_notify(self, kind: str, on: bool, actor: Account | None = None) -> None:
        acc.require(actor, Action.SETTINGS)
        key = NOTIFY_KEYS[kind]
        with self._write() as conn:
            conn.execute(sa.delete(meta).where(meta.c.key == key))
            conn.execute(meta.insert().values(key=key, value="1" if on else "0"))
            self._audit(conn, "notify_settings", acc.actor_label(actor), {kind: bool(on)})
