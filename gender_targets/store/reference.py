"""The unit register and the targets: reference tables an admin replaces as a whole."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ..periods import parse_period
from ..schema import DEFAULT_TARGETS, targets_frame
from ..units import REGISTER_COLUMNS, Register, RegisterError, register_from_frame
from .base import BaseStore
from .dberrors import StoreError
from .schema import submissions, targets, units


class ReferenceMixin(BaseStore):
    """The stored register (read once per content) and targets, and saving them."""

    # -- register --------------------------------------------------------------------------
    def register(self) -> Register | None:
        """The stored unit register, or None when none has been saved."""
        with self.engine.connect() as conn:
            return self._register_of(conn)

    def _register_of(self, conn: Connection) -> Register | None:
        """The stored register, read in one query and parsed once per content (a national register
        takes about a second to validate; pages and imports ask for it again and again)."""
        query = sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position, units.c.code)
        key = tuple(tuple(r) for r in conn.execute(query))
        if not key:
            return None
        cached = self._register_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        register = register_from_frame(pd.DataFrame(list(key), columns=REGISTER_COLUMNS))
        self._register_cache = (key, register)
        return register

    def _require_register(self, register: Register | None) -> Register:
        register = register or self.register()
        if register is None:
            raise StoreError("no_register")
        return register

    def save_register(self, register: Register, by: str = "", actor: Account | None = None) -> None:
        """Replace the stored register; refused (StoreError with the codes) when it would orphan submissions.

        A stored submission is orphaned when its unit code is missing from the new register or its
        quarter lies outside the unit's new validity. Codes that only change case are renamed in the
        stored submissions too.
        """
        acc.require(actor, Action.REGISTER)
        by = acc.actor_label(actor, by)
        new_frame = register.frame[REGISTER_COLUMNS].reset_index(drop=True)
        with self._write() as conn:
            stored = conn.execute(sa.select(submissions.c.unit, submissions.c.period).distinct()).all()
            orphans: dict[str, list[str]] = {}
            renames: dict[str, str] = {}
            for unit, period in stored:
                if unit not in register:
                    orphans.setdefault(unit, []).append(period)
                    continue
                canonical = register.canonical(unit)
                if canonical != unit:
                    renames[unit] = canonical
                if not register.is_active(canonical, parse_period(period)):
                    orphans.setdefault(unit, []).append(period)
            if orphans:
                items = [
                    f"{u} ({', '.join(sorted(ps)[:4])}{'…' if len(ps) > 4 else ''})"
                    for u, ps in sorted(orphans.items())
                ]
                raise StoreError("register_orphans", details=sorted(orphans), items="; ".join(items))
            old = pd.DataFrame(
                conn.execute(sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position)).all(),
                columns=REGISTER_COLUMNS,
            )
            old_rows = {r["code"]: r for r in old.astype(str).to_dict("records")}
            new_rows = {r["code"]: r for r in new_frame.astype(str).to_dict("records")}
            if list(old_rows.values()) == list(new_rows.values()):
                return
            conn.execute(sa.delete(units))
            conn.execute(
                units.insert(),
                [{"position": i, **row} for i, row in enumerate(new_rows.values())],
            )
            for before, after in renames.items():
                conn.execute(sa.update(submissions).where(submissions.c.unit == before).values(unit=after))
            changed = sorted(c for c in old_rows.keys() & new_rows.keys() if old_rows[c] != new_rows[c])
            self._audit(
                conn,
                "register_change",
                by,
                {
                    "units": len(new_frame),
                    "added": sorted(new_rows.keys() - old_rows.keys()),
                    "removed": sorted(old_rows.keys() - new_rows.keys()),
                    "changed": changed,
                    "renamed": renames,
                },
            )

    def _register_in(self, conn: Connection) -> Register | None:
        try:
            return self._register_of(conn)
        except RegisterError:  # pragma: no cover - only valid registers are saved
            return None

    # -- rollback --------------------------------------------------------------------------
    def register_as_saved(self) -> Register | None:
        """The stored register exactly as ``save_register`` wrote it (validated then), without
        validating it again: ``register()`` re-checks every unit, about a second for 3,000 units,
        which the app's model, rebuilt after every import, need not pay. None when none is saved."""
        q = sa.select(*[units.c[c] for c in REGISTER_COLUMNS]).order_by(units.c.position, units.c.code)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        if not rows:
            return None
        return Register(pd.DataFrame([tuple(r) for r in rows], columns=REGISTER_COLUMNS))

    # -- targets ---------------------------------------------------------------------------
    def targets(self) -> pd.DataFrame:
        """The stored targets table (``indicator, year, target_percent``), DEFAULT_TARGETS when none."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(targets.c.indicator, targets.c.year, targets.c.target_percent).order_by(
                    targets.c.indicator, targets.c.year
                )
            ).all()
        if not rows:
            return DEFAULT_TARGETS.copy()
        frame = pd.DataFrame(rows, columns=["indicator", "year", "target_percent"])
        frame["year"] = frame["year"].astype(int)
        frame["target_percent"] = frame["target_percent"].astype(float)
        return frame

    def save_targets(self, frame: pd.DataFrame, by: str = "", actor: Account | None = None) -> None:
        """Validate (``schema.targets_frame``) and replace the stored targets; TargetsError when invalid.

        Saving the table already stored writes nothing (no audit row, same ``data_version``)."""
        acc.require(actor, Action.TARGETS)
        by = acc.actor_label(actor, by)
        clean = targets_frame(frame)  # TargetsError (a family member with its own words) when invalid
        records = clean.to_dict("records")
        with self._write() as conn:
            stored = conn.execute(
                sa.select(targets.c.indicator, targets.c.year, targets.c.target_percent).order_by(
                    targets.c.indicator, targets.c.year
                )
            ).all()
            if [(r["indicator"], r["year"], r["target_percent"]) for r in records] == [tuple(r) for r in stored]:
                return  # the same table: nothing to write
            conn.execute(sa.delete(targets))
            conn.execute(targets.insert(), records)
            self._audit(conn, "targets_change", by, {"targets": records})
