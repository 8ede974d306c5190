"""What changed since before: a submission beside the unit's previous accepted quarter, agency by
agency, and whether a submission repeats one that was returned (issue 23).

- ``compare_bodies(current, previous)``: one row per agency of either table, matched by name as the
  reader matches names (case, diacritics, punctuation and spacing folded): ``status`` is ``same``,
  ``changed`` (some count differs), ``new`` (not in the previous quarter) or ``missing`` (in the
  previous quarter, not in this one); the five counts of both (``<count>`` and ``<count>_before``,
  nullable integers: <NA> where the agency is absent) and ``changed_fields`` (the counts that differ). Rows keep the
  order of ``current``, then the missing agencies in the previous order.
- ``same_bodies(a, b)``: the two tables hold the same agencies with the same types, counts and
  notes (in any order): the same numbers sent again.
- ``accepted_bodies(stored, unit, period)``: the accepted body rows of that very quarter among
  ``Store.active_bodies`` rows: what approving another submission of the quarter replaces (a unit
  resending last year's file must not overwrite its accepted numbers unseen).
- ``returned_twin(sha256, bodies, returned, bodies_of)``: among the submissions returned earlier
  (newest first), the first sent with the very same file (``"file"``), else the first holding the
  very same numbers (``"numbers"``; a form entry is a new file each time, its numbers are not);
  None when the submission repeats none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .periods import parse_period
from .schema import COUNT_COLUMNS
from .text import fold_text

__all__ = ["CHANGE_STATUSES", "ReturnedTwin", "accepted_bodies", "compare_bodies", "returned_twin", "same_bodies"]

CHANGE_STATUSES = ("same", "changed", "new", "missing")


def _by_name(frame: pd.DataFrame) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if frame is None or not len(frame):
        return out
    for r in frame.to_dict("records"):
        out.setdefault(fold_text(r.get("body_name")), r)
    return out


def _count(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return int(value)


def compare_bodies(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """``current`` beside ``previous`` (both with ``body_name``, ``body_type`` and the counts)."""
    before = _by_name(previous)
    now = _by_name(current)
    rows = []
    for key, r in now.items():
        old = before.get(key)
        row = {"body_name": str(r.get("body_name") or ""), "body_type": str(r.get("body_type") or "")}
        changed = []
        for c in COUNT_COLUMNS:
            row[c] = _count(r.get(c))
            row[f"{c}_before"] = _count(old.get(c)) if old is not None else None
            if old is not None and row[c] != row[f"{c}_before"]:
                changed.append(c)
        row["status"] = "new" if old is None else ("changed" if changed else "same")
        row["changed_fields"] = changed
        rows.append(row)
    for key, r in before.items():
        if key in now:
            continue
        row = {"body_name": str(r.get("body_name") or ""), "body_type": str(r.get("body_type") or "")}
        for c in COUNT_COLUMNS:
            row[c] = None
            row[f"{c}_before"] = _count(r.get(c))
        row["status"] = "missing"
        row["changed_fields"] = []
        rows.append(row)
    columns = [
        "body_name",
        "body_type",
        "status",
        *[x for c in COUNT_COLUMNS for x in (c, f"{c}_before")],
        "changed_fields",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for c in COUNT_COLUMNS:  # a count of an absent agency is missing (<NA>), never 0
        for name in (c, f"{c}_before"):
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    return frame


def _fingerprint(frame: pd.DataFrame) -> list[tuple]:
    rows = []
    for r in frame.to_dict("records"):
        note = r.get("note")
        note = "" if note is None or (isinstance(note, float) and note != note) else str(note).strip()
        rows.append(
            (
                fold_text(r.get("body_name")),
                str(r.get("body_type") or ""),
                *[_count(r.get(c)) for c in COUNT_COLUMNS],
                note,
            )
        )
    return sorted(rows, key=repr)


def accepted_bodies(stored: pd.DataFrame | None, unit: str, period: object) -> pd.DataFrame:
    """The rows of ``stored`` (``Store.active_bodies``) of ``unit`` in ``period`` itself, in their
    order; empty when that quarter has no accepted submission."""
    if stored is None or not len(stored):
        return pd.DataFrame(columns=[] if stored is None else stored.columns)
    key = str(parse_period(period))
    mine = stored[(stored["unit"].astype(str).str.upper() == str(unit).upper()) & (stored["period"].astype(str) == key)]
    return mine.reset_index(drop=True)


def same_bodies(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same agencies (names folded), types, counts and notes, in any order."""
    return len(a) == len(b) and _fingerprint(a) == _fingerprint(b)


@dataclass(frozen=True)
class ReturnedTwin:
    """A submission returned earlier that this one repeats: how (``"file"`` or ``"numbers"``),
    its id, when and by whom it was returned, and the comment it was returned with."""

    how: str
    id: int
    returned_at: str
    reviewer: str
    comment: str


def returned_twin(
    sha256: str,
    bodies: pd.DataFrame,
    returned: pd.DataFrame,
    bodies_of: Callable[[int], pd.DataFrame],
) -> ReturnedTwin | None:
    """The first of ``returned`` (``Store.returned_for`` / ``returned_with_file`` rows, newest
    first) that this submission repeats: the same file, else the same numbers (``bodies_of(id)``
    reads a returned submission's body rows)."""
    if returned is None or returned.empty:
        return None
    rows = returned.to_dict("records")

    def twin(r: dict, how: str) -> ReturnedTwin:
        who = r.get("reviewer_name") or r.get("reviewed_by") or ""
        return ReturnedTwin(
            how, int(r["id"]), str(r.get("reviewed_at") or ""), str(who), str(r.get("review_comment") or "")
        )

    for r in rows:
        if sha256 and r.get("sha256") == sha256:
            return twin(r, "file")
    for r in rows:
        if bodies is not None and same_bodies(bodies, bodies_of(int(r["id"]))):
            return twin(r, "numbers")
    return None
