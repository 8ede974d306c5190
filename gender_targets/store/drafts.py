"""The web form's drafts (the phone's side of the store): what an account typed for a unit and a
quarter and has not sent. Saved as she types, read back when her phone's browser reloads the page,
dropped when she sends. A draft is hers alone (keyed by her account) and never a number of the
union's: no audit entry, no ``data_version`` bump (the dashboards do not change), not restored from a
backup (``schema.SESSION_TABLES``).
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from ..accounts import Account, Action, require
from ._util import _now, _period_str
from .base import BaseStore
from .schema import entry_drafts

#: A larger draft is not kept (60 cards of five counts and a note are about 30 kB).
MAX_DRAFT_BYTES = 256_000


def _key(actor: Account | None) -> str:
    return actor.username if actor is not None else ""


class DraftsMixin(BaseStore):
    """Drafts of the web form: ``save_draft``, ``draft``, ``drop_draft``."""

    def save_draft(self, actor: Account | None, unit: str, period: object, content: dict) -> bool:
        """Keep ``content`` (JSON-able) as ``actor``'s draft of ``unit`` and ``period``; False when it
        is too large to keep. Only an account that may submit for ``unit`` has drafts of it."""
        require(actor, Action.SUBMIT, unit=unit)
        text = json.dumps(content, ensure_ascii=False, sort_keys=True)
        if len(text.encode("utf-8")) > MAX_DRAFT_BYTES:
            return False
        key = {"account": _key(actor), "unit": str(unit), "period": _period_str(period)}
        with self._write_engine.begin() as conn:
            conn.execute(sa.delete(entry_drafts).where(*[entry_drafts.c[k] == v for k, v in key.items()]))
            conn.execute(entry_drafts.insert().values(**key, content=text, saved_at=_now()))
        return True

    def draft(self, actor: Account | None, unit: str, period: object) -> tuple[dict, str] | None:
        """``actor``'s draft of ``unit`` and ``period`` and when it was saved (UTC ISO), or None."""
        c = entry_drafts.c
        q = sa.select(c.content, c.saved_at).where(
            c.account == _key(actor), c.unit == str(unit), c.period == _period_str(period)
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        try:
            content = json.loads(row.content)
        except ValueError:
            return None
        return (content, str(row.saved_at)) if isinstance(content, dict) else None

    def drop_draft(self, actor: Account | None, unit: str, period: object) -> None:
        """Forget ``actor``'s draft of ``unit`` and ``period`` (sent, or she started again)."""
        c = entry_drafts.c
        with self._write_engine.begin() as conn:
            conn.execute(
                sa.delete(entry_drafts).where(
                    c.account == _key(actor), c.unit == str(unit), c.period == _period_str(period)
                )
            )
