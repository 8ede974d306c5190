"""Meetings (SPEC §11): notes on an indicator or a unit for a quarter, shown on charts."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from .. import accounts as acc
from ..accounts import Account, Action
from ..errors import GenderTargetsError
from ..schema import INDICATORS
from ._util import _now, _period_str
from .reference import ReferenceMixin
from .schema import NOTE_COLUMNS, NOTE_MAX_CHARS, notes


class NotesMixin(ReferenceMixin):
    """Adding, hiding and reading notes."""

    # -- meetings: notes (an indicator's or a unit's remark for a quarter) --------------------
    def add_note(
        self,
        unit: str,
        period: object,
        text: str,
        indicator: str | None = None,
        by: str = "",
        actor: Account | None = None,
    ) -> int:
        """Store a note on ``unit`` (an area or a unit) for ``period``, on one ``indicator`` or on
        the unit as a whole (None). The text is kept as typed (plain text, stripped, at most
        ``NOTE_MAX_CHARS``); returns its id. Raises ``GenderTargetsError`` ``note_empty`` /
        ``note_too_long`` / ``note_unknown_unit`` / ``note_unknown_indicator``."""
        acc.require(actor, Action.REVIEW)  # the union's officers and reviewers write notes (SPEC §11)
        by = acc.actor_label(actor, by)
        body = " ".join(str(text or "").split())
        if not body:
            raise GenderTargetsError("note_empty")
        if len(body) > NOTE_MAX_CHARS:
            raise GenderTargetsError("note_too_long", limit=NOTE_MAX_CHARS, length=len(body))
        ind = (indicator or "").strip().upper()
        if ind and ind not in INDICATORS:
            raise GenderTargetsError("note_unknown_indicator", indicator=ind)
        reg = self.register()
        code = str(unit).strip()
        if reg is not None:
            if code not in reg:
                raise GenderTargetsError("note_unknown_unit", unit=code)
            code = reg.canonical(code)
        per = _period_str(period)
        with self._write() as conn:
            new_id = conn.execute(
                notes.insert().values(
                    unit=code, indicator=ind, period=per, text=body, created_by=by or "", created_at=_now()
                )
            ).inserted_primary_key[0]
            self._audit(conn, "note_add", by, {"id": new_id, "unit": code, "indicator": ind, "period": per})
        return int(new_id)

    def delete_note(self, note_id: int, by: str = "", actor: Account | None = None) -> bool:
        """Hide a note (kept in the table, marked deleted); False when there is no such note."""
        acc.require(actor, Action.REVIEW)
        by = acc.actor_label(actor, by)
        with self._write() as conn:
            done = conn.execute(
                sa.update(notes).where(notes.c.id == int(note_id), notes.c.deleted.is_(False)).values(deleted=True)
            ).rowcount
            if done:
                self._audit(conn, "note_delete", by, {"id": int(note_id)})
        return bool(done)

    def notes(self, unit: str | None = None, indicator: str | None = None) -> pd.DataFrame:
        """The notes not deleted (``NOTE_COLUMNS``), oldest first; optionally of one unit, and of one
        indicator (which includes the notes on the unit as a whole, ``indicator == ""``)."""
        q = sa.select(*[notes.c[c] for c in NOTE_COLUMNS]).where(notes.c.deleted.is_(False)).order_by(notes.c.id)
        if unit is not None:
            q = q.where(sa.func.upper(notes.c.unit) == str(unit).strip().upper())
        if indicator is not None:
            q = q.where(notes.c.indicator.in_([str(indicator).upper(), ""]))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return pd.DataFrame(rows, columns=NOTE_COLUMNS)

    # -- end meetings ----------------------------------------------------------------------
