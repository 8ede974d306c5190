"""The rules that need the stored history (SPEC §6 warnings), given the active submissions.

- ``replaces_submission``: the unit-period already has an active submission from another file.
- ``large_change``: an indicator of a unit-period moves more than ``LARGE_CHANGE_POINTS`` (25)
  percentage points from the unit's **previous quarter with data**: the latest earlier quarter of
  the same unit code among the active stored submissions and the file's own unit-periods (the
  file's own rows win for a quarter they both hold, since they would replace the stored ones).
  When the immediately preceding quarter exists it is that quarter; otherwise the most recent
  earlier one. Only the unit's own values are compared (no reconstruction from predecessors); a
  value with a zero denominator (NaN) is not compared.

- ``missing_bodies`` (the guard against a silent partial read): a unit-period that lacks bodies the
  same unit reported in its **previous quarter with data** (as above: the stored active
  submissions and the file's own earlier quarters) lists them — "thiếu 6 cơ quan so với Quý
  II/2026: …" (names folded as for duplicates; the first ``MISSING_LISTED`` named, then how many
  more); and ``fewer_bodies`` when the body count falls by more than half (fewer than half as
  many bodies). Both are warnings: a body may close or merge, but a file read in part (a sheet or a
  page left out) must be seen by the person who stores or accepts it — the upload preview, the
  review page and ``check --json`` all show the warnings of ``intake.check_upload``.

These functions take frames, not a store: the caller (``intake.check_upload``) queries the active
rows and computes the indicator values, so validation imports nothing above it.
"""

from __future__ import annotations

import pandas as pd

from ..i18n import number, t
from ..periods import parse_period
from ..schema import INDICATORS
from ..text import fold_text
from ..units import Register
from .issues import ValidationIssue, make_bilingual_issue
from .report import FileReport

__all__ = ["LARGE_CHANGE_POINTS", "MISSING_LISTED", "large_change", "missing_bodies", "replaces_submission"]

LARGE_CHANGE_POINTS = 25.0
MISSING_LISTED = 12


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


def missing_bodies(report: FileReport, new_bodies: pd.DataFrame, old_bodies: pd.DataFrame, register: Register):
    """``missing_bodies`` and ``fewer_bodies`` warnings for the file's unit-periods (module docstring).

    ``new_bodies``: the file's bodies (``unit``, ``period``, ``body_name``: ``report.stacked_bodies()``);
    ``old_bodies``: the stored active bodies of the same units (``Store.active_bodies``)."""
    if new_bodies.empty:
        return []
    cols = ["unit", "period", "body_name"]
    new = new_bodies[cols].assign(period=new_bodies["period"].astype(str))
    old = old_bodies[cols].assign(period=old_bodies["period"].astype(str)) if len(old_bodies) else new.iloc[0:0]
    in_file = set(zip(new["unit"], new["period"], strict=True))
    old = old[[(u, p) not in in_file for u, p in zip(old["unit"], old["period"], strict=True)]]
    both = pd.concat([new, old], ignore_index=True)
    names = pd.unique(both["body_name"].to_numpy())
    both["key"] = both["body_name"].map({n: fold_text(n) for n in names})
    quarters = both[["unit", "period"]].drop_duplicates().sort_values(["unit", "period"])
    quarters["previous"] = quarters.groupby("unit", sort=False)["period"].shift(1)
    previous = {
        (u, p): q
        for u, p, q in zip(quarters["unit"], quarters["period"], quarters["previous"], strict=True)
        if isinstance(q, str) and (u, p) in in_file
    }
    if not previous:
        return []
    groups = both.groupby(["unit", "period"], sort=False)
    row_of = _first_rows(report)
    sheet_of = {(s.unit, str(s.period)): s.sheet for s in report.submissions}
    out = []
    for sub in report.submissions:
        key = (sub.unit, str(sub.period))
        before = previous.get(key)
        if before is None:
            continue
        now = groups.get_group(key)
        then = groups.get_group((sub.unit, before))
        have = set(now["key"])
        lost = list(dict.fromkeys(n for n, k in zip(then["body_name"], then["key"], strict=True) if k not in have))
        n_then = then["key"].nunique()
        n_now = now["key"].nunique()
        loc = {"sheet": sheet_of.get(key, ""), "row": row_of.get(key)}
        labels = {
            lang: {
                "unit": _unit_label(register, sub.unit),
                "period": sub.period.label(lang),
                "previous_period": parse_period(before).label(lang),
            }
            for lang in ("vi", "en")
        }
        if lost:
            shown = ", ".join(lost[:MISSING_LISTED])
            params = {}
            for lang in ("vi", "en"):
                more = "" if len(lost) <= MISSING_LISTED else t("issue.more_bodies", lang, n=len(lost) - MISSING_LISTED)
                params[lang] = {**labels[lang], "count": len(lost), "names": shown + more}
            out.append(make_bilingual_issue("missing_bodies", params["vi"], params["en"], value=len(lost), **loc))
        if 2 * n_now < n_then:
            params = {lang: {**labels[lang], "count": n_now, "previous_count": n_then} for lang in ("vi", "en")}
            out.append(make_bilingual_issue("fewer_bodies", params["vi"], params["en"], value=n_now, **loc))
    return out
