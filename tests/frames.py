"""Small in-memory inputs for the core's tests: a unit register from rows, one body row."""

from __future__ import annotations

import pandas as pd

from gender_targets.units import Register, register_from_frame

REG_COLUMNS = ["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"]


def make_register(rows: list[tuple]) -> Register:
    """A register from rows of (code, name, kind, parent, valid_from, valid_to, successor, note)."""
    return register_from_frame(pd.DataFrame(rows, columns=REG_COLUMNS))


def body(unit, period, body_type="UBND", kl=0, klf=0, pt=0, pf=0, pft=0, name=None) -> dict:
    """One body row: key leaders (kl, klf), planning pool (pt, pf) and trained women (pft)."""
    return {
        "unit": unit,
        "period": period,
        "body_name": name or f"{body_type} {kl}{klf}{pt}{pf}{pft}",
        "body_type": str(body_type),
        "key_leaders": kl,
        "key_leaders_female": klf,
        "pool_total": pt,
        "pool_female": pf,
        "pool_female_trained": pft,
    }
