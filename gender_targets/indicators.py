"""Indicator arithmetic on body rows, unit lineage and area pooling (SPEC §2, §4).

``aggregate_bodies`` reduces body rows to one row per (unit, period) with the numerator and
denominator of each indicator:

- I1: ``I1_den`` = number of I1-bodies (HĐND, UBND, Cơ quan chuyên môn) with ``key_leaders ≥ 1``;
  ``I1_num`` = those of them with ``key_leaders_female ≥ 1``. Other body types and I1-bodies with
  no key leaders do not count.
- I2: ``I2_num`` = Σ ``pool_female``, ``I2_den`` = Σ ``pool_total``.
- I3: ``I3_num`` = Σ ``pool_female_trained``, ``I3_den`` = Σ ``pool_female``.

Values are ``100 · num / den`` and null (NaN) when ``den == 0``; pooling a group of units sums
numerators and denominators first — never a mean of percentages. Values stay unrounded.

``compute_indicators`` turns the active body rows into the long table every view reads
(``unit, period, indicator, numerator, denominator, value, reconstructed, is_area,
units_reporting, units_expected``):

- **Own series.** A reporting unit's value in a quarter pools its own body rows. Rows of a quarter
  outside the unit's ``valid_from``–``valid_to`` are left out (intake refuses them as
  ``unit_not_active``), and so are rows whose code is not in the register.
- **Reconstructed series.** Before its ``valid_from`` a unit's series pools, quarter by quarter,
  the own data of its ancestors (the units whose ``successor`` is it, recursively). Those rows have
  ``reconstructed = True``. After its ``valid_to`` a unit has no rows.
- **Areas.** An area's value in a quarter pools the own data of the reporting units under it
  (recursively through nested areas) that exist in that quarter — never reconstructed rows, so no
  unit is counted twice. An area with its own ``valid_from``/``valid_to`` has rows only inside it.
- **Which rows exist.** One row per unit (or area), quarter and indicator, for every quarter of
  the range (``periods``, or the first to the last quarter with data) in which the unit existed —
  or, before its ``valid_from``, in which one of its ancestors existed. A quarter nobody sent is a
  row with numerator and denominator 0 and ``value`` null (``units_reporting`` 0), exactly like a
  quarter whose denominator is 0: both have no value. ``units_reporting`` counts the units whose
  data were pooled and ``units_expected`` the units that existed (for a reconstructed row: the
  ancestors that existed), so a partial area total can be shown as such (e.g. "12/15 đơn vị").

All of this runs once over the body rows (one grouped sum) and then on the small per-unit-period
table with merges and group-bys; nothing loops over body rows in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .periods import Period, parse_period, period_indexes
from .schema import I1_BODY_TYPES
from .units import AREA_KIND, Register

__all__ = [
    "COUNT_PAIRS",
    "INDICATOR_COLUMNS",
    "aggregate_bodies",
    "compute_indicators",
    "lineage_frame",
    "pool_units",
    "ratio",
]

#: indicator id -> (numerator column, denominator column) in aggregated frames.
COUNT_PAIRS: dict[str, tuple[str, str]] = {
    "I1": ("I1_num", "I1_den"),
    "I2": ("I2_num", "I2_den"),
    "I3": ("I3_num", "I3_den"),
}

#: Columns of the long table returned by ``compute_indicators``.
INDICATOR_COLUMNS: list[str] = [
    "unit",
    "period",
    "indicator",
    "numerator",
    "denominator",
    "value",
    "reconstructed",
    "is_area",
    "units_reporting",
    "units_expected",
]

_I1_TYPES = [str(bt) for bt in I1_BODY_TYPES]
_COUNTS = [c for pair in COUNT_PAIRS.values() for c in pair]
_OPEN_START = -1
_OPEN_END = 10**9


def ratio(num: pd.Series | np.ndarray, den: pd.Series | np.ndarray) -> np.ndarray:
    """100·num/den as float, NaN where den is 0."""
    num = np.asarray(num, dtype="float64")
    den = np.asarray(den, dtype="float64")
    out = np.full(num.shape, np.nan)
    np.divide(100.0 * num, den, out=out, where=den > 0)
    return out


def aggregate_bodies(bodies: pd.DataFrame, keys: tuple[str, ...] = ("unit", "period")) -> pd.DataFrame:
    """Numerators and denominators per group of ``keys`` from body rows.

    ``bodies`` needs the ``keys``, ``body_type`` and the five count columns. Returns one row per
    group with ``I1_num, I1_den, I2_num, I2_den, I3_num, I3_den`` as int64.
    """
    keys = list(keys)
    is_i1 = bodies["body_type"].isin(_I1_TYPES).to_numpy()
    kl = bodies["key_leaders"].to_numpy()
    klf = bodies["key_leaders_female"].to_numpy()
    counted = is_i1 & (kl >= 1)
    work = pd.DataFrame(
        {
            **{k: bodies[k].to_numpy() for k in keys},
            "I1_num": (counted & (klf >= 1)).astype("int64"),
            "I1_den": counted.astype("int64"),
            "I2_num": bodies["pool_female"].to_numpy(dtype="int64"),
            "I2_den": bodies["pool_total"].to_numpy(dtype="int64"),
            "I3_num": bodies["pool_female_trained"].to_numpy(dtype="int64"),
            "I3_den": bodies["pool_female"].to_numpy(dtype="int64"),
        }
    )
    out = work.groupby(keys, sort=True, observed=True).sum().reset_index()
    return out


# -- the register as arrays ---------------------------------------------------------------------


def _register_table(register: Register) -> pd.DataFrame:
    """code, is_area, parent, successor (canonical codes, "" for none), vf, vt (period indexes), order."""
    f = register.frame
    canon = {c.upper(): c for c in f["code"]}

    def resolve(values: pd.Series) -> list[str]:
        return [canon.get(v.upper(), "") if v else "" for v in values]

    def index(values: pd.Series, empty: int) -> list[int]:
        return [parse_period(v).index if v else empty for v in values]

    return pd.DataFrame(
        {
            "code": f["code"].to_numpy(),
            "is_area": (f["kind"] == AREA_KIND).to_numpy(),
            "parent": resolve(f["parent"]),
            "successor": resolve(f["successor"]),
            "vf": index(f["valid_from"], _OPEN_START),
            "vt": index(f["valid_to"], _OPEN_END),
            "order": np.arange(len(f)),
        }
    )


def lineage_frame(register: Register) -> pd.DataFrame:
    """Who pools whose own data: columns ``target, member, role``.

    ``role`` is ``self`` (a reporting unit and itself), ``ancestor`` (``member`` was merged,
    directly or through other merges, into ``target``; used before ``target``'s ``valid_from``)
    or ``area`` (``member`` is a reporting unit under the area ``target``, at any depth).
    Walks the successor and parent chains of the register once (it is small); no body rows.
    """
    reg = _register_table(register)
    successor = dict(zip(reg["code"], reg["successor"], strict=True))
    parent = dict(zip(reg["code"], reg["parent"], strict=True))
    rows: list[tuple[str, str, str]] = []
    for code, is_area in zip(reg["code"], reg["is_area"], strict=True):
        if is_area:
            continue
        rows.append((code, code, "self"))
        seen = {code}
        cur = successor[code]
        while cur and cur not in seen:  # the register refuses cycles; guard anyway
            rows.append((cur, code, "ancestor"))
            seen.add(cur)
            cur = successor.get(cur, "")
        seen = {code}
        cur = parent[code]
        while cur and cur not in seen:
            rows.append((cur, code, "area"))
            seen.add(cur)
            cur = parent.get(cur, "")
    return pd.DataFrame(rows, columns=["target", "member", "role"])


# -- the long table ------------------------------------------------------------------------------


def compute_indicators(
    bodies: pd.DataFrame,
    register: Register,
    periods: Sequence[Period] | None = None,
) -> pd.DataFrame:
    """The long indicator table of every unit and area of the register (module docstring).

    ``bodies``: the active body rows (``unit, period, body_type`` and the five counts; other
    columns are ignored). ``periods``: keep only these quarters (default: every quarter with
    data). Returns ``INDICATOR_COLUMNS`` — ``numerator``/``denominator`` int64, ``value`` float
    (percent, NaN when the denominator is 0, unrounded), ``reconstructed``/``is_area`` bool,
    ``units_reporting``/``units_expected`` int64 — sorted by register order, period, indicator.
    """
    reg = _register_table(register)
    empty = pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in INDICATOR_COLUMNS})
    if bodies is None or len(bodies) == 0:
        return empty

    # 1. one grouped sum over the body rows, then codes and periods made canonical
    agg = aggregate_bodies(bodies)
    canon = {c.upper(): c for c in reg["code"]}
    agg["unit"] = agg["unit"].astype(str).str.strip().str.upper().map(canon)
    agg["pidx"] = period_indexes(agg["period"])
    agg = agg.dropna(subset=["unit"])
    if periods is not None:
        keep = {parse_period(p).index for p in periods}
        agg = agg[agg["pidx"].isin(keep)]
    agg = agg.groupby(["unit", "pidx"], sort=False)[_COUNTS].sum().reset_index()
    # own data only inside the unit's validity (and never for an area code)
    info = reg.set_index("code")
    vf = agg["unit"].map(info["vf"]).to_numpy()
    vt = agg["unit"].map(info["vt"]).to_numpy()
    area = agg["unit"].map(info["is_area"]).to_numpy(dtype=bool)
    pidx = agg["pidx"].to_numpy()
    agg = agg[(pidx >= vf) & (pidx <= vt) & ~area]
    if agg.empty:
        return empty

    # 2. pool members' own data into every target they feed
    lin = lineage_frame(register)
    lin = lin.merge(reg[["code", "vf", "vt"]].rename(columns={"code": "target"}), on="target")
    pooled = agg.rename(columns={"unit": "member"}).merge(lin, on="member")
    p = pooled["pidx"].to_numpy()
    role = pooled["role"].to_numpy()
    ok = np.where(role == "ancestor", p < pooled["vf"].to_numpy(), True)
    ok &= np.where(role == "area", (p >= pooled["vf"].to_numpy()) & (p <= pooled["vt"].to_numpy()), True)
    pooled = pooled[ok]
    pooled = pooled.assign(reconstructed=pooled["role"].to_numpy() == "ancestor", units_reporting=1)
    table = (
        pooled.groupby(["target", "pidx"], sort=False)
        .agg(
            **{c: (c, "sum") for c in _COUNTS},
            reconstructed=("reconstructed", "max"),
            units_reporting=("units_reporting", "sum"),
        )
        .reset_index()
    )

    # 3. the complete grid: every (target, quarter) in range where some unit behind it existed,
    #    with how many units existed; quarters nobody sent become 0/0 rows (value null)
    if periods is not None:
        quarters = np.array(sorted({parse_period(p).index for p in periods}), dtype="int64")
    else:
        quarters = np.arange(int(agg["pidx"].min()), int(agg["pidx"].max()) + 1, dtype="int64")
    targets = lin["target"].unique()
    grid = pd.DataFrame({"target": np.repeat(targets, len(quarters)), "pidx": np.tile(quarters, len(targets))})
    grid["units_expected"] = _expected_units(lin, reg, grid)
    grid = grid[grid["units_expected"] > 0]
    table = grid.merge(table, on=["target", "pidx"], how="left")
    missing = table["units_reporting"].isna().to_numpy()
    for c in [*_COUNTS, "units_reporting"]:
        table[c] = table[c].fillna(0).astype("int64")
    before_start = (table["pidx"].to_numpy() < table["target"].map(info["vf"]).to_numpy()) & ~table["target"].map(
        info["is_area"]
    ).to_numpy(dtype=bool)
    sent_reconstructed = table["reconstructed"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    table["reconstructed"] = np.where(missing, before_start, sent_reconstructed)

    # 4. long format, one block per indicator
    order = table["target"].map(info["order"]).to_numpy()
    table = table.assign(_order=order).sort_values(["_order", "pidx"], kind="stable").reset_index(drop=True)
    labels = {i: str(Period.from_index(int(i))) for i in table["pidx"].unique()}
    period_text = table["pidx"].map(labels).to_numpy()
    is_area = table["target"].map(info["is_area"]).to_numpy(dtype=bool)
    n = len(table)
    blocks = []
    for k, (ind, (num_col, den_col)) in enumerate(COUNT_PAIRS.items()):
        num = table[num_col].to_numpy(dtype="int64")
        den = table[den_col].to_numpy(dtype="int64")
        blocks.append(
            pd.DataFrame(
                {
                    "unit": table["target"].to_numpy(),
                    "period": period_text,
                    "indicator": ind,
                    "numerator": num,
                    "denominator": den,
                    "value": ratio(num, den),
                    "reconstructed": table["reconstructed"].to_numpy(dtype=bool),
                    "is_area": is_area,
                    "units_reporting": table["units_reporting"].to_numpy(dtype="int64"),
                    "units_expected": table["units_expected"].to_numpy(dtype="int64"),
                    "_row": np.arange(n) * len(COUNT_PAIRS) + k,
                }
            )
        )
    out = pd.concat(blocks, ignore_index=True)
    out = out.sort_values("_row", kind="stable").drop(columns="_row").reset_index(drop=True)
    return out


_DTYPES = {
    "unit": "object",
    "period": "object",
    "indicator": "object",
    "numerator": "int64",
    "denominator": "int64",
    "value": "float64",
    "reconstructed": "bool",
    "is_area": "bool",
    "units_reporting": "int64",
    "units_expected": "int64",
}


def _expected_units(lin: pd.DataFrame, reg: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """For each (target, pidx) row of ``table``: members of ``lin`` that existed in that quarter.

    A member counts when it exists in the quarter and its link applies then (an ancestor only
    before the target's ``valid_from``, an area member only inside the area's validity).
    """
    member = reg[["code", "vf", "vt"]].rename(columns={"code": "member", "vf": "mvf", "vt": "mvt"})
    links = lin.merge(member, on="member")
    lo = links["mvf"].to_numpy()
    hi = links["mvt"].to_numpy()
    role = links["role"].to_numpy()
    hi = np.where(role == "ancestor", np.minimum(hi, links["vf"].to_numpy() - 1), hi)
    area = role == "area"
    lo = np.where(area, np.maximum(lo, links["vf"].to_numpy()), lo)
    hi = np.where(area, np.minimum(hi, links["vt"].to_numpy()), hi)
    # count intervals [lo, hi] covering each (target, pidx): +1 at lo, −1 after hi, cumulative sum
    pmin, pmax = int(table["pidx"].min()), int(table["pidx"].max())
    targets, t_codes = np.unique(links["target"].to_numpy(dtype=str), return_inverse=True)
    width = pmax - pmin + 2
    diff = np.zeros((len(targets), width), dtype="int64")
    start = np.clip(lo, pmin, pmax + 1) - pmin
    stop = np.clip(hi + 1, pmin, pmax + 1) - pmin
    valid = lo <= hi
    np.add.at(diff, (t_codes[valid], start[valid]), 1)
    np.add.at(diff, (t_codes[valid], stop[valid]), -1)
    counts = np.cumsum(diff, axis=1)
    row = np.searchsorted(targets, table["target"].to_numpy(dtype=str))
    return counts[row, table["pidx"].to_numpy() - pmin]


def pool_units(
    indicators: pd.DataFrame,
    units: Iterable[str],
    register: Register,
    label: str = "group",
) -> pd.DataFrame:
    """Pool a set of units picked by a person (a filter) into one series: Σ num / Σ den per period.

    Reads the long table of ``compute_indicators``. Areas are pooled like any unit, so picking an
    area together with units under it counts those units twice; a reconstructed row of a picked
    unit is left out in a quarter where one of its ancestors is picked too (that ancestor's own row
    already carries the data). ``reconstructed`` is True when any pooled row was.
    Returns ``unit (= label), period, indicator, numerator, denominator, value, reconstructed,
    is_area (False), units_reporting, units_expected``.
    """
    wanted = {register.canonical(u) for u in units if u in register}
    rows = indicators[indicators["unit"].isin(wanted)]
    lin = lineage_frame(register)
    clash = lin[(lin["role"] == "ancestor") & lin["target"].isin(wanted) & lin["member"].isin(wanted)]
    if not clash.empty and rows["reconstructed"].any():
        # (target, period) pairs where an ancestor that is also picked has an own row
        own = rows.loc[~rows["reconstructed"], ["unit", "period"]].drop_duplicates()
        hit = clash.merge(own, left_on="member", right_on="unit")[["target", "period"]].drop_duplicates()
        drop = rows.merge(hit, left_on=["unit", "period"], right_on=["target", "period"], how="left", indicator=True)
        rows = rows[~((drop["_merge"] == "both").to_numpy() & rows["reconstructed"].to_numpy())]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in INDICATOR_COLUMNS})
    g = (
        rows.groupby(["period", "indicator"], sort=False)
        .agg(
            numerator=("numerator", "sum"),
            denominator=("denominator", "sum"),
            reconstructed=("reconstructed", "max"),
            units_reporting=("units_reporting", "sum"),
            units_expected=("units_expected", "sum"),
        )
        .reset_index()
    )
    g["value"] = ratio(g["numerator"], g["denominator"])
    g["unit"] = label
    g["is_area"] = False
    g["_p"] = period_indexes(g["period"])
    g = g.sort_values(["_p", "indicator"]).drop(columns="_p").reset_index(drop=True)
    return g[INDICATOR_COLUMNS]
