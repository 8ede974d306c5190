"""Indicator arithmetic on body rows (SPEC §2).

``aggregate_bodies`` reduces body rows to one row per (unit, period) with the numerator and
denominator of each indicator:

- I1: ``I1_den`` = number of I1-bodies (HĐND, UBND, Cơ quan chuyên môn) with ``key_leaders ≥ 1``;
  ``I1_num`` = those of them with ``key_leaders_female ≥ 1``. Other body types and I1-bodies with
  no key leaders do not count.
- I2: ``I2_num`` = Σ ``pool_female``, ``I2_den`` = Σ ``pool_total``.
- I3: ``I3_num`` = Σ ``pool_female_trained``, ``I3_den`` = Σ ``pool_female``.

Values are ``100 · num / den`` and null (NaN) when ``den == 0``; pooling a group of units sums
numerators and denominators first — never a mean of percentages. Values stay unrounded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import I1_BODY_TYPES

__all__ = ["COUNT_PAIRS", "aggregate_bodies", "ratio"]

#: indicator id -> (numerator column, denominator column) in aggregated frames.
COUNT_PAIRS: dict[str, tuple[str, str]] = {
    "I1": ("I1_num", "I1_den"),
    "I2": ("I2_num", "I2_den"),
    "I3": ("I3_num", "I3_den"),
}

_I1_TYPES = [str(bt) for bt in I1_BODY_TYPES]


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
