"""Streamlit helpers for the one judgement (issue 21): what one person means, under a status.

Every number comes from ``gender_targets.judgement``; these helpers only word it (catalogue) and
draw it, so the overview, the trajectory and the data page say it the same way.
"""

from __future__ import annotations

import streamlit as st

from gender_targets.i18n import percent
from gender_targets.judgement import (
    Judgement,
    counts_text,
    one_person_text,
    people_needed_text,
    value_text,
)
from ui.common import lang, period_label, tr


def counts_line(indicator: str, numerator, denominator) -> str:
    """ "16/40 nữ trong diện quy hoạch" in the page's language ("" without counts)."""
    return counts_text(indicator, numerator, denominator, lang())


def value_line(indicator: str, value, numerator, denominator) -> str:
    """ "16/40 nữ trong diện quy hoạch — 40,0%" in the page's language."""
    return value_text(indicator, value, numerator, denominator, lang())


def value_cell(indicator: str, value, numerator, denominator) -> str:
    """ "40,0% (16/40 nữ trong diện quy hoạch)" for a table cell: the value first, so a narrow column
    cuts the words, not the number."""
    shown = percent(None if value is None or value != value else float(value), lang())
    counts = counts_line(indicator, numerator, denominator)
    return tr("judgement.value_first", value=shown, counts=counts) if counts and shown != "—" else shown


def scale_lines(j: Judgement) -> list[str]:
    """The small-number lines under a status: "1 người = 2,5 điểm %", "cần thêm 3 nữ … để đạt 50%
    năm 2030", a value from fewer than 20 people, a status one person could change, a value at the
    target not yet shown as achieved, and the formula's own status when the steady one differs."""
    ind, pr = j.indicator, j.progress
    lines = []
    one = one_person_text(ind, j.one_person_points, lang())
    needed = people_needed_text(ind, j.people_needed, pr.final_target, pr.final_year, lang())
    if one or needed:
        text = " · ".join(x for x in (one, needed) if x)
        lines.append(text[:1].upper() + text[1:])
    if j.small:
        lines.append(tr(f"judgement.small.{ind}").capitalize())
    elif j.fragile:
        lines.append(tr("judgement.fragile.I1" if ind == "I1" else "judgement.fragile").capitalize())
    if (
        j.value is not None
        and pr.final_target is not None
        and j.value >= pr.final_target - 1e-9
        and j.status != "achieved"
    ):
        target = percent(pr.final_target, lang(), 0 if float(pr.final_target).is_integer() else 1)
        lines.append(tr("judgement.at_target", target=target))
    elif j.raw_status and j.raw_status != j.status and j.raw_status != "insufficient_data":
        lines.append(tr("judgement.raw_differs", raw=tr(f"status.{j.raw_status}"), status=tr(f"status.{j.status}")))
    return lines


def show_scale(j: Judgement) -> None:
    """``scale_lines`` as captions (our own words and numbers only: nothing a user typed)."""
    for line in scale_lines(j):
        st.caption(line)


def provisional_text(j: Judgement) -> str | None:
    """ "Quý III/2026 mới có 1/4 đơn vị gửi báo cáo: … tạm thời, chưa dùng để đánh giá; đánh giá theo
    Quý II/2026." — or None when no quarter is still coming in."""
    prov = j.provisional
    if prov is None:
        return None
    shown = value_line(j.indicator, prov.value, prov.numerator, prov.denominator)
    return tr(
        "judgement.provisional",
        period=period_label(prov.period),
        sent=prov.units_reporting,
        total=prov.units_expected,
        value=shown,
        used=period_label(j.period) if j.period else "—",
    )
