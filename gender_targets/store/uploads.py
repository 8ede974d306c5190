"""Storing checked files (all of a file's unit-periods or none), rolling an upload back, sample data."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ..attachments import Attachment
from ..i18n import t
from ..periods import parse_period
from ..validation import FileReport, sha256_of
from ._util import _now
from .bulk import _body_table, _insert_bodies, _insert_submissions, _set_status
from .dberrors import StoreError
from .reference import ReferenceMixin
from .schema import attachments, bodies, files, submissions


@dataclass
class ImportResult:
    """What ``save_report`` did: the report, the submission id of every (unit, period) stored."""

    report: FileReport
    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok

    def to_dict(self, lang: str = "vi") -> dict:
        """SPEC §8 import shape (the check shape with ``id`` per submission), plus ``unchanged``."""
        return {**self.report.to_dict(lang, ids=self.ids), "unchanged": self.unchanged}


class UploadsMixin(ReferenceMixin):
    """``save_report``, ``rollback``, ``delete_sample``, ``record_sample_load``."""

    # -- imports ---------------------------------------------------------------------------
    def save_report(
        self,
        report: FileReport,
        data: bytes,
        filename: str,
        by: str = "",
        is_sample: bool = False,
        actor: Account | None = None,
        attachment: Attachment | None = None,
    ) -> ImportResult:
        """Store one file checked by ``intake.check_upload``, all of its unit-periods or none.

        ``actor`` (accounts): a unit account's submissions are stored ``pending`` (nothing superseded
        until a reviewer accepts), for its own units only; other roles need ``Action.IMPORT``.
        ``attachment`` (phone): the signed report, stored with every submission of the file in the
        same transaction (``AttachmentsMixin._attach``); required from a unit account when an admin
        said so."""
        action = acc.write_action(actor)
        acc.require(actor, action)
        status = acc.submission_status(actor)
        who, by = acc.actor_label(actor, by), (actor.label if actor is not None else by)
        self._require_register(None)
        if not report.ok:
            return ImportResult(report)
        keys = [(s.unit, str(s.period)) for s in report.submissions]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})
            raise StoreError.from_key("store.duplicate_unit_period", items=", ".join(f"{u} {p}" for u, p in dup))
        for unit in sorted({u for u, _ in keys}):
            acc.require(actor, action, unit=unit)
        sha = report.sha256 or sha256_of(data)
        now = _now()
        body_k, body_columns = _body_table(report)
        with self._write() as conn:
            self._require_attachment(conn, actor, attachment)  # phone: an admin may require it
            actives = self._active_rows(conn, keys)
            if keys and all(k in actives and actives[k]["sha256"] == sha for k in keys):
                return ImportResult(report, {k: actives[k]["id"] for k in keys}, unchanged=True)
            stored_register = self._register_in(conn)
            gone = [
                f"{u} {p}"
                for u, p in keys
                if stored_register is None
                or u not in stored_register
                or not stored_register.is_active(u, parse_period(p))
            ]
            if gone:
                raise StoreError("unit_gone", details=gone, items=", ".join(gone))
            file_id = conn.execute(sa.select(files.c.id).where(files.c.sha256 == sha)).scalar()
            if file_id is None:
                file_id = conn.execute(
                    files.insert().values(sha256=sha, size=len(data), data=data)
                ).inserted_primary_key[0]
            previous = [actives[k]["id"] if k in actives and status == "active" else None for k in keys]
            if status == "pending":  # a newer pending submission replaces an older one still waiting
                for unit, period in keys:
                    conn.execute(
                        sa.update(submissions)
                        .where(submissions.c.unit == unit, submissions.c.period == period)
                        .where(submissions.c.status == "pending")
                        .values(status="superseded")
                    )
            _set_status(conn, [i for i in previous if i is not None], "superseded")
            params = [
                {
                    "unit": unit,
                    "period": period,
                    "file_name": filename,
                    "sha256": sha,
                    "file_id": file_id,
                    "uploaded_by": by or "",
                    "uploaded_at": now,
                    "status": status,
                    "account": actor.username if actor is not None else "",
                    "supersedes": prev,
                    "is_sample": bool(is_sample),
                    "n_bodies": len(sub.bodies),
                }
                for (unit, period), prev, sub in zip(keys, previous, report.submissions, strict=True)
            ]
            new_ids = _insert_submissions(conn, params)
            ids = dict(zip(keys, new_ids, strict=True))
            replaced = [
                {"id": new, "supersedes": int(old)}
                for new, old in zip(new_ids, previous, strict=True)
                if old is not None
            ]
            _insert_bodies(conn, new_ids, body_k, body_columns)
            if attachment is not None:  # phone: the signed report, with the submissions or not at all
                self._attach(conn, new_ids, attachment, who)
            self._audit(
                conn,
                "import" if status == "active" else "submit",
                who,
                {
                    "file": filename,
                    "sha256": sha,
                    "is_sample": bool(is_sample),
                    "submissions": [{"id": i, "unit": u, "period": p} for (u, p), i in ids.items()],
                    "superseded": replaced,
                    "warnings": len(report.warnings),
                    **({"attachment": attachment.file_name} if attachment is not None else {}),
                },
            )
        return ImportResult(report, ids)

    def _active_rows(self, conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        if not keys:
            return {}
        unit_codes = sorted({u for u, _ in keys})
        rows = conn.execute(
            sa.select(submissions.c.id, submissions.c.unit, submissions.c.period, submissions.c.sha256).where(
                submissions.c.status == "active", submissions.c.unit.in_(unit_codes)
            )
        ).mappings()
        wanted = set(keys)
        return {(r["unit"], r["period"]): dict(r) for r in rows if (r["unit"], r["period"]) in wanted}

    # -- rollback --------------------------------------------------------------------------
    def rollback(self, submission_id: int, by: str = "", actor: Account | None = None) -> int | None:
        """Undo one upload: the ACTIVE submission becomes ``rolled_back`` and the one it superseded
        becomes ``active`` again. Returns the id made active (None: the unit-period has no data now)."""
        acc.require(actor, Action.ROLLBACK)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            row = conn.execute(sa.select(submissions).where(submissions.c.id == int(submission_id))).mappings().first()
            if row is None:
                raise StoreError("not_found", id=submission_id)
            if row["status"] != "active":
                raise StoreError(
                    "not_active",
                    id=submission_id,
                    status_vi=t(f"store.status.{row['status']}", "vi"),
                    status_en=t(f"store.status.{row['status']}", "en"),
                )
            conn.execute(sa.update(submissions).where(submissions.c.id == row["id"]).values(status="rolled_back"))
            restored = row["supersedes"]
            if restored is not None:
                conn.execute(sa.update(submissions).where(submissions.c.id == restored).values(status="active"))
            self._audit(
                conn,
                "rollback",
                by,
                {"id": row["id"], "unit": row["unit"], "period": row["period"], "restored": restored},
            )
        return restored

    # -- sample data -----------------------------------------------------------------------
    def delete_sample(self, by: str = "", actor: Account | None = None) -> int:
        """Delete every sample submission, its bodies and its file when no other submission uses it.

        The only deletion the store does. Non-sample submissions that pointed at a deleted one through
        ``supersedes`` keep their status and lose that link. Returns the number of submissions deleted.
        """
        acc.require(actor, Action.SAMPLE)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            ids = list(conn.execute(sa.select(submissions.c.id).where(submissions.c.is_sample.is_(True))).scalars())
            if not ids:
                return 0
            file_ids = set(
                conn.execute(sa.select(submissions.c.file_id).where(submissions.c.id.in_(ids)).distinct()).scalars()
            )
            unlinked = list(
                conn.execute(
                    sa.select(submissions.c.id).where(
                        submissions.c.supersedes.in_(ids), submissions.c.is_sample.is_(False)
                    )
                ).scalars()
            )
            conn.execute(sa.update(submissions).where(submissions.c.id.in_(unlinked)).values(supersedes=None))
            conn.execute(sa.update(submissions).where(submissions.c.id.in_(ids)).values(supersedes=None))
            conn.execute(sa.delete(bodies).where(bodies.c.submission_id.in_(ids)))
            conn.execute(sa.delete(attachments).where(attachments.c.submission_id.in_(ids)))  # phone
            conn.execute(sa.delete(submissions).where(submissions.c.id.in_(ids)))
            still_used = set(
                conn.execute(
                    sa.select(submissions.c.file_id).where(submissions.c.file_id.in_(file_ids)).distinct()
                ).scalars()
            )
            dropped = sorted(f for f in file_ids - still_used if f is not None)
            if dropped:
                conn.execute(sa.delete(files).where(files.c.id.in_(dropped)))
            self._audit(
                conn,
                "sample_remove",
                by,
                {"submissions": len(ids), "files": len(dropped), "unlinked": unlinked},
            )
        return len(ids)

    def record_sample_load(self, by: str, detail: dict, actor: Account | None = None) -> None:
        """Audit that sample data was loaded (the imports themselves are audited one by one)."""
        acc.require(actor, Action.SAMPLE)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            self._audit(conn, "sample_load", by, detail)
