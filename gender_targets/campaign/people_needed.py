"""What it takes (SPEC §12): how many more people a unit needs, at its current size, to meet the
final target (2030 by default), in total and per year from now. A count, not a percentage: a commune
officer plans people.

From the unit's latest quarter with data (its rows of ``compute_indicators``) and the targets table's
final milestone ``(Y_f, T)`` of each indicator:

- **I2** (women in the planning pool): pool size ``N`` (the denominator) kept as it is; women needed
  ``need = ⌈T·N/100⌉``; more = ``max(0, need − women)``.
- **I3** (women of the pool trained): counted on the women the pool will hold once I2 is met,
  ``W' = max(women, need_I2)``: trained needed ``⌈T·W'/100⌉``; more = ``max(0, that − trained)``.
- **I1** (bodies with a woman among their key leaders): bodies ``B``; needed ``⌈T·B/100⌉``.
- **Per year**: ``⌈more / years⌉`` with ``years = (index(Y_f Q4) − index(today's quarter)) / 4``;
  when the final year has come, everything is due now (``years`` 0, per year = more).

A unit without a value for an indicator gets None for it (nothing to count from).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from ..clock import today_vn
from ..judgement import people_needed as people_needed_at
from ..periods import Period, parse_period, period_indexes
from ..progress import milestones_for

__all__ = ["Need", "people_needed"]


@dataclass(frozen=True)
class Need:
    indicator: str
    period: str  # the quarter counted from
    have: int  # women in the pool / trained / bodies with a woman key leader
    base: int  # pool size / women in the pool (after I2 is met) / bodies
    need: int
    more: int
    per_year: int
    years: float
    final_year: int
    target: float


def _ceil_share(target: float, base: float) -> int:
    """⌈target · base / 100⌉, by the one rule of ``judgement.people_needed`` (exact, the target as written)."""
    return people_needed_at(0, int(base), target) or 0 if base else 0


def people_needed(
    indicators: pd.DataFrame, targets: pd.DataFrame, unit: str, today: dt.date | None = None
) -> dict[str, Need | None]:
    """``{indicator: Need | None}`` for I1, I2, I3 of ``unit`` (see the module docstring)."""
    today = today or today_vn()
    rows = indicators[(indicators["unit"] == unit) & indicators["value"].notna()]
    latest: dict[str, dict] = {}
    for ind in ("I1", "I2", "I3"):
        mine = rows[rows["indicator"] == ind]
        if len(mine):
            latest[ind] = mine.iloc[int(period_indexes(mine["period"]).argmax())].to_dict()
    now_index = Period.of_date(today).index

    def final(ind: str) -> tuple[int, float] | None:
        ms = milestones_for(targets, ind)
        return ms[-1] if ms else None

    def years_to(year: int) -> float:
        return max(0.0, (Period(year, 4).index - now_index) / 4)

    def make(ind: str, have: int, base: int) -> Need | None:
        fin = final(ind)
        if fin is None:
            return None
        year, target = fin
        need = _ceil_share(target, base)
        more = max(0, need - have)
        years = years_to(year)
        per_year = more if years < 1 else math.ceil(more / years - 1e-9)
        return Need(
            ind, str(parse_period(latest[ind]["period"])), have, base, need, more, per_year, years, year, target
        )

    out: dict[str, Need | None] = {"I1": None, "I2": None, "I3": None}
    if "I1" in latest:
        r = latest["I1"]
        out["I1"] = make("I1", int(r["numerator"]), int(r["denominator"]))
    women_after = None
    if "I2" in latest:
        r = latest["I2"]
        out["I2"] = make("I2", int(r["numerator"]), int(r["denominator"]))
        if out["I2"] is not None:
            women_after = max(int(r["numerator"]), out["I2"].need)
    if "I3" in latest:
        r = latest["I3"]
        base = int(r["denominator"]) if women_after is None else max(int(r["denominator"]), women_after)
        out["I3"] = make("I3", int(r["numerator"]), base)
    return out
