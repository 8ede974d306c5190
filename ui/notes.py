"""Streamlit glue for notes (a short remark on an indicator or a unit for a quarter) and for the
source line under charts. No rule here: the store validates and keeps the notes; the text is
user input and is only ever shown as plain text (dataframes) or escaped (``charts.plain``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe, t
from gender_targets.periods import parse_period

from .common import db_url, get_store, lang, period_label, tr


@st.cache_data(show_spinner=False, max_entries=8)
def _notes(url: str, version: int) -> pd.DataFrame:
    return get_store().notes()


@st.cache_data(show_spinner=False, max_entries=8)
def _updated(url: str, version: int) -> str:
    from gender_targets.reports import data_updated_at

    when = data_updated_at(get_store().history_active())
    return when.strftime("%H:%M %d/%m/%Y") if when else "—"


def notes_of(model, unit: str, indicator: str | None = None) -> pd.DataFrame:
    """The notes on ``unit`` (and on ``indicator`` or the unit as a whole), cached by data version."""
    frame = _notes(db_url(), model.version)
    if frame.empty:
        return frame
    out = frame[frame["unit"] == unit]
    if indicator is not None:
        out = out[out["indicator"].isin([indicator, ""])]
    return out


def source_line(model) -> str:
    """ "Nguồn: …; số liệu đến Quý II/2026, cập nhật lúc …" for chart footnotes."""
    return t(
        "report.source",
        lang(),
        period=period_label(model.latest) if model.latest else "—",
        updated=_updated(db_url(), model.version),
    )


def notes_form(model, unit: str, periods: list[str], indicators: list[str]) -> None:
    """The unit's notes as a plain-text table, and a small form to attach one for those who may
    (reviewers and admins, or the local operator; the store checks the role again)."""
    from gender_targets.accounts import Action
    from ui.auth import visitor

    who = visitor()
    with st.expander(tr("ui.notes.title"), icon=":material/sticky_note_2:"):
        existing = notes_of(model, unit)
        if not existing.empty:
            show = existing.assign(period=existing["period"].map(period_label))
            show = show.assign(indicator=show["indicator"].replace("", tr("ui.notes.whole_unit")))
            show = show[["period", "indicator", "text", "created_by"]]
            show.columns = [tr("ui.common.quarter"), tr("ui.common.indicator"), tr("ui.notes.text"), tr("ui.notes.by")]
            st.dataframe(show, hide_index=True, key="trend_notes_table")
        if not who.may(Action.REVIEW):
            return
        with st.form("trend_note_form", clear_on_submit=True, border=False):
            c1, c2 = st.columns(2)
            ordered = sorted(periods, key=lambda p: parse_period(p).index, reverse=True)
            period = c1.selectbox(tr("ui.common.quarter"), ordered, format_func=period_label, key="trend_note_period")
            which = c2.selectbox(
                tr("ui.common.indicator"),
                ["", *indicators],
                format_func=lambda i: tr("ui.notes.whole_unit") if i == "" else i,
                key="trend_note_indicator",
            )
            text = st.text_input(
                tr("ui.notes.text"), max_chars=300, key="trend_note_text", placeholder=tr("ui.notes.placeholder")
            )
            if st.form_submit_button(tr("ui.notes.add"), icon=":material/add:"):
                try:
                    get_store().add_note(unit, period, text, indicator=which or None, by="app", actor=who.account)
                except GenderTargetsError as exc:
                    st.error(describe(exc, lang()))
                else:
                    st.success(tr("ui.notes.saved"))
