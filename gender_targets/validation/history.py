"""The rules that need the stored history (SPEC §6 warnings), given the active submissions.

- ``replaces_submission``: the unit-period already has an active submission from another file.
- ``large_change``: an indicator of a unit-period moves more than ``LARGE_CHANGE_POINTS`` (25)
  percentage points from the unit's **previous quarter with data**: the latest earlier quarter of
  the same unit code among the active stored submissions and the file's own unit-periods (the
  file's own rows win for a quarter they both hold, since they would replace the stored ones).
  When the immediately preceding quarter exists it is that quarter; otherwise the most recent
  earlier one. Only the unit's own values are compared (no reconstruction from predecessors); a
  value with a zero denominator (NaN) is not compared.

These functions take frames, not a store: the caller (``intake.check_upload``) queries the active
rows and computes the indicator values, so validation imports nothing above it.
"""

from __future__ import annotations

import pandas as pd

from ..i18n import number
from ..periods import parse_period
from ..schema import INDICATORS
from ..units import Register
from .issues import ValidationIssue, make_bilingual_issue
from .report import FileReport

__all__ = ["LARGE_CHANGE_POINTS", "large_change", "replaces_submission"]

LARGE_CHANGE_POINTS = 25.0


def _unit_label(register: Register, code: str) -> str:
    return f"{register.name(code)} ({code})" if code in register else code


def _first_rows(report: FileReport) -> dict[tuple[str, str], int | None]:
    """Per (unit, period string): the first sheet row of the submission's bodies, None if unknown."""
    stacked = report.reader_stacked()
    if stacked is not None:  # one group-by over every body row (the reader's own frame)
        firsts = stacked.groupby("k", sort=False)["source_row"].min()
        first = dict(zip(firsts.index.tolist(), firsts.tolist(), strict=True))
        out = {}
        for k, s in enumerate(report.submissions):
            v = first.get(k)
            out[(s.unit, str(s.period))] = None if v is None or v is pd.NA else int(v)
        return out
    out = {}
    for s in report.submissions:
        rows = s.bodies["source_row"] if "source_row" in s.bodies else pd.Series([], dtype="Int64")
        rows = pd.to_numeric(rows, errors="coerce").dropna()
        out[(s.unit, str(s.period))] = int(rows.min()) if len(rows) else None
    return out


def replaces_submission(report: FileReport, active: pd.DataFrame, register: Register) -> list[ValidationIssue]:
    """One warning per unit-period of the file already active from another file.

    ``active``: the active submissions of the file's units (``unit, period, id, sha256, file_name``).
    """
    row_of = _first_rows(report)
    stored = {(r.unit, r.period): r for r in active.itertuples()}
    out = []
    for sub in report.submissions:
        prev = stored.get((sub.unit, str(sub.period)))
        if prev is None or prev.sha256 == report.sha256:
            continue
        out.append(
            make_bilingual_issue(
                "replaces_submission",
                {"period": sub.period.label("vi")},
                {"period": sub.period.label("en")},
                sheet=sub.sheet,
                row=row_of[(sub.unit, str(sub.period))],
                value=f"{sub.unit} {sub.period}",
                unit=_unit_label(register, sub.unit),
                previous_id=int(prev.id),
                previous_file=prev.file_name,
            )
        )
    return out


def large_change(
    report: FileReport, new_values: pd.DataFrame, old_values: pd.DataFrame, register: Register
) -> list[ValidationIssue]:
    """Warnings for indicator moves over ``LARGE_CHANGE_POINTS`` from the previous quarter with data.

    ``new_values`` / ``old_values``: per (unit, period) index ("2024Q3" strings sort by time), the
    I1, I2, I3 values in percent of the file's unit-periods and of the stored active ones.
    """
    if new_values.empty:
        return []
    row_of = _first_rows(report)
    in_file = new_values.index
    both = pd.concat([new_values, old_values[~old_values.index.isin(in_file)]]).sort_index()
    prev = both.groupby(level="unit", sort=False).shift(1)
    prev_period = pd.Series(both.index.get_level_values("period"), index=both.index)
    prev_period = prev_period.groupby(level="unit", sort=False).shift(1)
    sheet_of = {(s.unit, str(s.period)): s.sheet for s in report.submissions}
    mask_file = both.index.isin(in_file)
    out = []
    for ind in INDICATORS:
        delta = (both[ind] - prev[ind]).abs()
        hits = both.index[mask_file & (delta > LARGE_CHANGE_POINTS).to_numpy()]
        for unit, p in hits:
            now, before = float(both.at[(unit, p), ind]), float(prev.at[(unit, p), ind])
            before_period = parse_period(prev_period.at[(unit, p)])
            params = {}
            for lang in ("vi", "en"):
                params[lang] = {
                    "indicator": f"{ind} ({INDICATORS[ind].short(lang)})",
                    "delta": number(abs(now - before), lang, 1),
                    "previous_period": before_period.label(lang),
                    "previous": number(before, lang, 1) + "%",
                    "value": number(now, lang, 1) + "%",
                    "unit": f"{_unit_label(register, unit)}, {parse_period(p).label(lang)}",
                }
            out.append(
                make_bilingual_issue(
                    "large_change",
                    params["vi"],
                    params["en"],
                    sheet=sheet_of.get((unit, p), ""),
                    row=row_of.get((unit, p)),
                    value=f"{now:.1f}",
                )
            )
    return out
