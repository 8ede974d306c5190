"""The signed report attached to a submission (issue 23): stored with it, read back, required or not.

An attachment is checked before it gets here (``gender_targets.attachments.check_attachment``:
type from the bytes, images re-encoded, PDFs inspected); the store keeps what was checked. Its bytes
live once per content in ``attachment_files``; ``attachments`` links one submission to them with the
name it is shown under. ``save_report(..., attachment=…)`` attaches it in the very transaction that
stores the submission (``_attach``), so a submission and its signed report are stored together or
not at all; ``attach`` adds (or replaces) the report of a submission still waiting for review.

The setting an admin switches (``set_attachment_required``) is a ``meta`` row; ``save_report``
refuses a unit account's submission without an attachment while it is on
(``AttachmentError("attachment_required")``). Backups copy both tables like every other table of
``store.schema.metadata``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ..attachments import Attachment, AttachmentError
from ._util import _now
from .base import BaseStore
from .dberrors import StoreError
from .schema import (
    ATTACHMENT_COLUMNS,
    ATTACHMENT_REQUIRED_KEY,
    attachment_files,
    attachments,
    meta,
    submissions,
)


@dataclass(frozen=True)
class StoredAttachment:
    """An attachment as stored: what a page shows and serves."""

    submission_id: int
    file_name: str
    media_type: str
    data: bytes
    attached_by: str = ""
    attached_at: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


class AttachmentsMixin(BaseStore):
    """``attachment``, ``attachments_info``, ``attach``, the required setting, and ``_attach``."""

    # -- the setting -------------------------------------------------------------------------
    def attachment_required(self) -> bool:
        """True when an admin made the signed report required on every unit submission."""
        with self.engine.connect() as conn:
            return self._attachment_required(conn)

    def _attachment_required(self, conn: Connection) -> bool:
        return conn.execute(sa.select(meta.c.value).where(meta.c.key == ATTACHMENT_REQUIRED_KEY)).scalar() == "1"

    def set_attachment_required(self, on: bool, actor: Account | None = None) -> None:
        acc.require(actor, Action.SETTINGS)
        with self._write() as conn:
            conn.execute(sa.delete(meta).where(meta.c.key == ATTACHMENT_REQUIRED_KEY))
            conn.execute(meta.insert().values(key=ATTACHMENT_REQUIRED_KEY, value="1" if on else "0"))
            self._audit(conn, "settings_change", acc.actor_label(actor), {"attachment_required": bool(on)})

    # -- writes --------------------------------------------------------------------------------
    def _attach(self, conn: Connection, submission_ids: Iterable[int], attachment: Attachment, who: str) -> None:
        """Link ``attachment`` to each submission (inside the caller's write transaction)."""
        sha = attachment.sha256
        file_id = conn.execute(sa.select(attachment_files.c.id).where(attachment_files.c.sha256 == sha)).scalar()
        if file_id is None:
            file_id = conn.execute(
                attachment_files.insert().values(
                    sha256=sha, media_type=attachment.media_type, size=attachment.size, data=attachment.data
                )
            ).inserted_primary_key[0]
        ids = [int(i) for i in submission_ids]
        if not ids:
            return
        conn.execute(sa.delete(attachments).where(attachments.c.submission_id.in_(ids)))
        now = _now()
        conn.execute(
            attachments.insert(),
            [
                {
                    "submission_id": i,
                    "file_id": file_id,
                    "file_name": attachment.file_name,
                    "attached_by": who or "",
                    "attached_at": now,
                }
                for i in ids
            ],
        )

    def attach(self, submission_id: int, attachment: Attachment, actor: Account | None = None) -> None:
        """Attach (or replace) the signed report of a submission still waiting for review: by its
        own unit's account, or by a reviewer (any pending or active submission)."""
        with self._write() as conn:
            row = conn.execute(sa.select(submissions).where(submissions.c.id == int(submission_id))).mappings().first()
            if row is None:
                raise StoreError("not_found", id=submission_id)
            if acc.write_action(actor) is Action.SUBMIT:
                acc.require(actor, Action.SUBMIT, unit=row["unit"])
                if row["status"] != "pending":
                    raise acc.AccountError("not_pending", id=int(submission_id), status=row["status"])
            else:
                acc.require(actor, Action.IMPORT)
            who = acc.actor_label(actor)
            self._attach(conn, [int(submission_id)], attachment, who)
            self._audit(
                conn,
                "attach",
                who,
                {"id": int(submission_id), "file": attachment.file_name, "sha256": attachment.sha256},
            )

    def _require_attachment(self, conn: Connection, actor: Account | None, attachment: Attachment | None) -> None:
        """``save_report``'s check: a unit account's submission needs its signed report when an
        admin said so."""
        if attachment is None and acc.submission_status(actor) == "pending" and self._attachment_required(conn):
            raise AttachmentError("attachment_required")

    # -- reads ---------------------------------------------------------------------------------
    def attachment(self, submission_id: int) -> StoredAttachment | None:
        """The signed report of one submission (None when it has none)."""
        a, f = attachments.c, attachment_files.c
        q = (
            sa.select(a.file_name, f.media_type, f.data, a.attached_by, a.attached_at)
            .select_from(attachments.join(attachment_files, a.file_id == f.id))
            .where(a.submission_id == int(submission_id))
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        return StoredAttachment(int(submission_id), row[0], row[1], bytes(row[2]), row[3] or "", row[4] or "")

    def attachments_info(self, submission_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """One row per submission with an attachment (``ATTACHMENT_COLUMNS``: name, media type,
        size in bytes, SHA-256, who and when), without the bytes; optionally of some submissions."""
        a, f = attachments.c, attachment_files.c
        q = sa.select(a.submission_id, a.file_name, f.media_type, f.size, f.sha256, a.attached_by, a.attached_at)
        q = q.select_from(attachments.join(attachment_files, a.file_id == f.id)).order_by(a.submission_id)
        if submission_ids is not None:
            q = q.where(a.submission_id.in_([int(i) for i in submission_ids]))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        frame = pd.DataFrame(rows, columns=ATTACHMENT_COLUMNS)
        return frame.astype({"submission_id": "int64", "size": "int64"})
